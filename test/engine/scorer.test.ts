// The scorer: conditions on messy cells, caps, decay, disqualifiers, bands, grades, quadrants, reasons.

import vm from 'node:vm';
import fc from 'fast-check';
import type { Condition, ScoringModel } from '../../src/engine/model';
import { bindScorer, compileModel, scoreTable } from '../../src/engine/scorer';
import { makeGroup, makeModel, makeRule } from './support/model-factory';

const AS_OF = new Date('2026-11-24T12:00:00Z');
const DAY = 86_400_000;

/** Scores one cell under one condition and says whether the rule fired. */
function fires(condition: Condition, cell: unknown): boolean {
  const model = makeModel({
    groups: [makeGroup({ id: 'g', kind: 'fit', rules: [makeRule({ id: 'r', column: 'Value', condition })] })],
  });
  const [result] = scoreTable(model, ['Value', 'Other'], [[cell, 'x']], AS_OF).results;
  return (result?.contributions.length ?? 0) === 1;
}

describe('conditions on messy cells', () => {
  it.each<[string, Condition, unknown, boolean]>([
    ['equals text ignores case and spaces', { op: 'equals', value: 'Software' }, '  SOFTWARE ', true],
    ['equals number reads "1,000"', { op: 'equals', value: 1000 }, '1,000', true],
    ['equals boolean reads "Yes"', { op: 'equals', value: true }, 'Yes', true],
    ['notEquals', { op: 'notEquals', value: 'Student' }, 'Engineer', true],
    ['notEquals same', { op: 'notEquals', value: 'Student' }, 'student', false],
    ['isOneOf', { op: 'isOneOf', values: ['Software', 'SaaS'] }, 'saas', true],
    ['isOneOf miss', { op: 'isOneOf', values: ['Software', 'SaaS'] }, 'Retail', false],
    ['containsAny whole word', { op: 'containsAny', values: ['VP', 'Head of'] }, 'VP of Sales', true],
    ['containsAny phrase', { op: 'containsAny', values: ['VP', 'Head of'] }, 'Head of Growth', true],
    ['containsAny is not fooled by substrings', { op: 'containsAny', values: ['CTO'] }, 'Director', false],
    ['startsWith', { op: 'startsWith', values: ['Dir'] }, 'Director of IT', true],
    ['endsWith', { op: 'endsWith', values: ['.io'] }, 'acme.io', true],
    ['atLeast on "51-200" reads the lower bound', { op: 'atLeast', value: 50 }, '51-200', true],
    ['atLeast miss', { op: 'atLeast', value: 201 }, '51-200', false],
    ['atMost', { op: 'atMost', value: 10 }, 10, true],
    ['between', { op: 'between', min: 50, max: 1000 }, '$250', true],
    ['between miss', { op: 'between', min: 50, max: 1000 }, 5000, false],
    ['isBlank on ""', { op: 'isBlank' }, '', true],
    ['isBlank on "Select" (a missing token)', { op: 'isBlank' }, 'Select', true],
    ['isBlank on #N/A', { op: 'isBlank' }, '#N/A', true],
    ['notBlank on a value', { op: 'notBlank' }, 'x', true],
    ['notBlank on "N/A"', { op: 'notBlank' }, 'N/A', false],
    ['isTrue on "x"', { op: 'isTrue' }, 'x', true],
    ['isTrue on TRUE', { op: 'isTrue' }, true, true],
    ['isFalse on "No"', { op: 'isFalse' }, 'No', true],
    ['isFalse does not fire on blank', { op: 'isFalse' }, '', false],
    ['withinDays on a Date', { op: 'withinDays', days: 30 }, new Date(AS_OF.getTime() - 10 * DAY), true],
    ['withinDays on an ISO string', { op: 'withinDays', days: 30 }, '2026-11-01', true],
    ['withinDays miss', { op: 'withinDays', days: 30 }, '2026-01-01', false],
    ['olderThanDays', { op: 'olderThanDays', days: 60 }, '2026-01-01', true],
    ['personalEmail', { op: 'personalEmail' }, 'Jane <jane@Gmail.com>', true],
    ['personalEmail on a business address', { op: 'personalEmail' }, 'jane@acme.com', false],
    [
      'emailDomainIn matches subdomains',
      { op: 'emailDomainIn', values: ['edu'] },
      'sam@cs.stanford.edu',
      true,
    ],
    ['emailDomainIn miss', { op: 'emailDomainIn', values: ['competitor.com'] }, 'sam@acme.com', false],
  ])('%s', (_name, condition, cell, expected) => {
    expect(fires(condition, cell)).toBe(expected);
  });

  it('reads a Date made in another realm (gas-local runs code in a vm)', () => {
    const foreign = vm.runInNewContext(`new Date(${AS_OF.getTime() - 5 * DAY})`);
    expect(fires({ op: 'withinDays', days: 7 }, foreign)).toBe(true);
  });

  it('reports a cell it cannot read as a row problem and still scores the row', () => {
    const model = makeModel({
      groups: [
        makeGroup({
          id: 'g',
          kind: 'fit',
          rules: [
            makeRule({ id: 'size', column: 'Employees', condition: { op: 'atLeast', value: 50 } }),
            makeRule({
              id: 'vp',
              column: 'Title',
              condition: { op: 'containsAny', values: ['VP'] },
              points: 15,
            }),
          ],
        }),
      ],
    });
    const [result] = scoreTable(
      model,
      ['Employees', 'Title'],
      [['twelve people', 'VP Sales']],
      AS_OF,
    ).results;
    expect(result?.score).toBe(15);
    expect(result?.problems).toEqual(["Employees: 'twelve people' is not a number (rule 'size')"]);
  });
});

describe('points, caps and clamps', () => {
  const model = makeModel({
    groups: [
      makeGroup({
        id: 'company',
        kind: 'fit',
        cap: 40,
        rules: [
          makeRule({
            id: 'industry',
            column: 'Industry',
            condition: { op: 'equals', value: 'Software' },
            points: 30,
          }),
          makeRule({ id: 'size', column: 'Employees', condition: { op: 'atLeast', value: 50 }, points: 20 }),
          makeRule({ id: 'gmail', column: 'Email', condition: { op: 'personalEmail' }, points: -10 }),
        ],
      }),
      makeGroup({
        id: 'behaviour',
        kind: 'intent',
        cap: 60,
        floor: 0,
        rules: [
          makeRule({
            id: 'pricing',
            column: 'Pricing Visits',
            condition: { op: 'atLeast', value: 1 },
            points: 5,
            perUnit: true,
            maxPoints: 20,
            label: 'Pricing page visits',
          }),
          makeRule({
            id: 'demo',
            column: 'Demo',
            condition: { op: 'isTrue' },
            points: 45,
            label: 'Demo requested',
          }),
          makeRule({ id: 'careers', column: 'Careers Visit', condition: { op: 'isTrue' }, points: -70 }),
        ],
      }),
    ],
  });
  const header = ['Industry', 'Employees', 'Email', 'Pricing Visits', 'Demo', 'Careers Visit'];

  it('caps each group and sums fit and intent', () => {
    const [result] = scoreTable(
      model,
      header,
      [['Software', '51-200', 'a@acme.com', 7, 'Yes', '']],
      AS_OF,
    ).results;
    // company: 30 + 20 = 50 capped at 40; behaviour: min(7*5, 20) + 45 = 65 capped at 60.
    expect(result).toMatchObject({
      fit: 40,
      intent: 60,
      score: 100,
      band: 'Hot',
      action: 'Call within 24 hours',
    });
    // size and pricing tie at 20: ties keep the model's rule order.
    expect(result?.reasons).toBe('+45 Demo requested · +30 industry · +20 size');
  });

  it('applies negative points and the group floor', () => {
    const [result] = scoreTable(model, header, [['Retail', 10, 'a@gmail.com', 0, 'No', 'x']], AS_OF).results;
    expect(result).toMatchObject({ fit: -10, intent: 0, score: 0, band: 'Cold' });
    expect(result?.contributions.map((c) => [c.ruleId, c.points])).toEqual([
      ['gmail', -10],
      ['careers', -70],
    ]);
  });

  it('keeps every contribution with its group and kind', () => {
    const [result] = scoreTable(model, header, [['Software', '', '', 2, '', '']], AS_OF).results;
    expect(result?.contributions).toEqual([
      { ruleId: 'industry', label: 'industry', groupId: 'company', kind: 'fit', points: 30 },
      { ruleId: 'pricing', label: 'Pricing page visits', groupId: 'behaviour', kind: 'intent', points: 10 },
    ]);
  });

  it('gives blank rows a blank result and scores the rest', () => {
    const { results } = scoreTable(
      model,
      header,
      [
        ['', '', '', '', '', ''],
        ['Software', '', '', '', '', ''],
      ],
      AS_OF,
    );
    expect(results.map((result) => result.blank)).toEqual([true, false]);
    expect(results[1]?.score).toBe(30);
  });

  it('ignores disabled rules', () => {
    const disabled: ScoringModel = {
      ...model,
      groups: model.groups.map((group) => ({
        ...group,
        rules: group.rules.map((rule) => ({ ...rule, enabled: false })),
      })),
    };
    const [result] = scoreTable(disabled, header, [['Software', 500, '', 3, 'Yes', '']], AS_OF).results;
    expect(result?.score).toBe(0);
  });
});

describe('decay', () => {
  const intentModel = (decay: ScoringModel['decay']): ScoringModel =>
    makeModel({
      groups: [
        makeGroup({
          id: 'b',
          kind: 'intent',
          rules: [makeRule({ id: 'demo', column: 'Demo', condition: { op: 'isTrue' }, points: 40 })],
        }),
      ],
      decay,
    });
  const steps: ScoringModel['decay'] = {
    mode: 'steps',
    column: 'Last Activity Date',
    steps: [
      { afterDays: 30, points: -10 },
      { afterDays: 60, points: -20 },
    ],
  };
  const scoreAt = (model: ScoringModel, lastActivity: unknown) =>
    scoreTable(model, ['Demo', 'Last Activity Date'], [['yes', lastActivity]], AS_OF).results[0];

  it.each([
    [10, 0],
    [30, -10],
    [45, -10],
    [61, -20],
  ])('steps: %i days inactive -> %i points', (days, points) => {
    const result = scoreAt(intentModel(steps), new Date(AS_OF.getTime() - days * DAY));
    expect(result?.decay).toBe(points);
    expect(result?.intent).toBe(40 + points);
  });

  it('halves intent after one half-life', () => {
    const result = scoreAt(
      intentModel({ mode: 'halfLife', column: 'Last Activity Date', halfLifeDays: 30 }),
      new Date(AS_OF.getTime() - 30 * DAY),
    );
    expect(result).toMatchObject({ decay: -20, intent: 20, score: 20 });
    expect(result?.reasons).toBe('+40 demo · -20 inactivity');
  });

  it('applies no decay to a blank date and reports an unreadable one', () => {
    expect(scoreAt(intentModel(steps), '')?.decay).toBe(0);
    const result = scoreAt(intentModel(steps), 'last tuesday');
    expect(result?.decay).toBe(0);
    expect(result?.problems[0]).toContain('is not a date');
  });
});

describe('disqualifiers, missing data, grades and quadrants', () => {
  const model = makeModel({
    groups: [
      makeGroup({
        id: 'fit',
        kind: 'fit',
        rules: [
          makeRule({
            id: 'title',
            column: 'Job Title',
            condition: { op: 'containsAny', values: ['VP'] },
            points: 40,
          }),
          makeRule({ id: 'industry', column: 'Industry', condition: { op: 'notBlank' }, points: 10 }),
          makeRule({
            id: 'size',
            column: 'Number of Employees',
            condition: { op: 'atLeast', value: 50 },
            points: 10,
          }),
        ],
      }),
      makeGroup({
        id: 'intent',
        kind: 'intent',
        rules: [makeRule({ id: 'demo', column: 'Demo', condition: { op: 'isTrue' }, points: 30 })],
      }),
    ],
    disqualifiers: [
      {
        id: 'unsubscribed',
        column: 'Unsubscribed',
        condition: { op: 'isTrue' },
        reason: 'Do not contact (unsubscribed)',
        enabled: true,
      },
    ],
    missingData: {
      minFitFilled: 0.5,
      band: { name: 'Needs review', colour: '#eeeeee', action: 'Check the data' },
    },
    grades: [
      { grade: 'A', minFit: 50 },
      { grade: 'B', minFit: 30 },
      { grade: 'C', minFit: 0 },
    ],
    quadrants: {
      fitThreshold: 40,
      intentThreshold: 20,
      labels: {
        highFitHighIntent: 'Sales-ready',
        highFitLowIntent: 'Nurture fit',
        lowFitHighIntent: 'Qualify',
        lowFitLowIntent: 'Ignore',
      },
    },
  });
  const header = ['Job Title', 'Industry', 'Employees', 'Demo', 'Unsubscribed'];

  it('puts a disqualified lead in the terminal band whatever its points', () => {
    const [result] = scoreTable(model, header, [['VP Sales', 'Software', 500, 'yes', 'TRUE']], AS_OF).results;
    expect(result).toMatchObject({ score: 90, band: 'Disqualified', action: 'Do not contact' });
    expect(result?.disqualifiedBy).toEqual({ id: 'unsubscribed', reason: 'Do not contact (unsubscribed)' });
    expect(result?.reasons.startsWith('Do not contact (unsubscribed) · ')).toBe(true);
  });

  it('sends a lead with mostly blank fit data to review, with its confidence', () => {
    const [result] = scoreTable(model, header, [['', 'N/A', '', 'yes', '']], AS_OF).results;
    expect(result).toMatchObject({ band: 'Needs review', confidence: 0 });
    expect(result?.reasons).toBe('Needs review: 0 of 3 fit columns filled · +30 demo');
  });

  it('grades by fit and places the quadrant (Employees matched as Number of Employees)', () => {
    const [result] = scoreTable(model, header, [['VP Sales', 'Software', 500, 'yes', '']], AS_OF).results;
    expect(result).toMatchObject({ fit: 60, intent: 30, grade: 'A', quadrant: 'Sales-ready', confidence: 1 });
    const [low] = scoreTable(model, header, [['Engineer', 'Retail', 10, '', '']], AS_OF).results;
    expect(low).toMatchObject({ fit: 10, grade: 'C', quadrant: 'Ignore', band: 'Cold', confidence: 1 });
  });
});

describe('binding to the header row', () => {
  it('reports every rule whose column is missing, by id and name', () => {
    const model = makeModel({
      groups: [
        makeGroup({
          id: 'g',
          kind: 'fit',
          rules: [
            makeRule({ id: 'a', column: 'Industry', condition: { op: 'notBlank' } }),
            makeRule({ id: 'b', column: 'Budget', condition: { op: 'atLeast', value: 1 } }),
          ],
        }),
      ],
    });
    const scorer = bindScorer(compileModel(model), ['industry'], AS_OF);
    expect(scorer.missingColumns).toEqual([{ id: 'b', column: 'Budget' }]);
    expect(scorer.scoreRow(['Retail']).score).toBe(10);
  });
});

describe('outcomes remembered per cell value', () => {
  // Rules on Title and Email interleave in the model, so hits gathered column by column need sorting.
  const interleaved = makeModel({
    groups: [
      makeGroup({
        id: 'g',
        kind: 'fit',
        rules: [
          makeRule({
            id: 'vp',
            column: 'Title',
            condition: { op: 'containsAny', values: ['VP'] },
            points: 10,
          }),
          makeRule({ id: 'personal', column: 'Email', condition: { op: 'personalEmail' }, points: -10 }),
          makeRule({
            id: 'sales',
            column: 'Title',
            condition: { op: 'containsAny', values: ['Sales'] },
            points: 10,
          }),
          makeRule({ id: 'given', column: 'Email', condition: { op: 'notBlank' }, points: 10 }),
        ],
      }),
    ],
    disqualifiers: [
      {
        id: 'rival',
        column: 'Email',
        condition: { op: 'emailDomainIn', values: ['rival.com'] },
        reason: 'Competitor',
        enabled: true,
      },
    ],
  });

  it("keeps contributions and reason ties in model order when a column's rules are not together", () => {
    const [result] = scoreTable(
      interleaved,
      ['Title', 'Email'],
      [['VP Sales', 'jo@gmail.com']],
      AS_OF,
    ).results;
    expect(result?.contributions.map((contribution) => contribution.ruleId)).toEqual([
      'vp',
      'personal',
      'sales',
      'given',
    ]);
    expect(result?.reasons).toBe('+10 vp · -10 personal · +10 sales');
  });

  it("gives every address at a domain that domain's outcome, and still reads each invalid address itself", () => {
    const scorer = bindScorer(compileModel(interleaved), ['Title', 'Email'], AS_OF);
    const results = [
      'a@gmail.com',
      'b@GMAIL.com',
      'c@rival.com',
      'd@rival.com',
      'bad@rival',
      'worse@rival',
    ].map((email) => scorer.scoreRow(['', email]));
    expect(results.map((result) => result.score)).toEqual([0, 0, 10, 10, 10, 10]);
    expect(results.map((result) => result.disqualifiedBy?.id ?? null)).toEqual([
      null,
      null,
      'rival',
      'rival',
      null,
      null,
    ]);
    expect(results[4]?.problems).toEqual(["Email: 'bad@rival' is not an email address (rule 'personal')"]);
    expect(results[5]?.problems).toEqual(["Email: 'worse@rival' is not an email address (rule 'personal')"]);
  });

  it('still blanks an address that is a missing token, after another address at its domain', () => {
    const model = { ...interleaved, missingTokens: ['nobody@example.com'] };
    const scorer = bindScorer(compileModel(model), ['Title', 'Email'], AS_OF);
    expect(scorer.scoreRow(['', 'jo@example.com']).score).toBe(10);
    expect(scorer.scoreRow(['', 'nobody@example.com']).score).toBe(0);
    expect(scorer.scoreRow(['', 'NOBODY@example.com']).score).toBe(0);
  });

  it('reports problems in evaluation order, and no disqualifier problem after a disqualifier matched', () => {
    const model = makeModel({
      groups: [
        makeGroup({
          id: 'g',
          kind: 'intent',
          rules: [
            makeRule({ id: 'visits', column: 'Visits', condition: { op: 'atLeast', value: 1 } }),
            makeRule({ id: 'size', column: 'Employees', condition: { op: 'atLeast', value: 50 } }),
          ],
        }),
      ],
      decay: { mode: 'steps', column: 'Last Activity', steps: [{ afterDays: 30, points: -5 }] },
      disqualifiers: [
        { id: 'unsub', column: 'Unsub', condition: { op: 'isTrue' }, reason: 'Unsubscribed', enabled: true },
        { id: 'spam', column: 'Spam', condition: { op: 'isTrue' }, reason: 'Spam', enabled: true },
      ],
    });
    const header = ['Employees', 'Visits', 'Last Activity', 'Unsub', 'Spam'];
    const [unreadable, disqualified] = scoreTable(
      model,
      header,
      [
        ['many', 'lots', 'someday', 'maybe', 'perhaps'],
        ['many', 'lots', 'someday', 'yes', 'perhaps'],
      ],
      AS_OF,
    ).results;
    expect(unreadable?.problems).toEqual([
      "Visits: 'lots' is not a number (rule 'visits')",
      "Employees: 'many' is not a number (rule 'size')",
      "Last Activity: 'someday' is not a date, so no decay was applied (rule 'decay')",
      "Unsub: 'maybe' is not yes/no (rule 'unsub')",
      "Spam: 'perhaps' is not yes/no (rule 'spam')",
    ]);
    // 'unsub' matched, so 'spam' was never evaluated and says nothing.
    expect(disqualified?.disqualifiedBy?.id).toBe('unsub');
    expect(disqualified?.problems).toHaveLength(3);
  });

  it('scores a repeated value the same way every time, on one scorer and on a fresh one', () => {
    const header = ['Title', 'Email'];
    const rows = Array.from({ length: 50 }, (_, i) => [
      i % 3 ? 'VP Sales' : 'Intern',
      `p${i}@${i % 2 ? 'gmail.com' : 'acme.io'}`,
    ]);
    const once = scoreTable(interleaved, header, rows, AS_OF).results;
    const scorer = bindScorer(compileModel(interleaved), header, AS_OF);
    const again = rows.map((row) => scorer.scoreRow(row));
    expect(again).toEqual(once);
    expect(rows.map((row) => scoreTable(interleaved, header, [row], AS_OF).results[0])).toEqual(once);
  });
});

describe('properties', () => {
  const model = makeModel({
    scale: { min: 0, max: 100 },
    groups: [
      makeGroup({
        id: 'fit',
        kind: 'fit',
        cap: 40,
        floor: -10,
        rules: [
          makeRule({
            id: 'n',
            column: 'N',
            condition: { op: 'atLeast', value: 0 },
            points: 3,
            perUnit: true,
          }),
          makeRule({
            id: 't',
            column: 'T',
            condition: { op: 'containsAny', values: ['vp', 'head'] },
            points: -25,
          }),
        ],
      }),
      makeGroup({
        id: 'intent',
        kind: 'intent',
        cap: 60,
        rules: [
          makeRule({ id: 'd', column: 'D', condition: { op: 'withinDays', days: 30 }, points: 70 }),
          makeRule({ id: 'b', column: 'B', condition: { op: 'isTrue' }, points: 10 }),
        ],
      }),
    ],
    decay: { mode: 'halfLife', column: 'D', halfLifeDays: 20 },
  });
  const cell = fc.oneof(
    fc.anything(),
    fc.string(),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.date(),
    fc.constantFrom('', 'N/A', '#N/A', 'Select', '1,234', '51-200', 'Yes', '2026-01-01'),
  );
  const row = fc.array(cell, { minLength: 0, maxLength: 6 });

  it('never throws, stays within caps and the scale, and is deterministic', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 20 }), (rows) => {
        const header = ['N', 'T', 'D', 'B'];
        const first = scoreTable(model, header, rows, AS_OF).results;
        const second = scoreTable(model, header, rows, AS_OF).results;
        expect(second).toEqual(first);
        for (const result of first) {
          expect(result.score).toBeGreaterThanOrEqual(0);
          expect(result.score).toBeLessThanOrEqual(100);
          expect(result.fit).toBeLessThanOrEqual(40);
          expect(result.fit).toBeGreaterThanOrEqual(-10);
          expect(result.intent).toBeLessThanOrEqual(60);
          expect(Number.isFinite(result.score)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
