// leadscore calibrate: how well the model ranks real outcomes, which columns leak them, and a suggested points
// model with cross-validated figures, each explained in one line, ending with what to do next.
import { basename } from 'node:path';
import { commandLinePlan } from '../engine/calibration/cross-validation';
import { describeValidation, EXPLAIN } from '../engine/calibration/explanations';
import type { Summary } from '../engine/calibration/metrics';
import { CalibrationError } from '../engine/calibration/named-columns';
import { CalibrationCollector, type CalibrationReport } from '../engine/calibration/report';
import { InputError, writeTextAtomically } from './csv-io';
import { streamCsv } from './csv-stream';
import { loadModel } from './load-model';
import { type Io, parseAsOf } from './score-command';

export interface CalibrateArgs {
  model: string;
  input: string;
  outcome: string;
  suggestOut?: string;
  asOf?: string;
  exclude?: string[];
  keep?: string[];
  keepFlagged?: boolean;
  positive?: string[];
  maxRules?: number;
  references?: boolean;
}

/** Rows between two "Read N rows" progress lines. */
export const PROGRESS_ROWS = 50_000;

export function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

export function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function auc(value: number): string {
  return Number.isFinite(value) ? value.toFixed(3) : 'n/a';
}

function meanSd(summary: Summary, digits = 3): string {
  return `${summary.mean.toFixed(digits)} ± ${summary.sd.toFixed(digits)}`;
}

function signed(summary: Summary): string {
  return `${summary.mean >= 0 ? '+' : ''}${summary.mean.toFixed(3)} ± ${summary.sd.toFixed(3)}`;
}

/** Rows of cells as aligned text columns: text left-aligned, figures right-aligned (`align` per column). */
export function table(rows: readonly (readonly string[])[], align = 'lrrrr'): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, cell.length);
    });
  return rows.map((row) =>
    `  ${row
      .map((cell, index) =>
        align[index] === 'l' ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0),
      )
      .join('  ')}`.trimEnd(),
  );
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function quoteColumn(name: string): string {
  return /[\s,"]/.test(name) ? `"${name}"` : name;
}

/** The report as text: sections with their figures, each explained once, and the next step last. */
function describeCalibration(report: CalibrationReport, args: CalibrateArgs): string[] {
  const { current, validation, suggestion } = report;
  const lines: string[] = [
    `LeadScore calibration of '${current.name}' on ${basename(args.input)}, outcome '${report.outcomeColumn}'`,
    '',
    `${count(report.leads)} leads with an outcome (${count(report.skipped)} without, left out), ${count(report.conversions)} converted: baseline ${percent(report.baseline)}.`,
    `  ${EXPLAIN.baseline}`,
    '',
    `Your current model: AUC ${auc(current.auc)} on all ${count(report.leads)} leads.`,
    `  ${EXPLAIN.auc}`,
    ...table([
      ['band', 'leads', 'converted', 'rate'],
      ...current.byBand.map((band) => [
        band.label,
        count(band.leads),
        count(band.converted),
        percent(band.rate),
      ]),
    ]),
    `  Conversion by score decile, lowest to highest: ${current.byDecile.map((decile) => percent(decile.rate)).join(' ')}`,
    `  ${EXPLAIN.decile}`,
  ];
  if (current.ruleLift.length > 0) {
    lines.push(
      ...table([
        ['rule', 'leads', 'with', 'without', 'lift'],
        ...current.ruleLift.map((rule) => [
          rule.label,
          count(rule.support),
          percent(rule.rateWith),
          percent(rule.rateWithout),
          rule.lift.toFixed(2),
        ]),
      ]),
      `  ${EXPLAIN.lift}`,
    );
  }
  lines.push('');
  const leftOut = report.flags.filter((flag) => !flag.kept);
  const kept = report.flags.filter((flag) => flag.kept);
  if (leftOut.length > 0) {
    lines.push('Columns left out of the suggestion (leak check):');
    for (const flag of leftOut) lines.push(`  ${flag.column} (${flag.kind}): ${flag.reasons.join('; ')}.`);
    lines.push(
      `  ${EXPLAIN.flags}`,
      `  To learn from one anyway: --keep ${quoteColumn((leftOut.find((flag) => flag.kind === 'leak') ?? leftOut[0])?.column ?? '')} (or --keep-flagged for all of them).`,
    );
  } else {
    lines.push('Leak check: no column looks like an identifier, a date or a record of the outcome.');
  }
  for (const flag of kept)
    lines.push(
      `  Kept as you asked, though flagged: ${flag.column} (${flag.kind}): ${flag.reasons.join('; ')}.`,
    );
  if (report.excluded.length > 0) lines.push(`  Excluded as you asked: ${report.excluded.join(', ')}.`);
  lines.push(
    '',
    `Suggested points: ${plural(suggestion.rules.length, 'rule')} on ${new Set(suggestion.rules.map((rule) => rule.column)).size} of the ${plural(report.learnedFrom.length, 'column')} it could learn from.`,
    `  Cross-validated AUC ${meanSd(validation.suggested)}; your current model on the same folds ${meanSd(validation.current)} (the suggestion ${signed(validation.gainOverCurrent)}).`,
    `  ${describeValidation(validation)}`,
  );
  if (validation.linear && validation.binned && validation.gainOverLinear && validation.lossToBinned) {
    lines.push(
      `  Plain logistic regression ${meanSd(validation.linear)} (the points ${signed(validation.gainOverLinear)}); unconstrained binned model ${meanSd(validation.binned)} (the points give up ${validation.lossToBinned.mean.toFixed(3)} for readability).`,
      `  ${EXPLAIN.references}`,
    );
  } else {
    lines.push(
      `  Reference models not fitted on ${count(report.leads)} leads (add --references to fit them; it takes longer).`,
    );
  }
  lines.push(
    `  Close-rate method ${meanSd(validation.closeRate)}. ${EXPLAIN.closeRate}`,
    `  Brier score ${meanSd(validation.brier)}; predicting the baseline for everyone scores ${validation.baselineBrier.mean.toFixed(3)}.`,
    `  ${EXPLAIN.brier}`,
    ...table([
      ['band', 'from', 'test leads', 'predicted', 'observed'],
      ...validation.bands.map((band) => [
        band.name,
        String(suggestion.bands.find((placed) => placed.name === band.name)?.min ?? ''),
        count(band.leads),
        percent(band.predicted),
        percent(band.observed),
      ]),
    ]),
    `  ${EXPLAIN.bandCheck}`,
    `  Bands: ${suggestion.bands
      .map((band, index) =>
        index === 0
          ? `${band.name} below ${suggestion.bands[1]?.min ?? 100}`
          : `${band.name} from ${band.min} (leads there converted ${percent(band.threshold)} or more)`,
      )
      .join('; ')}.`,
    '',
    'The suggested rules (fitted on every lead given):',
    ...table(
      [
        ['points', 'rule', 'leads', 'converted'],
        ...suggestion.rules.map((rule) => [
          `+${rule.points}`,
          rule.label,
          count(rule.leads),
          percent(rule.rate),
        ]),
      ],
      'rlrr',
    ),
    `  ${EXPLAIN.points}`,
  );
  if (report.warnings.length > 0) lines.push('', ...report.warnings.map((warning) => `Warning: ${warning}`));
  lines.push('');
  if (args.suggestOut) {
    lines.push(
      `Next step: review ${args.suggestOut}, then score with it (leadscore score --model ${args.suggestOut} --input ${args.input} --output scored.csv), compare it with your model (leadscore compare --model ${args.model} --model ${args.suggestOut} --input ${args.input} --outcome ${quoteColumn(args.outcome)}), or import it in the sidebar and press Apply.`,
    );
  } else {
    lines.push(
      'Next step: run again with --suggest-out suggested.json to save the suggested model, then score with it or import it in the sidebar.',
    );
  }
  return lines;
}

export async function runCalibrate(args: CalibrateArgs, io: Io): Promise<number> {
  const model = loadModel(args.model);
  const asOf = parseAsOf(args.asOf);
  let collector: CalibrationCollector | null = null;
  let report: CalibrationReport;
  try {
    const rows = await streamCsv(
      args.input,
      (header) => {
        collector = new CalibrationCollector(model, header, {
          outcomeColumn: args.outcome,
          asOf,
          excludeColumns: args.exclude,
          keepColumns: args.keep,
          keepFlagged: args.keepFlagged,
          positiveValues: args.positive,
          maxRules: args.maxRules,
          plan: (leads) => commandLinePlan(leads, args.references ? true : undefined),
          progress: (message) => io.stderr(`${message}\n`),
        });
      },
      (row, position) => {
        collector?.add(row);
        if (position % PROGRESS_ROWS === 0) io.stderr(`Read ${count(position)} rows\n`);
      },
    );
    io.stderr(`Read ${count(rows)} rows from ${basename(args.input)}\n`);
    report = (collector as CalibrationCollector | null)?.finish() as CalibrationReport;
  } catch (error) {
    if (error instanceof CalibrationError) throw new InputError(error.message);
    throw error;
  }
  io.stdout(`${describeCalibration(report, args).join('\n')}\n`);
  if (args.suggestOut) {
    writeTextAtomically(args.suggestOut, `${JSON.stringify(report.suggestion.model, null, 2)}\n`);
    io.stderr(
      `Wrote the suggested model (${plural(report.suggestion.rules.length, 'rule')}) to ${args.suggestOut}\n`,
    );
  }
  return 0;
}
