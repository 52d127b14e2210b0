// Sheet: ranges by A1 or coordinates, structure changes (insert/delete rows and columns), rules, metadata, sort.

import { parseA1 } from './a1';
import type { CellValue } from './cell-value';
import { CELL_CHARACTER_LIMIT, CELL_LIMIT_MESSAGE, Formula, writtenCell } from './cell-value';
import { EmbeddedChart, EmbeddedChartBuilder } from './chart';
import { ConditionalFormatRule, cloneRule } from './conditional-format';
import { Access, type EmulatorContext } from './context';
import {
  addMetadata,
  DeveloperMetadata,
  DeveloperMetadataFinder,
  visibilityArgs,
} from './developer-metadata';
import { checkCellLimit, type SheetModel } from './model';
import { NamedRange } from './named-range';
import { Range, type RangeShape } from './range';
import { isDate } from './realm';
import { Spreadsheet } from './spreadsheet';

const R = Access.READ;
const W = Access.WRITE;

/** Sheets' sort order: numbers (and dates) < text < booleans, blanks always last. */
function sortKey(cell: CellValue): [number, number | string] {
  if (cell === '') return [9, 0];
  if (typeof cell === 'number') return [0, cell];
  if (cell instanceof Date || isDate(cell)) return [0, (cell as Date).getTime()];
  if (typeof cell === 'boolean') return [2, cell ? 1 : 0];
  if (cell instanceof Formula) return [1, cell.text.toLowerCase()];
  return [1, cell.toLowerCase()];
}

export class Sheet {
  constructor(
    private readonly ctx: EmulatorContext,
    readonly model: SheetModel,
  ) {}

  getName(): string {
    this.ctx.call('Sheet.getName', R);
    return this.model.name;
  }

  setName(name: string): Sheet {
    this.ctx.call('Sheet.setName', W);
    const other = this.model.spreadsheet.sheetByName(name);
    if (other !== null && other !== this.model) {
      throw this.ctx.error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    this.model.name = String(name);
    return this;
  }

  getSheetId(): number {
    this.ctx.call('Sheet.getSheetId', R);
    return this.model.id;
  }

  getIndex(): number {
    this.ctx.call('Sheet.getIndex', R);
    return this.model.spreadsheet.sheets.indexOf(this.model) + 1;
  }

  getParent(): Spreadsheet {
    this.ctx.call('Sheet.getParent', R);
    return new Spreadsheet(this.ctx, this.model.spreadsheet);
  }

  activate(): Sheet {
    this.ctx.call('Sheet.activate', R);
    this.model.spreadsheet.activeSheet = this.model;
    return this;
  }

  getLastRow(): number {
    this.ctx.call('Sheet.getLastRow', R);
    return this.model.lastRow();
  }

  getLastColumn(): number {
    this.ctx.call('Sheet.getLastColumn', R);
    return this.model.lastColumn();
  }

  getMaxRows(): number {
    this.ctx.call('Sheet.getMaxRows', R);
    return this.model.maxRows;
  }

  getMaxColumns(): number {
    this.ctx.call('Sheet.getMaxColumns', R);
    return this.model.maxColumns;
  }

  getFrozenRows(): number {
    this.ctx.call('Sheet.getFrozenRows', R);
    return this.model.frozenRows;
  }

  setFrozenRows(rows: number): void {
    this.ctx.call('Sheet.setFrozenRows', W);
    this.model.frozenRows = rows;
  }

  getFrozenColumns(): number {
    this.ctx.call('Sheet.getFrozenColumns', R);
    return this.model.frozenColumns;
  }

  setFrozenColumns(columns: number): void {
    this.ctx.call('Sheet.setFrozenColumns', W);
    this.model.frozenColumns = columns;
  }

  isSheetHidden(): boolean {
    this.ctx.call('Sheet.isSheetHidden', R);
    return this.model.hidden;
  }

  hideSheet(): Sheet {
    this.ctx.call('Sheet.hideSheet', W);
    this.model.hidden = true;
    return this;
  }

  showSheet(): Sheet {
    this.ctx.call('Sheet.showSheet', W);
    this.model.hidden = false;
    return this;
  }

  /** getRange(a1) or getRange(row, column, numRows?, numColumns?), validated like Apps Script. */
  getRange(rowOrA1: number | string, column?: number, numRows?: number, numColumns?: number): Range {
    this.ctx.call('Sheet.getRange', R);
    if (typeof rowOrA1 === 'string') return this.rangeByA1(rowOrA1);
    if (column === undefined)
      throw this.ctx.error(
        "The parameters (number) don't match the method signature for SpreadsheetApp.Sheet.getRange.",
      );
    return this.rangeAt(rowOrA1, column, numRows ?? 1, numColumns ?? 1);
  }

  getDataRange(): Range {
    this.ctx.call('Sheet.getDataRange', R);
    return new Range(
      this.ctx,
      this.model,
      1,
      1,
      Math.max(1, this.model.lastRow()),
      Math.max(1, this.model.lastColumn()),
    );
  }

  getSheetValues(row: number, column: number, numRows: number, numColumns: number): unknown[][] {
    this.ctx.call('Sheet.getSheetValues', R);
    const last = (n: number, start: number, lastUsed: number): number =>
      n === -1 ? Math.max(0, lastUsed - start + 1) : n;
    const rows = last(numRows, row, this.model.lastRow());
    const columns = last(numColumns, column, this.model.lastColumn());
    this.ctx.calls.cellsRead(rows * columns);
    return this.rangeAt(row, column, rows, columns).valuesUncounted();
  }

  appendRow(rowContents: unknown[]): Sheet {
    this.ctx.call('Sheet.appendRow', W);
    if (!Array.isArray(rowContents))
      throw this.ctx.error(
        "The parameters don't match the method signature for SpreadsheetApp.Sheet.appendRow.",
      );
    const row = this.model.lastRow() + 1;
    const rows = Math.max(row, this.model.maxRows);
    const columns = Math.max(rowContents.length, this.model.maxColumns);
    checkCellLimit(
      this.ctx,
      this.model.spreadsheet,
      rows * columns - this.model.maxRows * this.model.maxColumns,
    );
    if (rowContents.some((value) => typeof value === 'string' && value.length > CELL_CHARACTER_LIMIT))
      throw this.ctx.error(CELL_LIMIT_MESSAGE);
    this.model.maxRows = rows;
    this.model.maxColumns = columns;
    const spreadsheet = this.model.spreadsheet;
    const base = { locale: spreadsheet.locale, timeZone: spreadsheet.timeZone, now: this.ctx.clock.now() };
    const cells = this.model.values.rowForWrite(row - 1, rowContents.length);
    rowContents.forEach((value, i) => {
      const plainText = this.model.numberFormats.get(row - 1, i) === '@';
      cells[i] = writtenCell(value, { ...base, plainText }).cell;
    });
    return this;
  }

  insertColumnsAfter(afterPosition: number, howMany: number): Sheet {
    this.ctx.call('Sheet.insertColumnsAfter', W);
    this.checkColumn(afterPosition);
    this.model.insertColumns(afterPosition + 1, this.growColumns(howMany));
    return this;
  }

  insertColumnsBefore(beforePosition: number, howMany: number): Sheet {
    this.ctx.call('Sheet.insertColumnsBefore', W);
    this.checkColumn(beforePosition);
    this.model.insertColumns(beforePosition, this.growColumns(howMany));
    return this;
  }

  insertColumnAfter(afterPosition: number): Sheet {
    this.ctx.call('Sheet.insertColumnAfter', W);
    this.checkColumn(afterPosition);
    this.model.insertColumns(afterPosition + 1, this.growColumns(1));
    return this;
  }

  insertColumnBefore(beforePosition: number): Sheet {
    this.ctx.call('Sheet.insertColumnBefore', W);
    this.checkColumn(beforePosition);
    this.model.insertColumns(beforePosition, this.growColumns(1));
    return this;
  }

  deleteColumns(columnPosition: number, howMany: number): void {
    this.ctx.call('Sheet.deleteColumns', W);
    this.deleteColumnsUncounted(columnPosition, this.checkCount(howMany));
  }

  deleteColumn(columnPosition: number): Sheet {
    this.ctx.call('Sheet.deleteColumn', W);
    this.deleteColumnsUncounted(columnPosition, 1);
    return this;
  }

  insertRowsAfter(afterPosition: number, howMany: number): Sheet {
    this.ctx.call('Sheet.insertRowsAfter', W);
    this.checkRow(afterPosition);
    this.model.insertRows(afterPosition + 1, this.growRows(howMany));
    return this;
  }

  insertRowsBefore(beforePosition: number, howMany: number): Sheet {
    this.ctx.call('Sheet.insertRowsBefore', W);
    this.checkRow(beforePosition);
    this.model.insertRows(beforePosition, this.growRows(howMany));
    return this;
  }

  insertRowAfter(afterPosition: number): Sheet {
    this.ctx.call('Sheet.insertRowAfter', W);
    this.checkRow(afterPosition);
    this.model.insertRows(afterPosition + 1, this.growRows(1));
    return this;
  }

  insertRowBefore(beforePosition: number): Sheet {
    this.ctx.call('Sheet.insertRowBefore', W);
    this.checkRow(beforePosition);
    this.model.insertRows(beforePosition, this.growRows(1));
    return this;
  }

  deleteRows(rowPosition: number, howMany: number): void {
    this.ctx.call('Sheet.deleteRows', W);
    this.deleteRowsUncounted(rowPosition, this.checkCount(howMany));
  }

  deleteRow(rowPosition: number): Sheet {
    this.ctx.call('Sheet.deleteRow', W);
    this.deleteRowsUncounted(rowPosition, 1);
    return this;
  }

  /** Sorts the rows below the frozen rows by one column; backgrounds, formats and row metadata move with their rows. */
  sort(columnPosition: number, ascending = true): Sheet {
    this.ctx.call('Sheet.sort', W);
    this.checkColumn(columnPosition);
    const from = this.model.frozenRows + 1;
    const last = this.model.lastRow();
    if (last < from) return this;
    const keys: [number, number | string][] = [];
    for (let r = from; r <= last; r++) keys.push(sortKey(this.model.values.get(r - 1, columnPosition - 1)));
    const order = keys.map((_, i) => i);
    const direction = ascending ? 1 : -1;
    order.sort((a, b) => {
      const [ka, va] = keys[a] ?? [9, 0];
      const [kb, vb] = keys[b] ?? [9, 0];
      if (ka === 9 || kb === 9) return ka - kb;
      if (ka !== kb) return (ka - kb) * direction;
      return (va < vb ? -1 : va > vb ? 1 : 0) * direction;
    });
    this.model.permuteRows(from, order);
    return this;
  }

  clear(): Sheet {
    this.ctx.call('Sheet.clear', W);
    this.model.values.rows = [];
    this.model.backgrounds.rows = [];
    this.model.numberFormats.rows = [];
    return this;
  }

  clearContents(): Sheet {
    this.ctx.call('Sheet.clearContents', W);
    this.model.values.rows = [];
    return this;
  }

  newChart(): EmbeddedChartBuilder {
    this.ctx.call('Sheet.newChart', R);
    return new EmbeddedChartBuilder(this.ctx);
  }

  insertChart(chart: EmbeddedChart): void {
    this.ctx.call('Sheet.insertChart', W);
    this.model.charts.push(chart.model);
  }

  getCharts(): EmbeddedChart[] {
    this.ctx.call('Sheet.getCharts', R);
    return this.model.charts.map((chart) => new EmbeddedChart(this.ctx, chart));
  }

  removeChart(chart: EmbeddedChart): void {
    this.ctx.call('Sheet.removeChart', W);
    this.model.charts = this.model.charts.filter((model) => model.id !== chart.model.id);
  }

  getConditionalFormatRules(): ConditionalFormatRule[] {
    this.ctx.call('Sheet.getConditionalFormatRules', R);
    return this.model.rules.map((rule) => new ConditionalFormatRule(this.ctx, cloneRule(rule)));
  }

  /** Replaces every rule on the sheet, as Apps Script documents: rules not passed in are gone. */
  setConditionalFormatRules(rules: ConditionalFormatRule[]): void {
    this.ctx.call('Sheet.setConditionalFormatRules', W);
    if (!Array.isArray(rules))
      throw this.ctx.error(
        "The parameters don't match the method signature for SpreadsheetApp.Sheet.setConditionalFormatRules.",
      );
    this.model.rules = rules.map((rule) => {
      if (!(rule instanceof ConditionalFormatRule))
        throw this.ctx.error(
          'Invalid argument: rules must be built with SpreadsheetApp.newConditionalFormatRule()',
        );
      return cloneRule(rule.model);
    });
  }

  addDeveloperMetadata(key: string, valueOrVisibility?: unknown, visibility?: unknown): Sheet {
    this.ctx.call('Sheet.addDeveloperMetadata', W);
    addMetadata(
      this.model.spreadsheet,
      key,
      { type: 'SHEET', sheet: this.model },
      ...visibilityArgs(valueOrVisibility, visibility),
    );
    return this;
  }

  /** Only the metadata attached to the sheet itself, not to its rows or columns. */
  getDeveloperMetadata(): DeveloperMetadata[] {
    this.ctx.call('Sheet.getDeveloperMetadata', R);
    return this.model.spreadsheet.metadata
      .filter((meta) => meta.location.type === 'SHEET' && meta.location.sheet === this.model)
      .map((meta) => new DeveloperMetadata(this.ctx, this.model.spreadsheet, meta));
  }

  /** Finds metadata on the sheet and on its rows and columns. */
  createDeveloperMetadataFinder(): DeveloperMetadataFinder {
    this.ctx.call('Sheet.createDeveloperMetadataFinder', R);
    return new DeveloperMetadataFinder(
      this.ctx,
      this.model.spreadsheet,
      (meta) => 'sheet' in meta.location && meta.location.sheet === this.model,
    );
  }

  getNamedRanges(): NamedRange[] {
    this.ctx.call('Sheet.getNamedRanges', R);
    return [...this.model.spreadsheet.namedRanges.values()]
      .filter((named) => named.area.sheet === this.model)
      .map((named) => new NamedRange(this.ctx, this.model.spreadsheet, named));
  }

  /** Uncounted: a Range at coordinates, validated against the sheet's size like Apps Script. */
  rangeAt(row: number, column: number, numRows: number, numColumns: number, shape: RangeShape = null): Range {
    if (!Number.isInteger(row) || row < 1)
      throw this.ctx.error('The starting row of the range is too small.');
    if (!Number.isInteger(column) || column < 1)
      throw this.ctx.error('The starting column of the range is too small.');
    if (!(numRows >= 1)) throw this.ctx.error('The number of rows in the range must be at least 1.');
    if (!(numColumns >= 1)) throw this.ctx.error('The number of columns in the range must be at least 1.');
    if (row + numRows - 1 > this.model.maxRows || column + numColumns - 1 > this.model.maxColumns) {
      throw this.ctx.error('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new Range(this.ctx, this.model, row, column, numRows, numColumns, shape);
  }

  /** "G:G" and "5:5" give ranges that remember their A1 shape (only those can carry developer metadata). */
  rangeByA1(notation: string): Range {
    const a1 = parseA1(String(notation));
    if (a1 === null) throw this.ctx.error('Range not found');
    const lastRow = a1.lastRow ?? this.model.maxRows;
    const lastColumn = a1.lastColumn ?? this.model.maxColumns;
    const shape: RangeShape =
      a1.lastRow === null && a1.row === 1 && !a1.rowGiven
        ? 'COLUMNS'
        : a1.lastColumn === null && a1.column === 1 && !a1.columnGiven
          ? 'ROWS'
          : null;
    return this.rangeAt(a1.row, a1.column, lastRow - a1.row + 1, lastColumn - a1.column + 1, shape);
  }

  private deleteColumnsUncounted(at: number, n: number): void {
    this.checkColumn(at);
    if (at + n - 1 > this.model.maxColumns) throw this.ctx.error('Those columns are out of bounds.');
    if (n >= this.model.maxColumns)
      throw this.ctx.error('Sorry, it is not possible to delete all non-frozen columns.');
    this.model.deleteColumns(at, n);
  }

  private deleteRowsUncounted(at: number, n: number): void {
    this.checkRow(at);
    if (at + n - 1 > this.model.maxRows) throw this.ctx.error('Those rows are out of bounds.');
    if (n >= this.model.maxRows)
      throw this.ctx.error('Sorry, it is not possible to delete all non-frozen rows.');
    this.model.deleteRows(at, n);
  }

  private checkColumn(position: number): void {
    if (!Number.isInteger(position) || position < 1 || position > this.model.maxColumns) {
      throw this.ctx.error('Those columns are out of bounds.');
    }
  }

  private checkRow(position: number): void {
    if (!Number.isInteger(position) || position < 1 || position > this.model.maxRows) {
      throw this.ctx.error('Those rows are out of bounds.');
    }
  }

  /** A row count to insert, checked against the spreadsheet's 10-million-cell limit. */
  private growRows(n: number): number {
    checkCellLimit(this.ctx, this.model.spreadsheet, this.checkCount(n) * this.model.maxColumns);
    return n;
  }

  private growColumns(n: number): number {
    checkCellLimit(this.ctx, this.model.spreadsheet, this.checkCount(n) * this.model.maxRows);
    return n;
  }

  private checkCount(n: number): number {
    if (!Number.isInteger(n) || n < 1)
      throw this.ctx.error('The number of columns or rows must be at least 1.');
    return n;
  }
}
