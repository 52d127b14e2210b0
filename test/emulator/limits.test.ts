// Sheets' limits with Apps Script's messages: 50,000 characters per cell, 10 million cells per spreadsheet.
import { createEmulator } from './index';

const CELL = 'Your input contains more than the maximum of 50000 characters in a single cell.';
const WORKBOOK =
  'This action would increase the number of cells in the workbook above the limit of 10000000 cells.';

describe('Sheets limits', () => {
  it('accepts 50,000 characters in a cell and refuses 50,001 when the write reaches the sheet', () => {
    const emulator = createEmulator();
    const sheet = emulator.spreadsheet.getActiveSheet();
    sheet.getRange('A1').setValue('x'.repeat(50_000));
    expect(String(sheet.getRange('A1').getValue())).toHaveLength(50_000);
    sheet.getRange('A2:B2').setValues([['ok', 'y'.repeat(50_001)]]);
    // The write is queued; the error comes with the next read (or flush), as on Sheets.
    expect(() => sheet.getRange('A2').getValue()).toThrow(CELL);
    expect(() => emulator.run(() => sheet.getRange('A3').setValue('z'.repeat(60_000)))).toThrow(CELL);
    expect(() => sheet.appendRow(['w'.repeat(50_001)])).toThrow(CELL);
  });

  it('refuses inserts, new sheets and appendRow growth beyond 10 million cells', () => {
    const emulator = createEmulator({ sheets: { Big: [] } });
    emulator.addSheet('Huge', [], { maxRows: 380_000, maxColumns: 26 }); // 9,880,000 cells
    const big = emulator.spreadsheet.getSheetByName('Big');
    const huge = emulator.spreadsheet.getSheetByName('Huge');
    if (!big || !huge) throw new Error('sheets missing');
    // 26,000 + 9,880,000 = 9,906,000 cells now; 94,000 are left, 3,615 rows of 26 columns.
    expect(() => big.insertRowsAfter(1000, 3_616)).toThrow(WORKBOOK);
    big.insertRowsAfter(1000, 3_615); // 9,999,990 cells
    expect(() => big.insertColumnsAfter(26, 10)).toThrow(WORKBOOK);
    expect(() => emulator.spreadsheet.insertSheet('Another')).toThrow(WORKBOOK);
    huge.getRange(380_000, 1).setValue('last');
    expect(() => huge.appendRow(['one more row'])).toThrow(WORKBOOK);
    expect(emulator.model.cellCount()).toBe(9_999_990);
  });
});
