// Help › Run diagnostics: the first run does the synchronous probes and starts the slow ones (formulas, a one-off
// trigger); the next run completes the report. Everything created is removed; the report sheet stays.
import { cellLimitSpecs, probeCellLimit } from './cell-limit-probe';
import { columnInsertSpecs, probeColumnInsert } from './column-insert-probe';
import { type RunContext, readContext } from './context';
import {
  type CustomFunctionPending,
  customFunctionSpecs,
  readCustomFunctionProbes,
  writeCustomFunctionProbes,
} from './custom-function-probe';
import { TRIGGER } from './expectations';
import { metadataSpecs, probeMetadata } from './metadata-probe';
import { addScratchSheet } from './new-sheet-probe';
import { createOwnedSheet, ownedSheets, removeOwnedSheets } from './owned-sheets';
import { clearPendingRun, type PendingRun, readPendingRun, writePendingRun } from './pending-run';
import { messageOf, notTestable, type ProbeResult, type ProbeSpec, type RunName } from './probe-result';
import { buildReport, type DiagnosticsReport, reportDialog, summaryLine, writeReportSheet } from './report';
import { probeTiming, timingSpecs } from './timing-probe';
import {
  completeTriggerProbe,
  forgetStaleFindings,
  recordTriggerFindings,
  startTriggerProbe,
} from './trigger-probe';
import { probeTypedInput, typedInputSpecs } from './typed-input-probe';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const TITLE = 'LeadScore diagnostics';
/** A menu item runs in AuthMode.FULL once the user has authorised the add-on (documented auth lifecycle). */
const MENU_AUTH_MODE = 'FULL';
/** Scratch-sheet columns: the typed-input cases in A; the cell-limit probe's two cells in column Z. */
const TYPED_INPUT_COLUMN = 1;
const CELL_LIMIT_CELLS = { atLimit: 'Z1', overLimit: 'Z2' };

/** The synchronous probes, in the scratch sheet; it is deleted afterwards, whatever happened. */
function sheetProbes(spreadsheet: Spreadsheet, scratch: Sheet, context: RunContext): ProbeResult[] {
  const run = context.run;
  try {
    return [
      ...probeTypedInput(scratch, TYPED_INPUT_COLUMN, context.locale ?? '', timeZoneOf(context), run),
      ...probeMetadata(scratch, run),
      ...probeColumnInsert(scratch, run),
      ...probeTiming(spreadsheet, scratch, run),
      ...probeCellLimit(
        scratch.getRange(CELL_LIMIT_CELLS.atLimit),
        scratch.getRange(CELL_LIMIT_CELLS.overLimit),
        run,
      ),
    ];
  } finally {
    spreadsheet.deleteSheet(scratch);
  }
}

/** The same probes' descriptions, for a spreadsheet where no scratch sheet could be added. */
function sheetProbeSpecs(context: RunContext): ProbeSpec[] {
  const run = context.run;
  return [
    ...typedInputSpecs(context.locale ?? '', timeZoneOf(context), run),
    ...metadataSpecs(run),
    ...columnInsertSpecs(run),
    ...timingSpecs(run),
    ...cellLimitSpecs(run),
  ];
}

function timeZoneOf(context: RunContext): string {
  return context.spreadsheetTimeZone ?? 'Etc/UTC';
}

/** The first menu run: probes now, formulas and the trigger for later. */
function startRun(spreadsheet: Spreadsheet): { pending: PendingRun; done: boolean } {
  const startedAt = new Date();
  const context = readContext('menu run 1', spreadsheet, MENU_AUTH_MODE);
  const run = context.run;
  // Scratch sheets of a run that stopped half-way (timed out) are the add-on's own: remove them.
  removeOwnedSheets(spreadsheet, 'scratch');
  forgetStaleFindings(startedAt);
  const unavailable = (specs: ProbeSpec[], error: string): ProbeResult[] =>
    specs.map((spec) => notTestable(spec, `no scratch sheet could be added: ${error}`));

  const scratch = addScratchSheet(spreadsheet, run);
  const results: ProbeResult[] = [scratch.result];
  results.push(
    ...(scratch.sheet
      ? sheetProbes(spreadsheet, scratch.sheet, context)
      : unavailable(sheetProbeSpecs(context), scratch.result.observed)),
  );
  let customFunction: CustomFunctionPending | null = null;
  try {
    const formulas = createOwnedSheet(spreadsheet, 'scratch');
    results.push(...writeCustomFunctionProbes(formulas, startedAt, run));
    customFunction = { writtenAt: startedAt.toISOString() };
  } catch (error) {
    results.push(...unavailable(customFunctionSpecs(run), messageOf(error)));
  }
  const trigger = startTriggerProbe(spreadsheet, run);
  results.push(...trigger.results);
  const pending: PendingRun = {
    startedAt: startedAt.toISOString(),
    userKey: Session.getTemporaryActiveUserKey(),
    contexts: [context],
    results,
    customFunction,
    trigger: trigger.pending,
  };
  return { pending, done: customFunction === null && trigger.pending === null };
}

/** A later menu run: reads what waited, removes what is no longer needed, and says whether all is judged. */
function continueRun(spreadsheet: Spreadsheet, previous: PendingRun): { pending: PendingRun; done: boolean } {
  const now = new Date();
  const context = readContext('menu run 2', spreadsheet, MENU_AUTH_MODE);
  const run: RunName = context.run;
  const givenUp = now.getTime() - Date.parse(previous.startedAt) >= TRIGGER.giveUpAfterMs;
  // A run may take more than two menu runs (a formula still loading): only the latest menu run 2 is kept.
  const contexts = previous.contexts.filter((each) => each.run !== 'menu run 2');
  let results = previous.results.filter((result) => result.status !== 'pending');
  const stillPending = (group: string) =>
    previous.results.filter((result) => result.status === 'pending' && result.probe.startsWith(group));

  let customFunction = previous.customFunction;
  if (customFunction) {
    const sheet = ownedSheets(spreadsheet, 'scratch')[0];
    const found = sheet
      ? readCustomFunctionProbes(sheet, customFunction, now, givenUp, run)
      : stillPending('custom-function/').map((result) =>
          notTestable({ ...result, run }, 'the scratch sheet holding the probe formulas was deleted'),
        );
    results = [...results, ...found];
    if (!found.some((result) => result.status === 'pending')) {
      removeOwnedSheets(spreadsheet, 'scratch');
      customFunction = null;
    }
  }

  let trigger = previous.trigger;
  if (trigger) {
    if (previous.userKey !== Session.getTemporaryActiveUserKey()) {
      results = [
        ...results,
        ...stillPending('triggers/').map((result) =>
          notTestable(
            { ...result, run },
            'another user started this run: the trigger and what it saw belong to their account, so only they can complete these probes',
          ),
        ),
      ];
      trigger = null;
    } else {
      const completion = completeTriggerProbe(
        trigger,
        now,
        context.runsAs === 'bound script or test deployment',
        run,
      );
      results = [...results, ...completion.results];
      if (completion.context) contexts.push(completion.context);
      if (completion.done) trigger = null;
    }
  }
  const pending: PendingRun = {
    ...previous,
    contexts: [...contexts, context],
    results: order(results, previous.results),
    customFunction,
    trigger,
  };
  return { pending, done: customFunction === null && trigger === null };
}

/** Keeps the first run's probe order in the report. */
function order(results: ProbeResult[], reference: ProbeResult[]): ProbeResult[] {
  const position = new Map(reference.map((result, index) => [result.probe, index]));
  return [...results].sort((a, b) => (position.get(a.probe) ?? 0) - (position.get(b.probe) ?? 0));
}

function finalMessage(report: DiagnosticsReport): string {
  const summary = summaryLine(report);
  if (!report.complete)
    return `${summary}\n\nSome checks need time: Sheets computes the probe formulas in the background, and a one-off trigger runs in about a minute. Run Help › Run diagnostics again in a minute or two to complete the report (sheet 'LeadScore Diagnostics').`;
  return `${summary}\n\nThe report is in the sheet 'LeadScore Diagnostics'. Please send its JSON report (at the end of the sheet) to the LeadScore developers: it holds no lead data.`;
}

/** Menu: Help › Run diagnostics. */
export function runDiagnostics(): void {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  if (!spreadsheet) throw new Error('Run diagnostics works on the open spreadsheet, and none is open.');
  const ui = SpreadsheetApp.getUi();
  const lock = LockService.getDocumentLock();
  if (lock && !lock.tryLock(10_000)) {
    ui.alert(
      TITLE,
      'LeadScore is busy in this spreadsheet (a refresh or another diagnostics run). Try again in a minute.',
      ui.ButtonSet.OK,
    );
    return;
  }
  spreadsheet.toast('Running diagnostics: this takes up to a minute.', TITLE, 60);
  let report: DiagnosticsReport;
  let noReportSheet: string | null = null;
  try {
    const previous = readPendingRun();
    const { pending, done } = previous ? continueRun(spreadsheet, previous) : startRun(spreadsheet);
    if (done) clearPendingRun();
    else writePendingRun(pending);
    report = buildReport(pending.startedAt, pending.contexts, pending.results, done);
    try {
      writeReportSheet(spreadsheet, report).activate();
    } catch (error) {
      noReportSheet = messageOf(error);
    }
  } finally {
    lock?.releaseLock();
  }
  if (noReportSheet === null) ui.alert(TITLE, finalMessage(report), ui.ButtonSet.OK);
  else ui.showModalDialog(reportDialog(report, noReportSheet), TITLE);
}

/** The one-off trigger Run diagnostics installs: records what a time-driven trigger sees. */
export function onDiagnosticsTrigger(event?: { triggerUid?: unknown; authMode?: unknown }): void {
  recordTriggerFindings(event);
}
