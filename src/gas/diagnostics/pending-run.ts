// A diagnostics run between its first and its completing menu run, kept in the document's properties.
import type { RunContext } from './context';
import type { CustomFunctionPending } from './custom-function-probe';
import type { ProbeResult } from './probe-result';
import type { TriggerPending } from './trigger-probe';

const KEY = 'leadscore.diagnostics.run';
/** A property value holds at most 9 KB (UTF-8): parts of 2,000 characters stay under it whatever the text. */
const PART_CHARACTERS = 2_000;

export interface PendingRun {
  startedAt: string;
  /** Session.getTemporaryActiveUserKey() of who started it: the trigger's findings are in that user's properties. */
  userKey: string;
  contexts: RunContext[];
  results: ProbeResult[];
  customFunction: CustomFunctionPending | null;
  trigger: TriggerPending | null;
}

function store(): GoogleAppsScript.Properties.Properties {
  const properties = PropertiesService.getDocumentProperties();
  if (!properties)
    throw new Error('Run diagnostics needs an open spreadsheet (no document properties here).');
  return properties;
}

function partKey(index: number): string {
  return `${KEY}.${index}`;
}

export function readPendingRun(): PendingRun | null {
  const properties = store();
  const count = Number(properties.getProperty(`${KEY}.parts`) ?? 0);
  if (!Number.isInteger(count) || count <= 0) return null;
  let text = '';
  for (let index = 0; index < count; index++) text += properties.getProperty(partKey(index)) ?? '';
  try {
    return JSON.parse(text) as PendingRun;
  } catch {
    // A truncated record cannot be completed: the next run starts afresh.
    return null;
  }
}

export function clearPendingRun(): void {
  const properties = store();
  const count = Number(properties.getProperty(`${KEY}.parts`) ?? 0);
  for (let index = 0; index < count; index++) properties.deleteProperty(partKey(index));
  properties.deleteProperty(`${KEY}.parts`);
}

export function writePendingRun(run: PendingRun): void {
  clearPendingRun();
  const text = JSON.stringify(run);
  const parts: Record<string, string> = {};
  let count = 0;
  for (let start = 0; start < text.length; start += PART_CHARACTERS)
    parts[partKey(count++)] = text.slice(start, start + PART_CHARACTERS);
  parts[`${KEY}.parts`] = String(count);
  store().setProperties(parts);
}
