// Lead columns read once, row by row, into compact codes: each distinct cell text becomes a small integer.
// Calibration never keeps the raw rows: 200,000 leads take a few megabytes instead of hundreds.

import { isBlank, missingTokenSet, normaliseText, toNumber, toTime } from '../normalise';
import { GrowingArray } from './growing-array';

/** Code 0 is a blank cell (empty, a missing token such as "Select", an error value). */
export const BLANK_CODE = 0;

/** One column as codes per row, with what each code stands for. */
export interface EncodedColumn {
  /** Header as written. */
  readonly name: string;
  /** 0-based position in the header row. */
  readonly index: number;
  /** Code per row: BLANK_CODE, or 1 + the position of the cell's text in `texts`. */
  readonly codes: Int32Array;
  /** The first spelling seen of each distinct value (normalised text decides what is distinct). */
  readonly texts: readonly string[];
  /** The number each code reads as (toNumber), NaN when it is not a number; entry 0 is the blank. */
  readonly numbers: Float64Array;
  /** Whether each code reads as a date and not as a number (entry 0 is the blank). */
  readonly dates: Uint8Array;
  /** Rows per code. */
  readonly counts: Int32Array;
}

export interface EncodedTable {
  readonly rows: number;
  readonly columns: readonly EncodedColumn[];
}

class ColumnEncoder {
  private readonly codes = new GrowingArray(new Int32Array(1024));
  /** Raw cell -> code, so a repeated cell skips normalisation. Bounded: free-text columns fall back. */
  private readonly byRaw = new Map<string, number>();
  private readonly byText = new Map<string, number>();
  readonly texts: string[] = [];

  constructor(
    readonly name: string,
    readonly index: number,
    private readonly missing: ReadonlySet<string>,
  ) {}

  add(cell: unknown): void {
    if (typeof cell === 'string') {
      const known = this.byRaw.get(cell);
      if (known !== undefined) {
        this.codes.push(known);
        return;
      }
      const code = this.codeOf(cell);
      if (this.byRaw.size < 100_000) this.byRaw.set(cell, code);
      this.codes.push(code);
      return;
    }
    this.codes.push(this.codeOf(cell));
  }

  private codeOf(cell: unknown): number {
    if (isBlank(cell, this.missing)) return BLANK_CODE;
    const text = normaliseText(cell);
    let code = this.byText.get(text);
    if (code === undefined) {
      this.texts.push(typeof cell === 'string' ? cell.trim() : text);
      code = this.texts.length;
      this.byText.set(text, code);
    }
    return code;
  }

  finish(): EncodedColumn {
    const codes = this.codes.toArray();
    const size = this.texts.length + 1;
    const numbers = new Float64Array(size);
    const dates = new Uint8Array(size);
    numbers[0] = Number.NaN;
    this.texts.forEach((text, position) => {
      const number = toNumber(text);
      numbers[position + 1] = number === null ? Number.NaN : number;
      dates[position + 1] = number === null && toTime(text) !== null ? 1 : 0;
    });
    const counts = new Int32Array(size);
    for (let row = 0; row < codes.length; row++) {
      const code = codes[row] as number;
      counts[code] = (counts[code] as number) + 1;
    }
    return { name: this.name, index: this.index, codes, texts: this.texts, numbers, dates, counts };
  }
}

/**
 * Encodes the chosen columns of rows fed one at a time (a streamed CSV, a sheet read in chunks). Blank means
 * what it means to the scorer with the default missing tokens, and values are told apart by their normalised
 * text, so a code matches exactly what an `equals` rule on that value matches.
 */
export class TableEncoder {
  private readonly encoders: ColumnEncoder[];
  private rowCount = 0;

  constructor(header: readonly unknown[], columns: readonly number[], missingTokens?: readonly string[]) {
    const missing = missingTokenSet(missingTokens);
    this.encoders = columns.map(
      (index) => new ColumnEncoder(String(header[index] ?? '').trim(), index, missing),
    );
  }

  add(row: readonly unknown[]): void {
    for (const encoder of this.encoders) encoder.add(row[encoder.index]);
    this.rowCount++;
  }

  finish(): EncodedTable {
    return { rows: this.rowCount, columns: this.encoders.map((encoder) => encoder.finish()) };
  }
}

/** Encodes a whole table at once. */
export function encodeTable(
  header: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  columns: readonly number[],
): EncodedTable {
  const encoder = new TableEncoder(header, columns);
  for (const row of rows) encoder.add(row);
  return encoder.finish();
}
