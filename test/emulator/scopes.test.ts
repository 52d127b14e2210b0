// Manifest scopes: a call whose scopes dist/appsscript.json does not grant throws Apps Script's permission error.
import { readFileSync } from 'node:fs';
import { createEmulator } from './index';
import { DIST_MANIFEST, missingScopeMessage, readManifestScopes, scopesFor } from './scopes';

const CURRENTONLY = 'https://www.googleapis.com/auth/spreadsheets.currentonly';

describe('manifest scopes', () => {
  it('reads the scopes from the built manifest by default', () => {
    const manifest = JSON.parse(readFileSync(DIST_MANIFEST, 'utf8')) as { oauthScopes: string[] };
    expect(readManifestScopes(DIST_MANIFEST)).toEqual(manifest.oauthScopes);
    expect(manifest.oauthScopes).toContain(CURRENTONLY);
  });

  it("refuses the active user's e-mail without userinfo.email", () => {
    const emulator = createEmulator();
    expect(() => emulator.globals.Session.getActiveUser().getEmail()).toThrow(
      'You do not have permission to call Session.getActiveUser. Required permissions: https://www.googleapis.com/auth/userinfo.email',
    );
    // The anonymous key and the time zone need no scope.
    expect(emulator.globals.Session.getTemporaryActiveUserKey()).toMatch(/\S/);
  });

  it('refuses openById under spreadsheets.currentonly', () => {
    const emulator = createEmulator();
    const id = emulator.spreadsheet.getId();
    expect(() => emulator.globals.SpreadsheetApp.openById(id)).toThrow(
      'You do not have permission to call SpreadsheetApp.openById. Required permissions: https://www.googleapis.com/auth/spreadsheets',
    );
    const broad = createEmulator({ oauthScopes: ['https://www.googleapis.com/auth/spreadsheets'] });
    expect(broad.globals.SpreadsheetApp.openById(broad.spreadsheet.getId()).getId()).toBe(id);
  });

  it('refuses MailApp without script.send_mail', () => {
    const emulator = createEmulator();
    expect(() => emulator.globals.MailApp.sendEmail('a@example.com', 's', 'b')).toThrow(
      'You do not have permission to call MailApp.sendEmail. Required permissions: https://www.googleapis.com/auth/script.send_mail',
    );
    expect(emulator.ui.mail).toHaveLength(0);
  });

  it('words alternatives in parentheses joined by ||, as Apps Script does', () => {
    const emulator = createEmulator({ oauthScopes: ['https://www.googleapis.com/auth/script.scriptapp'] });
    expect(() => emulator.globals.SpreadsheetApp.getActiveSpreadsheet()).toThrow(
      'You do not have permission to call SpreadsheetApp.getActiveSpreadsheet. Required permissions: (https://www.googleapis.com/auth/spreadsheets.currentonly || https://www.googleapis.com/auth/spreadsheets)',
    );
    expect(missingScopeMessage('A.b', ['x'])).toBe(
      'You do not have permission to call A.b. Required permissions: x',
    );
  });

  it('gives every Spreadsheet, Ui and trigger method a scope and leaves Properties, Lock and Utilities free', () => {
    expect(scopesFor('Range.getValues')).toContain(CURRENTONLY);
    expect(scopesFor('Sheet.someMethodNotInTheReference')).toContain(CURRENTONLY);
    expect(scopesFor('Ui.alert')).toEqual(['https://www.googleapis.com/auth/script.container.ui']);
    expect(scopesFor('ClockTriggerBuilder.create')).toEqual([
      'https://www.googleapis.com/auth/script.scriptapp',
    ]);
    expect(scopesFor('ScriptApp.getInstallationSource')).toEqual([]);
    expect(scopesFor('Properties.setProperty')).toEqual([]);
    expect(scopesFor('Lock.tryLock')).toEqual([]);
    expect(scopesFor('Utilities.formatDate')).toEqual([]);
  });
});
