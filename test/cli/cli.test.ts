// The leadscore command: score and validate, parity with the engine and =LEADSCORE, errors with line and column.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { modelToRulesSheet } from '../../src/engine/rules-sheet';
import { scoreTable } from '../../src/engine/scorer';
import { findTemplate } from '../../src/engine/templates';
import { leadScore } from '../../src/functions/lead-score';
import { REPO_ROOT } from '../support/bundle';
import { cli } from './run-cli';

const SAMPLE = join(REPO_ROOT, 'samples/hubspot-contacts.csv');
const AS_OF = '2026-11-20';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'leadscore-cli-'));
}

/** Writes `csv` as leads.csv in a fresh folder and runs `leadscore score` on it; `extra` flags go last. */
async function scoreCsv(csv: string, extra: string[] = [], model = 'b2b-services') {
  const dir = tempDir();
  const input = join(dir, 'leads.csv');
  writeFileSync(input, csv);
  const output = join(dir, 'out.csv');
  const result = await cli('score', '--model', model, '--input', input, '--output', output, ...extra);
  const rows = () => parse(readFileSync(output, 'utf8'), { bom: true }) as string[][];
  return { dir, input, output, result, rows };
}

function b2b() {
  const template = findTemplate('b2b-services');
  if (!template) throw new Error('templates/b2b-services.json is missing');
  return template.model;
}

describe('leadscore score', () => {
  it('appends the result columns, equal to the engine and to =LEADSCORE for the same rows', async () => {
    const output = join(tempDir(), 'scored.csv');
    const result = await cli(
      'score',
      '--model',
      'b2b-services',
      '--input',
      SAMPLE,
      '--output',
      output,
      '--as-of',
      AS_OF,
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`scored 200 rows with 'B2B services' as of ${AS_OF}`);
    const [header = [], ...rows] = parse(readFileSync(output, 'utf8')) as string[][];
    const [inputHeader = [], ...inputRows] = parse(readFileSync(SAMPLE, 'utf8')) as string[][];
    expect(header).toEqual([
      ...inputHeader,
      'Lead Score',
      'Fit',
      'Intent',
      'Band',
      'Grade',
      'Quadrant',
      'Reasons',
      'Action',
      'Confidence',
      'Problems',
    ]);
    const asOf = new Date(`${AS_OF}T00:00:00Z`);
    const { results } = scoreTable(b2b(), inputHeader, inputRows, asOf);
    const width = inputHeader.length;
    // Reasons start with "+" or "-", which a spreadsheet opening the CSV would take for a formula: the CLI
    // writes them with the leading apostrophe that marks text.
    const written = rows.map((row) => [
      Number(row[width]),
      row[width + 3],
      String(row[width + 6]).replace(/^'/, ''),
    ]);
    const signed = rows.map((row) => String(row[width + 6])).filter((text) => /^'?[+-]/.test(text));
    expect(signed.length).toBeGreaterThan(100);
    expect(signed.every((text) => text.startsWith("'"))).toBe(true);
    expect(written).toEqual(results.map((r) => [r.score, r.band, r.reasons]));
    const formula = leadScore(
      [inputHeader, ...inputRows],
      modelToRulesSheet(b2b(), asOf),
      'score,band,reasons',
      asOf,
    );
    expect(Array.isArray(formula) && formula.slice(1).map((row) => [row[0], row[1], row[2]])).toEqual(
      written,
    );
  });

  it('counts days from --as-of (decay and date rules)', async () => {
    const csv = 'Email,Demo Requested,Last Activity Date\nana@acme.com,Yes,2026-11-01\n';
    const intentAsOf = async (asOf: string) => {
      const { rows } = await scoreCsv(csv, ['--as-of', asOf, '--allow-missing-columns']);
      return Number(rows()[1]?.[5]);
    };
    expect(await intentAsOf('2026-11-05')).toBe(30);
    expect(await intentAsOf('2027-02-01')).toBe(10);
  });

  it('reads a UTF-8 BOM and never touches a user column named like ours', async () => {
    const { result, rows } = await scoreCsv('\uFEFFEmail,Lead Score\nana@gmail.com,7\n', [
      '--allow-missing-columns',
    ]);
    expect(result.code).toBe(0);
    expect(rows()[0]?.slice(0, 4)).toEqual(['Email', 'Lead Score', 'LeadScore Lead Score', 'Fit']);
    expect(rows()[1]?.[1]).toBe('7');
  });

  it('lists the rules whose columns are missing, exits 1 and writes nothing', async () => {
    const { result, output } = await scoreCsv('Email\nana@acme.com\n');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Job Title (rule title-c-level)');
    expect(result.stderr).toContain('--allow-missing-columns');
    expect(existsSync(output)).toBe(false);
  });

  it('reports a malformed CSV with its line and column, exits 1 and leaves no output or temp file', async () => {
    const { result, dir } = await scoreCsv('Email,Job Title\nana@acme.com,VP\nbo@acme.com,"unclosed\n', [
      '--allow-missing-columns',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/leads\.csv line \d+/);
    expect(readdirSync(dir)).toEqual(['leads.csv']);
  });

  it('rejects an invalid model file with the engine messages, writing nothing', async () => {
    const dir = tempDir();
    const model = join(dir, 'model.json');
    writeFileSync(
      model,
      JSON.stringify({ ...b2b(), bands: [{ name: 'Hot', min: 50, colour: 'red', action: '' }] }),
    );
    const output = join(dir, 'out.csv');
    const result = await cli('score', '--model', model, '--input', SAMPLE, '--output', output);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('model.json is not a valid model');
    expect(result.stderr).toContain("Band 'Hot' › colour: must be a colour like #fce5cd, got 'red'");
    expect(existsSync(output)).toBe(false);
  });

  it('writes text that looks like a formula as plain text', async () => {
    const model = join(tempDir(), 'model.json');
    const evil = structuredClone(b2b());
    const firstRule = evil.groups[0]?.rules[0];
    if (firstRule) firstRule.label = '=HYPERLINK("http://evil.example")';
    writeFileSync(model, JSON.stringify(evil));
    const { result, rows } = await scoreCsv(
      'Email,Job Title\nana@acme.com,CEO\n',
      ['--allow-missing-columns'],
      model,
    );
    expect(result.code).toBe(0);
    expect(rows()[1]?.[8]?.startsWith("'")).toBe(true);
  });
});

describe('leadscore validate and usage', () => {
  it('validates a template file', async () => {
    const result = await cli('validate', join(REPO_ROOT, 'templates/b2b-services.json'));
    expect(result).toMatchObject({
      code: 0,
      stdout: 'valid: B2B services (14 rules in 3 groups, 4 bands)\n',
    });
  });

  it.each([
    [
      'an unclosed object',
      '{"schemaVersion": 1, "name": "x"',
      "line 1, column 33: Expected ',' or '}' after property value",
    ],
    ['a file that stops', '{"schemaVersion": 1, "name": ', 'line 1, column 30: Unexpected end of JSON input'],
    [
      'a missing comma on line 3',
      '{\n  "schemaVersion": 1,\n  "name": "x"\n  "groups": []\n}',
      // V8 stops at the next property, where the comma was expected.
      "line 4, column 3: Expected ',' or '}' after property value",
    ],
    ['a stray comma', '{\n  "groups": [1, 2,, 3]\n}', "line 2, column 19: Unexpected token ','"],
    ['a misspelt literal', '{"enabled": tru}', "line 1, column 16: Unexpected token '}'"],
  ])('reports invalid JSON (%s) with its line and column', async (_, text, message) => {
    const file = join(tempDir(), 'bad.json');
    writeFileSync(file, text);
    const result = await cli('validate', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`leadscore: bad.json: not valid JSON, ${message}\n`);
  });

  it('reads a model file saved with a byte-order mark', async () => {
    const file = join(tempDir(), 'bom.json');
    writeFileSync(file, `\uFEFF${readFileSync(join(REPO_ROOT, 'templates/capped-100.json'), 'utf8')}`);
    expect((await cli('validate', file)).code).toBe(0);
  });

  it.each([
    ['b2b-service', "did you mean 'b2b-services'?"],
    ['B2B services', "did you mean 'b2b-services'?"],
    ['capped100', "did you mean 'capped-100'?"],
    ['xeducation', "did you mean 'x-education'?"],
    ['professional', "did you mean 'professional-services'?"],
  ])('suggests the closest template for a mistyped id: %s', async (typed, suggestion) => {
    const result = await cli('validate', typed);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`'${typed}' is not a template id or a model file: ${suggestion}`);
    expect(result.stderr).toContain(
      '(templates: b2b-services, capped-100, professional-services, x-education)',
    );
  });

  it('lists the templates without a guess when nothing is close, and calls a path a missing file', async () => {
    const far = await cli('validate', 'salesforce');
    expect(far.stderr).toBe(
      "leadscore: 'salesforce' is not a template id or a model file (templates: b2b-services, capped-100, professional-services, x-education)\n",
    );
    const path = await cli('validate', 'models/mine.json');
    expect(path.stderr).toContain('models/mine.json: no such model file');
  });

  it('reports a JSON file that is not a valid model with the engine messages', async () => {
    const file = join(tempDir(), 'empty.json');
    writeFileSync(file, '{"schemaVersion": 1, "name": "x", "groups": [], "bands": []}');
    const result = await cli('validate', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('empty.json is not a valid model:');
    expect(result.stderr).toContain('Bands: must have at least one band');
  });

  it('validate --input reports the rule columns the CSV lacks, grouped by column, and exits 1', async () => {
    const dir = tempDir();
    const input = join(dir, 'leads.csv');
    writeFileSync(input, 'Email,Title,Company Size,Demo Requested\nana@acme.example,VP,120,yes\n');
    const result = await cli('validate', 'b2b-services', '--input', input);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        'valid: B2B services (14 rules in 3 groups, 4 bands)',
        `${input} has no column for these rules (rename the columns, or \`score --allow-missing-columns\` scores without them):`,
        '  Industry (rule target-industry)',
        '  Pricing Page Visits (rule pricing-page)',
        '  Contact Form Submitted (rule contact-form)',
        '  Webinar Attended (rule webinar)',
        '  Guide Downloads (rule guide-download)',
        '  Blog Reads (rule blog-reads)',
        '  Careers Page Visits (rule careers-page)',
        '  Unsubscribed from all email (rule unsubscribed)',
        '  Last Activity Date (rule decay)',
        '',
      ].join('\n'),
    );
  });

  it('validate --input passes on a file with every column (synonyms count)', async () => {
    const result = await cli('validate', 'b2b-services', '--input', SAMPLE);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain(`${SAMPLE}: every column the rules read is there (200 rows)`);
  });

  it.each([[['--help']], [['score', '--help']], [['validate', '-h']]])(
    'prints the usage and exits 0 for %j',
    async (argv) => {
      const result = await cli(...argv);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('leadscore score --model');
    },
  );

  it.each([
    [['score', '--model', 'x', '--input', 'y', '--output', 'z', '--colour'], /Unknown option '--colour'/],
    [['score', '--model', 'x'], /score needs --input, --output/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('exits 2 on a usage error: %j', async (argv, message) => {
    const result = await cli(...argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('runs through the package bin after npm ci (no build step)', () => {
    const out = execFileSync(
      process.execPath,
      [join(REPO_ROOT, 'bin/leadscore.js'), 'validate', join(REPO_ROOT, 'templates/capped-100.json')],
      {
        encoding: 'utf8',
      },
    );
    expect(out).toMatch(/^valid: /);
  });
});
