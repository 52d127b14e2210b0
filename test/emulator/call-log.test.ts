// Call counting by "Service.method", round trips apart from getters and builders, and the per-cell cost model.

import { callKind } from './call-kinds';
import { COSTS } from './call-log';
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

  it('counts round trips apart from getters on returned objects and builder calls', () => {
    const emulator = createEmulator({ sheets: { Leads: [['a', 'b']] } });
    const sheet = emulator.spreadsheet.getSheetByName('Leads');
    if (!sheet) throw new Error('no sheet');
    emulator.calls.reset();
    const range = sheet.getRange('A1:B1'); // builder: a handle, no server
    range.getRow(); // getter on the returned object
    range.getA1Notation(); // getter
    range.getValues(); // round trip
    sheet.getLastRow(); // round trip
    emulator.globals.SpreadsheetApp.newConditionalFormatRule().whenCellEmpty().setBackground('#ff0000'); // builders
    expect(emulator.calls.counted()).toMatchObject({ roundTrips: 2, getters: 2, builders: 4 });
    expect(callKind('DeveloperMetadataFinder.find')).toBe('round-trip');
    expect(callKind('DeveloperMetadataFinder.withKey')).toBe('builder');
    expect(callKind('Sheet.insertRowsAfter')).toBe('round-trip');
    // A method nobody classified is a round trip: the strict default.
    expect(callKind('Range.someFutureMethod')).toBe('round-trip');
  });

  it('charges per round trip, per cell read and written, and per flush', () => {
    const emulator = createEmulator({ cost: 'central' });
    const sheet = emulator.spreadsheet.getActiveSheet();
    emulator.calls.reset();
    sheet.getRange('A1:B10').setValues(Array.from({ length: 10 }, () => ['x', 1])); // 20 cells written, queued
    sheet.getRange('A1:C10').getValues(); // applies the queue (a flush), then reads 30 cells
    const c = COSTS.central;
    expect(emulator.calls.counted()).toMatchObject({
      roundTrips: 2,
      cellsWritten: 20,
      cellsRead: 30,
      flushes: 1,
    });
    expect(emulator.modelledMs()).toBeCloseTo(
      2 * c.roundTripMs + 20 * c.cellWrittenMs + 30 * c.cellReadMs + c.flushMs,
    );
    // The same work at the low and high constants, from one run.
    expect(emulator.calls.modelledMs('high')).toBeGreaterThan(emulator.calls.modelledMs('central'));
    expect(emulator.calls.modelledMs('low')).toBeLessThan(emulator.calls.modelledMs('central'));
  });

  it('orders the constant sets low < central < high for every unit of work', () => {
    for (const key of ['roundTripMs', 'cellReadMs', 'cellWrittenMs', 'flushMs'] as const) {
      expect(COSTS.low[key]).toBeLessThan(COSTS.central[key]);
      expect(COSTS.central[key]).toBeLessThan(COSTS.high[key]);
    }
  });

  it('can advance the emulator clock by the modelled cost', () => {
    const cost = { roundTripMs: 25, cellReadMs: 0, cellWrittenMs: 0, flushMs: 0 };
    const emulator = createEmulator({ startTime: 0, cost, costAdvancesClock: true });
    const sheet = emulator.spreadsheet.getActiveSheet(); // one round trip
    sheet.getLastRow();
    emulator.globals.Logger.log('a builder-like local call costs nothing');
    expect(emulator.clock.now()).toBe(50);
  });

  it('models no time with cost 0', () => {
    const emulator = createEmulator({ cost: 0 });
    emulator.spreadsheet.getActiveSheet().getRange('A1').getValues();
    expect(emulator.modelledMs()).toBe(0);
  });
});
