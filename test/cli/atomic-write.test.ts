// An input that is also the output survives a write that fails at its last step (a full disk at rename).
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/main';
import { REPO_ROOT } from '../support/bundle';

// node:fs exports are not configurable, so the one call to fail is replaced through the module registry.
jest.mock('node:fs', () => {
  const actual = jest.requireActual('node:fs');
  return { ...actual, renameSync: jest.fn(actual.renameSync) };
});
const fs = jest.requireMock('node:fs') as { renameSync: jest.Mock };

it('a write that fails at the rename leaves the input byte for byte as it was, and no temporary file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'leadscore-atomic-'));
  const file = join(dir, 'leads.csv');
  copyFileSync(join(REPO_ROOT, 'test/fixtures/csv/salesforce-classic-report.csv'), file);
  const before = readFileSync(file);
  fs.renameSync.mockImplementationOnce(() => {
    throw Object.assign(new Error('ENOSPC: no space left on device, rename'), { code: 'ENOSPC' });
  });
  const model = join(REPO_ROOT, 'test/fixtures/csv/report-model.json');
  const io = { stdout: () => undefined, stderr: () => undefined };
  await expect(run(['score', '--model', model, '--input', file, '--output', file], io)).rejects.toThrow(
    'ENOSPC',
  );
  expect(fs.renameSync).toHaveBeenCalledTimes(1);
  expect(readFileSync(file).equals(before)).toBe(true);
  expect(readdirSync(dir)).toEqual(['leads.csv']);
});
