// Preview before apply: compares two scoring runs over the same rows and explains one row rule by rule.
// Pure and JSON-safe in its output, so the sidebar API can return these results through google.script.run.

import { findColumn } from './columns';
import { conditionInfo, type ValueKind } from './conditions';
import { emailDomain } from './email';
import type { Condition, LeadResult, ScoringModel } from './model';
import { isBlank, isDateValue, missingTokenSet, toBoolean, toNumber, toTime } from './normalise';
import { formatPoints } from './reasons';
import { bindScorer, compileModel } from './scorer';

export interface BandCount {
  band: string;
  colour: string;
  count: number;
}

export interface ScoreBand {
  score: number;
  band: string;
}

export interface Mover {
  /** 1-based sheet row number. */
  row: number;
  /** What identifies the lead to a person: name, email or company, when the table has them. */
  lead: string;
  before: ScoreBand;
  after: ScoreBand & { reasons: string };
}

export interface PreviewSummary {
  /** Non-blank lead rows scored. */
  scored: number;
  bandCountsBefore: BandCount[];
  bandCountsAfter: BandCount[];
  movedUp: number;
  movedDown: number;
  /** Rows whose score or band changed. */
  changed: number;
  /** Largest score changes first (ties: band changes first, then row order). */
  topMovers: Mover[];
  /** Rules whose column is not in the lead table. */
  warnings: string[];
}

/** One rule's part in one lead's score; rules that did not fire are listed with 0 points. */
export interface RuleLine {
  ruleId: string;
  label: string;
  groupId: string;
  groupName: string;
  column: string;
  /** The cell as text ('' when blank, "(column not found)" when the table lacks the column). */
  cell: string;
  /** Readable test: "is one of VP, Director". */
  test: string;
  enabled: boolean;
  fired: boolean;
  points: number;
}

export interface GroupLine {
  groupId: string;
  name: string;
  kind: 'fit' | 'intent';
  /** Sum of the fired rules' points. */
  raw: number;
  /** After the group's cap and floor. */
  total: number;
  cap: number | null;
}

export interface RowBreakdown {
  row: number;
  lead: string;
  blank: boolean;
  score: number;
  fit: number;
  intent: number;
  decay: number;
  band: string;
  colour: string;
  action: string;
  reasons: string;
  disqualifiedBy: string | null;
  rules: RuleLine[];
  groups: GroupLine[];
  problems: string[];
}

export interface PreviewInput {
  /** The saved model, or null when none is saved (then nothing "moves"). */
  before: ScoringModel | null;
  /** The draft, already validated. */
  after: ScoringModel;
  header: readonly unknown[];
  rows: readonly (readonly unknown[])[];
  /** Sheet row number of rows[0] (header row + 1), so movers name real rows. */
  firstRow: number;
  asOf: Date;
  /** How many top movers to return. */
  topN?: number;
}

export const MISSING_COLUMN_TEXT = '(column not found)';
const DEFAULT_TOP_N = 5;

/** A cell as text: dates as ISO strings (cross-realm safe), booleans as TRUE/FALSE, blanks as ''. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (isDateValue(value)) return value.toISOString();
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

function kindOf(value: unknown): ValueKind {
  if (isDateValue(value)) return 'date';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return 'number';
  const text = String(value);
  if (text.includes('@') && emailDomain(text) !== null) return 'email';
  if (toBoolean(text) !== null) return 'boolean';
  if (toNumber(text) !== null) return 'number';
  if (toTime(text) !== null) return 'date';
  return 'text';
}

/**
 * The kind most non-blank samples hold (at least 80% of them), else 'text'. 1/0 numbers read as
 * booleans too, so a column of only 0s and 1s counts as number: points per unit are more common.
 */
export function guessValueKind(values: readonly unknown[], missingTokens?: readonly string[]): ValueKind {
  const missing = missingTokenSet(missingTokens ? [...missingTokens] : undefined);
  const counts = new Map<ValueKind, number>();
  let total = 0;
  for (const value of values) {
    if (isBlank(value, missing)) continue;
    const kind = kindOf(value);
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    total++;
  }
  if (total === 0) return 'any';
  for (const [kind, count] of counts) if (count >= total * 0.8) return kind;
  return 'text';
}

/** A few distinct non-blank values of one column, as text. */
export function sampleValues(rows: readonly (readonly unknown[])[], column: number, limit = 5): string[] {
  const seen = new Set<string>();
  for (const row of rows) {
    const text = cellText(row[column]).trim();
    if (text !== '' && !seen.has(text)) {
      seen.add(text);
      if (seen.size >= limit) break;
    }
  }
  return [...seen];
}

function listText(values: readonly string[]): string {
  return values.join(', ');
}

/** "is one of VP, Director", "is between 50 and 200": the condition as a person reads it. */
export function describeCondition(condition: Condition): string {
  const label = conditionInfo(condition).label;
  switch (condition.op) {
    case 'equals':
    case 'notEquals':
      return `${label} ${String(condition.value)}`;
    case 'isOneOf':
    case 'containsAny':
    case 'startsWith':
    case 'endsWith':
    case 'emailDomainIn':
      return `${label} ${listText(condition.values)}`;
    case 'atLeast':
    case 'atMost':
      return `${label} ${condition.value}`;
    case 'between':
      return `is between ${condition.min} and ${condition.max}`;
    case 'withinDays':
      return `is within ${condition.days} days`;
    case 'olderThanDays':
      return `is older than ${condition.days} days`;
    default:
      return label;
  }
}

/** Builds "who is this lead" text from the name, email or company columns, whichever the table has. */
export function leadNamer(header: readonly unknown[]): (row: readonly unknown[]) => string {
  const first = findColumn(header, 'First Name');
  const last = findColumn(header, 'Last Name');
  const full = findColumn(header, 'Full Name');
  const email = findColumn(header, 'Email');
  const company = findColumn(header, 'Company Name');
  const text = (row: readonly unknown[], index: number): string =>
    index < 0 ? '' : cellText(row[index]).trim();
  return (row) => {
    const name =
      [text(row, first), text(row, last)].filter((part) => part !== '').join(' ') || text(row, full);
    const who = name || text(row, email);
    const org = text(row, company);
    if (who && org) return `${who} (${org})`;
    return who || org;
  };
}

/** Display order: bands high to low, then the review band, then disqualified. */
function bandOrder(model: ScoringModel): { band: string; colour: string }[] {
  const order = [...model.bands].reverse().map((band) => ({ band: band.name, colour: band.colour }));
  if (model.missingData)
    order.push({ band: model.missingData.band.name, colour: model.missingData.band.colour });
  order.push({ band: model.disqualifiedBand.name, colour: model.disqualifiedBand.colour });
  return order;
}

/** Rank for up/down moves: disqualified lowest, then review, then the bands by threshold. */
function bandRank(model: ScoringModel, result: LeadResult): number {
  if (result.disqualifiedBy) return -2;
  const index = model.bands.findIndex((band) => band.name === result.band);
  return index < 0 ? -1 : index;
}

function countBands(model: ScoringModel, results: readonly LeadResult[]): BandCount[] {
  const counts = bandOrder(model).map((entry) => ({ ...entry, count: 0 }));
  const byName = new Map(counts.map((entry) => [entry.band, entry]));
  for (const result of results) {
    if (result.blank) continue;
    const entry = byName.get(result.band);
    if (entry) entry.count++;
  }
  return counts;
}

function missingColumnWarnings(model: ScoringModel, header: readonly unknown[], asOf: Date): string[] {
  const scorer = bindScorer(compileModel(model), header, asOf);
  return scorer.missingColumns.map((missing) =>
    missing.id === 'decay'
      ? `Decay reads '${missing.column}', which is not in the lead table`
      : `'${missing.id}' reads '${missing.column}', which is not in the lead table`,
  );
}

/** Scores the rows with both models and summarises what the change would do. */
export function comparePreview(input: PreviewInput): PreviewSummary {
  const { before, after, header, rows, firstRow, asOf } = input;
  const afterScorer = bindScorer(compileModel(after), header, asOf);
  const beforeScorer = before ? bindScorer(compileModel(before), header, asOf) : null;
  const afterResults = rows.map((row) => afterScorer.scoreRow(row));
  const beforeResults = beforeScorer ? rows.map((row) => beforeScorer.scoreRow(row)) : [];
  const name = leadNamer(header);

  let movedUp = 0;
  let movedDown = 0;
  let changed = 0;
  const candidates: { mover: Mover; delta: number; bandMoved: boolean }[] = [];
  if (before) {
    afterResults.forEach((next, index) => {
      const previous = beforeResults[index];
      if (!previous || next.blank) return;
      const rankChange = bandRank(after, next) - bandRank(before, previous);
      if (rankChange > 0) movedUp++;
      else if (rankChange < 0) movedDown++;
      const delta = next.score - previous.score;
      const bandMoved = next.band !== previous.band;
      if (delta === 0 && !bandMoved) return;
      changed++;
      candidates.push({
        delta,
        bandMoved,
        mover: {
          row: firstRow + index,
          lead: name(rows[index] ?? []),
          before: { score: previous.score, band: previous.band },
          after: { score: next.score, band: next.band, reasons: next.reasons },
        },
      });
    });
  }
  candidates.sort(
    (a, b) =>
      Math.abs(b.delta) - Math.abs(a.delta) ||
      Number(b.bandMoved) - Number(a.bandMoved) ||
      a.mover.row - b.mover.row,
  );
  return {
    scored: afterResults.filter((result) => !result.blank).length,
    bandCountsBefore: before ? countBands(before, beforeResults) : [],
    bandCountsAfter: countBands(after, afterResults),
    movedUp,
    movedDown,
    changed,
    topMovers: candidates.slice(0, input.topN ?? DEFAULT_TOP_N).map((candidate) => candidate.mover),
    warnings: missingColumnWarnings(after, header, asOf),
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Every rule's part in one row's score, including rules that did not fire or are switched off. */
export function explainRow(
  model: ScoringModel,
  header: readonly unknown[],
  row: readonly unknown[],
  rowNumber: number,
  asOf: Date,
): RowBreakdown {
  const result = bindScorer(compileModel(model), header, asOf).scoreRow(row);
  const fired = new Map(
    result.contributions.map((contribution) => [contribution.ruleId, contribution.points]),
  );
  const rules: RuleLine[] = [];
  const groups: GroupLine[] = [];
  for (const group of model.groups) {
    let raw = 0;
    for (const rule of group.rules) {
      const index = findColumn(header, rule.column, model.columnSynonyms);
      const points = fired.get(rule.id);
      if (points !== undefined) raw += points;
      rules.push({
        ruleId: rule.id,
        label: rule.label,
        groupId: group.id,
        groupName: group.name,
        column: rule.column,
        cell: index < 0 ? MISSING_COLUMN_TEXT : cellText(row[index]),
        test:
          describeCondition(rule.condition) + (rule.perUnit ? ` (${formatPoints(rule.points)} each)` : ''),
        enabled: rule.enabled,
        fired: points !== undefined,
        points: points ?? 0,
      });
    }
    groups.push({
      groupId: group.id,
      name: group.name,
      kind: group.kind,
      raw: round2(raw),
      total: round2(
        clamp(raw, group.floor ?? Number.NEGATIVE_INFINITY, group.cap ?? Number.POSITIVE_INFINITY),
      ),
      cap: group.cap ?? null,
    });
  }
  return {
    row: rowNumber,
    lead: leadNamer(header)(row),
    blank: result.blank,
    score: result.score,
    fit: result.fit,
    intent: result.intent,
    decay: result.decay,
    band: result.band,
    colour: result.colour,
    action: result.action,
    reasons: result.reasons,
    disqualifiedBy: result.disqualifiedBy ? result.disqualifiedBy.reason : null,
    rules,
    groups,
    problems: result.problems,
  };
}
