// Preview before apply: band distribution, up/down moves, top movers and the test-a-row breakdown.
import type { ScoringModel } from '../../src/engine/model';
import {
  cellText,
  comparePreview,
  describeCondition,
  explainRow,
  guessValueKind,
  leadNamer,
  MISSING_COLUMN_TEXT,
  sampleValues,
} from '../../src/engine/preview';
import { makeGroup, makeModel, makeRule } from './support/model-factory';

const AS_OF = new Date('2026-01-31T00:00:00Z');
const HEADER = ['First Name', 'Last Name', 'Email', 'Job Title', 'Page Views', 'Unsubscribed'];
const ROWS: unknown[][] = [
  ['Ada', 'Lovelace', 'ada@acme.com', 'VP Sales', 12, 'No'],
  ['Bob', 'Smith', 'bob@gmail.com', 'Intern', 1, 'No'],
  ['', '', '', '', '', ''],
  ['Cy', 'Young', 'cy@corp.io', 'Director', 40, 'Yes'],
];

function baseModel(titlePoints: number): ScoringModel {
  return makeModel({
    groups: [
      makeGroup({
        id: 'fit',
        kind: 'fit',
        cap: 50,
        rules: [
          makeRule({
            id: 'senior',
            column: 'Job Title',
            condition: { op: 'containsAny', values: ['VP', 'Director'] },
            points: titlePoints,
            label: 'Senior title',
          }),
          makeRule({
            id: 'personal',
            column: 'Email',
            condition: { op: 'personalEmail' },
            points: -10,
            label: 'Personal email',
          }),
          makeRule({
            id: 'region',
            column: 'Region',
            condition: { op: 'equals', value: 'EU' },
            points: 5,
            label: 'EU',
          }),
        ],
      }),
      makeGroup({
        id: 'intent',
        kind: 'intent',
        rules: [
          makeRule({
            id: 'views',
            column: 'Page Views',
            condition: { op: 'atLeast', value: 1 },
            points: 1,
            perUnit: true,
            maxPoints: 30,
            label: 'Page views',
          }),
          makeRule({
            id: 'off',
            column: 'Page Views',
            condition: { op: 'atLeast', value: 1 },
            points: 100,
            label: 'Switched off',
            enabled: false,
          }),
        ],
      }),
    ],
    disqualifiers: [
      {
        id: 'unsub',
        column: 'Unsubscribed',
        condition: { op: 'isTrue' },
        reason: 'Unsubscribed',
        enabled: true,
      },
    ],
  });
}

describe('comparePreview', () => {
  it('counts bands before and after, moves and top movers', () => {
    const summary = comparePreview({
      before: baseModel(10),
      after: baseModel(40),
      header: HEADER,
      rows: ROWS,
      firstRow: 2,
      asOf: AS_OF,
    });
    expect(summary.scored).toBe(3);
    // Ada: 10 + 12 = 22 Cold -> 40 + 12 = 52 Warm. Bob: -10 + 1 -> clamped 0. Cy: disqualified either way.
    const count = (list: typeof summary.bandCountsAfter, band: string) =>
      list.find((entry) => entry.band === band)?.count;
    expect(count(summary.bandCountsBefore, 'Cold')).toBe(2);
    expect(count(summary.bandCountsAfter, 'Cold')).toBe(1);
    expect(count(summary.bandCountsAfter, 'Warm')).toBe(1);
    expect(count(summary.bandCountsAfter, 'Disqualified')).toBe(1);
    expect(summary.bandCountsAfter.map((entry) => entry.band)).toEqual([
      'Hot',
      'Warm',
      'Cold',
      'Disqualified',
    ]);
    expect(summary.movedUp).toBe(1);
    expect(summary.movedDown).toBe(0);
    expect(summary.topMovers[0]).toEqual({
      row: 2,
      lead: 'Ada Lovelace',
      before: { score: 22, band: 'Cold' },
      after: { score: 52, band: 'Warm', reasons: '+40 Senior title · +12 Page views' },
    });
    expect(summary.warnings).toEqual(["'region' reads 'Region', which is not in the lead table"]);
  });

  it('orders movers by size of change, then band change, then row', () => {
    const before = baseModel(10);
    const after = baseModel(10);
    const intent = after.groups[1];
    if (!intent?.rules[0]) throw new Error('fixture');
    // Double page-view points and lift the cap: Ada 22 -> 34, Bob stays clamped at 0, Cy 40 -> 90 (still disqualified).
    intent.rules[0].points = 2;
    intent.rules[0].maxPoints = 100;
    const summary = comparePreview({ before, after, header: HEADER, rows: ROWS, firstRow: 2, asOf: AS_OF });
    expect(summary.topMovers.map((mover) => mover.row)).toEqual([5, 2]);
    expect(summary.changed).toBe(2);
  });

  it('reports no moves without a saved model', () => {
    const summary = comparePreview({
      before: null,
      after: baseModel(10),
      header: HEADER,
      rows: ROWS,
      firstRow: 2,
      asOf: AS_OF,
    });
    expect(summary.bandCountsBefore).toEqual([]);
    expect(summary.movedUp + summary.movedDown + summary.changed).toBe(0);
    expect(summary.topMovers).toEqual([]);
  });

  it('counts a move down into the disqualified band', () => {
    const before = baseModel(10);
    before.disqualifiers = [];
    const summary = comparePreview({
      before,
      after: baseModel(10),
      header: HEADER,
      rows: ROWS,
      firstRow: 2,
      asOf: AS_OF,
    });
    // Cy: 10 + 30 = 40 Warm -> Disqualified.
    expect(summary.movedDown).toBe(1);
    expect(summary.topMovers[0]?.after.band).toBe('Disqualified');
  });
});

describe('explainRow', () => {
  it('lists every rule, fired or not, with the cell it read and group totals', () => {
    const breakdown = explainRow(baseModel(40), HEADER, ROWS[0] ?? [], 2, AS_OF);
    expect(breakdown.score).toBe(52);
    expect(breakdown.lead).toBe('Ada Lovelace');
    expect(breakdown.rules.map((line) => [line.ruleId, line.fired, line.points, line.cell])).toEqual([
      ['senior', true, 40, 'VP Sales'],
      ['personal', false, 0, 'ada@acme.com'],
      ['region', false, 0, MISSING_COLUMN_TEXT],
      ['views', true, 12, '12'],
      ['off', false, 0, '12'],
    ]);
    expect(breakdown.rules[0]?.test).toBe('contains any of VP, Director');
    expect(breakdown.rules[3]?.test).toBe('is at least 1 (+1 each)');
    expect(breakdown.rules[4]?.enabled).toBe(false);
    expect(breakdown.groups).toEqual([
      { groupId: 'fit', name: 'fit', kind: 'fit', raw: 40, total: 40, cap: 50 },
      { groupId: 'intent', name: 'intent', kind: 'intent', raw: 12, total: 12, cap: null },
    ]);
  });

  it('shows a cap cutting a group total and a disqualifier', () => {
    const model = baseModel(60);
    const breakdown = explainRow(model, HEADER, ROWS[3] ?? [], 5, AS_OF);
    expect(breakdown.groups[0]).toMatchObject({ raw: 60, total: 50 });
    expect(breakdown.disqualifiedBy).toBe('Unsubscribed');
    expect(breakdown.band).toBe('Disqualified');
  });

  it('survives a blank row', () => {
    const breakdown = explainRow(baseModel(10), HEADER, ROWS[2] ?? [], 4, AS_OF);
    expect(breakdown.blank).toBe(true);
    expect(breakdown.rules.every((line) => !line.fired)).toBe(true);
  });
});

describe('helpers', () => {
  it('guesses value kinds from samples', () => {
    expect(guessValueKind([1, '2', '1,234'])).toBe('number');
    expect(guessValueKind(['Yes', 'No', true])).toBe('boolean');
    expect(guessValueKind(['a@b.com', 'c@d.org'])).toBe('email');
    expect(guessValueKind([new Date('2025-01-01'), '2025-02-03'])).toBe('date');
    expect(guessValueKind(['VP', 'Intern', 'N/A', ''])).toBe('text');
    expect(guessValueKind(['', 'N/A'])).toBe('any');
  });

  it('turns cells into text without losing dates', () => {
    expect(cellText(new Date('2025-01-02T03:04:05Z'))).toBe('2025-01-02T03:04:05.000Z');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(null)).toBe('');
    expect(sampleValues(ROWS, 3, 2)).toEqual(['VP Sales', 'Intern']);
  });

  it('describes conditions in words', () => {
    expect(describeCondition({ op: 'between', min: 50, max: 200 })).toBe('is between 50 and 200');
    expect(describeCondition({ op: 'isOneOf', values: ['US', 'CA'] })).toBe('is one of US, CA');
    expect(describeCondition({ op: 'olderThanDays', days: 30 })).toBe('is older than 30 days');
    expect(describeCondition({ op: 'isBlank' })).toBe('is blank');
  });

  it('names a lead by name, email or company', () => {
    expect(leadNamer(['Email', 'Company'])(['x@y.com', 'Acme'])).toBe('x@y.com (Acme)');
    expect(leadNamer(['Company'])(['Acme'])).toBe('Acme');
    expect(leadNamer(['Score'])([1])).toBe('');
  });
});
