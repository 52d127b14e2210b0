// =LEADSCORE(leads, rules, [fields]): scores a whole lead table in one call and spills one row per lead.

import type { LeadResult, ScoringModel } from '../engine/model';
import { isDateValue } from '../engine/normalise';
import { rulesSheetToModel } from '../engine/rules-sheet';
import { bindScorer, compileModel } from '../engine/scorer';
import { findTemplate } from '../engine/templates';
import { describeIssues } from '../engine/validate';
import {
  asRows,
  type CustomFunctionMeta,
  FormulaError,
  isOmitted,
  type SheetOutput,
  type SheetValue,
} from './custom-function';

export const LEADSCORE_META: CustomFunctionMeta = {
  name: 'LEADSCORE',
  description:
    'Scores every lead in a table with the LeadScore rules and returns one row per lead (the first row gets column titles).',
  parameters: [
    {
      name: 'leads',
      type: 'A1:K',
      description: 'The lead table including its header row, e.g. A1:K (open-ended ranges are fine).',
    },
    {
      name: 'rules',
      type: 'LeadScoreRules',
      description:
        'The rules range (the named range LeadScoreRules) so formulas recalculate when rules change, or a template id such as "b2b-services".',
    },
    {
      name: 'fields',
      type: 'string',
      optional: true,
      description:
        'Optional. What to return, comma-separated: score, fit, intent, band, grade, quadrant, reasons, action, stage, confidence, problems. Default: score.',
    },
  ],
  returns: 'One row per lead with the chosen fields; blank rows stay blank.',
};

/** Output fields, their column titles and how each reads a result. */
const FIELDS: Record<string, { title: string; read: (result: LeadResult) => SheetValue }> = {
  score: { title: 'Score', read: (result) => result.score },
  fit: { title: 'Fit', read: (result) => result.fit },
  intent: { title: 'Intent', read: (result) => result.intent },
  band: { title: 'Band', read: (result) => result.band },
  grade: { title: 'Grade', read: (result) => result.grade },
  quadrant: { title: 'Quadrant', read: (result) => result.quadrant },
  reasons: { title: 'Reasons', read: (result) => result.reasons },
  action: { title: 'Action', read: (result) => result.action },
  stage: { title: 'Stage', read: (result) => result.stage },
  confidence: { title: 'Confidence', read: (result) => result.confidence },
  problems: { title: 'Problems', read: (result) => result.problems.join('; ') },
};

/** Prefix of a row that could not be scored, so FILTER/COUNTIF can find such rows. */
export const ROW_ERROR_PREFIX = 'LEADSCORE error: ';

function parseFields(value: unknown): string[] {
  if (isOmitted(value)) return ['score'];
  if (typeof value !== 'string') {
    throw new FormulaError(
      `LEADSCORE: fields must be text such as "score,band,reasons", got ${String(value)}`,
    );
  }
  const fields = value
    .split(',')
    .map((field) => field.trim().toLowerCase())
    .filter((field) => field.length > 0);
  const unknown = fields.filter((field) => !(field in FIELDS));
  if (unknown.length > 0 || fields.length === 0) {
    throw new FormulaError(
      `LEADSCORE: unknown field "${unknown.join(', ')}". Use any of: ${Object.keys(FIELDS).join(', ')}`,
    );
  }
  return fields;
}

/** The model and "as of" time from the rules argument: a rules range, or a template id. */
function readRules(rules: unknown): { model: ScoringModel; asOf: Date | null } {
  if (typeof rules === 'string' && rules.trim() !== '') {
    const template = findTemplate(rules.trim());
    if (!template) {
      throw new FormulaError(
        `LEADSCORE: "${rules}" is not a template id. Pass the rules range (LeadScoreRules) or a template id.`,
      );
    }
    return { model: template.model, asOf: null };
  }
  const rows = asRows(rules);
  if (!rows) {
    throw new FormulaError('LEADSCORE: rules must be the rules range, e.g. =LEADSCORE(A1:K, LeadScoreRules)');
  }
  const parsed = rulesSheetToModel(rows);
  if (!parsed.ok)
    throw new FormulaError(`LEADSCORE: the rules are not valid. ${describeIssues(parsed.issues)}`);
  return { model: parsed.model, asOf: parsed.asOf };
}

/**
 * Scores the lead table. Whole-formula problems (bad arguments, invalid rules, missing columns) throw
 * and show as #ERROR!; a row that cannot be scored gets an error text in its own cell.
 * `now` is when the formula runs; it is used only when the rules range has no "As of" date.
 */
export function leadScore(leads: unknown, rules: unknown, fields: unknown, now: Date): SheetOutput {
  const table = asRows(leads);
  if (!table || table.length === 0) {
    throw new FormulaError(
      'LEADSCORE: leads must be the lead table with its header row, e.g. =LEADSCORE(A1:K, LeadScoreRules)',
    );
  }
  const chosen = parseFields(fields);
  const { model, asOf } = readRules(rules);
  const header = table[0] ?? [];
  if (header.every((cell) => isOmitted(cell) || typeof cell === 'number' || isDateValue(cell))) {
    throw new FormulaError('LEADSCORE: the first row of leads must be the header row (column names).');
  }
  const scorer = bindScorer(compileModel(model), header, asOf ?? now);
  if (scorer.missingColumns.length > 0) {
    const idsByColumn = new Map<string, string[]>();
    for (const missing of scorer.missingColumns) {
      idsByColumn.set(missing.column, [...(idsByColumn.get(missing.column) ?? []), missing.id]);
    }
    const names = [...idsByColumn].map(([column, ids]) => `'${column}' (${ids.join(', ')})`).join(', ');
    throw new FormulaError(
      `LEADSCORE: the header row has no column ${names}. Rename the column, add a synonym, or disable the rule.`,
    );
  }
  const readers = chosen.map((field) => FIELDS[field]?.read ?? (() => ''));
  const output: SheetValue[][] = [chosen.map((field) => FIELDS[field]?.title ?? field)];
  const blankRow = chosen.map((): SheetValue => '');
  for (let index = 1; index < table.length; index++) {
    const result = scorer.scoreRow(table[index] ?? []);
    if (result.blank) {
      output.push(blankRow.slice());
    } else if (result.band === '' && result.problems.length > 0) {
      // The scorer could not place the row at all: say why in the row's own cells.
      output.push(chosen.map(() => `${ROW_ERROR_PREFIX}${result.problems.join('; ')}`));
    } else {
      output.push(readers.map((read) => read(result)));
    }
  }
  return output;
}

/** The custom function Sheets calls: `=LEADSCORE(A1:K, LeadScoreRules, "score,band,reasons")`. */
export function LEADSCORE(leads: unknown, rules: unknown, fields?: unknown): SheetOutput {
  return leadScore(leads, rules, fields, new Date());
}
