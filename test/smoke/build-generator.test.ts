// scripts/build.mjs on a tiny fake project: wrappers, @customfunction JSDoc from the catalog, and its refusals.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmulator } from '../emulator';
import { builtCode, footerFunctions, loadBundle, REPO_ROOT } from '../support/bundle';

const CATALOG = `export const CUSTOM_FUNCTIONS = [{
  name: 'DOUBLE', description: 'Doubles a number or a range.',
  parameters: [{ name: 'input', type: 'number', description: 'The value to double.' }],
  returns: 'Twice the input.',
}];`;

function fakeProject(index: string, catalog = CATALOG): string {
  const root = mkdtempSync(join(tmpdir(), 'leadscore-build-'));
  mkdirSync(join(root, 'scripts'));
  mkdirSync(join(root, 'src', 'functions'), { recursive: true });
  copyFileSync(join(REPO_ROOT, 'scripts', 'build.mjs'), join(root, 'scripts', 'build.mjs'));
  copyFileSync(join(REPO_ROOT, 'appsscript.json'), join(root, 'appsscript.json'));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  writeFileSync(join(root, 'src', 'index.ts'), index);
  writeFileSync(join(root, 'src', 'functions', 'catalog.ts'), catalog);
  return root;
}

function build(root: string): { ok: boolean; output: string } {
  try {
    const output = execFileSync(process.execPath, ['scripts/build.mjs'], {
      cwd: root,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { ok: true, output };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('scripts/build.mjs', () => {
  const roots: string[] = [];
  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  it('generates a documented wrapper per custom function and a plain wrapper per other export', () => {
    const root = fakeProject(
      `export function DOUBLE(input: number) { return input * 2; }
       export function onOpen() { SpreadsheetApp.getUi().createAddonMenu().addItem('Go', 'onOpen').addToUi(); }`,
    );
    roots.push(root);
    const result = build(root);
    expect(result.output).toContain('2 globals');
    const dist = join(root, 'dist');
    const wrappers = footerFunctions(builtCode(dist));
    expect(wrappers.map((w) => [w.name, w.parameters])).toEqual([
      ['DOUBLE', ['input']],
      ['onOpen', []],
    ]);
    const doc = wrappers[0]?.jsdoc ?? '';
    expect(doc).toContain('Doubles a number or a range.');
    expect(doc).toContain('@param {number} input The value to double.');
    expect(doc).toContain('@customfunction');
    expect(wrappers[1]?.jsdoc).toBeNull();
    const emulator = createEmulator();
    loadBundle(emulator, dist);
    expect(emulator.invoke('DOUBLE', [21], { authMode: 'CUSTOM_FUNCTION' })).toBe(42);
  });

  it('refuses an upper-case export without catalog metadata and a bundle that calls a service at load time', () => {
    const missingMeta = fakeProject(
      'export function TRIPLE(x: number) { return x * 3; }',
      'export const CUSTOM_FUNCTIONS = [];',
    );
    roots.push(missingMeta);
    const first = build(missingMeta);
    expect(first.ok).toBe(false);
    expect(first.output).toContain('TRIPLE: an upper-case export is a custom function');

    const eager = fakeProject(
      `const props = PropertiesService.getDocumentProperties();
       export function onOpen() { return props; }`,
      'export const CUSTOM_FUNCTIONS = [];',
    );
    roots.push(eager);
    const second = build(eager);
    expect(second.ok).toBe(false);
    expect(second.output).toContain('does work at load time');
  });
});
