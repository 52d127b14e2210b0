// leadscore sql: prints the model as one SELECT for BigQuery or DuckDB, with the table's columns resolved
// exactly as the engine resolves a sheet's headers (from a column list the warehouse prints).
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { columnKind, type TableColumn } from '../sql/column-types';
import { dialectNamed } from '../sql/dialect';
import { type AsOf, generateSql, SqlError } from '../sql/generate';
import { InputError } from './csv-io';
import { loadModel } from './load-model';
import type { Io } from './score-command';

export interface SqlArgs {
  model: string;
  dialect: string;
  table: string;
  columnsFrom?: string;
  asOf?: string;
  timeZone?: string;
  allowMissingColumns?: boolean;
}

/**
 * A table's columns from a file: the CSV the INFORMATION_SCHEMA query returns (column_name, data_type), a
 * data file's header row (all text), or one column name per line (all text).
 */
export function readColumnList(file: string): TableColumn[] {
  if (!existsSync(file)) throw new InputError(`${file}: no such file`);
  let records: string[][];
  try {
    records = parse(readFileSync(file, 'utf8'), {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      to_line: 100_000,
    });
  } catch (error) {
    throw new InputError(`${basename(file)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const [first, ...rest] = records;
  if (!first) throw new InputError(`${basename(file)}: no column names`);
  const lower = first.map((cell) => cell.trim().toLowerCase());
  const nameAt = lower.indexOf('column_name');
  if (nameAt >= 0) {
    const typeAt = lower.indexOf('data_type');
    return rest.map((row, index) => {
      const name = row[nameAt] ?? '';
      if (name === '') throw new InputError(`${basename(file)} line ${index + 2}: no column_name`);
      return { name, kind: typeAt >= 0 ? columnKind(row[typeAt] ?? '') : 'text' };
    });
  }
  const names = first.length > 1 ? first : records.map((row) => row[0] ?? '');
  return names.map((name) => ({ name, kind: 'text' as const }));
}

function readAsOf(args: SqlArgs): AsOf {
  if (args.asOf !== undefined) return { date: args.asOf };
  const timeZone = args.timeZone ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new InputError(
      `--time-zone: '${timeZone}' is not an IANA time zone (e.g. Europe/Paris, America/New_York)`,
    );
  }
  return { timeZone };
}

export function runSql(args: SqlArgs, io: Io): number {
  const dialect = dialectNamed(args.dialect);
  if (!dialect) throw new InputError(`--dialect: '${args.dialect}' is not bigquery or duckdb`);
  const model = loadModel(args.model);
  if (args.columnsFrom === undefined) {
    io.stdout(`${dialect.columnsQuery(args.table)};\n`);
    io.stderr(
      `leadscore: the SQL names the table's own columns, so it needs the table's column list. Run the query above, ` +
        `save its result as CSV (column_name, data_type), and run this command again with --columns-from FILE.\n`,
    );
    return 2;
  }
  const columns = readColumnList(args.columnsFrom);
  try {
    const generated = generateSql(model, { dialect, table: args.table, columns, asOf: readAsOf(args) });
    if (generated.missingColumns.length > 0) {
      const missing = generated.missingColumns
        .map((entry) => `  ${entry.column} (rule ${entry.id})`)
        .join('\n');
      if (!args.allowMissingColumns)
        throw new InputError(
          `${args.table} has no column for these rules (rename the columns, or pass --allow-missing-columns to leave them out):\n${missing}`,
        );
      io.stderr(`warning: the SQL leaves out these rules; the table has no column for them:\n${missing}\n`);
    }
    // Say which table column each model column was found under, where the names differ.
    const renamed = new Map<string, string>();
    for (const entry of generated.resolved)
      if (entry.column !== entry.tableColumn) renamed.set(entry.column, entry.tableColumn);
    if (renamed.size > 0)
      io.stderr(`columns: ${[...renamed].map(([column, found]) => `${column} -> ${found}`).join(', ')}\n`);
    io.stdout(`${generated.sql};\n`);
    return 0;
  } catch (error) {
    if (error instanceof SqlError) throw new InputError(error.message);
    throw error;
  }
}
