// The finest distinctions a suggestion may draw in one column, learned from training rows only: value ranges
// of a numeric column (quantile bins that meet at round cut-offs), common values of a text column, blanks,
// and "anything else" (rare or unseen values, text in a numeric column), which never earns points.
import { BLANK_CODE, type EncodedColumn } from './encode';

export type LevelKind = 'range' | 'value' | 'blank' | 'other';

export interface Level {
  kind: LevelKind;
  /** 'range': lowest and highest value in it, at the column's precision (-Infinity / Infinity when open). */
  low: number;
  high: number;
  /** 'value': the value as first written. */
  text: string;
  /** Training rows and conversions at this level. */
  leads: number;
  converted: number;
}

export interface ColumnLevels {
  column: EncodedColumn;
  numeric: boolean;
  /** Numeric precision: the data's smallest step (1 for whole numbers, 0.01 for two decimals). */
  step: number;
  /** Numeric: the ranges in ascending order first, then blank (when present), then other (always last). */
  levels: Level[];
  /** Level of each code of the column. */
  levelOfCode: Int32Array;
}

export interface LevelOptions {
  /** Fewest training rows a value, a range or the blanks need to stand on their own. */
  minSupport: number;
  /** Most ranges per numeric column. */
  maxBins: number;
}

/** A column is numeric when nearly all its filled cells read as numbers and it takes more than two values. */
const NUMERIC_SHARE = 0.95;

export function isNumericColumn(column: EncodedColumn): boolean {
  let filled = 0;
  let numeric = 0;
  let distinct = 0;
  const seen = new Set<number>();
  for (let code = 1; code < column.counts.length; code++) {
    const count = column.counts[code] as number;
    filled += count;
    const value = column.numbers[code] as number;
    if (Number.isFinite(value)) {
      numeric += count;
      if (distinct <= 2 && !seen.has(value)) {
        seen.add(value);
        distinct++;
      }
    }
  }
  return filled > 0 && numeric >= filled * NUMERIC_SHARE && distinct > 2;
}

/** Decimal places needed to write every value (at most 4). */
function decimalsOf(values: readonly number[]): number {
  let decimals = 0;
  for (const value of values) {
    while (decimals < 4) {
      const scaled = value * 10 ** decimals;
      if (Math.abs(scaled - Math.round(scaled)) <= 1e-6 * Math.max(1, Math.abs(scaled))) break;
      decimals++;
    }
  }
  return decimals;
}

function roundTo(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}

/**
 * The roundest number c with low < c <= high, a multiple of 10^-decimals: 300 between 297 and 302, 2.5
 * between 2.33 and 2.67. People read cut-offs like these, and any c in the gap splits the training data alike.
 */
export function roundCut(low: number, high: number, decimals: number): number {
  const step = 10 ** -decimals;
  const top = Math.ceil(Math.log10(Math.max(Math.abs(low), Math.abs(high), step))) + 1;
  for (let exponent = top; exponent >= -decimals; exponent--) {
    for (const factor of [5, 2, 1]) {
      const size = factor * 10 ** exponent;
      if (size < step * 0.999) continue;
      const cut = roundTo(Math.floor(low / size + 1) * size, decimals);
      if (cut > low && cut <= high) return cut;
    }
  }
  return roundTo(high, decimals);
}

function emptyLevel(kind: LevelKind, low = Number.NaN, high = Number.NaN, text = ''): Level {
  return { kind, low, high, text, leads: 0, converted: 0 };
}

/** Training rows and conversions per code. */
function codeCounts(
  column: EncodedColumn,
  train: Int32Array,
  outcomes: Uint8Array,
): [Int32Array, Int32Array] {
  const leads = new Int32Array(column.counts.length);
  const converted = new Int32Array(column.counts.length);
  for (let k = 0; k < train.length; k++) {
    const row = train[k] as number;
    const code = column.codes[row] as number;
    leads[code] = (leads[code] as number) + 1;
    converted[code] = (converted[code] as number) + (outcomes[row] as number);
  }
  return [leads, converted];
}

function numericLevels(
  column: EncodedColumn,
  leads: Int32Array,
  converted: Int32Array,
  options: LevelOptions,
): ColumnLevels {
  const codes: number[] = [];
  for (let code = 1; code < column.numbers.length; code++)
    if (Number.isFinite(column.numbers[code] as number) && (leads[code] as number) > 0) codes.push(code);
  codes.sort((a, b) => (column.numbers[a] as number) - (column.numbers[b] as number));
  const decimals = decimalsOf(codes.map((code) => column.numbers[code] as number));
  const filled = codes.reduce((sum, code) => sum + (leads[code] as number), 0);
  const target = Math.max(options.minSupport, Math.ceil(filled / options.maxBins));
  // Bins of about `target` rows; equal numbers (say "5" and "5.0") always share a bin.
  const bins: { first: number; last: number; leads: number }[] = [];
  let start = 0;
  while (start < codes.length) {
    let end = start;
    let size = leads[codes[start] as number] as number;
    while (end + 1 < codes.length) {
      const next = codes[end + 1] as number;
      const same = column.numbers[next] === column.numbers[codes[end] as number];
      if (!same && size >= target) break;
      end++;
      size += leads[next] as number;
    }
    bins.push({ first: start, last: end, leads: size });
    start = end + 1;
  }
  const lastBin = bins[bins.length - 1];
  if (bins.length > 1 && lastBin && lastBin.leads < target / 2) {
    bins.pop();
    const previous = bins[bins.length - 1];
    if (previous) {
      previous.last = lastBin.last;
      previous.leads += lastBin.leads;
    }
  }
  const step = 10 ** -decimals;
  const levels: Level[] = [];
  let low = Number.NEGATIVE_INFINITY;
  bins.forEach((bin, position) => {
    const next = bins[position + 1];
    const cut = next
      ? roundCut(
          column.numbers[codes[bin.last] as number] as number,
          column.numbers[codes[next.first] as number] as number,
          decimals,
        )
      : Number.POSITIVE_INFINITY;
    levels.push(emptyLevel('range', low, next ? roundTo(cut - step, decimals) : cut));
    low = cut;
  });
  const blank = (leads[BLANK_CODE] as number) >= options.minSupport ? levels.length : -1;
  if (blank >= 0) levels.push(emptyLevel('blank'));
  const other = levels.length;
  levels.push(emptyLevel('other'));
  const levelOfCode = new Int32Array(column.numbers.length).fill(other);
  if (blank >= 0) levelOfCode[BLANK_CODE] = blank;
  const ranges = levels.slice(0, bins.length);
  for (let code = 1; code < column.numbers.length; code++) {
    const value = column.numbers[code] as number;
    if (!Number.isFinite(value)) continue;
    // Ranges are few (at most maxBins): a scan is as fast as a search here, and simpler.
    const found = ranges.findIndex((range) => value >= range.low && value <= range.high);
    if (found >= 0) levelOfCode[code] = found;
  }
  return finishLevels(column, true, step, levels, levelOfCode, leads, converted);
}

function textLevels(
  column: EncodedColumn,
  leads: Int32Array,
  converted: Int32Array,
  options: LevelOptions,
): ColumnLevels {
  const levels: Level[] = [];
  const levelOfCode = new Int32Array(column.counts.length).fill(-1);
  const common: number[] = [];
  for (let code = 1; code < column.counts.length; code++)
    if ((leads[code] as number) >= options.minSupport) common.push(code);
  // Most common first: the order values are listed in rules and reports.
  common.sort((a, b) => (leads[b] as number) - (leads[a] as number) || a - b);
  for (const code of common) {
    levelOfCode[code] = levels.length;
    levels.push(emptyLevel('value', Number.NaN, Number.NaN, column.texts[code - 1] ?? ''));
  }
  if ((leads[BLANK_CODE] as number) >= options.minSupport) {
    levelOfCode[BLANK_CODE] = levels.length;
    levels.push(emptyLevel('blank'));
  }
  const other = levels.length;
  levels.push(emptyLevel('other'));
  for (let code = 0; code < levelOfCode.length; code++)
    if (levelOfCode[code] === -1) levelOfCode[code] = other;
  return finishLevels(column, false, 1, levels, levelOfCode, leads, converted);
}

function finishLevels(
  column: EncodedColumn,
  numeric: boolean,
  step: number,
  levels: Level[],
  levelOfCode: Int32Array,
  leads: Int32Array,
  converted: Int32Array,
): ColumnLevels {
  for (let code = 0; code < levelOfCode.length; code++) {
    const level = levels[levelOfCode[code] as number] as Level;
    level.leads += leads[code] as number;
    level.converted += converted[code] as number;
  }
  return { column, numeric, step, levels, levelOfCode };
}

/** The levels of one column from the training rows `train` (indexes into the encoded rows). */
export function columnLevels(
  column: EncodedColumn,
  numeric: boolean,
  train: Int32Array,
  outcomes: Uint8Array,
  options: LevelOptions,
): ColumnLevels {
  const [leads, converted] = codeCounts(column, train, outcomes);
  return numeric
    ? numericLevels(column, leads, converted, options)
    : textLevels(column, leads, converted, options);
}

/** Columns as the additive fit takes them: each row's level and how many levels there are. */
export function additiveColumns(
  levels: readonly ColumnLevels[],
  levelOfRow: readonly Int32Array[],
): { levelOfRow: Int32Array; levelCount: number }[] {
  return levelOfRow.map((rows, column) => ({
    levelOfRow: rows,
    levelCount: (levels[column] as ColumnLevels).levels.length,
  }));
}

/** The level of every row (training or not) in one column. */
export function levelsOfRows(levels: ColumnLevels): Int32Array {
  const { codes } = levels.column;
  const out = new Int32Array(codes.length);
  for (let row = 0; row < codes.length; row++) out[row] = levels.levelOfCode[codes[row] as number] as number;
  return out;
}
