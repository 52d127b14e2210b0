// Finds the lead table (sheet + header row), remembers it, and reads it in one batched call.
import { columnLetter, duplicateHeaders, findHeaderRow } from '../engine/columns';
import { readState, STATE_KEYS, writeState } from './document-state';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Sheets the add-on writes itself; never taken for the lead table. */
export const ADDON_SHEET_PREFIX = 'LeadScore ';
/** How many rows from the top may hold titles above the header row. */
const HEADER_SCAN_ROWS = 10;

export interface TableLocation {
  sheetId: number;
  /** 1-based row of the column names. */
  headerRow: number;
}

export interface LeadTable {
  sheet: Sheet;
  headerRow: number;
  /** Rows from the header row to the last row, every column up to the last one with content. */
  values: unknown[][];
}

/** A problem that stops scoring, phrased for the person who has to fix the sheet. */
export class TableError extends Error {}

function isAddonSheet(sheet: Sheet): boolean {
  return sheet.getName().startsWith(ADDON_SHEET_PREFIX);
}

function topRows(sheet: Sheet): unknown[][] {
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  if (lastRow === 0 || lastColumn === 0) return [];
  return sheet.getRange(1, 1, Math.min(lastRow, HEADER_SCAN_ROWS + 1), lastColumn).getValues();
}

/** The header row of `sheet` (1-based), or a TableError that says what is wrong. */
export function detectHeaderRow(sheet: Sheet): number {
  const rows = topRows(sheet);
  if (rows.length === 0)
    throw new TableError(`The sheet '${sheet.getName()}' is empty: import your leads first.`);
  const index = findHeaderRow(rows, HEADER_SCAN_ROWS);
  if (index < 0) {
    throw new TableError(
      `No header row found in the first ${HEADER_SCAN_ROWS} rows of '${sheet.getName()}'. LeadScore needs a row of column names (Email, Job Title, ...) above the leads.`,
    );
  }
  return index + 1;
}

/** The active sheet if it holds a lead table, else the first other sheet that does. */
export function detectLeadTable(spreadsheet: Spreadsheet): TableLocation {
  const active = spreadsheet.getActiveSheet();
  const sheets = spreadsheet.getSheets().filter((sheet) => !isAddonSheet(sheet));
  const ordered =
    active && !isAddonSheet(active)
      ? [active, ...sheets.filter((s) => s.getSheetId() !== active.getSheetId())]
      : sheets;
  let firstProblem: string | null = null;
  for (const sheet of ordered) {
    try {
      return { sheetId: sheet.getSheetId(), headerRow: detectHeaderRow(sheet) };
    } catch (error) {
      if (!(error instanceof TableError)) throw error;
      firstProblem ??= error.message;
    }
  }
  throw new TableError(
    firstProblem ?? 'This spreadsheet has no sheet with leads yet: import your leads first.',
  );
}

export function storedLocation(): TableLocation | null {
  return readState<TableLocation>(STATE_KEYS.table);
}

export function rememberLocation(location: TableLocation): void {
  writeState(STATE_KEYS.table, location);
}

/** The remembered lead sheet, or null when it was deleted or never chosen. */
export function locatedSheet(spreadsheet: Spreadsheet, location: TableLocation | null): Sheet | null {
  if (!location) return null;
  return spreadsheet.getSheets().find((sheet) => sheet.getSheetId() === location.sheetId) ?? null;
}

/** One batched read of the table, from its header row down. */
export function readLeadTable(sheet: Sheet, headerRow: number): LeadTable {
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  if (lastRow < headerRow || lastColumn === 0) {
    throw new TableError(
      `The sheet '${sheet.getName()}' has no header row at row ${headerRow} any more: run Set up scoring again.`,
    );
  }
  const values = sheet.getRange(headerRow, 1, lastRow - headerRow + 1, lastColumn).getValues();
  return { sheet, headerRow, values };
}

/** Duplicate column names make "which Email?" ambiguous: name them by letter so the user can rename one. */
export function checkHeader(header: readonly unknown[], ignoredColumns: ReadonlySet<number>): void {
  const visible = header.map((cell, index) => (ignoredColumns.has(index) ? '' : cell));
  const duplicates = duplicateHeaders(visible);
  if (duplicates.length === 0) return;
  const described = duplicates
    .map(
      (entry) =>
        `${entry.columns.map((index) => columnLetter(index)).join(' and ')} are all called '${entry.name}'`,
    )
    .join('; ');
  throw new TableError(
    `Duplicate column names: ${described}. Rename one so each rule knows which column to read.`,
  );
}
