// Score -> conversion probability by isotonic regression (pool adjacent violators): the best non-decreasing
// step function through the training leads' outcomes. Used for the Brier score and to place bands.

export interface ProbabilityMap {
  /** Scores where a step starts, ascending, and the probability from there on. */
  starts: number[];
  probabilities: number[];
}

/** Fits the map on (score, outcome) pairs; scores are pooled by value first. */
export function fitIsotonic(scores: ArrayLike<number>, outcomes: ArrayLike<number>): ProbabilityMap {
  const byScore = new Map<number, [number, number]>();
  for (let i = 0; i < scores.length; i++) {
    const entry = byScore.get(scores[i] as number) ?? [0, 0];
    entry[0] += outcomes[i] as number;
    entry[1] += 1;
    byScore.set(scores[i] as number, entry);
  }
  const points = [...byScore.entries()].sort((a, b) => a[0] - b[0]);
  // Blocks of pooled points: start score, conversions, leads.
  const blocks: { start: number; hits: number; leads: number }[] = [];
  for (const [score, [hits, leads]] of points) {
    blocks.push({ start: score, hits, leads });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1] as { start: number; hits: number; leads: number };
      const before = blocks[blocks.length - 2] as { start: number; hits: number; leads: number };
      if (before.hits / before.leads < last.hits / last.leads) break;
      before.hits += last.hits;
      before.leads += last.leads;
      blocks.pop();
    }
  }
  return {
    starts: blocks.map((block) => block.start),
    probabilities: blocks.map((block) => block.hits / block.leads),
  };
}

/** The probability of a score: the step it falls in (below the first step, the first). */
export function probabilityOf(map: ProbabilityMap, score: number): number {
  let low = 0;
  let high = map.starts.length - 1;
  if (high < 0) return 0;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((map.starts[middle] as number) <= score) low = middle;
    else high = middle - 1;
  }
  return map.probabilities[low] as number;
}
