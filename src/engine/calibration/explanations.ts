// What each calibration figure means, in one line, for the command line report and the calibration sheet.
import type { CrossValidation } from './cross-validation';

export const EXPLAIN = {
  baseline: 'Baseline: the share of these leads that converted, the rate any useful score has to beat.',
  auc: 'AUC: the chance that a random converted lead scores above a random other lead (0.5 is a coin toss, 1 is perfect).',
  decile:
    'Score deciles: leads sorted by score and cut into ten equal groups; conversion should rise from the first to the last.',
  lift: 'Lift: conversion of the leads a rule matches divided by the baseline (above 1, the rule finds better than average leads).',
  flags:
    'Left out: columns that name leads (identifiers), hold dates, or look filled in after the outcome was known; learning from them flatters the figures and fails on new leads.',
  brier:
    'Brier score: the mean squared gap between the predicted chance of converting and what happened (0 is perfect; lower is better).',
  bandCheck:
    'Predicted: the conversion the score-to-probability map (fitted on the training folds) expected for the test leads in each band; observed: how many of them converted.',
  points:
    'Points: each column contributes the points of the one rule its value matches; its lowest group earns 0, so points never go down as a lead does more, and the best possible lead scores at most 100.',
  references:
    'References on the same folds: plain logistic regression (the usual first model) and an unconstrained binned logistic regression (the best an additive points table could do with these columns).',
  closeRate:
    "The seeds' close-rate method gives each value its conversion rate minus the baseline, in points.",
  compareAuc:
    "Difference: B's AUC minus A's on the same leads, with a 95% confidence interval from DeLong's paired test; an interval that excludes 0 means one model really ranks better.",
  bandChanges: 'Band changes: leads whose band under B differs from their band under A.',
} as const;

/** How the figures were measured, in one line. */
export function describeValidation(validation: CrossValidation): string {
  const runs = validation.folds * validation.repeats;
  const repeated =
    validation.repeats === 1 ? 'once' : `repeated ${validation.repeats} times with different shuffles`;
  const sample = validation.sampled ? `, on a stratified sample of ${validation.leads} leads` : '';
  const why = validation.reason ? ` (${validation.reason})` : '';
  return (
    `Cross-validated ${validation.folds}-fold, ${repeated}${sample}${why}: each time the suggestion is learned ` +
    `on ${validation.folds - 1} of ${validation.folds} parts of the leads and measured on the part it never saw; ` +
    `figures are the mean ± standard deviation over the ${runs} runs.`
  );
}
