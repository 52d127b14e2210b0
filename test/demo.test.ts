// The README's first command: npm run demo scores the bundled sample in the emulator and renders it.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDemo } from '../scripts/demo';

describe('npm run demo', () => {
  it('scores all 200 sample leads, colours them by band and writes the HTML rendering', () => {
    const result = runDemo(mkdtempSync(join(tmpdir(), 'leadscore-demo-')));
    expect(result.scoredRows).toBe(200);
    expect(result.bands.reduce((sum, band) => sum + band.leads, 0)).toBe(200);
    expect(result.bands.map((band) => band.band)).toEqual([
      'Nurture',
      'MQL',
      'Sales',
      'Priority',
      'Disqualified',
    ]);
    expect(result.bands.every((band) => /^#[0-9a-f]{6}$/.test(band.colour ?? ''))).toBe(true);
    expect(existsSync(result.htmlPath)).toBe(true);
    const html = readFileSync(result.htmlPath, 'utf8');
    expect(html).toContain('<td>Priority</td>');
    expect(html).toMatch(/<tr style="background:#f4cccc">/);
    expect(result.lines[0]).toBe(
      'Extensions › LeadScore: Open sidebar | Score now | Set up scoring | Schedule refresh | Stop schedule | Calibrate against outcomes | Help › Show help, Run diagnostics',
    );
  });
});
