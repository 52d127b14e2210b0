// Benchmark: round trips, cells moved and modelled Apps Script time (low/central/high constants) for one managed
// refresh at 1k/10k/100k rows, and for the same refresh of the unchanged sheet.
import { performance } from 'node:perf_hooks';
import { COSTS, createEmulator, type Emulator } from '../test/emulator';
import { loadBundle } from '../test/support/bundle';

const SIZES = [1_000, 10_000, 100_000];

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

function row(label: string, size: number, emulator: Emulator, nodeMs: number): string {
  const work = emulator.calls.counted();
  const seconds = (level: 'low' | 'central' | 'high') => (emulator.calls.modelledMs(level) / 1000).toFixed(1);
  return [
    `${size.toLocaleString('en-US')} ${label}`.padEnd(19),
    String(work.roundTrips).padStart(6),
    String(work.getters + work.builders).padStart(8),
    work.cellsRead.toLocaleString('en-US').padStart(11),
    work.cellsWritten.toLocaleString('en-US').padStart(11),
    String(work.flushes).padStart(7),
    `${seconds('low')} / ${seconds('central')} / ${seconds('high')}`.padStart(22),
    nodeMs.toFixed(0).padStart(8),
  ].join(' ');
}

export function runManagedRefreshBench(): string[] {
  const constants = (['low', 'central', 'high'] as const)
    .map((level) => {
      const c = COSTS[level];
      return `${level}: ${c.roundTripMs} ms/round trip, ${c.cellReadMs} ms/cell read, ${c.cellWrittenMs} ms/cell written, ${c.flushMs} ms/flush`;
    })
    .join('; ');
  const lines = [
    '## Managed refresh (Score now on the built bundle in the emulator)',
    `Cost constants (docs/emulator.md): ${constants}. Budgets are judged at central; high is shown beside it.`,
    'rows / run          trips  local  cells read  cells wrtn flushes  modelled s low/cen/high  Node ms',
  ];
  for (const size of SIZES) {
    const emulator = createEmulator({ sheets: { Contacts: leads(size) } });
    loadBundle(emulator);
    emulator.ui.answerAlert('YES');
    emulator.invoke('setUpScoring');
    for (const label of ['first', 'unchanged']) {
      emulator.calls.reset();
      const start = performance.now();
      emulator.invoke('scoreNow');
      lines.push(row(label, size, emulator, performance.now() - start));
    }
  }
  return lines;
}
