// Comparing two models on the same leads: AUC of each, DeLong's interval of the difference, conversion by band
// under each, and how many leads change band.
import { compareModels } from '../../../src/engine/calibration/compare';
import { scoreTable } from '../../../src/engine/scorer';
import { makeGroup, makeModel, makeRule } from '../support/model-factory';
import { choice, syntheticTable, yesNo } from './synthetic-leads';

const AS_OF = new Date('2026-11-20T00:00:00Z');
const TABLE = syntheticTable(
  [
    yesNo('Demo Requested', 0.3, 2.5),
    choice('Title', [
      ['VP', 0.4, 1.2],
      ['Engineer', 0.6, 0],
    ]),
  ],
  2500,
  11,
);

const DEMO_ONLY = makeModel({
  name: 'Demo only',
  groups: [
    makeGroup({
      id: 'g',
      kind: 'intent',
      rules: [makeRule({ id: 'demo', column: 'Demo Requested', condition: { op: 'isTrue' }, points: 40 })],
    }),
  ],
});

const DEMO_AND_TITLE = makeModel({
  name: 'Demo and title',
  groups: [
    makeGroup({
      id: 'g',
      kind: 'intent',
      rules: [
        makeRule({ id: 'demo', column: 'Demo Requested', condition: { op: 'isTrue' }, points: 40 }),
        makeRule({ id: 'vp', column: 'Title', condition: { op: 'equals', value: 'VP' }, points: 25 }),
      ],
    }),
  ],
});

describe('comparing two models', () => {
  const comparison = compareModels([DEMO_ONLY, DEMO_AND_TITLE], TABLE.header, TABLE.rows, {
    outcomeColumn: 'Converted',
    asOf: AS_OF,
  });

  it('finds the better model with an interval above 0', () => {
    expect(comparison.names).toEqual(['Demo only', 'Demo and title']);
    expect(comparison.auc.aucB).toBeGreaterThan(comparison.auc.aucA);
    expect(comparison.auc.low).toBeGreaterThan(0);
  });

  it('counts leads changing band as scoring each model would place them', () => {
    const bandsA = scoreTable(DEMO_ONLY, TABLE.header, TABLE.rows, AS_OF).results.map(
      (result) => result.band,
    );
    const bandsB = scoreTable(DEMO_AND_TITLE, TABLE.header, TABLE.rows, AS_OF).results.map(
      (result) => result.band,
    );
    const changed = bandsA.filter((band, index) => band !== bandsB[index]).length;
    expect(comparison.changedBand).toBe(changed);
    expect(comparison.moves.reduce((sum, move) => sum + move.leads, 0)).toBe(2500);
    for (const side of [0, 1] as const)
      expect(comparison.byBand[side].reduce((sum, band) => sum + band.leads, 0)).toBe(2500);
  });

  it('a model against itself: no difference and no band changes', () => {
    const same = compareModels([DEMO_ONLY, DEMO_ONLY], TABLE.header, TABLE.rows, {
      outcomeColumn: 'Converted',
      asOf: AS_OF,
    });
    expect(same.auc).toMatchObject({ difference: 0, low: 0, high: 0 });
    expect(same.changedBand).toBe(0);
  });

  it('names a mistyped outcome column', () => {
    expect(() =>
      compareModels([DEMO_ONLY, DEMO_AND_TITLE], TABLE.header, TABLE.rows, {
        outcomeColumn: 'Convert',
        asOf: AS_OF,
      }),
    ).toThrow("There is no outcome column 'Convert'. Did you mean 'Converted'?");
  });
});
