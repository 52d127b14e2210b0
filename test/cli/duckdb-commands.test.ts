// leadscore score --engine duckdb and leadscore sql: the same results as the JavaScript CLI, files read as the
// CSV front end detects them, clear refusals for what DuckDB cannot read alike, column lists from the warehouse.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { openDuckDb } from '../../src/cli/duckdb-engine';
import { duckDb } from '../../src/sql/dialect';
import { REPO_ROOT } from '../support/bundle';
import { cli } from './run-cli';

// DuckDB plans each generated query in seconds, more on a busy machine: these tests wait longer than jest's default.
jest.setTimeout(300_000);

const SAMPLE = join(REPO_ROOT, 'samples/hubspot-contacts.csv');
const AS_OF = '2026-11-20';
const folder = mkdtempSync(join(tmpdir(), 'leadscore-duckdb-cli-'));
const records: string[][] = parse(readFileSync(SAMPLE, 'utf8'), { bom: true });

function readOutput(file: string, delimiter = ','): string[][] {
  return parse(readFileSync(file, 'utf8'), { bom: true, delimiter, relax_column_count: true });
}

async function score(input: string, engine: 'js' | 'duckdb', ...extra: string[]) {
  const output = join(folder, `out-${engine}-${Math.random().toString(36).slice(2)}.csv`);
  const result = await cli(
    'score',
    '--model',
    'b2b-services',
    '--input',
    input,
    '--output',
    output,
    '--as-of',
    AS_OF,
    '--engine',
    engine,
    ...extra,
  );
  return { ...result, output };
}

describe('leadscore score --engine duckdb', () => {
  it('writes what the JavaScript CLI writes for the sample, but for the Problems column', async () => {
    const js = await score(SAMPLE, 'js');
    const duck = await score(SAMPLE, 'duckdb');
    expect([js.code, duck.code]).toEqual([0, 0]);
    expect(duck.stdout).toBe(js.stdout); // the band summary
    const expected = readOutput(js.output).map((row) => row.slice(0, -1));
    expect(readOutput(duck.output)).toEqual(expected);
  });

  it('reads a semicolon-separated report with title rows as the CSV front end detects it', async () => {
    const input = join(folder, 'report.csv');
    writeFileSync(input, `Lead report;;\nExported 2026-11-20;;\n\n${stringify(records, { delimiter: ';' })}`);
    const js = await score(input, 'js');
    const duck = await score(input, 'duckdb');
    expect([js.code, duck.code]).toEqual([0, 0]);
    expect(duck.stderr).toMatch(/semicolon/);
    // The JavaScript CLI writes the title rows back; DuckDB writes the table only.
    const jsRows = readOutput(js.output, ';')
      .slice(3)
      .map((row) => row.slice(0, -1));
    expect(readOutput(duck.output, ';')).toEqual(jsRows);
  });

  it('refuses a report footer, even one past the first megabyte, naming it', async () => {
    const input = join(folder, 'footer.csv');
    const body = [records[0] as string[]];
    while (body.length < 12_000) body.push(...records.slice(1));
    writeFileSync(
      input,
      `${stringify(body)}\nGrand Totals (11999 records)\nConfidential Information - Do Not Distribute\n`,
    );
    const duck = await score(input, 'duckdb');
    expect(duck.code).toBe(1);
    expect(duck.stderr).toMatch(/report footer below the leads \('Grand Totals/);
  });

  it('refuses UTF-16 and day-first dates, naming what it found', async () => {
    const utf16 = join(folder, 'utf16.csv');
    writeFileSync(
      utf16,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(stringify(records), 'utf16le')]),
    );
    expect((await score(utf16, 'duckdb')).stderr).toMatch(/UTF-16LE, not UTF-8/);
    const dayFirst = join(folder, 'dmy.csv');
    writeFileSync(
      dayFirst,
      stringify([
        ['Email', 'Last Activity Date'],
        ['a@acme.com', '25/12/2026'],
        ['b@acme.com', '03/04/2026'],
      ]),
    );
    const refused = await score(dayFirst, 'duckdb', '--allow-missing-columns');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/day-first/);
  });

  it('scores a Parquet file with its own column types, as it scores the CSV', async () => {
    const parquet = join(folder, 'leads.parquet');
    const connection = await openDuckDb();
    await connection.run(
      `COPY (SELECT * FROM read_csv(${duckDb.text(SAMPLE)}, header = true)) TO ${duckDb.text(parquet)} (FORMAT parquet)`,
    );
    const types = (
      await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${duckDb.text(parquet)}`)
    ).getRowsJS();
    connection.closeSync();
    expect(types.some(([, type]) => type !== 'VARCHAR')).toBe(true);
    const fromCsv = await score(SAMPLE, 'duckdb');
    const fromParquet = await score(parquet, 'duckdb');
    expect(fromParquet.code).toBe(0);
    expect(fromParquet.stdout).toBe(fromCsv.stdout);
    const scores = (file: string) => readOutput(file).map((row) => row.slice(-9).join('|'));
    expect(scores(fromParquet.output)).toEqual(scores(fromCsv.output));
  });
});

/** `leadscore sql` for the B2B template with `args`. */
function sql(...args: string[]) {
  return cli('sql', '--model', 'b2b-services', ...args);
}

describe('leadscore sql', () => {
  it('without --columns-from prints the INFORMATION_SCHEMA query to run, and says what to do with it', async () => {
    const result = await sql('--dialect', 'bigquery', '--table', 'my-project.crm.leads');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe(
      "SELECT column_name, data_type\nFROM `my-project.crm`.INFORMATION_SCHEMA.COLUMNS\nWHERE table_name = 'leads'\nORDER BY ordinal_position;\n",
    );
    expect(result.stderr).toMatch(/--columns-from FILE/);
  });

  it('resolves snake_case warehouse columns from the INFORMATION_SCHEMA result, typed', async () => {
    const columns = join(folder, 'columns.csv');
    const snake = (name: string) =>
      name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '_')
        .replace(/^_|_$/g, '');
    const header = records[0] as string[];
    const types: Record<string, string> = {
      'Number of Employees': 'STRING',
      'Pricing Page Visits': 'INT64',
      'Last Activity Date': 'TIMESTAMP',
      'Demo Requested': 'BOOL',
    };
    writeFileSync(
      columns,
      stringify([
        ['column_name', 'data_type'],
        ...header.map((name) => [snake(name), types[name] ?? 'STRING']),
      ]),
    );
    const result = await sql(
      '--dialect',
      'bigquery',
      '--table',
      'p.crm.leads',
      '--columns-from',
      columns,
      '--as-of',
      AS_OF,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('`number_of_employees`');
    expect(result.stdout).toContain('UNIX_MILLIS(`last_activity_date`)');
    // A BOOL column is read as it is, not through yes/no words.
    expect(result.stdout).toMatch(/`demo_requested`\)? = TRUE/);
    expect(result.stdout).not.toContain('`Number of Employees`');
    expect(result.stderr).toContain('Number of Employees -> number_of_employees');
  });

  it('names the rules whose column the table lacks, and the bad dialect or time zone', async () => {
    const columns = join(folder, 'few.txt');
    writeFileSync(columns, 'Email\nJob Title\nLast Activity Date\n');
    const missing = await sql('--dialect', 'duckdb', '--table', 'leads', '--columns-from', columns);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no column for these rules[\s\S]*Industry \(rule target-industry\)/);
    const allowed = await sql(
      '--dialect',
      'duckdb',
      '--table',
      'leads',
      '--columns-from',
      columns,
      '--allow-missing-columns',
      '--time-zone',
      'Europe/Paris',
    );
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain("timezone('Europe/Paris', now())");
    expect((await sql('--dialect', 'postgres', '--table', 't', '--columns-from', columns)).stderr).toMatch(
      /not bigquery or duckdb/,
    );
    expect(
      (
        await sql(
          '--dialect',
          'duckdb',
          '--table',
          't',
          '--columns-from',
          columns,
          '--allow-missing-columns',
          '--time-zone',
          'Mars/Base',
        )
      ).stderr,
    ).toMatch(/not an IANA time zone/);
  });
});
