// Calibration against real outcomes: how the current model ranks converted leads, which columns leak the
// outcome, and a suggested points model with cross-validated figures. Rows are fed one at a time (a streamed
// CSV, a sheet read in chunks) and kept only as column codes, so large tables fit in memory.
import { findColumn, normaliseHeader } from '../columns';
import type { ScoringModel } from '../model';
import { bindScorer, compileModel } from '../scorer';
import { bandNames } from './compare';
import {
  type CrossValidation,
  commandLinePlan,
  crossValidate,
  type ValidationPlan,
} from './cross-validation';
import { TableEncoder } from './encode';
import { GrowingArray } from './growing-array';
import { type ColumnFlag, flagColumns } from './leaks';
import { learnPoints } from './learn';
import { isNumericColumn } from './levels';
import { type Conversion, conversionBy, conversionByDecile, rocAuc } from './metrics';
import { CalibrationError, requireColumn } from './named-columns';
import { OutcomeCollector } from './outcome';
import { type PlacedBand, pointsRules, suggestionModel } from './suggestion-model';

export interface CalibrationOptions {
  outcomeColumn: string;
  asOf: Date;
  /** Outcome values that mean converted (default: 1, yes, won, closed won, converted, customer...). */
  positiveValues?: string[];
  /** Columns the suggestion must not learn from, whatever the leak check says. */
  excludeColumns?: string[];
  /** Flagged columns to learn from anyway. */
  keepColumns?: string[];
  /** Learn from every flagged column (identifiers and timestamps included). */
  keepFlagged?: boolean;
  /** Most rules in the suggestion (default 25). */
  maxRules?: number;
  /** How to cross-validate for a number of labelled leads (default: 5 folds x 5 repeats). */
  plan?: (leads: number) => ValidationPlan;
  /** Told what long work is under way ("Cross-validating: run 3 of 25"). */
  progress?: (message: string) => void;
}

export interface RuleLift {
  ruleId: string;
  label: string;
  support: number;
  rateWith: number;
  rateWithout: number;
  lift: number;
}

export interface CurrentModelCheck {
  name: string;
  /** AUC of the current model's scores on every labelled lead (it learned nothing from them). */
  auc: number;
  byBand: Conversion[];
  byDecile: Conversion[];
  ruleLift: RuleLift[];
}

/** One row of the suggestion's points table, as reports show it. */
export interface SuggestedRule {
  column: string;
  label: string;
  points: number;
  /** Labelled leads it matches and their conversion rate. */
  leads: number;
  rate: number;
}

export interface CalibrationReport {
  outcomeColumn: string;
  leads: number;
  conversions: number;
  /** Rows whose outcome cell was blank or unreadable, left out. */
  skipped: number;
  baseline: number;
  current: CurrentModelCheck;
  /** Flagged columns; `kept` when the user chose to learn from one anyway. */
  flags: (ColumnFlag & { kept: boolean })[];
  /** Columns the user excluded. */
  excluded: string[];
  /** Columns the suggestion could learn from. */
  learnedFrom: string[];
  validation: CrossValidation;
  suggestion: { model: ScoringModel; rules: SuggestedRule[]; bands: PlacedBand[] };
  warnings: string[];
}

/** Minimum-data warnings, from the seeds (200-300 conversions) and Einstein (120 conversions among 1,000 leads). */
function dataWarnings(leads: number, conversions: number): string[] {
  if (conversions < 120 || leads < 1000)
    return [
      `Only ${leads} leads with ${conversions} conversions: predictive scoring tools ask for at least 120 conversions among 1,000 leads, so treat these figures as rough.`,
    ];
  if (conversions < 200)
    return [`${conversions} conversions: the usual advice is 200-300 before trusting suggested points.`];
  return [];
}

/**
 * Collects rows for one calibration: `add` each row (header excluded), then `finish`. Rows with a blank
 * outcome are counted and dropped at once; the rest are kept as column codes with the current model's score.
 */
export class CalibrationCollector {
  private readonly encoder: TableEncoder;
  private readonly outcome: OutcomeCollector;
  private readonly scorer: ReturnType<typeof bindScorer>;
  private readonly scores = new GrowingArray(new Float64Array(1024));
  private readonly bands = new GrowingArray(new Int32Array(1024));
  private readonly bandNames: string[];
  private readonly ruleHits: Map<string, GrowingArray<Int32Array>>;

  constructor(
    private readonly model: ScoringModel,
    private readonly header: readonly unknown[],
    private readonly options: CalibrationOptions,
  ) {
    const outcomeIndex = requireColumn(header, options.outcomeColumn, 'outcome');
    for (const name of options.excludeColumns ?? []) requireColumn(header, name, 'excluded');
    for (const name of options.keepColumns ?? []) requireColumn(header, name, 'kept');
    const columns = header.flatMap((cell, index) =>
      index === outcomeIndex || normaliseHeader(cell) === '' ? [] : [index],
    );
    this.encoder = new TableEncoder(header, columns);
    this.outcome = new OutcomeCollector(header, outcomeIndex, options.positiveValues);
    this.scorer = bindScorer(compileModel(model), header, options.asOf);
    this.bandNames = bandNames(model);
    this.ruleHits = new Map(
      model.groups.flatMap((group) =>
        group.rules.map((rule) => [rule.id, new GrowingArray(new Int32Array(64))]),
      ),
    );
  }

  add(row: readonly unknown[]): void {
    if (!this.outcome.accept(row)) return;
    const position = this.scores.length;
    this.encoder.add(row);
    const result = this.scorer.scoreRow(row);
    this.scores.push(result.score);
    this.bands.push(this.bandNames.indexOf(result.band));
    for (const contribution of result.contributions) this.ruleHits.get(contribution.ruleId)?.push(position);
  }

  finish(): CalibrationReport {
    const table = this.encoder.finish();
    const { outcomes, labelled, conversions, skipped, column: name } = this.outcome.finish('calibration');
    const baseline = conversions / labelled.length;
    const allScores = this.scores.toArray();
    const current = this.checkCurrent(labelled, outcomes, allScores);

    const excluded = new Set((this.options.excludeColumns ?? []).map((column) => this.headerOf(column)));
    const kept = new Set((this.options.keepColumns ?? []).map((column) => this.headerOf(column)));
    const flags = flagColumns(table.columns, labelled, outcomes)
      .filter((flag) => !excluded.has(flag.column))
      .map((flag) => ({ ...flag, kept: this.options.keepFlagged === true || kept.has(flag.column) }));
    const leftOut = new Set([...excluded, ...flags.filter((flag) => !flag.kept).map((flag) => flag.column)]);
    const candidates = table.columns.filter((column) => !leftOut.has(column.name));
    const numeric = candidates.map(isNumericColumn);

    const plan = (this.options.plan ?? commandLinePlan)(labelled.length);
    const perClass = Math.min(conversions, labelled.length - conversions);
    if (perClass < plan.folds * 2)
      throw new CalibrationError(
        `Only ${perClass} leads ${perClass === conversions ? 'converted' : 'did not convert'}: cross-validation needs at least ${plan.folds * 2} of each.`,
      );
    const maxRules = this.options.maxRules ?? 25;
    const validation = crossValidate(
      candidates,
      numeric,
      labelled,
      outcomes,
      allScores,
      plan,
      maxRules,
      this.options.progress,
    );
    this.options.progress?.(`Learning the suggestion from all ${labelled.length} leads`);
    const learned = learnPoints(candidates, numeric, labelled, outcomes, { maxRules });
    const model = suggestionModel(learned.columns, learned.bands, {
      leads: labelled.length,
      outcomeColumn: name,
      baseline,
    });
    const warnings = dataWarnings(labelled.length, conversions);
    if (candidates.length === 0)
      warnings.push(
        'No column is left to learn from: the suggestion has no rules. Keep a flagged column or exclude fewer.',
      );
    return {
      outcomeColumn: name,
      leads: labelled.length,
      conversions,
      skipped,
      baseline,
      current,
      flags,
      excluded: [...excluded],
      learnedFrom: candidates.map((column) => column.name),
      validation,
      suggestion: {
        model,
        rules: this.suggestedRules(learned, labelled, outcomes),
        bands: learned.bands,
      },
      warnings,
    };
  }

  private headerOf(column: string): string {
    return String(this.header[findColumn(this.header, column)] ?? column).trim();
  }

  private checkCurrent(
    labelled: Int32Array,
    outcomes: Uint8Array,
    allScores: Float64Array,
  ): CurrentModelCheck {
    const scores = Float64Array.from(labelled, (row) => allScores[row] as number);
    const y = Uint8Array.from(labelled, (row) => outcomes[row] as number);
    const allBands = this.bands.toArray();
    const bandKeys = Array.from(labelled, (row) => this.bandNames[allBands[row] as number] ?? '');
    const isLabelled = new Uint8Array(allScores.length);
    for (const row of labelled) isLabelled[row] = 1;
    const conversions = y.reduce((sum, value) => sum + value, 0);
    const baseline = conversions / Math.max(1, y.length);
    const ruleLift = this.model.groups.flatMap((group) =>
      group.rules.map((rule) => {
        let support = 0;
        let converted = 0;
        const hits = this.ruleHits.get(rule.id)?.toArray() ?? new Int32Array(0);
        for (const row of hits) {
          if (!isLabelled[row]) continue;
          support++;
          converted += outcomes[row] as number;
        }
        const rateWith = support === 0 ? 0 : converted / support;
        const rest = y.length - support;
        return {
          ruleId: rule.id,
          label: rule.label,
          support,
          rateWith,
          rateWithout: rest === 0 ? 0 : (conversions - converted) / rest,
          lift: baseline === 0 ? 0 : rateWith / baseline,
        };
      }),
    );
    return {
      name: this.model.name,
      auc: rocAuc(scores, y),
      byBand: conversionBy(this.bandNames, bandKeys, y).filter((row) => row.leads > 0),
      byDecile: conversionByDecile(scores, y),
      ruleLift,
    };
  }

  /** The suggestion's rules with the labelled leads each matches. */
  private suggestedRules(
    learned: ReturnType<typeof learnPoints>,
    labelled: Int32Array,
    outcomes: Uint8Array,
  ): SuggestedRule[] {
    return pointsRules(learned.columns).map(({ rule, source, levels }) => {
      const covered = new Set(levels);
      let leads = 0;
      let converted = 0;
      for (const row of labelled) {
        if (!covered.has(source.levelOfRow[row] as number)) continue;
        leads++;
        converted += outcomes[row] as number;
      }
      return {
        column: rule.column,
        label: rule.label,
        points: rule.points,
        leads,
        rate: leads === 0 ? 0 : converted / leads,
      };
    });
  }
}

/** Calibrates `model` on a whole table at once (the add-on and tests; the CLI streams into a collector). */
export function calibrate(
  model: ScoringModel,
  header: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  options: CalibrationOptions,
): CalibrationReport {
  const collector = new CalibrationCollector(model, header, options);
  for (const row of rows) collector.add(row);
  return collector.finish();
}
