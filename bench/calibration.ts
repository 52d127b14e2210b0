// npm run bench:calibration: `leadscore calibrate` (5 x 5 cross-validation included) on 200,000 leads resampled
// from X Education with jitter, generated into a temporary file at run time. Prints wall time, CPU time and the
// peak resident memory of the CLI process (from /usr/bin/time -v where it exists, else Node's own maxRSS).
// Budget (issue 17): under 90 s and under 500 MB on this machine. Needs ../shared/data.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeResampledLeads } from './x-education-resample';

const ROOT = resolve(__dirname, '..');
const SOURCE = resolve(ROOT, '../shared/data/x-education-leads.csv');
const ROWS = Number(process.env.CALIBRATION_BENCH_ROWS ?? 200_000);
const TIME = '/usr/bin/time';

async function main(): Promise<void> {
  if (!existsSync(SOURCE)) {
    console.log(`calibration bench skipped: ${SOURCE} not found`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'leadscore-calibration-bench-'));
  const input = join(dir, 'x-education-resampled.csv');
  try {
    const started = Date.now();
    await writeResampledLeads(SOURCE, input, ROWS);
    console.log(
      `generated ${ROWS.toLocaleString('en-US')} resampled leads in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    const cli = [
      join(ROOT, 'bin/leadscore.js'),
      'calibrate',
      '--model',
      'x-education',
      '--input',
      input,
      '--outcome',
      'Converted',
      '--as-of',
      '2026-11-20',
    ];
    const timed = existsSync(TIME);
    const begin = process.hrtime.bigint();
    const result = timed
      ? spawnSync(TIME, ['-v', process.execPath, ...cli], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
      : spawnSync(process.execPath, cli, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const wall = Number(process.hrtime.bigint() - begin) / 1e9;
    if (result.status !== 0) {
      console.log(result.stderr);
      throw new Error(`calibrate exited with ${result.status}`);
    }
    const figure = /Cross-validated AUC ([\d.]+ ± [\d.]+)/.exec(result.stdout)?.[1] ?? '?';
    const rules = /Suggested points: (\d+) rules/.exec(result.stdout)?.[1] ?? '?';
    const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1];
    const user = /User time \(seconds\): ([\d.]+)/.exec(result.stderr)?.[1];
    console.log(
      `calibrate on ${ROWS.toLocaleString('en-US')} leads (5 folds x 5 repeats): ${wall.toFixed(1)} s wall` +
        (user ? `, ${user} s CPU` : '') +
        (rss
          ? `, peak ${(Number(rss) / 1024).toFixed(0)} MB resident`
          : ' (no /usr/bin/time: peak memory not measured)'),
    );
    console.log(`  cross-validated AUC ${figure}, ${rules} rules; budget: under 90 s and under 500 MB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
