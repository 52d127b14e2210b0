// Access to the real lead exports in ../shared/data (never copied into the repo); suites skip without them.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

/** The shared data folder beside the checkout (<repo>/../shared/data); LEADSCORE_SHARED_DATA overrides it. */
export const sharedDataDir = process.env.LEADSCORE_SHARED_DATA
  ? path.resolve(process.env.LEADSCORE_SHARED_DATA)
  : path.resolve(__dirname, '../../../../shared/data');

/** True when the real exports are present (CI machines and fresh clones may not have them). */
export const hasSharedData = existsSync(sharedDataDir);

/** Absolute path of one shared data file. */
export function sharedDataPath(file: string): string {
  return path.join(sharedDataDir, file);
}

/**
 * `describe` when ../shared/data exists, otherwise `describe.skip` with a console note saying why,
 * so a skipped real-data suite is visible rather than silently green.
 */
export function describeWithSharedData(name: string, fn: () => void): void {
  if (hasSharedData) {
    describe(name, fn);
    return;
  }
  console.info(`Skipping "${name}": real lead exports not found at ${sharedDataDir}.`);
  // Not describe.skip(name, fn): Jest still runs a skipped block's body to collect its tests, and bodies read the data.
  describe.skip(name, () => {
    it(`needs the real lead exports in ${sharedDataDir}`, () => undefined);
  });
}

/** A shared CSV file as its header row and data rows (strings, CRLF-safe). */
export function readSharedCsv(file: string): { header: string[]; rows: string[][] } {
  const records: string[][] = parse(readFileSync(sharedDataPath(file), 'utf8'), {
    bom: true,
    relax_column_count: false,
    skip_empty_lines: true,
  });
  const [header, ...rows] = records;
  return { header: header ?? [], rows };
}

/** The values of one named column of a shared CSV file. */
export function sharedColumn(file: string, column: string): string[] {
  const { header, rows } = readSharedCsv(file);
  const index = header.indexOf(column);
  if (index < 0) throw new Error(`${file} has no column '${column}'`);
  return rows.map((row) => row[index] ?? '');
}
