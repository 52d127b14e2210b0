// Benchmark: Spreadsheet service calls and modelled Apps Script time for one managed refresh at 1k/10k/100k rows.
import { performance } from 'node:perf_hooks';
import { createEmulator } from '../test/emulator';
import { loadBundle } from '../test/support/bundle';

const SIZES = [1_000, 10_000, 100_000];
/**
 * Modelled latency per service call (the emulator charges per call, not per cell moved): a round trip for
 * most calls, more for the batched reads and writes. A planning model, not a measurement of Apps Script.
 */
const COST_MODEL = { default: 20, 'Range.getValues': 250, 'Range.setValues': 400 };

const HEADER = [
  'Email',
  'Job Title',
  'Industry',
  'Number of Employees',
  'Demo Requested',
  'Pricing Page Visits',
  'Contact Form Submitted',
  'Webinar Attended',
  'Guide Downloads',
  'Blog Reads',
  'Careers Page Visits',
  'Unsubscribed from all email',
  'Last Activity Date',
];

function leads(count: number): unknown[][] {
  const titles = ['VP Sales', 'Engineer', 'CEO', 'Analyst', 'Head of Growth'];
  const industries = ['SaaS', 'Retail', 'Healthcare', 'Media'];
  const rows: unknown[][] = [HEADER];
  for (let i = 0; i < count; i++) {
    rows.push([
      i % 4 ? `lead${i}@acme.com` : `lead${i}@gmail.com`,
      titles[i % titles.length],
      industries[i % industries.length],
      [10, 120, 800, 2400][i % 4],
      i % 5 === 0 ? 'Yes' : 'No',
      i % 4,
      i % 3 === 0 ? 'Yes' : 'No',
      i % 7 === 0 ? 'Yes' : 'No',
      i % 2,
      i % 6,
      i % 11 === 0 ? 1 : 0,
      i % 50 === 0 ? 'Yes' : 'No',
      new Date(Date.UTC(2026, 10, 1) - (i % 90) * 86_400_000),
    ]);
  }
  return rows;
}

export function runManagedRefreshBench(): string[] {
  const lines = [
    '## Managed refresh (Score now on the built bundle in the emulator)',
    `modelled cost per call: ${COST_MODEL.default} ms, getValues ${COST_MODEL['Range.getValues']} ms, setValues ${COST_MODEL['Range.setValues']} ms`,
    'rows      service calls   getValues  setValues  modelled s   Node ms',
  ];
  for (const size of SIZES) {
    const emulator = createEmulator({ sheets: { Contacts: leads(size) } });
    loadBundle(emulator);
    emulator.ui.answerAlert('YES');
    emulator.invoke('setUpScoring');
    emulator.calls.reset();
    emulator.calls.setCost(COST_MODEL);
    const start = performance.now();
    emulator.invoke('scoreNow');
    const nodeMs = performance.now() - start;
    const calls = emulator.calls;
    lines.push(
      [
        size.toLocaleString('en-US').padEnd(9),
        String(calls.total()).padStart(13),
        String(calls.count('Range.getValues')).padStart(11),
        String(calls.count('Range.setValues')).padStart(10),
        (emulator.modelledMs() / 1000).toFixed(1).padStart(11),
        nodeMs.toFixed(0).padStart(9),
      ].join(' '),
    );
  }
  return lines;
}
