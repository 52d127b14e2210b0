// How the add-on writes text so Sheets stores it exactly as given: never a formula, never re-read as a number or date.
//
// Sheets parses a string written by setValues like typed input ("1,000" becomes 1000, "5-25" a date, "+25 Demo
// requested" a broken formula), and which forms it parses depends on the locale. So no string is written bare:
// - cells the add-on formats itself, whole sheets it owns (rules, calibration): plain-text format (@) and the
//   text as given. A plain-text cell keeps everything, and a person editing the rules sheet by hand keeps
//   "51-200" as typed too. Writing an apostrophe there would be wrong: a plain-text cell may keep it.
// - every other cell (the owned columns of the lead sheet, the log): a leading apostrophe before every
//   string. The apostrophe forces text and is not part of the value; it needs no format, so it holds in rows
//   a collaborator or an import adds later, where a column format may not reach. Those columns are given a
//   number format that is not plain text when the add-on creates them.

/** The number format Sheets reports for a cell nobody formatted ("automatic"). */
export const AUTOMATIC_FORMAT = '0.###############';
export const PLAIN_TEXT_FORMAT = '@';
/** A date for the cells that hold one (the rules sheet's "As of"). */
export const DATE_FORMAT = 'yyyy-mm-dd';
/** Sheets refuses a cell with more characters than this. */
export const CELL_CHARACTER_LIMIT = 50_000;

const ELLIPSIS = '…';

function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/**
 * Text for a cell that is not plain text: a leading apostrophe, tabs and carriage returns as spaces (a value
 * starting with one can smuggle a formula past CSV exports of the sheet), cut to the cell limit with an
 * ellipsis (only display text goes here: reasons, log messages, titles).
 */
export function inertText(text: string): string {
  let cleaned = text.replace(/[\t\r]/g, ' ');
  if (cleaned === '') return '';
  if (cleaned.length > CELL_CHARACTER_LIMIT - 1)
    cleaned = `${cleaned.slice(0, CELL_CHARACTER_LIMIT - 2)}${ELLIPSIS}`;
  return `'${cleaned}`;
}

/** Numbers, booleans and dates pass through; strings become inert text; anything else becomes text. */
export function inertCell(value: unknown): string | number | boolean | Date {
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (isDate(value)) return value;
  if (value === null || value === undefined) return '';
  return inertText(String(value));
}

/** The number format a value needs in a block the add-on formats itself. */
function formatFor(value: unknown): string {
  if (typeof value === 'string') return PLAIN_TEXT_FORMAT;
  if (isDate(value)) return DATE_FORMAT;
  return AUTOMATIC_FORMAT;
}

export interface FormattedBlock {
  values: (string | number | boolean | Date)[][];
  formats: string[][];
}

/** A cell too long for Sheets, named for the person who has to shorten it. */
export class CellTooLongError extends Error {}

/**
 * Values and formats for a block on a sheet the add-on owns: strings in plain-text cells, kept exactly as
 * given; numbers and booleans automatic; dates as dates. Write the formats first, then the values. A string
 * over the cell limit throws CellTooLongError naming `describe(row, column)`, before anything is written.
 */
export function plainTextBlock(
  grid: readonly (readonly unknown[])[],
  describe: (row: number, column: number) => string,
): FormattedBlock {
  const values = grid.map((row, r) =>
    row.map((cell, c) => {
      if (cell === null || cell === undefined) return '';
      if (typeof cell === 'number' || typeof cell === 'boolean' || isDate(cell)) return cell;
      const text = String(cell);
      if (text.length > CELL_CHARACTER_LIMIT)
        throw new CellTooLongError(
          `${describe(r, c)} has ${text.length.toLocaleString('en-US')} characters; a Sheets cell holds at most ${CELL_CHARACTER_LIMIT.toLocaleString('en-US')}. Nothing was written.`,
        );
      return text;
    }),
  );
  return { values, formats: values.map((row) => row.map(formatFor)) };
}

/** Spreadsheets opening a CSV treat text starting with these as a formula. */
const FORMULA_START = /^\s*[=+\-@]/;

/**
 * For CSV files the command line writes (not for cells written through Apps Script): text that a spreadsheet
 * would run as a formula when it opens the file gets a leading apostrophe; numbers, booleans and dates pass.
 */
export function safeCell(value: unknown): string | number | boolean | Date {
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (isDate(value)) return value;
  if (value === null || value === undefined) return '';
  const cleaned = String(value).replace(/[\t\r]/g, ' ');
  return FORMULA_START.test(cleaned) ? `'${cleaned}` : cleaned;
}
