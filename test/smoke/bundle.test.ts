// Smoke tests of the built dist/ bundle loaded with gas-local into the emulator (run `npm run build` first).
import { HELP_MENU, MENU_ITEMS } from '../../src/gas/menu';
import { AuthMode, createEmulator } from '../emulator';
import {
  builtCode,
  customFunctionCatalog,
  footerFunctions,
  indexExportNames,
  loadBundle,
} from '../support/bundle';

const code = builtCode();
const footer = footerFunctions(code);
const exported = indexExportNames();

describe('dist/Code.js loaded with gas-local', () => {
  it('makes zero service calls while loading', () => {
    const emulator = createEmulator({ authMode: 'NONE' });
    loadBundle(emulator);
    expect(emulator.calls.byMethod()).toEqual({});
  });

  it('defines every name exported from src/index.ts as a top-level function', () => {
    const emulator = createEmulator();
    const context = loadBundle(emulator);
    expect(exported.length).toBeGreaterThan(0);
    const notFunctions = exported.filter((name) => typeof context[name] !== 'function');
    expect(notFunctions).toEqual([]);
    // Each must be a real function declaration in the footer, not a property of the IIFE global.
    expect(footer.map((f) => f.name).sort()).toEqual([...exported].sort());
  });

  it('onOpen in AuthMode.NONE builds the add-on menu and calls no other service', () => {
    const emulator = createEmulator({ authMode: 'NONE' });
    loadBundle(emulator);
    emulator.invoke('onOpen', [{ authMode: AuthMode.NONE }], { authMode: 'NONE' });
    const menu = emulator.ui.menu();
    const item = ([label, handler]: readonly [string, string]) => ({ kind: 'item', label, handler });
    expect(menu?.entries).toEqual([
      ...MENU_ITEMS.map(item),
      { kind: 'submenu', label: HELP_MENU.label, entries: HELP_MENU.items.map(item) },
    ]);
    const menuOnly = new Set([
      'SpreadsheetApp.getUi',
      'Ui.createAddonMenu',
      'Ui.createMenu',
      'Menu.addSubMenu',
      'Menu.addItem',
      'Menu.addSeparator',
      'Menu.addToUi',
    ]);
    expect(emulator.calls.methods().filter((method) => !menuOnly.has(method))).toEqual([]);
  });

  // EXPECTED TO FAIL until every menu handler (scoreNow, setUpScoring, scheduleRefresh, stopSchedule,
  // showHelp, ...) is written and exported from src/index.ts: those handlers were in progress elsewhere
  // when this test was written. A menu item naming a missing function shows "Script function not found".
  it('every menu item runs a top-level function of the bundle', () => {
    const context = loadBundle(createEmulator());
    const missing = [...MENU_ITEMS, ...HELP_MENU.items]
      .map(([, handler]) => handler)
      .filter((handler) => typeof context[handler] !== 'function');
    expect(missing).toEqual([]);
  });

  it('each custom function carries @customfunction JSDoc, and the footer and the catalog agree', () => {
    const catalog = customFunctionCatalog();
    const documented = footer.filter((f) => f.jsdoc?.includes('@customfunction'));
    expect(documented.map((f) => f.name).sort()).toEqual(catalog.map((meta) => meta.name).sort());
    for (const meta of catalog) {
      const wrapper = footer.find((f) => f.name === meta.name);
      expect(wrapper?.jsdoc).toContain('@customfunction');
      expect(wrapper?.parameters).toEqual(meta.parameters.map((p) => p.name));
      for (const param of meta.parameters) expect(wrapper?.jsdoc).toContain(`${param.name} `);
    }
    // Upper-case exports are custom functions: each must be in the catalog.
    const upper = exported.filter((name) => name === name.toUpperCase());
    expect(upper.sort()).toEqual(catalog.map((meta) => meta.name).sort());
  });

  it('keeps the @OnlyCurrentDoc annotation that narrows the scopes', () => {
    expect(code.slice(0, 200)).toContain('@OnlyCurrentDoc');
  });
});
