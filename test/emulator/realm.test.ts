// Code loaded by gas-local runs in another vm realm: values it receives must pass its instanceof checks and vice versa.
import vm from 'node:vm';
import { createEmulator, installGlobals } from './index';

describe('cross-realm use', () => {
  it('hands the attached realm its own Arrays, Dates and Errors, and accepts theirs', () => {
    const emulator = createEmulator({ sheets: { Leads: [[new Date(0), 1]] } });
    const context = vm.createContext({ ...emulator.globals });
    emulator.attach(context);
    const result = vm.runInContext(
      `(function () {
         var range = SpreadsheetApp.getActiveSpreadsheet().getActiveSheet().getRange('A1:B1');
         var values = range.getValues();
         range.setValues([[new Date(86400000), [1].length]]);
         var caught;
         try { range.setValues([[1]]); } catch (e) { caught = e; }
         return [values instanceof Array, values[0] instanceof Array, values[0][0] instanceof Date,
                 caught instanceof Error, caught.name];
       })()`,
      context,
    );
    expect(result).toEqual([true, true, true, true, 'Exception']);
    expect(emulator.sheetValues()).toEqual([[new Date(86_400_000), 1]]);
  });
});

describe('installGlobals', () => {
  it('installs the services on the Node global and removes them again', () => {
    const emulator = createEmulator({ sheets: { Leads: [['x']] } });
    const uninstall = installGlobals(emulator);
    try {
      expect(SpreadsheetApp.getActiveSpreadsheet().getActiveSheet().getRange('A1').getValue()).toBe('x');
      expect(emulator.calls.count('Range.getValue')).toBe(1);
    } finally {
      uninstall();
    }
    expect('SpreadsheetApp' in globalThis).toBe(false);
  });
});
