// npm run bench: every measurement, printed with the machine it ran on. Measurements, not tests.
import os from 'node:os';
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

function main(): void {
  console.log(header().join('\n'));
  for (const section of [runEngineBench, runFunctionsBench, runManagedRefreshBench]) {
    console.log(`\n${section().join('\n')}`);
  }
}

try {
  main();
} catch (error) {
  console.error(error);
  process.exit(1);
}
