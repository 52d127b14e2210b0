// leadscore score: appends the engine's result columns to a CSV of leads.

import { normaliseHeader } from '../engine/columns';
import type { LeadResult } from '../engine/model';
import { bindScorer, compileModel } from '../engine/scorer';
import { safeCell } from '../gas/safe-cell';
import { InputError, readCsv, writeCsvAtomically } from './csv-io';
import { loadModel } from './load-model';

export interface ScoreArgs {
  model: string;
  input: string;
  output: string;
  asOf?: string;
  allowMissingColumns?: boolean;
}

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The appended columns, in order, and how each reads a result. */
export const RESULT_COLUMNS: readonly [string, (result: LeadResult) => string | number][] = [
  ['Score', (result) => result.score],
  ['Fit', (result) => result.fit],
  ['Intent', (result) => result.intent],
  ['Band', (result) => result.band],
  ['Grade', (result) => result.grade],
  ['Quadrant', (result) => result.quadrant],
  ['Reasons', (result) => result.reasons],
  ['Action', (result) => result.action],
  ['Confidence', (result) => result.confidence],
  ['Problems', (result) => result.problems.join('; ')],
];

export function parseAsOf(text: string | undefined): Date {
  if (text === undefined) return new Date();
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(date.getTime())) throw new InputError(`--as-of: '${text}' is not a date (use YYYY-MM-DD)`);
  return date;
}

export function runScore(args: ScoreArgs, io: Io): number {
  const model = loadModel(args.model);
  const asOf = parseAsOf(args.asOf);
  const { header, rows } = readCsv(args.input);
  const scorer = bindScorer(compileModel(model), header, asOf);
  if (scorer.missingColumns.length > 0) {
    const missing = scorer.missingColumns.map((entry) => `  ${entry.column} (rule ${entry.id})`).join('\n');
    if (!args.allowMissingColumns) {
      throw new InputError(
        `${args.input} has no column for these rules (rename the columns, or pass --allow-missing-columns to score without them):\n${missing}`,
      );
    }
    io.stderr(`warning: scoring without these columns; their rules give no points:\n${missing}\n`);
  }
  // An input that already has "Score" keeps it; ours become "LeadScore Score" so no column is overwritten.
  const existing = new Set(header.map((cell) => normaliseHeader(cell)));
  const titles = RESULT_COLUMNS.map(([title]) =>
    existing.has(normaliseHeader(title)) ? `LeadScore ${title}` : title,
  );
  const output: unknown[][] = [[...header, ...titles]];
  for (const row of rows) {
    const result = scorer.scoreRow(row);
    // Our text goes through the add-on's formula guard: a CSV opened in a spreadsheet must not run a label.
    output.push([...row, ...RESULT_COLUMNS.map(([, read]) => (result.blank ? '' : safeCell(read(result))))]);
  }
  writeCsvAtomically(args.output, output);
  io.stderr(
    `scored ${rows.length} rows with '${model.name}' as of ${asOf.toISOString().slice(0, 10)} -> ${args.output}\n`,
  );
  return 0;
}
