// The BigQuery text: only allowlisted functions (docs/bigquery.md), and, run in DuckDB through a shim of macros
// named like the BigQuery functions, the same rows as the DuckDB text on the same tables.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { fileSource, openDuckDbInstance, tableColumns } from '../../src/cli/duckdb-engine';
import type { ScoringModel } from '../../src/engine/model';
import { TEMPLATES } from '../../src/engine/templates';
import type { ColumnKind } from '../../src/sql/column-types';
import { bigQuery, duckDb } from '../../src/sql/dialect';
import { type AsOf, generateSql, RESULT_NAMES } from '../../src/sql/generate';
import { REPO_ROOT } from '../support/bundle';
import { seededRandom } from '../support/seeded-random';
import { functionsUsed, installShim, readAllowlist, SHIMMED, toDuckDbText } from './support/bigquery-shim';
import { EVERY_CONDITION } from './support/every-condition';
import { fixtureTypes, modelFixture, writeCsv } from './support/fixtures';

// DuckDB plans each generated query in seconds, more on a busy machine: these tests wait longer than jest's default.
jest.setTimeout(300_000);

const MODELS: [string, ScoringModel][] = [
  ...TEMPLATES.map((t) => [t.id, t.model] as [string, ScoringModel]),
  ['every-condition', EVERY_CONDITION],
];
const KINDS: ColumnKind[] = ['text', 'number', 'boolean', 'date', 'timestamp', 'datetime', 'any'];
const AS_OF_TIME = Date.UTC(2026, 10, 20);

function modelColumns(model: ScoringModel): string[] {
  const names = new Set<string>();
  for (const group of model.groups) for (const rule of group.rules) names.add(rule.column);
  for (const entry of model.disqualifiers) names.add(entry.column);
  if (model.decay) names.add(model.decay.column);
  return [...names];
}

describe('the BigQuery text uses only allowlisted functions', () => {
  const allowlist = readAllowlist(REPO_ROOT);
  const allowed = new Set(allowlist.map((entry) => entry.bigQuery.toUpperCase()));
  const used = new Set<string>();
  const types = new Set<string>();
  for (const [, model] of MODELS) {
    for (const kind of KINDS) {
      for (const asOf of [{ date: '2026-11-20' }, { timeZone: 'Europe/Paris' }] as AsOf[]) {
        const columns = modelColumns(model).map((name) => ({ name, kind }));
        const { sql } = generateSql(model, {
          dialect: bigQuery,
          table: 'my-project.crm.leads',
          columns,
          asOf,
        });
        const found = functionsUsed(sql);
        for (const name of found.functions) used.add(name);
        for (const name of found.types) types.add(name);
      }
    }
  }

  it('every function called is in docs/bigquery.md, paired with a DuckDB counterpart', () => {
    expect(allowlist.length).toBeGreaterThan(20);
    for (const entry of allowlist) expect(entry.duckDb).not.toBe('');
    expect([...used].filter((name) => !allowed.has(name))).toEqual([]);
  });

  it('the allowlist names no function the generator never writes', () => {
    expect([...allowed].filter((name) => !used.has(name))).toEqual([]);
  });

  it('casts only to BigQuery type names', () => {
    expect([...types].sort()).toEqual(['BOOL', 'FLOAT64', 'INT64', 'INTEGER', 'STRING']);
  });

  it('the tokenizer finds a function that is not allowed', () => {
    expect(functionsUsed("SELECT SAFE.PARSE_DATE('%F', x), regexp_matches(a, 'b') FROM t").functions).toEqual(
      new Set(['PARSE_DATE', 'REGEXP_MATCHES']),
    );
  });
});

describe('the BigQuery text, run in DuckDB through the shim, returns the DuckDB text rows', () => {
  let connection: DuckDBConnection;
  /** A second connection to the same database, with the shim's macros. */
  let shim: DuckDBConnection;
  let folder: string;
  beforeAll(async () => {
    const instance = await openDuckDbInstance();
    connection = await instance.connect();
    shim = await instance.connect();
    await installShim(shim);
    folder = mkdtempSync(join(tmpdir(), 'leadscore-bigquery-'));
  });
  afterAll(() => {
    shim.closeSync();
    connection.closeSync();
    rmSync(folder, { recursive: true, force: true });
  });

  /** Both texts over one table; every result column of every row must be equal. */
  async function expectSameRows(model: ScoringModel, table: string, asOf: AsOf) {
    const columns = await tableColumns(connection, table);
    const duck = generateSql(model, { dialect: duckDb, table, columns, asOf }).sql;
    const big = generateSql(model, { dialect: bigQuery, table, columns, asOf }).sql;
    expect(big).toContain('REGEXP_REPLACE(');
    const shimmed = toDuckDbText(big);
    const results = RESULT_NAMES.map((name) => duckDb.ident(name)).join(', ');
    const read = async (on: DuckDBConnection, sql: string) =>
      (await on.runAndReadAll(`SELECT ${results} FROM (${sql})`)).getRowsJS();
    const [expected, actual] = [await read(connection, duck), await read(shim, shimmed)];
    expect(actual.length).toBe(expected.length);
    const differing = actual.flatMap((row, i) =>
      JSON.stringify(row) === JSON.stringify(expected[i])
        ? []
        : [{ row: i, bigQuery: row, duckDb: expected[i] }],
    );
    expect(differing.slice(0, 5)).toEqual([]);
    return expected.length;
  }

  async function load(model: ScoringModel, name: string, typed: boolean): Promise<string> {
    const { header, rows } = modelFixture(model, 600, seededRandom(name.length * 31), AS_OF_TIME);
    const file = join(folder, `${name}.csv`);
    writeCsv(file, header, rows);
    const text = fileSource(file, 'csv');
    const types = fixtureTypes(model);
    const select = typed
      ? header
          .map(
            (column) =>
              `TRY_CAST(${duckDb.ident(column)} AS ${types.get(column) ?? 'VARCHAR'}) AS ${duckDb.ident(column)}`,
          )
          .join(', ')
      : '*';
    const table = `${name.replace(/-/g, '_')}_${typed ? 'typed' : 'text'}`;
    await connection.run(`CREATE TABLE ${table} AS SELECT ${select} FROM ${text}`);
    return table;
  }

  it.each(MODELS)('%s fixtures, all-text', async (name, model) => {
    const table = await load(model, name, false);
    expect(await expectSameRows(model, table, { time: AS_OF_TIME })).toBe(600);
  });

  it.each(MODELS)('%s fixtures, typed', async (name, model) => {
    const table = await load(model, name, true);
    expect(await expectSameRows(model, table, { time: AS_OF_TIME })).toBe(600);
  });

  it('the bundled sample, scored as of today in a time zone (CURRENT_DATE in the shim)', async () => {
    await connection.run(
      `CREATE TABLE sample AS SELECT * FROM ${fileSource(join(REPO_ROOT, 'samples/hubspot-contacts.csv'), 'csv')}`,
    );
    const model = TEMPLATES[0]?.model as ScoringModel;
    expect(await expectSameRows(model, 'sample', { timeZone: 'Pacific/Auckland' })).toBe(200);
  });

  it('the shim defines every allowlisted function whose DuckDB behaviour differs', () => {
    const differing = readAllowlist(REPO_ROOT)
      .filter((entry) => entry.duckDb.toLowerCase() !== entry.bigQuery.toLowerCase())
      .map((entry) => entry.bigQuery.toUpperCase())
      .filter((name) => name !== 'CAST' && name !== 'TIMESTAMP');
    expect(differing.filter((name) => !SHIMMED.has(name))).toEqual([]);
  });
});
