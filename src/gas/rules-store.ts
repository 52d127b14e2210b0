// The "LeadScore Rules" sheet: the model's home in the spreadsheet, and the LeadScoreRules named range formulas use.
import { columnLetter } from '../engine/columns';
import type { ScoringModel } from '../engine/model';
import { modelToRulesSheet, rulesSheetToModel } from '../engine/rules-sheet';
import { describeIssues, type ModelIssue } from '../engine/validate';
import { plainTextBlock } from './safe-cell';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const RULES_SHEET_NAME = 'LeadScore Rules';
/** Passed to =LEADSCORE so formulas recalculate when the rules change. */
export const RULES_RANGE_NAME = 'LeadScoreRules';

export type RulesRead =
  | { ok: true; model: ScoringModel; asOf: Date | null; version: string }
  | { ok: false; message: string; issues: ModelIssue[] };

export function rulesSheet(spreadsheet: Spreadsheet): Sheet | null {
  return spreadsheet.getSheetByName(RULES_SHEET_NAME);
}

/** A short, stable fingerprint of a model, written beside each score so a reader knows which rules scored it. */
export function modelVersion(model: ScoringModel): string {
  const text = JSON.stringify(model);
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return `m${(hash >>> 0).toString(16).padStart(8, '0')}`;
}

export function readRules(spreadsheet: Spreadsheet): RulesRead {
  const sheet = rulesSheet(spreadsheet);
  if (!sheet) {
    return {
      ok: false,
      message: `There is no '${RULES_SHEET_NAME}' sheet: run Set up scoring first.`,
      issues: [],
    };
  }
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  const values = lastRow > 0 && lastColumn > 0 ? sheet.getRange(1, 1, lastRow, lastColumn).getValues() : [];
  const parsed = rulesSheetToModel(values);
  if (!parsed.ok)
    return {
      ok: false,
      message: `The rules are not valid. ${describeIssues(parsed.issues)}`,
      issues: parsed.issues,
    };
  return { ok: true, model: parsed.model, asOf: parsed.asOf, version: modelVersion(parsed.model) };
}

/**
 * Writes the model as the rules sheet (creating it when missing) and points the named range at it.
 * Text cells are plain text and hold the text exactly as given, so Sheets keeps "51-200", "1/2", "+25" or
 * "=x" as typed, also when a person edits them later (safe-cell.ts). A cell over Sheets' limit throws
 * CellTooLongError naming its rule before anything is written.
 */
export function writeRules(spreadsheet: Spreadsheet, model: ScoringModel, asOf: Date | null): Sheet {
  const grid = modelToRulesSheet(model, asOf);
  const width = Math.max(...grid.map((row) => row.length));
  const padded = grid.map((row) => Array.from({ length: width }, (_, index) => row[index] ?? ''));
  const block = plainTextBlock(padded, (row, column) => {
    const label = String(padded[row]?.[0] ?? '').trim();
    return `The rules sheet's cell ${columnLetter(column)}${row + 1}${label ? ` (${label})` : ''}`;
  });
  const sheet = rulesSheet(spreadsheet) ?? spreadsheet.insertSheet(RULES_SHEET_NAME);
  const oldRows = sheet.getLastRow();
  const oldColumns = sheet.getLastColumn();
  if (oldRows > 0 && oldColumns > 0) sheet.getRange(1, 1, oldRows, oldColumns).clearContent();
  const range = sheet.getRange(1, 1, grid.length, width);
  range.setNumberFormats(block.formats);
  range.setValues(block.values);
  spreadsheet.setNamedRange(RULES_RANGE_NAME, range);
  return sheet;
}

/** Moves the "As of" date on, so decay stays current and every =LEADSCORE recalculates. */
export function updateAsOf(spreadsheet: Spreadsheet, asOf: Date): boolean {
  const sheet = rulesSheet(spreadsheet);
  if (!sheet || sheet.getLastRow() === 0) return false;
  const labels = sheet.getRange(1, 1, sheet.getLastRow(), 1).getValues();
  const row = labels.findIndex(
    (cells) =>
      String(cells[0] ?? '')
        .trim()
        .toLowerCase() === 'as of',
  );
  if (row < 0) return false;
  sheet.getRange(row + 1, 2).setValue(asOf);
  return true;
}
