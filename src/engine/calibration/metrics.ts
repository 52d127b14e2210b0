// Ranking and conversion metrics for calibration: ROC AUC with ties, conversion by group and by score decile.

/** Rank-based ROC AUC: the chance a random converted lead outscores a random other one (ties count half). */
export function rocAuc(scores: readonly number[], outcomes: readonly (0 | 1)[]): number {
  const order = scores.map((_, index) => index).sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0));
  let rankSum = 0;
  let positives = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    const value = scores[order[start] ?? 0];
    while (end + 1 < order.length && scores[order[end + 1] ?? 0] === value) end++;
    const averageRank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) {
      if (outcomes[order[i] ?? 0] === 1) {
        rankSum += averageRank;
        positives++;
      }
    }
    start = end + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
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
  keys: readonly string[],
  outcomes: readonly (0 | 1)[],
): Conversion[] {
  const table = new Map(labels.map((label) => [label, { label, leads: 0, converted: 0, rate: 0 }]));
  keys.forEach((key, index) => {
    const entry = table.get(key);
    if (!entry) return;
    entry.leads++;
    entry.converted += outcomes[index] ?? 0;
  });
  for (const entry of table.values()) entry.rate = entry.leads === 0 ? 0 : entry.converted / entry.leads;
  return [...table.values()];
}

/** Conversion per score decile, lowest scores first (deciles by rank, so ties may straddle a boundary). */
export function conversionByDecile(scores: readonly number[], outcomes: readonly (0 | 1)[]): Conversion[] {
  const order = scores.map((_, index) => index).sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0));
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
