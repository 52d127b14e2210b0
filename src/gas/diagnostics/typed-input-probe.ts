// Probe: strings written by setValues, case by case, compared with the emulator's typed-input model for this locale.
import {
  judged,
  messageOf,
  notTestable,
  type ProbeResult,
  type ProbeSpec,
  type RunName,
} from './probe-result';
import {
  type CellOutcome,
  CURRENT_YEAR,
  MODELLED_LOCALES,
  modelledLocale,
  TYPED_INPUT_CASES,
  type TypedInputCase,
} from './typed-input-cases';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const PLAIN_TEXT_FORMAT = '@';
const WALL_CLOCK = 'yyyy-MM-dd HH:mm:ss';
/** What getValues reads for a formula Sheets cannot parse. */
const PARSE_ERROR = '#ERROR!';

function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** What a cell shows, in the table's terms. */
function observedOutcome(value: unknown, formula: string, timeZone: string): CellOutcome {
  if (formula !== '') return value === PARSE_ERROR ? { kind: 'error' } : { kind: 'formula', formula };
  if (typeof value === 'number') return { kind: 'number', number: value };
  if (typeof value === 'boolean') return { kind: 'boolean', boolean: value };
  if (isDate(value)) return { kind: 'date', wallClock: Utilities.formatDate(value, timeZone, WALL_CLOCK) };
  return { kind: 'text', text: String(value) };
}

function describeOutcome(outcome: CellOutcome): string {
  switch (outcome.kind) {
    case 'text':
      return `text ${JSON.stringify(outcome.text)}`;
    case 'number':
      return `number ${outcome.number}`;
    case 'boolean':
      return outcome.boolean ? 'boolean TRUE' : 'boolean FALSE';
    case 'date':
      return `date ${outcome.wallClock}`;
    case 'formula':
      return `formula ${outcome.formula}`;
    case 'error':
      return `${PARSE_ERROR} (a formula Sheets cannot parse)`;
  }
}

function sameOutcome(a: CellOutcome, b: CellOutcome): boolean {
  if (a.kind === 'number' && b.kind === 'number')
    return Math.abs(a.number - b.number) <= 1e-9 * Math.max(1, Math.abs(b.number));
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The modelled outcome with the current year filled in (forms without a year take it). */
function withYear(outcome: CellOutcome, year: string): CellOutcome {
  return outcome.kind === 'date' && outcome.wallClock.startsWith(CURRENT_YEAR)
    ? { kind: 'date', wallClock: year + outcome.wallClock.slice(CURRENT_YEAR.length) }
    : outcome;
}

interface PlannedCase {
  entry: TypedInputCase;
  spec: ProbeSpec;
  /** null: the case depends on locale rules the emulator does not model for this spreadsheet's locale. */
  expected: CellOutcome | null;
}

/** Each case with what the emulator predicts for it in `locale` this year. */
function plan(locale: string, timeZone: string, run: RunName): PlannedCase[] {
  const modelledIn = modelledLocale(locale);
  const year = Utilities.formatDate(new Date(), timeZone, 'yyyy');
  return TYPED_INPUT_CASES.map((entry) => {
    const where = entry.cell === 'plain text' ? 'a plain-text (@) cell' : 'an automatic cell';
    const written = `${JSON.stringify(entry.input)} written to ${where}`;
    const probe = `typed-input/${entry.id}`;
    if (modelledIn === null && !entry.anyLocale) {
      const modelled = `${written}: modelled for ${MODELLED_LOCALES.join(' and ')} only`;
      return { entry, spec: { probe, behaviour: entry.behaviour, run, modelled }, expected: null };
    }
    const expected = withYear(entry.outcome[modelledIn ?? 'en_US'], year);
    const modelled = `${written} → ${describeOutcome(expected)}`;
    return { entry, spec: { probe, behaviour: entry.behaviour, run, modelled }, expected };
  });
}

export function typedInputSpecs(locale: string, timeZone: string, run: RunName): ProbeSpec[] {
  return plan(locale, timeZone, run).map((planned) => planned.spec);
}

/**
 * Writes every case into column `column` of the scratch sheet in one setValues (the plain-text cases' cells
 * formatted "@" first), reads values and formulas back in one call each, and judges each case in `locale`.
 */
export function probeTypedInput(
  sheet: Sheet,
  column: number,
  locale: string,
  timeZone: string,
  run: RunName,
): ProbeResult[] {
  const planned = plan(locale, timeZone, run);
  const block = sheet.getRange(1, column, planned.length, 1);
  let values: unknown[][];
  let formulas: string[][];
  try {
    planned.forEach(({ entry }, index) => {
      if (entry.cell === 'plain text') sheet.getRange(1 + index, column).setNumberFormat(PLAIN_TEXT_FORMAT);
    });
    block.setValues(planned.map(({ entry }) => [entry.input]));
    values = block.getValues();
    formulas = block.getFormulas();
  } catch (error) {
    const observed = `writing or reading the cases threw: ${messageOf(error)}`;
    return planned.map(({ spec }) => judged(spec, observed, false));
  }
  return planned.map(({ spec, expected }, index) => {
    const observed = observedOutcome(values[index]?.[0], formulas[index]?.[0] ?? '', timeZone);
    if (expected === null) {
      const reason = `this spreadsheet's locale is ${locale}; the emulator models ${MODELLED_LOCALES.join(' and ')}`;
      return { ...notTestable(spec, reason), observed: describeOutcome(observed) };
    }
    return judged(spec, describeOutcome(observed), sameOutcome(observed, expected));
  });
}
