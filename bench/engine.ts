// Benchmark: engine rows/s for a 25-rule reference model over 100,000 messy synthetic rows, against a bare
// pass that reads every cell once (same data, same run). A measurement, not a test.

import type { Rule, ScoringModel } from '../src/engine/model';
import { bindScorer, compileModel } from '../src/engine/scorer';
import { describeIssues, validateModel } from '../src/engine/validate';
import { seededRandom } from '../test/support/seeded-random';
import { bestOf, timeRuns } from './best-of';

const ROWS = 100_000;
const AS_OF = new Date('2026-11-20T00:00:00Z');
/** Each pass runs once to warm up, then this many times; the fastest run is reported. */
const REPEATS = 10;

const rule = (
  id: string,
  column: string,
  condition: Rule['condition'],
  points: number,
  extra: Partial<Rule> = {},
): Rule => ({ id, column, condition, points, label: id, enabled: true, ...extra });
/** A model shaped like a real one: titles, e-mail, firmographics, behaviour, dates, decay, disqualifiers. */
export const MODEL: ScoringModel = {
  schemaVersion: 1,
  name: 'ref',
  scale: { min: 0, max: 100 },
  groups: [
    {
      id: 'person',
      name: 'p',
      kind: 'fit',
      cap: 40,
      rules: [
        rule('c', 'Job Title', { op: 'containsAny', values: ['CEO', 'CTO', 'Chief', 'Founder'] }, 20),
        rule('vp', 'Job Title', { op: 'containsAny', values: ['VP', 'Director', 'Head of'] }, 15),
        rule('stud', 'Job Title', { op: 'containsAny', values: ['Student', 'Intern'] }, -15),
        rule('pe', 'Email', { op: 'personalEmail' }, -10),
        rule('edu', 'Email', { op: 'emailDomainIn', values: ['edu'] }, -20),
        rule('em', 'Email', { op: 'notBlank' }, 5),
        rule('ph', 'Phone', { op: 'notBlank' }, 3),
      ],
    },
    {
      id: 'company',
      name: 'c',
      kind: 'fit',
      cap: 40,
      rules: [
        rule('ind', 'Industry', { op: 'isOneOf', values: ['SaaS', 'Software', 'Fintech'] }, 10),
        rule('ret', 'Industry', { op: 'equals', value: 'Retail' }, -5),
        rule('size', 'Employees', { op: 'between', min: 50, max: 1000 }, 15),
        rule('big', 'Employees', { op: 'atLeast', value: 5000 }, 5),
        rule('rev', 'Revenue', { op: 'atLeast', value: 1000000 }, 10),
        rule('ctry', 'Country', { op: 'isOneOf', values: ['US', 'UK', 'DE'] }, 5),
      ],
    },
    {
      id: 'beh',
      name: 'b',
      kind: 'intent',
      cap: 60,
      rules: [
        rule('demo', 'Demo', { op: 'isTrue' }, 25),
        rule('price', 'Pricing Visits', { op: 'atLeast', value: 1 }, 5, { perUnit: true, maxPoints: 20 }),
        rule('form', 'Form', { op: 'isTrue' }, 15),
        rule('web', 'Webinar', { op: 'isTrue' }, 10),
        rule('guide', 'Guides', { op: 'atLeast', value: 1 }, 5),
        rule('blog', 'Blog', { op: 'atLeast', value: 1 }, 2, { perUnit: true, maxPoints: 10 }),
        rule('recent', 'Last Activity', { op: 'withinDays', days: 14 }, 10),
        rule('old', 'Last Activity', { op: 'olderThanDays', days: 90 }, -10),
        rule('care', 'Careers', { op: 'atLeast', value: 1 }, -10),
        rule('src', 'Source', { op: 'isOneOf', values: ['Referral', 'Partner'] }, 10),
        rule('opens', 'Opens', { op: 'atLeast', value: 5 }, 5),
        rule('unsub0', 'Unsub', { op: 'isFalse' }, 1),
      ],
    },
  ],
  disqualifiers: [
    { id: 'unsub', column: 'Unsub', condition: { op: 'isTrue' }, reason: 'Unsubscribed', enabled: true },
    {
      id: 'comp',
      column: 'Email',
      condition: { op: 'emailDomainIn', values: ['rival.com'] },
      reason: 'Competitor',
      enabled: true,
    },
  ],
  disqualifiedBand: { name: 'DQ', colour: '#dddddd', action: 'none' },
  decay: {
    mode: 'steps',
    column: 'Last Activity',
    steps: [
      { afterDays: 30, points: -10 },
      { afterDays: 60, points: -20 },
    ],
  },
  bands: [
    { name: 'Cold', min: 0, colour: '#cfe2f3', action: 'a' },
    { name: 'Warm', min: 30, colour: '#fff2cc', action: 'b' },
    { name: 'Hot', min: 60, colour: '#f4cccc', action: 'c' },
  ],
};
export const COLUMNS = [
  'Job Title',
  'Email',
  'Phone',
  'Industry',
  'Employees',
  'Revenue',
  'Country',
  'Demo',
  'Pricing Visits',
  'Form',
  'Webinar',
  'Guides',
  'Blog',
  'Last Activity',
  'Careers',
  'Source',
  'Opens',
  'Unsub',
  'Name',
  'Company',
];

/** Messy rows as imports deliver them: numbers as text, ranges, yes/no words, Dates and ISO strings, unique e-mails. */
function makeRows(): unknown[][] {
  return Array.from(messyRows(ROWS));
}

/** The benchmark's rows one at a time (the DuckDB benchmark writes millions of them to a file). */
export function* messyRows(count: number): Generator<unknown[]> {
  const random = seededRandom(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const base = Date.UTC(2026, 10, 1);
  const day = (): number => base - Math.floor(random() * 120) * 86_400_000;
  for (let i = 0; i < count; i++)
    yield [
      pick([
        'VP Sales',
        'Head of Growth',
        'CEO',
        'Engineer',
        'Marketing Manager',
        'Founder',
        'Student',
        'Analyst',
      ]),
      pick([`u${i}@gmail.com`, `x${i}@acme.com`, `s${i}@uni.edu`, `r${i}@rival.com`, '']),
      pick(['555-0100', '']),
      pick(['SaaS', 'Retail', 'Software', 'N/A', 'Select']),
      pick([10, '51-200', '1,200', 800, '', '10,000+']),
      pick(['$1,200,000', 500000, '']),
      pick(['US', 'UK', 'FR', 'DE']),
      pick(['Yes', 'No', 'x', '']),
      pick([0, 1, '2', 5]),
      pick(['Yes', 'No']),
      pick(['TRUE', 'FALSE']),
      pick([0, 1, 2]),
      pick([0, 1, '3']),
      i % 2 ? new Date(day()) : new Date(day()).toISOString().slice(0, 10),
      pick([0, 0, 1]),
      pick(['Referral', 'Organic', 'Partner']),
      pick([0, 3, 7]),
      pick(['No', 'Yes', 'No', 'No', '']),
      `Name ${i}`,
      `Co ${i % 300}`,
    ];
}

/** Header positions of the columns the model reads (rules, disqualifiers, decay). */
function modelColumns(model: ScoringModel): number[] {
  const names = new Set<string>();
  for (const group of model.groups) for (const entry of group.rules) names.add(entry.column);
  for (const disqualifier of model.disqualifiers) names.add(disqualifier.column);
  if (model.decay) names.add(model.decay.column);
  return [...names].map((name) => COLUMNS.indexOf(name));
}

/**
 * The cheapest pass that tells cell values apart: one map lookup per cell the model reads (dates by their
 * time), remembering an id per distinct value, nothing else. Any engine that looks at values pays this.
 */
function lookupPass(rows: readonly unknown[][], columns: readonly number[]): number {
  const ids = columns.map(() => new Map<unknown, number>());
  let sum = 0;
  for (const row of rows) {
    for (let c = 0; c < columns.length; c++) {
      let key = row[columns[c] as number];
      if (typeof key === 'object' && key !== null) key = (key as Date).getTime();
      const memo = ids[c] as Map<unknown, number>;
      let id = memo.get(key);
      if (id === undefined) {
        id = memo.size;
        if (id < 4096) memo.set(key, id);
      }
      sum += id;
    }
  }
  return sum;
}

export function runEngineBench(): string[] {
  const checked = validateModel(MODEL);
  if (!checked.ok)
    throw new Error(`bench/engine.ts: the reference model is invalid:\n${describeIssues(checked.issues)}`);
  const ruleCount = MODEL.groups.reduce((sum, group) => sum + group.rules.length, 0);
  const rows = makeRows();
  const compiled = compileModel(checked.model);
  const readColumns = modelColumns(checked.model);
  let sink = 0;
  const bareMs = bestOf(() => {
    let filled = 0;
    for (const row of rows)
      for (let c = 0; c < row.length; c++) if (row[c] !== '' && row[c] !== null) filled++;
    sink += filled;
  }, REPEATS);
  const lookupMs = bestOf(() => {
    sink += lookupPass(rows, readColumns);
  }, REPEATS);
  const scoring = timeRuns(() => {
    // Binding is per call, as in a refresh or a formula: per-value caches start empty every time.
    const scorer = bindScorer(compiled, COLUMNS, AS_OF);
    let total = 0;
    for (const row of rows) total += scorer.scoreRow(row).score;
    sink += total;
  }, REPEATS);
  const scoreMs = scoring.best;
  const rate = (ROWS / scoreMs) * 1000;
  const ratio = scoreMs / bareMs;
  return [
    `## Engine (${ruleCount} rules + 2 disqualifiers + decay, ${ROWS.toLocaleString('en-US')} messy rows x ${COLUMNS.length} columns, full results with reasons; best of ${REPEATS} runs)`,
    `bare pass (read every cell once):   ${bareMs.toFixed(1)} ms`,
    `lookup pass (${readColumns.length} model columns):     ${lookupMs.toFixed(1)} ms = ${(lookupMs / bareMs).toFixed(1)}x the bare pass (one map lookup per value, no scoring)`,
    `scoring:                            ${scoreMs.toFixed(1)} ms = ${Math.round(rate).toLocaleString('en-US')} rows/s (target >= 1,000,000: ${rate >= 1e6 ? 'PASS' : 'MISS'}); median run ${scoring.median.toFixed(1)} ms`,
    `scoring / bare pass:                ${ratio.toFixed(1)}x (target <= 3x: ${ratio <= 3 ? 'PASS' : 'MISS'})`,
    `scoring / lookup pass:              ${(scoreMs / lookupMs).toFixed(1)}x`,
    `(checksum ${sink})`,
  ];
}
