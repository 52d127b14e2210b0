// Drives dist/Sidebar.html in headless Chromium with a google.script.run that calls a Node-side server.
// Arguments and results are JSON round-tripped like google.script.run, and a Date crossing either way fails the call.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { chromiumForTests } from './find-chromium';

export const ROOT = resolve(__dirname, '../..');
export const SIDEBAR_HTML = join(ROOT, 'dist/Sidebar.html');
export const SCREENSHOTS = join(ROOT, 'artifacts/screenshots');

/** The server side of google.script.run: a function name and its arguments (already JSON-copied). */
export type ServerCall = (name: string, args: unknown[]) => unknown;

const toTag = Object.prototype.toString;

/** google.script.run rejects Dates, functions and other non-JSON values anywhere in a payload. */
export function illegalValue(value: unknown, path = 'value'): string | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${path} is ${value}`;
  if (value === undefined) return null;
  if (typeof value === 'function') return `${path} is a function`;
  if (typeof value !== 'object') return `${path} is a ${typeof value}`;
  if (toTag.call(value) === '[object Date]') return `${path} is a Date`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = illegalValue(value[i], `${path}[${i}]`);
      if (problem) return problem;
    }
    return null;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== null && toTag.call(value) !== '[object Object]') return `${path} is not a plain object`;
  for (const [key, item] of Object.entries(value)) {
    const problem = illegalValue(item, `${path}.${key}`);
    if (problem) return problem;
  }
  return null;
}

/**
 * The browser global setup found (find-chromium.ts). Fails with its message when there is none: a skip would
 * hide a broken setup.
 */
export async function launchChromium(): Promise<Browser> {
  const launch = await chromiumForTests();
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...process.env, ...launch.env })) {
    if (value !== undefined) env[name] = value;
  }
  return chromium.launch({ executablePath: launch.executablePath, headless: true, args: launch.args, env });
}

/** Installed in the page before the sidebar's script runs: google.script.run's chaining API over a bridge. */
const CLIENT_SHIM = `(() => {
  const toTag = Object.prototype.toString;
  const illegal = (value) => {
    if (value === null || typeof value !== 'object') return typeof value === 'function';
    if (toTag.call(value) === '[object Date]') return true;
    return Object.values(value).some(illegal);
  };
  function runner(success, failure) {
    const base = {
      withSuccessHandler: (fn) => runner(fn, failure),
      withFailureHandler: (fn) => runner(success, fn),
      withUserObject: () => runner(success, failure),
    };
    return new Proxy(base, {
      get(target, name) {
        if (typeof name !== 'string' || name in target) return target[name];
        return (...args) => {
          const fail = (message) => setTimeout(() => failure && failure(new Error(message)), 0);
          if (illegal(args)) return fail('Failed due to illegal value in property: 0');
          window.__leadscoreRun(name, JSON.stringify(args)).then((text) => {
            const reply = JSON.parse(text);
            if (reply.ok) { if (success) success(reply.value); }
            else fail(reply.message);
          }, (error) => fail(String(error && error.message || error)));
        };
      },
    });
  }
  window.google = { script: { run: runner(null, null), host: { close() {} } } };
})();`;

export interface SidebarPage {
  page: Page;
  /** Server functions called, in order. */
  calls: string[];
  /** Messages of any alert/confirm/prompt dialogs (there should be none). */
  dialogs: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
}

/** Opens the built sidebar at the real sidebar width with `server` behind google.script.run. */
export async function openSidebar(browser: Browser, server: ServerCall, height = 900): Promise<SidebarPage> {
  if (!existsSync(SIDEBAR_HTML)) throw new Error(`${SIDEBAR_HTML} is missing: run npm run build first.`);
  const page = await browser.newPage({ viewport: { width: 300, height }, deviceScaleFactor: 1 });
  const calls: string[] = [];
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  // No network in tests: anything but the file itself is refused, so a stray CDN link would fail loudly.
  await page.route('**/*', (route) =>
    route.request().url().startsWith('file:') ? route.continue() : route.abort(),
  );
  await page.exposeFunction('__leadscoreRun', async (name: string, argsJson: string) => {
    calls.push(name);
    try {
      const args: unknown = JSON.parse(argsJson);
      const value = server(name, Array.isArray(args) ? args : []);
      const problem = illegalValue(value, 'return value');
      if (problem) return JSON.stringify({ ok: false, message: `Failed due to illegal value: ${problem}` });
      return JSON.stringify({ ok: true, value: value === undefined ? null : value });
    } catch (error) {
      const message =
        typeof error === 'object' && error !== null ? String(Reflect.get(error, 'message')) : String(error);
      return JSON.stringify({ ok: false, message });
    }
  });
  await page.addInitScript(CLIENT_SHIM);
  await page.goto(pathToFileURL(SIDEBAR_HTML).href);
  return { page, calls, dialogs, errors };
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

export function sidebarSize(): number {
  return readFileSync(SIDEBAR_HTML).byteLength;
}
