// DuckDB, embedded: opens a database, reads CSV (laid out as the CLI's CSV front end detects) or Parquet files
// where they lie (never whole into memory), lists a table's columns with their types, and hands the JavaScript
// engine the values the SQL reads.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { parse } from 'csv-parse/sync';
import { type ColumnKind, columnKind, type TableColumn } from '../sql/column-types';
import { duckDb } from '../sql/dialect';
import { findTableLayout } from './csv/layout';
import { type CsvDelimiter, type DateOrder, describeLayout, InputError, parseLeadCsv } from './csv-io';

export interface DuckDbOptions {
  /** Worker threads (DuckDB's default is one per core). */
  threads?: number;
  /** DuckDB's memory limit, e.g. '1GB'; beyond it DuckDB spills to a temporary directory. */
  memoryLimit?: string;
}

/** An in-memory database (files are read where they lie, never copied into it). */
export async function openDuckDbInstance(options: DuckDbOptions = {}): Promise<DuckDBInstance> {
  const config: Record<string, string> = {};
  if (options.threads !== undefined) config.threads = String(options.threads);
  if (options.memoryLimit !== undefined) config.memory_limit = options.memoryLimit;
  return DuckDBInstance.create(':memory:', config);
}

export async function openDuckDb(options: DuckDbOptions = {}): Promise<DuckDBConnection> {
  return (await openDuckDbInstance(options)).connect();
}

/** A table's columns in order, with the kinds the engine reads them as (see src/sql/column-types.ts). */
export async function tableColumns(connection: DuckDBConnection, table: string): Promise<TableColumn[]> {
  const reader = await connection.runAndReadAll(`DESCRIBE ${duckDb.table(table)}`);
  return reader.getRowObjectsJS().map((row) => ({
    name: String(row.column_name),
    kind: columnKind(String(row.column_type)),
  }));
}

/** A cell as the engine receives it from a column of `kind` (DuckDB gives BIGINT as bigint, DATE as Date). */
export function engineValue(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (kind === 'number') return typeof value === 'bigint' ? Number(value) : Number(value);
  return value;
}

export type FileFormat = 'csv' | 'parquet';

export function fileFormat(file: string): FileFormat {
  const extension = extname(file).toLowerCase();
  if (extension === '.parquet' || extension === '.pq') return 'parquet';
  if (extension === '.csv' || extension === '.txt' || extension === '') return 'csv';
  throw new InputError(
    `${basename(file)}: --engine duckdb reads .csv and .parquet files, not '${extension}'`,
  );
}

/** How DuckDB should read a CSV file, as the CLI's CSV front end detected it. */
export interface CsvReadPlan {
  delimiter: CsvDelimiter;
  /** Lines above the header (report titles, an Excel sep= line). */
  skip: number;
  /** What was detected, for the user ("semicolon-separated, 2 title rows skipped"), or null for a plain file. */
  layout: string | null;
}

const HEAD_BYTES = 1 << 20;
const TAIL_BYTES = 64 * 1024;

function readBytes(file: string, position: number, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    return bytes.subarray(0, readSync(fd, bytes, 0, length, position));
  } finally {
    closeSync(fd);
  }
}

/**
 * Runs the CLI's CSV front end (src/cli/csv-io.ts) on the start of the file, and its footer detection on the
 * end, without reading the whole file: DuckDB then reads it with the detected delimiter and title rows. What
 * DuckDB cannot read as the JavaScript CLI would is refused with what was found: a file not in UTF-8, a report
 * footer below the leads, and numeric dates the front end reads day-first (the SQL reads them as the engine
 * does without a date order: month-first unless the day is over 12).
 */
export function planCsvRead(file: string, options: { dateOrder?: DateOrder } = {}): CsvReadPlan {
  if (!existsSync(file)) throw new InputError(`${file}: no such file`);
  const name = basename(file);
  const size = statSync(file).size;
  let head = readBytes(file, 0, HEAD_BYTES);
  const whole = head.length === size;
  // Cut the sample after its last line break, so no record is read half.
  if (!whole) head = head.subarray(0, head.lastIndexOf(0x0a) + 1);
  const table = parseLeadCsv(head, name, options);
  const { dialect, dates } = table;
  const refuse = (found: string) =>
    new InputError(
      `${name}: ${found}. --engine duckdb cannot read it as the JavaScript engine does; score it without --engine duckdb, or save it ${'as UTF-8 CSV with only the leads below the header'}.`,
    );
  if (dialect.encoding !== 'utf-8') throw refuse(`the file is ${dialect.encoding.toUpperCase()}, not UTF-8`);
  if (dates.columns.length > 0 && dialect.dateOrder === 'dmy')
    throw refuse(`numeric dates in ${dates.columns.join(', ')} are day-first (dd/mm/yyyy)`);
  let footer = dialect.reportFooter ? dialect.footerRows : [];
  if (!whole) {
    const tail = readBytes(file, Math.max(0, size - TAIL_BYTES), TAIL_BYTES).toString('utf8');
    const records = parse(tail.slice(tail.indexOf('\n') + 1), {
      delimiter: dialect.delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
    const layout = findTableLayout([table.header, ...records]);
    footer = layout.reportFooter ? records.slice(layout.footer - 1) : [];
  }
  const words = footer.flat().find((cell) => cell.trim() !== '');
  if (footer.length > 0)
    throw refuse(`a report footer below the leads ('${(words ?? '').trim().slice(0, 40)}')`);
  return { delimiter: dialect.delimiter, skip: table.headerLine - 1, layout: describeLayout(table) };
}

/** SQL reading a file where it lies: CSV all as text (as the JavaScript CLI reads it), Parquet with its types. */
export function fileSource(
  file: string,
  format: FileFormat = fileFormat(file),
  plan: Pick<CsvReadPlan, 'delimiter' | 'skip'> = { delimiter: ',', skip: 0 },
): string {
  const path = duckDb.text(file);
  if (format === 'parquet') return `read_parquet(${path})`;
  return (
    `read_csv(${path}, header = true, all_varchar = true, delim = ${duckDb.text(plan.delimiter)}, quote = '"', ` +
    `escape = '"', skip = ${plan.skip}, strict_mode = true, null_padding = false, sample_size = -1)`
  );
}
