// Columns a suggestion must not learn from: identifiers, timestamps, and columns that leak the outcome
// (near-pure values, filled mostly after conversion, or named like fields sales or other tools fill in after
// contact). Each flag says why; flagged columns are left out of suggestions unless the user keeps them.
import { normaliseHeader } from '../columns';
import { BLANK_CODE, type EncodedColumn } from './encode';
import { isNumericColumn } from './levels';
import { rocAuc } from './metrics';

export type FlagKind = 'identifier' | 'timestamp' | 'leak';

export interface ColumnFlag {
  column: string;
  kind: FlagKind;
  /** Why, one clause each (without the column's name), to follow "<column>: ". */
  reasons: string[];
}

/**
 * Header words of fields that CRMs and marketing tools fill in after a lead comes in: by sales (tags, quality,
 * status), by another scoring tool (score, index, grade), or as a record of what happened since (notable
 * activity, last modified). Matched as whole words of the normalised header.
 */
export const AFTER_CONTACT_NAMES: readonly { words: RegExp; reason: string }[] = [
  { words: /\btags?\b/, reason: 'its name says it holds sales tags, which sales add after contact' },
  {
    words: /\blead (quality|profile)\b|\bquality\b/,
    reason: 'its name says it is a judgement sales record after contact',
  },
  {
    words: /\b(score|index|grade|rating)\b/,
    reason: 'its name says it is a score or rating from a person or another tool, often set after contact',
  },
  {
    words: /\b(status|stage|disposition)\b/,
    reason: 'its name says it is a status sales update as the lead progresses',
  },
  {
    words: /\bnotable activity\b|\b(last )?(modified|contacted)\b/,
    reason: 'its name says it records activity up to the export, including what sales did',
  },
  {
    words: /\b(owner|won|lost|closed?|reason)\b/,
    reason: 'its name says it is filled in as the deal is worked or closed',
  },
];

/** Single-column AUC at or above this (on leads it was not learned from) is too good to be a lead trait. */
const NEAR_PERFECT_AUC = 0.85;
/** Share of leads whose value converts at <= 5% or >= 95% that marks a near-pure column. */
const PURE_SHARE = 0.3;
/** Fill-rate gap between converted and other leads that marks a column filled after the outcome. */
const FILL_GAP = 0.5;

function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

/** Cross-validated (5 folds by row position) target encoding: each lead's value -> the rate on other folds. */
function encodedAuc(column: EncodedColumn, rows: Int32Array, outcomes: Uint8Array): number {
  const size = column.texts.length + 1;
  const leads = new Float64Array(size * 5);
  const hits = new Float64Array(size * 5);
  let converted = 0;
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k] as number;
    const cell = (column.codes[row] as number) * 5 + (k % 5);
    leads[cell] = (leads[cell] as number) + 1;
    hits[cell] = (hits[cell] as number) + (outcomes[row] as number);
    converted += outcomes[row] as number;
  }
  const baseline = converted / Math.max(1, rows.length);
  const scores = new Float64Array(rows.length);
  const y = new Uint8Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k] as number;
    const code = column.codes[row] as number;
    let n = 0;
    let h = 0;
    for (let fold = 0; fold < 5; fold++) {
      if (fold === k % 5) continue;
      n += leads[code * 5 + fold] as number;
      h += hits[code * 5 + fold] as number;
    }
    // Shrunk towards the baseline, so a value seen once says little.
    scores[k] = (h + 10 * baseline) / (n + 10);
    y[k] = outcomes[row] as number;
  }
  return rocAuc(scores, y);
}

function numericAuc(column: EncodedColumn, rows: Int32Array, outcomes: Uint8Array): number {
  const scores = new Float64Array(rows.length);
  const y = new Uint8Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k] as number;
    const value = column.numbers[column.codes[row] as number] as number;
    scores[k] = Number.isFinite(value) ? value : Number.NEGATIVE_INFINITY;
    y[k] = outcomes[row] as number;
  }
  const auc = rocAuc(scores, y);
  return Math.max(auc, 1 - auc);
}

/** Flags for each column (only flagged columns are returned), from the labelled rows `rows`. */
export function flagColumns(
  columns: readonly EncodedColumn[],
  rows: Int32Array,
  outcomes: Uint8Array,
): ColumnFlag[] {
  const flags: ColumnFlag[] = [];
  let converted = 0;
  for (let k = 0; k < rows.length; k++) converted += outcomes[rows[k] as number] as number;
  const others = rows.length - converted;
  for (const column of columns) {
    const size = column.texts.length + 1;
    const leads = new Int32Array(size);
    const hits = new Int32Array(size);
    for (let k = 0; k < rows.length; k++) {
      const row = rows[k] as number;
      const code = column.codes[row] as number;
      leads[code] = (leads[code] as number) + 1;
      hits[code] = (hits[code] as number) + (outcomes[row] as number);
    }
    const filled = rows.length - (leads[BLANK_CODE] as number);
    if (filled === 0) continue;
    let distinct = 0;
    let dateRows = 0;
    let wholeNumbers = true;
    for (let code = 1; code < size; code++) {
      if ((leads[code] as number) === 0) continue;
      distinct++;
      if (column.dates[code]) dateRows += leads[code] as number;
      const value = column.numbers[code] as number;
      if (Number.isFinite(value) && !Number.isInteger(value)) wholeNumbers = false;
    }
    const numeric = isNumericColumn(column);
    const filledConverted = converted - (hits[BLANK_CODE] as number);
    const fillConverted = converted === 0 ? 0 : filledConverted / converted;
    const fillOthers = others === 0 ? 0 : (filled - filledConverted) / others;
    const fillReason =
      Math.abs(fillConverted - fillOthers) >= FILL_GAP
        ? [
            `filled for ${percent(fillConverted)} of converted leads but ${percent(fillOthers)} of the others: it looks filled in ${fillConverted > fillOthers ? 'after conversion' : 'when a lead is lost'}`,
          ]
        : [];
    if (dateRows >= filled * 0.9) {
      flags.push({
        column: column.name,
        kind: 'timestamp',
        reasons: [
          `it holds dates: points for a calendar date do not carry over to new leads (score its age with a "within days" rule instead)`,
          ...fillReason,
        ],
      });
      continue;
    }
    if (filled >= 50 && distinct >= filled * 0.9 && (!numeric || wholeNumbers)) {
      flags.push({
        column: column.name,
        kind: 'identifier',
        reasons: [
          `a different value for ${percent(distinct / filled)} of leads: it names leads rather than describing them, so it cannot score a new one`,
          ...fillReason,
        ],
      });
      continue;
    }
    const reasons = [...fillReason];
    if (!numeric) {
      let pure = 0;
      for (let code = 1; code < size; code++) {
        const n = leads[code] as number;
        if (n < 30) continue;
        const rate = (hits[code] as number) / n;
        if (rate <= 0.05 || rate >= 0.95) pure += n;
      }
      const auc = encodedAuc(column, rows, outcomes);
      if (pure >= rows.length * PURE_SHARE || auc >= NEAR_PERFECT_AUC)
        reasons.push(
          `it nearly decides the outcome on its own (${percent(pure / rows.length)} of leads have a value that converts at 5% or less or 95% or more; AUC ${auc.toFixed(2)} alone): it reads like a record of what happened`,
        );
    } else {
      const auc = numericAuc(column, rows, outcomes);
      if (auc >= NEAR_PERFECT_AUC)
        reasons.push(
          `it nearly decides the outcome on its own (AUC ${auc.toFixed(2)} alone): it reads like a record of what happened`,
        );
    }
    const words = normaliseHeader(column.name);
    const named = AFTER_CONTACT_NAMES.find((entry) => entry.words.test(words));
    if (named) reasons.push(named.reason);
    if (reasons.length > 0) flags.push({ column: column.name, kind: 'leak', reasons });
  }
  return flags;
}
