// leadscore score --engine duckdb: the model's SQL run by DuckDB over a CSV or Parquet file where it lies,
// streamed to the output CSV, so files larger than memory score on one machine.
import { renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { normaliseHeader } from '../engine/columns';
import { duckDb } from '../sql/dialect';
import { generateSql, RESULT_NAMES } from '../sql/generate';
import { JS_SPACE } from '../sql/regex';
import { checkOutputPath, InputError } from './csv-io';
import { fileFormat, fileSource, openDuckDb, planCsvRead, tableColumns } from './duckdb-engine';
import { loadModel } from './load-model';
import { placeResults } from './result-columns';
import { bandSummary, type Io, parseAsOf, type ScoreArgs } from './score-command';

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
  checkOutputPath(args.output);
  const format = fileFormat(args.input);
  const plan = format === 'csv' ? planCsvRead(args.input, { dateOrder: args.dateOrder }) : undefined;
  if (plan?.layout) io.stderr(`read ${args.input}: ${plan.layout}\n`);
  const started = Date.now();
  const connection = await openDuckDb();
  try {
    await connection.run(`CREATE VIEW leads AS SELECT * FROM ${fileSource(args.input, format, plan)}`);
    let columns: Awaited<ReturnType<typeof tableColumns>>;
    try {
      columns = await tableColumns(connection, 'leads');
    } catch (error) {
      throw new InputError(`${basename(args.input)}: ${duckDbMessage(error)}`);
    }
    // The JavaScript CLI's column names; a previous LeadScore block is replaced there, and refused here.
    const placement = placeResults(columns.map((column) => column.name));
    if (placement.replaced >= 0)
      throw new InputError(
        `${basename(args.input)} already has LeadScore's columns: --engine duckdb does not re-score in place; delete them, or score without --engine duckdb`,
      );
    for (const warning of placement.warnings) io.stderr(`warning: ${warning}\n`);
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
    const existing = new Set(columns.map((column) => normaliseHeader(column.name)));
    // The result columns in the CLI's order and names, but for Problems (the SQL does not write problems).
    const projected = RESULT_NAMES.map((name, index) => {
      // The generator names its own column leadscore_<name> when the input already has <name>.
      const source = duckDb.ident(existing.has(normaliseHeader(name)) ? `leadscore_${name}` : name);
      const value = NUMBERS.has(name) ? numberText(source) : safeTextSql(source);
      return `${value} AS ${duckDb.ident(placement.titles[index] ?? name)}`;
    });
    const bandTitle = duckDb.ident(placement.titles[RESULT_NAMES.indexOf('band')] ?? 'Band');
    const inputs = columns.map((column) => `scored.${duckDb.ident(column.name)}`);
    const temporary = join(dirname(args.output), `.${basename(args.output)}.${process.pid}.tmp`);
    try {
      const copy =
        `COPY (SELECT ${[...inputs, ...projected].join(', ')} FROM (${sql}) AS scored) ` +
        `TO ${duckDb.text(temporary)} (FORMAT csv, HEADER true, DELIMITER ${duckDb.text(plan?.delimiter ?? ',')})`;
      await connection.run(copy).catch((error: unknown) => {
        throw new InputError(`${basename(args.input)}: ${duckDbMessage(error)}`);
      });
      // Counted from the file just written: scoring again would double the work.
      const counts = await connection.runAndReadAll(
        `SELECT ${bandTitle}, count(*) FROM read_csv(${duckDb.text(temporary)}, header = true, all_varchar = true, ` +
          `delim = ${duckDb.text(plan?.delimiter ?? ',')}, sample_size = -1) GROUP BY ALL`,
      );
      const bandCounts = new Map<string, number>();
      let blankRows = 0;
      for (const [band, count] of counts.getRowsJS()) {
        if (band === null || band === '') blankRows += Number(count);
        else bandCounts.set(String(band).replace(/^'/, ''), Number(count));
      }
      renameSync(temporary, args.output);
      const scored = [...bandCounts.values()].reduce((sum, count) => sum + count, 0);
      io.stdout(bandSummary(model, bandCounts, blankRows));
      io.stderr(
        `scored ${scored} rows with '${model.name}' as of ${asOf.toISOString().slice(0, 10)} in DuckDB ` +
          `(${((Date.now() - started) / 1000).toFixed(1)} s) -> ${args.output}\n`,
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
