// Range: a fixed rectangle of a sheet; reads copy out, writes are queued with their coordinates, every call counted.
import { columnToLetters, toA1 } from './a1';
import {
  CELL_CHARACTER_LIMIT,
  CELL_LIMIT_MESSAGE,
  type CellValue,
  displayCell,
  Formula,
  fromCell,
  PARSE_ERROR,
  type WriteTarget,
  writtenCell,
} from './cell-value';
import { Access, type EmulatorContext } from './context';
import {
  addMetadata,
  DeveloperMetadata,
  DeveloperMetadataFinder,
  visibilityArgs,
} from './developer-metadata';
import type { Grid } from './grid';
import type { MetadataModel, SheetModel } from './model';
import { dateMs, isDate } from './realm';
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

/** The message Apps Script gives for metadata on anything but a spreadsheet, a sheet, or one whole row or column. */
export const ARBITRARY_METADATA_MESSAGE =
  'Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.';

/** How a range was obtained: A1 notation naming whole columns ("G:G") or whole rows ("5:5"), or anything else. */
export type RangeShape = 'COLUMNS' | 'ROWS' | null;

export class Range {
  constructor(
    private readonly ctx: EmulatorContext,
    readonly model: SheetModel,
    private readonly row: number,
    private readonly column: number,
    private readonly numRows: number,
    private readonly numColumns: number,
    /** Set only for A1 notation without row numbers ("G:G") or without columns ("5:5"). */
    readonly shape: RangeShape = null,
  ) {}

  /** "G:G" / "5:5" for ranges obtained that way; "A1:B2" otherwise (coordinate ranges stay bounded). */
  getA1Notation(): string {
    this.ctx.call('Range.getA1Notation', R);
    if (this.shape === 'COLUMNS') {
      const last = this.column + this.numColumns - 1;
      return `${columnToLetters(this.column)}:${columnToLetters(last)}`;
    }
    if (this.shape === 'ROWS') return `${this.row}:${this.row + this.numRows - 1}`;
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
    this.countRead();
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
    this.ctx.calls.cellsRead(1);
    const cell = this.model.values.get(this.row - 1, this.column - 1);
    return fromCell(cell, this.ctx.realm, (f) => this.evaluator()(f, this.row - 1, this.column - 1));
  }

  getDisplayValues(): string[][] {
    this.ctx.call('Range.getDisplayValues', R);
    this.countRead();
    return this.displayBlock();
  }

  getDisplayValue(): string {
    this.ctx.call('Range.getDisplayValue', R);
    this.ctx.calls.cellsRead(1);
    return this.displayBlock(1, 1)[0]?.[0] ?? '';
  }

  setValues(values: unknown[][]): Range {
    this.ctx.call('Range.setValues', W);
    const grid = snapshot(checkDimensions(this.ctx, values, this.numRows, this.numColumns, 'setValues'));
    this.writeValues((r, c) => grid[r]?.[c]);
    return this;
  }

  /** Like Apps Script, sets every cell of the range. */
  setValue(value: unknown): Range {
    this.ctx.call('Range.setValue', W);
    const copy = snapshotValue(value);
    this.writeValues(() => copy);
    return this;
  }

  getFormulas(): string[][] {
    this.ctx.call('Range.getFormulas', R);
    this.countRead();
    return this.read(this.model.values, (cell) => (cell instanceof Formula ? cell.text : ''));
  }

  getFormula(): string {
    this.ctx.call('Range.getFormula', R);
    const cell = this.model.values.get(this.row - 1, this.column - 1);
    return cell instanceof Formula ? cell.text : '';
  }

  /** Formulas are typed input too: text not starting with "=" is parsed like setValues. */
  setFormulas(formulas: string[][]): Range {
    this.ctx.call('Range.setFormulas', W);
    const grid = snapshot(checkDimensions(this.ctx, formulas, this.numRows, this.numColumns, 'setFormulas'));
    this.writeValues((r, c) => formulaText(grid[r]?.[c]), true);
    return this;
  }

  setFormula(formula: string): Range {
    this.ctx.call('Range.setFormula', W);
    const text = formulaText(formula);
    this.writeValues(() => text, true);
    return this;
  }

  getBackgrounds(): string[][] {
    this.ctx.call('Range.getBackgrounds', R);
    this.countRead();
    return this.read(this.model.backgrounds, (color) => color ?? '#ffffff');
  }

  getBackground(): string {
    this.ctx.call('Range.getBackground', R);
    this.ctx.calls.cellsRead(1);
    return this.model.backgrounds.get(this.row - 1, this.column - 1) ?? '#ffffff';
  }

  /** null resets a cell to the default (white). */
  setBackgrounds(colors: (string | null)[][]): Range {
    this.ctx.call('Range.setBackgrounds', W);
    const grid = snapshot(checkDimensions(this.ctx, colors, this.numRows, this.numColumns, 'setBackgrounds'));
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
    this.countRead();
    return this.read(this.model.numberFormats, (format) => format ?? DEFAULT_NUMBER_FORMAT);
  }

  getNumberFormat(): string {
    this.ctx.call('Range.getNumberFormat', R);
    this.ctx.calls.cellsRead(1);
    return this.model.numberFormats.get(this.row - 1, this.column - 1) ?? DEFAULT_NUMBER_FORMAT;
  }

  setNumberFormats(formats: string[][]): Range {
    this.ctx.call('Range.setNumberFormats', W);
    const grid = snapshot(
      checkDimensions(this.ctx, formats, this.numRows, this.numColumns, 'setNumberFormats'),
    );
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
    this.countRead();
    return this.read(this.model.values, (cell) => cell === '').every((row) => row.every(Boolean));
  }

  /**
   * Only one whole column or row obtained in A1 form ("G:G", "5:5") can carry metadata. The same cells
   * built from coordinates (getRange(1, 7, maxRows, 1)) and spans of several columns or rows are refused:
   * the Sheets API says a location "must represent a single row or column", and Apps Script is reported
   * to treat coordinate ranges as arbitrary (the strict reading).
   */
  addDeveloperMetadata(key: string, valueOrVisibility?: unknown, visibility?: unknown): Range {
    this.ctx.call('Range.addDeveloperMetadata', W);
    const wholeColumns = this.shape === 'COLUMNS' && this.numColumns === 1;
    const wholeRows = this.shape === 'ROWS' && this.numRows === 1;
    if (!wholeColumns && !wholeRows) throw this.ctx.error(ARBITRARY_METADATA_MESSAGE);
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

  private countRead(): void {
    this.ctx.calls.cellsRead(this.numRows * this.numColumns);
  }

  /**
   * Queues a write of values: each is parsed like typed input when it is applied (so a plain-text format
   * queued before it counts), and a string over Sheets' cell limit fails then, as a flush does on Sheets.
   */
  private writeValues(valueAt: (row: number, column: number) => unknown, formulas = false): void {
    this.ctx.calls.cellsWritten(this.numRows * this.numColumns);
    this.ctx.write(() => {
      const spreadsheet = this.model.spreadsheet;
      const base = { locale: spreadsheet.locale, timeZone: spreadsheet.timeZone, now: this.ctx.clock.now() };
      const formats = this.model.numberFormats;
      const inferred: (string | null)[][] = [];
      const cells: CellValue[][] = [];
      for (let i = 0; i < this.numRows; i++) {
        const rowCells: CellValue[] = [];
        const rowFormats: (string | null)[] = [];
        for (let j = 0; j < this.numColumns; j++) {
          const value = valueAt(i, j);
          if (typeof value === 'string' && value.length > CELL_CHARACTER_LIMIT)
            throw this.ctx.error(CELL_LIMIT_MESSAGE);
          const format = formats.get(this.row - 1 + i, this.column - 1 + j);
          const target: WriteTarget = { ...base, plainText: format === '@' && !formulas };
          const written = writtenCell(value, target);
          rowCells.push(written.cell);
          rowFormats.push(format === null ? written.format : null);
        }
        cells.push(rowCells);
        inferred.push(rowFormats);
      }
      this.apply(this.model.values, (r, c) => cells[r]?.[c] ?? '');
      for (let i = 0; i < this.numRows; i++)
        for (let j = 0; j < this.numColumns; j++) {
          const format = inferred[i]?.[j];
          if (format) formats.set(this.row - 1 + i, this.column - 1 + j, format);
        }
    });
  }

  /** Queues a write of a grid other than values (backgrounds, formats, clearing). */
  private write<T>(grid: Grid<T>, valueAt: (row: number, column: number) => T): void {
    this.ctx.calls.cellsWritten(this.numRows * this.numColumns);
    this.ctx.write(() => this.apply(grid, valueAt));
  }

  private apply<T>(grid: Grid<T>, valueAt: (row: number, column: number) => T): void {
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
        const value = cell instanceof Formula ? (cell.valid ? evaluate(cell, r, c) : PARSE_ERROR) : cell;
        row.push(displayCell(value, this.model.numberFormats.get(r, c), timeZone));
      }
      out.push(row);
    }
    return out;
  }
}

/** What getNumberFormat returns for a cell never formatted (Apps Script's "automatic" format; unverified). */
export const DEFAULT_NUMBER_FORMAT = '0.###############';

function formulaText(formula: unknown): string {
  return formula === null || formula === undefined ? '' : String(formula);
}

/** Apps Script reads the arguments when the call is made: later changes to the caller's arrays do not count. */
function snapshotValue(value: unknown): unknown {
  return isDate(value) ? new Date(dateMs(value)) : value;
}

function snapshot(grid: unknown[][]): unknown[][] {
  return grid.map((row) => row.map(snapshotValue));
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
