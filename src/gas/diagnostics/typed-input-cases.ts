// What a string written by setValues becomes, case by case: the emulator's typed-input model as a table for diagnostics.
// The emulator's own parser (test/emulator/typed-input.ts) must give exactly these outcomes: a test checks every
// case against it in both modelled locales, so the table and the emulator cannot drift apart.

/** The spreadsheet locales the emulator models. */
export const MODELLED_LOCALES = ['en_US', 'de_DE'] as const;
type ModelledLocale = (typeof MODELLED_LOCALES)[number];

/** In a date's wall-clock text, the current year in the spreadsheet's time zone ("5-25" has no year). */
export const CURRENT_YEAR = '*';

/** What getValues (and, for formulas, getFormulas) shows for the cell afterwards. */
export type CellOutcome =
  | { kind: 'text'; text: string }
  | { kind: 'number'; number: number }
  | { kind: 'boolean'; boolean: boolean }
  /** A Date whose wall-clock time in the spreadsheet's time zone is `wallClock` ("yyyy-MM-dd HH:mm:ss"). */
  | { kind: 'date'; wallClock: string }
  /** A formula whose text getFormulas returns (its value is Sheets' business, not judged). */
  | { kind: 'formula'; formula: string }
  /** A formula Sheets cannot parse: getValues reads "#ERROR!". */
  | { kind: 'error' };

export interface TypedInputCase {
  id: string;
  input: string;
  /** 'automatic': a cell nobody formatted; 'plain text': a cell formatted "@" before the write. */
  cell: 'automatic' | 'plain text';
  /** The behaviours.ts id the case checks. */
  behaviour: 'typedInput' | 'plainTextCells';
  /** True where no locale rule is involved (apostrophe, plain text, formula starts): checked in any locale. */
  anyLocale: boolean;
  outcome: Readonly<Record<ModelledLocale, CellOutcome>>;
}

const text = (value: string): CellOutcome => ({ kind: 'text', text: value });
const number = (value: number): CellOutcome => ({ kind: 'number', number: value });
const boolean = (value: boolean): CellOutcome => ({ kind: 'boolean', boolean: value });
const date = (wallClock: string): CellOutcome => ({ kind: 'date', wallClock });
const formula = (value: string): CellOutcome => ({ kind: 'formula', formula: value });
const ERROR: CellOutcome = { kind: 'error' };

function typed(id: string, input: string, enUS: CellOutcome, deDE: CellOutcome = enUS): TypedInputCase {
  return {
    id,
    input,
    cell: 'automatic',
    behaviour: 'typedInput',
    anyLocale: false,
    outcome: { en_US: enUS, de_DE: deDE },
  };
}

/** A case no locale rule touches: the same outcome everywhere. */
function anyLocale(id: string, input: string, outcome: CellOutcome): TypedInputCase {
  return { ...typed(id, input, outcome), anyLocale: true };
}

/** A "@" cell keeps the string exactly as given, in every locale. */
function plainText(id: string, input: string): TypedInputCase {
  return {
    id,
    input,
    cell: 'plain text',
    behaviour: 'plainTextCells',
    anyLocale: true,
    outcome: { en_US: text(input), de_DE: text(input) },
  };
}

export const TYPED_INPUT_CASES: readonly TypedInputCase[] = [
  typed('grouped-thousands', '1,000', number(1000), number(1)),
  typed('dotted-thousands', '1.000', number(1), number(1000)),
  typed('grouped-decimal', '1,234.5', number(1234.5), text('1,234.5')),
  typed('decimal-point', '3.5', number(3.5), date(`${CURRENT_YEAR}-05-03 00:00:00`)),
  typed('decimal-comma', '3,5', text('3,5'), number(3.5)),
  typed('percent', '10%', number(0.1)),
  typed('percent-decimal', '12.5%', number(0.125), text('12.5%')),
  typed('currency-dollar', '$2.99', number(2.99), text('$2.99')),
  typed('currency-euro', '5,50 €', text('5,50 €'), number(5.5)),
  typed('negative-in-brackets', '(5)', number(-5)),
  typed('exponent', '1e3', number(1000)),
  typed('leading-zero', '012', number(12)),
  typed('employee-range', '51-200', text('51-200')),
  typed('phone-number', '555-1234', text('555-1234')),
  typed('iso-date', '2026-01-15', date('2026-01-15 00:00:00')),
  typed('us-date', '1/15/2026', date('2026-01-15 00:00:00'), text('1/15/2026')),
  typed('german-date', '15.01.2026', text('15.01.2026'), date('2026-01-15 00:00:00')),
  typed('range-1-10', '1-10', date(`${CURRENT_YEAR}-01-10 00:00:00`), date(`${CURRENT_YEAR}-10-01 00:00:00`)),
  typed('range-5-25', '5-25', date(`${CURRENT_YEAR}-05-25 00:00:00`), date('2025-05-01 00:00:00')),
  typed('iso-date-time', '2026-01-15 10:30', date('2026-01-15 10:30:00')),
  typed('month-name-date', 'Jan 15, 2026', date('2026-01-15 00:00:00')),
  typed('time-of-day', '9:05 PM', date('1899-12-30 21:05:00')),
  typed('true', 'TRUE', boolean(true)),
  typed('false-lower-case', 'false', boolean(false)),
  typed('wahr', 'WAHR', text('WAHR'), boolean(true)),
  typed('formula', '=SUM(1,2)', formula('=SUM(1,2)')),
  typed('plus-number', '+25', number(25)),
  typed('minus-number', '-10', number(-10)),
  anyLocale('broken-formula', '=1+', ERROR),
  anyLocale('plus-text', '+25 Demo requested', ERROR),
  anyLocale('minus-text', '-10 gmail address', ERROR),
  anyLocale('at-text', '@mention', ERROR),
  anyLocale('apostrophe-number', "'1,000", text('1,000')),
  anyLocale('apostrophe-formula', "'=SUM(1)", text('=SUM(1)')),
  anyLocale('plain-words', 'VP Sales', text('VP Sales')),
  plainText('plain-text-grouped', '1,000'),
  plainText('plain-text-range', '5-25'),
  plainText('plain-text-formula', '=SUM(1,2)'),
  plainText('plain-text-plus', '+25 Demo requested'),
  plainText('plain-text-apostrophe', "'kept"),
];

/** A modelled locale by its exact name, or null (other locales: only the anyLocale cases can be judged). */
export function modelledLocale(locale: string): ModelledLocale | null {
  return (MODELLED_LOCALES as readonly string[]).includes(locale) ? (locale as ModelledLocale) : null;
}
