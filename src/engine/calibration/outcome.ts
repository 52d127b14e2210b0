// Reads an outcome column (Converted 0/1, Won/Lost, Closed Won, lifecycle stage Customer) as 1, 0 or unknown.
import { normaliseText } from '../normalise';

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
