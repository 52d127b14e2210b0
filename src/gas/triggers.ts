// Installable triggers: the scheduled refresh, the on-change/on-edit rescoring, and one-off continuations.
// Add-ons may hold one trigger of each type per user per document and run time triggers at most hourly.
import { clearState, readState, STATE_KEYS, writeState } from './document-state';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Trigger = GoogleAppsScript.Script.Trigger;

export const SCHEDULE_HANDLER = 'onScheduledRefresh';
export const CHANGE_HANDLER = 'onLeadSheetChange';
export const EDIT_HANDLER = 'onLeadSheetEdit';
export const CONTINUE_HANDLER = 'continueRefresh';
const HANDLERS = new Set([SCHEDULE_HANDLER, CHANGE_HANDLER, EDIT_HANDLER, CONTINUE_HANDLER]);

/**
 * Hours between scheduled refreshes. Hourly is the add-on minimum; beyond a day "within N days" rules and
 * decay would lag by more than a day, and the daily trigger-runtime quota (90 min on consumer accounts,
 * shared by all of a user's documents) is better spent on fewer, larger runs for big sheets.
 */
export const SCHEDULE_INTERVALS: readonly number[] = [1, 2, 4, 6, 12, 24];

export interface ScheduleState {
  hours: number;
  installedAt: string;
  /** The time-driven trigger's unique id (absent in states written before ids were kept). */
  triggerId?: string;
}

/**
 * The add-on's triggers for this document. Spreadsheet triggers come from getUserTriggers(ss); whether that
 * lists time-driven triggers is unverified (they belong to no document), so the ids of the time triggers
 * this document made are kept in its properties and looked up among the project's triggers.
 */
function ownTriggers(spreadsheet: Spreadsheet): Trigger[] {
  const found = new Map<string, Trigger>();
  for (const trigger of ScriptApp.getUserTriggers(spreadsheet))
    if (HANDLERS.has(trigger.getHandlerFunction())) found.set(trigger.getUniqueId(), trigger);
  const known = new Set(
    [scheduleState()?.triggerId, readState<string>(STATE_KEYS.continuation)].filter(
      (id): id is string => typeof id === 'string',
    ),
  );
  if (known.size > 0)
    for (const trigger of ScriptApp.getProjectTriggers())
      if (known.has(trigger.getUniqueId())) found.set(trigger.getUniqueId(), trigger);
  return [...found.values()];
}

function isClock(trigger: Trigger): boolean {
  return trigger.getEventType() === ScriptApp.EventType.CLOCK;
}

/** Adds the on-change and on-edit triggers when missing; never a duplicate. */
export function ensureChangeTriggers(spreadsheet: Spreadsheet): void {
  const handlers = new Set(ownTriggers(spreadsheet).map((trigger) => trigger.getHandlerFunction()));
  if (!handlers.has(CHANGE_HANDLER))
    ScriptApp.newTrigger(CHANGE_HANDLER).forSpreadsheet(spreadsheet).onChange().create();
  if (!handlers.has(EDIT_HANDLER))
    ScriptApp.newTrigger(EDIT_HANDLER).forSpreadsheet(spreadsheet).onEdit().create();
}

/** (Re)installs the scheduled refresh at `hours`; idempotent, and it replaces a pending continuation. */
export function installSchedule(spreadsheet: Spreadsheet, hours: number): ScheduleState {
  if (!SCHEDULE_INTERVALS.includes(hours)) {
    throw new Error(
      `Refresh every ${hours} hours is not offered: choose one of ${SCHEDULE_INTERVALS.join(', ')}.`,
    );
  }
  for (const trigger of ownTriggers(spreadsheet)) if (isClock(trigger)) ScriptApp.deleteTrigger(trigger);
  clearState(STATE_KEYS.continuation);
  const trigger = ScriptApp.newTrigger(SCHEDULE_HANDLER).timeBased().everyHours(hours).create();
  ensureChangeTriggers(spreadsheet);
  const state: ScheduleState = {
    hours,
    installedAt: new Date().toISOString(),
    triggerId: trigger.getUniqueId(),
  };
  writeState(STATE_KEYS.schedule, state);
  return state;
}

/** Removes every trigger the add-on made for this document. */
export function removeSchedule(spreadsheet: Spreadsheet): number {
  const triggers = ownTriggers(spreadsheet);
  for (const trigger of triggers) ScriptApp.deleteTrigger(trigger);
  clearState(STATE_KEYS.schedule);
  clearState(STATE_KEYS.continuation);
  return triggers.length;
}

export function scheduleState(): ScheduleState | null {
  return readState<ScheduleState>(STATE_KEYS.schedule);
}

/**
 * When the next scheduled run is due: one interval after the last scheduled run (or the install). Apps
 * Script does not report trigger times and randomises them within the hour, so this is an estimate.
 */
export function nextScheduledRun(schedule: ScheduleState, lastScheduledRun: string | null): Date {
  const from = Date.parse(lastScheduledRun ?? schedule.installedAt);
  const hours = schedule.hours * 3_600_000;
  const now = Date.now();
  let next = from + hours;
  while (next < now) next += hours;
  return new Date(next);
}

/**
 * Arranges the next execution of an unfinished refresh. With a schedule installed, the document's one
 * time-driven trigger is taken, so the next scheduled run continues the work; otherwise a one-off trigger
 * a minute from now does. An earlier one-off trigger is replaced: it may have fired already (a fired one-off
 * trigger stays listed) and would block the new one. Returns which.
 */
export function scheduleContinuation(spreadsheet: Spreadsheet): 'next-scheduled-run' | 'in-a-minute' {
  const clock = ownTriggers(spreadsheet).filter(isClock);
  if (clock.some((trigger) => trigger.getHandlerFunction() === SCHEDULE_HANDLER)) return 'next-scheduled-run';
  for (const trigger of clock) ScriptApp.deleteTrigger(trigger);
  const trigger = ScriptApp.newTrigger(CONTINUE_HANDLER)
    .timeBased()
    .after(60 * 1000)
    .create();
  writeState(STATE_KEYS.continuation, trigger.getUniqueId());
  return 'in-a-minute';
}

/** A one-off continuation trigger has done its job once it runs. */
export function removeContinuationTriggers(spreadsheet: Spreadsheet): void {
  for (const trigger of ownTriggers(spreadsheet)) {
    if (trigger.getHandlerFunction() === CONTINUE_HANDLER) ScriptApp.deleteTrigger(trigger);
  }
  clearState(STATE_KEYS.continuation);
}
