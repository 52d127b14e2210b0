// Evaluation: suggested points learned from real outcomes, cross-validated (5 folds x 5 repeats) against the
// current model, plain logistic regression and an unconstrained binned model on the same folds.
// Run: npx tsx eval/calibration-eval.ts (skips with a message where ../shared/data is absent).
import { commandLinePlan } from '../src/engine/calibration/cross-validation';
import type { Summary } from '../src/engine/calibration/metrics';
import { type CalibrationReport, calibrate } from '../src/engine/calibration/report';
import { findTemplate } from '../src/engine/templates';
import { hasSharedData, readSharedCsv, sharedDataDir } from '../test/engine/support/shared-data';

/** Columns known only after sales contact (they leak the outcome), and row ids: the issue's pre-contact set. */
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

export interface Evaluation {
  /** X Education with no --exclude: what the leak check leaves out (5 folds once). */
  xEducation: CalibrationReport;
  /** X Education on the issue's pre-contact columns, named explicitly. */
  xEducationPreContact: CalibrationReport;
  /** Olist with the leak check's defaults (won_date and first_contact_date left out). */
  olist: CalibrationReport;
  /** Olist keeping won_date, to show what the leak would have done (5 folds once). */
  olistKeepingWonDate: CalibrationReport;
}

const AS_OF = new Date('2026-11-20T00:00:00Z');
/** The figures: cross-validated 5 x 5 with the reference models. */
const PLAN = (leads: number) => commandLinePlan(leads, true);
/** Runs that only show what the leak check leaves out (their figures repeat the full runs'): 5 folds once. */
const QUICK = () => ({ folds: 5, repeats: 1, maxLeads: Number.POSITIVE_INFINITY, references: false });

export function evaluateCalibration(): Evaluation | null {
  if (!hasSharedData) return null;
  const template = findTemplate('x-education');
  if (!template) throw new Error('the x-education template is missing');
  const x = readSharedCsv('x-education-leads.csv');
  const olist = readSharedCsv('olist-mql-with-outcome.csv');
  const options = { outcomeColumn: 'Converted', asOf: AS_OF, plan: PLAN };
  const olistOptions = { outcomeColumn: 'converted', asOf: AS_OF, plan: PLAN };
  return {
    xEducation: calibrate(template.model, x.header, x.rows, { ...options, plan: QUICK }),
    xEducationPreContact: calibrate(template.model, x.header, x.rows, {
      ...options,
      excludeColumns: X_EDUCATION_EXCLUDED,
    }),
    // Olist has no template of its own: scored by the X Education model, no rule applies (AUC 0.5).
    olist: calibrate(template.model, olist.header, olist.rows, olistOptions),
    olistKeepingWonDate: calibrate(template.model, olist.header, olist.rows, {
      ...olistOptions,
      plan: QUICK,
      keepColumns: ['won_date'],
    }),
  };
}

function figure(summary: Summary | undefined): string {
  return summary ? `${summary.mean.toFixed(4)} ± ${summary.sd.toFixed(4)}` : 'n/a';
}

function describe(name: string, report: CalibrationReport): string[] {
  const v = report.validation;
  return [
    `${name}: ${report.leads} leads, ${report.conversions} converted; ${report.suggestion.rules.length} rules; learned from ${report.learnedFrom.length} columns`,
    `  left out: ${
      report.flags
        .filter((flag) => !flag.kept)
        .map((flag) => `${flag.column} (${flag.kind})`)
        .join(', ') || 'none'
    }`,
    `  AUC (5x5 CV): suggested ${figure(v.suggested)}  current ${figure(v.current)}  plain LR ${figure(v.linear)}  binned ${figure(v.binned)}  close-rate ${figure(v.closeRate)}`,
    `  paired: suggested - plain ${figure(v.gainOverLinear)}  binned - suggested ${figure(v.lossToBinned)}  suggested - current ${figure(v.gainOverCurrent)}`,
    `  Brier ${figure(v.brier)} (baseline ${v.baselineBrier.mean.toFixed(4)}); rules per fold ${figure(v.rules)}`,
    `  bands: ${v.bands.map((band) => `${band.name} (${Math.round(band.leads)}) ${(band.predicted * 100).toFixed(1)}% predicted / ${(band.observed * 100).toFixed(1)}% observed`).join('; ')}`,
  ];
}

if (require.main === module) {
  const started = Date.now();
  const result = evaluateCalibration();
  if (!result) {
    console.log(`skipped: ${sharedDataDir} not found (a fresh clone has no shared data)`);
  } else {
    for (const [name, report] of Object.entries(result)) console.log(describe(name, report).join('\n'));
    console.log(`(${(process.cpuUsage().user / 1e6).toFixed(1)} s of CPU)`);
    console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
}
