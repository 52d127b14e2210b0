// The columns the add-on owns in the lead sheet, tagged with developer metadata so they are found again
// after users insert, move or rename columns. The add-on writes into these columns and no others.
import { columnLetter, normaliseHeader } from '../engine/columns';
import { AUTOMATIC_FORMAT, inertText } from './safe-cell';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const OWNED_METADATA_KEY = 'leadscore.column';

export type OwnedKey = 'score' | 'fit' | 'intent' | 'band' | 'reasons' | 'scored-at' | 'model';

/**
 * In the order they are created, with the header and number format each gets. No owned column is plain
 * text (@): the add-on writes its text with a leading apostrophe, which a plain-text cell would keep.
 */
export const OWNED_COLUMNS: readonly { key: OwnedKey; header: string; format: string }[] = [
  { key: 'score', header: 'Lead Score', format: AUTOMATIC_FORMAT },
  { key: 'fit', header: 'Fit', format: AUTOMATIC_FORMAT },
  { key: 'intent', header: 'Intent', format: AUTOMATIC_FORMAT },
  { key: 'band', header: 'Band', format: AUTOMATIC_FORMAT },
  { key: 'reasons', header: 'Reasons', format: AUTOMATIC_FORMAT },
  { key: 'scored-at', header: 'Scored at', format: 'yyyy-mm-dd hh:mm' },
  { key: 'model', header: 'Model version', format: AUTOMATIC_FORMAT },
];

/** A whole column in A1 form ("G:G"): coordinate ranges are reported refused for developer metadata (docs/emulator.md). */
export function wholeColumn(sheet: Sheet, column: number): GoogleAppsScript.Spreadsheet.Range {
  const letter = columnLetter(column - 1);
  return sheet.getRange(`${letter}:${letter}`);
}

const KEYS = new Set<string>(OWNED_COLUMNS.map((column) => column.key));

/** Owned key -> 1-based column, read from the sheet's developer metadata. */
export function findOwnedColumns(sheet: Sheet): Map<OwnedKey, number> {
  const found = new Map<OwnedKey, number>();
  for (const meta of sheet.createDeveloperMetadataFinder().withKey(OWNED_METADATA_KEY).find()) {
    const key = meta.getValue() ?? '';
    const column = meta.getLocation().getColumn();
    if (KEYS.has(key) && column) found.set(key as OwnedKey, column.getColumn());
  }
  return found;
}

/**
 * Adds whichever owned columns are missing after the last used column. A user column that already has
 * our header's name keeps it; ours is then called "LeadScore <name>" so the two never get confused.
 */
export function ensureOwnedColumns(
  sheet: Sheet,
  headerRow: number,
  header: readonly unknown[],
): Map<OwnedKey, number> {
  const owned = findOwnedColumns(sheet);
  const missing = OWNED_COLUMNS.filter((column) => !owned.has(column.key));
  if (missing.length === 0) return owned;
  const ownedIndexes = new Set([...owned.values()].map((column) => column - 1));
  const userHeaders = new Set(
    header.filter((_, index) => !ownedIndexes.has(index)).map((cell) => normaliseHeader(cell)),
  );
  const first = sheet.getLastColumn() + 1;
  const needed = first + missing.length - 1 - sheet.getMaxColumns();
  if (needed > 0) sheet.insertColumnsAfter(sheet.getMaxColumns(), needed);
  const titles = missing.map((column) =>
    inertText(userHeaders.has(normaliseHeader(column.header)) ? `LeadScore ${column.header}` : column.header),
  );
  // Tag each column first: if tagging fails, no title is left behind that a later run would take for the user's.
  const visibility = SpreadsheetApp.DeveloperMetadataVisibility.PROJECT;
  missing.forEach((column, offset) => {
    const range = wholeColumn(sheet, first + offset);
    range.addDeveloperMetadata(OWNED_METADATA_KEY, column.key, visibility);
    range.setNumberFormat(column.format);
    owned.set(column.key, first + offset);
  });
  sheet.getRange(headerRow, first, 1, missing.length).setValues([titles]);
  return owned;
}
