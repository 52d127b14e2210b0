// The modelled cost of Sheets work (per round trip, cell and flush): the emulator charges it, diagnostics measure it.
// One description: test/emulator/call-log.ts prices calls with these constants, and Run diagnostics compares a
// real spreadsheet's timings with them. docs/emulator.md ("Cost model") gives each constant's public source.

/** Modelled milliseconds per unit of work. */
export interface CostConstants {
  /** A call that reaches a server (test/emulator/call-kinds.ts says which calls do). */
  roundTripMs: number;
  cellReadMs: number;
  cellWrittenMs: number;
  /** Applying the queued writes (explicit flush(), a read after writes, or the end of an execution). */
  flushMs: number;
}

export type CostLevel = 'low' | 'central' | 'high';

/** Low, central and high constants. Budgets are judged at the central ones; the high ones bound real Sheets. */
export const COSTS: Readonly<Record<CostLevel, Readonly<CostConstants>>> = {
  low: { roundTripMs: 3.1, cellReadMs: 0.0125, cellWrittenMs: 0.0125, flushMs: 3.1 },
  central: { roundTripMs: 160, cellReadMs: 0.14, cellWrittenMs: 0.14, flushMs: 160 },
  high: { roundTripMs: 300, cellReadMs: 0.3, cellWrittenMs: 0.3, flushMs: 300 },
};
