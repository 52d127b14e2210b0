// A managed refresh: document lock, one batched read, the engine, one batched write of the owned columns.
// Long sheets continue in follow-up executions; a run stamp in "Scored at" makes every row count exactly once.

import type { LeadResult, ScoringModel } from '../engine/model';
import { isDateValue } from '../engine/normalise';
import { bindScorer, compileModel } from '../engine/scorer';
import { applyBandColours } from './band-colours';
import { clearState, readState, STATE_KEYS, writeState } from './document-state';
import { checkHeader, locatedSheet, readLeadTable, storedLocation, TableError } from './lead-table';
import { ensureOwnedColumns, type OwnedKey } from './owned-columns';
import { modelVersion, readRules, updateAsOf } from './rules-store';
import { inertCell } from './safe-cell';
import { recordRun } from './status';
import { scheduleContinuation } from './triggers';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Apps Script stops an execution at 6 minutes; stop scoring well before, leaving time to write. */
export const DEFAULT_BUDGET_MS = 4.5 * 60 * 1000;
/** How long to wait for another refresh holding the document lock before giving up. */
const LOCK_WAIT_MS = 10_000;
/** Rows scored between looks at the clock. */
const CLOCK_CHECK_EVERY = 500;

export type RefreshReason = 'menu' | 'setup' | 'schedule' | 'continue' | 'change' | 'edit' | 'sidebar';

export interface RefreshOptions {
  reason: RefreshReason;
  /** Only these sheet rows (1-based), e.g. the rows an edit touched. */
  rows?: readonly number[];
  /** Only rows never scored (a blank "Scored at"): rows an import appended. */
  onlyUnscored?: boolean;
  /** Time this execution may spend scoring before it hands over to a follow-up execution. */
  budgetMs?: number;
  /** At most this many rows per execution (a smaller budget, in rows). */
  chunkRows?: number;
  /** The model to score with; default: the rules sheet's. */
  model?: ScoringModel;
}

export interface RefreshOutcome {
  status: 'done' | 'continuing' | 'locked' | 'invalid-model' | 'not-set-up' | 'error';
  message: string;
  rowsScored: number;
  /** Lead rows (non-blank) in the table. */
  totalRows: number;
  durationMs: number;
  /** Columns the rules need that the sheet lacks, as "Column (rule ids)". */
  missingColumns: string[];
}

/** An unfinished full refresh: its stamp marks the rows it has scored. */
interface RunState {
  stamp: number;
  version: string;
  startedAt: string;
}

const OWNED_ORDER: readonly OwnedKey[] = ['score', 'fit', 'intent', 'band', 'reasons', 'scored-at', 'model'];

function isBlankRow(row: readonly unknown[], owned: ReadonlySet<number>): boolean {
  return row.every((cell, index) => owned.has(index) || cell === '' || cell === null);
}

function stampOf(cell: unknown): number | null {
  return isDateValue(cell) ? cell.getTime() : null;
}

function ownedValue(key: OwnedKey, result: LeadResult, stamp: Date, version: string): unknown {
  switch (key) {
    case 'score':
      return result.score;
    case 'fit':
      return result.fit;
    case 'intent':
      return result.intent;
    case 'band':
      return result.band;
    case 'reasons': {
      const problems = result.problems.length > 0 ? ` (check: ${result.problems.join('; ')})` : '';
      return `${result.reasons}${problems}`;
    }
    case 'scored-at':
      return stamp;
    case 'model':
      return version;
  }
}

/** Rows and columns of the sheet: any insert or delete changes one of them. */
interface Shape {
  rows: number;
  columns: number;
}

function shapeOf(sheet: Sheet): Shape {
  return { rows: sheet.getMaxRows(), columns: sheet.getMaxColumns() };
}

function sameShape(a: Shape, b: Shape): boolean {
  return a.rows === b.rows && a.columns === b.columns;
}

const SHAPE_CHANGED =
  'Rows or columns were added or removed while LeadScore was scoring, so nothing was written. Run Score now again (a scheduled refresh retries by itself).';
const WRITTEN_WHILE_CHANGED =
  'Rows or columns were added or removed while LeadScore was writing scores, so some scores may sit on the wrong rows until the next refresh, which rescores every row. Run Score now to correct them at once.';

/**
 * Writes the owned columns for every table row: one call when they sit side by side, else one per column.
 * Text goes out inert (safe-cell.ts), so Sheets reads none of it as a formula, number or date.
 */
function writeOwned(
  sheet: Sheet,
  firstRow: number,
  columns: Map<OwnedKey, number>,
  cells: Map<OwnedKey, unknown[]>,
): void {
  const ordered = OWNED_ORDER.map((key) => ({ key, column: columns.get(key) ?? 0 })).sort(
    (a, b) => a.column - b.column,
  );
  const height = cells.get('score')?.length ?? 0;
  if (height === 0) return;
  let start = 0;
  while (start < ordered.length) {
    let end = start;
    while (end + 1 < ordered.length && (ordered[end + 1]?.column ?? 0) === (ordered[end]?.column ?? 0) + 1)
      end++;
    const block = ordered.slice(start, end + 1);
    const values = Array.from({ length: height }, (_, row) =>
      block.map(({ key }) => inertCell(cells.get(key)?.[row] ?? '')),
    );
    sheet.getRange(firstRow, block[0]?.column ?? 1, height, block.length).setValues(values);
    start = end + 1;
  }
}

function refreshLocked(spreadsheet: Spreadsheet, options: RefreshOptions, started: number): RefreshOutcome {
  const outcome = (
    status: RefreshOutcome['status'],
    message: string,
    extra: Partial<RefreshOutcome> = {},
  ): RefreshOutcome => ({
    status,
    message,
    rowsScored: 0,
    totalRows: 0,
    durationMs: Date.now() - started,
    missingColumns: [],
    ...extra,
  });
  const location = storedLocation();
  const sheet = locatedSheet(spreadsheet, location);
  if (!sheet || !location)
    return outcome(
      'not-set-up',
      'LeadScore is not set up in this spreadsheet yet: choose Extensions › LeadScore › Set up scoring.',
    );

  let model = options.model;
  if (!model) {
    const rules = readRules(spreadsheet);
    if (!rules.ok) return outcome('invalid-model', `Nothing was written. ${rules.message}`);
    model = rules.model;
  }
  const version = modelVersion(model);

  const now = new Date();
  const fullRun = !options.rows && !options.onlyUnscored;
  // A full refresh moves the rules sheet's "As of" on, so =LEADSCORE formulas and decay use today too.
  if (fullRun) updateAsOf(spreadsheet, now);

  const headerProbe =
    sheet.getRange(location.headerRow, 1, 1, Math.max(1, sheet.getLastColumn())).getValues()[0] ?? [];
  const columns = ensureOwnedColumns(sheet, location.headerRow, headerProbe);
  const shapeWhenRead = shapeOf(sheet);
  const table = readLeadTable(sheet, location.headerRow);
  const ownedIndexes = new Set([...columns.values()].map((column) => column - 1));
  const header = table.values[0] ?? [];
  checkHeader(header, ownedIndexes);
  // The engine never sees the add-on's own columns, so no rule can read a score back in.
  const engineHeader = header.map((cell, index) => (ownedIndexes.has(index) ? '' : cell));
  const scorer = bindScorer(compileModel(model), engineHeader, now);
  const byColumn = new Map<string, string[]>();
  for (const missing of scorer.missingColumns)
    byColumn.set(missing.column, [...(byColumn.get(missing.column) ?? []), missing.id]);
  const missingColumns = [...byColumn].map(([column, ids]) => `${column} (${ids.join(', ')})`);

  const rows = table.values.slice(1);
  const cells = new Map<OwnedKey, unknown[]>();
  for (const key of OWNED_ORDER) {
    const index = (columns.get(key) ?? 0) - 1;
    cells.set(
      key,
      rows.map((row) => row[index] ?? ''),
    );
  }
  const stampCells = cells.get('scored-at') ?? [];
  const versionCells = cells.get('model') ?? [];

  const previousRun = readState<RunState>(STATE_KEYS.run);
  let run: RunState | null = null;
  if (fullRun) {
    if (previousRun && previousRun.version === version) run = previousRun;
    else {
      // Whole seconds (how precisely Sheets keeps a date-time's milliseconds is unverified), and always
      // later than every stamp in the sheet, so a new run never mistakes an earlier run's rows for its own.
      let latest = 0;
      for (const cell of stampCells) latest = Math.max(latest, stampOf(cell) ?? 0);
      const stamp = Math.max(
        Math.floor(now.getTime() / 1000) * 1000,
        Math.floor(latest / 1000) * 1000 + 1000,
      );
      run = { stamp, version, startedAt: now.toISOString() };
    }
  }
  const stamp = new Date(run ? run.stamp : now.getTime());
  /** A row this run already scored: its stamp is the run's and so is its model (a new model starts afresh). */
  const scoredInRun = (index: number): boolean => {
    const time = stampOf(stampCells[index]);
    return (
      run !== null && time !== null && Math.abs(time - run.stamp) < 500 && versionCells[index] === run.version
    );
  };
  const wanted = options.rows ? new Set(options.rows.map((row) => row - location.headerRow - 1)) : null;
  const budget = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const chunk = options.chunkRows ?? Number.POSITIVE_INFINITY;

  let totalRows = 0;
  let scored = 0;
  let outOfTime = false;
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index] ?? [];
    if (isBlankRow(row, ownedIndexes)) {
      for (const key of OWNED_ORDER) (cells.get(key) as unknown[])[index] = '';
      continue;
    }
    totalRows++;
    if (wanted && !wanted.has(index)) continue;
    if (options.onlyUnscored && stampOf(stampCells[index]) !== null) continue;
    if (run && scoredInRun(index)) continue;
    if (outOfTime) continue;
    if (scored >= chunk || (scored % CLOCK_CHECK_EVERY === 0 && Date.now() - started > budget)) {
      outOfTime = true;
      continue;
    }
    // Owned columns have blank headers in engineHeader, so no rule reads them: the row goes in as it is.
    const result = scorer.scoreRow(row);
    for (const key of OWNED_ORDER)
      (cells.get(key) as unknown[])[index] = ownedValue(key, result, stamp, version);
    scored++;
  }

  // Apps Script sends writes to the coordinates they were given: rows or columns a collaborator added or removed
  // since the read would shift them onto other rows or into other columns. So write only onto the shape that
  // was read, and send the write at once so the window for such an edit stays as short as possible.
  if (!sameShape(shapeOf(sheet), shapeWhenRead)) {
    if (run) clearState(STATE_KEYS.run);
    throw new TableError(SHAPE_CHANGED);
  }
  writeOwned(sheet, location.headerRow + 1, columns, cells);
  SpreadsheetApp.flush();
  if (!sameShape(shapeOf(sheet), shapeWhenRead)) {
    // An edit landed between the check and the write: this run's rows may be off by the rows inserted. Forget
    // the run, so the next refresh rescores every row instead of trusting these stamps.
    if (run) clearState(STATE_KEYS.run);
    throw new TableError(WRITTEN_WHILE_CHANGED);
  }
  const bandColumn = columns.get('band');
  if (bandColumn && (fullRun || options.reason === 'sidebar'))
    applyBandColours(sheet, model, bandColumn, location.headerRow);
  const missingNote =
    missingColumns.length > 0
      ? ` Missing columns (their rules gave no points): ${missingColumns.join('; ')}.`
      : '';

  if (outOfTime && run) {
    writeState(STATE_KEYS.run, run);
    const when = scheduleContinuation(spreadsheet);
    const done = rows.filter((_, index) => scoredInRun(index)).length;
    return outcome(
      'continuing',
      `Scored ${done.toLocaleString('en-US')} of ${totalRows.toLocaleString('en-US')} leads; the rest ${when === 'in-a-minute' ? 'continues in about a minute' : 'continues at the next scheduled refresh'}.${missingNote}`,
      { rowsScored: scored, totalRows, missingColumns },
    );
  }
  if (run) clearState(STATE_KEYS.run);
  return outcome(
    'done',
    `Scored ${scored.toLocaleString('en-US')} leads in '${sheet.getName()}'.${missingNote}`,
    {
      rowsScored: scored,
      totalRows,
      missingColumns,
    },
  );
}

/**
 * Refreshes the managed columns. Never throws: every failure becomes an outcome with a readable message,
 * recorded in the status and the run log.
 */
export function refreshLeadScores(spreadsheet: Spreadsheet, options: RefreshOptions): RefreshOutcome {
  const started = Date.now();
  const lock = LockService.getDocumentLock();
  if (!lock?.tryLock(LOCK_WAIT_MS)) {
    return {
      status: 'locked',
      message: 'Another LeadScore refresh is running; try again in a minute.',
      rowsScored: 0,
      totalRows: 0,
      durationMs: Date.now() - started,
      missingColumns: [],
    };
  }
  try {
    let result: RefreshOutcome;
    try {
      result = refreshLocked(spreadsheet, options, started);
    } catch (error) {
      const known = error instanceof TableError;
      const text = error instanceof Error ? error.message : String(error);
      result = {
        status: 'error',
        message: known ? text : `LeadScore could not refresh: ${text}`,
        rowsScored: 0,
        totalRows: 0,
        durationMs: Date.now() - started,
        missingColumns: [],
      };
    }
    const failed = result.status === 'error' || result.status === 'invalid-model';
    recordRun(
      spreadsheet,
      {
        lastRun: new Date(started).toISOString(),
        reason: options.reason,
        result: result.status,
        rowsScored: result.rowsScored,
        durationMs: result.durationMs,
        message: result.message,
      },
      failed,
    );
    return result;
  } finally {
    // Held while the run is recorded too, so two runs never interleave their log rows.
    lock.releaseLock();
  }
}
