// Sheet structure and formatting: last row/column, inserting and deleting columns, appendRow, sort, format rules.
import { createEmulator } from './index';

function leads() {
  const emulator = createEmulator({
    sheets: {
      Leads: [
        ['Name', 'Score', 'Band'],
        ['Ann', 30, 'Cold'],
        ['Bob', 90, 'Hot'],
        ['Cy', 60, 'Warm'],
      ],
    },
  });
  const sheet = emulator.spreadsheet.getSheetByName('Leads');
  if (sheet === null) throw new Error('no sheet');
  return { emulator, sheet };
}

describe('Sheet', () => {
  it('reports the last row and column with content, and the data range', () => {
    const { sheet } = leads();
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([4, 3]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C4');
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([1000, 26]);
  });

  it('insertColumnsAfter shifts data right and grows the sheet; deleteColumns shifts it back', () => {
    const { sheet } = leads();
    sheet.insertColumnsAfter(1, 2);
    expect(sheet.getRange('A1:E1').getValues()).toEqual([['Name', '', '', 'Score', 'Band']]);
    expect(sheet.getMaxColumns()).toBe(28);
    sheet.deleteColumns(2, 2);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['Name', 'Score', 'Band']]);
    expect(sheet.getMaxColumns()).toBe(26);
  });

  it('insertColumnsBefore and insertColumnAfter move backgrounds with their cells', () => {
    const { sheet } = leads();
    sheet.getRange('B2').setBackground('#ff0000');
    sheet.insertColumnsBefore(1, 1);
    sheet.insertColumnAfter(1);
    expect(sheet.getRange('D2').getBackground()).toBe('#ff0000');
    expect(sheet.getRange('D2').getValue()).toBe(30);
  });

  it('appendRow writes below the last row with content and turns "=" strings into formulas', () => {
    const { sheet } = leads();
    sheet.appendRow(['Dee', '=B2*2', 'Warm']);
    expect(sheet.getLastRow()).toBe(5);
    expect(sheet.getRange('A5:C5').getFormulas()).toEqual([['', '=B2*2', '']]);
  });

  it('deleteRows removes rows and shifts the rest up', () => {
    const { sheet } = leads();
    sheet.deleteRows(2, 2);
    expect(sheet.getDataRange().getValues()).toEqual([
      ['Name', 'Score', 'Band'],
      ['Cy', 60, 'Warm'],
    ]);
  });

  it('sort keeps frozen header rows in place and moves backgrounds with their rows', () => {
    const { sheet } = leads();
    sheet.setFrozenRows(1);
    sheet.getRange('A3').setBackground('#00ff00');
    sheet.sort(2, false);
    expect(sheet.getRange('A1:A4').getValues()).toEqual([['Name'], ['Bob'], ['Cy'], ['Ann']]);
    expect(sheet.getRange('A2').getBackground()).toBe('#00ff00');
  });

  it('setConditionalFormatRules replaces every rule on the sheet', () => {
    const { emulator, sheet } = leads();
    const app = emulator.globals.SpreadsheetApp;
    const userRule = app
      .newConditionalFormatRule()
      .whenTextEqualTo('VIP')
      .setBackground('#0000ff')
      .setRanges([sheet.getRange('A:A')])
      .build();
    sheet.setConditionalFormatRules([userRule]);
    const hot = app
      .newConditionalFormatRule()
      .whenFormulaSatisfied('=$C2="Hot"')
      .setBackground('#f4cccc')
      .setRanges([sheet.getRange('A2:C')])
      .build();
    sheet.setConditionalFormatRules([hot]);
    const rules = sheet.getConditionalFormatRules();
    expect(rules).toHaveLength(1);
    const condition = rules[0]?.getBooleanCondition();
    expect(condition?.getCriteriaValues()).toEqual(['=$C2="Hot"']);
    expect(condition?.getBackground()).toBe('#f4cccc');
    expect(rules[0]?.getRanges().map((r) => r.getA1Notation())).toEqual(['A2:C1000']);
  });

  it('keeps rules when the caller reads, filters and merges them, and moves rule ranges with inserted columns', () => {
    const { emulator, sheet } = leads();
    const app = emulator.globals.SpreadsheetApp;
    const build = (formula: string) =>
      app
        .newConditionalFormatRule()
        .whenFormulaSatisfied(formula)
        .setRanges([sheet.getRange('B2:C4')])
        .build();
    sheet.setConditionalFormatRules([build('=user')]);
    sheet.setConditionalFormatRules([...sheet.getConditionalFormatRules(), build('=addon')]);
    sheet.insertColumnsBefore(1, 1);
    const rules = sheet.getConditionalFormatRules();
    expect(rules.map((rule) => rule.getBooleanCondition().getCriteriaValues()[0])).toEqual([
      '=user',
      '=addon',
    ]);
    expect(rules[0]?.getRanges()[0]?.getA1Notation()).toBe('C2:D4');
  });

  it('a built rule is a snapshot of its builder', () => {
    const { emulator } = leads();
    const builder = emulator.globals.SpreadsheetApp.newConditionalFormatRule()
      .whenCellEmpty()
      .setBackground('#111111');
    const rule = builder.build();
    builder.setBackground('#222222');
    expect(rule.getBooleanCondition().getBackground()).toBe('#111111');
  });

  it('holds 100,000 rows x 20 columns and reads them back in one call', () => {
    const emulator = createEmulator();
    const sheet = emulator.spreadsheet.getActiveSheet();
    sheet.insertRowsAfter(1000, 99_000);
    const rows = Array.from({ length: 100_000 }, (_, r) => Array.from({ length: 20 }, (_, c) => r * 20 + c));
    emulator.calls.reset();
    sheet.getRange(1, 1, 100_000, 20).setValues(rows);
    const back = sheet.getRange(1, 1, 100_000, 20).getValues();
    expect(back[99_999]?.[19]).toBe(1_999_999);
    expect(sheet.getLastRow()).toBe(100_000);
    expect(emulator.calls.count('Range')).toBe(2);
  });
});

describe('Spreadsheet', () => {
  it('inserts, finds and deletes sheets and refuses duplicate names', () => {
    const emulator = createEmulator();
    const ss = emulator.spreadsheet;
    const rules = ss.insertSheet('Rules');
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Sheet1', 'Rules']);
    expect(ss.getActiveSheet().getName()).toBe('Rules');
    expect(() => ss.insertSheet('Rules')).toThrow(
      'A sheet with the name "Rules" already exists. Please enter another name.',
    );
    ss.deleteSheet(rules);
    expect(ss.getSheetByName('Rules')).toBeNull();
  });

  it('named ranges shift and grow with inserted columns and disappear when their columns are deleted', () => {
    const emulator = createEmulator();
    const ss = emulator.spreadsheet;
    const sheet = ss.getActiveSheet();
    ss.setNamedRange('LeadScoreRules', sheet.getRange('C1:D10'));
    sheet.insertColumnsBefore(1, 2);
    expect(ss.getRangeByName('LeadScoreRules')?.getA1Notation()).toBe('E1:F10');
    sheet.insertColumnsAfter(5, 1);
    expect(ss.getRangeByName('LeadScoreRules')?.getA1Notation()).toBe('E1:G10');
    sheet.deleteColumns(5, 3);
    expect(ss.getRangeByName('LeadScoreRules')).toBeNull();
    expect(() => ss.setNamedRange('A1', sheet.getRange('A1'))).toThrow(/not a valid range name/);
  });

  it('records toasts with the default 5 s timeout', () => {
    const emulator = createEmulator();
    emulator.spreadsheet.toast('Scored 10 rows', 'LeadScore');
    expect(emulator.ui.toasts).toEqual([
      { message: 'Scored 10 rows', title: 'LeadScore', timeoutSeconds: 5 },
    ]);
  });

  it('getRange accepts a sheet-qualified A1 notation', () => {
    const emulator = createEmulator({ sheets: { Leads: [['x']], "Bob's": [['y']] } });
    expect(emulator.spreadsheet.getRange("'Bob''s'!A1").getValue()).toBe('y');
    expect(emulator.spreadsheet.getRange('Leads!A1').getValue()).toBe('x');
  });
});
