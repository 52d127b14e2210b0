// Everything that differs between BigQuery and DuckDB SQL, in one place: quoting, literals, and the few
// functions spelled or behaving differently. The generator writes every other function the same for both.
import { nfkcTable } from './nfkc-table';

export type DialectName = 'bigquery' | 'duckdb';

export interface Dialect {
  readonly name: DialectName;
  /** A quoted column or CTE name. */
  ident(name: string): string;
  /** A table path "project.dataset.table" / "schema.table", quoted. */
  table(path: string): string;
  /** A string literal holding exactly `text`. */
  text(text: string): string;
  /** True when `re` (RE2 syntax) matches somewhere in `s`. */
  contains(s: string, re: string): string;
  /** The first capture group of `re`'s first match in `s`, or NULL (never ''; every group we capture is non-empty). */
  extract(s: string, re: string): string;
  /** `s` with every match of `re` replaced by `rewrite` (\1 names a group). */
  replaceAll(s: string, re: string, rewrite: string): string;
  /** NFKC of `s` (the engine's String.prototype.normalize('NFKC')). */
  nfkc(s: string): string;
  /** CAST to the 64-bit float, integer and string types. */
  float(x: string): string;
  int(x: string): string;
  string(x: string): string;
  isNan(x: string): string;
  /** Days since 1970-01-01 of a DATE; milliseconds since the epoch of a TIMESTAMP or a zone-less DATETIME. */
  dateDays(x: string): string;
  timestampMillis(x: string): string;
  datetimeMillis(x: string): string;
  /** The DATE `x` days after 1970-01-01. */
  dateFromDays(x: string): string;
  /** Days since 1970-01-01 of today's date in an IANA time zone. */
  todayDays(timeZone: string): string;
  /** One-row CTEs the generated SQL joins first (DuckDB's NFKC table), with the columns they add. */
  preludes(): { name: string; sql: string; columns: string[] }[];
  /** The query listing a table's columns and types, for --columns-from. */
  columnsQuery(path: string): string;
}

function splitPath(path: string): string[] {
  return path
    .split('.')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

const BIGQUERY_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  "'": "\\'",
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

export const bigQuery: Dialect = {
  name: 'bigquery',
  ident: (name) => `\`${name.replace(/[\\`]/g, (char) => `\\${char}`)}\``,
  table: (path) => `\`${splitPath(path).join('.').replace(/`/g, '')}\``,
  // BigQuery string literals treat '\' as an escape, so RE2 backslashes are doubled.
  text: (text) => `'${text.replace(/[\\'\n\r\t]/g, (char) => BIGQUERY_ESCAPES[char] ?? char)}'`,
  contains: (s, re) => `REGEXP_CONTAINS(${s}, ${bigQuery.text(re)})`,
  extract: (s, re) => `NULLIF(REGEXP_EXTRACT(${s}, ${bigQuery.text(re)}), '')`,
  replaceAll: (s, re, rewrite) => `REGEXP_REPLACE(${s}, ${bigQuery.text(re)}, ${bigQuery.text(rewrite)})`,
  nfkc: (s) => `NORMALIZE(${s}, NFKC)`,
  float: (x) => `CAST(${x} AS FLOAT64)`,
  int: (x) => `CAST(${x} AS INT64)`,
  string: (x) => `CAST(${x} AS STRING)`,
  isNan: (x) => `IS_NAN(${x})`,
  dateDays: (x) => `UNIX_DATE(${x})`,
  timestampMillis: (x) => `UNIX_MILLIS(${x})`,
  datetimeMillis: (x) => `UNIX_MILLIS(TIMESTAMP(${x}))`,
  dateFromDays: (x) => `DATE_FROM_UNIX_DATE(CAST(${x} AS INT64))`,
  todayDays: (timeZone) => `UNIX_DATE(CURRENT_DATE(${bigQuery.text(timeZone)}))`,
  preludes: () => [],
  columnsQuery: (path) => {
    const parts = splitPath(path);
    const table = parts.pop() ?? '';
    const dataset = parts.length > 0 ? `\`${parts.join('.')}\`.` : '';
    return `SELECT column_name, data_type\nFROM ${dataset}INFORMATION_SCHEMA.COLUMNS\nWHERE table_name = ${bigQuery.text(table)}\nORDER BY ordinal_position`;
  },
};

/** The CTE holding DuckDB's NFKC table (one row); its columns are named after it. */
const NFKC_CTE = '_ls_nfkc';

/** SQL expressions for the NFKC table: its two lists and the class of the characters it maps. */
export interface NfkcSql {
  from: string;
  to: string;
  pattern: string;
}

/**
 * NFKC in DuckDB: texts holding a compatibility character are split into characters, each looked up in the
 * table, and joined; every non-ASCII text is then put in NFC. ASCII texts pass untouched.
 */
export function duckNfkc(s: string, table: NfkcSql): string {
  const mapped =
    `CASE WHEN regexp_matches(${s}, ${table.pattern}) THEN array_to_string(list_transform(string_split(${s}, ''), ` +
    `c -> coalesce(${table.to}[list_position(${table.from}, c)], c)), '') ELSE ${s} END`;
  return `CASE WHEN regexp_matches(${s}, '[^\\x00-\\x7f]') THEN nfc_normalize(${mapped}) ELSE ${s} END`;
}

/** The NFKC table as DuckDB literals. */
export function duckNfkcLiterals(): NfkcSql {
  const table = nfkcTable();
  const list = (items: readonly string[]) => `[${items.map((item) => duckDb.text(item)).join(', ')}]`;
  return { from: list(table.from), to: list(table.to), pattern: duckDb.text(table.pattern) };
}

export const duckDb: Dialect = {
  name: 'duckdb',
  ident: (name) => `"${name.replace(/"/g, '""')}"`,
  table: (path) =>
    splitPath(path)
      .map((part) => duckDb.ident(part.replace(/^"|"$/g, '')))
      .join('.'),
  text: (text) => `'${text.replace(/'/g, "''")}'`,
  contains: (s, re) => `regexp_matches(${s}, ${duckDb.text(re)})`,
  extract: (s, re) => `NULLIF(regexp_extract(${s}, ${duckDb.text(re)}, 1), '')`,
  replaceAll: (s, re, rewrite) => `regexp_replace(${s}, ${duckDb.text(re)}, ${duckDb.text(rewrite)}, 'g')`,
  // The lists come from a one-row CTE, but the class must be a literal: DuckDB compiles constant patterns once.
  nfkc: (s) =>
    duckNfkc(s, { from: `${NFKC_CTE}_from`, to: `${NFKC_CTE}_to`, pattern: duckNfkcLiterals().pattern }),
  float: (x) => `CAST(${x} AS DOUBLE)`,
  int: (x) => `CAST(${x} AS BIGINT)`,
  string: (x) => `CAST(${x} AS VARCHAR)`,
  isNan: (x) => `isnan(${x})`,
  dateDays: (x) => `date_diff('day', DATE '1970-01-01', ${x})`,
  timestampMillis: (x) => `epoch_ms(${x})`,
  datetimeMillis: (x) => `epoch_ms(${x})`,
  dateFromDays: (x) => `(DATE '1970-01-01' + CAST(${x} AS INTEGER))`,
  todayDays: (timeZone) =>
    `date_diff('day', DATE '1970-01-01', CAST(timezone(${duckDb.text(timeZone)}, now()) AS DATE))`,
  preludes: () => {
    const literals = duckNfkcLiterals();
    return [
      {
        name: NFKC_CTE,
        columns: [`${NFKC_CTE}_from`, `${NFKC_CTE}_to`],
        sql: `SELECT ${literals.from} AS ${NFKC_CTE}_from, ${literals.to} AS ${NFKC_CTE}_to`,
      },
    ];
  },
  columnsQuery: (path) => {
    const parts = splitPath(path);
    const table = parts.pop() ?? '';
    const schema = parts.pop();
    return `SELECT column_name, data_type\nFROM information_schema.columns\nWHERE table_name = ${duckDb.text(table)}${schema ? ` AND table_schema = ${duckDb.text(schema)}` : ''}\nORDER BY ordinal_position`;
  },
};

export function dialectNamed(name: string): Dialect | undefined {
  if (name === 'bigquery') return bigQuery;
  if (name === 'duckdb') return duckDb;
  return undefined;
}
