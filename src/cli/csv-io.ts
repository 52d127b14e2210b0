// Reading and writing CSV files for the CLI: a real CSV library, errors with line and column, atomic output.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/** A problem with an input the user gave us, printed as is. */
export class InputError extends Error {}

export interface CsvTable {
  header: string[];
  rows: string[][];
}

/** csv-parse errors carry the line (`lines`) and, for quote errors, the column of the record. */
function describeParseError(file: string, error: unknown): string {
  const detail = error as {
    message?: string;
    lines?: number;
    column?: number;
    record?: unknown;
    code?: string;
  };
  const where = [
    detail.lines !== undefined ? `line ${detail.lines}` : null,
    detail.column !== undefined ? `column ${detail.column}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  const reason = String(detail.message ?? error).replace(
    /^Invalid (Record Length|Closing Quote|Opening Quote): /,
    '',
  );
  return `${basename(file)}${where ? ` ${where}` : ''}: ${reason}`;
}

export function readCsv(file: string): CsvTable {
  if (!existsSync(file)) throw new InputError(`${file}: no such file`);
  let records: string[][];
  try {
    records = parse(readFileSync(file, 'utf8'), {
      bom: true,
      relax_column_count: false,
      skip_empty_lines: false,
    });
  } catch (error) {
    throw new InputError(describeParseError(file, error));
  }
  const [header, ...rows] = records;
  if (!header || header.every((cell) => cell.trim() === ''))
    throw new InputError(`${basename(file)}: the first line must be the header row`);
  return { header, rows };
}

/**
 * Writes next to the target then renames, so a failure (a full disk, an error half-way) never leaves a
 * partial output file behind.
 */
export function writeCsvAtomically(file: string, rows: readonly (readonly unknown[])[]): void {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, stringify(rows as unknown[][]));
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** Same guarantee for text files (model JSON). */
export function writeTextAtomically(file: string, text: string): void {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}
