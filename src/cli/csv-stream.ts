// Reads a large CSV file record by record for the commands that read every lead once (calibrate, compare), so
// 200,000 leads never sit in memory as text. UTF-8 with or without a BOM; the separator (comma, semicolon, tab
// or pipe) is the one the header line uses most. Other encodings and report layouts: see csv-io.ts.
import { closeSync, createReadStream, existsSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse';
import { InputError } from './csv-io';

const SEPARATORS = [',', ';', '\t', '|'] as const;

/** The separator used most outside quotes on the first line of the file. */
function sniffSeparator(file: string): string {
  const buffer = Buffer.alloc(65536);
  const handle = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(handle, buffer, 0, buffer.length, 0);
  } finally {
    closeSync(handle);
  }
  const text = buffer.subarray(0, read).toString('utf8');
  const counts = new Map<string, number>(SEPARATORS.map((separator) => [separator, 0]));
  let quoted = false;
  for (const character of text) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && (character === '\n' || character === '\r')) break;
    else if (!quoted && counts.has(character)) counts.set(character, (counts.get(character) ?? 0) + 1);
  }
  let best = ',';
  for (const [separator, count] of counts) if (count > (counts.get(best) ?? 0)) best = separator;
  return best;
}

/** csv-parse errors carry the line (`lines`) and, for quote errors, the column of the record. */
function describeError(file: string, error: unknown): string {
  const detail = error as { message?: string; lines?: number; column?: number };
  const where = [
    detail.lines !== undefined ? `line ${detail.lines}` : null,
    detail.column !== undefined ? `column ${detail.column}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  const reason = String(detail.message ?? error).replace(/^Invalid (Closing Quote|Opening Quote): /, '');
  return `${basename(file)}${where ? ` ${where}` : ''}: ${reason}`;
}

/**
 * Calls `onHeader` with the first record and `onRow` with every later one and its 1-based position (blank lines
 * skipped); resolves to the number of rows. Throws InputError for a missing file, a file without a header or a broken record.
 */
export async function streamCsv(
  file: string,
  onHeader: (header: string[]) => void,
  onRow: (row: string[], position: number) => void,
): Promise<number> {
  if (!existsSync(file)) throw new InputError(`${file}: no such file`);
  const parser = createReadStream(file).pipe(
    parse({ bom: true, delimiter: sniffSeparator(file), relax_column_count: true, skip_empty_lines: true }),
  );
  let header: string[] | null = null;
  let rows = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (header === null) {
        header = record;
        if (header.every((cell) => cell.trim() === ''))
          throw new InputError(`${basename(file)}: the first line must be the header row`);
        onHeader(header);
        continue;
      }
      rows++;
      onRow(record, rows);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    if ((error as { code?: string }).code?.startsWith('CSV_'))
      throw new InputError(describeError(file, error));
    throw error;
  }
  if (header === null)
    throw new InputError(`${basename(file)}: the file is empty (the first line must be the header row)`);
  return rows;
}
