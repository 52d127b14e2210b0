// Jest global setup: find (and, the first time, unpack) the browser once, before any worker starts.
import { defaultOptions, findChromium, handOff } from './find-chromium';

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  try {
    const launch = await findChromium(defaultOptions());
    handOff(launch);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`\nBrowser tests: ${launch.source} browser ${launch.executablePath} (ready in ${seconds} s)`);
  } catch (error) {
    // Not thrown: the other suites still run, and every browser test fails with this message.
    const problem = error instanceof Error ? error : new Error(String(error));
    handOff(problem);
    console.error(`\nBrowser tests will fail: ${problem.message}`);
  }
}
