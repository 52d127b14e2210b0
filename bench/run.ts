// npm run bench: every measurement, printed with the machine it ran on. Measurements, not tests.
import os from 'node:os';
import { runDuckDbBench, scoreChild } from './duckdb';
import { runEngineBench } from './engine';
import { runFunctionsBench } from './functions';
import { runManagedRefreshBench } from './managed-refresh';

function header(): string[] {
  const cpus = os.cpus();
  return [
    `# LeadScore benchmarks, ${new Date().toISOString()}`,
    `node ${process.version}, ${cpus.length} x ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
  ];
}

async function main(): Promise<void> {
  // The DuckDB benchmark scores in child processes of this script, so each run's peak memory is its own.
  if (process.argv[2] === '--score') return scoreChild(process.argv.slice(3));
  console.log(header().join('\n'));
  for (const section of [runEngineBench, runFunctionsBench, runManagedRefreshBench, runDuckDbBench]) {
    console.log(`\n${(await section()).join('\n')}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
