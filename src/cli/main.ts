// The leadscore command: score and validate on the same engine the add-on runs.
import { parseArgs } from 'node:util';
import { TEMPLATES } from '../engine/templates';
import { runCalibrate } from './calibrate-command';
import { runCompare } from './compare-command';
import { type DateOrder, InputError } from './csv-io';
import { type Io, runScore } from './score-command';
import { runScoreDuckDb } from './score-duckdb';
import { runSql } from './sql-command';
import { runValidate } from './validate-command';

export const USAGE = `Usage:
  leadscore score --model FILE|TEMPLATE --input leads.csv --output scored.csv [--as-of YYYY-MM-DD]
                  [--date-order dmy|mdy] [--allow-missing-columns]
                  [--engine js|duckdb]   (duckdb: CSV or Parquet of any size, streamed; no Problems column)
  leadscore sql --model FILE|TEMPLATE --dialect bigquery|duckdb --table NAME [--columns-from FILE]
                [--as-of YYYY-MM-DD] [--time-zone TZ] [--allow-missing-columns]
  leadscore validate FILE|TEMPLATE [--input leads.csv] [--date-order dmy|mdy]
  leadscore calibrate --model FILE|TEMPLATE --input leads.csv --outcome COLUMN [--suggest-out model.json]
                      [--exclude COL1,COL2] [--keep COL1,COL2] [--keep-flagged] [--positive VALUE1,VALUE2]
                      [--max-rules N] [--references] [--as-of YYYY-MM-DD]
  leadscore compare --model A --model B --input leads.csv --outcome COLUMN [--positive VALUE1,VALUE2]
                    [--as-of YYYY-MM-DD]

CSV input: UTF-8 (with or without BOM), UTF-16 or Windows-1252; comma, semicolon, tab or pipe separated;
report titles above the header and report footers below the leads are recognised (docs/cli.md).
calibrate and compare stream the file: UTF-8 only, header on the first line (docs/calibration.md).
--date-order: numeric dates such as 03/04/2024 are day-first (dmy) or month-first (mdy); detected from the
data when left out.
Templates: ${TEMPLATES.map((template) => template.id).join(', ')}.
Exit codes: 0 ok, 1 invalid model or input, 2 usage error.
`;

class UsageError extends Error {}

function dateOrderArg(text: string | undefined): DateOrder | undefined {
  if (text === undefined) return undefined;
  const order = text.trim().toLowerCase();
  if (order === 'dmy' || order === 'mdy') return order;
  throw new UsageError(
    `--date-order takes dmy (day first: 31/12/2024) or mdy (month first: 12/31/2024), not '${text}'`,
  );
}

function scoreArgs(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      model: { type: 'string' },
      input: { type: 'string' },
      output: { type: 'string' },
      'as-of': { type: 'string' },
      'date-order': { type: 'string' },
      'allow-missing-columns': { type: 'boolean' },
      engine: { type: 'string' },
    },
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  if (values.engine !== undefined && values.engine !== 'js' && values.engine !== 'duckdb')
    throw new UsageError(`--engine must be js or duckdb, not '${values.engine}'`);
  const missing = (['model', 'input', 'output'] as const).filter((name) => !values[name]);
  if (missing.length > 0)
    throw new UsageError(`score needs ${missing.map((name) => `--${name}`).join(', ')}`);
  return {
    model: values.model ?? '',
    input: values.input ?? '',
    output: values.output ?? '',
    asOf: values['as-of'],
    allowMissingColumns: values['allow-missing-columns'] === true,
    dateOrder: dateOrderArg(values['date-order']),
    engine: values.engine === 'duckdb' ? ('duckdb' as const) : ('js' as const),
  };
}

function sqlArgs(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      model: { type: 'string' },
      dialect: { type: 'string' },
      table: { type: 'string' },
      'columns-from': { type: 'string' },
      'as-of': { type: 'string' },
      'time-zone': { type: 'string' },
      'allow-missing-columns': { type: 'boolean' },
    },
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const missing = (['model', 'dialect', 'table'] as const).filter((name) => !values[name]);
  if (missing.length > 0) throw new UsageError(`sql needs ${missing.map((name) => `--${name}`).join(', ')}`);
  return {
    model: values.model ?? '',
    dialect: values.dialect ?? '',
    table: values.table ?? '',
    columnsFrom: values['columns-from'],
    asOf: values['as-of'],
    timeZone: values['time-zone'],
    allowMissingColumns: values['allow-missing-columns'] === true,
  };
}

function validateArgs(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { input: { type: 'string' }, 'date-order': { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new UsageError('validate needs exactly one model file or template id');
  return { model: positionals[0] ?? '', input: values.input, dateOrder: dateOrderArg(values['date-order']) };
}

/** A comma-separated list option ("Tags,Lead Quality"). */
function list(text: string | undefined): string[] | undefined {
  return text
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function calibrateArgs(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      model: { type: 'string' },
      input: { type: 'string' },
      outcome: { type: 'string' },
      'suggest-out': { type: 'string' },
      'as-of': { type: 'string' },
      exclude: { type: 'string' },
      keep: { type: 'string' },
      'keep-flagged': { type: 'boolean' },
      positive: { type: 'string' },
      'max-rules': { type: 'string' },
      references: { type: 'boolean' },
    },
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const missing = (['model', 'input', 'outcome'] as const).filter((name) => !values[name]);
  if (missing.length > 0)
    throw new UsageError(`calibrate needs ${missing.map((name) => `--${name}`).join(', ')}`);
  const maxRules = values['max-rules'] === undefined ? undefined : Number(values['max-rules']);
  if (maxRules !== undefined && !(Number.isInteger(maxRules) && maxRules >= 1 && maxRules <= 100))
    throw new UsageError(`--max-rules takes a whole number from 1 to 100, not '${values['max-rules']}'`);
  return {
    model: values.model ?? '',
    input: values.input ?? '',
    outcome: values.outcome ?? '',
    suggestOut: values['suggest-out'],
    asOf: values['as-of'],
    exclude: list(values.exclude),
    keep: list(values.keep),
    keepFlagged: values['keep-flagged'] === true,
    positive: list(values.positive),
    maxRules,
    references: values.references === true,
  };
}

function compareArgs(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      model: { type: 'string', multiple: true },
      input: { type: 'string' },
      outcome: { type: 'string' },
      'as-of': { type: 'string' },
      positive: { type: 'string' },
    },
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const models = values.model ?? [];
  if (models.length !== 2) throw new UsageError(`compare needs --model twice (got ${models.length})`);
  const missing = (['input', 'outcome'] as const).filter((name) => !values[name]);
  if (missing.length > 0)
    throw new UsageError(`compare needs ${missing.map((name) => `--${name}`).join(', ')}`);
  return {
    models: [models[0] ?? '', models[1] ?? ''] as [string, string],
    input: values.input ?? '',
    outcome: values.outcome ?? '',
    asOf: values['as-of'],
    positive: list(values.positive),
  };
}

/** Runs one command line; returns the exit code (never exits, so tests can call it). */
export async function run(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  // `leadscore score --help` asks for help, not a usage error (parseArgs would reject the unknown flag).
  if (command !== undefined && (rest.includes('--help') || rest.includes('-h'))) {
    io.stdout(USAGE);
    return 0;
  }
  try {
    switch (command) {
      case 'score': {
        const args = scoreArgs(rest);
        return args.engine === 'duckdb' ? await runScoreDuckDb(args, io) : runScore(args, io);
      }
      case 'sql':
        return runSql(sqlArgs(rest), io);
      case 'calibrate':
        return await runCalibrate(calibrateArgs(rest), io);
      case 'compare':
        return await runCompare(compareArgs(rest), io);
      case 'validate':
        return runValidate(validateArgs(rest), io);
      case undefined:
      case '--help':
      case 'help':
        io.stdout(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(`leadscore: ${error.message}\n`);
      return 1;
    }
    // node:util parseArgs throws TypeErrors with codes such as ERR_PARSE_ARGS_UNKNOWN_OPTION.
    const code = (error as { code?: string }).code ?? '';
    if (error instanceof UsageError || code.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`leadscore: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) {
  run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
