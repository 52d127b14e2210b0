// Evaluation: the X Education template on all 9,240 real leads: conversion rate per band must rise with the band.
// Run: npx tsx eval/template-bands.ts (skips with a message where ../shared/data is absent).
import { rocAuc } from '../src/engine/calibration/metrics';
import { scoreTable } from '../src/engine/scorer';
import { findTemplate } from '../src/engine/templates';
import { hasSharedData, readSharedCsv, sharedDataDir } from '../test/engine/support/shared-data';

export interface BandConversion {
  band: string;
  leads: number;
  converted: number;
  rate: number;
}

export interface BandEvaluation {
  bands: BandConversion[];
  /** Rank AUC of the score against the Converted column. */
  auc: number;
  /** True when each band converts at a higher rate than the band below it. */
  monotone: boolean;
}

export function evaluateXEducationBands(): BandEvaluation | null {
  if (!hasSharedData) return null;
  const template = findTemplate('x-education');
  if (!template) throw new Error('templates/online-courses.json is missing');
  const { header, rows } = readSharedCsv('x-education-leads.csv');
  const outcome = header.indexOf('Converted');
  // The template has no date rules, so the as-of date does not change any score.
  const { results } = scoreTable(template.model, header, rows, new Date('2026-11-20T00:00:00Z'));
  const bands = template.model.bands.map((band) => ({ band: band.name, leads: 0, converted: 0, rate: 0 }));
  const scores: number[] = [];
  const outcomes: (0 | 1)[] = [];
  results.forEach((result, index) => {
    const converted = rows[index]?.[outcome] === '1' ? 1 : 0;
    scores.push(result.score);
    outcomes.push(converted);
    const entry = bands.find((band) => band.band === result.band);
    if (!entry) return;
    entry.leads++;
    entry.converted += converted;
  });
  for (const entry of bands) entry.rate = entry.leads === 0 ? 0 : entry.converted / entry.leads;
  const filled = bands.filter((band) => band.leads > 0);
  const monotone = filled.every((band, index) => index === 0 || band.rate > (filled[index - 1]?.rate ?? 0));
  return { bands, auc: rocAuc(scores, outcomes), monotone };
}

if (require.main === module) {
  const evaluation = evaluateXEducationBands();
  if (!evaluation) {
    console.log(`skipped: ${sharedDataDir} not found (a fresh clone has no shared data)`);
  } else {
    console.log('X Education leads scored with templates/online-courses.json\n');
    console.log('band         leads  converted   rate');
    for (const band of evaluation.bands) {
      console.log(
        `${band.band.padEnd(12)} ${String(band.leads).padStart(5)}  ${String(band.converted).padStart(9)}  ${(band.rate * 100).toFixed(1).padStart(5)}%`,
      );
    }
    console.log(
      `\nscore AUC: ${evaluation.auc.toFixed(3)}; conversion rises with every band: ${evaluation.monotone ? 'yes' : 'NO'}`,
    );
    if (!evaluation.monotone) process.exitCode = 1;
  }
}
