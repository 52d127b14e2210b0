// Honest figures: every model is learned on training folds and measured on the fold it never saw, for 5
// folds repeated with 5 shuffles (or a smaller plan in the add-on), reported as mean and standard deviation.
import { bandIndexFor } from '../bands';
import type { EncodedColumn } from './encode';
import { stratifiedFolds, stratifiedSample } from './folds';
import { probabilityOf } from './isotonic';
import { learnPoints } from './learn';
import { brierScore, rocAuc, type Summary, summarise } from './metrics';
import { fitBinnedLogit, fitLinearLogit } from './reference-models';
import { BAND_PLAN } from './suggestion-model';

export interface ValidationPlan {
  folds: number;
  repeats: number;
  /** Above this many labelled leads, validation runs on a stratified sample of this size. */
  maxLeads: number;
  /** Also fit the two reference models (plain and binned logistic regression) on every fold. */
  references: boolean;
  /** Why the plan is smaller than 5 x 5 on all leads, when it is (shown in reports). */
  reason?: string;
}

/** The command line: 5 folds x 5 repeats on every lead; references up to 50,000 leads. */
export function commandLinePlan(leads: number, references?: boolean): ValidationPlan {
  return {
    folds: 5,
    repeats: 5,
    maxLeads: Number.POSITIVE_INFINITY,
    references: references ?? leads <= 50_000,
  };
}

/** Leads the add-on cross-validates on at most (a stratified sample above it). */
export const ADD_ON_MAX_LEADS = 10_000;

/**
 * In the add-on, where Apps Script stops a run after 6 minutes: 5 folds once (not repeated), on at most
 * 10,000 leads, without the reference models. The suggestion itself still learns from every lead.
 */
export function addOnPlan(leads: number): ValidationPlan {
  return {
    folds: 5,
    repeats: 1,
    maxLeads: ADD_ON_MAX_LEADS,
    references: false,
    reason:
      leads > ADD_ON_MAX_LEADS
        ? "once and on a sample, to fit Apps Script's 6-minute limit; the suggestion itself learns from every lead"
        : "once rather than 5 times, to fit Apps Script's 6-minute limit",
  };
}

/** Predicted and observed conversion of the test leads that fell in one band, pooled over every fold. */
export interface BandCheck {
  name: string;
  /** Test leads in this band per repeat (each lead is tested once per repeat). */
  leads: number;
  predicted: number;
  observed: number;
}

export interface CrossValidation {
  folds: number;
  repeats: number;
  /** Labelled leads the folds were drawn from (fewer than all when sampled). */
  leads: number;
  sampled: boolean;
  reason?: string;
  suggested: Summary;
  current: Summary;
  closeRate: Summary;
  linear?: Summary;
  binned?: Summary;
  /** Paired per fold: suggested minus current, suggested minus plain, binned minus suggested. */
  gainOverCurrent: Summary;
  gainOverLinear?: Summary;
  lossToBinned?: Summary;
  brier: Summary;
  /** Brier score of predicting the training folds' conversion rate for everyone (the bar to beat). */
  baselineBrier: Summary;
  rules: Summary;
  bands: BandCheck[];
}

/** The seeds' close-rate method: each level earns its conversion rate minus the baseline, in points. */
function closeRateScorer(
  levelOfRow: readonly Int32Array[],
  levelRates: readonly (readonly { leads: number; converted: number }[])[],
  baseline: number,
): (row: number) => number {
  const points = levelRates.map((levels) =>
    levels.map((level) => (level.leads >= 30 ? (level.converted / level.leads - baseline) * 100 : 0)),
  );
  return (row) => {
    let total = 0;
    for (let c = 0; c < levelOfRow.length; c++)
      total += (points[c] as number[])[(levelOfRow[c] as Int32Array)[row] as number] as number;
    return total;
  };
}

export function crossValidate(
  columns: readonly EncodedColumn[],
  numeric: readonly boolean[],
  labelled: Int32Array,
  outcomes: Uint8Array,
  currentScores: Float64Array,
  plan: ValidationPlan,
  maxRules: number,
  progress?: (message: string) => void,
): CrossValidation {
  const rows = stratifiedSample(labelled, outcomes, plan.maxLeads);
  const folds = stratifiedFolds(rows, outcomes, plan.folds, plan.repeats);
  const results = {
    suggested: [] as number[],
    current: [] as number[],
    closeRate: [] as number[],
    linear: [] as number[],
    binned: [] as number[],
    brier: [] as number[],
    baselineBrier: [] as number[],
    rules: [] as number[],
  };
  const bands = new Map<string, { leads: number; predicted: number; observed: number }>();
  for (const [run, fold] of folds.entries()) {
    progress?.(`Cross-validating: run ${run + 1} of ${folds.length}`);
    const learned = learnPoints(columns, numeric, fold.train, outcomes, { maxRules });
    const testOutcomes = Uint8Array.from(fold.test, (row) => outcomes[row] as number);
    const scores = Float64Array.from(fold.test, (row) => learned.score(row));
    const probabilities = scores.map((score) => probabilityOf(learned.map, score));
    results.suggested.push(rocAuc(scores, testOutcomes));
    results.current.push(
      rocAuc(
        Float64Array.from(fold.test, (row) => currentScores[row] as number),
        testOutcomes,
      ),
    );
    results.closeRate.push(
      rocAuc(
        Float64Array.from(
          fold.test,
          closeRateScorer(
            learned.levelOfRow,
            learned.levels.map((c) => c.levels),
            learned.baseline,
          ),
        ),
        testOutcomes,
      ),
    );
    results.brier.push(brierScore(probabilities, testOutcomes));
    results.baselineBrier.push(
      brierScore(new Float64Array(fold.test.length).fill(learned.baseline), testOutcomes),
    );
    results.rules.push(
      learned.columns.reduce((sum, column) => sum + column.points.filter((points) => points > 0).length, 0),
    );
    fold.test.forEach((_, k) => {
      const band = learned.bands[bandIndexFor(learned.bands, scores[k] as number)];
      if (!band) return;
      const entry = bands.get(band.name) ?? { leads: 0, predicted: 0, observed: 0 };
      entry.leads++;
      entry.predicted += probabilities[k] as number;
      entry.observed += testOutcomes[k] as number;
      bands.set(band.name, entry);
    });
    if (plan.references) {
      const linear = fitLinearLogit(learned.levels, learned.levelOfRow, fold.train, outcomes, 1);
      results.linear.push(rocAuc(Float64Array.from(fold.test, linear), testOutcomes));
      const binned = fitBinnedLogit(learned.levels, learned.levelOfRow, fold.train, outcomes, 1);
      results.binned.push(rocAuc(Float64Array.from(fold.test, binned), testOutcomes));
    }
  }
  const paired = (a: number[], b: number[]) =>
    summarise(a.map((value, index) => value - (b[index] as number)));
  return {
    folds: plan.folds,
    repeats: plan.repeats,
    leads: rows.length,
    sampled: rows.length < labelled.length,
    ...(plan.reason ? { reason: plan.reason } : {}),
    suggested: summarise(results.suggested),
    current: summarise(results.current),
    closeRate: summarise(results.closeRate),
    gainOverCurrent: paired(results.suggested, results.current),
    ...(plan.references
      ? {
          linear: summarise(results.linear),
          binned: summarise(results.binned),
          gainOverLinear: paired(results.suggested, results.linear),
          lossToBinned: paired(results.binned, results.suggested),
        }
      : {}),
    brier: summarise(results.brier),
    baselineBrier: summarise(results.baselineBrier),
    rules: summarise(results.rules),
    bands: BAND_PLAN.flatMap(({ name }) => {
      const entry = bands.get(name);
      return entry
        ? [
            {
              name,
              leads: entry.leads / plan.repeats,
              predicted: entry.predicted / entry.leads,
              observed: entry.observed / entry.leads,
            },
          ]
        : [];
    }),
  };
}
