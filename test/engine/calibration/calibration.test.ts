// Calibration on synthetic leads with known true effects, plus outcome parsing, AUC, the split and warnings.

import { rocAuc } from '../../../src/engine/calibration/metrics';
import { outcomeReader, unknownOutcomes } from '../../../src/engine/calibration/outcome';
import { calibrate, isHoldout, suggestModel } from '../../../src/engine/calibration/report';
import { validateModel } from '../../../src/engine/validate';
import { seededRandom } from '../../support/seeded-random';
import { makeGroup, makeModel, makeRule } from '../support/model-factory';

const AS_OF = new Date('2026-11-20T00:00:00Z');

/**
 * Leads whose true log-odds are: Demo yes +2.5, Title VP +1.2, Source Ads -1.0, Noise nothing.
 * `leaky` copies the outcome into a column filled only for converted leads.
 */
function synthetic(count: number, seed = 1, leaky = false): { header: string[]; rows: unknown[][] } {
  const random = seededRandom(seed);
  const header = ['Demo', 'Title', 'Source', 'Noise', 'Converted', ...(leaky ? ['Won Date'] : [])];
  const rows = Array.from({ length: count }, () => {
    const demo = random() < 0.3;
    const vp = random() < 0.4;
    const ads = random() < 0.5;
    const z = -1.5 + (demo ? 2.5 : 0) + (vp ? 1.2 : 0) + (ads ? -1.0 : 0);
    const converted = random() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    return [
      demo ? 'Yes' : 'No',
      vp ? 'VP' : 'Engineer',
      ads ? 'Ads' : 'Organic',
      random() < 0.5 ? 'A' : 'B',
      converted,
      ...(leaky ? [converted ? '2026-10-01' : ''] : []),
    ];
  });
  return { header, rows };
}

const CURRENT = makeModel({
  groups: [
    makeGroup({
      id: 'g',
      kind: 'intent',
      rules: [makeRule({ id: 'demo', column: 'Demo', condition: { op: 'isTrue' }, points: 40 })],
    }),
  ],
});

function pointsFor(model: ReturnType<typeof suggestModel>, column: string, value: string): number {
  const rules = model.groups.flatMap((group) => group.rules).filter((rule) => rule.column === column);
  return rules
    .filter((rule) => rule.condition.op === 'equals' && String(rule.condition.value) === value)
    .reduce((sum, rule) => sum + rule.points, 0);
}

describe('suggested points', () => {
  const { header, rows } = synthetic(4000);
  const model = suggestModel(header, rows, { outcomeColumn: 'Converted', asOf: AS_OF });

  it('recovers the sign and order of the true effects', () => {
    const demo = pointsFor(model, 'Demo', 'Yes') - pointsFor(model, 'Demo', 'No');
    const vp = pointsFor(model, 'Title', 'VP') - pointsFor(model, 'Title', 'Engineer');
    const ads = pointsFor(model, 'Source', 'Ads') - pointsFor(model, 'Source', 'Organic');
    const noise = Math.abs(pointsFor(model, 'Noise', 'A') - pointsFor(model, 'Noise', 'B'));
    expect(demo).toBeGreaterThan(vp);
    expect(vp).toBeGreaterThan(0);
    expect(ads).toBeLessThan(0);
    expect(noise).toBeLessThan(Math.min(vp, -ads));
  });

  it('is an ordinary, valid model with integer points', () => {
    expect(validateModel(model).ok).toBe(true);
    const points = model.groups.flatMap((group) => group.rules.map((rule) => rule.points));
    expect(points.every((value) => Number.isInteger(value) && value !== 0)).toBe(true);
  });

  it('beats the one-rule model on the holdout, and the close-rate model validates too', () => {
    const report = calibrate(CURRENT, header, rows, { outcomeColumn: 'Converted', asOf: AS_OF });
    expect(report.holdout.leads).toBeGreaterThan(1000);
    expect(report.holdout.suggestedAuc).toBeGreaterThan(report.holdout.currentAuc);
    expect(report.holdout.closeRateAuc).toBeGreaterThan(0.7);
    expect(validateModel(report.suggestions.closeRate).ok).toBe(true);
    const demo = report.ruleLift.find((lift) => lift.ruleId === 'demo');
    expect(demo?.rateWith).toBeGreaterThan(demo?.rateWithout ?? 1);
    expect(report.byDecile).toHaveLength(10);
    expect(report.byBand.reduce((sum, band) => sum + band.leads, 0)).toBe(4000);
    expect(report.warnings).toEqual([]);
  });
});

describe('warnings', () => {
  it('flags a column filled only after conversion', () => {
    const { header, rows } = synthetic(2000, 2, true);
    const report = calibrate(CURRENT, header, rows, { outcomeColumn: 'Converted', asOf: AS_OF });
    expect(
      report.leaks.some((leak) => leak.startsWith('Won Date predicts the outcome almost perfectly')),
    ).toBe(true);
    expect(report.leaks.some((leak) => leak.includes('Won Date is filled for 100% of converted leads'))).toBe(
      true,
    );
    expect(report.leaks.filter((leak) => leak.startsWith('Noise'))).toEqual([]);
  });

  it('warns when there are too few leads or conversions', () => {
    const { header, rows } = synthetic(300, 3);
    const report = calibrate(CURRENT, header, rows, { outcomeColumn: 'Converted', asOf: AS_OF });
    expect(report.warnings[0]).toMatch(
      /^Only 300 leads with \d+ conversions: .*120 conversions among 1,000 leads/,
    );
  });

  it('names a missing outcome column', () => {
    expect(() => calibrate(CURRENT, ['Demo'], [['Yes']], { outcomeColumn: 'Won', asOf: AS_OF })).toThrow(
      "There is no outcome column 'Won' in the header row.",
    );
  });
});

describe('building blocks', () => {
  it.each<[unknown, 0 | 1 | null]>([
    [1, 1],
    ['0', 0],
    ['Closed Won', 1],
    ['closed lost', 0],
    ['Customer', 1],
    ['Yes', 1],
    ['', null],
    ['maybe', null],
  ])('outcome %j -> %j', (cell, expected) => {
    expect(outcomeReader()(cell)).toBe(expected);
  });

  it('reads other stages as losses unless the column names its losses (then they are open deals)', () => {
    expect(unknownOutcomes(['Customer', 'Lead', 'MQL'])).toBe(0);
    expect(unknownOutcomes(['Won', 'Lost', 'Negotiation'])).toBeNull();
    expect(outcomeReader(undefined, 0)('Lead')).toBe(0);
    expect(outcomeReader(undefined, null)('Negotiation')).toBeNull();
  });

  it('with explicit positive values, any other filled outcome is a loss', () => {
    const read = outcomeReader(['Customer']);
    expect([read('customer'), read('Lead'), read('')]).toEqual([1, 0, null]);
  });

  it.each([
    [[1, 2, 3, 4], [0, 0, 1, 1], 1],
    [[4, 3, 2, 1], [0, 0, 1, 1], 0],
    [[5, 5, 5, 5], [0, 1, 0, 1], 0.5],
    [[1, 2, 2, 3], [0, 0, 1, 1], 0.875],
  ] as const)('AUC of %j against %j is %d', (scores, outcomes, expected) => {
    expect(rocAuc(scores, outcomes as unknown as (0 | 1)[])).toBeCloseTo(expected, 10);
  });

  it('splits the same rows the same way every time, about 30% held out', () => {
    const first = Array.from({ length: 10_000 }, (_, index) => isHoldout(index, 0.3));
    const second = Array.from({ length: 10_000 }, (_, index) => isHoldout(index, 0.3));
    expect(second).toEqual(first);
    const share = first.filter(Boolean).length / first.length;
    expect(share).toBeGreaterThan(0.28);
    expect(share).toBeLessThan(0.32);
  });
});
