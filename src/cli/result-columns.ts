// The columns `leadscore score` adds, their names beside the user's columns, and the block a re-score replaces.
import { normaliseHeader } from '../engine/columns';
import type { LeadResult } from '../engine/model';

/**
 * The added columns, in order, and how each reads a result. Names shared with the add-on's sheet columns
 * (src/gas/owned-columns.ts) are spelt the same: Lead Score, Fit, Intent, Band, Reasons.
 */
export const RESULT_COLUMNS: readonly [string, (result: LeadResult) => string | number][] = [
  ['Lead Score', (result) => result.score],
  ['Fit', (result) => result.fit],
  ['Intent', (result) => result.intent],
  ['Band', (result) => result.band],
  ['Grade', (result) => result.grade],
  ['Quadrant', (result) => result.quadrant],
  ['Reasons', (result) => result.reasons],
  ['Action', (result) => result.action],
  ['Confidence', (result) => result.confidence],
  ['Problems', (result) => result.problems.join('; ')],
];

const PREFIX = 'LeadScore ';

/** A header cell is our `title`, as first written or with the prefix it gets beside a user's column. */
function isOurs(cell: string | undefined, title: string): boolean {
  const name = normaliseHeader(cell ?? '');
  return name === normaliseHeader(title) || name === normaliseHeader(`${PREFIX}${title}`);
}

export interface ResultPlacement {
  /** The user's header: the input's header without a previous LeadScore block. */
  userHeader: string[];
  /** Where the result columns go in the output (0-based, in the user's header). */
  at: number;
  /** Index in the input header of the previous block that is replaced, or -1. */
  replaced: number;
  /** Names of the result columns in the output. */
  titles: string[];
  warnings: string[];
}

/** Start indexes of every place where all result columns stand together, in order. */
function wholeBlocks(header: readonly string[]): number[] {
  const starts: number[] = [];
  for (let start = 0; start + RESULT_COLUMNS.length <= header.length; start++) {
    if (RESULT_COLUMNS.every(([title], offset) => isOurs(header[start + offset], title))) starts.push(start);
  }
  return starts;
}

/** Our title, or "LeadScore <title>" where the user has that column, or a numbered one where both exist. */
function freeTitle(title: string, taken: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    const candidate =
      attempt === 0 ? title : attempt === 1 ? `${PREFIX}${title}` : `${PREFIX}${title} ${attempt}`;
    const key = normaliseHeader(candidate);
    if (!taken.has(key)) {
      taken.add(key);
      return candidate;
    }
  }
}

/**
 * Decides where the results go. A previous LeadScore block is replaced in place only when it appears once,
 * whole, contiguous and in our order; anything else that looks like ours is left alone as the user's columns
 * (a warning says so) and the results are added after the last column, under names no user column has.
 */
export function placeResults(header: readonly string[]): ResultPlacement {
  const warnings: string[] = [];
  const blocks = wholeBlocks(header);
  let userHeader = [...header];
  let at = header.length;
  let replaced = -1;
  if (blocks.length === 1) {
    replaced = blocks[0] ?? -1;
    at = replaced;
    userHeader = [...header.slice(0, replaced), ...header.slice(replaced + RESULT_COLUMNS.length)];
  } else if (blocks.length > 1) {
    warnings.push(
      `the file has ${blocks.length} complete sets of LeadScore columns; none is replaced (delete the old ones to re-score in place), new results are added at the end`,
    );
  } else {
    const lookalikes = header.filter(
      (cell) => normaliseHeader(cell).startsWith(normaliseHeader(PREFIX)) || isOurs(cell, 'Lead Score'),
    );
    if (lookalikes.length > 0)
      warnings.push(
        `${lookalikes.map((cell) => `'${cell}'`).join(', ')}: named like LeadScore's columns, but the file does not have the whole set in order; kept as your columns, and the new results are added at the end`,
      );
  }
  const taken = new Set(userHeader.map((cell) => normaliseHeader(cell)));
  const titles = RESULT_COLUMNS.map(([title]) => freeTitle(title, taken));
  return { userHeader, at, replaced, titles, warnings };
}

/** The row without the replaced block's cells (the same array when nothing is replaced). */
export function userCells(row: readonly string[], placement: ResultPlacement): readonly string[] {
  if (placement.replaced < 0) return row;
  return [...row.slice(0, placement.replaced), ...row.slice(placement.replaced + RESULT_COLUMNS.length)];
}

/** The output row: the user's cells with the result cells at the placement. */
export function withResults(
  cells: readonly unknown[],
  results: readonly unknown[],
  placement: ResultPlacement,
): unknown[] {
  if (placement.at >= cells.length) return cells.concat(results);
  return [...cells.slice(0, placement.at), ...results, ...cells.slice(placement.at)];
}
