// Turns a fitted points table into an ordinary model: one rule per group that earns points, labels that say
// the range or the values in words, and bands placed where leads start converting at meaningful rates.
import type { Band, Condition, Group, Rule, ScoringModel } from '../model';
import { type ProbabilityMap, probabilityOf } from './isotonic';
import type { ColumnLevels, Level } from './levels';
import { countBelow } from './metrics';
import { filledGroup, type PointsColumn } from './sparse-points';

/** Columns about what a lead did (visits, time, activity, e-mail engagement) count as intent; the rest as fit. */
const INTENT_COLUMN =
  /visit|time|view|activit|click|open|download|form|page|demo|webinar|session|last|engag/i;

export const SCALE_MAX = 100;

/**
 * Bands by how often leads at a score convert (the isotonic map of the training leads): Warm converts at least
 * as often as the average lead, Hot at three times the average odds, Very hot at nine times. Cut-offs are
 * multiples of 5; a band no score reaches is left out.
 */
export const BAND_PLAN: readonly { name: string; colour: string; action: string; oddsRatio: number }[] = [
  { name: 'Cold', colour: '#cfe2f3', action: 'Nurture with content', oddsRatio: 0 },
  { name: 'Warm', colour: '#fff2cc', action: 'BDR call within 3 days', oddsRatio: 1 },
  { name: 'Hot', colour: '#fce5cd', action: 'Discovery call within 2 days', oddsRatio: 3 },
  { name: 'Very hot', colour: '#f4cccc', action: 'Call within 24 hours', oddsRatio: 9 },
];

/** The conversion rate a band's lowest score must reach: the baseline's odds times `oddsRatio`. */
function bandThreshold(baseline: number, oddsRatio: number): number {
  if (oddsRatio === 0 || baseline <= 0) return 0;
  if (baseline >= 1) return 1;
  const odds = (baseline / (1 - baseline)) * oddsRatio;
  return odds / (1 + odds);
}

export interface PlacedBand extends Band {
  /** The conversion rate this band's lowest score reaches on the training leads (0 for the first band). */
  threshold: number;
}

/** A band must hold at least this share of the training leads (small top groups convert by chance). */
const MIN_BAND_SHARE = 0.02;

/** Band cut-offs on the 0-100 scale from the training leads' score -> conversion map. */
export function placeBands(map: ProbabilityMap, baseline: number, scores: ArrayLike<number>): PlacedBand[] {
  const sorted = Float64Array.from(scores).sort();
  const atOrAbove = (cut: number) => sorted.length - countBelow(sorted, cut);
  const fewest = Math.max(1, Math.ceil(sorted.length * MIN_BAND_SHARE));
  const bands: PlacedBand[] = [];
  for (const plan of BAND_PLAN) {
    const threshold = bandThreshold(baseline, plan.oddsRatio);
    const { oddsRatio: _, ...style } = plan;
    if (plan.oddsRatio === 0) {
      bands.push({ ...style, min: 0, threshold });
      continue;
    }
    const previous = (bands[bands.length - 1] as PlacedBand).min;
    let min = -1;
    for (let cut = previous + 5; cut <= SCALE_MAX && atOrAbove(cut) >= fewest; cut += 5) {
      if (probabilityOf(map, cut) >= threshold) {
        min = cut;
        break;
      }
    }
    if (min < 0) break;
    bands.push({ ...style, min, threshold });
  }
  return bands;
}

/** A number as people write it: 1,152 and 2.5 (no trailing zeros). */
export function formatNumber(value: number): string {
  const [whole = '', fraction] = String(Math.abs(value)).split('.');
  const grouped = whole.length > 4 ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole;
  return `${value < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** The values of a list in words: "A", "A or B", "A, B or C". */
function orList(values: readonly string[]): string {
  if (values.length <= 1) return values[0] ?? '';
  return `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

/** A numeric range of a rule: its condition and label. */
function rangeRule(levels: ColumnLevels, ranges: readonly Level[]): { condition: Condition; label: string } {
  const name = levels.column.name;
  const low = (ranges[0] as Level).low;
  const high = (ranges[ranges.length - 1] as Level).high;
  const step = levels.step;
  if (low === Number.NEGATIVE_INFINITY) {
    // Counts and durations never go below 0, so "0 or less" is "0".
    if (high === 0 && (levels.levels[0]?.leads ?? 0) > 0 && minimumSeen(levels) >= 0)
      return { condition: { op: 'atMost', value: 0 }, label: `${name} is 0` };
    return {
      condition: { op: 'atMost', value: high },
      label: `${name} under ${formatNumber(Number((high + step).toFixed(decimalsOf(step))))}`,
    };
  }
  if (high === Number.POSITIVE_INFINITY)
    return { condition: { op: 'atLeast', value: low }, label: `${name} ${formatNumber(low)} or more` };
  if (low === high)
    return { condition: { op: 'between', min: low, max: high }, label: `${name} is ${formatNumber(low)}` };
  return {
    condition: { op: 'between', min: low, max: high },
    label: `${name} ${formatNumber(low)} to ${formatNumber(high)}`,
  };
}

function decimalsOf(step: number): number {
  return Math.max(0, Math.round(-Math.log10(step)));
}

/** The smallest value of the column among labelled rows (the encoded codes it holds). */
function minimumSeen(levels: ColumnLevels): number {
  const { numbers, counts } = levels.column;
  let least = Number.POSITIVE_INFINITY;
  for (let code = 1; code < numbers.length; code++)
    if ((counts[code] as number) > 0 && Number.isFinite(numbers[code] as number))
      least = Math.min(least, numbers[code] as number);
  return least;
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 30)
      .replace(/-$/, '') || 'column'
  );
}

/** A rule of the suggestion and the column levels it covers. */
export interface PointsRule {
  rule: Omit<Rule, 'id'>;
  source: PointsColumn;
  /** Indexes into `source.levels.levels`. */
  levels: number[];
}

/** One rule per part (a range, a set of values, the blanks) of every group that earns points. */
export function pointsRules(columns: readonly PointsColumn[]): PointsRule[] {
  const rules: PointsRule[] = [];
  for (const column of columns) {
    const { levels } = column;
    const name = levels.column.name;
    const order = column.points
      .map((points, group) => ({ points, group }))
      .filter((entry) => entry.points > 0)
      .sort((a, b) => {
        // Numeric columns read low to high; text columns from the most points down.
        if (!levels.numeric) return b.points - a.points;
        return firstLevel(column, a.group) - firstLevel(column, b.group);
      });
    for (const { points, group } of order) {
      const members = levels.levels.flatMap((_, index) => (column.groupOf[index] === group ? [index] : []));
      const ofKind = (kind: string) => members.filter((index) => levels.levels[index]?.kind === kind);
      const add = (condition: Condition, label: string, covered: number[]) =>
        rules.push({
          rule: { column: name, condition, points, label, enabled: true },
          source: column,
          levels: covered,
        });
      if (filledGroup(levels, column.groupOf) === group) {
        const filled = members.filter((index) => levels.levels[index]?.kind !== 'blank');
        add({ op: 'notBlank' }, `${name} is filled in`, filled);
        continue;
      }
      const ranges = ofKind('range');
      if (ranges.length > 0) {
        const { condition, label } = rangeRule(
          levels,
          ranges.map((index) => levels.levels[index] as Level),
        );
        add(condition, label, ranges);
      }
      const values = ofKind('value');
      const texts = values.map((index) => (levels.levels[index] as Level).text);
      if (texts.length === 1)
        add({ op: 'equals', value: texts[0] as string }, `${name} is ${texts[0]}`, values);
      if (texts.length > 1) add({ op: 'isOneOf', values: texts }, `${name} is ${orList(texts)}`, values);
      const blanks = ofKind('blank');
      if (blanks.length > 0) add({ op: 'isBlank' }, `${name} is blank`, blanks);
    }
  }
  return rules;
}

function firstLevel(column: PointsColumn, group: number): number {
  const index = Array.from(column.groupOf).indexOf(group);
  const level = column.levels.levels[index];
  // Blanks sort after every range.
  return level?.kind === 'range' ? index : Number.MAX_SAFE_INTEGER;
}

export interface SuggestionContext {
  leads: number;
  outcomeColumn: string;
  baseline: number;
}

/** A valid ScoringModel from the points table and its bands. */
export function suggestionModel(
  columns: readonly PointsColumn[],
  bands: readonly PlacedBand[],
  context: SuggestionContext,
): ScoringModel {
  const groups: Record<'fit' | 'intent', Rule[]> = { fit: [], intent: [] };
  const used = new Set<string>();
  pointsRules(columns).forEach(({ rule }, index) => {
    let id = `${slug(rule.column)}-${index + 1}`;
    while (used.has(id)) id = `${id}x`;
    used.add(id);
    groups[INTENT_COLUMN.test(rule.column) ? 'intent' : 'fit'].push({ id, ...rule });
  });
  const built: Group[] = [];
  if (groups.fit.length > 0)
    built.push({ id: 'fit', name: 'Who they are (learned)', kind: 'fit', rules: groups.fit });
  if (groups.intent.length > 0)
    built.push({ id: 'intent', name: 'What they did (learned)', kind: 'intent', rules: groups.intent });
  const percent = (rate: number) => `${Math.round(rate * 100)}%`;
  const bandText = bands
    .slice(1)
    .map((band) => `${band.name} from ${band.min} (converted ${percent(band.threshold)} or more)`)
    .join('; ');
  return {
    schemaVersion: 1,
    name: 'Suggested points (calibration)',
    description:
      `Learned by LeadScore calibration from ${context.leads} past leads (outcome '${context.outcomeColumn}', ` +
      `${percent(context.baseline)} converted). Each column's lowest group earns 0, so points never go down ` +
      `as a lead does more; the best possible lead scores at most ${SCALE_MAX}. ` +
      (bandText ? `${bandText}, as measured on those leads. ` : '') +
      'Review the rules before applying them.',
    scale: { min: 0, max: SCALE_MAX },
    groups: built,
    disqualifiers: [],
    disqualifiedBand: { name: 'Disqualified', colour: '#d9d9d9', action: 'Do not contact' },
    bands: bands.map(({ threshold: _, ...band }) => band),
  };
}
