// The two models a points table is measured against on the same folds: plain L2 logistic regression (numbers
// as straight lines, text values one-hot), the usual first model; and an unconstrained binned logistic
// regression (every level its own weight), the ceiling of any additive points model on these levels.
import { AdditiveLogit } from './additive-fit';
import { additiveColumns, type ColumnLevels } from './levels';

/** Log-odds of any row from a fitted model. */
export type RowScorer = (row: number) => number;

/** Each level its own group. */
function ownGroups(column: ColumnLevels): Int32Array {
  return Int32Array.from(column.levels, (_, level) => level);
}

/** Every level of every column its own weight. */
export function fitBinnedLogit(
  levels: readonly ColumnLevels[],
  levelOfRow: readonly Int32Array[],
  train: Int32Array,
  outcomes: Uint8Array,
  l2: number,
): RowScorer {
  const fit = new AdditiveLogit(additiveColumns(levels, levelOfRow), train, outcomes, l2);
  levels.forEach((column, index) => {
    fit.setGroups(index, ownGroups(column));
  });
  fit.fit(100, 1e-5);
  return (row) => fit.predict(row);
}

/**
 * Numbers standardised on the training rows (blank or unreadable cells at the mean, with their own
 * indicator), text columns one-hot on their levels.
 */
export function fitLinearLogit(
  levels: readonly ColumnLevels[],
  levelOfRow: readonly Int32Array[],
  train: Int32Array,
  outcomes: Uint8Array,
  l2: number,
): RowScorer {
  const fit = new AdditiveLogit(additiveColumns(levels, levelOfRow), train, outcomes, l2);
  levels.forEach((column, index) => {
    if (!column.numeric) {
      fit.setGroups(index, ownGroups(column));
      return;
    }
    const { codes, numbers } = column.column;
    let sum = 0;
    let squares = 0;
    let count = 0;
    for (let k = 0; k < train.length; k++) {
      const value = numbers[codes[train[k] as number] as number] as number;
      if (!Number.isFinite(value)) continue;
      sum += value;
      squares += value * value;
      count++;
    }
    const mean = count > 0 ? sum / count : 0;
    const sd = count > 1 ? Math.sqrt(Math.max(squares / count - mean * mean, 0)) || 1 : 1;
    fit.addLinear(
      Float64Array.from(codes, (code) => {
        const value = numbers[code] as number;
        return Number.isFinite(value) ? (value - mean) / sd : 0;
      }),
    );
    // Filled or not: blanks get their own weight, as a one-hot encoding of "missing" would.
    fit.setGroups(
      index,
      Int32Array.from(column.levels, (level) => (level.kind === 'range' ? 0 : 1)),
    );
  });
  fit.fit(200, 1e-5);
  return (row) => fit.predict(row);
}
