// leadscore calibrate: how well the model ranks real outcomes, and a suggested points model to try.
import { calibrate, suggestModel } from '../engine/calibration/report';
import { readCsv, writeTextAtomically } from './csv-io';
import { loadModel } from './load-model';
import { type Io, parseAsOf } from './score-command';

export interface CalibrateArgs {
  model: string;
  input: string;
  outcome: string;
  suggestOut?: string;
  asOf?: string;
  exclude?: string[];
  positive?: string[];
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

export function runCalibrate(args: CalibrateArgs, io: Io): number {
  const model = loadModel(args.model);
  const { header, rows } = readCsv(args.input);
  const options = {
    outcomeColumn: args.outcome,
    asOf: parseAsOf(args.asOf),
    excludeColumns: args.exclude,
    positiveValues: args.positive,
  };
  const report = calibrate(model, header, rows, options);
  const lines = [
    `${report.leads} leads with an outcome (${report.skipped} without), ${report.conversions} converted: baseline ${percent(report.baseline)}`,
    `'${model.name}' ranks them with AUC ${report.auc.toFixed(3)}`,
    '',
    'band                 leads  converted   rate',
    ...report.byBand.map(
      (band) =>
        `${band.label.padEnd(20)} ${String(band.leads).padStart(5)}  ${String(band.converted).padStart(9)}  ${percent(band.rate).padStart(6)}`,
    ),
    '',
    `score decile conversion (low to high): ${report.byDecile.map((decile) => percent(decile.rate)).join(' ')}`,
    '',
    'rule                            support  with    without  lift',
    ...report.ruleLift.map(
      (rule) =>
        `${rule.label.slice(0, 30).padEnd(31)} ${String(rule.support).padStart(7)}  ${percent(rule.rateWith).padStart(6)}  ${percent(rule.rateWithout).padStart(7)}  ${rule.lift.toFixed(2)}`,
    ),
    '',
    `holdout (${report.holdout.leads} leads): current AUC ${report.holdout.currentAuc.toFixed(3)}, suggested points ${report.holdout.suggestedAuc.toFixed(3)}, close-rate method ${report.holdout.closeRateAuc.toFixed(3)}`,
    ...report.leaks.map((leak) => `leak warning: ${leak}`),
    ...report.warnings.map((warning) => `warning: ${warning}`),
  ];
  io.stdout(`${lines.join('\n')}\n`);
  if (args.suggestOut) {
    // Fitted on every row given, so a model trained on one file can score another.
    const suggested = suggestModel(header, rows, options);
    writeTextAtomically(args.suggestOut, `${JSON.stringify(suggested, null, 2)}\n`);
    const count = suggested.groups.reduce((sum, group) => sum + group.rules.length, 0);
    io.stderr(
      `wrote the suggested model (${count} rules, fitted on all ${report.leads} leads) to ${args.suggestOut}\n`,
    );
  }
  return 0;
}
