// leadscore calibrate: a report whose figures are cross-validated and explained, the leak check, a suggested
// model that validate and score accept, and messages (not stack traces) for what the user typed wrong.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { validateModel } from '../../src/engine/validate';
import { cli } from './run-cli';

/** 1,500 leads: a demo request and a VP title raise the odds of winning; Region does nothing. */
function leadRows(): (string | number)[][] {
  let seed = 11;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const rows: (string | number)[][] = [
    ['Email', 'Demo Requested', 'What is your current occupation', 'Region', 'Deal Stage'],
  ];
  for (let i = 0; i < 1500; i++) {
    const demo = random() < 0.3;
    const vp = random() < 0.4;
    const odds = -1.2 + (demo ? 2 : 0) + (vp ? 1 : 0);
    const won = random() < 1 / (1 + Math.exp(-odds));
    rows.push([
      `lead${i}@acme.com`,
      demo ? 'Yes' : 'No',
      vp ? 'Working Professional with a very long occupation name' : 'Student',
      random() < 0.5 ? 'EU' : 'US',
      won ? 'Closed Won' : 'Closed Lost',
    ]);
  }
  return rows;
}

function writeLeads(delimiter = ','): { dir: string; input: string } {
  const dir = mkdtempSync(join(tmpdir(), 'leadscore-calibrate-'));
  const input = join(dir, 'leads.csv');
  writeFileSync(input, stringify(leadRows(), { delimiter }));
  return { dir, input };
}

describe('leadscore calibrate', () => {
  const { dir, input } = writeLeads();
  const suggested = join(dir, 'suggested.json');
  let result: Awaited<ReturnType<typeof cli>>;

  beforeAll(async () => {
    result = await cli(
      'calibrate',
      '--model',
      'b2b-services',
      '--input',
      input,
      '--outcome',
      'deal stage',
      '--suggest-out',
      suggested,
      '--as-of',
      '2026-11-20',
    );
  });

  it('reports the current model and cross-validated figures, each explained', () => {
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/^LeadScore calibration of '.+' on leads\.csv, outcome 'Deal Stage'\n/);
    expect(out).toMatch(
      /1,500 leads with an outcome \(0 without, left out\), \d+ converted: baseline \d+\.\d%\./,
    );
    expect(out).toContain('  Baseline: the share of these leads that converted');
    expect(out).toMatch(
      /Your current model: AUC 0\.\d{3} on all 1,500 leads\.\n {2}AUC: the chance that a random converted lead/,
    );
    expect(out).toMatch(
      /Cross-validated AUC 0\.\d{3} ± 0\.\d{3}; your current model on the same folds 0\.\d{3} ± 0\.\d{3}/,
    );
    expect(out).toContain('Cross-validated 5-fold, repeated 5 times with different shuffles');
    expect(out).toMatch(
      /Plain logistic regression 0\.\d{3} ± 0\.\d{3} \(the points [+-]0\.\d{3} ± 0\.\d{3}\); unconstrained binned model 0\.\d{3}/,
    );
    expect(out).toMatch(
      /Brier score 0\.\d{3} ± 0\.\d{3}; predicting the baseline for everyone scores 0\.\d{3}\.\n {2}Brier score: /,
    );
    expect(out).toMatch(/band +from +test leads +predicted +observed\n {2}Cold +0 /);
    expect(out).toContain('  Predicted: the conversion the score-to-probability map');
  });

  it('leaves the e-mail column (an identifier) out, and says how to keep it', () => {
    expect(result.stdout).toMatch(
      /Columns left out of the suggestion \(leak check\):\n {2}Email \(identifier\): a different value for 100% of leads/,
    );
    expect(result.stdout).toContain(
      'To learn from one anyway: --keep Email (or --keep-flagged for all of them).',
    );
  });

  it('prints rules with full labels and ends with the next step', () => {
    expect(result.stdout).toMatch(
      /\+\d+ +What is your current occupation is Working Professional with a very long occupation name/,
    );
    expect(result.stdout).toMatch(/\+\d+ +Demo Requested is Yes/);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[lines.length - 1]).toMatch(
      new RegExp(
        `^Next step: review ${suggested.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, then score with it \\(leadscore score --model`,
      ),
    );
    expect(result.stderr).toMatch(/Cross-validating: run 25 of 25\n/);
    expect(result.stderr).toMatch(/Wrote the suggested model \(\d+ rules\) to /);
  });

  it('writes a suggested model that validate and score accept', async () => {
    const model = JSON.parse(readFileSync(suggested, 'utf8'));
    expect(validateModel(model).ok).toBe(true);
    expect(model.scale).toEqual({ min: 0, max: 100 });
    expect((await cli('validate', suggested)).code).toBe(0);
    const scored = join(dir, 'scored.csv');
    expect((await cli('score', '--model', suggested, '--input', input, '--output', scored)).code).toBe(0);
    expect(existsSync(scored)).toBe(true);
  });

  it('reads a semicolon-separated file the same way', async () => {
    const semicolons = writeLeads(';');
    const again = await cli(
      'calibrate',
      '--model',
      'b2b-services',
      '--input',
      semicolons.input,
      '--outcome',
      'Deal Stage',
      '--as-of',
      '2026-11-20',
    );
    expect(again.code).toBe(0);
    const figure = (text: string) => /Cross-validated AUC (0\.\d{3} ± 0\.\d{3})/.exec(text)?.[1];
    expect(figure(again.stdout)).toBe(figure(result.stdout));
  });
});

describe('leadscore calibrate: mistakes', () => {
  const { input } = writeLeads();
  /** `leadscore calibrate` on the leads with the b2b-services model, then `extra`. */
  const calibrate = (...extra: string[]) =>
    cli('calibrate', '--model', 'b2b-services', '--input', input, ...extra);

  it('a mistyped outcome column lists the columns and the closest one, without a stack trace', async () => {
    const result = await calibrate('--outcome', 'Deal Stag');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "leadscore: There is no outcome column 'Deal Stag'. Did you mean 'Deal Stage'? The columns are: 'Email', 'Demo Requested', 'What is your current occupation', 'Region', 'Deal Stage'.\n",
    );
    expect(result.stdout).toBe('');
  });

  it('a column to keep that is not there is named', async () => {
    const result = await calibrate('--outcome', 'Deal Stage', '--keep', 'Emial');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^leadscore: There is no kept column 'Emial'\. Did you mean 'Email'\?/);
  });

  it('says which argument is missing or wrong', async () => {
    const missing = await cli('calibrate', '--model', 'b2b-services', '--input', 'x.csv');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('calibrate needs --outcome');
    const rules = await calibrate('--outcome', 'Deal Stage', '--max-rules', 'lots');
    expect(rules.code).toBe(2);
    expect(rules.stderr).toContain("--max-rules takes a whole number from 1 to 100, not 'lots'");
  });

  it('a missing input file is named', async () => {
    const result = await cli(
      'calibrate',
      '--model',
      'b2b-services',
      '--input',
      '/nowhere/leads.csv',
      '--outcome',
      'Won',
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('leadscore: /nowhere/leads.csv: no such file\n');
  });
});
