// What the last refresh did, kept in document properties and appended to a capped "LeadScore Log" sheet.
import { readState, STATE_KEYS, writeState } from './document-state';
import { inertCell } from './safe-cell';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const LOG_SHEET_NAME = 'LeadScore Log';
/** Log rows kept (newest last); older ones are deleted so the log never grows without bound. */
export const LOG_LIMIT = 500;
const LOG_HEADER = ['Time', 'Trigger', 'Result', 'Rows scored', 'Duration (ms)', 'Message'];

export interface RefreshStatus {
  lastRun: string;
  reason: string;
  result: string;
  rowsScored: number;
  durationMs: number;
  message: string;
  /** The last failure, kept until a later run succeeds. */
  lastError: string | null;
  /** When the scheduled trigger last ran (for the next-run estimate). */
  lastScheduledRun?: string | null;
}

export function readStatus(): RefreshStatus | null {
  return readState<RefreshStatus>(STATE_KEYS.status);
}

export function recordRun(
  spreadsheet: Spreadsheet,
  run: Omit<RefreshStatus, 'lastError' | 'lastScheduledRun'>,
  failed: boolean,
): RefreshStatus {
  const previous = readStatus();
  const status: RefreshStatus = {
    ...run,
    lastError: failed ? run.message : run.result === 'done' ? null : (previous?.lastError ?? null),
    lastScheduledRun: run.reason === 'schedule' ? run.lastRun : (previous?.lastScheduledRun ?? null),
  };
  writeState(STATE_KEYS.status, status);
  appendLog(spreadsheet, status);
  return status;
}

function appendLog(spreadsheet: Spreadsheet, status: RefreshStatus): void {
  let sheet = spreadsheet.getSheetByName(LOG_SHEET_NAME);
  if (!sheet) {
    sheet = spreadsheet.insertSheet(LOG_SHEET_NAME);
    sheet.getRange(1, 1, 1, LOG_HEADER.length).setValues([LOG_HEADER.map(inertCell)]);
  }
  const row = [
    new Date(status.lastRun),
    status.reason,
    status.result,
    status.rowsScored,
    status.durationMs,
    status.message,
  ];
  sheet.getRange(sheet.getLastRow() + 1, 1, 1, row.length).setValues([row.map(inertCell)]);
  const excess = sheet.getLastRow() - 1 - LOG_LIMIT;
  if (excess > 0) sheet.deleteRows(2, excess);
}
