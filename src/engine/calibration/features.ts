// Candidate rules learned from data: each feature is a yes/no condition on one column that a rule can express.
import type { Condition } from '../model';
import { isBlank, missingTokenSet, normaliseText, toNumber } from '../normalise';

export interface Feature {
  column: string;
  condition: Condition;
  label: string;
  /** Whether the feature holds for a cell (the engine's semantics: blank cells only match isBlank). */
  test: (cell: unknown) => boolean;
}

export interface FeatureOptions {
  /** Fewest rows a value or bin must cover to become a feature. */
  minSupport?: number;
  /** Most bins per numeric column. */
  maxBins?: number;
}

/** A column is numeric when nearly all its filled cells read as numbers. */
const NUMERIC_SHARE = 0.95;

function numericBins(numbers: readonly number[], maxBins: number, minSupport: number): [number, number][] {
  const sorted = [...numbers].sort((a, b) => a - b);
  const bins: [number, number][] = [];
  const target = Math.max(minSupport, Math.ceil(sorted.length / maxBins));
  let start = 0;
  while (start < sorted.length) {
    let end = Math.min(sorted.length - 1, start + target - 1);
    // Equal values stay in one bin, so bins never overlap.
    while (end + 1 < sorted.length && sorted[end + 1] === sorted[end]) end++;
    if (sorted.length - 1 - end < target / 2) end = sorted.length - 1;
    bins.push([sorted[start] ?? 0, sorted[end] ?? 0]);
    start = end + 1;
  }
  return bins;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/0+$/, '');
}

/** Features for the given columns, learned from `rows` (pass training rows only, to keep the holdout honest). */
export function buildFeatures(
  header: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  columns: readonly number[],
  options: FeatureOptions = {},
): Feature[] {
  const minSupport = options.minSupport ?? 20;
  const maxBins = options.maxBins ?? 12;
  const missing = missingTokenSet();
  const features: Feature[] = [];
  for (const index of columns) {
    const column = String(header[index] ?? '').trim();
    if (column === '') continue;
    const cells = rows.map((row) => row[index]);
    const filled = cells.filter((cell) => !isBlank(cell, missing));
    const blanks = cells.length - filled.length;
    if (blanks >= minSupport && filled.length >= minSupport) {
      features.push({
        column,
        condition: { op: 'isBlank' },
        label: `${column} is blank`,
        test: (cell) => isBlank(cell, missing),
      });
    }
    const numbers = filled.map((cell) => toNumber(cell)).filter((value): value is number => value !== null);
    if (filled.length > 0 && numbers.length >= filled.length * NUMERIC_SHARE && new Set(numbers).size > 2) {
      for (const [min, max] of numericBins(numbers, maxBins, minSupport)) {
        features.push({
          column,
          condition: { op: 'between', min, max },
          label:
            min === max
              ? `${column} is ${formatNumber(min)}`
              : `${column} ${formatNumber(min)} to ${formatNumber(max)}`,
          test: (cell) => {
            if (isBlank(cell, missing)) return false;
            const value = toNumber(cell);
            return value !== null && value >= min && value <= max;
          },
        });
      }
      continue;
    }
    const counts = new Map<string, { text: string; count: number }>();
    for (const cell of filled) {
      const key = normaliseText(cell);
      const entry = counts.get(key) ?? { text: String(cell).trim(), count: 0 };
      entry.count++;
      counts.set(key, entry);
    }
    for (const [key, { text, count }] of counts) {
      if (count < minSupport || count === filled.length) continue;
      features.push({
        column,
        condition: { op: 'equals', value: text },
        label: `${column} is ${text}`,
        test: (cell) => !isBlank(cell, missing) && normaliseText(cell) === key,
      });
    }
  }
  return features;
}

/** Which features hold for each row: sparse lists of feature indexes. */
export function activeFeatures(
  features: readonly Feature[],
  header: readonly unknown[],
  rows: readonly (readonly unknown[])[],
): Int32Array[] {
  const indexes = features.map((feature) =>
    header.findIndex((cell) => String(cell ?? '').trim() === feature.column),
  );
  return rows.map((row) => {
    const active: number[] = [];
    features.forEach((feature, position) => {
      if (feature.test(row[indexes[position] ?? -1])) active.push(position);
    });
    return Int32Array.from(active);
  });
}
