// Evaluation: suggested points models learned from real outcomes, measured on a fixed 30% holdout.
// Run: npx tsx eval/calibration-eval.ts (skips with a message where ../shared/data is absent).
import { calibrate } from '../src/engine/calibration/report';
import { findTemplate } from '../src/engine/templates';
import { hasSharedData, readSharedCsv, sharedDataDir } from '../test/engine/support/shared-data';

/** Columns known only after sales contact (they leak the outcome), and row ids. */
export const X_EDUCATION_EXCLUDED = [
  'Prospect ID',
  'Lead Number',
  'Tags',
  'Lead Quality',
  'Last Notable Activity',
  'Lead Profile',
  'Asymmetrique Activity Index',
  'Asymmetrique Profile Index',
  'Asymmetrique Activity Score',
  'Asymmetrique Profile Score',
];

export interface EvaluationRow {
  dataset: string;
  leads: number;
  holdoutLeads: number;
  currentAuc: number;
  suggestedAuc: number;
  closeRateAuc: number;
  leaks: string[];
}

export function evaluateCalibration(): EvaluationRow[] | null {
  if (!hasSharedData) return null;
  const asOf = new Date('2026-11-20T00:00:00Z');
  const template = findTemplate('x-education');
  if (!template) throw new Error('templates/online-courses.json is missing');
  const xEducation = readSharedCsv('x-education-leads.csv');
  const x = calibrate(template.model, xEducation.header, xEducation.rows, {
    outcomeColumn: 'Converted',
    asOf,
    excludeColumns: X_EDUCATION_EXCLUDED,
  });
  // Olist has no template of its own: the current model is an empty one, so its AUC is the 0.5 of no ranking.
  const olist = readSharedCsv('olist-mql-with-outcome.csv');
  const o = calibrate(template.model, olist.header, olist.rows, {
    outcomeColumn: 'converted',
    asOf,
    excludeColumns: ['mql_id'],
  });
  const oClean = calibrate(template.model, olist.header, olist.rows, {
    outcomeColumn: 'converted',
    asOf,
    excludeColumns: ['mql_id', 'won_date'],
  });
  const row = (dataset: string, report: ReturnType<typeof calibrate>): EvaluationRow => ({
    dataset,
    leads: report.leads,
    holdoutLeads: report.holdout.leads,
    currentAuc: report.holdout.currentAuc,
    suggestedAuc: report.holdout.suggestedAuc,
    closeRateAuc: report.holdout.closeRateAuc,
    leaks: report.leaks,
  });
  return [
    row('X Education (pre-contact columns)', x),
    row('Olist, won_date included', o),
    row('Olist (won_date excluded)', oClean),
  ];
}

if (require.main === module) {
  const rows = evaluateCalibration();
  if (!rows) {
    console.log(`skipped: ${sharedDataDir} not found (a fresh clone has no shared data)`);
  } else {
    console.log('holdout AUC (fixed 30% holdout)   leads  holdout  current  suggested points  close-rate');
    for (const r of rows) {
      console.log(
        `${r.dataset.padEnd(34)} ${String(r.leads).padStart(5)}  ${String(r.holdoutLeads).padStart(7)}  ${r.currentAuc.toFixed(3).padStart(7)}  ${r.suggestedAuc.toFixed(3).padStart(16)}  ${r.closeRateAuc.toFixed(3).padStart(10)}`,
      );
      for (const leak of r.leaks) console.log(`  leak warning: ${leak}`);
    }
  }
}
