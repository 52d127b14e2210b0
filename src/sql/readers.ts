// The engine's readings of one cell (src/engine/normalise.ts, email.ts) as SQL: blank, text, number, yes/no,
// date and e-mail domain, for all-text columns and for typed ones. Each reading is built once per column, on demand.
import {
  COMPARATOR,
  CURRENCY_CODES,
  CURRENCY_SYMBOLS,
  DAY_FIRST_NAMED,
  DIGITS_AND_SEPARATORS,
  ERROR_VALUES,
  FALSE_TEXTS,
  MINUS_SIGNS,
  MONTH_NAME_FIRST,
  MONTHS,
  MULTIPLIER,
  MULTIPLIER_EXPONENT,
  RANGE,
  SCIENTIFIC,
  SERIAL_MAX,
  SERIAL_MIN,
  SIMPLE_NUMBER,
  TIME_PART,
  TRUE_TEXTS,
} from '../engine/normalise';
import type { ColumnKind } from './column-types';
import type { Dialect } from './dialect';
import type { Plan, Ref } from './plan';
import { JS_SPACE, onlyGroup, re2 } from './regex';

const DAY_MS = 86_400_000;
const SERIAL_UNIX_EPOCH = 25569;

// Patterns on tidy text: whitespace there is single ASCII spaces, so RE2's ASCII \s reads it as the engine does.
const INVISIBLE = '[\\x{ad}\\x{200b}-\\x{200d}\\x{2060}\\x{fe0e}\\x{fe0f}]';
/** The engine's isTidyAscii: printable ASCII, single inner spaces, nothing at either end. */
const TIDY_ASCII = '^[!-~]+(?: [!-~]+)*$';
/** A plain address (the engine's plainAddressTail): printable ASCII, one '@' after something, nothing special. */
const PLAIN_ADDRESS =
  '^[^\\x00-\\x20\\x7f-\\x{10ffff}<>()\\[\\]\\\\,;:"@]+@[^\\x00-\\x20\\x7f-\\x{10ffff}<>()\\[\\]\\\\,;:"@]*$';
/** ISO dates as most exports and JavaScript write them: '2026-11-20' or '2026-11-20t09:14:00.000z' once tidied. */
const ISO_FAST = '^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:t[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]{3})?z)?$';
const CODES = re2(CURRENCY_CODES);
const SYMBOLS = re2(CURRENCY_SYMBOLS);
/** The engine's YEAR_FIRST and NUMERIC with both separators captured (RE2 has no \2): equal separators are checked apart. */
const YEAR_FIRST_LOOSE = `^(\\d{4})([-/.])(\\d{1,2})([-/.])(\\d{1,2})${re2(TIME_PART)}$`;
const NUMERIC_LOOSE = `^(\\d{1,2})([-/.])(\\d{1,2})([-/.])(\\d{4}|\\d{2})${re2(TIME_PART)}$`;
const EMAIL_SPACE = `[${JS_SPACE},;]`;
/** A single ',' after a 1-3 digit integer not starting with 0 and before exactly three characters: thousands. */
const THOUSANDS_COMMA = '^[1-9][0-9]{0,2},.{3}$';
/** The engine's GROUPED with its back-reference spelled out: one separator used throughout. */
const GROUPED = `^[0-9]{1,3}(?:${[',', '\\.', "'", '\\x{2019}', ' '].map((sep) => `${sep}[0-9]{3}(?:${sep}[0-9]{3})*`).join('|')})$`;
/**
 * The engine's domain check (labels of letters, digits and inner hyphens, 1-63 characters, at least two)
 * as three cheap patterns: RE2 compiles a Unicode class repeated {0,61} times into a program that takes
 * seconds to build.
 */
const DOMAIN_CHARACTERS = '^[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+$';
const EDGE_HYPHEN = '(?:^|\\.)-|-(?:\\.|$)';
const LONG_LABEL = '[^.]{64}';

const CASED = '\\p{Lu}\\p{Ll}\\p{Lt}';
const FINAL_SIGMA = `([${CASED}])\\x{3a3}([^${CASED}]|$)`;

/** SQL for a list of strings inside IN (...). */
function inList(dialect: Dialect, values: Iterable<string>): string {
  return [...values].map((value) => dialect.text(value)).join(', ');
}

/** Math.round(x): half up, exactly (x - FLOOR(x) is exact for the values scored here). */
export function roundHalfUp(x: string): string {
  return `(FLOOR(${x}) + CASE WHEN ${x} - FLOOR(${x}) >= 0.5 THEN 1 ELSE 0 END)`;
}

/** The engine's round2: Math.round(x * 100) / 100. */
export function round2(x: string): string {
  return `(${roundHalfUp(`(${x}) * 100`)} / 100)`;
}

/** The names of a column's derived readings, each NULL where the engine's reading is null. */
export interface ColumnReadings {
  /** The cell is '' or missing (a row of such cells is a blank row). */
  empty(): string;
  /** The engine's isBlank: empty, whitespace, a missing token or an error value. */
  blank(): string;
  /** normaliseText. */
  text(): string;
  /** toNumber. */
  number(): string;
  /** toBoolean. */
  boolean(): string;
  /** toTime, in epoch milliseconds. */
  time(): string;
  /** emailDomain. */
  domain(): string;
}

/**
 * Builds the readings of the input column `column` (of `kind`) into `plan`, named `${prefix}_...`.
 * `missing` is the model's set of missing tokens as the engine compiled it.
 */
export function columnReadings(
  plan: Plan,
  dialect: Dialect,
  column: string,
  kind: ColumnKind,
  prefix: string,
  missing: ReadonlySet<string>,
): ColumnReadings {
  const d = dialect;
  const made = new Map<string, string>();
  const once = (key: string, make: () => string): string => {
    let name = made.get(key);
    if (name === undefined) {
      name = make();
      made.set(key, name);
    }
    return name;
  };
  const add = (suffix: string, build: (ref: Ref) => string) => plan.add(`${prefix}_${suffix}`, build);
  /** The cell as text, for text columns and columns whose type is not known when the SQL is written. */
  const raw = once('raw', () => add('raw', (ref) => (kind === 'text' ? ref(column) : d.string(ref(column)))));
  const isText = kind === 'text';

  /** UTF-16 length, as JavaScript counts it (characters beyond U+FFFF count twice). */
  const utf16Length = (x: string) =>
    `(LENGTH(${x}) + LENGTH(${d.replaceAll(x, '[^\\x{10000}-\\x{10ffff}]', '')}))`;

  // ---- text: invisible characters removed, NFKC, whitespace runs to one space, trimmed, lower case.
  const tidy = () =>
    once('tidy', () => {
      // Printable ASCII with single inner spaces only needs lower-casing (the engine's own fast path): one regex
      // instead of four. The slow path's columns are NULL for such cells, so their functions do not run.
      const plain = add('plain', (ref) => d.contains(ref(raw), TIDY_ASCII));
      const visible = add(
        'visible',
        (ref) => `CASE WHEN NOT ${ref(plain)} THEN ${d.replaceAll(ref(raw), INVISIBLE, '')} END`,
      );
      const slow = add('slow', (ref) => {
        const spaced = `TRIM(${d.replaceAll(d.nfkc(ref(visible)), `[${JS_SPACE}]+`, ' ')}, ' ')`;
        // JavaScript lower-cases 'İ' to 'i' + U+0307 (SQL LOWER may give a bare 'i'), and a capital sigma ending a
        // word to 'ς' (approximated: a cased letter before it and none after, ignoring case-ignorable marks).
        const sigma = d.replaceAll(spaced, FINAL_SIGMA, '\\1ς\\2');
        return `LOWER(REPLACE(${sigma}, 'İ', 'i̇'))`;
      });
      return add('tidy', (ref) => `CASE WHEN ${ref(plain)} THEN LOWER(${ref(raw)}) ELSE ${ref(slow)} END`);
    });

  const numberText = (x: string) =>
    `CASE WHEN ${d.isNan(x)} THEN '' WHEN ${x} = 0 THEN '0' ` +
    `WHEN ${x} > 1.7976931348623157e308 THEN 'infinity' WHEN ${x} < -1.7976931348623157e308 THEN '-infinity' ` +
    `WHEN ${x} = FLOOR(${x}) AND ABS(${x}) < 1e18 THEN ${d.string(d.int(x))} ` +
    // Whole numbers up to 1e21: JavaScript writes the shortest digits padded with zeros, not an exponent.
    `WHEN ${x} = FLOOR(${x}) AND ABS(${x}) < 1e21 THEN ${bigInteger(d, x)} ` +
    // Other doubles: the engine's shortest form; the SQL engines write exponents with a leading zero ("1e-07").
    `ELSE LOWER(${d.replaceAll(d.string(x), 'e([+-])0*([0-9])', 'e\\1\\2')}) END`;

  const text = () =>
    once('text', () => {
      switch (kind) {
        case 'text':
        case 'any':
          return tidy();
        case 'number':
          return add('text', (ref) => numberText(d.float(ref(column))));
        case 'boolean':
          return add('text', (ref) => `CASE WHEN ${ref(column)} THEN 'true' ELSE 'false' END`);
        case 'date':
          return add('text', (ref) => d.string(ref(column)));
        case 'timestamp':
        case 'datetime':
          return add('text', (ref) => d.string(d.dateFromDays(`FLOOR(${ref(time())} / ${DAY_MS})`)));
        case 'other':
          throw new Error(`column '${column}' has a type the engine cannot read`);
      }
    });

  const empty = () =>
    once('empty', () =>
      add('empty', (ref) =>
        isText ? `(${ref(column)} IS NULL OR ${ref(column)} = '')` : `(${ref(column)} IS NULL)`,
      ),
    );

  const blank = () =>
    once('blank', () => {
      if (kind === 'number')
        return add('blank', (ref) => `(${ref(column)} IS NULL OR ${d.isNan(ref(column))})`);
      if (kind !== 'text' && kind !== 'any') return add('blank', (ref) => `(${ref(column)} IS NULL)`);
      const tokens = inList(d, [...missing, ...ERROR_VALUES]);
      return add(
        'blank',
        (ref) => `(${ref(raw)} IS NULL OR ${ref(tidy())} = '' OR ${ref(tidy())} IN (${tokens}))`,
      );
    });

  const boolean = () =>
    once('boolean', () => {
      if (kind === 'boolean') return add('boolean', (ref) => ref(column));
      if (kind === 'number')
        return add(
          'boolean',
          (ref) => `CASE WHEN ${ref(column)} = 1 THEN TRUE WHEN ${ref(column)} = 0 THEN FALSE END`,
        );
      if (kind !== 'text' && kind !== 'any') return add('boolean', () => 'CAST(NULL AS BOOL)');
      return add(
        'boolean',
        (ref) =>
          `CASE WHEN ${ref(tidy())} IN (${inList(d, TRUE_TEXTS)}) THEN TRUE ` +
          `WHEN ${ref(tidy())} IN (${inList(d, FALSE_TEXTS)}) THEN FALSE END`,
      );
    });

  // ---- numbers from text: toNumber and parseAmount, step by step.
  /** The engine's plainDigits: "1,234.5" -> "1234.5", NULL when the separators are inconsistent. */
  const plainDigits = (
    step: (name: string, build: (ref: Ref) => string) => string,
    input: string,
  ): string => {
    const count = (x: string, char: string) => `(LENGTH(${x}) - LENGTH(REPLACE(${x}, '${char}', '')))`;
    const decimal = step('hasdec', (ref) => {
      const u = ref(input);
      return (
        `CASE WHEN ${count(u, ',')} > 0 AND ${count(u, '.')} > 0 THEN TRUE WHEN ${count(u, '.')} > 0 THEN ${count(u, '.')} = 1 ` +
        `WHEN ${count(u, ',')} = 1 THEN NOT ${d.contains(u, THOUSANDS_COMMA)} ELSE FALSE END`
      );
    });
    const integer = step(
      'int',
      (ref) =>
        `CASE WHEN ${ref(decimal)} THEN COALESCE(${d.extract(ref(input), '^(.*)[.,][^.,]*$')}, '') ELSE ${ref(input)} END`,
    );
    const fraction = step(
      'frac',
      (ref) =>
        `CASE WHEN ${ref(decimal)} THEN COALESCE(${d.extract(ref(input), '[.,]([^.,]*)$')}, '') ELSE '' END`,
    );
    const digits = step('digits', (ref) => {
      const u = ref(input);
      const i = ref(integer);
      const groupSeparator = d.extract(i, '^[0-9]*([^0-9])');
      const decimalSeparator = d.extract(u, '([.,])[^.,]*$');
      return (
        `CASE WHEN NOT ${d.contains(u, re2(DIGITS_AND_SEPARATORS.source))} OR NOT ${d.contains(ref(fraction), '^[0-9]*$')} THEN NULL ` +
        `WHEN ${d.contains(i, '^[0-9]*$')} THEN ${i} ` +
        `WHEN ${d.contains(i, GROUPED)} AND NOT (${ref(decimal)} AND ${groupSeparator} = ${decimalSeparator}) ` +
        `THEN ${d.replaceAll(i, '[^0-9]', '')} END`
      );
    });
    return step('plain', (ref) => {
      const whole = `CASE WHEN ${ref(digits)} = '' THEN '0' ELSE ${ref(digits)} END`;
      return (
        `CASE WHEN ${ref(digits)} IS NULL OR (${ref(digits)} = '' AND ${ref(fraction)} = '') THEN NULL ` +
        `WHEN ${ref(fraction)} = '' THEN ${whole} ELSE ${whole} || '.' || ${ref(fraction)} END`
      );
    });
  };

  const prepared = () =>
    once('prepared', () => add('prepared', (ref) => d.replaceAll(ref(tidy()), re2(MINUS_SIGNS.source), '-')));

  /** parseAmount of the text in column `input`; returns the name of its value column. */
  const amount = (tag: string, input: string): string => {
    const step = (name: string, build: (ref: Ref) => string) => add(`${tag}_${name}`, build);
    const trimmed = step('a0', (ref) => `TRIM(${ref(input)}, ' ')`);
    const compared = step('a1', (ref) => d.replaceAll(ref(trimmed), re2(COMPARATOR.source), ''));
    const plus = step(
      'a2',
      (ref) =>
        `CASE WHEN ENDS_WITH(${ref(compared)}, '+') AND LENGTH(${ref(compared)}) > 1 ` +
        `THEN RTRIM(SUBSTR(${ref(compared)}, 1, LENGTH(${ref(compared)}) - 1), ' ') ELSE ${ref(compared)} END`,
    );
    // Pass 0: parentheses, a sign, a currency prefix. Pass 1: parentheses, a sign if none came before.
    const parens = (x: string) => `(LENGTH(${x}) > 2 AND STARTS_WITH(${x}, '(') AND ENDS_WITH(${x}, ')'))`;
    const unwrap = (x: string) => `TRIM(SUBSTR(${x}, 2, LENGTH(${x}) - 2), ' ')`;
    const signed = (x: string) => `(STARTS_WITH(${x}, '-') OR STARTS_WITH(${x}, '+'))`;
    const paren0 = step('p0', (ref) => parens(ref(plus)));
    const open0 = step(
      'o0',
      (ref) => `CASE WHEN ${ref(paren0)} THEN ${unwrap(ref(plus))} ELSE ${ref(plus)} END`,
    );
    const sign0 = step('s0', (ref) => signed(ref(open0)));
    const minus0 = step('m0', (ref) => `(${ref(sign0)} AND STARTS_WITH(${ref(open0)}, '-'))`);
    const unsigned0 = step(
      'u0',
      (ref) => `CASE WHEN ${ref(sign0)} THEN LTRIM(SUBSTR(${ref(open0)}, 2), ' ') ELSE ${ref(open0)} END`,
    );
    // "usd" counts only when no letter follows it (the engine's look-ahead), so the code is read out first.
    const code = step('code', (ref) => d.extract(ref(unsigned0), `^(${CODES})(?:[^a-z]|$)`));
    const symbol = `^(?:[a-z]{0,3}\\$|${SYMBOLS})`;
    const bare = step(
      'c0',
      (ref) =>
        `CASE WHEN ${d.contains(ref(unsigned0), symbol)} THEN ${d.replaceAll(ref(unsigned0), `${symbol} *`, '')} ` +
        `WHEN ${ref(code)} IS NOT NULL THEN LTRIM(SUBSTR(${ref(unsigned0)}, LENGTH(${ref(code)}) + 1), ' ') ` +
        `ELSE ${ref(unsigned0)} END`,
    );
    const paren1 = step('p1', (ref) => parens(ref(bare)));
    const open1 = step(
      'o1',
      (ref) => `CASE WHEN ${ref(paren1)} THEN ${unwrap(ref(bare))} ELSE ${ref(bare)} END`,
    );
    const sign1 = step('s1', (ref) => `(NOT ${ref(sign0)} AND ${signed(ref(open1))})`);
    const minus1 = step('m1', (ref) => `(${ref(sign1)} AND STARTS_WITH(${ref(open1)}, '-'))`);
    const unsigned1 = step(
      'u1',
      (ref) => `CASE WHEN ${ref(sign1)} THEN LTRIM(SUBSTR(${ref(open1)}, 2), ' ') ELSE ${ref(open1)} END`,
    );
    const negative = step(
      'neg',
      (ref) => `(((${ref(paren0)} <> ${ref(minus0)}) <> ${ref(paren1)}) <> ${ref(minus1)})`,
    );
    // Percent, a currency suffix, percent again (only if none before), a multiplier.
    const dropLast = (x: string) => `RTRIM(SUBSTR(${x}, 1, LENGTH(${x}) - 1), ' ')`;
    const percent1 = step('pc1', (ref) => `ENDS_WITH(${ref(unsigned1)}, '%')`);
    const noPercent = step(
      'np',
      (ref) => `CASE WHEN ${ref(percent1)} THEN ${dropLast(ref(unsigned1))} ELSE ${ref(unsigned1)} END`,
    );
    const symbolSuffix = `^(.*?) *(?:\\$|${SYMBOLS})$`;
    const spacedCode = `^(.*?) +(?:${CODES})$`;
    const joinedCode = `^(|.*[^a-z])(?:${CODES})$`;
    const head = (x: string, pattern: string) =>
      `WHEN ${d.contains(x, pattern)} THEN COALESCE(${d.extract(x, pattern)}, '')`;
    const noSuffix = step('ns', (ref) => {
      const x = ref(noPercent);
      return `CASE ${head(x, symbolSuffix)} ${head(x, spacedCode)} ${head(x, joinedCode)} ELSE ${x} END`;
    });
    const percent2 = step('pc2', (ref) => `(NOT ${ref(percent1)} AND ENDS_WITH(${ref(noSuffix)}, '%'))`);
    const noPercent2 = step(
      'np2',
      (ref) => `CASE WHEN ${ref(percent2)} THEN ${dropLast(ref(noSuffix))} ELSE ${ref(noSuffix)} END`,
    );
    const multiplierWord = step('mw', (ref) =>
      d.extract(ref(noPercent2), onlyGroup(re2(MULTIPLIER.source), 2)),
    );
    const body = step(
      'body',
      (ref) =>
        `COALESCE(${d.extract(ref(noPercent2), onlyGroup(re2(MULTIPLIER.source), 1))}, ${ref(noPercent2)})`,
    );
    const exponent = step('exp', (ref) => {
      const words = Object.entries(MULTIPLIER_EXPONENT)
        .map(([word, power]) => `WHEN ${d.text(word)} THEN ${power}`)
        .join(' ');
      return (
        `(CASE WHEN ${ref(percent1)} OR ${ref(percent2)} THEN -2 ELSE 0 END + ` +
        `COALESCE(CASE ${ref(multiplierWord)} ${words} END, 0))`
      );
    });
    // A number in scientific notation, or the digits with their separators.
    const mantissa = step('man', (ref) => d.extract(ref(body), onlyGroup(re2(SCIENTIFIC.source), 1)));
    const power = step('pow', (ref) => d.extract(ref(body), onlyGroup(re2(SCIENTIFIC.source), 2)));
    const digits = plainDigits(step, body);
    const decimal = step('dec', (ref) => {
      const m = ref(mantissa);
      const p = ref(power);
      const e = ref(exponent);
      // A '.5' / '5.' mantissa is written '0.5' / '5.0' for CAST; huge exponents are settled without casting.
      const canonical = `${d.replaceAll(d.replaceAll(m, '^\\.', '0.'), '\\.$', '.0')}`;
      const scientific =
        `CASE WHEN LENGTH(${d.replaceAll(p, '^[+-]', '')}) > 6 THEN ` +
        `(CASE WHEN STARTS_WITH(${p}, '-') OR ${d.contains(m, '^[0.]*$')} THEN '0' END) ` +
        `ELSE ${canonical} || 'e' || ${d.string(`${d.int(p)} + ${e}`)} END`;
      const plain = `CASE WHEN ${e} = 0 THEN ${ref(digits)} ELSE ${ref(digits)} || 'e' || ${d.string(e)} END`;
      return `CASE WHEN ${m} IS NOT NULL THEN ${scientific} ELSE ${plain} END`;
    });
    return step('value', (ref) => {
      const value = finite(d, ref(decimal));
      return `CASE WHEN ${ref(negative)} AND ${value} <> 0 THEN -${value} ELSE ${value} END`;
    });
  };

  const number = () =>
    once('number', () => {
      if (kind === 'number')
        return add('number', (ref) => {
          const x = d.float(ref(column));
          return `CASE WHEN ${d.isNan(x)} OR ABS(${x}) > 1.7976931348623157e308 THEN NULL ELSE ${x} END`;
        });
      if (kind !== 'text' && kind !== 'any') return add('number', () => d.float('NULL'));
      const simple = add('simple', (ref) => d.contains(ref(raw), re2(SIMPLE_NUMBER.source)));
      const hasDigit = add('digit', (ref) => d.contains(ref(raw), '[0-9\\x{ff10}-\\x{ff19}]'));
      const text = add(
        'numtext',
        (ref) => `CASE WHEN NOT ${ref(simple)} AND ${ref(hasDigit)} THEN ${ref(prepared())} END`,
      );
      const low = add('lowtext', (ref) => d.extract(ref(text), onlyGroup(re2(RANGE.source), 1)));
      const high = add('hightext', (ref) => d.extract(ref(text), onlyGroup(re2(RANGE.source), 2)));
      const lowValue = amount(`${prefix.slice(prefix.lastIndexOf('_') + 1)}lo`, low);
      const highValue = amount(`${prefix.slice(prefix.lastIndexOf('_') + 1)}hi`, high);
      const wholeValue = amount(`${prefix.slice(prefix.lastIndexOf('_') + 1)}wh`, text);
      return add('number', (ref) => {
        // '+5', '.5' and '5.' are written '5', '0.5' and '5.0' for CAST.
        const unsigned = d.replaceAll(ref(raw), '^\\+', '');
        const plain = d.replaceAll(d.replaceAll(unsigned, '^(-?)\\.', '\\10.'), '\\.([eE]|$)', '.0\\1');
        return (
          `CASE WHEN ${ref(simple)} THEN ${finite(d, plain)} ` +
          `WHEN ${ref(lowValue)} IS NOT NULL AND ${ref(highValue)} IS NOT NULL ` +
          `THEN CASE WHEN ${ref(lowValue)} <= ${ref(highValue)} THEN ${ref(lowValue)} END ` +
          `ELSE ${ref(wholeValue)} END`
        );
      });
    });

  // ---- dates: toTime.
  const time = () =>
    once('time', () => {
      switch (kind) {
        case 'number':
          return add('time', (ref) => {
            const x = ref(number());
            return (
              `CASE WHEN ${x} >= ${SERIAL_MIN} AND ${x} <= ${SERIAL_MAX} THEN ${roundHalfUp(`(${x} - ${SERIAL_UNIX_EPOCH}) * ${DAY_MS}`)} ` +
              `WHEN ${x} >= 1e11 AND ${x} <= 8.64e15 THEN ${x} WHEN ${x} >= 1e9 AND ${x} < 1e11 THEN ${x} * 1000 END`
            );
          });
        case 'date':
          return add('time', (ref) => d.float(`${d.dateDays(ref(column))} * ${DAY_MS}`));
        case 'timestamp':
          return add('time', (ref) => d.float(d.timestampMillis(ref(column))));
        case 'datetime':
          return add('time', (ref) => d.float(d.datetimeMillis(ref(column))));
        case 'text':
        case 'any':
          return dateFromText();
        default:
          return add('time', () => d.float('NULL'));
      }
    });

  const dateFromText = (): string => {
    const text = add(
      'datetext',
      (ref) =>
        `CASE WHEN ${utf16Length(ref(raw))} BETWEEN 6 AND 80 AND ${d.contains(ref(raw), '[0-9\\x{ff10}-\\x{ff19}]')} ` +
        `AND ${utf16Length(ref(prepared()))} >= 6 THEN ${ref(prepared())} END`,
    );
    const monthFirst = re2(MONTH_NAME_FIRST.source);
    const dayFirstNamed = re2(DAY_FIRST_NAMED.source);
    const form = add('dateform', (ref) => {
      const t = ref(text);
      return (
        `CASE WHEN ${t} IS NULL THEN NULL WHEN ${d.contains(t, ISO_FAST)} THEN 'fast' WHEN ${d.contains(t, '^[0-9]')} THEN ` +
        `CASE WHEN ${d.contains(t, YEAR_FIRST_LOOSE)} AND ${d.extract(t, onlyGroup(YEAR_FIRST_LOOSE, 2))} = ${d.extract(t, onlyGroup(YEAR_FIRST_LOOSE, 4))} THEN 'iso' ` +
        `WHEN ${d.contains(t, NUMERIC_LOOSE)} AND ${d.extract(t, onlyGroup(NUMERIC_LOOSE, 2))} = ${d.extract(t, onlyGroup(NUMERIC_LOOSE, 4))} THEN 'numeric' ` +
        `WHEN ${d.contains(t, dayFirstNamed)} THEN 'named' END ` +
        `WHEN ${d.contains(t, monthFirst)} THEN 'month' WHEN ${d.contains(t, dayFirstNamed)} THEN 'named' END`
      );
    });
    /** Group `group` of the pattern of each form (the time groups start at `timeAt`). */
    const forms = [
      { form: 'iso', pattern: YEAR_FIRST_LOOSE, timeAt: 6 },
      { form: 'numeric', pattern: NUMERIC_LOOSE, timeAt: 6 },
      { form: 'named', pattern: dayFirstNamed, timeAt: 4 },
      { form: 'month', pattern: monthFirst, timeAt: 4 },
    ];
    /** A field of the date: by position in a fast ISO date, else group `groupOf(...)` of its form's pattern. */
    const field = (
      name: string,
      groupOf: (form: string, timeAt: number) => number,
      fast: (t: string) => string,
    ) =>
      add(name, (ref) => {
        const t = ref(text);
        const cases = forms
          .map(
            ({ form: f, pattern, timeAt }) =>
              `WHEN ${d.text(f)} THEN ${d.extract(t, onlyGroup(pattern, groupOf(f, timeAt)))}`,
          )
          .join(' ');
        return `CASE ${ref(form)} WHEN 'fast' THEN ${fast(t)} ${cases} END`;
      });
    const timed = (t: string, sql: string) => `CASE WHEN LENGTH(${t}) > 10 THEN ${sql} END`;
    const first = field(
      'd1',
      () => 1,
      (t) => `SUBSTR(${t}, 1, 4)`,
    );
    const second = field(
      'd2',
      (f) => (f === 'named' || f === 'month' ? 2 : 3),
      (t) => `SUBSTR(${t}, 6, 2)`,
    );
    const third = field(
      'd3',
      (f) => (f === 'named' || f === 'month' ? 3 : 5),
      (t) => `SUBSTR(${t}, 9, 2)`,
    );
    const hour = field(
      'hh',
      (_f, at) => at,
      (t) => timed(t, `SUBSTR(${t}, 12, 2)`),
    );
    const minute = field(
      'mi',
      (_f, at) => at + 1,
      (t) => timed(t, `SUBSTR(${t}, 15, 2)`),
    );
    const second_ = field(
      'ss',
      (_f, at) => at + 2,
      (t) => timed(t, `SUBSTR(${t}, 18, 2)`),
    );
    const fraction = field(
      'fr',
      (_f, at) => at + 3,
      (t) => `CASE WHEN LENGTH(${t}) > 20 THEN SUBSTR(${t}, 21, 3) END`,
    );
    const meridiem = field(
      'ap',
      (_f, at) => at + 4,
      () => 'NULL',
    );
    const zone = field(
      'tz',
      (_f, at) => at + 5,
      (t) => timed(t, "'z'"),
    );
    const months = [...MONTHS].map(([name, number]) => `WHEN ${d.text(name)} THEN ${number}`).join(' ');
    const expandYear = (x: string) =>
      `CASE WHEN LENGTH(${x}) = 2 THEN CASE WHEN ${d.int(x)} < 30 THEN 2000 + ${d.int(x)} ELSE 1900 + ${d.int(x)} END ELSE ${d.int(x)} END`;
    const ymd = add('ymd', (ref) => {
      const f = ref(form);
      const a = d.int(ref(first));
      const b = d.int(ref(second));
      const separator = d.extract(ref(text), onlyGroup(NUMERIC_LOOSE, 2));
      // Numeric dates: month first unless a part is over 12; dotted dates are day first.
      const dayFirst = `(${a} > 12 AND ${b} <= 12) OR (NOT (${b} > 12 AND ${a} <= 12) AND ${separator} = '.')`;
      const iso = `${d.int(ref(first))} * 10000 + ${d.int(ref(second))} * 100 + ${d.int(ref(third))}`;
      const numericYear = expandYear(ref(third));
      return (
        `CASE ${f} WHEN 'fast' THEN ${iso} WHEN 'iso' THEN ${iso} ` +
        `WHEN 'numeric' THEN CASE WHEN ${a} > 12 AND ${b} > 12 THEN NULL WHEN ${dayFirst} ` +
        `THEN ${numericYear} * 10000 + ${b} * 100 + ${a} ELSE ${numericYear} * 10000 + ${a} * 100 + ${b} END ` +
        `WHEN 'named' THEN ${expandYear(ref(third))} * 10000 + COALESCE(CASE ${ref(second)} ${months} END, 0) * 100 + ${d.int(ref(first))} ` +
        `WHEN 'month' THEN ${d.int(ref(third))} * 10000 + COALESCE(CASE ${ref(first)} ${months} END, 0) * 100 + ${d.int(ref(second))} END`
      );
    });
    return add('time', (ref) => {
      const v = ref(ymd);
      const year = `FLOOR(${v} / 10000)`;
      const month = `MOD(FLOOR(${v} / 100), 100)`;
      const day = `MOD(${v}, 100)`;
      const leap = `((MOD(${year}, 4) = 0 AND MOD(${year}, 100) <> 0) OR MOD(${year}, 400) = 0)`;
      const monthDays = `CASE ${month} WHEN 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END WHEN 4 THEN 30 WHEN 6 THEN 30 WHEN 9 THEN 30 WHEN 11 THEN 30 ELSE 31 END`;
      const dateValid = `${month} BETWEEN 1 AND 12 AND ${day} >= 1 AND ${day} <= ${monthDays}`;
      const h = d.int(ref(hour));
      const pm = `STARTS_WITH(${ref(meridiem)}, 'p')`;
      const hour24 = `CASE WHEN ${ref(meridiem)} IS NULL THEN ${h} ELSE MOD(${h}, 12) + CASE WHEN ${pm} THEN 12 ELSE 0 END END`;
      const timeValid =
        `(${ref(hour)} IS NULL OR ((${ref(meridiem)} IS NULL OR ${h} BETWEEN 1 AND 12) AND ${hour24} <= 23 ` +
        `AND ${d.int(ref(minute))} <= 59 AND COALESCE(${d.int(ref(second_))}, 0) <= 59))`;
      const zoneDigits = `REPLACE(SUBSTR(${ref(zone)}, 2), ':', '')`;
      const zoneHours = d.int(`SUBSTR(${zoneDigits}, 1, 2)`);
      const zoneMinutes = `CASE WHEN LENGTH(${zoneDigits}) > 2 THEN ${d.int(`SUBSTR(${zoneDigits}, 3)`)} ELSE 0 END`;
      const offsetZone = `${ref(zone)} IS NOT NULL AND ${ref(zone)} NOT IN ('z', 'utc', 'gmt')`;
      const zoneValid = `NOT (${offsetZone}) OR (${zoneHours} <= 14 AND ${zoneMinutes} <= 59)`;
      const zoneOffset =
        `CASE WHEN ${offsetZone} THEN (CASE WHEN STARTS_WITH(${ref(zone)}, '-') THEN -1 ELSE 1 END) * ` +
        `(${zoneHours} * 3600000 + ${zoneMinutes} * 60000) ELSE 0 END`;
      const clock =
        `CASE WHEN ${ref(hour)} IS NULL THEN 0 ELSE ${hour24} * 3600000 + ${d.int(ref(minute))} * 60000 + ` +
        `COALESCE(${d.int(ref(second_))}, 0) * 1000 + ` +
        `COALESCE(FLOOR(${d.float(`'0.' || ${ref(fraction)}`)} * 1000), 0) - ${zoneOffset} END`;
      return (
        `CASE WHEN ${v} IS NOT NULL AND ${dateValid} AND ${timeValid} AND (${zoneValid}) ` +
        `THEN ${daysFromCivil(year, month, day)} * ${DAY_MS} + ${clock} END`
      );
    });
  };

  // ---- e-mail domains: emailDomain.
  const domain = () =>
    once('domain', () => {
      if (kind !== 'text' && kind !== 'any') return add('domain', () => d.string('NULL'));
      const jsTrim = (x: string) => d.replaceAll(x, `^[${JS_SPACE}]+|[${JS_SPACE}]+$`, '');
      // A plain address needs none of the careful path: its domain is the text after its '@'.
      const plain = add('mailplain', (ref) => d.contains(ref(raw), PLAIN_ADDRESS));
      const whole = add('mail', (ref) => {
        const trimmed = jsTrim(d.nfkc(ref(raw)));
        return `CASE WHEN NOT ${ref(plain)} THEN ${trimmed} END`;
      });
      const bracketed = add(
        'mail1',
        (ref) =>
          `CASE WHEN ${utf16Length(ref(whole))} < 5 OR ${utf16Length(ref(whole))} > 512 THEN NULL ` +
          `WHEN STRPOS(${ref(whole)}, '<') > 0 THEN ${jsTrim(d.extract(ref(whole), '^[^<]*<([^>]*)>'))} ` +
          `ELSE ${ref(whole)} END`,
      );
      const unprefixed = add(
        'mail2',
        (ref) =>
          `CASE WHEN STARTS_WITH(LOWER(${ref(bracketed)}), 'mailto:') THEN SUBSTR(${ref(bracketed)}, 8) ELSE ${ref(bracketed)} END`,
      );
      const address = add(
        'mail3',
        (ref) =>
          `CASE WHEN ${d.contains(ref(unprefixed), EMAIL_SPACE)} ` +
          `THEN ${d.extract(ref(unprefixed), `(?:^|${EMAIL_SPACE})([^${JS_SPACE},;]*@[^${JS_SPACE},;]*)`)} ` +
          `ELSE ${ref(unprefixed)} END`,
      );
      const tail = add('mail4', (ref) => {
        const local = `^[^${JS_SPACE}@<>()\\[\\\\\\],;:"]+@[^@]*$`;
        const lowered = `LOWER(REPLACE(${d.extract(ref(address), '@([^@]*)$')}, 'İ', 'i̇'))`;
        const plainTail = `LOWER(SUBSTR(${ref(raw)}, STRPOS(${ref(raw)}, '@') + 1))`;
        return (
          `CASE WHEN ${ref(plain)} THEN CASE WHEN LENGTH(${ref(raw)}) BETWEEN 5 AND 512 THEN ${plainTail} END ` +
          `WHEN ${d.contains(ref(address), local)} THEN ${lowered} END`
        );
      });
      const host = add(
        'mail5',
        (ref) =>
          `CASE WHEN ENDS_WITH(${ref(tail)}, '.') THEN SUBSTR(${ref(tail)}, 1, LENGTH(${ref(tail)}) - 1) ELSE ${ref(tail)} END`,
      );
      return add(
        'domain',
        (ref) =>
          `CASE WHEN ${utf16Length(ref(host))} BETWEEN 3 AND 253 AND ${d.contains(ref(host), DOMAIN_CHARACTERS)} ` +
          `AND NOT ${d.contains(ref(host), EDGE_HYPHEN)} AND NOT ${d.contains(ref(host), LONG_LABEL)} ` +
          `AND NOT ${d.contains(ref(host), '\\.[0-9]+$')} THEN ${ref(host)} END`,
      );
    });

  return { empty, blank, text, number, boolean, time, domain };
}

/** A whole double in [1e18, 1e21) as JavaScript writes it: its shortest digits, then zeros ("73786976294838210000"). */
function bigInteger(d: Dialect, x: string): string {
  const text = d.string(x);
  const digits = d.replaceAll(d.extract(text, '^(-?[0-9.]+)'), '\\.', '');
  const exponent = d.int(d.extract(text, 'e\\+?([0-9]+)$'));
  const width = `${exponent} + 1 + CASE WHEN ${x} < 0 THEN 1 ELSE 0 END`;
  return `RPAD(${digits}, CAST(${width} AS INTEGER), '0')`;
}

/** CAST of a decimal string to a double, or NULL where JavaScript's Number() would give Infinity. */
function finite(d: Dialect, decimal: string): string {
  return `CASE WHEN ${decimal} IS NOT NULL AND ABS(${d.float(decimal)}) <= 1.7976931348623157e308 THEN ${d.float(decimal)} END`;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (the engine's daysFromCivil), in FLOAT64 arithmetic. */
function daysFromCivil(year: string, month: string, day: string): string {
  const y = `(${year} - CASE WHEN ${month} <= 2 THEN 1 ELSE 0 END)`;
  const era = `FLOOR(${y} / 400)`;
  const yearOfEra = `(${y} - ${era} * 400)`;
  const dayOfYear = `(FLOOR((153 * (${month} + CASE WHEN ${month} > 2 THEN -3 ELSE 9 END) + 2) / 5) + ${day} - 1)`;
  const dayOfEra = `(${yearOfEra} * 365 + FLOOR(${yearOfEra} / 4) - FLOOR(${yearOfEra} / 100) + ${dayOfYear})`;
  return `(${era} * 146097 + ${dayOfEra} - 719468)`;
}
