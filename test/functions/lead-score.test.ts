// =LEADSCORE called with arguments exactly as Sheets passes them: 2D arrays, Dates, '' for blanks, error strings.
import type { ScoringModel } from '../../src/engine/model';
import { modelToRulesSheet } from '../../src/engine/rules-sheet';
import { scoreTable } from '../../src/engine/scorer';
import { findTemplate } from '../../src/engine/templates';
import { leadScore } from '../../src/functions/lead-score';
import { makeGroup, makeModel, makeRule } from '../engine/support/model-factory';

const NOW = new Date('2026-11-24T12:00:00Z');
const DAY = 86_400_000;

const MODEL: ScoringModel = makeModel({
  groups: [
    makeGroup({
      id: 'fit',
      kind: 'fit',
      rules: [
        makeRule({
          id: 'vp',
          column: 'Job Title',
          condition: { op: 'containsAny', values: ['VP'] },
          points: 20,
        }),
        makeRule({ id: 'gmail', column: 'Email', condition: { op: 'personalEmail' }, points: -10 }),
      ],
    }),
    makeGroup({
      id: 'intent',
      kind: 'intent',
      rules: [
        makeRule({
          id: 'demo',
          column: 'Demo Requested',
          condition: { op: 'isTrue' },
          points: 45,
          label: 'Demo',
        }),
        makeRule({
          id: 'visits',
          column: 'Pricing Page Visits',
          condition: { op: 'atLeast', value: 1 },
          points: 5,
          perUnit: true,
          maxPoints: 20,
          label: 'Pricing visits',
        }),
      ],
    }),
  ],
  decay: { mode: 'steps', column: 'Last Activity Date', steps: [{ afterDays: 30, points: -10 }] },
});

const HEADER = ['Email', 'Job Title', 'Demo Requested', 'Pricing Page Visits', 'Last Activity Date'];
const LEADS: unknown[][] = [
  HEADER,
  ['ana@acme.com', 'VP Marketing', true, 3, new Date(NOW.getTime() - 2 * DAY)],
  ['bo@gmail.com', 'Student', false, '', ''],
  ['', '', '', '', ''],
  ['cy@acme.com', 'Engineer', 'Yes', '1,000', new Date(NOW.getTime() - 40 * DAY)],
  ['#N/A', 'VP', 'x', 'n/a', '#REF!'],
];

function rulesRange(model: ScoringModel, asOf: Date | null = NOW): unknown[][] {
  return modelToRulesSheet(model, asOf);
}

describe('LEADSCORE', () => {
  it('spills a title row and one score per lead; blank rows stay blank', () => {
    const output = leadScore(LEADS, rulesRange(MODEL), '', NOW);
    expect(output).toEqual([['Score'], [80], [0], [''], [55], [65]]);
  });

  it('returns several fields side by side from one call', () => {
    const output = leadScore(LEADS, rulesRange(MODEL), 'score, band ,reasons', NOW);
    expect(Array.isArray(output) && output[0]).toEqual(['Score', 'Band', 'Reasons']);
    expect(Array.isArray(output) && output[1]).toEqual([80, 'Hot', '+45 Demo · +20 vp · +15 Pricing visits']);
  });

  it('equals the engine for the same rows and model (parity)', () => {
    const fields = 'score,fit,intent,band,grade,quadrant,reasons,action,stage,confidence,problems';
    const output = leadScore(LEADS, rulesRange(MODEL), fields, NOW);
    const { results } = scoreTable(MODEL, HEADER, LEADS.slice(1), NOW);
    const expected = results.map((result) =>
      result.blank
        ? fields.split(',').map(() => '')
        : [
            result.score,
            result.fit,
            result.intent,
            result.band,
            result.grade,
            result.quadrant,
            result.reasons,
            result.action,
            result.stage,
            result.confidence,
            result.problems.join('; '),
          ],
    );
    expect(Array.isArray(output) && output.slice(1)).toEqual(expected);
  });

  it('uses the rules range\'s "As of" date for decay, and the current time when there is none', () => {
    const lateAsOf = new Date(NOW.getTime() + 60 * DAY);
    const late = leadScore(LEADS, rulesRange(MODEL, lateAsOf), 'intent', NOW);
    expect(Array.isArray(late) && late[1]).toEqual([50]);
    const undated = leadScore(LEADS, rulesRange(MODEL, null), 'intent', lateAsOf);
    expect(undated).toEqual(late);
  });

  it('accepts a template id instead of a rules range', () => {
    const template = findTemplate('b2b-services');
    const model = template?.model ?? MODEL;
    const columns = [
      ...new Set([
        ...model.groups.flatMap((group) => group.rules.map((rule) => rule.column)),
        ...model.disqualifiers.map((disqualifier) => disqualifier.column),
        ...(model.decay ? [model.decay.column] : []),
      ]),
    ];
    const lead = columns.map((column) => (column === 'Email' ? 'sam@gmail.com' : ''));
    const output = leadScore([columns, lead], 'b2b-services', 'score,band', NOW);
    const [expected] = scoreTable(model, columns, [lead], NOW).results;
    expect(output).toEqual([
      ['Score', 'Band'],
      [expected?.score, expected?.band],
    ]);
  });

  it('scores an open-ended range with thousands of trailing blank rows', () => {
    const rows = [...LEADS, ...Array.from({ length: 5000 }, () => ['', '', '', '', ''])];
    const output = leadScore(rows, rulesRange(MODEL), 'score', NOW);
    expect(Array.isArray(output) && output.length).toBe(rows.length);
    expect(Array.isArray(output) && output[rows.length - 1]).toEqual(['']);
  });

  it('scores 10,000 rows in one call', () => {
    const rows = [HEADER, ...Array.from({ length: 10_000 }, (_, i) => LEADS[1 + (i % 5)] ?? [])];
    const output = leadScore(rows, rulesRange(MODEL), 'score,band', NOW);
    expect(Array.isArray(output) && output.length).toBe(10_001);
    expect(Array.isArray(output) && output[10_000]).toEqual(Array.isArray(output) && output[5]);
  });
});

describe('LEADSCORE errors', () => {
  it.each<[string, unknown, unknown, unknown, RegExp]>([
    [
      'a single cell instead of a table',
      'ana@acme.com',
      rulesRange(MODEL),
      '',
      /leads must be the lead table/,
    ],
    ['no rules', LEADS, '', '', /rules must be the rules range/],
    ['an unknown template', LEADS, 'no-such-template', '', /"no-such-template" is not a template id/],
    ['an unknown field', LEADS, rulesRange(MODEL), 'score,colour', /unknown field "colour"/],
    ['a non-text field list', LEADS, rulesRange(MODEL), 7, /fields must be text/],
    [
      'a table without a header row',
      [
        [1, 2],
        [3, 4],
      ],
      rulesRange(MODEL),
      '',
      /first row of leads must be the header/,
    ],
  ])('%s', (_name, leads, rules, fields, message) => {
    expect(() => leadScore(leads, rules, fields, NOW)).toThrow(message);
  });

  it('names the rule and field of an invalid model', () => {
    const broken = rulesRange(MODEL).map((row) => row.map((cell) => (cell === 45 ? 'lots' : cell)));
    expect(() => leadScore(LEADS, broken, '', NOW)).toThrow(/demo/);
  });

  it('names every missing column', () => {
    expect(() => leadScore([['Email'], ['a@b.com']], rulesRange(MODEL), '', NOW)).toThrow(
      "LEADSCORE: the header row has no column 'Job Title' (vp), 'Demo Requested' (demo), 'Pricing Page Visits' (visits), 'Last Activity Date' (decay). Rename the column, add a synonym, or disable the rule.",
    );
  });

  it('never throws for one bad row: its problem is reported in its own cells', () => {
    const leads = [...LEADS, ['dee@acme.com', 'VP', 'maybe', 'lots', 'someday']];
    const output = leadScore(leads, rulesRange(MODEL), 'score,problems', NOW);
    expect(Array.isArray(output) && output[5]).toEqual([65, '']);
    expect(Array.isArray(output) && output[6]).toEqual([
      20,
      "Demo Requested: 'maybe' is not yes/no (rule 'demo'); Pricing Page Visits: 'lots' is not a number (rule 'visits'); Last Activity Date: 'someday' is not a date, so no decay was applied (rule 'decay')",
    ]);
  });
});
