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
 * A reader for one outcome column. With explicit positive values, anything else that is filled counts as
 * not converted; with the defaults, unknown words are left out (null) rather than guessed.
 */
export function outcomeReader(positiveValues?: readonly string[]): (cell: unknown) => 0 | 1 | null {
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
    return null;
  };
}
