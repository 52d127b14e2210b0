// leadscore calibrate: a report from a CSV with outcomes, and a suggested model that score and validate accept.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { run } from '../../src/cli/main';

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { code: 0, stdout: '', stderr: '' };
  out.code = await run(argv, {
    stdout: (text) => {
      out.stdout += text;
    },
    stderr: (text) => {
      out.stderr += text;
    },
  });
  return out;
}

/** 1,500 leads: a demo request and a VP title raise the odds of winning; Region does nothing. */
function writeLeads(file: string): void {
  let seed = 11;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const rows: (string | number)[][] = [['Email', 'Demo Requested', 'Job Title', 'Region', 'Deal Stage']];
  for (let i = 0; i < 1500; i++) {
    const demo = random() < 0.3;
    const vp = random() < 0.4;
    const odds = -1.2 + (demo ? 2 : 0) + (vp ? 1 : 0);
    const won = random() < 1 / (1 + Math.exp(-odds));
    rows.push([
      `lead${i}@acme.com`,
      demo ? 'Yes' : 'No',
      vp ? 'VP Sales' : 'Engineer',
      random() < 0.5 ? 'EU' : 'US',
      won ? 'Closed Won' : 'Closed Lost',
    ]);
  }
  writeFileSync(file, stringify(rows));
}

describe('leadscore calibrate', () => {
  it('reports conversion and AUC, and writes a suggested model that validate and score accept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadscore-calibrate-'));
    const input = join(dir, 'leads.csv');
    writeLeads(input);
    const suggested = join(dir, 'suggested.json');
    const result = await cli(
      'calibrate',
      '--model',
      'b2b-services',
      '--input',
      input,
      '--outcome',
      'Deal Stage',
      '--exclude',
      'Email',
      '--suggest-out',
      suggested,
      '--as-of',
      '2026-11-20',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^1500 leads with an outcome \(0 without\), \d+ converted: baseline \d+\.\d%/,
    );
    expect(result.stdout).toMatch(/holdout \(\d+ leads\): current AUC 0\.\d{3}, suggested points 0\.\d{3}/);
    expect(result.stderr).toMatch(/wrote the suggested model \(\d+ rules, fitted on all 1500 leads\)/);
    expect((await cli('validate', suggested)).code).toBe(0);
    const scored = join(dir, 'scored.csv');
    expect((await cli('score', '--model', suggested, '--input', input, '--output', scored)).code).toBe(0);
    expect(existsSync(scored)).toBe(true);
  });

  it('says which argument is missing', async () => {
    const result = await cli('calibrate', '--model', 'b2b-services', '--input', 'x.csv');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('calibrate needs --outcome');
  });
});
