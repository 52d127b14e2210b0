// Developer metadata stays on its row or column as rows and columns move, like Sheets.
import { createEmulator, type Sheet } from './index';

function setup() {
  const emulator = createEmulator({ sheets: { Leads: [['Name', 'Email', 'Score']] } });
  const sheet = emulator.spreadsheet.getActiveSheet();
  const app = emulator.globals.SpreadsheetApp;
  return { emulator, sheet, app };
}

describe('developer metadata', () => {
  it('moves with its column when columns are inserted before it', () => {
    const { sheet, app } = setup();
    sheet.getRange('C:C').addDeveloperMetadata('leadscore.score', app.DeveloperMetadataVisibility.PROJECT);
    sheet.insertColumnsBefore(1, 2);
    const found = sheet.createDeveloperMetadataFinder().withKey('leadscore.score').find();
    expect(found).toHaveLength(1);
    expect(found[0]?.getLocation().getColumn()?.getColumn()).toBe(5);
    expect(String(found[0]?.getVisibility())).toBe('PROJECT');
    expect(sheet.getRange(1, 5).getValue()).toBe('Score');
  });

  it('stays put when columns are inserted after it, shifts left on deletion before it, and is removed with its column', () => {
    const { sheet } = setup();
    sheet.getRange('B:B').addDeveloperMetadata('k', 'v');
    sheet.insertColumnsAfter(2, 3);
    const finder = () => sheet.createDeveloperMetadataFinder().withKey('k').find();
    // The location's column is a whole-column range, printed in A1 form without rows.
    expect(finder()[0]?.getLocation().getColumn()?.getA1Notation()).toBe('B:B');
    sheet.deleteColumn(1);
    expect(finder()[0]?.getLocation().getColumn()?.getColumn()).toBe(1);
    sheet.deleteColumns(1, 1);
    expect(finder()).toHaveLength(0);
  });

  it('row metadata moves with inserted rows and with sort', () => {
    const emulator = createEmulator({
      sheets: {
        Leads: [
          ['Name', 'Score'],
          ['Ann', 1],
          ['Bob', 2],
        ],
      },
    });
    const sheet = emulator.spreadsheet.getActiveSheet();
    sheet.getRange('2:2').addDeveloperMetadata('row', 'ann');
    sheet.insertRowsBefore(1, 1);
    const row = () =>
      sheet.createDeveloperMetadataFinder().withValue('ann').find()[0]?.getLocation().getRow()?.getRow();
    expect(row()).toBe(3);
    sheet.setFrozenRows(2);
    sheet.sort(2, false);
    expect(sheet.getRange('A4').getValue()).toBe('Ann');
    expect(row()).toBe(4);
  });

  it('finds by key, value and location type across the spreadsheet', () => {
    const { emulator, sheet, app } = setup();
    emulator.spreadsheet.addDeveloperMetadata('leadscore.version', '3');
    sheet.addDeveloperMetadata('leadscore.table', 'leads');
    sheet.getRange('A:A').addDeveloperMetadata('leadscore.col', 'name');
    const all = emulator.spreadsheet.createDeveloperMetadataFinder();
    expect(all.find()).toHaveLength(3);
    const columns = emulator.spreadsheet
      .createDeveloperMetadataFinder()
      .withLocationType(app.DeveloperMetadataLocationType.COLUMN)
      .find();
    expect(columns.map((m) => m.getKey())).toEqual(['leadscore.col']);
    expect(sheet.getDeveloperMetadata().map((m) => m.getValue())).toEqual(['leads']);
    expect(emulator.spreadsheet.getDeveloperMetadata().map((m) => m.getValue())).toEqual(['3']);
    expect(
      sheet
        .getRange('A:A')
        .getDeveloperMetadata()
        .map((m) => m.getKey()),
    ).toEqual(['leadscore.col']);
  });

  it('refuses metadata on a range that is not whole rows or columns', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange('A1:B2').addDeveloperMetadata('k')).toThrow(
      /Adding developer metadata to arbitrary ranges is not currently supported/,
    );
  });

  it.each([
    ['a whole column built from coordinates', (s: Sheet) => s.getRange(1, 7, s.getMaxRows(), 1)],
    ['a whole row built from coordinates', (s: Sheet) => s.getRange(5, 1, 1, s.getMaxColumns())],
    ['two whole columns in A1 form', (s: Sheet) => s.getRange('G:H')],
    ['two whole rows in A1 form', (s: Sheet) => s.getRange('5:6')],
    ['an open-ended column below row 2', (s: Sheet) => s.getRange('G2:G')],
    ['one cell', (s: Sheet) => s.getRange('G1')],
  ])('refuses metadata on %s, with the Apps Script message', (_label, rangeOf) => {
    const { sheet } = setup();
    expect(() => rangeOf(sheet).addDeveloperMetadata('k', 'v')).toThrow(
      'Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.',
    );
    expect(sheet.createDeveloperMetadataFinder().find()).toHaveLength(0);
  });

  it('accepts one whole column or row in A1 form, and prints it as G:G / 5:5', () => {
    const { sheet } = setup();
    const column = sheet.getRange('G:G');
    const row = sheet.getRange('5:5');
    expect(column.getA1Notation()).toBe('G:G');
    expect(row.getA1Notation()).toBe('5:5');
    expect(sheet.getRange('G:H').getA1Notation()).toBe('G:H');
    expect(sheet.getRange(1, 7, sheet.getMaxRows(), 1).getA1Notation()).toBe('G1:G1000');
    column.addDeveloperMetadata('col', 'g');
    row.addDeveloperMetadata('row', '5');
    expect(
      sheet
        .createDeveloperMetadataFinder()
        .find()
        .map((m) => m.getValue()),
    ).toEqual(['g', '5']);
    expect(
      sheet.createDeveloperMetadataFinder().withKey('row').find()[0]?.getLocation().getRow()?.getA1Notation(),
    ).toBe('5:5');
  });

  it('can be changed and removed', () => {
    const { sheet } = setup();
    sheet.getRange('A:A').addDeveloperMetadata('k', 'v1');
    const meta = sheet.createDeveloperMetadataFinder().withKey('k').find()[0];
    meta?.setValue('v2');
    expect(sheet.createDeveloperMetadataFinder().withValue('v2').find()).toHaveLength(1);
    meta?.remove();
    expect(sheet.createDeveloperMetadataFinder().find()).toHaveLength(0);
  });
});
