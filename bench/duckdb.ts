// Benchmark: `leadscore score --engine duckdb` on 1M and 10M-row CSV files (rows/s, peak memory), beside the
// JavaScript engine on 1M rows, and the generated SQL's parity with the engine on every one of the 1M rows.
// Files are written under the system temp folder (LEADSCORE_BENCH_DIR overrides it), never in the repository.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileSource, openDuckDb, tableColumns } from '../src/cli/duckdb-engine';
import type { Io } from '../src/cli/score-command';
import { runScore } from '../src/cli/score-command';
import { runScoreDuckDb } from '../src/cli/score-duckdb';
import { duckDb } from '../src/sql/dialect';
import { generateSql } from '../src/sql/generate';
import { compareWithEngine, describeMismatches } from '../test/sql/support/parity';
import { COLUMNS, MODEL, messyRows } from './engine';

const AS_OF = '2026-11-20';
const SIZES = [1_000_000, 10_000_000];

function csvField(value: unknown): string {
  const text = value instanceof Date ? value.toISOString() : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes the benchmark's messy rows as CSV, once per size (a later run reuses the file). */
async function leadsFile(folder: string, rows: number): Promise<string> {
  const file = join(folder, `leads-${rows}.csv`);
  if (existsSync(file)) return file;
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  const write = (line: string) =>
    out.write(line) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()));
  await write(`${COLUMNS.map(csvField).join(',')}\n`);
  let batch: string[] = [];
  for (const row of messyRows(rows)) {
    batch.push(row.map(csvField).join(','));
    if (batch.length === 10_000) {
      await write(`${batch.join('\n')}\n`);
      batch = [];
    }
  }
  if (batch.length > 0) await write(`${batch.join('\n')}\n`);
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  renameSync(partial, file);
  return file;
}

interface ChildRun {
  ms: number;
  maxRssMb: number;
  ok: boolean;
  message: string;
}

/** Scores in a fresh Node process, so its peak memory is the scoring's alone. */
function scoreInChild(engine: 'js' | 'duckdb', model: string, input: string, output: string): ChildRun {
  const result = spawnSync(
    process.execPath,
    [process.argv[1] ?? '', '--score', engine, model, input, output],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  );
  const line = (result.stdout ?? '').trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as ChildRun;
  } catch {
    return {
      ms: Number.NaN,
      maxRssMb: Number.NaN,
      ok: false,
      message: `${result.stderr ?? ''}`.slice(0, 400),
    };
  }
}

/** The child side: `node build/bench.cjs --score js|duckdb MODEL INPUT OUTPUT` prints one JSON line. */
export async function scoreChild(argv: readonly string[]): Promise<void> {
  const [engine, model, input, output] = argv;
  let message = '';
  const io: Io = { stdout: () => undefined, stderr: (text) => (message += text) };
  const args = { model: model ?? '', input: input ?? '', output: output ?? '', asOf: AS_OF };
  const started = performance.now();
  const code = engine === 'duckdb' ? await runScoreDuckDb(args, io) : runScore(args, io);
  const ms = performance.now() - started;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ ms, maxRssMb, ok: code === 0, message: message.trim() }));
}

function rate(rows: number, ms: number): string {
  return `${Math.round((rows / ms) * 1000).toLocaleString('en-US')} rows/s`;
}

/** Every row of `file` through the generated SQL and the engine, loaded all-text and with detected types. */
async function parity(file: string): Promise<string[]> {
  const connection = await openDuckDb();
  const lines: string[] = [];
  try {
    const asOf = new Date(`${AS_OF}T00:00:00Z`);
    for (const [load, source] of [
      ['all-text', fileSource(file, 'csv')],
      ['typed (detected)', `read_csv(${duckDb.text(file)}, header = true)`],
    ] as const) {
      await connection.run(`CREATE OR REPLACE VIEW leads AS SELECT * FROM ${source}`);
      const columns = await tableColumns(connection, 'leads');
      const { sql } = generateSql(MODEL, {
        dialect: duckDb,
        table: 'leads',
        columns,
        asOf: { time: asOf.getTime() },
      });
      const started = performance.now();
      const report = await compareWithEngine(connection, MODEL, sql, columns, asOf);
      const typed = columns.filter((column) => column.kind !== 'text').length;
      lines.push(
        `parity ${load} (${typed} typed columns): ${report.rows.toLocaleString('en-US')} rows, ` +
          `${report.differing} differ (score, band, reasons and every other field), ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
      if (report.differing > 0) lines.push(describeMismatches(report));
    }
  } finally {
    connection.closeSync();
  }
  return lines;
}

export async function runDuckDbBench(): Promise<string[]> {
  const folder = process.env.LEADSCORE_BENCH_DIR ?? join(tmpdir(), 'leadscore-bench');
  mkdirSync(folder, { recursive: true });
  const model = join(folder, 'model.json');
  writeFileSync(model, JSON.stringify(MODEL));
  const lines = [
    `## DuckDB (score --engine duckdb; the bench's ${MODEL.groups.reduce((n, g) => n + g.rules.length, 0)}-rule model and messy rows, as CSV under ${folder})`,
  ];
  for (const rows of SIZES) {
    const file = await leadsFile(folder, rows);
    const size = (statSync(file).size / 2 ** 20).toFixed(0);
    const duck = scoreInChild('duckdb', model, file, join(folder, `scored-duckdb-${rows}.csv`));
    lines.push(
      duck.ok
        ? `duckdb ${rows.toLocaleString('en-US')} rows (${size} MB CSV): ${(duck.ms / 1000).toFixed(1)} s = ${rate(rows, duck.ms)}, peak memory ${duck.maxRssMb.toFixed(0)} MB`
        : `duckdb ${rows.toLocaleString('en-US')} rows: FAILED ${duck.message}`,
    );
    if (rows === 1_000_000) {
      const js = scoreInChild('js', model, file, join(folder, `scored-js-${rows}.csv`));
      lines.push(
        js.ok
          ? `javascript engine ${rows.toLocaleString('en-US')} rows (reads the whole CSV, then scores): ${(js.ms / 1000).toFixed(1)} s = ${rate(rows, js.ms)}, peak memory ${js.maxRssMb.toFixed(0)} MB`
          : `javascript engine ${rows.toLocaleString('en-US')} rows: FAILED ${js.message}`,
      );
      lines.push(...(await parity(file)));
    }
  }
  return lines;
}
