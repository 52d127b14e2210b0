// Timing for the benchmarks: the fastest of several runs after a warm-up, the run least disturbed by the machine.
import { performance } from 'node:perf_hooks';

/** Runs `run` once to warm up, then `repeats` times; returns the fastest run in ms. */
export function bestOf(run: () => unknown, repeats: number): number {
  run();
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    run();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}
