// Probe: a one-off time trigger. The first run installs it and asks getUserTriggers whether it is listed; the
// trigger records what it sees (an active spreadsheet? its own listing?) in user properties; the next run reads that.
import { readState, STATE_KEYS } from '../document-state';
import { scheduleState } from '../triggers';
import { type RunContext, readContext, unknownContext } from './context';
import { TRIGGER } from './expectations';
import {
  judged,
  messageOf,
  notTestable,
  type ProbeResult,
  type ProbeSpec,
  pending,
  type RunName,
} from './probe-result';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Trigger = GoogleAppsScript.Script.Trigger;

const FINDINGS_PREFIX = 'leadscore.diagnostics.trigger.';

/** What the first run remembers about the trigger it installed. */
export interface TriggerPending {
  id: string;
  installedAt: string;
  listedInMenuRun: boolean;
}

/** What the trigger saw, stored in the installing user's properties under the trigger's id. */
interface TriggerFindings {
  context: RunContext;
  activeSpreadsheet: boolean;
  documentProperties: boolean;
  documentLock: boolean;
  /** Whether getUserTriggers(active spreadsheet) listed this trigger; null without a spreadsheet to ask. */
  listsItself: boolean | null;
  /** getUserTriggers' contents: handler and event type of each (no ids, no data). */
  listed: { handler: string; eventType: string }[] | null;
  errors: string[];
}

function activeSpreadsheetSpec(run: RunName): ProbeSpec {
  return {
    probe: 'triggers/time-trigger-active-spreadsheet',
    behaviour: 'timeTriggerActiveSpreadsheet',
    run,
    modelled: `a time-driven trigger has no active spreadsheet, document properties or document lock ("${TRIGGER.activeSpreadsheet.no}"), or has all three ("${TRIGGER.activeSpreadsheet.yes}")`,
  };
}

function listedInMenuSpec(run: RunName): ProbeSpec {
  return {
    probe: 'triggers/get-user-triggers-in-menu-run',
    behaviour: 'userTriggersListTimeDriven',
    run,
    modelled: `getUserTriggers(spreadsheet) lists the new time-driven trigger ("${TRIGGER.listed.yes}") or does not ("${TRIGGER.listed.no}")`,
  };
}

function listedInTriggerSpec(run: RunName): ProbeSpec {
  return {
    probe: 'triggers/get-user-triggers-in-trigger-run',
    behaviour: 'userTriggersListTimeDriven',
    run,
    modelled: 'inside the trigger, getUserTriggers(spreadsheet) lists it exactly when it did in the menu run',
  };
}

function findingsKey(triggerId: string): string {
  return `${FINDINGS_PREFIX}${triggerId}`;
}

function clockTriggerIds(): string[] {
  const continuation = readState<string>(STATE_KEYS.continuation);
  return [scheduleState()?.triggerId, continuation].filter((id): id is string => typeof id === 'string');
}

function projectTrigger(id: string): Trigger | undefined {
  return ScriptApp.getProjectTriggers().find((trigger) => trigger.getUniqueId() === id);
}

interface TriggerStart {
  results: ProbeResult[];
  pending: TriggerPending | null;
}

/** Installs the one-off trigger where this user has no LeadScore time trigger in this document. */
export function startTriggerProbe(spreadsheet: Spreadsheet, run: RunName): TriggerStart {
  const specs = [activeSpreadsheetSpec(run), listedInMenuSpec(run), listedInTriggerSpec(run)];
  const untestable = (reason: string): TriggerStart => ({
    results: specs.map((spec) => notTestable(spec, reason)),
    pending: null,
  });
  const held = clockTriggerIds().filter((id) => projectTrigger(id) !== undefined);
  if (held.length > 0)
    return untestable(
      "LeadScore's schedule (or an unfinished refresh) holds this document's one time-driven trigger for you, and an add-on may have only one: Stop schedule, run diagnostics twice, then schedule again",
    );
  let trigger: Trigger;
  try {
    trigger = ScriptApp.newTrigger(TRIGGER.handler).timeBased().after(TRIGGER.afterMs).create();
  } catch (error) {
    return untestable(
      `Apps Script refused the one-off trigger (${messageOf(error)}); test deployments do not run installable triggers`,
    );
  }
  const id = trigger.getUniqueId();
  let listed: Trigger | undefined;
  let listedResult: ProbeResult;
  try {
    listed = ScriptApp.getUserTriggers(spreadsheet).find((each) => each.getUniqueId() === id);
    const label = listed ? TRIGGER.listed.yes : TRIGGER.listed.no;
    const consistent =
      !listed ||
      (listed.getHandlerFunction() === TRIGGER.handler &&
        listed.getEventType() === ScriptApp.EventType.CLOCK);
    const observed = listed
      ? `listed, as ${listed.getHandlerFunction()} (${String(listed.getEventType())})`
      : 'not listed';
    listedResult = judged(listedInMenuSpec(run), observed, consistent, { variant: label });
  } catch (error) {
    listedResult = judged(listedInMenuSpec(run), `threw: ${messageOf(error)}`, false);
  }
  const waiting = `the one-off trigger runs about ${TRIGGER.afterMs / 60_000} minute after the first run; the next Run diagnostics reads what it saw`;
  return {
    results: [
      pending(activeSpreadsheetSpec(run), waiting),
      listedResult,
      pending(listedInTriggerSpec(run), waiting),
    ],
    pending: { id, installedAt: new Date().toISOString(), listedInMenuRun: listed !== undefined },
  };
}

/** The trigger's handler: records what it sees, then removes itself. Never throws (nobody would see it). */
export function recordTriggerFindings(event: { triggerUid?: unknown; authMode?: unknown } | undefined): void {
  const id = String(event?.triggerUid ?? '');
  const authMode = String(event?.authMode ?? 'unknown');
  const errors: string[] = [];
  const attempt = <T>(what: () => T, fallback: T): T => {
    try {
      return what();
    } catch (error) {
      errors.push(messageOf(error));
      return fallback;
    }
  };
  const spreadsheet = attempt(() => SpreadsheetApp.getActiveSpreadsheet(), null);
  const listing = spreadsheet ? attempt(() => ScriptApp.getUserTriggers(spreadsheet), null) : null;
  const findings: TriggerFindings = {
    context: attempt(
      () => readContext('trigger run', spreadsheet, authMode),
      unknownContext('trigger run', authMode),
    ),
    activeSpreadsheet: spreadsheet !== null,
    documentProperties: attempt(() => PropertiesService.getDocumentProperties() !== null, false),
    documentLock: attempt(() => LockService.getDocumentLock() !== null, false),
    listsItself: listing ? listing.some((trigger) => trigger.getUniqueId() === id) : null,
    listed: listing
      ? listing.map((trigger) => ({
          handler: trigger.getHandlerFunction(),
          eventType: String(trigger.getEventType()),
        }))
      : null,
    errors,
  };
  attempt(
    () => PropertiesService.getUserProperties().setProperty(findingsKey(id), JSON.stringify(findings)),
    undefined,
  );
  attempt(() => {
    const self = projectTrigger(id);
    if (self) ScriptApp.deleteTrigger(self);
  }, undefined);
}

/** Findings older than this belong to no run any more (another user completed it, or it was abandoned). */
const STALE_FINDINGS_MS = 86_400_000;

/**
 * Removes this user's trigger findings that no run will read. User properties are shared by all of the user's
 * spreadsheets, so only old ones go: a fresh one may belong to a run pending in another spreadsheet.
 */
export function forgetStaleFindings(now: Date): void {
  const properties = PropertiesService.getUserProperties();
  for (const key of properties.getKeys()) {
    if (!key.startsWith(FINDINGS_PREFIX)) continue;
    let at = Number.NaN;
    try {
      at = Date.parse((JSON.parse(properties.getProperty(key) ?? '') as TriggerFindings).context.at);
    } catch {
      // Unreadable: stale.
    }
    if (!(now.getTime() - at < STALE_FINDINGS_MS)) properties.deleteProperty(key);
  }
}

function allThreeOrNone(findings: TriggerFindings): string | null {
  const seen = [findings.activeSpreadsheet, findings.documentProperties, findings.documentLock];
  if (seen.every(Boolean)) return TRIGGER.activeSpreadsheet.yes;
  if (!seen.some(Boolean)) return TRIGGER.activeSpreadsheet.no;
  return null;
}

interface TriggerCompletion {
  results: ProbeResult[];
  /** False while the trigger has not run yet: keep waiting. */
  done: boolean;
  context: RunContext | null;
}

/** Reads the trigger's findings (and removes them and the trigger), or says it is still waiting. */
export function completeTriggerProbe(
  state: TriggerPending,
  now: Date,
  boundOrTestDeployment: boolean,
  run: RunName,
): TriggerCompletion {
  const specs = { active: activeSpreadsheetSpec(run), inTrigger: listedInTriggerSpec(run) };
  const properties = PropertiesService.getUserProperties();
  const text = properties.getProperty(findingsKey(state.id));
  if (text === null) {
    const elapsed = now.getTime() - Date.parse(state.installedAt);
    if (elapsed < TRIGGER.giveUpAfterMs) {
      const minutes = Math.max(1, Math.ceil((TRIGGER.afterMs - elapsed) / 60_000));
      const waiting = `the one-off trigger has not run yet: run diagnostics again in ${minutes} minute${minutes === 1 ? '' : 's'} or more`;
      return {
        results: [pending(specs.active, waiting), pending(specs.inTrigger, waiting)],
        done: false,
        context: null,
      };
    }
    const leftover = projectTrigger(state.id);
    if (leftover) ScriptApp.deleteTrigger(leftover);
    const observed = `the one-off trigger did not run within ${TRIGGER.giveUpAfterMs / 60_000} minutes`;
    const results = boundOrTestDeployment
      ? [
          notTestable(
            specs.active,
            `${observed}: a bound script or test deployment (test deployments do not run installable triggers)`,
          ),
          notTestable(specs.inTrigger, `${observed}: a bound script or test deployment`),
        ]
      : [judged(specs.active, observed, false), judged(specs.inTrigger, observed, false)];
    return { results, done: true, context: null };
  }
  properties.deleteProperty(findingsKey(state.id));
  const leftover = projectTrigger(state.id);
  if (leftover) ScriptApp.deleteTrigger(leftover);
  let findings: TriggerFindings;
  try {
    findings = JSON.parse(text) as TriggerFindings;
  } catch {
    const observed = 'its findings could not be read';
    return {
      results: [judged(specs.active, observed, false), judged(specs.inTrigger, observed, false)],
      done: true,
      context: null,
    };
  }
  // What the trigger saw is observed in the trigger's run.
  const observedIn = {
    active: activeSpreadsheetSpec('trigger run'),
    inTrigger: listedInTriggerSpec('trigger run'),
  };
  const seen = `active spreadsheet ${findings.activeSpreadsheet ? 'present' : 'absent'}, document properties ${findings.documentProperties ? 'present' : 'absent'}, document lock ${findings.documentLock ? 'present' : 'absent'}`;
  const variant = allThreeOrNone(findings);
  const errors =
    findings.errors.length > 0 ? { note: `errors in the trigger: ${findings.errors.join('; ')}` } : {};
  const active = judged(observedIn.active, seen, variant !== null, {
    ...(variant ? { variant } : {}),
    ...errors,
  });
  let inTrigger: ProbeResult;
  if (findings.listsItself === null) {
    inTrigger = notTestable(
      observedIn.inTrigger,
      'the trigger had no active spreadsheet to pass to getUserTriggers',
    );
  } else {
    const label = findings.listsItself ? TRIGGER.listed.yes : TRIGGER.listed.no;
    const contents = (findings.listed ?? []).map((each) => `${each.handler} (${each.eventType})`).join(', ');
    inTrigger = judged(
      observedIn.inTrigger,
      `${findings.listsItself ? 'listed' : 'not listed'}; getUserTriggers listed: ${contents || 'nothing'}`,
      findings.listsItself === state.listedInMenuRun,
      { variant: label },
    );
  }
  return { results: [active, inTrigger], done: true, context: findings.context };
}
