// Which character separates the fields: comma, semicolon, tab or pipe, sniffed from the first records.
//
// Excel writes the list separator of the Windows region as its CSV delimiter (';' where the decimal mark is a
// comma, as in most of Europe), "Unicode Text" and many "export to Excel" buttons write tabs, and Excel
// honours a first line `sep=;` that names the delimiter; we do too.

export type CsvDelimiter = ',' | ';' | '\t' | '|';

/** In order of preference when two read the sample equally well. */
const CANDIDATES: readonly CsvDelimiter[] = [',', ';', '\t', '|'];
const SAMPLE_RECORDS = 50;
const SEP_LINE = /^sep=(.)\r?\n/i;

export interface SniffedDelimiter {
  delimiter: CsvDelimiter;
  /** The file's first line was Excel's `sep=X` hint (it is not a record). */
  sepLine: boolean;
}

/**
 * For each of the first records, how many times each candidate appears outside double quotes. One pass,
 * quote-aware (a quoted field may hold delimiters and line breaks), so no candidate needs a full parse.
 */
function delimiterCounts(text: string): number[][] {
  const records: number[][] = [];
  let counts = CANDIDATES.map(() => 0);
  let quoted = false;
  let filled = false;
  for (let index = 0; index < text.length && records.length < SAMPLE_RECORDS; index++) {
    const char = text[index];
    if (char === '"') {
      quoted = !quoted; // an escaped "" toggles twice
      filled = true;
    } else if (quoted) {
    } else if (char === '\n' || char === '\r') {
      if (filled) records.push(counts);
      counts = CANDIDATES.map(() => 0);
      filled = false;
    } else {
      const candidate = CANDIDATES.indexOf(char as CsvDelimiter);
      if (candidate >= 0) counts[candidate] = (counts[candidate] ?? 0) + 1;
      if (char !== ' ') filled = true;
    }
  }
  if (filled && records.length < SAMPLE_RECORDS) records.push(counts);
  return records;
}

/**
 * How well one candidate reads the sample: the number of records that have its most common field count
 * (above one), and the first of them. Title rows and report footers are one field under every candidate,
 * so the table's own records decide; when two candidates split as many records, the table starts nearer
 * the top (a comma in a footer line does not make a pipe-separated file comma-separated).
 */
function consistency(counts: readonly number[]): { records: number; first: number; width: number } {
  const frequency = new Map<number, { records: number; first: number }>();
  counts.forEach((count, index) => {
    if (count === 0) return;
    const entry = frequency.get(count + 1);
    if (entry) entry.records++;
    else frequency.set(count + 1, { records: 1, first: index });
  });
  let best = { records: 0, first: Number.POSITIVE_INFINITY, width: 1 };
  for (const [width, entry] of frequency) {
    if (better({ ...entry, width }, best)) best = { ...entry, width };
  }
  return best;
}

function better(
  a: { records: number; first: number; width: number },
  b: { records: number; first: number; width: number },
): boolean {
  if (a.records !== b.records) return a.records > b.records;
  if (a.first !== b.first) return a.first < b.first;
  return a.width > b.width;
}

export function sniffDelimiter(text: string): SniffedDelimiter {
  const hint = SEP_LINE.exec(text);
  const named = hint?.[1] as CsvDelimiter | undefined;
  if (named && CANDIDATES.includes(named)) return { delimiter: named, sepLine: true };
  const records = delimiterCounts(text);
  let best = { delimiter: ',' as CsvDelimiter, records: 0, first: Number.POSITIVE_INFINITY, width: 1 };
  CANDIDATES.forEach((delimiter, candidate) => {
    const score = consistency(records.map((counts) => counts[candidate] ?? 0));
    if (better(score, best)) best = { delimiter, ...score };
  });
  return { delimiter: best.delimiter, sepLine: false };
}
