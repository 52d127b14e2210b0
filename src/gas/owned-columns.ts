// The columns the add-on owns in the lead sheet, tagged with developer metadata so they are found again
// after users insert, move or rename columns. The add-on writes into these columns and no others.
import { normaliseHeader } from '../engine/columns';
import { safeText } from './safe-cell';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const OWNED_METADATA_KEY = 'leadscore.column';

export type OwnedKey = 'score' | 'fit' | 'intent' | 'band' | 'reasons' | 'scored-at' | 'model';

/** In the order they are created, with the header each gets. */
export const OWNED_COLUMNS: readonly { key: OwnedKey; header: string }[] = [
  { key: 'score', header: 'Lead Score' },
  { key: 'fit', header: 'Fit' },
  { key: 'intent', header: 'Intent' },
  { key: 'band', header: 'Band' },
  { key: 'reasons', header: 'Reasons' },
  { key: 'scored-at', header: 'Scored at' },
  { key: 'model', header: 'Model version' },
];

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
    safeText(userHeaders.has(normaliseHeader(column.header)) ? `LeadScore ${column.header}` : column.header),
  );
  sheet.getRange(headerRow, first, 1, missing.length).setValues([titles]);
  const visibility = SpreadsheetApp.DeveloperMetadataVisibility.PROJECT;
  missing.forEach((column, offset) => {
    sheet
      .getRange(1, first + offset, sheet.getMaxRows(), 1)
      .addDeveloperMetadata(OWNED_METADATA_KEY, column.key, visibility);
    owned.set(column.key, first + offset);
  });
  return owned;
}
