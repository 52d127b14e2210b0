// BigQuery SQL text, checked and run without BigQuery: a tokenizer that finds every function the text calls,
// the allowlist in docs/bigquery.md, and a shim of DuckDB macros named like the BigQuery functions, with
// BigQuery's behaviour, so the BigQuery text itself runs in DuckDB.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { duckDb, duckNfkc, duckNfkcLiterals } from '../../../src/sql/dialect';

export type Token =
  | { kind: 'string'; value: string; text: string }
  | { kind: 'quoted'; value: string; text: string }
  | { kind: 'word'; text: string }
  | { kind: 'other'; text: string };

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '`': '`',
};

/** BigQuery lexical structure, for the subset the generator writes: '...' strings with \ escapes, `...` names. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const char = sql[i] as string;
    if (char === "'" || char === '`') {
      let value = '';
      let j = i + 1;
      for (; j < sql.length && sql[j] !== char; j++) {
        if (sql[j] === '\\') {
          const next = sql[++j] ?? '';
          const escaped = ESCAPES[next];
          if (escaped === undefined) throw new Error(`unknown escape \\${next} at ${j}`);
          value += escaped;
        } else {
          value += sql[j];
        }
      }
      if (j >= sql.length) throw new Error(`unterminated ${char} at ${i}`);
      tokens.push({ kind: char === "'" ? 'string' : 'quoted', value, text: sql.slice(i, j + 1) });
      i = j + 1;
    } else if (/[A-Za-z_]/.test(char)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'word', text: match[0] });
      i += match[0].length;
    } else if (char === '"') {
      throw new Error(`double-quoted text at ${i}: the generator writes strings in single quotes`);
    } else {
      tokens.push({ kind: 'other', text: char });
      i += 1;
    }
  }
  return tokens;
}

/** SQL keywords that may stand before '(' without being a function. */
const KEYWORDS = new Set([
  'AS',
  'IN',
  'AND',
  'OR',
  'NOT',
  'WHEN',
  'THEN',
  'ELSE',
  'CASE',
  'END',
  'SELECT',
  'FROM',
  'WITH',
  'IS',
  'NULL',
]);

/** Every function the text calls (a name followed by '('), upper-cased, and every type it casts to. */
export function functionsUsed(sql: string): { functions: Set<string>; types: Set<string> } {
  const tokens = tokenize(sql).filter((token) => !(token.kind === 'other' && /\s/.test(token.text)));
  const functions = new Set<string>();
  const types = new Set<string>();
  tokens.forEach((token, i) => {
    const next = tokens[i + 1];
    if (token.kind === 'word' && next?.text === '(' && !KEYWORDS.has(token.text.toUpperCase()))
      functions.add(token.text.toUpperCase());
    // CAST(x AS TYPE): the word after AS that is followed by ')'.
    if (
      token.kind === 'word' &&
      token.text.toUpperCase() === 'AS' &&
      tokens[i + 2]?.text === ')' &&
      next?.kind === 'word'
    )
      types.add(next.text.toUpperCase());
  });
  return { functions, types };
}

export interface AllowedFunction {
  bigQuery: string;
  duckDb: string;
}

/** The allowlist: the table between the markers in docs/bigquery.md, first column the BigQuery function. */
export function readAllowlist(root: string): AllowedFunction[] {
  const doc = readFileSync(join(root, 'docs/bigquery.md'), 'utf8');
  const start = doc.indexOf('<!-- allowlist:start -->');
  const end = doc.indexOf('<!-- allowlist:end -->');
  if (start < 0 || end < start) throw new Error('docs/bigquery.md has no allowlist markers');
  return doc
    .slice(start, end)
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const cells = line.split('|').map((cell) => cell.trim());
      return {
        bigQuery: (cells[1] ?? '').replace(/`/g, '').replace(/\(.*$/, ''),
        duckDb: (cells[2] ?? '').replace(/`/g, ''),
      };
    });
}

/**
 * The BigQuery text in DuckDB's lexical form, and nothing more: `names` become "names", '...' strings with
 * backslash escapes become '...' with doubled quotes, and NORMALIZE's mode keyword NFKC becomes the string
 * 'NFKC' (a macro argument cannot be a bare keyword). Every function call is left as BigQuery wrote it.
 */
export function toDuckDbText(sql: string): string {
  const tokens = tokenize(sql);
  return tokens
    .map((token, i) => {
      if (token.kind === 'string') return duckDb.text(token.value);
      if (token.kind === 'quoted') return duckDb.ident(token.value);
      if (token.kind === 'word' && token.text === 'NFKC') {
        const before = tokens
          .slice(0, i)
          .reverse()
          .find((t) => !(t.kind === 'other' && /\s/.test(t.text)));
        if (before?.text === ',') return "'NFKC'";
      }
      return token.text;
    })
    .join('');
}

/**
 * DuckDB macros with BigQuery's names and behaviour, and BigQuery's FLOAT64 type name. The macros are TEMP: they
 * exist for `connection` only, so another connection to the same database keeps DuckDB's own functions.
 */
export async function installShim(connection: DuckDBConnection): Promise<void> {
  // A macro pastes its argument wherever the body names it: `[s]` with a lambda reads the argument once.
  const once = (body: string) => `list_transform([s], v -> ${body})[1]`;
  // The NFKC lists are session variables: pasted into the macro, 40 KB of literals would be planned at every call.
  const literals = duckNfkcLiterals();
  await connection.run(`SET VARIABLE leadscore_nfkc_from = ${literals.from}`);
  await connection.run(`SET VARIABLE leadscore_nfkc_to = ${literals.to}`);
  const nfkc = once(
    duckNfkc('v', {
      from: "getvariable('leadscore_nfkc_from')",
      to: "getvariable('leadscore_nfkc_to')",
      pattern: literals.pattern,
    }),
  );
  const statements = [
    'CREATE TYPE IF NOT EXISTS FLOAT64 AS DOUBLE',
    // BigQuery: true when the pattern matches anywhere.
    'CREATE MACRO regexp_contains(s, re) AS regexp_matches(s, re)',
    // BigQuery: the first group of the first match, NULL when nothing matches (DuckDB's own gives '').
    `CREATE MACRO regexp_extract(s, re) AS ${once('CASE WHEN regexp_matches(v, re) THEN system.main.regexp_extract(v, re, 1) END')}`,
    // BigQuery replaces every match (DuckDB's own replaces the first unless told 'g').
    "CREATE MACRO regexp_replace(s, re, rewrite) AS system.main.regexp_replace(s, re, rewrite, 'g')",
    `CREATE MACRO normalize(s, mode) AS CASE WHEN mode = 'NFKC' THEN ${nfkc} ELSE error('the shim has NFKC only') END`,
    'CREATE MACRO is_nan(x) AS isnan(x)',
    "CREATE MACRO unix_date(d) AS date_diff('day', DATE '1970-01-01', d)",
    'CREATE MACRO unix_millis(ts) AS epoch_ms(ts)',
    "CREATE MACRO date_from_unix_date(n) AS DATE '1970-01-01' + CAST(n AS INTEGER)",
    'CREATE MACRO current_date(tz) AS CAST(timezone(tz, now()) AS DATE)',
  ];
  for (const statement of statements)
    await connection.run(statement.replace(/^CREATE MACRO/, 'CREATE TEMP MACRO'));
}

/** The shim's macros, by BigQuery name. */
export const SHIMMED = new Set([
  'REGEXP_CONTAINS',
  'REGEXP_EXTRACT',
  'REGEXP_REPLACE',
  'NORMALIZE',
  'IS_NAN',
  'UNIX_DATE',
  'UNIX_MILLIS',
  'DATE_FROM_UNIX_DATE',
  'CURRENT_DATE',
]);
