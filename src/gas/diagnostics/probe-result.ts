// One probe's finding: which modelled behaviour it checks, in which run, and whether Sheets did what the emulator models.

/** "pending" only while a probe waits for the next run (a formula Sheets computes, a trigger that has not fired). */
export type ProbeStatus = 'as modelled' | 'differs' | 'not testable here' | 'pending';

/** The run a probe was observed in: the first menu run, the one-off trigger, or the menu run that completes. */
export type RunName = 'menu run 1' | 'trigger run' | 'menu run 2';

export interface ProbeResult {
  /** "group/case", e.g. "typed-input/range-5-25". */
  probe: string;
  /** The id in test/emulator/behaviours.ts this probe checks. */
  behaviour: string;
  run: RunName;
  status: ProbeStatus;
  /** What the emulator models, in words. */
  modelled: string;
  /** What this spreadsheet did ('' when nothing could be observed). */
  observed: string;
  /** For a behaviour with variants: the variant (behaviours.ts label) the observation matches. */
  variant?: string;
  /** Why a probe is not testable here or still pending, or what else was seen. */
  note?: string;
  /** Figures measured (timing probes). */
  measured?: Record<string, number>;
}

export interface ProbeSpec {
  probe: string;
  behaviour: string;
  run: RunName;
  modelled: string;
}

/** A probe whose observation was compared with the model. */
export function judged(
  spec: ProbeSpec,
  observed: string,
  asModelled: boolean,
  extra: Pick<ProbeResult, 'variant' | 'note' | 'measured'> = {},
): ProbeResult {
  return { ...spec, status: asModelled ? 'as modelled' : 'differs', observed, ...extra };
}

export function notTestable(spec: ProbeSpec, reason: string): ProbeResult {
  return { ...spec, status: 'not testable here', observed: '', note: reason };
}

export function pending(spec: ProbeSpec, reason: string): ProbeResult {
  return { ...spec, status: 'pending', observed: '', note: reason };
}

/** An error's message for the report: the probes touch only the add-on's scratch cells, never lead data. */
export function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

/**
 * Runs one probe; an exception it did not expect means Sheets behaved otherwise than modelled, so it becomes
 * "differs" with the error as the observation, and the other probes still run.
 */
export function guarded(spec: ProbeSpec, probe: () => ProbeResult): ProbeResult {
  try {
    return probe();
  } catch (error) {
    return judged(spec, `threw: ${messageOf(error)}`, false);
  }
}

export function countByStatus(results: readonly ProbeResult[]): Record<ProbeStatus, number> {
  const counts: Record<ProbeStatus, number> = {
    'as modelled': 0,
    differs: 0,
    'not testable here': 0,
    pending: 0,
  };
  for (const result of results) counts[result.status]++;
  return counts;
}
