// Makes every string the add-on writes inert: text that Sheets would read as a formula is stored as plain text.

/** Sheets treats input starting with these as a formula (=), or as one once a user re-enters it (+ - @). */
const FORMULA_START = /^\s*[=+\-@]/;

/**
 * A leading apostrophe tells Sheets "this is text"; it is not part of the stored value. Tabs and carriage
 * returns go too: a value that starts with one can smuggle a formula past CSV exports of the sheet.
 */
export function safeText(text: string): string {
  const cleaned = text.replace(/[\t\r]/g, ' ');
  return FORMULA_START.test(cleaned) ? `'${cleaned}` : cleaned;
}

/** Numbers, booleans and dates pass through; strings are made safe; anything else becomes text. */
export function safeCell(value: unknown): string | number | boolean | Date {
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (Object.prototype.toString.call(value) === '[object Date]') return value as Date;
  if (value === null || value === undefined) return '';
  return safeText(String(value));
}
