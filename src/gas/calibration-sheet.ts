// The "LeadScore Calibration" sheet: how the saved rules rank real outcomes, the leak check, the suggested
// points with cross-validated figures, the saved rules compared with the suggestion on the same leads, and the
// suggestion as JSON the sidebar loads as a draft. Each figure has its one-line explanation beside it.
import { ComparisonCollector, type ModelComparison } from '../engine/calibration/compare';
import { addOnPlan } from '../engine/calibration/cross-validation';
import { describeValidation, EXPLAIN } from '../engine/calibration/explanations';
import type { Summary } from '../engine/calibration/metrics';
import { CalibrationError } from '../engine/calibration/named-columns';
import { CalibrationCollector, type CalibrationReport } from '../engine/calibration/report';
import type { ScoringModel } from '../engine/model';
import { locatedSheet, readLeadTable, storedLocation, TableError } from './lead-table';
import { findOwnedColumns } from './owned-columns';
import { readRules } from './rules-store';
import { CELL_CHARACTER_LIMIT, CellTooLongError, plainTextBlock } from './safe-cell';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const CALIBRATION_SHEET_NAME = 'LeadScore Calibration';
/** Developer metadata that marks the calibration sheet as the add-on's own. */
const SHEET_KEY = 'leadscore.sheet';
const SHEET_VALUE = 'calibration';
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
const WIDTH = 6;

function rate(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function round(value: number, digits = 3): number | string {
  return Number.isFinite(value) ? Number(value.toFixed(digits)) : 'n/a';
}

function meanSd(summary: Summary): string {
  return `${summary.mean.toFixed(3)} ± ${summary.sd.toFixed(3)}`;
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

export interface SheetCalibration {
  report: CalibrationReport;
  comparison: ModelComparison;
  model: ScoringModel;
}

/**
 * Calibrates the saved model on the lead table against `outcomeColumn`, with the add-on's smaller
 * cross-validation plan (learning from the flagged `keepColumns` too), and compares the saved rules with the
 * suggestion. Throws TableError with a readable message.
 */
export function calibrateLeadTable(
  spreadsheet: Spreadsheet,
  outcomeColumn: string,
  asOf: Date,
  keepColumns: string[] = [],
): SheetCalibration {
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
  const rows = values.slice(1);
  try {
    const collector = new CalibrationCollector(rules.model, header, {
      outcomeColumn,
      asOf,
      keepColumns,
      plan: addOnPlan,
    });
    for (const row of rows) collector.add(row);
    const report = collector.finish();
    const compare = new ComparisonCollector([rules.model, report.suggestion.model], header, {
      outcomeColumn,
      asOf,
    });
    for (const row of rows) compare.add(row);
    return { report, comparison: compare.finish(), model: rules.model };
  } catch (error) {
    if (error instanceof CalibrationError) throw new TableError(error.message);
    throw error;
  }
}

/** The calibration sheet, created and marked as the add-on's; a same-named sheet of the user's is never touched. */
function calibrationSheet(spreadsheet: Spreadsheet): Sheet {
  const existing = spreadsheet.getSheetByName(CALIBRATION_SHEET_NAME);
  if (!existing) {
    const sheet = spreadsheet.insertSheet(CALIBRATION_SHEET_NAME);
    sheet.addDeveloperMetadata(SHEET_KEY, SHEET_VALUE);
    return sheet;
  }
  const ours = existing
    .getDeveloperMetadata()
    .some((meta) => meta.getKey() === SHEET_KEY && meta.getValue() === SHEET_VALUE);
  if (ours) return existing;
  if (existing.getLastRow() === 0 && existing.getLastColumn() === 0) {
    existing.addDeveloperMetadata(SHEET_KEY, SHEET_VALUE);
    return existing;
  }
  throw new TableError(
    `There is already a sheet called '${CALIBRATION_SHEET_NAME}' that LeadScore did not make. Rename it (nothing in it was changed), then calibrate again.`,
  );
}

/** The sheet's rows: each section a title, its figures with their explanation in the last column, a blank row. */
function sheetRows(
  calibration: SheetCalibration,
  outcomeColumn: string,
  asOf: Date,
): { rows: unknown[][]; bandRows: [number, number] } {
  const { report, comparison, model } = calibration;
  const { validation, suggestion, current } = report;
  const rows: unknown[][] = [
    ['LeadScore calibration', `Outcome column: ${outcomeColumn}`, `Saved rules: ${model.name}`, asOf],
    [
      'Leads with an outcome',
      report.leads,
      `Converted: ${report.conversions}`,
      `Baseline ${rate(report.baseline)}`,
      `Left out (no outcome): ${report.skipped}`,
      EXPLAIN.baseline,
    ],
    [],
    ['Your saved rules'],
    ['AUC, all leads', round(current.auc), '', '', '', EXPLAIN.auc],
    ['Band', 'Leads', 'Converted', 'Conversion rate'],
  ];
  const bandStart = rows.length + 1;
  for (const band of current.byBand) rows.push([band.label, band.leads, band.converted, round(band.rate)]);
  const bandEnd = rows.length;
  rows.push(['Score decile (low to high)', 'Leads', 'Converted', 'Conversion rate', '', EXPLAIN.decile]);
  for (const decile of current.byDecile)
    rows.push([decile.label, decile.leads, decile.converted, round(decile.rate)]);
  if (current.ruleLift.length > 0) {
    rows.push(['Rule', 'Leads matched', 'Rate with', 'Rate without', 'Lift', EXPLAIN.lift]);
    for (const rule of current.ruleLift)
      rows.push([rule.label, rule.support, rate(rule.rateWith), rate(rule.rateWithout), round(rule.lift, 2)]);
  }
  rows.push([], ['Leak check', '', '', '', '', EXPLAIN.flags]);
  if (report.flags.length === 0)
    rows.push(['No column looks like an identifier, a date or a record of the outcome.']);
  for (const flag of report.flags)
    rows.push([
      flag.column,
      flag.kept ? `${flag.kind}, kept` : `${flag.kind}, left out`,
      flag.reasons.join('; '),
    ]);
  rows.push(
    [],
    [`Suggested points: ${suggestion.rules.length} rules`],
    ['How it was measured', '', '', '', '', describeValidation(validation)],
    [
      'Cross-validated AUC',
      meanSd(validation.suggested),
      'Saved rules, same folds',
      meanSd(validation.current),
      '',
      EXPLAIN.auc,
    ],
    ['Close-rate method', meanSd(validation.closeRate), '', '', '', EXPLAIN.closeRate],
    [
      'Brier score',
      meanSd(validation.brier),
      'Baseline for everyone',
      round(validation.baselineBrier.mean),
      '',
      EXPLAIN.brier,
    ],
    ['Band', 'From score', 'Test leads', 'Predicted', 'Observed', EXPLAIN.bandCheck],
  );
  for (const band of validation.bands)
    rows.push([
      band.name,
      suggestion.bands.find((placed) => placed.name === band.name)?.min ?? '',
      Math.round(band.leads),
      rate(band.predicted),
      rate(band.observed),
    ]);
  rows.push(['Points', 'Rule', 'Leads', 'Converted', '', EXPLAIN.points]);
  for (const rule of suggestion.rules) rows.push([rule.points, rule.label, rule.leads, rate(rule.rate)]);
  const { auc } = comparison;
  rows.push(
    [],
    [
      'Saved rules (A) vs suggestion (B) on these leads',
      '',
      '',
      '',
      '',
      'The suggestion learned from these same leads, so its figures here flatter it; the cross-validated AUC above is the honest one.',
    ],
    [
      'AUC',
      `A ${auc.aucA.toFixed(3)}`,
      `B ${auc.aucB.toFixed(3)}`,
      `B - A ${auc.difference.toFixed(3)}`,
      `95% CI ${auc.low.toFixed(3)} to ${auc.high.toFixed(3)}`,
      EXPLAIN.compareAuc,
    ],
    [
      'Band changes',
      comparison.changedBand,
      `of ${comparison.leads} leads`,
      rate(comparison.changedBand / comparison.leads),
      '',
      EXPLAIN.bandChanges,
    ],
    ['Band under A', 'Band under B', 'Leads'],
  );
  for (const move of comparison.moves) if (move.from !== move.to) rows.push([move.from, move.to, move.leads]);
  (['A', 'B'] as const).forEach((side, index) => {
    rows.push([`Band under ${side}`, 'Leads', 'Converted', 'Conversion rate']);
    for (const band of comparison.byBand[index] ?? [])
      rows.push([band.label, band.leads, band.converted, round(band.rate)]);
  });
  rows.push([], ['Warnings']);
  for (const text of report.warnings) rows.push([text]);
  if (report.warnings.length === 0) rows.push(['None.']);
  rows.push(
    [],
    [
      'Next step',
      'In the sidebar, Calibration › Load suggested rules as draft: the preview shows what would change; nothing is saved until you press Apply.',
    ],
    [SUGGESTION_LABEL, ...suggestionCells(JSON.stringify(suggestion.model))],
  );
  return { rows, bandRows: [bandStart, bandEnd] };
}

/** Rewrites the calibration sheet (one batched write) and its chart. */
export function writeCalibrationSheet(
  spreadsheet: Spreadsheet,
  calibration: SheetCalibration,
  outcomeColumn: string,
  asOf: Date,
): Sheet {
  const { rows, bandRows } = sheetRows(calibration, outcomeColumn, asOf);
  const grid = rows.map((row) => Array.from({ length: WIDTH }, (_, index) => row[index] ?? ''));
  // Plain text keeps labels such as "51-200" or "-10 gmail" and the JSON exactly as written (safe-cell.ts).
  // Built before anything is cleared, so a cell over Sheets' limit stops the write with the sheet intact.
  let block: ReturnType<typeof plainTextBlock>;
  try {
    block = plainTextBlock(grid, (row, column) => `Calibration sheet row ${row + 1}, column ${column + 1}`);
  } catch (error) {
    if (error instanceof CellTooLongError) throw new TableError(error.message);
    throw error;
  }
  const sheet = calibrationSheet(spreadsheet);
  sheet.clear();
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  const range = sheet.getRange(1, 1, grid.length, WIDTH);
  range.setNumberFormats(block.formats);
  range.setValues(block.values);
  const [bandStart, bandEnd] = bandRows;
  if (bandEnd >= bandStart) {
    const chart = sheet
      .newChart()
      .asColumnChart()
      .addRange(sheet.getRange(bandStart, 1, bandEnd - bandStart + 1, 1))
      .addRange(sheet.getRange(bandStart, 4, bandEnd - bandStart + 1, 1))
      .setPosition(2, WIDTH + 2, 0, 0)
      .setOption('title', 'Conversion rate by band (saved rules)')
      .build();
    sheet.insertChart(chart);
  }
  return sheet;
}
