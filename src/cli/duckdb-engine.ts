// DuckDB, embedded: opens a database, reads CSV or Parquet files where they lie (never whole into memory),
// lists a table's columns with their types, and hands the JavaScript engine the values the SQL reads.
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { type ColumnKind, columnKind, type TableColumn } from '../sql/column-types';
import { duckDb } from '../sql/dialect';
import { InputError } from './csv-io';

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

/**
 * What the CLI's CSV reader accepts, checked before DuckDB reads the file: UTF-8 (a BOM is fine) with the
 * header on the first line, comma-separated. This is the seam for the CLI's CSV front end (issue 15): once
 * it detects title rows, footers, delimiters and encodings, --engine duckdb should take its findings here
 * and pass them to read_csv instead of refusing.
 */
export function checkPlainCsv(file: string): void {
  if (!existsSync(file)) throw new InputError(`${file}: no such file`);
  const head = Buffer.alloc(64 * 1024);
  const fd = openSync(file, 'r');
  let size: number;
  try {
    size = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const bytes = head.subarray(0, size);
  const name = basename(file);
  const refuse = (found: string) =>
    new InputError(
      `${name}: ${found}. --engine duckdb reads plain CSV only (UTF-8, comma-separated, header on the first line); ` +
        'save the file that way, or score it with the JavaScript engine (leave out --engine duckdb).',
    );
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw refuse('the file is UTF-16');
  if (bytes.includes(0)) throw refuse('the file holds NUL bytes (UTF-16 or binary)');
  // A multi-byte character may be cut at the end of the sample: only the last 3 bytes may be incomplete.
  const checked = size === head.length ? bytes.subarray(0, size - 3) : bytes;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(checked);
  } catch {
    throw refuse('the file is not UTF-8 (Windows-1252 or Latin-1?)');
  }
  const text = bytes.toString('utf8').replace(/^\ufeff/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (!firstLine.includes(',') && /[;\t|]/.test(firstLine))
    throw refuse(
      `its first line is separated by '${firstLine.match(/[;\t|]/)?.[0] === '\t' ? 'tab' : firstLine.match(/[;\t|]/)?.[0]}', not commas`,
    );
}

/** SQL reading a file where it lies: CSV all as text (as the JavaScript CLI reads it), Parquet with its types. */
export function fileSource(file: string, format: FileFormat = fileFormat(file)): string {
  const path = duckDb.text(file);
  if (format === 'parquet') return `read_parquet(${path})`;
  return (
    `read_csv(${path}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"', ` +
    `strict_mode = true, null_padding = false, sample_size = -1)`
  );
}
