// Timing for the benchmarks: several runs after a warm-up; the fastest is the run least disturbed by the machine.
import { performance } from 'node:perf_hooks';

export interface Timing {
  /** The fastest run, in ms: what the benchmarks report and judge. */
  best: number;
  /** The middle run, in ms: how far the machine's noise moves a typical run. */
  median: number;
}

/** Runs `run` once to warm up, then `repeats` times. */
export function timeRuns(run: () => unknown, repeats: number): Timing {
  run();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { best: times[0] ?? Number.NaN, median: times[Math.floor(times.length / 2)] ?? Number.NaN };
}

/** The fastest of `repeats` runs after a warm-up, in ms. */
export function bestOf(run: () => unknown, repeats: number): number {
  return timeRuns(run, repeats).best;
}
