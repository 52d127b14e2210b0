// Day-first or month-first: which order the file's numeric dates (3/4/2024) use, and how the engine hears it.
//
// The engine reads "3/4/2024" month-first and "3.4.2024" day-first unless told otherwise, and any date whose
// first number is above 12 day-first (normalise.ts). A file exported in a day-first locale (Salesforce and
// Excel write dates in the user's locale) shows its order as soon as one day is above 12: "15/03/2024" can
// only be day-first, "03/15/2024" only month-first. The chosen order reaches the engine by rewriting every
// date whose reading depends on it as an ISO date read with the engine's own toTime(text, { dayFirst }),
// which every condition reads the same way; the file's own text is written back unchanged.
import { columnLetter } from '../../engine/columns';
import { toTime } from '../../engine/normalise';

export type DateOrder = 'dmy' | 'mdy';

export interface DateReading {
  /** The order used, or null when the file has no date whose reading depends on it. */
  order: DateOrder | null;
  /** Where the order came from: the --date-order option, the data, or the engine's default reading. */
  source: 'option' | 'data' | 'default';
  /** Header names of the columns holding numeric dates. */
  columns: string[];
  warnings: string[];
  /** The rows as the engine should read them: the same arrays where nothing changed. */
  engineRows: string[][];
}

/** d/m/y or m/d/y with '/', '-' or '.', then optionally a time: the only dates whose order is in doubt. */
const NUMERIC_DATE = /^\s*(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.-])/;
const DAY_MS = 86_400_000;

interface ColumnEvidence {
  /** Rows (0-based) with a first number above 12: only day-first. */
  dayFirst: number;
  monthFirst: number;
  /** Both numbers 12 or below and different: either order. */
  ambiguous: number;
  /** Dates written with dots, which the engine reads day-first by default. */
  dotted: number;
  dates: number;
}

function columnName(header: readonly string[], column: number): string {
  const name = (header[column] ?? '').trim();
  return name === '' ? `column ${columnLetter(column)}` : `'${name}'`;
}

/** A digit, or a space or tab before one, comes first. */
function startsLikeNumber(text: string): boolean {
  const code = text.charCodeAt(0);
  return (code >= 48 && code <= 57) || code === 32 || code === 9;
}

function gatherEvidence(rows: readonly (readonly string[])[]): Map<number, ColumnEvidence> {
  const evidence = new Map<number, ColumnEvidence>();
  for (const row of rows) {
    for (let column = 0; column < row.length; column++) {
      const text = row[column] ?? '';
      if (!startsLikeNumber(text)) continue; // most cells: no regex at all
      const match = NUMERIC_DATE.exec(text);
      if (!match) continue;
      const first = Number(match[1]);
      const second = Number(match[3]);
      let entry = evidence.get(column);
      if (!entry) {
        entry = { dayFirst: 0, monthFirst: 0, ambiguous: 0, dotted: 0, dates: 0 };
        evidence.set(column, entry);
      }
      entry.dates++;
      if (match[2] === '.') entry.dotted++;
      if (first > 12 && second <= 12) entry.dayFirst++;
      else if (second > 12 && first <= 12) entry.monthFirst++;
      else if (first <= 12 && second <= 12 && first !== second) entry.ambiguous++;
    }
  }
  return evidence;
}

function names(header: readonly string[], columns: readonly number[]): string {
  return columns.map((column) => columnName(header, column)).join(', ');
}

/** The ISO form of a time: a date alone at midnight, else the full UTC date and time. */
function isoText(time: number): string {
  const iso = new Date(time).toISOString();
  return time % DAY_MS === 0 ? iso.slice(0, 10) : iso;
}

/** Rewrites the dates whose reading differs between `order` and the engine's default reading. */
function rewriteRows(rows: string[][], columns: readonly number[], order: DateOrder): string[][] {
  const dayFirst = order === 'dmy';
  return rows.map((row) => {
    let copy: string[] | null = null;
    for (const column of columns) {
      const text = row[column] ?? '';
      if (!startsLikeNumber(text) || !NUMERIC_DATE.test(text)) continue;
      const chosen = toTime(text, { dayFirst });
      if (chosen === null || chosen === toTime(text)) continue;
      copy ??= [...row];
      copy[column] = isoText(chosen);
    }
    return copy ?? row;
  });
}

/**
 * Decides the date order of `rows` (data rows, cells as text) from `option` or from the data, with warnings
 * for contradictions and for dates that could be read either way, and gives the rows as the engine reads them.
 */
export function readDateOrder(
  header: readonly string[],
  rows: string[][],
  option: DateOrder | undefined,
): DateReading {
  const evidence = gatherEvidence(rows);
  const dateColumns = [...evidence.keys()].sort((a, b) => a - b);
  const columns = dateColumns.map((column) => (header[column] ?? '').trim());
  const dayFirst = dateColumns.filter((column) => (evidence.get(column)?.dayFirst ?? 0) > 0);
  const monthFirst = dateColumns.filter((column) => (evidence.get(column)?.monthFirst ?? 0) > 0);
  const ambiguous = dateColumns.filter((column) => (evidence.get(column)?.ambiguous ?? 0) > 0);
  const warnings: string[] = [];

  let order: DateOrder | null = null;
  let source: DateReading['source'] = 'default';
  if (option) {
    order = option;
    source = 'option';
    const against = option === 'dmy' ? monthFirst : dayFirst;
    if (against.length > 0)
      warnings.push(
        `--date-order ${option}, but ${names(header, against)} also ${against.length === 1 ? 'has' : 'have'} dates that can only be ${option === 'dmy' ? 'month-first (second number above 12)' : 'day-first (first number above 12)'}; those are read that way`,
      );
  } else if (dayFirst.length > 0 && monthFirst.length > 0) {
    warnings.push(
      `dates disagree on their order: ${names(header, dayFirst)} ${dayFirst.length === 1 ? 'has' : 'have'} day-first dates (first number above 12), ${names(header, monthFirst)} month-first ones (second number above 12): each is read the only way it can be, and dates that fit either order month-first (dotted ones day-first); pass --date-order dmy or mdy to choose`,
    );
  } else if (dayFirst.length > 0) {
    order = 'dmy';
    source = 'data';
  } else if (monthFirst.length > 0) {
    order = 'mdy';
    source = 'data';
  } else if (ambiguous.length > 0) {
    const slashed = ambiguous.filter((column) => {
      const entry = evidence.get(column);
      return entry !== undefined && entry.dotted < entry.dates;
    });
    if (slashed.length > 0)
      warnings.push(
        `dates in ${names(header, slashed)} could be day-first or month-first (no day above 12): read month-first (3/4/2024 = March 4); pass --date-order dmy if they are day-first`,
      );
  }
  const engineRows = order ? rewriteRows(rows, dateColumns, order) : rows;
  return { order: order ?? null, source, columns, warnings, engineRows };
}
