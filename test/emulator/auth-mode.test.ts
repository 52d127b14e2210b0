// Auth modes: what NONE, CUSTOM_FUNCTION and LIMITED refuse, with Apps Script-like permission errors.
import { AuthMode, createEmulator } from './index';

describe('AuthMode.NONE', () => {
  it('refuses the spreadsheet and every other service', () => {
    const emulator = createEmulator({ authMode: 'NONE' });
    const g = emulator.globals;
    expect(() => g.SpreadsheetApp.getActiveSpreadsheet()).toThrow(
      'You do not have permission to call SpreadsheetApp.getActiveSpreadsheet. Required permissions: https://www.googleapis.com/auth/spreadsheets.currentonly',
    );
    expect(() => g.PropertiesService.getDocumentProperties()).toThrow(/permission to call PropertiesService/);
    expect(() => g.CacheService.getScriptCache()).toThrow(/permission/);
    expect(() => g.LockService.getDocumentLock()).toThrow(/permission/);
    expect(() => g.ScriptApp.getProjectTriggers()).toThrow(/permission/);
    expect(() => g.HtmlService.createHtmlOutput('x')).toThrow(/permission/);
    expect(() => g.Session.getActiveUser()).toThrow(/permission/);
  });

  it('allows building menus, Logger and Utilities', () => {
    const emulator = createEmulator({ authMode: AuthMode.NONE });
    const g = emulator.globals;
    g.SpreadsheetApp.getUi().createAddonMenu().addItem('Score now', 'scoreNow').addSeparator().addToUi();
    g.Logger.log('opened');
    expect(g.Utilities.formatDate(new Date(0), 'UTC', 'yyyy')).toBe('1970');
    expect(emulator.ui.menu()?.entries).toEqual([
      { kind: 'item', label: 'Score now', handler: 'scoreNow' },
      { kind: 'separator' },
    ]);
    expect(() => g.SpreadsheetApp.getUi().alert('hi')).toThrow(/permission to call Ui.alert/);
  });

  it('is switched with setAuthMode', () => {
    const emulator = createEmulator();
    emulator.globals.SpreadsheetApp.getActiveSpreadsheet();
    emulator.setAuthMode('NONE');
    expect(emulator.authMode()).toBe('NONE');
    expect(() => emulator.globals.SpreadsheetApp.getActiveSpreadsheet()).toThrow(/permission/);
  });
});

describe('AuthMode.CUSTOM_FUNCTION', () => {
  it('reads the spreadsheet but refuses writes with the bare method name', () => {
    const emulator = createEmulator({ sheets: { Leads: [['a']] } });
    emulator.setAuthMode('CUSTOM_FUNCTION');
    const sheet = emulator.globals.SpreadsheetApp.getActiveSpreadsheet()?.getActiveSheet();
    expect(sheet?.getRange('A1').getValue()).toBe('a');
    expect(() => sheet?.getRange('A1').setValues([['b']])).toThrow(
      'You do not have permission to call setValues',
    );
    expect(() => sheet?.getRange('A1').setValue('b')).toThrow('You do not have permission to call setValue');
    expect(() => sheet?.insertColumnsAfter(1, 1)).toThrow(
      'You do not have permission to call insertColumnsAfter',
    );
  });

  it('allows Properties and Cache but no Ui and no triggers', () => {
    const emulator = createEmulator({ authMode: 'CUSTOM_FUNCTION' });
    const g = emulator.globals;
    g.PropertiesService.getDocumentProperties()?.getProperty('x');
    g.CacheService.getScriptCache().get('x');
    expect(() => g.SpreadsheetApp.getUi()).toThrow(/permission to call SpreadsheetApp.getUi/);
    expect(() => g.ScriptApp.newTrigger('f')).toThrow(/permission to call ScriptApp.newTrigger/);
  });
});

describe('AuthMode.LIMITED', () => {
  it('writes the document and builds menus but cannot open a sidebar or create triggers', () => {
    const emulator = createEmulator({ authMode: 'LIMITED' });
    const g = emulator.globals;
    g.SpreadsheetApp.getActiveSpreadsheet()?.getActiveSheet().getRange('A1').setValue(1);
    g.SpreadsheetApp.getUi().createMenu('X').addItem('a', 'b').addToUi();
    const html = g.HtmlService.createHtmlOutput('<p>hi</p>');
    expect(() => g.SpreadsheetApp.getUi().showSidebar(html)).toThrow(
      'You do not have permission to call Ui.showSidebar. Required permissions: https://www.googleapis.com/auth/script.container.ui',
    );
    expect(() => g.ScriptApp.newTrigger('refresh')).toThrow(/permission/);
    expect(() => g.MailApp.sendEmail('a@b.c', 's', 'b')).toThrow(/permission to call MailApp.sendEmail/);
  });
});
