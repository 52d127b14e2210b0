// Resamples the X Education export into a larger CSV for the calibration bench: each row is a random original
// lead with its numbers jittered and, now and then, a text value taken from another lead, so no two rows repeat
// and cross-validation folds do not share copies. Written at run time to a temporary file, never committed.
import { createWriteStream, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { seededRandom } from '../test/support/seeded-random';

const INTEGER_COLUMNS = ['TotalVisits', 'Total Time Spent on Website'];
const DECIMAL_COLUMNS = ['Page Views Per Visit'];
const ID_COLUMNS = ['Prospect ID', 'Lead Number'];
const KEEP_COLUMNS = ['Converted'];
/** Chance that a text cell is replaced by the same column's value from another lead. */
const SWAP_CHANCE = 0.05;

function jitter(value: number, random: () => number, decimals: number): number {
  if (value === 0) return 0;
  // Log-normal noise of about 15%, never below 0.
  const noise = Math.exp(0.15 * (random() + random() + random() - 1.5) * 2);
  const scaled = value * noise;
  return Number(Math.max(decimals === 0 ? 1 : 0.01, scaled).toFixed(decimals));
}

/** Writes `rows` resampled leads to `file`; resolves when the file is complete. */
export async function writeResampledLeads(
  source: string,
  file: string,
  rows: number,
  seed = 2026,
): Promise<void> {
  const records: string[][] = parse(readFileSync(source, 'utf8'), { bom: true });
  const [header = [], ...originals] = records;
  const random = seededRandom(seed);
  const kind = header.map((name) => {
    if (ID_COLUMNS.includes(name)) return 'id';
    if (KEEP_COLUMNS.includes(name)) return 'keep';
    if (INTEGER_COLUMNS.includes(name)) return 'integer';
    if (DECIMAL_COLUMNS.includes(name)) return 'decimal';
    return 'text';
  });
  const out = createWriteStream(file);
  const write = (text: string) =>
    new Promise<void>((resolve) => (out.write(text) ? resolve() : out.once('drain', () => resolve())));
  await write(stringify([header]));
  const batch: string[][] = [];
  for (let n = 0; n < rows; n++) {
    const original = originals[Math.floor(random() * originals.length)] ?? [];
    batch.push(
      original.map((cell, column) => {
        switch (kind[column]) {
          case 'id':
            return column === 0
              ? `r${String(n).padStart(7, '0')}-${Math.floor(random() * 1e9).toString(16)}`
              : String(1_000_000 + n);
          case 'integer':
            return cell === '' ? '' : String(jitter(Number(cell), random, 0));
          case 'decimal':
            return cell === '' ? '' : String(jitter(Number(cell), random, 2));
          case 'text':
            return random() < SWAP_CHANCE
              ? ((originals[Math.floor(random() * originals.length)] ?? [])[column] ?? cell)
              : cell;
          default:
            return cell;
        }
      }),
    );
    if (batch.length === 5000) {
      await write(stringify(batch));
      batch.length = 0;
    }
  }
  await write(stringify(batch));
  await new Promise<void>((resolve) => out.end(resolve));
}
