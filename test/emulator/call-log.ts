// Counts every emulated service call by "Service.method", and the round trips, cells and flushes the cost model charges.
import { COSTS, type CostConstants, type CostLevel } from '../../src/shared/cost-model';
import { type CallKind, callKind } from './call-kinds';

// The constants live in src/shared/cost-model.ts: Run diagnostics compares real timings with the same ones.
export type { CostConstants, CostLevel } from '../../src/shared/cost-model';
export { COSTS } from '../../src/shared/cost-model';

/** A level name, explicit constants, or 0 for no modelled time. */
export type CostModel = CostLevel | CostConstants | 0;

const NO_COST: CostConstants = { roundTripMs: 0, cellReadMs: 0, cellWrittenMs: 0, flushMs: 0 };

function constantsOf(model: CostModel | undefined): CostConstants {
  if (model === undefined) return COSTS.central;
  if (model === 0) return NO_COST;
  return typeof model === 'string' ? COSTS[model] : model;
}

export interface WorkCounts {
  roundTrips: number;
  getters: number;
  builders: number;
  cellsRead: number;
  cellsWritten: number;
  flushes: number;
}

export class CallLog {
  // A Map increment per call keeps counting cheap enough for 100,000-row tests.
  private readonly counts = new Map<string, number>();
  private readonly kinds = new Map<string, CallKind>();
  private work: WorkCounts = CallLog.zero();
  private cost: CostConstants;
  private onCharge: ((ms: number) => void) | null = null;

  constructor(cost?: CostModel) {
    this.cost = constantsOf(cost);
  }

  private static zero(): WorkCounts {
    return { roundTrips: 0, getters: 0, builders: 0, cellsRead: 0, cellsWritten: 0, flushes: 0 };
  }

  record(method: string): void {
    this.counts.set(method, (this.counts.get(method) ?? 0) + 1);
    let kind = this.kinds.get(method);
    if (kind === undefined) {
      kind = callKind(method);
      this.kinds.set(method, kind);
    }
    if (kind === 'round-trip') {
      this.work.roundTrips++;
      this.charge(this.cost.roundTripMs);
    } else if (kind === 'getter') this.work.getters++;
    else this.work.builders++;
  }

  cellsRead(n: number): void {
    this.work.cellsRead += n;
    this.charge(n * this.cost.cellReadMs);
  }

  cellsWritten(n: number): void {
    this.work.cellsWritten += n;
    this.charge(n * this.cost.cellWrittenMs);
  }

  flushed(): void {
    this.work.flushes++;
    this.charge(this.cost.flushMs);
  }

  private charge(ms: number): void {
    if (this.onCharge !== null && ms > 0) this.onCharge(ms);
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

  /** Round trips, getters, builders, cells read and written, and flushes since the last reset. */
  counted(): WorkCounts {
    return { ...this.work };
  }

  roundTrips(): number {
    return this.work.roundTrips;
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
    this.work = CallLog.zero();
  }

  /** Modelled Apps Script time of the work since the last reset, at the emulator's constants or at `level`. */
  modelledMs(level?: CostModel): number {
    const c = level === undefined ? this.cost : constantsOf(level);
    const w = this.work;
    return (
      w.roundTrips * c.roundTripMs +
      w.cellsRead * c.cellReadMs +
      w.cellsWritten * c.cellWrittenMs +
      w.flushes * c.flushMs
    );
  }

  setCost(model: CostModel): void {
    this.cost = constantsOf(model);
  }

  /** Lets the emulator advance its clock by each charge when asked to. */
  onChargeListener(listener: ((ms: number) => void) | null): void {
    this.onCharge = listener;
  }
}
