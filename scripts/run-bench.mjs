// npm run bench: bundles bench/run.ts with esbuild (as Apps Script gets the engine: one bundle, no loader
// shims) and runs it with Node.
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'build/bench.cjs');
await esbuild.build({
  entryPoints: [join(root, 'bench/run.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile,
  // gas-local is loaded by path at run time and reads dist/ from the repository; DuckDB is a native module.
  external: ['gas-local', '@duckdb/node-api'],
  logLevel: 'warning',
});
execFileSync(process.execPath, [outfile], { stdio: 'inherit', cwd: root });
