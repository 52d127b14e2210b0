// Sheets' typed-input parsing as the emulator models it, per locale: a table of forms, then properties.
import fc from 'fast-check';
import { createEmulator } from './index';
import {
  formulaParses,
  type ParseContext,
  parseTyped,
  type SheetLocale,
  type TypedValue,
} from './typed-input';

const NOW = Date.UTC(2026, 10, 20, 9);
const at = (locale: SheetLocale, timeZone = 'Etc/UTC'): ParseContext => ({ locale, timeZone, now: NOW });
const day = (y: number, m: number, d: number, h = 0, min = 0, s = 0) => Date.UTC(y, m - 1, d, h, min, s);

type Expected = string | number | boolean | { date: number } | { formula: string; valid: boolean };

function simplify(typed: TypedValue): Expected {
  switch (typed.kind) {
    case 'text':
      return typed.value;
    case 'number':
    case 'boolean':
      return typed.value;
    case 'date':
      return { date: typed.ms };
    case 'formula':
      return { formula: typed.text, valid: typed.valid };
  }
}

const BOTH: [string, Expected][] = [
  ['', ''],
  ['hello', 'hello'],
  ['  spaced  ', '  spaced  '],
  ['TRUE', true],
  ['false', false],
  [' True ', true],
  ['42', 42],
  [' 42 ', 42],
  ['-10', -10],
  ['+5', 5],
  ['(5)', -5],
  ['1e5', 100000],
  ['1E-3', 0.001],
  ['10%', 0.1],
  ['-5%', -0.05],
  ['1 1/2', 1.5],
  ["'42", '42'],
  ["'=SUM(A1)", '=SUM(A1)'],
  ["'", ''],
  ["''quoted", "'quoted"],
  ['=SUM(A1:A3)', { formula: '=SUM(A1:A3)', valid: true }],
  ['=1+', { formula: '=1+', valid: false }],
  ['= hello world', { formula: '= hello world', valid: false }],
  ['=', '='],
  ['+A1', { formula: '=+A1', valid: true }],
  ['+25 Demo requested', { formula: '=+25 Demo requested', valid: false }],
  ['-10 gmail address', { formula: '=-10 gmail address', valid: false }],
  ['-abc', { formula: '=-abc', valid: false }],
  ['@mention', { formula: '=@mention', valid: false }],
  ['2026-01-15', { date: day(2026, 1, 15) }],
  ['2026/1/5', { date: day(2026, 1, 5) }],
  ['2026-09', { date: day(2026, 9, 1) }],
  ['2026-01-15 10:30', { date: day(2026, 1, 15, 10, 30) }],
  ['2026-01-15T10:30:15', { date: day(2026, 1, 15, 10, 30, 15) }],
  ['10:30', { date: day(1899, 12, 30, 10, 30) }],
  ['9:05 PM', { date: day(1899, 12, 30, 21, 5) }],
  ['Jan 15, 2026', { date: day(2026, 1, 15) }],
  ['15 Jan 2026', { date: day(2026, 1, 15) }],
  ['15-Jan-2026', { date: day(2026, 1, 15) }],
  ['Mar 2026', { date: day(2026, 3, 1) }],
  ['51-200', '51-200'],
  ['201-500', '201-500'],
  ['10000+', '10000+'],
  ['VP Sales', 'VP Sales'],
  ['m1a2b3c4d', 'm1a2b3c4d'],
  ['{"a":1}', '{"a":1}'],
  ['Demo requested: +25', 'Demo requested: +25'],
];

const EN_US: [string, Expected][] = [
  ['1,000', 1000],
  ['1,234,567.5', 1234567.5],
  ['2.000', 2],
  ['1,000,000', 1000000],
  ['$2.99', 2.99],
  ['-$5', -5],
  ['$-5', -5],
  ['1.5', 1.5],
  ['.5', 0.5],
  ['1,5', '1,5'],
  ['1,23', '1,23'],
  ['1/15/2026', { date: day(2026, 1, 15) }],
  ['1/15/26', { date: day(2026, 1, 15) }],
  ['1/2', { date: day(2026, 1, 2) }],
  ['1-10', { date: day(2026, 1, 10) }],
  ['5-25', { date: day(2026, 5, 25) }],
  ['11-50', { date: day(1950, 11, 1) }],
  ['9/2026', { date: day(2026, 9, 1) }],
  ['1/15/2026 9:05 PM', { date: day(2026, 1, 15, 21, 5) }],
  ['13/1/2026', '13/1/2026'],
  ['WAHR', 'WAHR'],
];

const DE_DE: [string, Expected][] = [
  ['1.000', 1000],
  ['1.234.567,5', 1234567.5],
  ['1,5', 1.5],
  [',5', 0.5],
  ['10 %', 0.1],
  ['1,5 %', 0.015],
  ['5 €', 5],
  ['5,00 €', 5],
  ['€5', 5],
  ['15.01.2026', { date: day(2026, 1, 15) }],
  ['15.1.26', { date: day(2026, 1, 15) }],
  ['15.1.', { date: day(2026, 1, 15) }],
  ['1.5', { date: day(2026, 5, 1) }],
  ['15/01/2026', { date: day(2026, 1, 15) }],
  ['1-10', { date: day(2026, 10, 1) }],
  ['5-25', { date: day(2025, 5, 1) }],
  ['15. Januar 2026', { date: day(2026, 1, 15) }],
  ['3. Mär 2026', { date: day(2026, 3, 3) }],
  ['15.01.2026 10:30', { date: day(2026, 1, 15, 10, 30) }],
  ['WAHR', true],
  ['falsch', false],
  ['1,000', 1],
  ['12.30', '12.30'],
];

describe('typed input (Sheets parsing strings written by setValues)', () => {
  describe.each([
    ['en_US', [...BOTH, ...EN_US]],
    ['de_DE', [...BOTH, ...DE_DE]],
  ] as const)('in %s', (locale, cases) => {
    it.each(cases)('%j', (input, expected) => {
      expect(simplify(parseTyped(input, at(locale)))).toEqual(expected);
    });
  });

  it('reads a typed date as a wall-clock time in the spreadsheet time zone', () => {
    const berlin = parseTyped('2026-07-01 12:00', at('en_US', 'Europe/Berlin'));
    expect(berlin).toMatchObject({ kind: 'date', ms: day(2026, 7, 1, 10) });
    const ny = parseTyped('1/15/2026', at('en_US', 'America/New_York'));
    expect(ny).toMatchObject({ kind: 'date', ms: day(2026, 1, 15, 5) });
  });

  it('checks formula syntax: brackets, quotes, operators, calls', () => {
    for (const ok of [
      'SUM(A1:A3)',
      'AND($H2="Hot",N("x")=0)',
      'IF(A1,,1)',
      '-A1*2%',
      '{1,2;3,4}',
      "'My sheet'!A1",
      'IF(A1,2,3)',
      'INDEX(A1:B2,2,1)',
      'INDEX(LEADSCORE(A1:M2,"b2b-services","score,band"),2,1)',
    ])
      expect([ok, formulaParses(ok)]).toEqual([ok, true]);
    for (const bad of ['SUM(A1', '"open', '1 2', 'A1 B1', '*3', '()', 'x)'])
      expect([bad, formulaParses(bad)]).toEqual([bad, false]);
  });

  describe('properties', () => {
    const locales = fc.constantFrom<SheetLocale>('en_US', 'de_DE');

    it('never throws, and anything it calls text is the input unchanged', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 40 }), locales, (input, locale) => {
          const typed = parseTyped(input, at(locale));
          if (typed.kind === 'text' && !input.startsWith("'")) expect(typed.value).toBe(input);
        }),
        { numRuns: 2000 },
      );
    });

    it('a leading apostrophe always gives the rest as text', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 40 }), locales, (input, locale) => {
          expect(parseTyped(`'${input}`, at(locale))).toEqual({ kind: 'text', value: input });
        }),
      );
    });

    it('a number printed in the locale, grouped or not, reads back as the same number', () => {
      fc.assert(
        fc.property(
          fc.double({ min: -1e9, max: 1e9, noNaN: true }),
          fc.integer({ min: 0, max: 4 }),
          fc.boolean(),
          locales,
          (n, decimals, grouping, locale) => {
            const rounded = Number(n.toFixed(decimals));
            const text = rounded.toLocaleString(locale === 'de_DE' ? 'de-DE' : 'en-US', {
              minimumFractionDigits: decimals,
              maximumFractionDigits: decimals,
              useGrouping: grouping,
            });
            const typed = parseTyped(text, at(locale));
            expect(typed).toMatchObject({ kind: 'number' });
            if (typed.kind === 'number') expect(typed.value).toBeCloseTo(rounded, 6);
          },
        ),
      );
    });

    it("a date printed in the locale's short form reads back as that day", () => {
      fc.assert(
        fc.property(
          fc.date({
            min: new Date(Date.UTC(1931, 0, 1)),
            max: new Date(Date.UTC(2029, 11, 31)),
            noInvalidDate: true,
          }),
          locales,
          (date, locale) => {
            const y = date.getUTCFullYear();
            const m = date.getUTCMonth() + 1;
            const d = date.getUTCDate();
            const text = locale === 'de_DE' ? `${d}.${m}.${y}` : `${m}/${d}/${y}`;
            expect(parseTyped(text, at(locale))).toMatchObject({ kind: 'date', ms: day(y, m, d) });
            expect(
              parseTyped(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, at(locale)),
            ).toMatchObject({
              kind: 'date',
              ms: day(y, m, d),
            });
          },
        ),
      );
    });

    it('a "low-high" range of two small numbers is never kept as text when it can be a date', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 12 }),
          fc.integer({ min: 1, max: 28 }),
          locales,
          (a, b, locale) => {
            expect(parseTyped(`${a}-${b}`, at(locale)).kind).toBe('date');
          },
        ),
      );
    });
  });
});

describe('typed input through Range.setValues', () => {
  it.each(['en_US', 'de_DE'] as const)(
    'parses on write in %s, keeps plain-text cells verbatim, drops the apostrophe',
    (locale) => {
      const emulator = createEmulator({ locale, startTime: NOW });
      const sheet = emulator.spreadsheet.getActiveSheet();
      const typed = locale === 'de_DE' ? ['1.000', '1-10', 'WAHR'] : ['1,000', '1-10', 'TRUE'];
      sheet.getRange('A1:C1').setValues([typed]);
      sheet.getRange('A2:C2').setNumberFormat('@');
      sheet.getRange('A2:C2').setValues([typed]);
      sheet.getRange('A3:C3').setValues([["'1-10", '+25 Demo requested', '=SUM(']]);
      sheet.getRange('A4:B4').setNumberFormat('@');
      sheet.getRange('A4:B4').setValues([["'1-10", '=SUM(A1)']]);
      const values = sheet.getRange('A1:C4').getValues();
      expect(values[0]?.[0]).toBe(1000);
      expect(Object.prototype.toString.call(values[0]?.[1])).toBe('[object Date]');
      expect(values[0]?.[2]).toBe(true);
      expect(values[1]).toEqual(typed);
      expect(values[2]).toEqual(['1-10', '#ERROR!', '#ERROR!']);
      expect(sheet.getRange('B3').getFormula()).toBe('=+25 Demo requested');
      expect(values[3]?.slice(0, 2)).toEqual(["'1-10", '=SUM(A1)']);
      expect(sheet.getRange('B4').getFormula()).toBe('');
      expect(emulator.spreadsheet.getSpreadsheetLocale()).toBe(locale);
    },
  );

  it('parses appendRow and setFormula text like typed input', () => {
    const emulator = createEmulator({ startTime: NOW });
    const sheet = emulator.spreadsheet.getActiveSheet();
    sheet.appendRow(['1,000', '-10 gmail', "'5-25"]);
    sheet.getRange('D1').setFormula('10%');
    sheet.getRange('E1').setFormula('=A1*2');
    expect(sheet.getRange('A1:D1').getValues()[0]).toEqual([1000, '#ERROR!', '5-25', 0.1]);
    expect(sheet.getRange('E1').getFormula()).toBe('=A1*2');
  });
});
