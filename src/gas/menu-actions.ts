// The top-level handlers behind the menu items and the installable triggers (exported from src/index.ts).
import { bindScorer, compileModel } from '../engine/scorer';
import { findTemplate } from '../engine/templates';
import {
  CALIBRATION_SHEET_NAME,
  calibrateLeadTable,
  guessOutcomeColumn,
  writeCalibrationSheet,
} from './calibration-sheet';
import {
  detectLeadTable,
  locatedSheet,
  readLeadTable,
  rememberLocation,
  storedLocation,
  TableError,
  type TableLocation,
} from './lead-table';
import { type RefreshOutcome, refreshLeadScores } from './refresh';
import { RULES_RANGE_NAME, RULES_SHEET_NAME, readRules, writeRules } from './rules-store';
import { readStatus } from './status';
import {
  ensureChangeTriggers,
  installSchedule,
  nextScheduledRun,
  removeContinuationTriggers,
  removeSchedule,
  SCHEDULE_INTERVALS,
  scheduleState,
} from './triggers';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The starter model a new spreadsheet gets; users edit it in the sidebar or the rules sheet. */
export const DEFAULT_TEMPLATE = 'b2b-services';
const TITLE = 'LeadScore';

function activeSpreadsheet(): Spreadsheet {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  if (!spreadsheet) throw new Error('LeadScore works on the open spreadsheet, and none is open.');
  return spreadsheet;
}

function toast(spreadsheet: Spreadsheet, outcome: RefreshOutcome): void {
  spreadsheet.toast(outcome.message, TITLE, outcome.status === 'done' ? 5 : 15);
}

/** Menu: Score now. */
export function scoreNow(): void {
  const spreadsheet = activeSpreadsheet();
  toast(spreadsheet, refreshLeadScores(spreadsheet, { reason: 'menu' }));
}

/** Which columns the model needs that the table lacks, named for the user. */
function missingColumnsNote(spreadsheet: Spreadsheet, location: TableLocation): string {
  const rules = readRules(spreadsheet);
  const sheet = locatedSheet(spreadsheet, location);
  if (!rules.ok || !sheet) return '';
  const header = readLeadTable(sheet, location.headerRow).values[0] ?? [];
  const missing = bindScorer(compileModel(rules.model), header, new Date()).missingColumns;
  if (missing.length === 0) return '';
  const names = [...new Set(missing.map((entry) => `'${entry.column}'`))].join(', ');
  return `\n\nThese columns are not in your sheet, so their rules give no points until you add or rename them (or edit the rules in ${RULES_SHEET_NAME}): ${names}.`;
}

/**
 * Menu: Set up scoring. Finds the lead table and asks the user to confirm it, creates the rules sheet from
 * the starter template when there is none, scores every lead and colours the rows.
 */
export function setUpScoring(): void {
  const spreadsheet = activeSpreadsheet();
  const ui = SpreadsheetApp.getUi();
  let location: TableLocation;
  try {
    location = detectLeadTable(spreadsheet);
  } catch (error) {
    if (!(error instanceof TableError)) throw error;
    ui.alert(TITLE, error.message, ui.ButtonSet.OK);
    return;
  }
  const sheet = locatedSheet(spreadsheet, location);
  if (!sheet) return;
  const header = sheet.getRange(location.headerRow, 1, 1, sheet.getLastColumn()).getValues()[0] ?? [];
  const preview = header
    .filter((cell) => cell !== '')
    .slice(0, 5)
    .map(String)
    .join(', ');
  const answer = ui.alert(
    TITLE,
    `Score the leads in '${sheet.getName()}'? Its column names are in row ${location.headerRow} (${preview}${header.length > 5 ? ', ...' : ''}).\n\nIf that is not your lead table, choose No, open the right sheet and run Set up scoring again.`,
    ui.ButtonSet.YES_NO,
  );
  if (answer !== ui.Button.YES) return;
  rememberLocation(location);
  if (!spreadsheet.getSheetByName(RULES_SHEET_NAME)) {
    const template = findTemplate(DEFAULT_TEMPLATE);
    if (!template) throw new Error(`The starter template '${DEFAULT_TEMPLATE}' is missing from this build.`);
    writeRules(spreadsheet, template.model, new Date());
  }
  // New or edited rows are scored as they arrive, without waiting for a schedule (Schedule refresh adds one).
  ensureChangeTriggers(spreadsheet);
  const outcome = refreshLeadScores(spreadsheet, { reason: 'setup' });
  const note =
    outcome.status === 'done' || outcome.status === 'continuing'
      ? missingColumnsNote(spreadsheet, location)
      : '';
  ui.alert(
    TITLE,
    `${outcome.message}${note}\n\nEdit the rules in the sidebar or the '${RULES_SHEET_NAME}' sheet; use =LEADSCORE(A1:Z, ${RULES_RANGE_NAME}) in formulas.`,
    ui.ButtonSet.OK,
  );
}

/** Menu: Schedule refresh. Asks for the interval (hours) and installs the triggers. */
export function scheduleRefresh(): void {
  const spreadsheet = activeSpreadsheet();
  const ui = SpreadsheetApp.getUi();
  if (!storedLocation()) {
    ui.alert(TITLE, 'Set up scoring first, so the schedule knows which sheet to refresh.', ui.ButtonSet.OK);
    return;
  }
  const current = scheduleState();
  const response = ui.prompt(
    TITLE,
    `Refresh scores every how many hours? ${SCHEDULE_INTERVALS.join(', ')} (add-ons run at most hourly).${current ? ` Now: every ${current.hours} h.` : ''}`,
    ui.ButtonSet.OK_CANCEL,
  );
  if (response.getSelectedButton() !== ui.Button.OK) return;
  const text = response.getResponseText().trim();
  const hours = text === '' ? 1 : Number(text);
  if (!SCHEDULE_INTERVALS.includes(hours)) {
    ui.alert(
      TITLE,
      `'${text}' is not one of ${SCHEDULE_INTERVALS.join(', ')}: the schedule was not changed.`,
      ui.ButtonSet.OK,
    );
    return;
  }
  installSchedule(spreadsheet, hours);
  spreadsheet.toast(
    `Scores refresh every ${hours} h, and new or edited rows are scored as they arrive.`,
    TITLE,
    8,
  );
}

/** Menu: Stop schedule. */
export function stopSchedule(): void {
  const spreadsheet = activeSpreadsheet();
  const removed = removeSchedule(spreadsheet);
  spreadsheet.toast(
    removed > 0 ? 'Scheduled and on-change scoring stopped.' : 'No schedule was running.',
    TITLE,
    5,
  );
}

/** Menu: Help. Status of the last run and where things are. */
export function showHelp(): void {
  const ui = SpreadsheetApp.getUi();
  const status = readStatus();
  const schedule = scheduleState();
  const lines = [
    'Set up scoring: finds your lead table, creates the LeadScore Rules sheet and adds Lead Score, Fit, Intent, Band, Reasons, Scored at and Model version columns beside your data.',
    'Score now: rescores every lead. Rules live in the LeadScore Rules sheet (edit there or in the sidebar).',
    `Formulas: =LEADSCORE(A1:Z, ${RULES_RANGE_NAME}, "score,band,reasons").`,
    schedule
      ? `Schedule: every ${schedule.hours} h (next run about ${nextScheduledRun(
          schedule,
          status?.lastScheduledRun ?? null,
        )
          .toISOString()
          .slice(0, 16)
          .replace('T', ' ')} UTC), plus rows as they are added or edited.`
      : 'Schedule: off (rows are still scored as they are added or edited).',
    status
      ? `Last run: ${status.lastRun} (${status.reason}) ${status.result}, ${status.rowsScored} rows in ${status.durationMs} ms. ${status.message}`
      : 'Last run: never.',
    status?.lastError ? `Last error: ${status.lastError}` : '',
  ];
  ui.alert(`${TITLE} help`, lines.filter(Boolean).join('\n\n'), ui.ButtonSet.OK);
}

/**
 * Menu: Calibrate against outcomes. Asks for the outcome column (guessing a common one), measures the saved
 * model against it and writes the LeadScore Calibration sheet with a suggested model to review.
 */
export function calibrateScores(): void {
  const spreadsheet = activeSpreadsheet();
  const ui = SpreadsheetApp.getUi();
  const location = storedLocation();
  const sheet = locatedSheet(spreadsheet, location);
  if (!sheet || !location) {
    ui.alert(
      TITLE,
      'Set up scoring first, so calibration knows which sheet holds the leads.',
      ui.ButtonSet.OK,
    );
    return;
  }
  const header = sheet.getRange(location.headerRow, 1, 1, sheet.getLastColumn()).getValues()[0] ?? [];
  const guess = guessOutcomeColumn(header);
  const response = ui.prompt(
    TITLE,
    `Which column says whether a lead converted (Converted 0/1, Won/Lost, Closed Won, Customer...)?${guess ? ` Leave empty for '${guess}'.` : ''}`,
    ui.ButtonSet.OK_CANCEL,
  );
  if (response.getSelectedButton() !== ui.Button.OK) return;
  const outcomeColumn = response.getResponseText().trim() || guess || '';
  try {
    const asOf = new Date();
    const calibration = calibrateLeadTable(spreadsheet, outcomeColumn, asOf);
    writeCalibrationSheet(spreadsheet, calibration, outcomeColumn, asOf);
    const { validation } = calibration.report;
    const figure = (value: { mean: number; sd: number }) =>
      `${value.mean.toFixed(3)} ± ${value.sd.toFixed(3)}`;
    spreadsheet.toast(
      `Cross-validated AUC on ${calibration.report.leads} leads: suggested points ${figure(validation.suggested)}, your rules ${figure(validation.current)}. See '${CALIBRATION_SHEET_NAME}'; load the suggestion in the sidebar to review it.`,
      TITLE,
      15,
    );
  } catch (error) {
    if (!(error instanceof TableError)) throw error;
    ui.alert(TITLE, error.message, ui.ButtonSet.OK);
  }
}

/**
 * Whether a time-driven trigger of an add-on sees the document is unverified; without it there is nothing to
 * score and no document properties to record in, so the run ends quietly. Unfinished work stays recorded in
 * the document and the next Score now, sidebar apply or edit-triggered run carries it on.
 */
function triggerSpreadsheet(): Spreadsheet | null {
  return SpreadsheetApp.getActiveSpreadsheet();
}

/** Time-driven trigger: the scheduled refresh (it also finishes a refresh that ran out of time). */
export function onScheduledRefresh(): void {
  const spreadsheet = triggerSpreadsheet();
  if (spreadsheet) refreshLeadScores(spreadsheet, { reason: 'schedule' });
}

/** One-off trigger: continues a refresh that ran out of time, then removes itself. */
export function continueRefresh(): void {
  const spreadsheet = triggerSpreadsheet();
  if (!spreadsheet) return;
  removeContinuationTriggers(spreadsheet);
  refreshLeadScores(spreadsheet, { reason: 'continue' });
}

/** Changes that can add rows: imports, pasted blocks, inserted rows. Plain edits go to onLeadSheetEdit. */
const ROW_ADDING_CHANGES = new Set(['INSERT_ROW', 'INSERT_GRID', 'OTHER']);

/** Installable on-change trigger: scores rows an import appended, without waiting for the schedule. */
export function onLeadSheetChange(event?: { changeType?: string }): void {
  if (!ROW_ADDING_CHANGES.has(String(event?.changeType ?? 'OTHER'))) return;
  refreshLeadScores(activeSpreadsheet(), { reason: 'change', onlyUnscored: true });
}

/** Installable on-edit trigger: rescores the rows an edit touched in the lead sheet. */
export function onLeadSheetEdit(event?: { range?: GoogleAppsScript.Spreadsheet.Range }): void {
  const range = event?.range;
  const location = storedLocation();
  if (!range || !location || range.getSheet().getSheetId() !== location.sheetId) return;
  const first = Math.max(range.getRow(), location.headerRow + 1);
  const last = range.getLastRow();
  if (last < first) return;
  const rows = Array.from({ length: last - first + 1 }, (_, offset) => first + offset);
  refreshLeadScores(activeSpreadsheet(), { reason: 'edit', rows });
}
