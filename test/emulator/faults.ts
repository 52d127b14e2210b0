// The fault hook: code run between two service calls of an execution (a collaborator's edit), or a call made to fail.

export interface CallInfo {
  method: string;
  /** 1-based: the how-many-th service call since the hook was installed. */
  index: number;
}

/** A method name ("Range.setValues"), a service ("Range"), the n-th call from now, or a predicate. */
export type CallMatcher = string | number | ((call: CallInfo) => boolean);

interface Hook {
  matches: (call: CallInfo) => boolean;
  startedAt: number;
  remaining: number;
  action: (() => void) | null;
  failure: string | null;
}

function matcherOf(match: CallMatcher): (call: CallInfo) => boolean {
  if (typeof match === 'number') return (call) => call.index === match;
  if (typeof match === 'function') return match;
  return match.includes('.')
    ? (call) => call.method === match
    : (call) => call.method.startsWith(`${match}.`);
}

export class Faults {
  private readonly hooks: Hook[] = [];
  private seen = 0;
  private running = false;

  constructor(
    private readonly defaultFailure: () => string,
    /** Runs an action as a simulated collaborator: its calls are neither counted nor queued. */
    private readonly asCollaborator: (action: () => void) => void,
  ) {}

  /**
   * Runs `action` just before the matching call reaches the server: before it is counted and before the
   * emulator applies queued writes for it. `times` (default 1) is how many matching calls trigger it.
   */
  before(match: CallMatcher, action: () => void, times = 1): void {
    this.hooks.push({
      matches: matcherOf(match),
      startedAt: this.seen,
      remaining: times,
      action,
      failure: null,
    });
  }

  /** Makes the matching call throw, by default with Apps Script's wording for a failed Spreadsheet service call. */
  failOn(match: CallMatcher, message?: string, times = 1): void {
    this.hooks.push({
      matches: matcherOf(match),
      startedAt: this.seen,
      remaining: times,
      action: null,
      failure: message ?? this.defaultFailure(),
    });
  }

  clear(): void {
    this.hooks.length = 0;
  }

  /** The emulator calls this first in every service call: runs due actions, returns a failure message or null. */
  beforeCall(method: string): string | null {
    if (this.running) return null;
    this.seen++;
    let failure: string | null = null;
    for (const hook of [...this.hooks]) {
      if (hook.remaining <= 0) continue;
      if (!hook.matches({ method, index: this.seen - hook.startedAt })) continue;
      hook.remaining--;
      if (hook.action !== null) {
        this.running = true;
        try {
          this.asCollaborator(hook.action);
        } finally {
          this.running = false;
        }
      }
      failure ??= hook.failure;
    }
    for (let i = this.hooks.length - 1; i >= 0; i--)
      if ((this.hooks[i]?.remaining ?? 0) <= 0) this.hooks.splice(i, 1);
    return failure;
  }
}
