// The generated DuckDB SQL gives the engine's score, band and reasons (and every other result field) on every
// row: each template's fixtures, the bundled sample, X Education and a 100,000-row messy file, each loaded
// all-text (as the CLI reads a CSV) and typed (DuckDB's own column types, as a warehouse table has them).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { fileSource, openDuckDb, tableColumns } from '../../src/cli/duckdb-engine';
import { CONDITIONS } from '../../src/engine/conditions';
import type { ScoringModel } from '../../src/engine/model';
import { TEMPLATES } from '../../src/engine/templates';
import { describeIssues, validateModel } from '../../src/engine/validate';
import { duckDb } from '../../src/sql/dialect';
import { generateSql } from '../../src/sql/generate';
import { hasSharedData, sharedDataDir, sharedDataPath } from '../engine/support/shared-data';
import { REPO_ROOT } from '../support/bundle';
import { seededRandom } from '../support/seeded-random';
import { EVERY_CONDITION } from './support/every-condition';
import { fixtureTypes, modelFixture, snakeCase, writeCsv } from './support/fixtures';
import { compareWithEngine, describeMismatches } from './support/parity';

// DuckDB plans each generated query in seconds, more on a busy machine: these tests wait longer than jest's default.
jest.setTimeout(300_000);

const AS_OF = new Date('2026-11-20T00:00:00Z');
const BIG_ROWS = 100_000;
let connection: DuckDBConnection;
let folder: string;

beforeAll(async () => {
  connection = await openDuckDb();
  folder = mkdtempSync(join(tmpdir(), 'leadscore-parity-'));
});
afterAll(() => {
  connection.closeSync();
  rmSync(folder, { recursive: true, force: true });
});

/**
 * How a file becomes a table: all text (as the CLI reads a CSV); with the types DuckDB detects; or with a
 * schema (column -> SQL type), cells that do not fit their type loaded as NULL.
 */
type Load = 'text' | 'detected' | Map<string, string>;

/** Loads `file` as a table and checks every row. */
async function expectParity(model: ScoringModel, file: string, load: Load, minRows: number) {
  const table = `t_${Math.random().toString(36).slice(2)}`;
  const text = fileSource(file, 'csv');
  let select = `SELECT * FROM ${text}`;
  if (load === 'detected')
    select = `SELECT * FROM read_csv(${duckDb.text(file)}, header = true, sample_size = -1)`;
  else if (load instanceof Map) {
    const names = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${text}`)).getRowObjectsJS();
    const casts = names.map(({ column_name }) => {
      const name = String(column_name);
      const type = load.get(name) ?? 'VARCHAR';
      return `TRY_CAST(${duckDb.ident(name)} AS ${type}) AS ${duckDb.ident(name)}`;
    });
    select = `SELECT ${casts.join(', ')} FROM ${text}`;
  }
  await connection.run(`CREATE TABLE ${table} AS ${select}`);
  const columns = await tableColumns(connection, table);
  if (load !== 'text') expect(columns.some((column) => column.kind !== 'text')).toBe(true);
  const { sql } = generateSql(model, { dialect: duckDb, table, columns, asOf: { time: AS_OF.getTime() } });
  const report = await compareWithEngine(connection, model, sql, columns, AS_OF);
  await connection.run(`DROP TABLE ${table}`);
  if (report.differing > 0) throw new Error(describeMismatches(report));
  expect(report.rows).toBeGreaterThanOrEqual(minRows);
  return report;
}

describe('the every-condition model', () => {
  it('is valid and uses every condition op', () => {
    const result = validateModel(EVERY_CONDITION);
    if (!result.ok) throw new Error(describeIssues(result.issues));
    const ops = new Set(
      EVERY_CONDITION.groups.flatMap((group) => group.rules.map((rule) => rule.condition.op)),
    );
    for (const entry of EVERY_CONDITION.disqualifiers) ops.add(entry.condition.op);
    expect([...ops].sort()).toEqual(CONDITIONS.map((info) => info.op).sort());
  });
});

describe.each(TEMPLATES.map((template) => [template.id, template.model] as const))(
  'template %s on its fixtures',
  (id, model) => {
    let file: string;
    beforeAll(() => {
      const { header, rows } = modelFixture(model, 3000, seededRandom(id.length * 7919), AS_OF.getTime());
      file = join(folder, `${id}.csv`);
      writeCsv(file, header, rows);
    });
    it('all-text: every row equal', async () => {
      const report = await expectParity(model, file, 'text', 3000);
      expect(Object.keys(report.bands).length).toBeGreaterThan(2);
    });
    it('typed: every row equal', async () => {
      await expectParity(model, file, fixtureTypes(model), 3000);
    });
  },
);

describe.each(TEMPLATES.map((template) => [template.id, template.model] as const))(
  'template %s on the bundled sample',
  (_id, model) => {
    const sample = join(REPO_ROOT, 'samples/hubspot-contacts.csv');
    const scored = { ...model, groups: model.groups }; // the sample lacks some columns: those rules give nothing
    it('all-text: every row equal', async () => {
      await expectParity(scored, sample, 'text', 200);
    });
    it('typed (DuckDB-detected types): every row equal', async () => {
      await expectParity(scored, sample, 'detected', 200);
    });
  },
);

(hasSharedData ? describe : describe.skip)('X Education (../shared/data)', () => {
  if (!hasSharedData) console.info(`Skipping X Education parity: ${sharedDataDir} not found.`);
  const model = TEMPLATES.find((template) => template.id === 'x-education')?.model as ScoringModel;
  const file = sharedDataPath('x-education-leads.csv');
  it('all-text: every row equal', async () => {
    await expectParity(model, file, 'text', 9000);
  });
  it('typed (DuckDB-detected types): every row equal', async () => {
    await expectParity(model, file, 'detected', 9000);
  });
});

describe(`a ${BIG_ROWS.toLocaleString('en-US')}-row messy file with snake_case warehouse names`, () => {
  let file: string;
  // Warehouse loads name columns in snake_case; one column goes by a model synonym.
  const rename = (column: string) => (column === 'Page Views' ? 'web_views' : snakeCase(column));
  beforeAll(() => {
    const { header, rows } = modelFixture(
      EVERY_CONDITION,
      BIG_ROWS,
      seededRandom(100_000),
      AS_OF.getTime(),
      rename,
    );
    expect(header).toContain('number_of_employees');
    file = join(folder, 'big.csv');
    writeCsv(file, header, rows);
  });
  it('all-text: every row equal', async () => {
    const report = await expectParity(EVERY_CONDITION, file, 'text', BIG_ROWS);
    expect(Object.keys(report.bands).sort()).toEqual(['Cold', 'Disqualified', 'Hot', 'Needs review', 'Warm']);
  }, 300_000);
  it('typed: every row equal', async () => {
    await expectParity(EVERY_CONDITION, file, fixtureTypes(EVERY_CONDITION, rename), BIG_ROWS);
  }, 300_000);
});
