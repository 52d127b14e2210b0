// The "LeadScore Calibration" sheet: conversion by band and decile, rule lift, holdout AUCs, warnings, a native
// chart of conversion by band, and the suggested model (as JSON the sidebar can load as an editable draft).
import { type CalibrationReport, calibrate } from '../engine/calibration/report';
import type { ScoringModel } from '../engine/model';
import { validateModel } from '../engine/validate';
import { locatedSheet, readLeadTable, storedLocation, TableError } from './lead-table';
import { findOwnedColumns } from './owned-columns';
import { readRules } from './rules-store';
import { CELL_CHARACTER_LIMIT, plainTextBlock } from './safe-cell';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const CALIBRATION_SHEET_NAME = 'LeadScore Calibration';
/** The row label beside the suggested model's JSON. */
export const SUGGESTION_LABEL = 'Suggested model (JSON)';
/** Outcome columns of common CRM exports, tried in order when the user names none. */
export const OUTCOME_GUESSES = [
  'Converted',
  'IsConverted',
  'Deal Stage',
  'Lifecycle Stage',
  'Lead Status',
  'Status',
  'Won',
];
const WIDTH = 5;

function rate(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function auc(value: number): number | string {
  return Number.isNaN(value) ? 'n/a' : Math.round(value * 1000) / 1000;
}

export function guessOutcomeColumn(header: readonly unknown[]): string | null {
  const names = header.map((cell) => String(cell).trim().toLowerCase());
  return OUTCOME_GUESSES.find((guess) => names.includes(guess.toLowerCase())) ?? null;
}

/**
 * The suggested model's JSON in cells of at most Sheets' limit, beside its label; a model too large for
 * the row says where to get it instead (the sidebar receives the suggestion whole).
 */
function suggestionCells(json: string): string[] {
  const cells: string[] = [];
  for (let start = 0; start < json.length; start += CELL_CHARACTER_LIMIT)
    cells.push(json.slice(start, start + CELL_CHARACTER_LIMIT));
  if (cells.length > WIDTH - 1)
    return ['The suggested model is too large to show here: load the suggestion from the sidebar.'];
  return cells;
}

/** Calibrates the saved model on the lead table against `outcomeColumn`. Throws TableError with a readable message. */
export function calibrateLeadTable(
  spreadsheet: Spreadsheet,
  outcomeColumn: string,
): { report: CalibrationReport; model: ScoringModel } {
  const location = storedLocation();
  const sheet = locatedSheet(spreadsheet, location);
  if (!sheet || !location)
    throw new TableError('Set up scoring first, so calibration knows which sheet holds the leads.');
  const rules = readRules(spreadsheet);
  if (!rules.ok) throw new TableError(rules.message);
  const values = readLeadTable(sheet, location.headerRow).values;
  const owned = new Set([...findOwnedColumns(sheet).values()].map((column) => column - 1));
  // The add-on's own columns are neither lead data nor outcomes: blank headers keep them out of the fit.
  const header = (values[0] ?? []).map((cell, index) => (owned.has(index) ? '' : cell));
  try {
    const report = calibrate(rules.model, header, values.slice(1), { outcomeColumn, asOf: new Date() });
    return { report, model: rules.model };
  } catch (error) {
    throw new TableError(error instanceof Error ? error.message : String(error));
  }
}

/** Rewrites the calibration sheet (one batched write) and its chart. */
export function writeCalibrationSheet(
  spreadsheet: Spreadsheet,
  report: CalibrationReport,
  outcomeColumn: string,
  model: ScoringModel,
): Sheet {
  const sheet =
    spreadsheet.getSheetByName(CALIBRATION_SHEET_NAME) ?? spreadsheet.insertSheet(CALIBRATION_SHEET_NAME);
  sheet.clear();
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  const rows: unknown[][] = [
    ['LeadScore calibration', `Outcome column: ${outcomeColumn}`, `Model: ${model.name}`, new Date()],
    [
      'Leads with an outcome',
      report.leads,
      'Converted',
      report.conversions,
      `Baseline ${rate(report.baseline)}`,
    ],
    ['AUC, all leads', auc(report.auc)],
    [
      `Holdout AUC (${report.holdout.leads} leads held out)`,
      'Current model',
      auc(report.holdout.currentAuc),
      'Suggested points',
      auc(report.holdout.suggestedAuc),
    ],
    ['', 'Close-rate method', auc(report.holdout.closeRateAuc)],
    [],
  ];
  const bandStart = rows.length + 1;
  rows.push(['Band', 'Leads', 'Converted', 'Conversion rate']);
  for (const band of report.byBand)
    rows.push([band.label, band.leads, band.converted, Math.round(band.rate * 1000) / 1000]);
  const bandEnd = rows.length;
  rows.push([], ['Score decile (low to high)', 'Leads', 'Converted', 'Conversion rate']);
  for (const decile of report.byDecile)
    rows.push([decile.label, decile.leads, decile.converted, Math.round(decile.rate * 1000) / 1000]);
  rows.push([], ['Rule', 'Leads matched', 'Rate with', 'Rate without', 'Lift']);
  for (const rule of report.ruleLift)
    rows.push([
      rule.label,
      rule.support,
      rate(rule.rateWith),
      rate(rule.rateWithout),
      Math.round(rule.lift * 100) / 100,
    ]);
  rows.push([], ['Warnings']);
  for (const text of [...report.leaks, ...report.warnings]) rows.push([text]);
  if (report.leaks.length + report.warnings.length === 0) rows.push(['None.']);
  rows.push([], [SUGGESTION_LABEL, ...suggestionCells(JSON.stringify(report.suggestions.logistic))]);
  const grid = rows.map((row) => Array.from({ length: WIDTH }, (_, index) => row[index] ?? ''));
  // Plain text keeps labels such as "51-200" or "-10 gmail" and the JSON exactly as written (safe-cell.ts).
  const block = plainTextBlock(
    grid,
    (row, column) => `Calibration sheet row ${row + 1}, column ${column + 1}`,
  );
  const range = sheet.getRange(1, 1, grid.length, WIDTH);
  range.setNumberFormats(block.formats);
  range.setValues(block.values);
  const chart = sheet
    .newChart()
    .asColumnChart()
    .addRange(sheet.getRange(bandStart, 1, bandEnd - bandStart + 1, 1))
    .addRange(sheet.getRange(bandStart, 4, bandEnd - bandStart + 1, 1))
    .setPosition(2, WIDTH + 2, 0, 0)
    .setOption('title', 'Conversion rate by band')
    .build();
  sheet.insertChart(chart);
  return sheet;
}

/** The suggested model last written to the calibration sheet, validated; null when there is none. */
export function readSuggestedModel(spreadsheet: Spreadsheet): ScoringModel | null {
  const sheet = spreadsheet.getSheetByName(CALIBRATION_SHEET_NAME);
  if (!sheet || sheet.getLastRow() === 0) return null;
  const rows = sheet.getRange(1, 1, sheet.getLastRow(), WIDTH).getValues();
  const cells = rows.find((row) => row[0] === SUGGESTION_LABEL)?.slice(1) ?? [];
  if (cells.some((cell) => typeof cell !== 'string')) return null;
  const json = cells.join('');
  try {
    const result = validateModel(JSON.parse(json));
    return result.ok ? result.model : null;
  } catch {
    return null;
  }
}
