// leadscore score --engine duckdb: the model's SQL run by DuckDB over a CSV or Parquet file where it lies,
// streamed to the output CSV, so files larger than memory score on one machine.
import { renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { normaliseHeader } from '../engine/columns';
import { duckDb } from '../sql/dialect';
import { generateSql, RESULT_NAMES } from '../sql/generate';
import { JS_SPACE } from '../sql/regex';
import { InputError } from './csv-io';
import { checkPlainCsv, fileFormat, fileSource, openDuckDb, tableColumns } from './duckdb-engine';
import { loadModel } from './load-model';
import { type Io, parseAsOf, type ScoreArgs } from './score-command';

/** The JavaScript CLI's result titles beside the SQL's result names (the CLI's Problems column has no SQL twin). */
const TITLES: Readonly<Record<(typeof RESULT_NAMES)[number], string>> = {
  score: 'Score',
  fit: 'Fit',
  intent: 'Intent',
  band: 'Band',
  grade: 'Grade',
  quadrant: 'Quadrant',
  reasons: 'Reasons',
  action: 'Action',
  confidence: 'Confidence',
};
const NUMBERS: ReadonlySet<string> = new Set(['score', 'fit', 'intent', 'confidence']);

/** A round2 number as JavaScript's String() writes it: "60", "2.5", "-0.25". */
function numberText(x: string): string {
  const cents = `CAST(ROUND(${x} * 100) AS BIGINT)`;
  const fraction = `abs(${cents}) % 100`;
  return (
    `CASE WHEN ${x} IS NULL THEN '' ELSE concat(CASE WHEN ${cents} < 0 THEN '-' ELSE '' END, ` +
    `CAST(abs(${cents}) // 100 AS VARCHAR), ` +
    `CASE WHEN ${fraction} = 0 THEN '' WHEN ${fraction} % 10 = 0 THEN concat('.', CAST(${fraction} // 10 AS VARCHAR)) ` +
    `ELSE concat('.', lpad(CAST(${fraction} AS VARCHAR), 2, '0')) END) END`
  );
}

/** The CLI's safeText: tabs and returns become spaces, and text Sheets would run as a formula gets a leading "'". */
function safeTextSql(x: string): string {
  const cleaned = `regexp_replace(${x}, '[\\t\\r]', ' ', 'g')`;
  return `CASE WHEN ${x} IS NULL THEN '' WHEN regexp_matches(${cleaned}, '^[${JS_SPACE}]*[=+\\-@]') THEN concat('''', ${cleaned}) ELSE ${cleaned} END`;
}

export async function runScoreDuckDb(args: ScoreArgs, io: Io): Promise<number> {
  const model = loadModel(args.model);
  const asOf = parseAsOf(args.asOf);
  const format = fileFormat(args.input);
  if (format === 'csv') checkPlainCsv(args.input);
  const started = Date.now();
  const connection = await openDuckDb();
  try {
    await connection.run(`CREATE VIEW leads AS SELECT * FROM ${fileSource(args.input, format)}`);
    let columns: Awaited<ReturnType<typeof tableColumns>>;
    try {
      columns = await tableColumns(connection, 'leads');
    } catch (error) {
      throw new InputError(`${basename(args.input)}: ${duckDbMessage(error)}`);
    }
    const { sql, missingColumns } = generateSql(model, {
      dialect: duckDb,
      table: 'leads',
      columns,
      asOf: { time: asOf.getTime() },
    });
    if (missingColumns.length > 0) {
      const missing = missingColumns.map((entry) => `  ${entry.column} (rule ${entry.id})`).join('\n');
      if (!args.allowMissingColumns)
        throw new InputError(
          `${args.input} has no column for these rules (rename the columns, or pass --allow-missing-columns to score without them):\n${missing}`,
        );
      io.stderr(`warning: scoring without these columns; their rules give no points:\n${missing}\n`);
    }
    // The same titles as the JavaScript CLI; an input that already has "Score" keeps it.
    const existing = new Set(columns.map((column) => normaliseHeader(column.name)));
    const projected = RESULT_NAMES.map((name) => {
      // The generator names its own column leadscore_<name> when the input already has <name>.
      const source = duckDb.ident(existing.has(normaliseHeader(name)) ? `leadscore_${name}` : name);
      const title = existing.has(normaliseHeader(TITLES[name])) ? `LeadScore ${TITLES[name]}` : TITLES[name];
      const value = NUMBERS.has(name) ? numberText(source) : safeTextSql(source);
      return `${value} AS ${duckDb.ident(title)}`;
    });
    const inputs = columns.map((column) => `scored.${duckDb.ident(column.name)}`);
    const temporary = join(dirname(args.output), `.${basename(args.output)}.${process.pid}.tmp`);
    try {
      const copy =
        `COPY (SELECT ${[...inputs, ...projected].join(', ')} FROM (${sql}) AS scored) ` +
        `TO ${duckDb.text(temporary)} (FORMAT csv, HEADER true)`;
      const reader = await connection.runAndReadAll(copy).catch((error: unknown) => {
        throw new InputError(`${basename(args.input)}: ${duckDbMessage(error)}`);
      });
      const rows = Number(reader.getRowsJS()[0]?.[0] ?? 0);
      renameSync(temporary, args.output);
      const seconds = (Date.now() - started) / 1000;
      io.stderr(
        `scored ${rows} rows with '${model.name}' as of ${asOf.toISOString().slice(0, 10)} in DuckDB ` +
          `(${seconds.toFixed(1)} s) -> ${args.output}\n`,
      );
    } finally {
      rmSync(temporary, { force: true });
    }
    return 0;
  } finally {
    connection.closeSync();
  }
}

/** DuckDB's error without its internal stack, for a message naming the file. */
function duckDbMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n').slice(0, 3).join(' ').trim();
}
