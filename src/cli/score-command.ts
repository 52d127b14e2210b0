// leadscore score: adds the engine's result columns to a CSV of leads, and prints how many fall in each band.
import type { ScoringModel } from '../engine/model';
import { bindScorer, compileModel } from '../engine/scorer';
import { safeCell } from '../gas/safe-cell';
import {
  checkOutputPath,
  type DateOrder,
  describeLayout,
  InputError,
  readLeadCsv,
  writeCsvAtomically,
} from './csv-io';
import { loadModel } from './load-model';
import { placeResults, RESULT_COLUMNS, userCells, withResults } from './result-columns';

export { RESULT_COLUMNS } from './result-columns';

export interface ScoreArgs {
  model: string;
  input: string;
  output: string;
  asOf?: string;
  allowMissingColumns?: boolean;
  dateOrder?: DateOrder;
}

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

export function parseAsOf(text: string | undefined): Date {
  if (text === undefined) return new Date();
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(date.getTime())) throw new InputError(`--as-of: '${text}' is not a date (use YYYY-MM-DD)`);
  return date;
}

function percent(count: number, total: number): string {
  return `${total === 0 ? '0.0' : ((count / total) * 100).toFixed(1)}%`;
}

/**
 * Leads per band, highest band first, then review and disqualified, with each band's share and action.
 * Every band of the model is listed, empty ones too, so the table reads the same from run to run.
 */
export function bandSummary(
  model: ScoringModel,
  counts: ReadonlyMap<string, number>,
  blankRows: number,
): string {
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  const styles = [
    ...[...model.bands].sort((a, b) => b.min - a.min),
    ...(model.missingData ? [model.missingData.band] : []),
    model.disqualifiedBand,
  ];
  const listed = new Set(styles.map((style) => style.name));
  const rows = styles.map((style) => ({ name: style.name, action: style.action }));
  for (const name of counts.keys()) if (!listed.has(name)) rows.push({ name, action: '' });
  const nameWidth = Math.max(5, ...rows.map((row) => row.name.length));
  const countWidth = Math.max(5, String(total).length);
  const lines = [
    `${'band'.padEnd(nameWidth)}  ${'leads'.padStart(countWidth)}   share  action`,
    ...rows.map((row) => {
      const count = counts.get(row.name) ?? 0;
      return `${row.name.padEnd(nameWidth)}  ${String(count).padStart(countWidth)}  ${percent(count, total).padStart(6)}  ${row.action}`.trimEnd();
    }),
    `${'total'.padEnd(nameWidth)}  ${String(total).padStart(countWidth)}  ${percent(total, total).padStart(6)}${blankRows > 0 ? `  (${blankRows} blank ${blankRows === 1 ? 'row' : 'rows'} not scored)` : ''}`,
  ];
  return `${lines.join('\n')}\n`;
}

export function runScore(args: ScoreArgs, io: Io): number {
  const model = loadModel(args.model);
  const asOf = parseAsOf(args.asOf);
  checkOutputPath(args.output);
  const table = readLeadCsv(args.input, { dateOrder: args.dateOrder });
  const placement = placeResults(table.header);
  const scorer = bindScorer(compileModel(model), placement.userHeader, asOf);
  if (scorer.missingColumns.length > 0) {
    const missing = scorer.missingColumns.map((entry) => `  ${entry.column} (rule ${entry.id})`).join('\n');
    if (!args.allowMissingColumns) {
      throw new InputError(
        `${args.input} has no column for these rules (rename the columns, or pass --allow-missing-columns to score without them):\n${missing}`,
      );
    }
    io.stderr(`warning: scoring without these columns; their rules give no points:\n${missing}\n`);
  }
  const { dialect } = table;
  const layout = describeLayout(table);
  if (layout) io.stderr(`read ${args.input}: ${layout}\n`);
  for (const warning of [...table.warnings, ...placement.warnings]) io.stderr(`warning: ${warning}\n`);

  const bandCounts = new Map<string, number>();
  let scored = 0;
  let blankRows = 0;
  const output: unknown[][] = [
    ...dialect.titleRows,
    withResults(placement.userHeader, placement.titles, placement),
  ];
  table.rows.forEach((row, index) => {
    const result = scorer.scoreRow(userCells(table.engineRows[index] ?? row, placement));
    if (result.blank) blankRows++;
    else {
      scored++;
      bandCounts.set(result.band, (bandCounts.get(result.band) ?? 0) + 1);
    }
    // Our text goes through the add-on's formula guard: a CSV opened in a spreadsheet must not run a label.
    const cells = RESULT_COLUMNS.map(([, read]) => (result.blank ? '' : safeCell(read(result))));
    output.push(withResults(userCells(row, placement), cells, placement));
  });
  // A report footer stays where it was; blank lines that only trailed the table are not carried over.
  if (dialect.reportFooter) output.push(...dialect.footerRows);
  // Excel reads a CSV without a byte-order mark in the Windows code page: keep one where the input came
  // from a tool that writes it (a BOM, UTF-16 or Windows-1252 input), so accents survive the round trip.
  writeCsvAtomically(args.output, output, {
    delimiter: dialect.delimiter,
    bom: dialect.bom || dialect.encoding !== 'utf-8',
  });
  io.stdout(bandSummary(model, bandCounts, blankRows));
  io.stderr(
    `scored ${scored} rows with '${model.name}' as of ${asOf.toISOString().slice(0, 10)} -> ${args.output}${placement.replaced >= 0 ? ' (previous LeadScore columns replaced)' : ''}\n`,
  );
  return 0;
}
