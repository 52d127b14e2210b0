// Messy imported cell values (CSV exports, form sheets, CRM syncs) -> typed values, purely and fast.
//
// Decisions (the scorer, the custom functions and the sidebar preview all rely on them):
// - Everything is UTC. Strings without a zone are read as UTC and serial numbers as UTC days;
//   converting from the spreadsheet's time zone is the adapter's job, not the engine's.
// - toNumber of a range ("51-200", "1,001-5,000") is its lower bound, of "10,000+" / ">500" / "<10"
//   the number written: it is the only figure the source gives, and it keeps "employees >= 50"
//   false for "<10" and true for "51-200".
// - "10%" is 0.1, as Sheets hands a percent-formatted cell to a script.
// - A single '.' is always a decimal point ("1.234" = 1.234); a single ',' followed by exactly three
//   digits after a 1-3 digit integer that does not start with 0 is a thousands separator
//   ("3,500" = 3500), any other single ',' is a decimal comma ("3,5" = 3.5, "0,500" = 0.5).
// - Numbers read as dates only in the serial range [SERIAL_MIN, SERIAL_MAX] (1954-10-03 to
//   2119-01-11), as epoch seconds in [1e9, 1e11) and as epoch milliseconds from 1e11, so counts
//   such as visits or employees are not mistaken for dates.
// - Numeric dates are month-first ("3/15/2024") unless the day is > 12 or `dayFirst` is set; a date
//   written with dots ("15.03.2024") is day-first unless `dayFirst: false`. Two-digit years 00-29
//   are 2000-2029 and 30-99 are 1930-1999, as in Sheets.

/** Lower-case cell texts that mean "no value" in real exports (form defaults, CRM placeholders). */
export const DEFAULT_MISSING_TOKENS: readonly string[] = [
  'select',
  'n/a',
  'n.a.',
  'na',
  'n.a',
  '-',
  '--',
  '---',
  '–',
  '—',
  '.',
  '?',
  'none',
  '(none)',
  'null',
  'nil',
  'nan',
  'undefined',
  'unknown',
  '(unknown)',
  'not available',
  'not applicable',
  'not provided',
  'not specified',
  '(not set)',
  '(blank)',
  '(empty)',
  'tbd',
];

/** Spreadsheet serial day numbers read as dates (1954-10-03 .. 2119-01-11); see the header. */
export const SERIAL_MIN = 20000;
export const SERIAL_MAX = 80000;
/** Serial day of 1970-01-01 (Sheets counts days from 1899-12-30). */
const SERIAL_UNIX_EPOCH = 25569;
const DAY_MS = 86_400_000;
/** The largest time a JavaScript Date can hold. */
const MAX_TIME = 8.64e15;

// ---------------------------------------------------------------------------------------------
// Dates and errors

const objectToString = Object.prototype.toString;
const dateGetTime = Date.prototype.getTime;

/** Epoch ms of a valid Date from any realm, else null. getTime.call checks the internal slot, so a
 * fake object that merely claims to be a Date (Symbol.toStringTag) is rejected without throwing. */
/** The epoch ms of a valid Date (any realm), else null. */
export function dateTime(value: unknown): number | null {
  if (typeof value !== 'object' || value === null) return null;
  if (!(value instanceof Date) && objectToString.call(value) !== '[object Date]') return null;
  try {
    const time = dateGetTime.call(value);
    return Number.isNaN(time) ? null : time;
  } catch {
    return null;
  }
}

/** True for a valid Date, including one made in another realm (iframe, vm context). */
export function isDateValue(value: unknown): value is Date {
  return dateTime(value) !== null;
}

export const ERROR_VALUES: ReadonlySet<string> = new Set([
  '#n/a',
  '#ref!',
  '#value!',
  '#div/0!',
  '#name?',
  '#num!',
  '#null!',
  '#error!',
  '#spill!',
  '#calc!',
  '#field!',
  '#blocked!',
  '#unknown!',
  '#connect!',
  '#busy!',
  '#getting_data',
]);

/** True for a spreadsheet error value as scripts and CSV exports see it ("#N/A", "#REF!"...). */
export function isErrorValue(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const text = value.trim();
  // Cheap reject before allocating: every error starts with '#' and is short.
  if (text.charCodeAt(0) !== 35 || text.length > 13) return false;
  return ERROR_VALUES.has(text.toLowerCase());
}

// ---------------------------------------------------------------------------------------------
// Text

/** Characters that vanish (zero-width spaces and joiners, soft hyphen, emoji variation selector). */
const INVISIBLE = /\u00ad|[\u200b-\u200d]|\u2060|\ufe0e|\ufe0f/g;
/** Any run of whitespace, including NBSP, thin and ideographic spaces (JavaScript's \s covers them). */
const WHITESPACE_RUN = /\s+/g;

/** True when `text` is printable ASCII with single inner spaces only, so only case can change. */
function isTidyAscii(text: string): boolean {
  let previousSpace = true; // a leading space is untidy
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 32) {
      if (previousSpace) return false;
      previousSpace = true;
    } else if (code > 32 && code < 127) {
      previousSpace = false;
    } else {
      return false;
    }
  }
  return !previousSpace;
}

function tidyString(text: string): string {
  if (text.length === 0) return text;
  // Fast path for the common case: NFKC is the identity on ASCII, so skip it and the regexes.
  if (isTidyAscii(text)) return text.toLowerCase();
  return text.replace(INVISIBLE, '').normalize('NFKC').replace(WHITESPACE_RUN, ' ').trim().toLowerCase();
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** yyyy-mm-dd of an epoch-ms time, in UTC. */
function isoDay(time: number): string {
  const date = new Date(time);
  const year = date.getUTCFullYear();
  const yearText = year >= 0 && year <= 9999 ? String(year).padStart(4, '0') : String(year);
  return `${yearText}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
}

/**
 * The comparable text form of a cell: NFKC (full-width -> ASCII), invisible characters removed,
 * whitespace (NBSP included) collapsed to one space, trimmed, lower-cased. Numbers use JavaScript's
 * shortest form ("1", not "1.0"), booleans 'true'/'false', Dates 'yyyy-mm-dd' in UTC, null/undefined ''.
 */
export function normaliseText(value: unknown): string {
  if (typeof value === 'string') return tidyString(value);
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '';
    return value === 0 ? '0' : String(value).toLowerCase();
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    const time = dateTime(value);
    if (time !== null) return isoDay(time);
    if (objectToString.call(value) === '[object Date]') return ''; // an invalid Date
  }
  try {
    return tidyString(String(value));
  } catch {
    // Objects without a usable toString (Object.create(null), throwing getters) have no text.
    return '';
  }
}

/** The default missing tokens plus `extra`, normalised like normaliseText so lookups are exact. */
export function missingTokenSet(extra?: readonly string[]): ReadonlySet<string> {
  const set = new Set<string>();
  for (const token of DEFAULT_MISSING_TOKENS) set.add(normaliseText(token));
  if (extra) {
    for (const token of extra) {
      const text = normaliseText(token);
      if (text !== '') set.add(text);
    }
  }
  return set;
}

/** '', null, undefined, whitespace, a missing token ("Select", "N/A"), an error value or an invalid Date. */
export function isBlank(value: unknown, missing: ReadonlySet<string>): boolean {
  if (typeof value === 'string') {
    if (value.length === 0) return true;
    const text = tidyString(value);
    return text.length === 0 || missing.has(text) || (text.charCodeAt(0) === 35 && ERROR_VALUES.has(text));
  }
  if (typeof value === 'number') return Number.isNaN(value);
  if (typeof value === 'boolean') return false;
  if (value === null || value === undefined) return true;
  if (typeof value === 'object' && objectToString.call(value) === '[object Date]')
    return dateTime(value) === null;
  return false;
}

// ---------------------------------------------------------------------------------------------
// Numbers

/** Plain numbers, the overwhelmingly common case: parsed without any clean-up. */
export const SIMPLE_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
export const SCIENTIFIC = /^(\d+(?:\.\d*)?|\.\d+)e([+-]?\d+)$/;
/** Unicode minus and similar signs NFKC leaves alone. */
export const MINUS_SIGNS = /[\u2212\u2012\ufe63\uff0d]/g;
/** "a - b", "a – b", "a to b"; neither side may hold another dash, so "-5" and dates stay out. */
export const RANGE =
  /^([^-\u2013\u2014]*?\d[^-\u2013\u2014]*?)\s*(?:-|\u2013|\u2014|\bto\b)\s*([^-\u2013\u2014]*\d[^-\u2013\u2014]*)$/;
export const COMPARATOR = /^(?:<=|>=|=<|=>|<|>|\u2264|\u2265|~|\u2248)\s*/;
export const CURRENCY_CODES =
  'usd|eur|gbp|jpy|inr|brl|cad|aud|nzd|chf|cny|rmb|hkd|sgd|mxn|sek|nok|dkk|pln|zar|krw|rub|try|ils|aed|sar|czk|huf|kr|rs\\.?';
export const CURRENCY_SYMBOLS =
  '[\u20ac\u00a3\u00a5\u20b9\u20a9\u20bd\u20ba\u20aa\u20ab\u0e3f\u20b1\u20a6\u00a2]';
/** "$", "US$", "R$", "€", "USD" (a code must not run into a word: "usdollars" is not "usd"). */
const CURRENCY_PREFIX = new RegExp(
  `^(?:[a-z]{0,3}\\$|${CURRENCY_SYMBOLS}|(?:${CURRENCY_CODES})(?![a-z]))\\s*`,
);
const CURRENCY_SUFFIX = new RegExp(`\\s*(?:\\$|${CURRENCY_SYMBOLS}|(?<![a-z])(?:${CURRENCY_CODES}))$`);
export const MULTIPLIER = /^(.*?\d)\s*(k|thousand|mm|mn|mio|million|m|bn|billion|b)$/;
export const MULTIPLIER_EXPONENT: Readonly<Record<string, number>> = {
  k: 3,
  thousand: 3,
  m: 6,
  mm: 6,
  mn: 6,
  mio: 6,
  million: 6,
  b: 9,
  bn: 9,
  billion: 9,
};
export const DIGITS_AND_SEPARATORS = /^[\d.,'\u2019 ]*\d[\d.,'\u2019 ]*$|^[\d.,'\u2019 ]*[.,]$/;
const ONLY_DIGITS = /^\d*$/;
const THOUSANDS_LEAD = /^[1-9]\d{0,2}$/;
/** An integer part with one consistent thousands separator: "1,234,567", "1.234", "1 234", "1'234". */
const GROUPED = /^\d{1,3}([,.'\u2019 ])\d{3}(?:\1\d{3})*$/;
const NON_DIGITS = /\D/g;

/** Text prepared for number and date parsing: tidy, with Unicode minus signs made ASCII. */
function prepare(text: string): string {
  const tidy = tidyString(text);
  return tidy.replace(MINUS_SIGNS, '-');
}

/**
 * The digits of a number written with thousands separators and a decimal point or comma, as a
 * plain "123.45" string (null when the separators are inconsistent). See the header for the rules.
 */
function plainDigits(text: string): string | null {
  if (!DIGITS_AND_SEPARATORS.test(text)) return null;
  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  let decimalAt = -1;
  if (lastComma >= 0 && lastDot >= 0) {
    decimalAt = Math.max(lastComma, lastDot);
  } else if (lastDot >= 0) {
    decimalAt = text.indexOf('.') === lastDot ? lastDot : -1;
  } else if (lastComma >= 0 && text.indexOf(',') === lastComma) {
    const isThousands = text.length - lastComma - 1 === 3 && THOUSANDS_LEAD.test(text.slice(0, lastComma));
    decimalAt = isThousands ? -1 : lastComma;
  }
  const integer = decimalAt >= 0 ? text.slice(0, decimalAt) : text;
  const fraction = decimalAt >= 0 ? text.slice(decimalAt + 1) : '';
  if (!ONLY_DIGITS.test(fraction)) return null;
  let digits = integer;
  if (!ONLY_DIGITS.test(integer)) {
    const grouped = GROUPED.exec(integer);
    if (!grouped || (decimalAt >= 0 && grouped[1] === text.charAt(decimalAt))) return null;
    digits = integer.replace(NON_DIGITS, '');
  }
  if (digits === '' && fraction === '') return null;
  return fraction === '' ? digits || '0' : `${digits || '0'}.${fraction}`;
}

/** Reads "$(1,234.50)", "-€1.234,56", "12.5%", "1.2k", "3M USD", ">500", "10,000+"; null otherwise. */
function parseAmount(input: string): number | null {
  let text = input.trim();
  let negative = false;
  let exponent = 0;
  const comparator = COMPARATOR.exec(text);
  if (comparator) text = text.slice(comparator[0].length);
  if (text.endsWith('+') && text.length > 1) text = text.slice(0, -1).trimEnd();
  let signed = false;
  for (let pass = 0; pass < 2; pass++) {
    // Sign, accounting parentheses and currency may come in either order: "-$5", "$-5", "$(5)", "($5)".
    if (text.length > 2 && text.charCodeAt(0) === 40 && text.charCodeAt(text.length - 1) === 41) {
      negative = !negative;
      text = text.slice(1, -1).trim();
    }
    const first = text.charCodeAt(0);
    if (!signed && (first === 45 || first === 43)) {
      signed = true;
      if (first === 45) negative = !negative;
      text = text.slice(1).trimStart();
    }
    if (pass === 0) {
      const currency = CURRENCY_PREFIX.exec(text);
      if (currency) text = text.slice(currency[0].length);
    }
  }
  if (text.endsWith('%')) {
    exponent -= 2;
    text = text.slice(0, -1).trimEnd();
  }
  const currency = CURRENCY_SUFFIX.exec(text);
  if (currency) text = text.slice(0, currency.index);
  if (exponent === 0 && text.endsWith('%')) {
    exponent -= 2;
    text = text.slice(0, -1).trimEnd();
  }
  const multiplier = MULTIPLIER.exec(text);
  if (multiplier) {
    exponent += MULTIPLIER_EXPONENT[multiplier[2] ?? ''] ?? 0;
    text = multiplier[1] ?? '';
  }
  let value: number;
  const scientific = SCIENTIFIC.exec(text);
  if (scientific) {
    // Shift the exponent in text so "1.1k" is exactly 1100, not 1100.0000000000002.
    value = Number(`${scientific[1]}e${Number(scientific[2]) + exponent}`);
  } else {
    const digits = plainDigits(text);
    if (digits === null) return null;
    value = exponent === 0 ? Number(digits) : Number(`${digits}e${exponent}`);
  }
  if (!Number.isFinite(value)) return null;
  return negative && value !== 0 ? -value : value;
}

/** True when `text` holds an ASCII or full-width digit: text without one is never a number, and
 * most text cells ("Email Opened", "No") are rejected here without any regex or allocation. */
function hasDigit(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code >= 48 && code <= 57) || (code >= 0xff10 && code <= 0xff19)) return true;
  }
  return false;
}

/**
 * A number from a cell: finite numbers pass through; text may carry thousands separators (incl.
 * NBSP, thin space, apostrophe), currency symbols or codes, '%', accounting parentheses, a sign,
 * k/M/bn suffixes, scientific notation, full-width digits; ranges give their lower bound. Text with
 * words ("5 visits"), booleans, Dates and everything else give null. See the header for the rules.
 */
export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  if (SIMPLE_NUMBER.test(value)) {
    const number = Number(value);
    return Number.isFinite(number) ? number : null;
  }
  if (!hasDigit(value)) return null;
  const text = prepare(value);
  const range = RANGE.exec(text);
  if (range) {
    const low = parseAmount(range[1] ?? '');
    const high = parseAmount(range[2] ?? '');
    if (low !== null && high !== null) return low <= high ? low : null;
  }
  return parseAmount(text);
}

// ---------------------------------------------------------------------------------------------
// Booleans

export const TRUE_TEXTS: ReadonlySet<string> = new Set([
  'yes',
  'y',
  'true',
  't',
  '1',
  '1.0',
  'x',
  '\u2713', // ✓
  '\u2714', // ✔
  '\u2611', // ☑
  '\u2705', // ✅
  'checked',
  'on',
  'opted in',
  'opted-in',
  'opt in',
  'opt-in',
  'si',
  's\u00ed',
  'sim',
  'oui',
  'ja',
]);

export const FALSE_TEXTS: ReadonlySet<string> = new Set([
  'no',
  'n',
  'false',
  'f',
  '0',
  '0.0',
  'unchecked',
  'off',
  'opted out',
  'opted-out',
  'opt out',
  'opt-out',
  '\u2717', // ✗
  '\u2718', // ✘
  '\u2610', // ☐
  '\u274c', // ❌
  'n\u00e3o',
  'nao',
  'non',
  'nein',
]);

/** Yes/no from a cell: booleans pass, 1/0 numbers, and yes/no words and check marks; else null. */
export function toBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : null;
  if (typeof value !== 'string' || value.length === 0) return null;
  const text = tidyString(value);
  if (TRUE_TEXTS.has(text)) return true;
  if (FALSE_TEXTS.has(text)) return false;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Dates and times

const TIME = '(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?\\s*(am|pm|a\\.m\\.|p\\.m\\.)?';
const ZONE = '\\s*(z|utc|gmt|[+-]\\d{2}(?::?\\d{2})?)?';
export const TIME_PART = `(?:(?:t|\\s+|,\\s*|\\s+at\\s+)${TIME}${ZONE})?`;
export const WEEKDAY = '(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\\.?,?\\s+)?';
/** 2024-03-12, 2024/03/12, 2024-03-12T09:14:00.000Z, 2024-03-12 09:14 */
const YEAR_FIRST = new RegExp(`^(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})${TIME_PART}$`);
/** 3/15/2024, 15/03/2024, 15.03.2024, 03/15/24, 3/15/2024 2:30 pm */
const NUMERIC = new RegExp(`^(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{4}|\\d{2})${TIME_PART}$`);
/** Mar 15, 2024; March 15 2024; Friday, March 15, 2024 2:30 PM */
export const MONTH_NAME_FIRST = new RegExp(
  `^${WEEKDAY}([a-z]+)\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${TIME_PART}$`,
);
/** 15 Mar 2024; 15-Mar-2024; 15th March, 2024; 15-mar-24 */
export const DAY_FIRST_NAMED = new RegExp(
  `^${WEEKDAY}(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+|-|\\.\\s*)([a-z]+)\\.?,?(?:\\s+|-)(\\d{4}|\\d{2})${TIME_PART}$`,
);

export const MONTHS: ReadonlyMap<string, number> = new Map([
  ['jan', 1],
  ['january', 1],
  ['feb', 2],
  ['february', 2],
  ['mar', 3],
  ['march', 3],
  ['apr', 4],
  ['april', 4],
  ['may', 5],
  ['jun', 6],
  ['june', 6],
  ['jul', 7],
  ['july', 7],
  ['aug', 8],
  ['august', 8],
  ['sep', 9],
  ['sept', 9],
  ['september', 9],
  ['oct', 10],
  ['october', 10],
  ['nov', 11],
  ['november', 11],
  ['dec', 12],
  ['december', 12],
]);

function monthNumber(name: string | undefined): number {
  return name === undefined ? 0 : (MONTHS.get(name) ?? 0);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil), any year. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function expandYear(text: string): number {
  const year = Number(text);
  if (text.length !== 2) return year;
  return year < 30 ? 2000 + year : 1900 + year;
}

/** Epoch ms of a calendar date and optional time captured by the TIME_PART groups; null when invalid. */
function buildTime(
  year: number,
  month: number,
  day: number,
  parts: RegExpExecArray,
  at: number,
): number | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const monthDays = month === 2 && isLeapYear(year) ? 29 : (MONTH_DAYS[month - 1] ?? 0);
  if (day > monthDays) return null;
  let time = daysFromCivil(year, month, day) * DAY_MS;
  const hourText = parts[at];
  if (hourText === undefined) return time;
  let hour = Number(hourText);
  const minute = Number(parts[at + 1]);
  const second = parts[at + 2] === undefined ? 0 : Number(parts[at + 2]);
  const fraction = parts[at + 3];
  const meridiem = parts[at + 4];
  const zone = parts[at + 5];
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return null;
    const pm = meridiem.charCodeAt(0) === 112; // 'p'
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return null;
  time += hour * 3_600_000 + minute * 60_000 + second * 1000;
  if (fraction !== undefined) time += Math.floor(Number(`0.${fraction}`) * 1000);
  if (zone !== undefined && zone !== 'z' && zone !== 'utc' && zone !== 'gmt') {
    const sign = zone.charCodeAt(0) === 45 ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const zoneHours = Number(digits.slice(0, 2));
    const zoneMinutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (zoneHours > 14 || zoneMinutes > 59) return null;
    // A local time at +hh:mm is that much earlier in UTC.
    time -= sign * (zoneHours * 3_600_000 + zoneMinutes * 60_000);
  }
  return time;
}

function parseDateText(text: string, dayFirst: boolean | undefined): number | null {
  const first = text.charCodeAt(0);
  const startsWithDigit = first >= 48 && first <= 57;
  if (startsWithDigit) {
    const iso = YEAR_FIRST.exec(text);
    if (iso) return buildTime(Number(iso[1]), Number(iso[3]), Number(iso[4]), iso, 5);
    const numeric = NUMERIC.exec(text);
    if (numeric) {
      const a = Number(numeric[1]);
      const b = Number(numeric[3]);
      const year = expandYear(numeric[4] ?? '');
      let readDayFirst: boolean;
      if (a > 12 && b <= 12) readDayFirst = true;
      else if (b > 12 && a <= 12) readDayFirst = false;
      else if (a > 12 && b > 12) return null;
      else readDayFirst = dayFirst ?? numeric[2] === '.';
      return readDayFirst ? buildTime(year, b, a, numeric, 5) : buildTime(year, a, b, numeric, 5);
    }
    const named = DAY_FIRST_NAMED.exec(text);
    if (named)
      return buildTime(expandYear(named[3] ?? ''), monthNumber(named[2]), Number(named[1]), named, 4);
    return null;
  }
  const monthFirst = MONTH_NAME_FIRST.exec(text);
  if (monthFirst)
    return buildTime(Number(monthFirst[3]), monthNumber(monthFirst[1]), Number(monthFirst[2]), monthFirst, 4);
  const named = DAY_FIRST_NAMED.exec(text);
  if (named) return buildTime(expandYear(named[3] ?? ''), monthNumber(named[2]), Number(named[1]), named, 4);
  return null;
}

/**
 * Epoch ms (UTC) of a date cell: Dates from any realm; serial day numbers, epoch seconds and epoch
 * ms in the ranges named in the header; ISO, US, day-first and month-name strings. Invalid calendar
 * dates (Feb 30) and everything else give null.
 */
export function toTime(value: unknown, options?: { dayFirst?: boolean }): number | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    if (value >= SERIAL_MIN && value <= SERIAL_MAX) return Math.round((value - SERIAL_UNIX_EPOCH) * DAY_MS);
    if (value >= 1e11 && value <= MAX_TIME) return value;
    if (value >= 1e9 && value < 1e11) return value * 1000;
    return null;
  }
  if (typeof value === 'string') {
    if (value.length < 6 || value.length > 80 || !hasDigit(value)) return null;
    const text = prepare(value);
    return text.length < 6 ? null : parseDateText(text, options?.dayFirst);
  }
  return dateTime(value);
}
