// Ranking and conversion metrics: ROC AUC with ties, DeLong's paired AUC test, the Brier score, conversion by
// group and by score decile, and mean +- standard deviation of repeated measurements.
import { normalCdf } from './statistics';

/** Positions 0..n-1 sorted by score, ascending. */
function orderOf(scores: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(scores.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => (scores[a] as number) - (scores[b] as number));
}

/** The scores of the leads with `outcome`, sorted ascending (a native numeric sort: no comparator). */
function sortedScores(scores: ArrayLike<number>, outcomes: ArrayLike<number>, outcome: number): Float64Array {
  let count = 0;
  for (let i = 0; i < outcomes.length; i++) if (outcomes[i] === outcome) count++;
  const out = new Float64Array(count);
  let next = 0;
  for (let i = 0; i < outcomes.length; i++) if (outcomes[i] === outcome) out[next++] = scores[i] as number;
  return out.sort();
}

/** ROC AUC: the chance a random converted lead outscores a random other one (ties count half). */
export function rocAuc(scores: ArrayLike<number>, outcomes: ArrayLike<number>): number {
  const positives = sortedScores(scores, outcomes, 1);
  const negatives = sortedScores(scores, outcomes, 0);
  if (positives.length === 0 || negatives.length === 0) return Number.NaN;
  // Walk both sorted lists: each positive beats the negatives below it and ties with the equal ones.
  let wins = 0;
  let below = 0;
  for (let i = 0; i < positives.length; ) {
    const value = positives[i] as number;
    let same = i;
    while (same < positives.length && positives[same] === value) same++;
    while (below < negatives.length && (negatives[below] as number) < value) below++;
    let equal = below;
    while (equal < negatives.length && negatives[equal] === value) equal++;
    wins += (same - i) * (below + (equal - below) / 2);
    i = same;
  }
  return wins / (positives.length * negatives.length);
}

/** How many values of `sorted` (ascending) are below `value`, by binary search. */
export function countBelow(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * For each lead of one class, the share of the other class it beats (ties half): DeLong's placement values.
 * `against` must be sorted ascending.
 */
function placements(values: Float64Array, against: Float64Array, positive: boolean): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    const below = countBelow(against, value);
    let above = below;
    while (above < against.length && against[above] === value) above++;
    const beaten = positive ? below + (above - below) / 2 : against.length - above + (above - below) / 2;
    out[i] = beaten / Math.max(1, against.length);
  }
  return out;
}

export interface PairedAuc {
  aucA: number;
  aucB: number;
  /** B minus A. */
  difference: number;
  /** 95% confidence interval of the difference. */
  low: number;
  high: number;
  /** Two-sided p-value that the AUCs are equal. */
  p: number;
}

/** DeLong, DeLong and Clarke-Pearson (1988): two scores of the same leads, their AUCs and the difference's CI. */
export function pairedAuc(
  scoresA: ArrayLike<number>,
  scoresB: ArrayLike<number>,
  outcomes: ArrayLike<number>,
): PairedAuc {
  const split = (scores: ArrayLike<number>, value: number) => {
    const out: number[] = [];
    for (let i = 0; i < outcomes.length; i++) if (outcomes[i] === value) out.push(scores[i] as number);
    return Float64Array.from(out);
  };
  const components = (scores: ArrayLike<number>) => {
    const positives = split(scores, 1);
    const negatives = split(scores, 0);
    const v10 = placements(positives, Float64Array.from(negatives).sort(), true);
    const v01 = placements(negatives, Float64Array.from(positives).sort(), false);
    return { v10, v01, auc: v10.reduce((sum, v) => sum + v, 0) / Math.max(1, v10.length) };
  };
  const a = components(scoresA);
  const b = components(scoresB);
  const variance = (x: Float64Array, y: Float64Array) => {
    if (x.length < 2) return 0;
    let meanX = 0;
    let meanY = 0;
    for (let i = 0; i < x.length; i++) {
      meanX += x[i] as number;
      meanY += y[i] as number;
    }
    meanX /= x.length;
    meanY /= x.length;
    let sum = 0;
    for (let i = 0; i < x.length; i++) {
      const d = (x[i] as number) - meanX - ((y[i] as number) - meanY);
      sum += d * d;
    }
    return sum / (x.length - 1);
  };
  const difference = b.auc - a.auc;
  const sd = Math.sqrt(
    variance(b.v10, a.v10) / Math.max(1, a.v10.length) + variance(b.v01, a.v01) / Math.max(1, a.v01.length),
  );
  const p = sd === 0 ? (difference === 0 ? 1 : 0) : 2 * (1 - normalCdf(Math.abs(difference) / sd));
  return {
    aucA: a.auc,
    aucB: b.auc,
    difference,
    low: difference - 1.96 * sd,
    high: difference + 1.96 * sd,
    p,
  };
}

/** Mean squared difference between predicted probabilities and outcomes (0 is perfect). */
export function brierScore(probabilities: ArrayLike<number>, outcomes: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < outcomes.length; i++)
    sum += ((probabilities[i] as number) - (outcomes[i] as number)) ** 2;
  return outcomes.length === 0 ? Number.NaN : sum / outcomes.length;
}

export interface Summary {
  mean: number;
  /** Sample standard deviation across the measurements. */
  sd: number;
  values: number[];
}

export function summarise(values: readonly number[]): Summary {
  const finite = values.filter((value) => Number.isFinite(value));
  const mean = finite.reduce((sum, value) => sum + value, 0) / Math.max(1, finite.length);
  const sd =
    finite.length < 2
      ? 0
      : Math.sqrt(finite.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (finite.length - 1));
  return { mean: finite.length === 0 ? Number.NaN : mean, sd, values: [...values] };
}

export interface Conversion {
  label: string;
  leads: number;
  converted: number;
  rate: number;
}

/** Leads and conversion rate per label, in the order labels are given. */
export function conversionBy(
  labels: readonly string[],
  keys: ArrayLike<string>,
  outcomes: ArrayLike<number>,
): Conversion[] {
  const table = new Map(labels.map((label) => [label, { label, leads: 0, converted: 0, rate: 0 }]));
  for (let index = 0; index < keys.length; index++) {
    const entry = table.get(keys[index] as string);
    if (!entry) continue;
    entry.leads++;
    entry.converted += outcomes[index] as number;
  }
  for (const entry of table.values()) entry.rate = entry.leads === 0 ? 0 : entry.converted / entry.leads;
  return [...table.values()];
}

/** Conversion per score decile, lowest scores first (deciles by rank, so ties may straddle a boundary). */
export function conversionByDecile(scores: ArrayLike<number>, outcomes: ArrayLike<number>): Conversion[] {
  const order = orderOf(scores);
  const keys: string[] = new Array(scores.length);
  order.forEach((row, rank) => {
    keys[row] = `D${Math.min(10, Math.floor((rank * 10) / order.length) + 1)}`;
  });
  return conversionBy(
    Array.from({ length: 10 }, (_, index) => `D${index + 1}`),
    keys,
    outcomes,
  );
}
