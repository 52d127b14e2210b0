// Call counting by "Service.method" and the modelled per-call latency.
import { createEmulator } from './index';

describe('call log', () => {
  it('counts every service call by method and by service', () => {
    const emulator = createEmulator({ sheets: { Leads: [['a', 'b']] } });
    emulator.calls.reset();
    const ss = emulator.globals.SpreadsheetApp.getActiveSpreadsheet();
    const sheet = ss?.getSheetByName('Leads');
    sheet?.getRange('A1:B1').getValues();
    sheet?.getRange('A1:B1').getValues();
    expect(emulator.calls.byMethod()).toEqual({
      'Range.getValues': 2,
      'Sheet.getRange': 2,
      'Spreadsheet.getSheetByName': 1,
      'SpreadsheetApp.getActiveSpreadsheet': 1,
    });
    expect(emulator.calls.count('Range.getValues')).toBe(2);
    expect(emulator.calls.count('Sheet')).toBe(2);
    expect(emulator.calls.total()).toBe(6);
    emulator.calls.reset();
    expect(emulator.calls.total()).toBe(0);
  });

  it('counts refused calls too (they reached the service)', () => {
    const emulator = createEmulator({ authMode: 'NONE' });
    expect(() => emulator.globals.PropertiesService.getDocumentProperties()).toThrow();
    expect(emulator.calls.count('PropertiesService.getDocumentProperties')).toBe(1);
  });

  it('charges a configurable cost per call as modelled milliseconds', () => {
    const emulator = createEmulator({ cost: { default: 1, 'Range.getValues': 30 } });
    const sheet = emulator.spreadsheet.getActiveSheet();
    emulator.calls.reset();
    sheet.getRange('A1').getValues();
    expect(emulator.modelledMs()).toBe(31);
    emulator.calls.setCost((method) => (method.startsWith('Range.') ? 100 : 0));
    sheet.getRange('A1').setValue(1);
    expect(emulator.modelledMs()).toBe(131);
  });

  it('can advance the emulator clock by the modelled cost', () => {
    const emulator = createEmulator({ startTime: 0, cost: 25, costAdvancesClock: true });
    emulator.globals.Logger.log('x');
    emulator.globals.Logger.log('y');
    expect(emulator.clock.now()).toBe(50);
  });

  it('defaults to no cost', () => {
    const emulator = createEmulator();
    emulator.spreadsheet.getActiveSheet().getRange('A1').getValues();
    expect(emulator.modelledMs()).toBe(0);
  });
});
