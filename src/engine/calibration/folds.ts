// Stratified k-fold splits, repeated with different seeded shuffles: every lead is tested once per repeat,
// and each fold keeps the overall conversion rate. Seeded, so the same data always gives the same folds.
import { seededRandom } from './seeded-random';

export interface Fold {
  repeat: number;
  fold: number;
  train: Int32Array;
  test: Int32Array;
}

/** Rows of one outcome, shuffled. */
function shuffledClass(
  rows: Int32Array,
  outcomes: Uint8Array,
  value: number,
  random: () => number,
): Int32Array {
  let count = 0;
  for (let k = 0; k < rows.length; k++) if (outcomes[rows[k] as number] === value) count++;
  const members = new Int32Array(count);
  let next = 0;
  for (let k = 0; k < rows.length; k++)
    if (outcomes[rows[k] as number] === value) members[next++] = rows[k] as number;
  for (let i = members.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = members[i] as number;
    members[i] = members[j] as number;
    members[j] = swap;
  }
  return members;
}

/** Fold of each row (-1 for rows not in `rows`): each class shuffled and dealt round-robin. */
function dealFolds(rows: Int32Array, outcomes: Uint8Array, folds: number, random: () => number): Int32Array {
  const foldOf = new Int32Array(outcomes.length).fill(-1);
  for (const value of [1, 0]) {
    const members = shuffledClass(rows, outcomes, value, random);
    // Start each class at a different fold so small folds do not all get the remainders.
    const offset = value === 1 ? 0 : members.length % folds;
    for (let position = 0; position < members.length; position++)
      foldOf[members[position] as number] = (position + offset) % folds;
  }
  return foldOf;
}

/**
 * `repeats` x `folds` train/test splits of the rows `rows` (indexes), stratified by outcome: converted and
 * other leads are each shuffled and dealt round-robin into the folds.
 */
export function stratifiedFolds(
  rows: Int32Array,
  outcomes: Uint8Array,
  folds: number,
  repeats: number,
  seed = 17,
): Fold[] {
  const out: Fold[] = [];
  const random = seededRandom(seed);
  for (let repeat = 0; repeat < repeats; repeat++) {
    const foldOf = dealFolds(rows, outcomes, folds, random);
    const sizes = new Int32Array(folds);
    for (let k = 0; k < rows.length; k++) {
      const fold = foldOf[rows[k] as number] as number;
      sizes[fold] = (sizes[fold] as number) + 1;
    }
    for (let fold = 0; fold < folds; fold++) {
      const test = new Int32Array(sizes[fold] as number);
      const train = new Int32Array(rows.length - test.length);
      let t = 0;
      let r = 0;
      for (let k = 0; k < rows.length; k++) {
        const row = rows[k] as number;
        if (foldOf[row] === fold) test[t++] = row;
        else train[r++] = row;
      }
      out.push({ repeat, fold, train, test });
    }
  }
  return out;
}

/** About `size` of the rows, keeping the conversion rate (all rows when there are fewer), in row order. */
export function stratifiedSample(
  rows: Int32Array,
  outcomes: Uint8Array,
  size: number,
  seed = 99,
): Int32Array {
  if (rows.length <= size) return rows;
  const random = seededRandom(seed);
  const keep = new Uint8Array(outcomes.length);
  for (const value of [1, 0]) {
    const members = shuffledClass(rows, outcomes, value, random);
    const take = Math.round((members.length * size) / rows.length);
    for (let i = 0; i < take; i++) keep[members[i] as number] = 1;
  }
  return rows.filter((row) => keep[row] === 1);
}
