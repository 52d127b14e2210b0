// leadscore compare: two models on the same leads and outcomes, the AUC of each with a paired confidence
// interval of the difference, conversion by band under each, and how many leads would change band.
import { basename } from 'node:path';
import { ComparisonCollector, type ModelComparison } from '../engine/calibration/compare';
import { EXPLAIN } from '../engine/calibration/explanations';
import { CalibrationError } from '../engine/calibration/named-columns';
import { count, PROGRESS_ROWS, percent, table } from './calibrate-command';
import { InputError } from './csv-io';
import { streamCsv } from './csv-stream';
import { loadModel } from './load-model';
import { type Io, parseAsOf } from './score-command';

export interface CompareArgs {
  models: [string, string];
  input: string;
  outcome: string;
  asOf?: string;
  positive?: string[];
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(3)}`;
}

/** What the interval says, in words. */
function verdict(comparison: ModelComparison): string {
  const { auc, names } = comparison;
  if (auc.low > 0) return `B ('${names[1]}') ranks these leads better.`;
  if (auc.high < 0) return `A ('${names[0]}') ranks these leads better.`;
  return 'The interval includes 0: on these leads neither model ranks clearly better.';
}

function describeComparison(comparison: ModelComparison, args: CompareArgs): string[] {
  const { auc, names } = comparison;
  const p = auc.p < 0.001 ? 'p < 0.001' : `p = ${auc.p.toFixed(3)}`;
  const lines = [
    `LeadScore comparison on ${basename(args.input)}, outcome '${comparison.outcomeColumn}'`,
    `  A: '${names[0]}' (${args.models[0]})`,
    `  B: '${names[1]}' (${args.models[1]})`,
    '',
    `${count(comparison.leads)} leads with an outcome (${count(comparison.skipped)} without, left out), ${count(comparison.conversions)} converted: baseline ${percent(comparison.baseline)}.`,
    `  ${EXPLAIN.baseline}`,
    '',
    `AUC: A ${auc.aucA.toFixed(3)}, B ${auc.aucB.toFixed(3)}.`,
    `  ${EXPLAIN.auc}`,
    `Difference B - A: ${signed(auc.difference)}, 95% CI ${signed(auc.low)} to ${signed(auc.high)} (${p}). ${verdict(comparison)}`,
    `  ${EXPLAIN.compareAuc}`,
    '',
  ];
  (['A', 'B'] as const).forEach((side, index) => {
    lines.push(
      `Conversion by band under ${side}:`,
      ...table([
        ['band', 'leads', 'converted', 'rate'],
        ...(comparison.byBand[index] ?? []).map((band) => [
          band.label,
          count(band.leads),
          count(band.converted),
          percent(band.rate),
        ]),
      ]),
    );
  });
  lines.push(
    '',
    `Band changes: ${count(comparison.changedBand)} of ${count(comparison.leads)} leads (${percent(comparison.changedBand / comparison.leads)}) would be in a different band under B.`,
    `  ${EXPLAIN.bandChanges}`,
    ...table(
      [
        ['band under A', 'band under B', 'leads'],
        ...comparison.moves
          .filter((move) => move.from !== move.to)
          .map((move) => [move.from, move.to, count(move.leads)]),
      ],
      'llr',
    ),
    '',
    auc.low > 0
      ? `Next step: B ranks better; score with it (leadscore score --model ${args.models[1]} --input ${args.input} --output scored.csv) or import it in the sidebar and press Apply.`
      : 'Next step: keep the model your team already knows, or calibrate again with more leads (leadscore calibrate) before switching.',
  );
  return lines;
}

export async function runCompare(args: CompareArgs, io: Io): Promise<number> {
  const models = [loadModel(args.models[0]), loadModel(args.models[1])] as const;
  const asOf = parseAsOf(args.asOf);
  let collector: ComparisonCollector | null = null;
  let comparison: ModelComparison;
  try {
    await streamCsv(
      args.input,
      (header) => {
        collector = new ComparisonCollector([models[0], models[1]], header, {
          outcomeColumn: args.outcome,
          asOf,
          positiveValues: args.positive,
        });
      },
      (row, position) => {
        collector?.add(row);
        if (position % PROGRESS_ROWS === 0) io.stderr(`Read ${count(position)} rows\n`);
      },
    );
    comparison = (collector as ComparisonCollector | null)?.finish() as ModelComparison;
  } catch (error) {
    if (error instanceof CalibrationError) throw new InputError(error.message);
    throw error;
  }
  io.stdout(`${describeComparison(comparison, args).join('\n')}\n`);
  return 0;
}
