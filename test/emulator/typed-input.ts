// Sheets' typed-input parsing: what a string written by setValue(s)/appendRow becomes (number, date, boolean, formula, text).
// Modelled on the strict side: where it is unknown whether Sheets parses a form, this parser parses it.

import { zonedFields } from './date-format';

/** The spreadsheet locales the emulator models: one month-first with '.' decimals, one day-first with ',' decimals. */
export type SheetLocale = 'en_US' | 'de_DE';

export type TypedValue =
  | { kind: 'text'; value: string }
  | { kind: 'number'; value: number; format: string | null }
  | { kind: 'boolean'; value: boolean }
  /** `ms` is the instant of that wall-clock time in the spreadsheet's time zone. */
  | { kind: 'date'; ms: number; format: string }
  /** `valid` false: Sheets cannot parse it, and the cell shows #ERROR! (Formula parse error). */
  | { kind: 'formula'; text: string; valid: boolean };

export interface ParseContext {
  locale: SheetLocale;
  /** The spreadsheet's IANA time zone: typed dates are wall-clock times there. */
  timeZone: string;
  /** Now, for forms without a year ("5-25" is 25 May of this year). */
  now: number;
}

interface LocaleRules {
  decimal: string;
  group: string;
  dayFirst: boolean;
  booleans: Record<string, boolean>;
  months: Record<string, number>;
}

const ENGLISH_MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const GERMAN_MONTHS = [
  'januar',
  'februar',
  'märz',
  'april',
  'mai',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'dezember',
];

function monthNames(lists: readonly (readonly string[])[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const list of lists)
    list.forEach((name, index) => {
      out[name] = index + 1;
      out[name.slice(0, 3)] = index + 1;
    });
  // Common German abbreviations that are not the first three letters.
  out.mrz = 3;
  out.sept = 9;
  return out;
}

const RULES: Record<SheetLocale, LocaleRules> = {
  en_US: {
    decimal: '.',
    group: ',',
    dayFirst: false,
    booleans: { true: true, false: false },
    months: monthNames([ENGLISH_MONTHS]),
  },
  de_DE: {
    decimal: ',',
    group: '.',
    dayFirst: true,
    // Sheets localises TRUE/FALSE as WAHR/FALSCH; the English words are accepted too (strict reading).
    booleans: { true: true, false: false, wahr: true, falsch: false },
    months: monthNames([GERMAN_MONTHS, ENGLISH_MONTHS]),
  },
};

const CURRENCY_START = /^[$€£¥]/;
const CURRENCY_END = /[$€£¥]$/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A number in the locale's spelling: grouping in threes, one decimal separator, an optional exponent. */
function numberPattern(rules: LocaleRules): RegExp {
  const g = escapeRegExp(rules.group);
  const d = escapeRegExp(rules.decimal);
  return new RegExp(
    `^(?:\\d{1,3}(?:${g}\\d{3})+|\\d+)(?:${d}\\d*)?(?:[eE][+-]?\\d+)?$|^${d}\\d+(?:[eE][+-]?\\d+)?$`,
  );
}

const NUMBER_PATTERNS: Record<SheetLocale, RegExp> = {
  en_US: numberPattern(RULES.en_US),
  de_DE: numberPattern(RULES.de_DE),
};

function plainNumber(text: string, locale: SheetLocale): number | null {
  if (!NUMBER_PATTERNS[locale].test(text)) return null;
  const rules = RULES[locale];
  const normal = text.split(rules.group).join('').replace(rules.decimal, '.');
  const value = Number(normal.startsWith('.') ? `0${normal}` : normal);
  return Number.isFinite(value) ? value : null;
}

/**
 * A signed, possibly currency- or percent-marked number: "1,234.5", "-$5", "$-5", "(5)", "10%", "5 €",
 * "1 1/2". Returns the value and the number format Sheets would apply, or null.
 */
function parseNumber(input: string, locale: SheetLocale): { value: number; format: string | null } | null {
  let text = input.trim();
  let negative = false;
  let sign: string | null = null;
  let percent = false;
  let currency = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1).trim();
  }
  // A sign and a currency symbol may come in either order before the digits ("-$5", "$-5").
  for (let pass = 0; pass < 2; pass++) {
    if (sign === null && /^[+-]/.test(text)) {
      sign = text.charAt(0);
      text = text.slice(1).trim();
    } else if (!currency && CURRENCY_START.test(text)) {
      currency = true;
      text = text.slice(1).trim();
    }
  }
  if (/%$/.test(text)) {
    percent = true;
    text = text.slice(0, -1).trim();
  }
  if (!currency && CURRENCY_END.test(text)) {
    currency = true;
    text = text.slice(0, -1).trim();
  }
  if (text === '' || (negative && sign !== null)) return null;
  let value = plainNumber(text, locale);
  if (value === null) {
    // Mixed fractions ("1 1/2"); a bare "1/2" is a date, not a number.
    const fraction = /^(\d+) (\d+)\/(\d+)$/.exec(text);
    if (!fraction) return null;
    const [, whole = '0', top = '0', bottom = '1'] = fraction;
    if (Number(bottom) === 0) return null;
    value = Number(whole) + Number(top) / Number(bottom);
  }
  if (negative || sign === '-') value = -value;
  if (percent) value /= 100;
  const format = percent
    ? '0.00%'
    : currency
      ? locale === 'de_DE'
        ? '#,##0.00 [$€]'
        : '[$$]#,##0.00'
      : null;
  return { value: Object.is(value, -0) ? 0 : value, format };
}

const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,3}))?)?\s*(am|pm|a\.m\.|p\.m\.)?$/i;
const HOUR_ONLY = /^(\d{1,2})\s*(am|pm)$/i;

/** Seconds since midnight for "10:30", "10:30:15", "9:05 PM", "9pm"; null when it is not a time. */
function parseTime(text: string): number | null {
  const match = TIME.exec(text);
  let hours: number;
  let minutes = 0;
  let seconds = 0;
  let suffix: string | undefined;
  if (match) {
    hours = Number(match[1]);
    minutes = Number(match[2]);
    seconds = Number(match[3] ?? 0) + Number(`0.${match[4] ?? '0'}`);
    suffix = match[5];
  } else {
    const hourOnly = HOUR_ONLY.exec(text);
    if (!hourOnly) return null;
    hours = Number(hourOnly[1]);
    suffix = hourOnly[2];
  }
  if (suffix) {
    if (hours < 1 || hours > 12) return null;
    const pm = suffix.toLowerCase().startsWith('p');
    hours = (hours % 12) + (pm ? 12 : 0);
  }
  if (hours > 23 || minutes > 59 || seconds >= 60) return null;
  return hours * 3600 + minutes * 60 + seconds;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Two-digit years: 00-29 are 20xx, 30-99 are 19xx (Sheets' pivot). */
function fullYear(text: string): number {
  const year = Number(text);
  if (text.length > 2) return year;
  return year < 30 ? 2000 + year : 1900 + year;
}

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function valid(date: CalendarDate): CalendarDate | null {
  const { year, month, day } = date;
  if (!Number.isInteger(year) || year < 1 || year > 9999) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (!Number.isInteger(day) || day < 1 || day > daysIn(year, month)) return null;
  return date;
}

function yearNow(ctx: ParseContext): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: ctx.timeZone, year: 'numeric' }).formatToParts(
    new Date(ctx.now),
  );
  return Number(parts.find((part) => part.type === 'year')?.value ?? new Date(ctx.now).getUTCFullYear());
}

function monthOf(name: string, rules: LocaleRules): number | null {
  return rules.months[name.toLowerCase().replace(/\.$/, '')] ?? null;
}

/** A calendar date in one of the common typed forms, read day-first or month-first by locale. */
function parseCalendarDate(text: string, ctx: ParseContext): CalendarDate | null {
  const rules = RULES[ctx.locale];
  const thisYear = yearNow(ctx);
  // ISO and year-first: 2026-01-15, 2026/1/5, 2026.01.15, and year-month 2026-09.
  let match = /^(\d{4})([-/.])(\d{1,2})(?:\2(\d{1,2}))?$/.exec(text);
  if (match) {
    const [, year, , month, day] = match;
    return valid({ year: Number(year), month: Number(month), day: Number(day ?? 1) });
  }
  // Numeric with separators: a/b/c, a-b-c, a.b.c (and a/b, a-b, a.b, "15.1." with the current year).
  match = /^(\d{1,2})([-/.])(\d{1,4})(?:\2(\d{2}|\d{4}))?\.?$/.exec(text);
  if (match) {
    const [, a = '', separator, b = '', c] = match;
    // German dates use dots; in en_US a dotted pair ("1.5") is a decimal, which parseNumber takes first.
    if (separator === '.' && !rules.dayFirst) return null;
    if (c !== undefined) {
      if (b.length > 2) return null;
      const [day, month] = rules.dayFirst ? [a, b] : [b, a];
      return valid({ year: fullYear(c), month: Number(month), day: Number(day) });
    }
    if (b.length <= 2) {
      const [day, month] = rules.dayFirst ? [a, b] : [b, a];
      const dated = valid({ year: thisYear, month: Number(month), day: Number(day) });
      if (dated) return dated;
    }
    // Month and year: "9/2026", "5-25" read as May 2025 where no day-month reading exists.
    if (separator !== '.') return valid({ year: fullYear(b), month: Number(a), day: 1 });
    return null;
  }
  // Month names: "Jan 15, 2026", "January 15", "15 Jan 2026", "15-Jan-2026", "15. Januar 2026", "Jan 2026".
  const words = text.replace(/,/g, ' ').replace(/-/g, ' ').replace(/\s+/g, ' ').trim().split(' ');
  const monthFirst = /^([a-zäöü]+\.?) (\d{1,2})(?: (\d{2}|\d{4}))?$/i.exec(words.join(' '));
  if (monthFirst) {
    const month = monthOf(monthFirst[1] ?? '', rules);
    if (month === null) return null;
    const day = monthFirst[2] ?? '';
    const year = monthFirst[3];
    return valid({ year: year === undefined ? thisYear : fullYear(year), month, day: Number(day) });
  }
  const monthYear = /^([a-zäöü]+\.?) (\d{4})$/i.exec(words.join(' '));
  if (monthYear) {
    const month = monthOf(monthYear[1] ?? '', rules);
    return month === null ? null : valid({ year: Number(monthYear[2]), month, day: 1 });
  }
  const dayFirst = /^(\d{1,2})\.? ([a-zäöü]+\.?)(?: (\d{2}|\d{4}))?$/i.exec(words.join(' '));
  if (dayFirst) {
    const month = monthOf(dayFirst[2] ?? '', rules);
    if (month === null) return null;
    const year = dayFirst[3];
    return valid({ year: year === undefined ? thisYear : fullYear(year), month, day: Number(dayFirst[1]) });
  }
  return null;
}

/** The instant of a wall-clock time in `timeZone` (two passes settle daylight-saving offsets). */
export function zonedInstant(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  secondsOfDay: number,
): number {
  const wall = Date.UTC(year, month - 1, day) + secondsOfDay * 1000;
  // Years before 100 would be read as 19xx by Date.UTC's legacy rule; setUTCFullYear keeps them.
  const base = new Date(wall);
  if (year < 100) base.setUTCFullYear(year);
  const target = base.getTime();
  let guess = target;
  for (let pass = 0; pass < 2; pass++) guess = target - offsetMs(timeZone, guess);
  return guess;
}

/** Milliseconds `timeZone` is ahead of UTC at the instant `at`. */
function offsetMs(timeZone: string, at: number): number {
  return zonedFields(at, timeZone).offset * 60_000;
}

/** Sheets' serial-number epoch: a time alone is that time on 30 December 1899. */
const TIME_ONLY_DATE = { year: 1899, month: 12, day: 30 };

function parseDateTime(text: string, ctx: ParseContext): { ms: number; format: string } | null {
  const time = parseTime(text);
  if (time !== null) {
    const { year, month, day } = TIME_ONLY_DATE;
    return { ms: zonedInstant(ctx.timeZone, year, month, day, time), format: 'h:mm:ss am/pm' };
  }
  const date = parseCalendarDate(text, ctx);
  if (date) {
    return {
      ms: zonedInstant(ctx.timeZone, date.year, date.month, date.day, 0),
      format: ctx.locale === 'de_DE' ? 'dd.MM.yyyy' : 'M/d/yyyy',
    };
  }
  // Date and time: "2026-01-15 10:30", "2026-01-15T10:30:00", "1/15/2026 9:05 PM".
  const split =
    /^(.+?)(?:T|\s+)(\d{1,2}(?::\d{2}(?::\d{2}(?:[.,]\d{1,3})?)?)?\s*(?:am|pm|a\.m\.|p\.m\.)?)$/i.exec(text);
  if (!split) return null;
  const day = parseCalendarDate(split[1] ?? '', ctx);
  const clock = parseTime(split[2] ?? '');
  if (!day || clock === null) return null;
  return {
    ms: zonedInstant(ctx.timeZone, day.year, day.month, day.day, clock),
    format: ctx.locale === 'de_DE' ? 'dd.MM.yyyy HH:mm:ss' : 'M/d/yyyy H:mm:ss',
  };
}

/**
 * Whether Sheets could parse `body` (the text after "=") as a formula: balanced brackets and quotes, known
 * token shapes, operands and operators alternating. It does not check names (an unknown name is #NAME?, not
 * a parse error).
 */
export function formulaParses(body: string): boolean {
  const tokens: { type: 'operand' | 'operator' | 'open' | 'close' | 'separator'; text: string }[] = [];
  let i = 0;
  const text = body;
  while (i < text.length) {
    const rest = text.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const string = /^"(?:[^"]|"")*"/.exec(rest);
    // After an operand or a closing bracket a comma separates arguments: in "IF(A1,2,3)" ",2" is no number.
    const previousType = tokens.at(-1)?.type;
    const separatorFirst = (previousType === 'operand' || previousType === 'close') && /^[,;]/.test(rest);
    const number = separatorFirst ? null : /^(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?%?/.exec(rest);
    const reference =
      /^(?:'(?:[^']|'')+'!|[A-Za-z_][\w.]*!)?\$?[A-Za-z_][\w.]*\$?\d*(?::\$?[A-Za-z]*\$?\d*)?/.exec(rest);
    const operator = /^(?:<=|>=|<>|[-+*/^&=<>])/.exec(rest);
    let token: (typeof tokens)[number];
    if (string) token = { type: 'operand', text: string[0] };
    else if (number) token = { type: 'operand', text: number[0] };
    else if (reference) token = { type: 'operand', text: reference[0] };
    else if (operator) token = { type: 'operator', text: operator[0] };
    else if (rest[0] === '(' || rest[0] === '{') token = { type: 'open', text: rest[0] };
    else if (rest[0] === ')' || rest[0] === '}') token = { type: 'close', text: rest[0] };
    else if (rest[0] === ',' || rest[0] === ';') token = { type: 'separator', text: rest[0] };
    else return false;
    i += token.text.length;
    tokens.push(token);
  }
  if (tokens.length === 0) return false;
  // Walk the tokens: after an operand comes an operator, a close or a separator; elsewhere an operand,
  // a prefix sign or an open bracket.
  const stack: string[] = [];
  let expectOperand = true;
  let previous: (typeof tokens)[number] | null = null;
  for (const token of tokens) {
    if (expectOperand) {
      if (token.type === 'operand') expectOperand = false;
      else if (token.type === 'operator' && (token.text === '-' || token.text === '+')) {
        // unary sign
      } else if (token.type === 'open') stack.push(token.text);
      else if (
        token.type === 'close' &&
        previous?.type === 'open' &&
        token.text === ')' &&
        stack.at(-1) === 'f('
      ) {
        // A call without arguments: NOW().
        stack.pop();
        expectOperand = false;
      } else if (token.type === 'separator' && stack.length > 0) {
        // An empty argument, as in IF(A1,,1).
      } else return false;
    } else {
      if (token.type === 'operator') expectOperand = true;
      else if (token.type === 'close') {
        const open = stack.pop();
        if ((token.text === ')' && open !== '(' && open !== 'f(') || (token.text === '}' && open !== '{'))
          return false;
      } else if (token.type === 'separator' && stack.length > 0) expectOperand = true;
      else if (token.type === 'open' && token.text === '(' && previous?.type === 'operand') {
        // A function call: NAME( ... ).
        if (!/^[A-Za-z_][\w.]*$/.test(previous.text)) return false;
        stack.push('f(');
        expectOperand = true;
      } else return false;
    }
    previous = token;
  }
  return !expectOperand && stack.length === 0;
}

/**
 * What Sheets makes of a string typed into a cell whose format is not plain text.
 * - A leading apostrophe forces text and is not part of the value.
 * - A leading "=" makes a formula; a leading "+", "-" or "@" does too unless the rest is a number or date,
 *   so "+25 Demo requested" and "-10 gmail" are formulas that do not parse (#ERROR!).
 * - TRUE/FALSE, numbers (grouped, decimal, exponent, percent, currency, negative in brackets), dates and
 *   times in common forms (including "1-10" and "5-25", which are dates) are converted.
 * - Anything else stays text, exactly as given.
 */
export function parseTyped(input: string, ctx: ParseContext): TypedValue {
  if (input === '') return { kind: 'text', value: '' };
  const first = input.charAt(0);
  if (first === "'") return { kind: 'text', value: input.slice(1) };
  if (first === '=') {
    if (input.length === 1) return { kind: 'text', value: input };
    return { kind: 'formula', text: input, valid: formulaParses(input.slice(1)) };
  }
  const rules = RULES[ctx.locale];
  const trimmed = input.trim();
  const boolean = rules.booleans[trimmed.toLowerCase()];
  if (boolean !== undefined) return { kind: 'boolean', value: boolean };
  const number = parseNumber(trimmed, ctx.locale);
  if (number) return { kind: 'number', value: number.value, format: number.format };
  const date = parseDateTime(trimmed, ctx);
  if (date) return { kind: 'date', ms: date.ms, format: date.format };
  if (first === '+') {
    // A formula may begin with "+" (Sheets API), so "+A1" is =+A1 and "+25 Demo requested" does not parse.
    return { kind: 'formula', text: `=${input}`, valid: formulaParses(input) };
  }
  if (first === '-' || first === '@') {
    // "-" before anything but a number shows #ERROR! (reported for USER_ENTERED writes). A leading "@" is
    // undocumented: the strict reading treats it the same way.
    return { kind: 'formula', text: `=${input}`, valid: false };
  }
  return { kind: 'text', value: input };
}
