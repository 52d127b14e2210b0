// Counts every emulated service call by "Service.method" and sums a modelled per-call latency.

/** Milliseconds charged per call: one number for all, a table with an optional default, or a function. */
export type CostModel =
  | number
  | { readonly default?: number; readonly [method: string]: number | undefined }
  | CostFunction;
export type CostFunction = (method: string) => number;

function toCostFunction(model: CostModel | undefined): CostFunction | null {
  if (model === undefined || model === 0) return null;
  if (typeof model === 'number') return () => model;
  if (typeof model === 'function') return model;
  const table = new Map<string, number>();
  for (const [name, ms] of Object.entries(model))
    if (name !== 'default' && ms !== undefined) table.set(name, ms);
  const fallback = model.default ?? 0;
  return (method) => table.get(method) ?? fallback;
}

export class CallLog {
  // A Map increment per call keeps counting cheap enough for 100,000-row tests.
  private readonly counts = new Map<string, number>();
  private cost: CostFunction | null;
  private modelled = 0;
  private onCharge: ((ms: number) => void) | null = null;

  constructor(cost?: CostModel) {
    this.cost = toCostFunction(cost);
  }

  record(method: string): void {
    this.counts.set(method, (this.counts.get(method) ?? 0) + 1);
    if (this.cost !== null) {
      const ms = this.cost(method);
      this.modelled += ms;
      if (this.onCharge !== null && ms > 0) this.onCharge(ms);
    }
  }

  /** Calls of one method ("Range.getValues"), of a whole service ("Range"), or of everything. */
  count(name?: string): number {
    if (name === undefined) return this.total();
    if (name.includes('.')) return this.counts.get(name) ?? 0;
    const prefix = `${name}.`;
    let sum = 0;
    for (const [method, n] of this.counts) if (method.startsWith(prefix)) sum += n;
    return sum;
  }

  total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }

  /** A plain, sorted snapshot, so `expect(calls.byMethod()).toEqual({...})` reads well in tests. */
  byMethod(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const method of [...this.counts.keys()].sort()) out[method] = this.counts.get(method) ?? 0;
    return out;
  }

  /** Method names called so far, sorted. */
  methods(): string[] {
    return [...this.counts.keys()].sort();
  }

  reset(): void {
    this.counts.clear();
    this.modelled = 0;
  }

  /** Total modelled Apps Script latency of the calls since the last reset. */
  modelledMs(): number {
    return this.modelled;
  }

  setCost(model: CostModel | undefined): void {
    this.cost = toCostFunction(model);
  }

  /** Lets the emulator advance its clock by each charge when asked to. */
  onChargeListener(listener: ((ms: number) => void) | null): void {
    this.onCharge = listener;
  }
}
