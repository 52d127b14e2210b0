// Reads an outcome column (Converted 0/1, Won/Lost, Closed Won, lifecycle stage Customer) as 1, 0 or unknown.
import { normaliseText } from '../normalise';
import { TableEncoder } from './encode';
import { CalibrationError } from './named-columns';

export const DEFAULT_POSITIVE_OUTCOMES: readonly string[] = [
  '1',
  'true',
  'yes',
  'y',
  'won',
  'closed won',
  'closed - won',
  'converted',
  'closed - converted',
  'customer',
];
export const DEFAULT_NEGATIVE_OUTCOMES: readonly string[] = [
  '0',
  'false',
  'no',
  'n',
  'lost',
  'closed lost',
  'closed - lost',
  'closed - not converted',
  'unqualified',
  'not converted',
];

/**
 * A reader for one outcome column. Known positive words are 1 and known negative words 0. Other filled values
 * are `unknownAs`: 0 for a column such as Lifecycle Stage (Customer vs Lead, MQL...), null (left out) for one
 * that has explicit losses, where other values are open deals. With explicit positive values, anything else
 * filled is 0.
 */
export function outcomeReader(
  positiveValues?: readonly string[],
  unknownAs: 0 | null = null,
): (cell: unknown) => 0 | 1 | null {
  const positives = new Set(
    (positiveValues ?? DEFAULT_POSITIVE_OUTCOMES).map((value) => normaliseText(value)),
  );
  const negatives = new Set(DEFAULT_NEGATIVE_OUTCOMES.map((value) => normaliseText(value)));
  const explicit = positiveValues !== undefined;
  return (cell) => {
    const text = normaliseText(cell);
    if (text === '') return null;
    if (positives.has(text)) return 1;
    if (explicit || negatives.has(text)) return 0;
    return unknownAs;
  };
}

/** How to read other values of this column: as losses, unless the column names its losses explicitly. */
export function unknownOutcomes(cells: readonly unknown[]): 0 | null {
  const negatives = new Set(DEFAULT_NEGATIVE_OUTCOMES.map((value) => normaliseText(value)));
  return cells.some((cell) => negatives.has(normaliseText(cell))) ? null : 0;
}

/** The labelled rows of a table: which kept rows have a readable outcome, and what it is. */
export interface Outcomes {
  /** Outcome column header as written. */
  column: string;
  /** 0/1 per kept row (rows without a readable outcome hold 0 and are not in `labelled`). */
  outcomes: Uint8Array;
  /** Kept rows with a readable outcome, ascending. */
  labelled: Int32Array;
  conversions: number;
  /** Rows with content but a blank or unreadable outcome, left out. */
  skipped: number;
}

/**
 * Reads an outcome column row by row. `accept` says whether to keep a row (its outcome cell is filled); rows
 * kept are numbered 0, 1, 2... The meaning of values outside the known words depends on the whole column (see
 * unknownOutcomes), so it is settled in `finish`, which also refuses outcomes that cannot be calibrated on.
 */
export class OutcomeCollector {
  private readonly encoder: TableEncoder;
  private blankRows = 0;

  constructor(
    header: readonly unknown[],
    private readonly index: number,
    private readonly positiveValues?: readonly string[],
  ) {
    this.encoder = new TableEncoder(header, [index]);
  }

  accept(row: readonly unknown[]): boolean {
    const cell = row[this.index];
    if (cell === undefined || cell === null || String(cell).trim() === '') {
      if (row.some((value) => value !== undefined && value !== null && String(value).trim() !== ''))
        this.blankRows++;
      return false;
    }
    this.encoder.add(row);
    return true;
  }

  finish(purpose: string): Outcomes {
    const column = this.encoder.finish().columns[0];
    if (!column) throw new CalibrationError('There is no outcome column.');
    const read = outcomeReader(this.positiveValues, unknownOutcomes(column.texts));
    const outcomeOfCode = [null, ...column.texts.map((text) => read(text))];
    const outcomes = new Uint8Array(column.codes.length);
    const labelled: number[] = [];
    let conversions = 0;
    for (let row = 0; row < column.codes.length; row++) {
      const outcome = outcomeOfCode[column.codes[row] as number];
      if (outcome === null || outcome === undefined) continue;
      outcomes[row] = outcome;
      conversions += outcome;
      labelled.push(row);
    }
    // Unknown values count as losses unless the column names its losses, so only an empty column reads nothing.
    if (labelled.length === 0)
      throw new CalibrationError(
        `The outcome column '${column.name}' is blank on every row: fill it in (converted or not) for past leads, or name another column.`,
      );
    if (conversions === 0 || conversions === labelled.length)
      throw new CalibrationError(
        `Every lead with an outcome in '${column.name}' ${conversions === 0 ? 'did not convert' : 'converted'}: ${purpose} needs both converted and other leads.`,
      );
    return {
      column: column.name,
      outcomes,
      labelled: Int32Array.from(labelled),
      conversions,
      skipped: this.blankRows + column.codes.length - labelled.length,
    };
  }
}
