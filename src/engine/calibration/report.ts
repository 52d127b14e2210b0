// Calibration against real outcomes: how the current model ranks converted leads, and two suggested models.
import { findColumn, normaliseHeader } from '../columns';
import type { ScoringModel } from '../model';
import { isBlank, missingTokenSet, normaliseText, toNumber } from '../normalise';
import { scoreTable } from '../scorer';
import { activeFeatures, buildFeatures, type Feature } from './features';
import { fitLogistic, linearScores } from './logistic';
import { type Conversion, conversionBy, conversionByDecile, rocAuc } from './metrics';
import { outcomeReader, unknownOutcomes } from './outcome';
import { integerPoints, pointsModel } from './points';

export interface CalibrationOptions {
  outcomeColumn: string;
  asOf: Date;
  /** Outcome values that mean converted (default: 1, yes, won, closed won, converted, customer...). */
  positiveValues?: string[];
  /** Columns the suggestions must not learn from (ids, and anything filled in after sales contact). */
  excludeColumns?: string[];
  /** Share of leads held out to measure the suggestions (default 0.3). */
  holdoutShare?: number;
  /** Largest points a suggested rule gets (default 50). */
  maxPoints?: number;
}

export interface RuleLift {
  ruleId: string;
  label: string;
  support: number;
  rateWith: number;
  rateWithout: number;
  lift: number;
}

export interface CalibrationReport {
  leads: number;
  conversions: number;
  /** Rows whose outcome cell was blank or unreadable, left out. */
  skipped: number;
  baseline: number;
  auc: number;
  byBand: Conversion[];
  byDecile: Conversion[];
  ruleLift: RuleLift[];
  leaks: string[];
  warnings: string[];
  holdout: { leads: number; currentAuc: number; suggestedAuc: number; closeRateAuc: number };
  suggestions: { logistic: ScoringModel; closeRate: ScoringModel };
}

/** Deterministic split: the same row is always in the same part (a multiplicative hash of its index). */
export function isHoldout(index: number, share: number): boolean {
  const hash = Math.imul(index + 1, 2654435761) >>> 0;
  return hash / 4294967296 < share;
}

interface Labelled {
  rows: unknown[][];
  outcomes: (0 | 1)[];
  skipped: number;
  outcomeIndex: number;
}

function labelled(
  header: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  options: CalibrationOptions,
): Labelled {
  const outcomeIndex = findColumn(header, options.outcomeColumn);
  if (outcomeIndex < 0)
    throw new Error(`There is no outcome column '${options.outcomeColumn}' in the header row.`);
  const read = outcomeReader(options.positiveValues, unknownOutcomes(rows.map((row) => row[outcomeIndex])));
  const kept: unknown[][] = [];
  const outcomes: (0 | 1)[] = [];
  for (const row of rows) {
    const outcome = read(row[outcomeIndex]);
    if (outcome === null) continue;
    kept.push([...row]);
    outcomes.push(outcome);
  }
  return { rows: kept, outcomes, skipped: rows.length - kept.length, outcomeIndex };
}

function candidateColumns(
  header: readonly unknown[],
  outcomeIndex: number,
  exclude: readonly string[] = [],
): number[] {
  const excluded = new Set(exclude.map((name) => normaliseHeader(name)));
  return header.flatMap((cell, index) =>
    index === outcomeIndex || excluded.has(normaliseHeader(cell)) || normaliseHeader(cell) === ''
      ? []
      : [index],
  );
}

/** Single-column AUC (values replaced by their conversion rate, or the number itself) and fill-rate gaps. */
function leakWarnings(
  header: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  outcomes: readonly (0 | 1)[],
  columns: readonly number[],
): string[] {
  const missing = missingTokenSet();
  const warnings: string[] = [];
  const converted = outcomes.reduce<number>((sum, y) => sum + y, 0);
  for (const index of columns) {
    const cells = rows.map((row) => row[index]);
    let filledConverted = 0;
    let filledOther = 0;
    const rates = new Map<string, [number, number]>();
    cells.forEach((cell, row) => {
      if (isBlank(cell, missing)) return;
      if (outcomes[row] === 1) filledConverted++;
      else filledOther++;
      const key = normaliseText(cell);
      const entry = rates.get(key) ?? [0, 0];
      entry[0] += outcomes[row] ?? 0;
      entry[1] += 1;
      rates.set(key, entry);
    });
    const numeric = cells.every((cell) => isBlank(cell, missing) || toNumber(cell) !== null);
    const scores = cells.map((cell) => {
      if (isBlank(cell, missing)) return -1;
      if (numeric) return toNumber(cell) ?? -1;
      const [hits = 0, total = 1] = rates.get(normaliseText(cell)) ?? [];
      return hits / total;
    });
    // Columns unique per row (ids) rank perfectly in-sample without predicting anything: skip them.
    if (!numeric && rates.size > rows.length * 0.5) continue;
    const auc = rocAuc(scores, outcomes);
    const strength = Math.max(auc, 1 - auc);
    const name = String(header[index]);
    if (strength >= 0.9)
      warnings.push(
        `${name} predicts the outcome almost perfectly on its own (AUC ${strength.toFixed(2)}): is it filled in after sales contact?`,
      );
    const fillConverted = converted === 0 ? 0 : filledConverted / converted;
    const fillOther = rows.length - converted === 0 ? 0 : filledOther / (rows.length - converted);
    if (fillConverted - fillOther > 0.5) {
      warnings.push(
        `${name} is filled for ${(fillConverted * 100).toFixed(0)}% of converted leads but ${(fillOther * 100).toFixed(0)}% of the others: it looks filled mostly after conversion.`,
      );
    }
  }
  return warnings;
}

function scoresOf(
  model: ScoringModel,
  header: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  asOf: Date,
): number[] {
  return scoreTable(model, header, rows, asOf).results.map((result) => result.score);
}

interface Fitted {
  features: Feature[];
  logistic: ScoringModel;
  closeRate: ScoringModel;
}

/** Learns both suggested models from the given rows; L2 strength is chosen on a slice of those rows. */
function fitSuggestions(
  header: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  outcomes: readonly (0 | 1)[],
  columns: readonly number[],
  maxPoints: number,
): Fitted {
  const features = buildFeatures(header, rows, columns);
  const active = activeFeatures(features, header, rows);
  const tune = active.map((_, index) => isHoldout(index + 7919, 0.2));
  const fitRows = active.filter((_, index) => !tune[index]);
  const fitOutcomes = outcomes.filter((_, index) => !tune[index]);
  let bestL2 = 1e-3;
  let bestAuc = -1;
  for (const l2 of [3e-4, 1e-3, 3e-3, 1e-2]) {
    const { weights } = fitLogistic(fitRows, fitOutcomes, features.length, { l2, iterations: 250 });
    const auc = rocAuc(
      linearScores(
        active.filter((_, index) => tune[index]),
        weights,
      ),
      outcomes.filter((_, index) => tune[index]),
    );
    if (auc > bestAuc) {
      bestAuc = auc;
      bestL2 = l2;
    }
  }
  const { weights } = fitLogistic(active, outcomes, features.length, { l2: bestL2 });
  const points = integerPoints(weights, maxPoints);
  const pointScores = linearScores(active, Float64Array.from(points));
  const logistic = pointsModel('Suggested points (logistic regression)', features, points, pointScores);

  // The seeds' close-rate method: points = conversion with the feature minus the baseline, in percentage points.
  const baseline = outcomes.reduce<number>((sum, y) => sum + y, 0) / Math.max(1, outcomes.length);
  const hits = new Float64Array(features.length);
  const counts = new Float64Array(features.length);
  active.forEach((row, index) => {
    for (const feature of row) {
      counts[feature] = (counts[feature] as number) + 1;
      hits[feature] = (hits[feature] as number) + (outcomes[index] ?? 0);
    }
  });
  const closePoints = Array.from(features, (_, j) =>
    (counts[j] as number) >= 30
      ? Math.round(((hits[j] as number) / (counts[j] as number) - baseline) * 100)
      : 0,
  );
  const closeRate = pointsModel(
    'Suggested points (close-rate method)',
    features,
    closePoints,
    linearScores(active, Float64Array.from(closePoints)),
  );
  return { features, logistic, closeRate };
}

/** Minimum-data warnings, from the seeds (200-300 conversions) and Einstein (120 conversions among 1,000 leads). */
function dataWarnings(leads: number, conversions: number): string[] {
  const warnings: string[] = [];
  if (conversions < 120 || leads < 1000) {
    warnings.push(
      `Only ${leads} leads with ${conversions} conversions: predictive scoring tools ask for at least 120 conversions among 1,000 leads, so treat these figures as rough.`,
    );
  } else if (conversions < 200) {
    warnings.push(
      `${conversions} conversions: the usual advice is 200-300 before trusting suggested points.`,
    );
  }
  return warnings;
}

export function calibrate(
  model: ScoringModel,
  header: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  options: CalibrationOptions,
): CalibrationReport {
  const data = labelled(header, rows, options);
  const { outcomes } = data;
  const conversions = outcomes.reduce<number>((sum, y) => sum + y, 0);
  const results = scoreTable(model, header, data.rows, options.asOf).results;
  const scores = results.map((result) => result.score);
  const baseline = outcomes.length === 0 ? 0 : conversions / outcomes.length;
  const ruleLift: RuleLift[] = model.groups.flatMap((group) =>
    group.rules.map((rule) => {
      let support = 0;
      let converted = 0;
      results.forEach((result, index) => {
        if (!result.contributions.some((contribution) => contribution.ruleId === rule.id)) return;
        support++;
        converted += outcomes[index] ?? 0;
      });
      const rateWith = support === 0 ? 0 : converted / support;
      const rest = outcomes.length - support;
      const rateWithout = rest === 0 ? 0 : (conversions - converted) / rest;
      return {
        ruleId: rule.id,
        label: rule.label,
        support,
        rateWith,
        rateWithout,
        lift: baseline === 0 ? 0 : rateWith / baseline,
      };
    }),
  );
  const columns = candidateColumns(header, data.outcomeIndex, options.excludeColumns);
  const share = options.holdoutShare ?? 0.3;
  const holdout = data.rows.map((_, index) => isHoldout(index, share));
  const train = data.rows.filter((_, index) => !holdout[index]);
  const trainOutcomes = outcomes.filter((_, index) => !holdout[index]);
  const test = data.rows.filter((_, index) => holdout[index]);
  const testOutcomes = outcomes.filter((_, index) => holdout[index]);
  const fitted = fitSuggestions(header, train, trainOutcomes, columns, options.maxPoints ?? 50);
  return {
    leads: outcomes.length,
    conversions,
    skipped: data.skipped,
    baseline,
    auc: rocAuc(scores, outcomes),
    byBand: conversionBy(
      [
        ...model.bands.map((band) => band.name),
        model.disqualifiedBand.name,
        ...(model.missingData ? [model.missingData.band.name] : []),
      ],
      results.map((result) => result.band),
      outcomes,
    ).filter((row) => row.leads > 0),
    byDecile: conversionByDecile(scores, outcomes),
    ruleLift,
    leaks: leakWarnings(header, data.rows, outcomes, columns),
    warnings: dataWarnings(outcomes.length, conversions),
    holdout: {
      leads: test.length,
      currentAuc: rocAuc(scoresOf(model, header, test, options.asOf), testOutcomes),
      suggestedAuc: rocAuc(scoresOf(fitted.logistic, header, test, options.asOf), testOutcomes),
      closeRateAuc: rocAuc(scoresOf(fitted.closeRate, header, test, options.asOf), testOutcomes),
    },
    suggestions: { logistic: fitted.logistic, closeRate: fitted.closeRate },
  };
}

/** The suggested points model fitted on every labelled row given (for `leadscore calibrate --suggest-out`). */
export function suggestModel(
  header: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  options: CalibrationOptions,
): ScoringModel {
  const data = labelled(header, rows, options);
  const columns = candidateColumns(header, data.outcomeIndex, options.excludeColumns);
  return fitSuggestions(header, data.rows, data.outcomes, columns, options.maxPoints ?? 50).logistic;
}
