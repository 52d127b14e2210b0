// Synthetic lead tables with known true effects, for calibration tests: each column adds a known amount to the
// log-odds of converting, so tests can check what the suggestion recovers.
import { seededRandom } from '../../support/seeded-random';

export interface SyntheticColumn {
  name: string;
  /** A cell for a random lead, and what it adds to the log-odds. */
  draw(random: () => number): [unknown, number];
}

export interface SyntheticTable {
  header: string[];
  rows: unknown[][];
}

/** Rows of the given columns plus a 0/1 `Converted` column drawn from the summed log-odds. */
export function syntheticTable(
  columns: readonly SyntheticColumn[],
  count: number,
  seed: number,
  intercept = -1,
): SyntheticTable {
  const random = seededRandom(seed);
  const rows = Array.from({ length: count }, () => {
    let z = intercept;
    const cells = columns.map((column) => {
      const [cell, effect] = column.draw(random);
      z += effect;
      return cell;
    });
    return [...cells, random() < 1 / (1 + Math.exp(-z)) ? 1 : 0];
  });
  return { header: [...columns.map((column) => column.name), 'Converted'], rows };
}

/** A yes/no column: "Yes" with probability `share`, adding `effect` when yes. */
export function yesNo(name: string, share: number, effect: number): SyntheticColumn {
  return { name, draw: (random) => (random() < share ? ['Yes', effect] : ['No', 0]) };
}

/** A text column with weighted values, each with its effect. */
export function choice(name: string, values: readonly [string, number, number][]): SyntheticColumn {
  const total = values.reduce((sum, [, weight]) => sum + weight, 0);
  return {
    name,
    draw: (random) => {
      let pick = random() * total;
      for (const [value, weight, effect] of values) {
        pick -= weight;
        if (pick <= 0) return [value, effect];
      }
      const last = values[values.length - 1] ?? ['', 0, 0];
      return [last[0], last[2]];
    },
  };
}

/** A whole-number column (0..max) whose effect is `effect(value)`; `blankShare` of cells are empty. */
export function wholeNumber(
  name: string,
  max: number,
  effect: (value: number) => number,
  blankShare = 0,
): SyntheticColumn {
  return {
    name,
    draw: (random) => {
      if (random() < blankShare) return ['', 0];
      const value = Math.floor(random() * (max + 1));
      return [value, effect(value)];
    },
  };
}

/** Noise: values with no effect at all. */
export function noise(name: string, values: readonly string[]): SyntheticColumn {
  return { name, draw: (random) => [values[Math.floor(random() * values.length)] ?? '', 0] };
}
