// Learning a points table from training rows: levels, sparse selection, integer points, and the score ->
// conversion map that places the bands. The same steps run on every cross-validation fold and, at the end,
// on every labelled lead for the suggestion itself.
import type { EncodedColumn } from './encode';
import { fitIsotonic, type ProbabilityMap } from './isotonic';
import { type ColumnLevels, columnLevels, levelsOfRows } from './levels';
import { fitSparsePoints, type PointsColumn } from './sparse-points';
import { type PlacedBand, placeBands, SCALE_MAX } from './suggestion-model';

export interface LearnOptions {
  /** Most rules (default 25). */
  maxRules: number;
}

/** Ranges per numeric column before any are merged. */
const MAX_BINS = 24;
/** A split must be significant at p < 0.05 (chi-square, one degree of freedom) given the rules before it. */
const MIN_GAIN = 3.84;
/** L2 penalty per weight: a weak prior that keeps weights of small groups finite. */
const L2 = 1;
/** Training rows on which splits are chosen; beyond it a stratified sample, and the weights use every row. */
const SEARCH_ROWS = 25_000;

/** Fewest training rows for a value or range to stand alone: 20, or 1 in 1,000 leads on large tables. */
function minimumSupport(trainingRows: number): number {
  return Math.max(20, Math.ceil(trainingRows / 1000));
}

/** Fewest training rows a rule's group may cover: 1 lead in 200, and never below a level's minimum. */
function minimumGroupSupport(trainingRows: number): number {
  return Math.max(minimumSupport(trainingRows), Math.ceil(trainingRows / 200));
}

export interface LearnedPoints {
  levels: ColumnLevels[];
  levelOfRow: Int32Array[];
  columns: PointsColumn[];
  /** Points of any row of the table. */
  score(row: number): number;
  map: ProbabilityMap;
  bands: PlacedBand[];
  baseline: number;
}

export function learnPoints(
  columns: readonly EncodedColumn[],
  numeric: readonly boolean[],
  train: Int32Array,
  outcomes: Uint8Array,
  options: LearnOptions,
): LearnedPoints {
  const minSupport = minimumSupport(train.length);
  const levels = columns.map((column, index) =>
    columnLevels(column, numeric[index] === true, train, outcomes, { minSupport, maxBins: MAX_BINS }),
  );
  const levelOfRow = levels.map(levelsOfRows);
  const fit = fitSparsePoints(levels, levelOfRow, train, outcomes, {
    maxRules: options.maxRules,
    minGain: MIN_GAIN,
    minSupport: minimumGroupSupport(train.length),
    l2: L2,
    scaleMax: SCALE_MAX,
    searchRows: SEARCH_ROWS,
  });
  const scores = Float64Array.from(train, (row) => fit.score(row));
  const trainOutcomes = Uint8Array.from(train, (row) => outcomes[row] as number);
  const map = fitIsotonic(scores, trainOutcomes);
  const baseline = trainOutcomes.reduce((sum, y) => sum + y, 0) / Math.max(1, train.length);
  return {
    levels,
    levelOfRow,
    columns: fit.columns,
    score: fit.score,
    map,
    bands: placeBands(map, baseline, scores),
    baseline,
  };
}
