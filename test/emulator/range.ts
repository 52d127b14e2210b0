// Range: a fixed rectangle of a sheet; reads copy out, writes copy in, and every method is counted.
import { toA1 } from './a1';
import { type CellValue, displayCell, Formula, fromCell, toCell } from './cell-value';
import { Access, type EmulatorContext } from './context';
import {
  addMetadata,
  DeveloperMetadata,
  DeveloperMetadataFinder,
  visibilityArgs,
} from './developer-metadata';
import type { Grid } from './grid';
import type { MetadataModel, SheetModel } from './model';
import { Sheet } from './sheet';

const R = Access.READ;
const W = Access.WRITE;

/** Apps Script's wording when a grid's size differs from the range's. */
function checkDimensions(
  ctx: EmulatorContext,
  values: unknown,
  numRows: number,
  numColumns: number,
  method: string,
): unknown[][] {
  if (!Array.isArray(values)) {
    const type = values === null ? 'null' : typeof values === 'object' ? 'Object' : typeof values;
    throw ctx.error(
      `The parameters (${type}) don't match the method signature for SpreadsheetApp.Range.${method}.`,
    );
  }
  if (values.length !== numRows) {
    throw ctx.error(
      `The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${numRows}.`,
    );
  }
  for (const row of values) {
    const width = Array.isArray(row) ? row.length : 1;
    if (!Array.isArray(row) || width !== numColumns) {
      throw ctx.error(
        `The number of columns in the data does not match the number of columns in the range. The data has ${width} but the range has ${numColumns}.`,
      );
    }
  }
  return values as unknown[][];
}

export class Range {
  constructor(
    private readonly ctx: EmulatorContext,
    readonly model: SheetModel,
    private readonly row: number,
    private readonly column: number,
    private readonly numRows: number,
    private readonly numColumns: number,
  ) {}

  getA1Notation(): string {
    this.ctx.call('Range.getA1Notation', R);
    return toA1(this.row, this.column, this.numRows, this.numColumns);
  }

  getRow(): number {
    this.ctx.call('Range.getRow', R);
    return this.row;
  }

  getRowIndex(): number {
    this.ctx.call('Range.getRowIndex', R);
    return this.row;
  }

  getColumn(): number {
    this.ctx.call('Range.getColumn', R);
    return this.column;
  }

  getNumRows(): number {
    this.ctx.call('Range.getNumRows', R);
    return this.numRows;
  }

  getNumColumns(): number {
    this.ctx.call('Range.getNumColumns', R);
    return this.numColumns;
  }

  /** The range's own last row (not the sheet's last row with content). */
  getLastRow(): number {
    this.ctx.call('Range.getLastRow', R);
    return this.row + this.numRows - 1;
  }

  getLastColumn(): number {
    this.ctx.call('Range.getLastColumn', R);
    return this.column + this.numColumns - 1;
  }

  getSheet(): Sheet {
    this.ctx.call('Range.getSheet', R);
    return new Sheet(this.ctx, this.model);
  }

  getCell(row: number, column: number): Range {
    this.ctx.call('Range.getCell', R);
    if (row < 1 || column < 1 || row > this.numRows || column > this.numColumns) {
      throw this.ctx.error('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new Range(this.ctx, this.model, this.row + row - 1, this.column + column - 1, 1, 1);
  }

  offset(
    rowOffset: number,
    columnOffset: number,
    numRows = this.numRows,
    numColumns = this.numColumns,
  ): Range {
    this.ctx.call('Range.offset', R);
    return new Sheet(this.ctx, this.model).rangeAt(
      this.row + rowOffset,
      this.column + columnOffset,
      numRows,
      numColumns,
    );
  }

  getValues(): unknown[][] {
    this.ctx.call('Range.getValues', R);
    return this.valuesUncounted();
  }

  /** getValues without counting a call (for Sheet.getSheetValues and emulator helpers). */
  valuesUncounted(): unknown[][] {
    const evaluate = this.evaluator();
    const realm = this.ctx.realm;
    return this.read(this.model.values, (cell, r, c) => fromCell(cell, realm, (f) => evaluate(f, r, c)));
  }

  getValue(): unknown {
    this.ctx.call('Range.getValue', R);
    const cell = this.model.values.get(this.row - 1, this.column - 1);
    return fromCell(cell, this.ctx.realm, (f) => this.evaluator()(f, this.row - 1, this.column - 1));
  }

  getDisplayValues(): string[][] {
    this.ctx.call('Range.getDisplayValues', R);
    return this.displayBlock();
  }

  getDisplayValue(): string {
    this.ctx.call('Range.getDisplayValue', R);
    return this.displayBlock(1, 1)[0]?.[0] ?? '';
  }

  setValues(values: unknown[][]): Range {
    this.ctx.call('Range.setValues', W);
    const grid = checkDimensions(this.ctx, values, this.numRows, this.numColumns, 'setValues');
    this.write(this.model.values, (r, c) => toCell(grid[r]?.[c]));
    return this;
  }

  /** Like Apps Script, sets every cell of the range. */
  setValue(value: unknown): Range {
    this.ctx.call('Range.setValue', W);
    const cell = toCell(value);
    this.write(this.model.values, () => (cell instanceof Date ? new Date(cell.getTime()) : cell));
    return this;
  }

  getFormulas(): string[][] {
    this.ctx.call('Range.getFormulas', R);
    return this.read(this.model.values, (cell) => (cell instanceof Formula ? cell.text : ''));
  }

  getFormula(): string {
    this.ctx.call('Range.getFormula', R);
    const cell = this.model.values.get(this.row - 1, this.column - 1);
    return cell instanceof Formula ? cell.text : '';
  }

  setFormulas(formulas: string[][]): Range {
    this.ctx.call('Range.setFormulas', W);
    const grid = checkDimensions(this.ctx, formulas, this.numRows, this.numColumns, 'setFormulas');
    this.write(this.model.values, (r, c) => formulaCell(grid[r]?.[c]));
    return this;
  }

  setFormula(formula: string): Range {
    this.ctx.call('Range.setFormula', W);
    this.write(this.model.values, () => formulaCell(formula));
    return this;
  }

  getBackgrounds(): string[][] {
    this.ctx.call('Range.getBackgrounds', R);
    return this.read(this.model.backgrounds, (color) => color ?? '#ffffff');
  }

  getBackground(): string {
    this.ctx.call('Range.getBackground', R);
    return this.model.backgrounds.get(this.row - 1, this.column - 1) ?? '#ffffff';
  }

  /** null resets a cell to the default (white). */
  setBackgrounds(colors: (string | null)[][]): Range {
    this.ctx.call('Range.setBackgrounds', W);
    const grid = checkDimensions(this.ctx, colors, this.numRows, this.numColumns, 'setBackgrounds');
    this.write(this.model.backgrounds, (r, c) => normaliseColor(grid[r]?.[c]));
    return this;
  }

  setBackground(color: string | null): Range {
    this.ctx.call('Range.setBackground', W);
    const value = normaliseColor(color);
    this.write(this.model.backgrounds, () => value);
    return this;
  }

  getNumberFormats(): string[][] {
    this.ctx.call('Range.getNumberFormats', R);
    return this.read(this.model.numberFormats, (format) => format ?? DEFAULT_NUMBER_FORMAT);
  }

  getNumberFormat(): string {
    this.ctx.call('Range.getNumberFormat', R);
    return this.model.numberFormats.get(this.row - 1, this.column - 1) ?? DEFAULT_NUMBER_FORMAT;
  }

  setNumberFormats(formats: string[][]): Range {
    this.ctx.call('Range.setNumberFormats', W);
    const grid = checkDimensions(this.ctx, formats, this.numRows, this.numColumns, 'setNumberFormats');
    this.write(this.model.numberFormats, (r, c) => {
      const format = grid[r]?.[c];
      return format === null || format === undefined ? null : String(format);
    });
    return this;
  }

  setNumberFormat(format: string): Range {
    this.ctx.call('Range.setNumberFormat', W);
    this.write(this.model.numberFormats, () => String(format));
    return this;
  }

  clearContent(): Range {
    this.ctx.call('Range.clearContent', W);
    this.write(this.model.values, () => '');
    return this;
  }

  clearFormat(): Range {
    this.ctx.call('Range.clearFormat', W);
    this.write(this.model.backgrounds, () => null);
    this.write(this.model.numberFormats, () => null);
    return this;
  }

  clear(): Range {
    this.ctx.call('Range.clear', W);
    this.write(this.model.values, () => '');
    this.write(this.model.backgrounds, () => null);
    this.write(this.model.numberFormats, () => null);
    return this;
  }

  isBlank(): boolean {
    this.ctx.call('Range.isBlank', R);
    return this.read(this.model.values, (cell) => cell === '').every((row) => row.every(Boolean));
  }

  /** Only whole rows or whole columns ("G:G", "2:2") can carry metadata, as in Apps Script. */
  addDeveloperMetadata(key: string, valueOrVisibility?: unknown, visibility?: unknown): Range {
    this.ctx.call('Range.addDeveloperMetadata', W);
    const wholeColumns = this.row === 1 && this.numRows === this.model.maxRows;
    const wholeRows = this.column === 1 && this.numColumns === this.model.maxColumns;
    if (!wholeColumns && !wholeRows) {
      throw this.ctx.error(
        'Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.',
      );
    }
    const location = wholeColumns
      ? { type: 'COLUMN' as const, sheet: this.model, span: { start: this.column, count: this.numColumns } }
      : { type: 'ROW' as const, sheet: this.model, span: { start: this.row, count: this.numRows } };
    addMetadata(this.model.spreadsheet, key, location, ...visibilityArgs(valueOrVisibility, visibility));
    return this;
  }

  /** Metadata located exactly on this range's rows or columns. */
  getDeveloperMetadata(): DeveloperMetadata[] {
    this.ctx.call('Range.getDeveloperMetadata', R);
    return this.model.spreadsheet.metadata
      .filter((meta) => this.locatedExactlyHere(meta))
      .map((meta) => new DeveloperMetadata(this.ctx, this.model.spreadsheet, meta));
  }

  /** Finds metadata wholly contained in this range. */
  createDeveloperMetadataFinder(): DeveloperMetadataFinder {
    this.ctx.call('Range.createDeveloperMetadataFinder', R);
    return new DeveloperMetadataFinder(this.ctx, this.model.spreadsheet, (meta) => this.contains(meta));
  }

  private locatedExactlyHere(meta: MetadataModel): boolean {
    const location = meta.location;
    if (location.type === 'COLUMN' && location.sheet === this.model) {
      return (
        this.row === 1 &&
        this.numRows === this.model.maxRows &&
        location.span.start === this.column &&
        location.span.count === this.numColumns
      );
    }
    if (location.type === 'ROW' && location.sheet === this.model) {
      return (
        this.column === 1 &&
        this.numColumns === this.model.maxColumns &&
        location.span.start === this.row &&
        location.span.count === this.numRows
      );
    }
    return false;
  }

  private contains(meta: MetadataModel): boolean {
    const location = meta.location;
    if ((location.type !== 'COLUMN' && location.type !== 'ROW') || location.sheet !== this.model)
      return false;
    const [start, count, otherStart, otherCount, max] =
      location.type === 'COLUMN'
        ? [this.column, this.numColumns, this.row, this.numRows, this.model.maxRows]
        : [this.row, this.numRows, this.column, this.numColumns, this.model.maxColumns];
    const spanInside =
      location.span.start >= start && location.span.start + location.span.count <= start + count;
    return spanInside && otherStart === 1 && otherCount === max;
  }

  private evaluator(): (formula: Formula, r: number, c: number) => unknown {
    const sheet = this.model;
    const evaluate = sheet.spreadsheet.evaluateFormula;
    return (formula, r, c) => evaluate(formula.text, { sheet: sheet.name, row: r + 1, column: c + 1 });
  }

  /** Copies the block out through `map` into fresh arrays of the caller's realm. */
  private read<T, U>(grid: Grid<T>, map: (cell: T, row: number, column: number) => U): U[][] {
    const RealmArray = this.ctx.realm.Array;
    const out = new RealmArray<U[]>(this.numRows);
    const c0 = this.column - 1;
    for (let i = 0; i < this.numRows; i++) {
      const r = this.row - 1 + i;
      const cells = grid.rows[r];
      const row = new RealmArray<U>(this.numColumns);
      for (let j = 0; j < this.numColumns; j++) {
        const cell = cells === undefined || c0 + j >= cells.length ? grid.blank : (cells[c0 + j] as T);
        row[j] = map(cell, r, c0 + j);
      }
      out[i] = row;
    }
    return out;
  }

  private write<T>(grid: Grid<T>, valueAt: (row: number, column: number) => T): void {
    const c0 = this.column - 1;
    const width = c0 + this.numColumns;
    for (let i = 0; i < this.numRows; i++) {
      const cells = grid.rowForWrite(this.row - 1 + i, width);
      for (let j = 0; j < this.numColumns; j++) cells[c0 + j] = valueAt(i, j);
    }
  }

  private displayBlock(numRows = this.numRows, numColumns = this.numColumns): string[][] {
    const evaluate = this.evaluator();
    const timeZone = this.model.spreadsheet.timeZone;
    const out: string[][] = [];
    for (let i = 0; i < numRows; i++) {
      const row: string[] = [];
      for (let j = 0; j < numColumns; j++) {
        const r = this.row - 1 + i;
        const c = this.column - 1 + j;
        const cell: CellValue = this.model.values.get(r, c);
        const value = cell instanceof Formula ? evaluate(cell, r, c) : cell;
        row.push(displayCell(value, this.model.numberFormats.get(r, c), timeZone));
      }
      out.push(row);
    }
    return out;
  }
}

/** What getNumberFormat returns for a cell never formatted (Apps Script's "automatic" format; unverified). */
export const DEFAULT_NUMBER_FORMAT = '0.###############';

function formulaCell(formula: unknown): CellValue {
  if (formula === null || formula === undefined || formula === '') return '';
  const text = String(formula);
  return text.startsWith('=') ? new Formula(text) : toCell(text);
}

/** Sheets reports colours as lower-case hex; named colours other than a few are kept as given (documented gap). */
const NAMED_COLORS: Record<string, string> = {
  white: '#ffffff',
  black: '#000000',
  red: '#ff0000',
  green: '#00ff00',
  blue: '#0000ff',
  yellow: '#ffff00',
};

function normaliseColor(color: unknown): string | null {
  if (color === null || color === undefined || color === '') return null;
  const text = String(color).trim().toLowerCase();
  if (text === '#ffffff' || text === 'white') return null;
  return NAMED_COLORS[text] ?? text;
}
