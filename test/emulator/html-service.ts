// HtmlService: outputs from strings or files (default folder dist/), and templates with <? ?> scriptlets.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Access, type EmulatorContext } from './context';
import { SandboxMode, XFrameOptionsMode } from './enums';
import type { RecordedHtml } from './recorder';

const S = Access.STORE;

export class HtmlOutput {
  private title = '';
  private width: number | null = null;
  private height: number | null = null;

  constructor(
    private readonly ctx: EmulatorContext,
    private content: string,
  ) {}

  getContent(): string {
    this.ctx.call('HtmlOutput.getContent', S);
    return this.content;
  }

  setContent(content: string): HtmlOutput {
    this.ctx.call('HtmlOutput.setContent', S);
    this.content = String(content);
    return this;
  }

  append(addedContent: string): HtmlOutput {
    this.ctx.call('HtmlOutput.append', S);
    this.content += String(addedContent);
    return this;
  }

  clear(): HtmlOutput {
    this.ctx.call('HtmlOutput.clear', S);
    this.content = '';
    return this;
  }

  getTitle(): string {
    this.ctx.call('HtmlOutput.getTitle', S);
    return this.title;
  }

  setTitle(title: string): HtmlOutput {
    this.ctx.call('HtmlOutput.setTitle', S);
    this.title = String(title);
    return this;
  }

  getWidth(): number | null {
    this.ctx.call('HtmlOutput.getWidth', S);
    return this.width;
  }

  setWidth(width: number): HtmlOutput {
    this.ctx.call('HtmlOutput.setWidth', S);
    this.width = width;
    return this;
  }

  getHeight(): number | null {
    this.ctx.call('HtmlOutput.getHeight', S);
    return this.height;
  }

  setHeight(height: number): HtmlOutput {
    this.ctx.call('HtmlOutput.setHeight', S);
    this.height = height;
    return this;
  }

  /** Has no effect: only IFRAME remains (documented by Google). */
  setSandboxMode(_mode: unknown): HtmlOutput {
    this.ctx.call('HtmlOutput.setSandboxMode', S);
    return this;
  }

  setXFrameOptionsMode(_mode: unknown): HtmlOutput {
    this.ctx.call('HtmlOutput.setXFrameOptionsMode', S);
    return this;
  }

  addMetaTag(_name: string, _content: string): HtmlOutput {
    this.ctx.call('HtmlOutput.addMetaTag', S);
    return this;
  }

  setFaviconUrl(_url: string): HtmlOutput {
    this.ctx.call('HtmlOutput.setFaviconUrl', S);
    return this;
  }

  /** Uncounted copy for the recorder. */
  snapshot(): RecordedHtml {
    return { title: this.title, content: this.content, width: this.width, height: this.height };
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/** Compiles <? code ?>, <?= escaped ?> and <?!= raw ?> into a function of a scope object (run with `with`). */
function compileTemplate(source: string): (scope: object, escapeHtml: (v: unknown) => string) => string {
  let body = "var __out = '';\n";
  let rest = source;
  while (rest.length > 0) {
    const open = rest.indexOf('<?');
    if (open < 0) {
      body += `__out += ${JSON.stringify(rest)};\n`;
      break;
    }
    body += `__out += ${JSON.stringify(rest.slice(0, open))};\n`;
    const close = rest.indexOf('?>', open);
    if (close < 0) throw new Error('Unterminated scriptlet in template');
    const tag = rest.slice(open + 2, close);
    if (tag.startsWith('!=')) body += `__out += String(${tag.slice(2)});\n`;
    else if (tag.startsWith('=')) body += `__out += __escape(${tag.slice(1)});\n`;
    else body += `${tag}\n`;
    rest = rest.slice(close + 2);
  }
  // Function-constructor code is sloppy mode, so `with` is allowed: scriptlets see template properties and bundle globals.
  const fn = new Function('__scope', '__escape', `with (__scope) {\n${body}}\nreturn __out;`);
  return fn as (scope: object, escapeHtml: (v: unknown) => string) => string;
}

export class HtmlTemplate {
  [property: string]: unknown;

  constructor(ctx: EmulatorContext, source: string) {
    Object.defineProperty(this, '__ctx', { value: ctx, enumerable: false });
    Object.defineProperty(this, '__source', { value: source, enumerable: false });
  }

  evaluate(): HtmlOutput {
    const ctx = (this as unknown as { __ctx: EmulatorContext }).__ctx;
    const source = (this as unknown as { __source: string }).__source;
    ctx.call('HtmlTemplate.evaluate', S);
    const scope: Record<string, unknown> = Object.create(ctx.bundle ?? null);
    for (const key of Object.keys(this)) scope[key] = this[key];
    return new HtmlOutput(ctx, compileTemplate(source)(scope, escapeHtml));
  }

  getCode(): string {
    return (this as unknown as { __source: string }).__source;
  }
}

export class HtmlService {
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly htmlDir: string,
  ) {}

  createHtmlOutput(html?: string): HtmlOutput {
    this.ctx.call('HtmlService.createHtmlOutput', S);
    return new HtmlOutput(this.ctx, html === undefined ? '' : String(html));
  }

  /** Reads `<htmlDir>/<filename>.html`; clasp pushes files by path without extension, so "ui/Sidebar" works too. */
  createHtmlOutputFromFile(filename: string): HtmlOutput {
    this.ctx.call('HtmlService.createHtmlOutputFromFile', S);
    return new HtmlOutput(this.ctx, this.readFile(filename));
  }

  createTemplate(html: string): HtmlTemplate {
    this.ctx.call('HtmlService.createTemplate', S);
    return new HtmlTemplate(this.ctx, String(html));
  }

  createTemplateFromFile(filename: string): HtmlTemplate {
    this.ctx.call('HtmlService.createTemplateFromFile', S);
    return new HtmlTemplate(this.ctx, this.readFile(filename));
  }

  private readFile(filename: string): string {
    const name = String(filename).replace(/\.html$/, '');
    const path = join(this.htmlDir, `${name}.html`);
    if (!existsSync(path)) throw this.ctx.error(`No HTML file named ${name} was found.`);
    return readFileSync(path, 'utf8');
  }
}
