// Deferred writes and the fault hook: writes land at the next read, flush or the end of the execution, with the
// coordinates they were given; a collaborator's edit in between lands first.
import vm from 'node:vm';
import { createEmulator } from './index';

function grid(emulator: ReturnType<typeof createEmulator>): unknown[][] {
  return emulator.sheetValues('Leads');
}

describe('deferred writes', () => {
  const rows = [['Name'], ['Ann'], ['Bob']];

  it('are applied at the next read, at flush() and at the end of an execution', () => {
    const emulator = createEmulator({ sheets: { Leads: rows } });
    const sheet = emulator.spreadsheet.getSheetByName('Leads');
    if (!sheet) throw new Error('no sheet');
    sheet.getRange('B1').setValue('Score');
    expect(emulator.context.writes.size).toBe(1);
    expect(sheet.getRange('B1').getValue()).toBe('Score'); // a read applies the queue first
    expect(emulator.context.writes.size).toBe(0);
    sheet.getRange('B2').setValue(1);
    emulator.globals.SpreadsheetApp.flush();
    expect(emulator.context.writes.size).toBe(0);
    emulator.run(() => sheet.getRange('B3').setValue(2));
    expect(emulator.context.writes.size).toBe(0);
    expect(grid(emulator)).toEqual([
      ['Name', 'Score'],
      ['Ann', 1],
      ['Bob', 2],
    ]);
  });

  it('land shifted when a collaborator inserts rows before they are flushed', () => {
    const emulator = createEmulator({ sheets: { Leads: rows } });
    const sheet = emulator.spreadsheet.getSheetByName('Leads');
    if (!sheet) throw new Error('no sheet');
    // The collaborator inserts a row at the top just before the script's flush() reaches the server.
    emulator.faults.before('SpreadsheetApp.flush', () => {
      sheet.insertRowsBefore(1, 1);
      sheet.getRange('A1').setValue('Title');
    });
    emulator.run(() => {
      sheet.getRange('B2:B3').setValues([['ann score'], ['bob score']]);
      emulator.globals.SpreadsheetApp.flush();
    });
    // Sheets applies the queued write at the coordinates it was given: now one row off.
    expect(grid(emulator)).toEqual([
      ['Title', ''],
      ['Name', 'ann score'],
      ['Ann', 'bob score'],
      ['Bob', ''],
    ]);
  });

  it("copy the values when the call is made, so later changes to the caller's arrays do not count", () => {
    const emulator = createEmulator({ sheets: { Leads: rows } });
    const sheet = emulator.spreadsheet.getSheetByName('Leads');
    const values = [['x']];
    sheet?.getRange('C1').setValues(values);
    (values[0] as string[])[0] = 'changed';
    expect(grid(emulator)[0]?.[2]).toBe('x');
  });
});

describe('fault hook', () => {
  it('runs code before the n-th call and before the first call of a method, uncounted and at once', () => {
    const emulator = createEmulator({ sheets: { Leads: [['a'], ['b']] } });
    const sheet = emulator.spreadsheet.getSheetByName('Leads');
    if (!sheet) throw new Error('no sheet');
    const order: string[] = [];
    emulator.faults.before(2, () => order.push('before call 2'));
    emulator.faults.before('Range.getValues', () => {
      order.push('before getValues');
      sheet.getRange('A1').setValue('edited by a collaborator'); // lands at once
    });
    emulator.calls.reset();
    sheet.getLastRow(); // call 1
    const range = sheet.getRange('A1:A2'); // call 2
    order.push('got range');
    expect(range.getValues()).toEqual([['edited by a collaborator'], ['b']]);
    expect(order).toEqual(['before call 2', 'got range', 'before getValues']);
    expect(emulator.calls.byMethod()).toEqual({
      'Range.getValues': 1,
      'Sheet.getLastRow': 1,
      'Sheet.getRange': 1,
    });
  });

  it("makes a chosen call throw, by default with Apps Script's service-failure message", () => {
    const emulator = createEmulator({ spreadsheetId: 'sheet-123' });
    const sheet = emulator.spreadsheet.getActiveSheet();
    emulator.faults.failOn('Range.setValues');
    expect(() => sheet.getRange('A1').setValues([['x']])).toThrow(
      'Service Spreadsheets failed while accessing document with id sheet-123.',
    );
    sheet.getRange('A1').setValues([['y']]); // once only
    emulator.faults.failOn((call) => call.method === 'Sheet.getLastRow', 'Timed out', 2);
    expect(() => sheet.getLastRow()).toThrow('Timed out');
    expect(() => sheet.getLastRow()).toThrow('Timed out');
    expect(sheet.getLastRow()).toBe(1);
  });

  it('reaches code running in the loaded bundle between its calls', () => {
    const emulator = createEmulator({ sheets: { Leads: [['a']] } });
    const context = vm.createContext({ ...emulator.globals });
    vm.runInContext(
      `function write() {
         var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Leads');
         sheet.getRange('B1').setValue('mine');
         return sheet.getRange('A1:B1').getValues()[0].join('|');
       }`,
      context,
    );
    emulator.attach(context);
    emulator.faults.before('Range.getValues', () => {
      emulator.spreadsheet.getSheetByName('Leads')?.insertColumnsBefore(1, 1);
    });
    // The script's queued B1 write lands after the collaborator's column insert: in the new B, not beside 'a'.
    expect(emulator.invoke('write')).toBe('|mine');
  });
});
