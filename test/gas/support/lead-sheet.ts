// Shared set-up for the adapter tests on the built bundle: the sample lead sheet, set-up scoring, cell readers.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../emulator';
import { loadBundle, REPO_ROOT } from '../../support/bundle';

export const SHEET = 'Contacts';
export const OWNED_HEADERS = ['Lead Score', 'Fit', 'Intent', 'Band', 'Reasons', 'Scored at', 'Model version'];
export const NOW = Date.UTC(2026, 10, 20, 9);

export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** The bundled sample as Sheets holds it after an import: numbers and dates typed. */
export function sampleRows(): unknown[][] {
  const rows = parse(readFileSync(join(REPO_ROOT, 'samples/hubspot-contacts.csv'), 'utf8')) as string[][];
  return rows.map((row, index) =>
    index === 0
      ? row
      : row.map((cell) => {
          if (/^\d+$/.test(cell)) return Number(cell);
          if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(cell)) return new Date(`${cell.replace(' ', 'T')}:00Z`);
          return cell;
        }),
  );
}

/** `count` generated leads in the sample's columns (for the large-sheet tests). */
export function manyRows(count: number): unknown[][] {
  const [header = [], ...sample] = sampleRows();
  return [header, ...Array.from({ length: count }, (_, index) => [...(sample[index % sample.length] ?? [])])];
}

export function loaded(sheets: Record<string, unknown[][]>, options: EmulatorOptions = {}): Emulator {
  const emulator = createEmulator({ sheets, startTime: NOW, ...options });
  loadBundle(emulator);
  return emulator;
}

export function setUp(rows: unknown[][] = sampleRows(), options: EmulatorOptions = {}): Emulator {
  const emulator = loaded({ [SHEET]: rows }, options);
  emulator.ui.answerAlert('YES');
  emulator.invoke('setUpScoring');
  return emulator;
}

export function values(emulator: Emulator, sheet = SHEET): unknown[][] {
  return emulator.sheetValues(sheet);
}

export function columnOf(emulator: Emulator, header: string): unknown[] {
  const grid = values(emulator);
  const index = (grid[0] ?? []).indexOf(header);
  if (index < 0) throw new Error(`no column '${header}' in ${JSON.stringify(grid[0])}`);
  return grid.slice(1).map((row) => row[index]);
}

/** A hash of every cell outside the add-on's columns. */
export function userCellsHash(emulator: Emulator): string {
  const grid = values(emulator);
  const owned = new Set(
    (grid[0] ?? []).flatMap((cell, index) => (OWNED_HEADERS.includes(String(cell)) ? [index] : [])),
  );
  const user = grid.map((row) =>
    row.filter((_, index) => !owned.has(index)).map((cell) => (isDate(cell) ? cell.toISOString() : cell)),
  );
  return createHash('sha256').update(JSON.stringify(user)).digest('hex');
}

export function wholeSheetHash(emulator: Emulator): string {
  const grid = values(emulator).map((row) => row.map((cell) => (isDate(cell) ? cell.toISOString() : cell)));
  return createHash('sha256').update(JSON.stringify(grid)).digest('hex');
}

export function lastToast(emulator: Emulator): string {
  return emulator.ui.toasts.at(-1)?.message ?? '';
}

export function sheetOf(emulator: Emulator, name = SHEET) {
  const sheet = emulator.spreadsheet.getSheetByName(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}
