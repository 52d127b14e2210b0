// Range semantics the add-on relies on: value types, copies, dimension errors, formulas, apostrophes, backgrounds.
import { createEmulator } from './index';

function setup(values: unknown[][] = []) {
  const emulator = createEmulator({ sheets: { Leads: values } });
  const sheet = emulator.spreadsheet.getSheetByName('Leads');
  if (sheet === null) throw new Error('no sheet');
  return { emulator, sheet };
}

describe('Range.getValues', () => {
  it('returns numbers, booleans, Date objects and "" for blank cells', () => {
    const when = new Date('2026-11-24T10:00:00Z');
    const { sheet } = setup([
      ['Name', 42, true, when],
      ['', 0, false],
    ]);
    const values = sheet.getRange('A1:D2').getValues();
    expect(values).toEqual([
      ['Name', 42, true, when],
      ['', 0, false, ''],
    ]);
    expect(typeof values[0]?.[1]).toBe('number');
    expect(typeof values[0]?.[2]).toBe('boolean');
    expect(Object.prototype.toString.call(values[0]?.[3])).toBe('[object Date]');
  });

  it('returns fresh arrays and Dates: mutating them does not change the sheet', () => {
    const { sheet } = setup([[1, new Date(0)]]);
    const values = sheet.getRange(1, 1, 1, 2).getValues();
    (values[0] as unknown[])[0] = 999;
    ((values[0] as unknown[])[1] as Date).setTime(123456);
    expect(sheet.getRange(1, 1, 1, 2).getValues()).toEqual([[1, new Date(0)]]);
  });

  it('copies on write: mutating the written array afterwards does not change the sheet', () => {
    const { sheet } = setup();
    const data = [['a', 'b']];
    sheet.getRange('A1:B1').setValues(data);
    (data[0] as string[])[0] = 'changed';
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['a', 'b']]);
  });
});

describe('Range.setValues dimensions', () => {
  it("throws Apps Script's message when the row count differs", () => {
    const { sheet } = setup();
    expect(() =>
      sheet.getRange(1, 1, 3, 2).setValues([
        [1, 2],
        [3, 4],
      ]),
    ).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 3.',
    );
  });

  it("throws Apps Script's message when a row's column count differs", () => {
    const { sheet } = setup();
    expect(() =>
      sheet.getRange(1, 1, 2, 2).setValues([
        [1, 2],
        [3, 4, 5],
      ]),
    ).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.',
    );
  });

  it('applies the same check to setBackgrounds', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange('A1:A2').setBackgrounds([['#ff0000']])).toThrow(
      /The data has 1 but the range has 2/,
    );
  });
});

describe('strings written to cells', () => {
  it('turns a string starting with "=" into a formula whose value the emulator cannot compute', () => {
    const { sheet } = setup();
    const range = sheet.getRange('A1');
    range.setValues([['=1+2']]);
    expect(range.getFormulas()).toEqual([['=1+2']]);
    expect(range.getFormula()).toBe('=1+2');
    expect(range.getValues()).toEqual([['#NAME?']]);
    expect(sheet.getLastRow()).toBe(1);
  });

  it('lets the formula value be supplied by evaluateFormula', () => {
    const emulator = createEmulator({ evaluateFormula: (formula) => (formula === '=1+2' ? 3 : '#NAME?') });
    const range = emulator.spreadsheet.getActiveSheet().getRange('B2');
    range.setValue('=1+2');
    expect(range.getValue()).toBe(3);
  });

  it('stores a leading apostrophe as text without the apostrophe (no formula)', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([["'=IMPORTXML(1)", "'it's"]]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['=IMPORTXML(1)', "it's"]]);
    expect(sheet.getRange('A1:B1').getFormulas()).toEqual([['', '']]);
  });

  it('keeps a lone "=" as text', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('=');
    expect(sheet.getRange('A1').getFormula()).toBe('');
    expect(sheet.getRange('A1').getValue()).toBe('=');
  });
});

describe('other Range behaviour', () => {
  it('setValue fills every cell of the range', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B2').setValue(7);
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      [7, 7],
      [7, 7],
    ]);
  });

  it('getDisplayValues formats booleans, numbers with a number format and dates in the spreadsheet time zone', () => {
    const emulator = createEmulator({ timeZone: 'America/New_York' });
    const sheet = emulator.spreadsheet.getActiveSheet();
    sheet.getRange('A1:D1').setValues([[true, 0.256, 1234.5, new Date('2026-11-24T15:04:05Z')]]);
    sheet.getRange('B1').setNumberFormat('0.0%');
    sheet.getRange('C1').setNumberFormat('#,##0.00');
    expect(sheet.getRange('A1:D1').getDisplayValues()).toEqual([
      ['TRUE', '25.6%', '1,234.50', '11/24/2026 10:04:05'],
    ]);
  });

  it('setBackgrounds with null resets a cell to white', () => {
    const { sheet } = setup();
    const range = sheet.getRange('A1:B1');
    range.setBackgrounds([['#F4CCCC', '#d9ead3']]);
    expect(range.getBackgrounds()).toEqual([['#f4cccc', '#d9ead3']]);
    range.setBackgrounds([[null, '#d9ead3']]);
    expect(range.getBackgrounds()).toEqual([['#ffffff', '#d9ead3']]);
  });

  it('understands A1 forms, open-ended ranges and reports A1 notation', () => {
    const { sheet } = setup();
    expect(sheet.getRange('B2:C5').getA1Notation()).toBe('B2:C5');
    const column = sheet.getRange('G:G');
    expect([column.getRow(), column.getColumn(), column.getNumRows(), column.getNumColumns()]).toEqual([
      1, 7, 1000, 1,
    ]);
    const open = sheet.getRange('A2:C');
    expect([open.getRow(), open.getNumRows(), open.getNumColumns()]).toEqual([2, 999, 3]);
    const row = sheet.getRange('3:3');
    expect([row.getRow(), row.getColumn(), row.getNumColumns()]).toEqual([3, 1, 26]);
    expect(() => sheet.getRange('not a range')).toThrow('Range not found');
  });

  it('refuses ranges outside the sheet, like Apps Script', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(1, 27)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
  });

  it('clearContent keeps backgrounds; clear removes both', () => {
    const { sheet } = setup([['x']]);
    const range = sheet.getRange('A1');
    range.setBackground('#ff0000');
    range.clearContent();
    expect([range.getValue(), range.getBackground()]).toEqual(['', '#ff0000']);
    range.setValue('y');
    range.clear();
    expect([range.getValue(), range.getBackground()]).toEqual(['', '#ffffff']);
  });
});
