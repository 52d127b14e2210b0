// The suggested points table: recovers known effects, and has the shape a person would write (0-100 scale,
// non-negative integer points per column, few rules, contiguous open-ended ranges, turns only where the rates
// on either side differ significantly, labels in words), and the engine scores it exactly as it was learned.
import fc from 'fast-check';
import { encodeTable } from '../../../src/engine/calibration/encode';
import { learnPoints } from '../../../src/engine/calibration/learn';
import { isNumericColumn } from '../../../src/engine/calibration/levels';
import { twoProportionP } from '../../../src/engine/calibration/statistics';
import { pointsRules, suggestionModel } from '../../../src/engine/calibration/suggestion-model';
import type { ScoringModel } from '../../../src/engine/model';
import { scoreTable } from '../../../src/engine/scorer';
import { validateModel } from '../../../src/engine/validate';
import {
  choice,
  noise,
  type SyntheticColumn,
  type SyntheticTable,
  syntheticTable,
  wholeNumber,
  yesNo,
} from './synthetic-leads';

const AS_OF = new Date('2026-11-20T00:00:00Z');

/** Learns a points table from every row of a synthetic table. */
function learn(table: SyntheticTable, maxRules = 25) {
  const outcomeIndex = table.header.indexOf('Converted');
  const columns = table.header.map((_, index) => index).filter((index) => index !== outcomeIndex);
  const encoded = encodeTable(table.header, table.rows, columns);
  const outcomes = Uint8Array.from(table.rows, (row) => Number(row[outcomeIndex]));
  const rows = Int32Array.from(table.rows, (_, index) => index);
  const learned = learnPoints(encoded.columns, encoded.columns.map(isNumericColumn), rows, outcomes, {
    maxRules,
  });
  const baseline = outcomes.reduce((sum, y) => sum + y, 0) / outcomes.length;
  const model = suggestionModel(learned.columns, learned.bands, {
    leads: rows.length,
    outcomeColumn: 'Converted',
    baseline,
  });
  return { learned, model, outcomes };
}

function rules(model: ScoringModel) {
  return model.groups.flatMap((group) => group.rules);
}

function pointsFor(model: ScoringModel, column: string, value: string): number {
  return rules(model)
    .filter((rule) => rule.column === column)
    .filter(
      (rule) =>
        (rule.condition.op === 'equals' && String(rule.condition.value) === value) ||
        (rule.condition.op === 'isOneOf' && rule.condition.values.includes(value)),
    )
    .reduce((sum, rule) => sum + rule.points, 0);
}

/** Demo +2.5, VP +1.2, Ads -1.0, Noise nothing; visits: none 0, 1-3 +0.5, 4+ +1.2 (a step up). */
const KNOWN: SyntheticColumn[] = [
  yesNo('Demo Requested', 0.3, 2.5),
  choice('Title', [
    ['VP', 0.4, 1.2],
    ['Engineer', 0.6, 0],
  ]),
  choice('Source', [
    ['Ads', 0.5, -1],
    ['Organic', 0.5, 0],
  ]),
  noise('Noise', ['A', 'B']),
  wholeNumber('Visits', 9, (value) => (value === 0 ? 0 : value <= 3 ? 0.5 : 1.2)),
];

describe('the suggestion recovers known effects', () => {
  const table = syntheticTable(KNOWN, 6000, 1);
  const { model } = learn(table);

  it('in sign and order, and leaves noise out', () => {
    const demo = pointsFor(model, 'Demo Requested', 'Yes') - pointsFor(model, 'Demo Requested', 'No');
    const vp = pointsFor(model, 'Title', 'VP') - pointsFor(model, 'Title', 'Engineer');
    const ads = pointsFor(model, 'Source', 'Ads') - pointsFor(model, 'Source', 'Organic');
    expect(demo).toBeGreaterThan(vp);
    expect(vp).toBeGreaterThan(0);
    expect(ads).toBeLessThan(0);
    expect(rules(model).filter((rule) => rule.column === 'Noise')).toEqual([]);
  });

  it('gives more points for more visits (no turn the data does not support)', () => {
    const visitRules = rules(model).filter((rule) => rule.column === 'Visits');
    expect(visitRules.length).toBeGreaterThan(0);
    const top = visitRules.find((rule) => rule.condition.op === 'atLeast');
    expect(top?.points).toBe(Math.max(...visitRules.map((rule) => rule.points)));
    expect(top?.label).toMatch(/^Visits \d+ or more$/);
  });

  it('is an ordinary valid model on a 0-100 scale with positive integer points and bands from 0', () => {
    expect(validateModel(model).ok).toBe(true);
    expect(model.scale).toEqual({ min: 0, max: 100 });
    expect(rules(model).every((rule) => Number.isInteger(rule.points) && rule.points > 0)).toBe(true);
    expect(model.bands[0]?.min).toBe(0);
    expect(model.bands.map((band) => band.min % 5)).toEqual(model.bands.map(() => 0));
  });
});

describe('the engine scores the suggestion exactly as it was learned', () => {
  it('on every row, with no lead below 0 or above 100', () => {
    const table = syntheticTable(KNOWN, 3000, 2);
    const { learned, model } = learn(table);
    const results = scoreTable(model, table.header, table.rows, AS_OF).results;
    results.forEach((result, row) => {
      expect(result.score).toBe(learned.score(row));
    });
    const scores = results.map((result) => result.score);
    expect(Math.min(...scores)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...scores)).toBeLessThanOrEqual(100);
  });
});

describe('a turn in a numeric column', () => {
  // Time on site: 0 s converts well (leads from a form that never visit), short visits badly, long ones well.
  const time = wholeNumber('Time on Site', 1200, (value) => (value === 0 ? 1.5 : value / 600 - 0.5), 0);
  const zeroHeavy: SyntheticColumn = {
    name: 'Time on Site',
    draw: (random) => (random() < 0.25 ? [0, 1.5] : time.draw(random)),
  };

  it('is kept where the rates beside it differ significantly (the 0-second case)', () => {
    const table = syntheticTable([zeroHeavy, yesNo('Demo Requested', 0.3, 1.5)], 6000, 3);
    const { model } = learn(table);
    const timeRules = rules(model).filter((rule) => rule.column === 'Time on Site');
    const zero = timeRules.find((rule) => rule.label === 'Time on Site is 0');
    expect(zero?.condition).toEqual({ op: 'atMost', value: 0 });
    expect(zero?.points).toBeGreaterThan(0);
  });

  it('is never kept where the rates beside it do not differ at p < 0.05', () => {
    // A wavy effect on 1,500 leads: the fit finds turns, and noise makes some of them unsupported by the rates.
    let turns = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const table = syntheticTable(
        [
          wholeNumber('Pages', 60, (value) => 0.6 * Math.sin(value / 4) + value / 60),
          yesNo('Demo Requested', 0.3, 1),
        ],
        1500,
        seed,
      );
      const { learned } = learn(table);
      for (const column of learned.columns.filter((entry) => entry.levels.numeric)) {
        const bins = rangeBins(column);
        for (let i = 1; i + 1 < bins.length; i++) {
          const [left, middle, right] = [bins[i - 1], bins[i], bins[i + 1]] as [Bin, Bin, Bin];
          if ((middle.points - left.points) * (right.points - middle.points) >= 0) continue;
          turns++;
          expect(twoProportionP(left.converted, left.leads, middle.converted, middle.leads)).toBeLessThan(
            0.05,
          );
          expect(twoProportionP(middle.converted, middle.leads, right.converted, right.leads)).toBeLessThan(
            0.05,
          );
        }
      }
    }
    // The data does produce turns, so the check above is not vacuous.
    expect(turns).toBeGreaterThan(20);
  });
});

interface Bin {
  low: number;
  high: number;
  points: number;
  leads: number;
  converted: number;
}

/** A numeric column's ranges merged into bins of one group each, in ascending order. */
function rangeBins(column: ReturnType<typeof learn>['learned']['columns'][number]): Bin[] {
  const bins: Bin[] = [];
  let group = -1;
  column.levels.levels.forEach((level, index) => {
    if (level.kind !== 'range') return;
    const points = column.points[column.groupOf[index] as number] as number;
    const last = bins[bins.length - 1];
    if (last && column.groupOf[index] === group) {
      last.high = level.high;
      last.leads += level.leads;
      last.converted += level.converted;
    } else {
      bins.push({ low: level.low, high: level.high, points, leads: level.leads, converted: level.converted });
    }
    group = column.groupOf[index] as number;
  });
  return bins;
}

/** Random tables: 1-4 columns of random kinds and effects. */
const tableArb = fc
  .record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    columns: fc.array(
      fc.oneof(
        fc.record({
          kind: fc.constant('yesNo' as const),
          share: fc.double({ min: 0.1, max: 0.9, noNaN: true }),
          effect: fc.double({ min: -2, max: 2, noNaN: true }),
        }),
        fc.record({
          kind: fc.constant('number' as const),
          max: fc.integer({ min: 3, max: 500 }),
          slope: fc.double({ min: -2, max: 2, noNaN: true }),
          blank: fc.double({ min: 0, max: 0.3, noNaN: true }),
        }),
        fc.record({
          kind: fc.constant('text' as const),
          effects: fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 2, maxLength: 12 }),
        }),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ seed, columns }) =>
    syntheticTable(
      columns.map((spec, index) => {
        const name = `Column ${index + 1}`;
        if (spec.kind === 'yesNo') return yesNo(name, spec.share, spec.effect);
        if (spec.kind === 'number')
          return wholeNumber(name, spec.max, (value) => (spec.slope * value) / spec.max, spec.blank);
        return choice(
          name,
          spec.effects.map((effect, value) => [`Value ${value + 1}`, 1, effect] as [string, number, number]),
        );
      }),
      2000,
      seed,
    ),
  );

describe('the shape of any suggestion', () => {
  it('holds for random tables', () => {
    fc.assert(
      fc.property(tableArb, fc.integer({ min: 3, max: 25 }), (table, maxRules) => {
        const { learned, model } = learn(table, maxRules);
        expect(validateModel(model).ok).toBe(true);
        const all = rules(model);
        expect(all.length).toBeLessThanOrEqual(maxRules);
        // Non-negative integer points per column, each column's lowest group at 0, the best lead at most 100.
        let best = 0;
        for (const column of learned.columns) {
          expect(Math.min(...column.points)).toBe(0);
          expect(column.points.every((points) => Number.isInteger(points))).toBe(true);
          best += Math.max(...column.points);
        }
        expect(best).toBeLessThanOrEqual(100);
        // Numeric ranges: contiguous, open at both ends, at the data's precision.
        for (const column of learned.columns.filter((entry) => entry.levels.numeric)) {
          const ranges = column.levels.levels.filter((level) => level.kind === 'range');
          expect(ranges[0]?.low).toBe(Number.NEGATIVE_INFINITY);
          expect(ranges[ranges.length - 1]?.high).toBe(Number.POSITIVE_INFINITY);
          for (let i = 1; i < ranges.length; i++)
            expect((ranges[i]?.low as number) - (ranges[i - 1]?.high as number)).toBeCloseTo(
              column.levels.step,
              9,
            );
        }
        // Labels in words: the column's name first, every value listed in full.
        for (const rule of pointsRules(learned.columns).map((entry) => entry.rule)) {
          expect(rule.label.startsWith(`${rule.column} `)).toBe(true);
          if (rule.condition.op === 'isOneOf')
            for (const value of rule.condition.values) expect(rule.label).toContain(value);
          if (rule.condition.op === 'atLeast') expect(rule.label).toMatch(/ or more$/);
          if (rule.condition.op === 'atMost') expect(rule.label).toMatch(/ (under [\d,.]+|is 0)$/);
        }
        // Scored by the engine exactly as learned.
        const results = scoreTable(model, table.header, table.rows, AS_OF).results;
        results.forEach((result, row) => {
          expect(result.score).toBe(learned.score(row));
        });
      }),
      { numRuns: 12 },
    );
  });
});
