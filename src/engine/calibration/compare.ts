// Comparing two models on the same leads and outcomes: the AUC of each, a paired confidence interval of the
// difference (DeLong), conversion by band under each, and how many leads would change band.
import type { ScoringModel } from '../model';
import { bindScorer, compileModel } from '../scorer';
import { GrowingArray } from './growing-array';
import { type Conversion, conversionBy, type PairedAuc, pairedAuc } from './metrics';
import { requireColumn } from './named-columns';
import { OutcomeCollector } from './outcome';

export interface CompareOptions {
  outcomeColumn: string;
  asOf: Date;
  positiveValues?: string[];
}

export interface BandMove {
  from: string;
  to: string;
  leads: number;
}

export interface ModelComparison {
  outcomeColumn: string;
  names: [string, string];
  leads: number;
  conversions: number;
  skipped: number;
  baseline: number;
  /** A is the first model, B the second; the difference is B minus A. */
  auc: PairedAuc;
  byBand: [Conversion[], Conversion[]];
  /** Leads whose band name differs between the two models. */
  changedBand: number;
  /** Every (band under A, band under B) pair with leads, most leads first. */
  moves: BandMove[];
}

/** Every band a model can put a lead in, in the model's order: its bands, disqualified, needs review. */
export function bandNames(model: ScoringModel): string[] {
  return [
    ...model.bands.map((band) => band.name),
    model.disqualifiedBand.name,
    ...(model.missingData ? [model.missingData.band.name] : []),
  ];
}

/** Collects rows for a comparison: `add` each row (header excluded), then `finish`. */
export class ComparisonCollector {
  private readonly outcome: OutcomeCollector;
  private readonly scorers: [ReturnType<typeof bindScorer>, ReturnType<typeof bindScorer>];
  private readonly scores = [
    new GrowingArray(new Float64Array(1024)),
    new GrowingArray(new Float64Array(1024)),
  ];
  private readonly bands = [new GrowingArray(new Int32Array(1024)), new GrowingArray(new Int32Array(1024))];
  private readonly names: [string[], string[]];

  constructor(
    private readonly models: [ScoringModel, ScoringModel],
    header: readonly unknown[],
    options: CompareOptions,
  ) {
    const index = requireColumn(header, options.outcomeColumn, 'outcome');
    this.outcome = new OutcomeCollector(header, index, options.positiveValues);
    this.scorers = [
      bindScorer(compileModel(models[0]), header, options.asOf),
      bindScorer(compileModel(models[1]), header, options.asOf),
    ];
    this.names = [bandNames(models[0]), bandNames(models[1])];
  }

  add(row: readonly unknown[]): void {
    if (!this.outcome.accept(row)) return;
    for (const side of [0, 1] as const) {
      const result = this.scorers[side].scoreRow(row);
      this.scores[side]?.push(result.score);
      this.bands[side]?.push(this.names[side].indexOf(result.band));
    }
  }

  finish(): ModelComparison {
    const read = this.outcome.finish('a comparison');
    const kept = Array.from(read.labelled);
    const outcomes = Array.from(read.labelled, (row) => read.outcomes[row] as number);
    const scores = ([0, 1] as const).map((side) =>
      Float64Array.from(kept, (row) => (this.scores[side] as GrowingArray<Float64Array>).get(row)),
    ) as [Float64Array, Float64Array];
    const bands = ([0, 1] as const).map((side) =>
      kept.map((row) => this.names[side][(this.bands[side] as GrowingArray<Int32Array>).get(row)] ?? ''),
    ) as [string[], string[]];
    const moves = new Map<string, BandMove>();
    let changedBand = 0;
    bands[0].forEach((from, index) => {
      const to = bands[1][index] ?? '';
      if (from !== to) changedBand++;
      const key = `${from}\u0000${to}`;
      const move = moves.get(key) ?? { from, to, leads: 0 };
      move.leads++;
      moves.set(key, move);
    });
    return {
      outcomeColumn: read.column,
      names: [this.models[0].name, this.models[1].name],
      leads: kept.length,
      conversions: read.conversions,
      skipped: read.skipped,
      baseline: read.conversions / kept.length,
      auc: pairedAuc(scores[0], scores[1], outcomes),
      byBand: [
        conversionBy(this.names[0], bands[0], outcomes).filter((row) => row.leads > 0),
        conversionBy(this.names[1], bands[1], outcomes).filter((row) => row.leads > 0),
      ],
      changedBand,
      moves: [...moves.values()].sort((a, b) => b.leads - a.leads),
    };
  }
}

/** Compares two models on a whole table at once. */
export function compareModels(
  models: [ScoringModel, ScoringModel],
  header: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  options: CompareOptions,
): ModelComparison {
  const collector = new ComparisonCollector(models, header, options);
  for (const row of rows) collector.add(row);
  return collector.finish();
}
