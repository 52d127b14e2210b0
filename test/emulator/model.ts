// The spreadsheet's state, kept apart from the Apps Script facades so tests can inspect it without counting calls.

import type { CellValue, FormulaEvaluator } from './cell-value';
import type { ChartModel } from './chart';
import { type Span, spanAfterDelete, spanAfterInsert } from './dimension';
import { Grid } from './grid';
import type { SheetLocale } from './typed-input';

export const DEFAULT_MAX_ROWS = 1000;
export const DEFAULT_MAX_COLUMNS = 26;
/** Sheets' limit on the cells of all sheets of one spreadsheet, blank ones included. */
export const SPREADSHEET_CELL_LIMIT = 10_000_000;
export const SPREADSHEET_LIMIT_MESSAGE = `This action would increase the number of cells in the workbook above the limit of ${SPREADSHEET_CELL_LIMIT} cells.`;

/** Refuses a change adding `added` cells when the spreadsheet would pass the limit (Apps Script's wording). */
export function checkCellLimit(
  ctx: { error(message: string): Error },
  spreadsheet: SpreadsheetModel,
  added: number,
): void {
  if (added > 0 && spreadsheet.cellCount() + added > SPREADSHEET_CELL_LIMIT)
    throw ctx.error(SPREADSHEET_LIMIT_MESSAGE);
}

export type MetadataLocation =
  | { type: 'SPREADSHEET' }
  | { type: 'SHEET'; sheet: SheetModel }
  | { type: 'ROW' | 'COLUMN'; sheet: SheetModel; span: Span };

export interface MetadataModel {
  id: number;
  key: string;
  value: string | null;
  visibility: 'DOCUMENT' | 'PROJECT';
  location: MetadataLocation;
}

export interface Area {
  sheet: SheetModel;
  rows: Span;
  columns: Span;
}

export interface RuleFormat {
  background?: string | null;
  fontColor?: string | null;
  bold?: boolean | null;
  italic?: boolean | null;
  strikethrough?: boolean | null;
  underline?: boolean | null;
}

/** A conditional-format rule as stored on a sheet: immutable apart from its ranges, which move with columns. */
export interface RuleModel {
  criteria: string;
  criteriaValues: unknown[];
  format: RuleFormat;
  ranges: Area[];
}

export class SheetModel {
  readonly values = new Grid<CellValue>('');
  readonly backgrounds = new Grid<string | null>(null);
  readonly numberFormats = new Grid<string | null>(null);
  rules: RuleModel[] = [];
  charts: ChartModel[] = [];
  frozenRows = 0;
  frozenColumns = 0;
  hidden = false;

  constructor(
    readonly spreadsheet: SpreadsheetModel,
    readonly id: number,
    public name: string,
    public maxRows = DEFAULT_MAX_ROWS,
    public maxColumns = DEFAULT_MAX_COLUMNS,
  ) {}

  lastRow(): number {
    return this.values.lastRow();
  }

  lastColumn(): number {
    return this.values.lastColumn();
  }

  /** Inserts `n` columns so the first new one is column `at` (1-based); everything at or right of it moves. */
  insertColumns(at: number, n: number): void {
    for (const grid of this.grids()) grid.insertColumns(at - 1, n);
    this.maxColumns += n;
    this.spreadsheet.moveSpans(this, 'COLUMN', (span) => spanAfterInsert(span, at, n));
  }

  deleteColumns(at: number, n: number): void {
    for (const grid of this.grids()) grid.deleteColumns(at - 1, n);
    this.maxColumns -= n;
    this.spreadsheet.moveSpans(this, 'COLUMN', (span) => spanAfterDelete(span, at, n));
  }

  insertRows(at: number, n: number): void {
    for (const grid of this.grids()) grid.insertRows(at - 1, n);
    this.maxRows += n;
    this.spreadsheet.moveSpans(this, 'ROW', (span) => spanAfterInsert(span, at, n));
  }

  deleteRows(at: number, n: number): void {
    for (const grid of this.grids()) grid.deleteRows(at - 1, n);
    this.maxRows -= n;
    this.spreadsheet.moveSpans(this, 'ROW', (span) => spanAfterDelete(span, at, n));
  }

  /** Reorders rows starting at `from` (1-based): new row i is old row from + order[i]. Row metadata follows. */
  permuteRows(from: number, order: readonly number[]): void {
    for (const grid of this.grids()) grid.permuteRows(from - 1, order);
    const target = new Map<number, number>();
    order.forEach((source, i) => {
      target.set(from + source, from + i);
    });
    for (const meta of this.spreadsheet.metadata) {
      if (meta.location.type === 'ROW' && meta.location.sheet === this && meta.location.span.count === 1) {
        const moved = target.get(meta.location.span.start);
        if (moved !== undefined) meta.location.span = { start: moved, count: 1 };
      }
    }
  }

  private grids(): Grid<unknown>[] {
    return [this.values, this.backgrounds, this.numberFormats];
  }
}

export interface NamedRangeModel {
  name: string;
  area: Area;
}

export class SpreadsheetModel {
  readonly sheets: SheetModel[] = [];
  readonly namedRanges = new Map<string, NamedRangeModel>();
  metadata: MetadataModel[] = [];
  activeSheet: SheetModel | null = null;
  private nextSheetId = 0;
  private nextMetadataId = 1;

  constructor(
    readonly id: string,
    public name: string,
    public timeZone: string,
    public locale: SheetLocale,
    readonly evaluateFormula: FormulaEvaluator,
  ) {}

  addSheet(name: string, index = this.sheets.length, maxRows?: number, maxColumns?: number): SheetModel {
    const sheet = new SheetModel(this, this.nextSheetId++, name, maxRows, maxColumns);
    this.sheets.splice(index, 0, sheet);
    if (this.activeSheet === null) this.activeSheet = sheet;
    return sheet;
  }

  removeSheet(sheet: SheetModel): void {
    const index = this.sheets.indexOf(sheet);
    if (index >= 0) this.sheets.splice(index, 1);
    this.metadata = this.metadata.filter(
      (meta) => !('sheet' in meta.location) || meta.location.sheet !== sheet,
    );
    for (const [name, named] of this.namedRanges)
      if (named.area.sheet === sheet) this.namedRanges.delete(name);
    if (this.activeSheet === sheet) this.activeSheet = this.sheets[0] ?? null;
  }

  /** Cells of every sheet, blank ones included (what the 10-million-cell limit counts). */
  cellCount(): number {
    return this.sheets.reduce((sum, sheet) => sum + sheet.maxRows * sheet.maxColumns, 0);
  }

  sheetByName(name: string): SheetModel | null {
    return this.sheets.find((sheet) => sheet.name === name) ?? null;
  }

  newMetadataId(): number {
    return this.nextMetadataId++;
  }

  /** Moves everything anchored to rows or columns of `sheet`: metadata, named ranges, format-rule ranges. */
  moveSpans(sheet: SheetModel, dimension: 'ROW' | 'COLUMN', move: (span: Span) => Span | null): void {
    this.metadata = this.metadata.filter((meta) => {
      const location = meta.location;
      if (location.type !== dimension || location.sheet !== sheet) return true;
      const moved = move(location.span);
      if (moved === null) return false;
      location.span = moved;
      return true;
    });
    const moveArea = (area: Area): Area | null => {
      if (area.sheet !== sheet) return area;
      const span = dimension === 'ROW' ? area.rows : area.columns;
      const moved = move(span);
      if (moved === null) return null;
      return dimension === 'ROW' ? { ...area, rows: moved } : { ...area, columns: moved };
    };
    for (const [name, named] of this.namedRanges) {
      const area = moveArea(named.area);
      if (area === null) this.namedRanges.delete(name);
      else named.area = area;
    }
    for (const rule of sheet.rules) {
      rule.ranges = rule.ranges.map(moveArea).filter((area): area is Area => area !== null);
    }
  }
}
