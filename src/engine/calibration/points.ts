// Turns learned feature weights into an ordinary points model: integer points per rule, bands by score quartile.
import type { Band, Group, Rule, ScoringModel } from '../model';
import type { Feature } from './features';

/** Columns about what a lead did (visits, time, activity, e-mail engagement) count as intent; the rest as fit. */
const INTENT_COLUMN =
  /visit|time|view|activit|click|open|download|form|page|demo|webinar|session|last|engag/i;

const BAND_STYLES: readonly Omit<Band, 'min'>[] = [
  { name: 'Cold', colour: '#cfe2f3', action: 'Nurture with content' },
  { name: 'Warm', colour: '#fff2cc', action: 'BDR call within 3 days' },
  { name: 'Hot', colour: '#fce5cd', action: 'Discovery call within 2 days' },
  { name: 'Very hot', colour: '#f4cccc', action: 'Call within 24 hours' },
];

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 30) || 'column'
  );
}

/** Integer points per feature: the largest weight becomes `maxPoints`, and weights that round to 0 drop out. */
export function integerPoints(weights: ArrayLike<number>, maxPoints: number): number[] {
  let largest = 0;
  for (let j = 0; j < weights.length; j++) largest = Math.max(largest, Math.abs(weights[j] ?? 0));
  const scale = largest === 0 ? 0 : maxPoints / largest;
  return Array.from({ length: weights.length }, (_, j) => Math.round((weights[j] ?? 0) * scale));
}

function quartileMins(scores: readonly number[], floor: number): number[] {
  const sorted = [...scores].sort((a, b) => a - b);
  const mins = [floor];
  for (const share of [0.5, 0.75, 0.9]) {
    const value = Math.round(sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? floor);
    mins.push(Math.max(value, (mins[mins.length - 1] ?? floor) + 1));
  }
  return mins;
}

/**
 * A valid ScoringModel from features and their points. `trainingScores` (points sums of the rows the points
 * were learned on) place the band thresholds: half the leads Cold, then Warm, Hot, and the top tenth Very hot.
 */
export function pointsModel(
  name: string,
  features: readonly Feature[],
  points: readonly number[],
  trainingScores: readonly number[],
): ScoringModel {
  const groups: Record<'fit' | 'intent', Rule[]> = { fit: [], intent: [] };
  const used = new Set<string>();
  let low = 0;
  let high = 0;
  features.forEach((feature, index) => {
    const value = points[index] ?? 0;
    if (value === 0) return;
    let id = `${slug(feature.column)}-${index + 1}`;
    while (used.has(id)) id = `${id}x`;
    used.add(id);
    if (value < 0) low += value;
    else high += value;
    groups[INTENT_COLUMN.test(feature.column) ? 'intent' : 'fit'].push({
      id,
      column: feature.column,
      condition: feature.condition,
      points: value,
      label: feature.label,
      enabled: true,
    });
  });
  const scale = { min: Math.min(0, low), max: Math.max(high, Math.min(0, low) + 4) };
  const mins = quartileMins(trainingScores.length > 0 ? trainingScores : [scale.min], scale.min).map((min) =>
    Math.min(min, scale.max),
  );
  const bands: Band[] = [];
  BAND_STYLES.forEach((style, index) => {
    const min = mins[index] ?? scale.max;
    if (index === 0 || min > (bands[bands.length - 1]?.min ?? scale.min)) bands.push({ ...style, min });
  });
  const built: Group[] = [];
  if (groups.fit.length > 0)
    built.push({ id: 'fit', name: 'Who they are (learned)', kind: 'fit', rules: groups.fit });
  if (groups.intent.length > 0) {
    built.push({ id: 'intent', name: 'What they did (learned)', kind: 'intent', rules: groups.intent });
  }
  return {
    schemaVersion: 1,
    name,
    description:
      'Suggested by LeadScore calibration from past outcomes. Review the rules before applying them.',
    scale,
    groups: built,
    disqualifiers: [],
    disqualifiedBand: { name: 'Disqualified', colour: '#d9d9d9', action: 'Do not contact' },
    bands,
  };
}
