// The sheets diagnostics creates (scratch, report), recognised by sheet-level developer metadata, never by name alone.
import { DIAGNOSTICS_METADATA_KEY } from './expectations';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

type SheetRole = 'scratch' | 'report';

/** The "LeadScore " prefix keeps them out of lead-table detection (src/gas/lead-table.ts). */
const NAMES: Record<SheetRole, string> = {
  scratch: 'LeadScore Diagnostics scratch',
  report: 'LeadScore Diagnostics',
};

export function ownedSheets(spreadsheet: Spreadsheet, role: SheetRole): Sheet[] {
  const found: Sheet[] = [];
  const metadata = spreadsheet
    .createDeveloperMetadataFinder()
    .withKey(DIAGNOSTICS_METADATA_KEY)
    .withLocationType(SpreadsheetApp.DeveloperMetadataLocationType.SHEET)
    .find();
  for (const meta of metadata) {
    const sheet = meta.getLocation().getSheet();
    if (sheet && meta.getValue() === role) found.push(sheet);
  }
  return found;
}

/** A new sheet for `role`, named so it never takes the name of a sheet the user has. */
export function createOwnedSheet(spreadsheet: Spreadsheet, role: SheetRole): Sheet {
  let name = NAMES[role];
  for (let n = 2; spreadsheet.getSheetByName(name); n++) name = `${NAMES[role]} ${n}`;
  const sheet = spreadsheet.insertSheet(name);
  sheet.addDeveloperMetadata(
    DIAGNOSTICS_METADATA_KEY,
    role,
    SpreadsheetApp.DeveloperMetadataVisibility.PROJECT,
  );
  return sheet;
}

export function removeOwnedSheets(spreadsheet: Spreadsheet, role: SheetRole): void {
  for (const sheet of ownedSheets(spreadsheet, role)) spreadsheet.deleteSheet(sheet);
}
