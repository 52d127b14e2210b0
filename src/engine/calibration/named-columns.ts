// Columns the user names (the outcome, columns to exclude or keep), found as the scorer finds rule columns,
// and the error that stops a calibration or comparison, with the closest header as a suggestion.
import { findColumn } from '../columns';
import { closest } from '../validate';

/** A problem with the request itself (a column that is not there, outcomes that cannot be read). */
export class CalibrationError extends Error {}

/** The index of a column the user named, or a CalibrationError that lists the columns and the closest one. */
export function requireColumn(header: readonly unknown[], name: string, role: string): number {
  const index = findColumn(header, name);
  if (index >= 0) return index;
  const names = header.map((cell) => String(cell ?? '').trim()).filter((cell) => cell !== '');
  const guess = closest(name, names);
  throw new CalibrationError(
    `There is no ${role} column '${name}'.${guess ? ` Did you mean '${guess}'?` : ''} The columns are: ${names.map((cell) => `'${cell}'`).join(', ')}.`,
  );
}
