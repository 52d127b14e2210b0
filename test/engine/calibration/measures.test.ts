// The measuring tools: stratified repeated folds, AUC with ties, DeLong's paired test, the Brier score, the
// isotonic score -> probability map, and the two-proportion test.
import fc from 'fast-check';
import { stratifiedFolds, stratifiedSample } from '../../../src/engine/calibration/folds';
import { fitIsotonic, probabilityOf } from '../../../src/engine/calibration/isotonic';
import { roundCut } from '../../../src/engine/calibration/levels';
import { brierScore, pairedAuc, rocAuc, summarise } from '../../../src/engine/calibration/metrics';
import { normalCdf, twoProportionP } from '../../../src/engine/calibration/statistics';
import { seededRandom } from '../../support/seeded-random';

function outcomesOf(count: number, share: number, seed: number): Uint8Array {
  const random = seededRandom(seed);
  return Uint8Array.from({ length: count }, () => (random() < share ? 1 : 0));
}

describe('stratified folds', () => {
  const outcomes = outcomesOf(1003, 0.3, 1);
  const rows = Int32Array.from(outcomes, (_, index) => index);
  const folds = stratifiedFolds(rows, outcomes, 5, 3);

  it('test every row exactly once per repeat, never in its own training part', () => {
    expect(folds).toHaveLength(15);
    for (let repeat = 0; repeat < 3; repeat++) {
      const tested = folds.filter((fold) => fold.repeat === repeat).flatMap((fold) => Array.from(fold.test));
      expect(tested.sort((a, b) => a - b)).toEqual(Array.from(rows));
    }
    for (const fold of folds) {
      const train = new Set(fold.train);
      expect(fold.test.some((row) => train.has(row))).toBe(false);
      expect(fold.train.length + fold.test.length).toBe(rows.length);
    }
  });

  it('keep the conversion rate in every fold (within one lead of each class)', () => {
    const converted = outcomes.reduce((sum, y) => sum + y, 0);
    for (const fold of folds) {
      const hits = Array.from(fold.test).reduce((sum, row) => sum + (outcomes[row] as number), 0);
      expect(Math.abs(hits - converted / 5)).toBeLessThanOrEqual(1);
    }
  });

  it('shuffle differently per repeat, and the same way on every run', () => {
    expect(Array.from(folds[0]?.test ?? [])).not.toEqual(Array.from(folds[5]?.test ?? []));
    expect(stratifiedFolds(rows, outcomes, 5, 3).map((fold) => Array.from(fold.test))).toEqual(
      folds.map((fold) => Array.from(fold.test)),
    );
  });

  it('sample about the asked size at the same rate', () => {
    const sample = stratifiedSample(rows, outcomes, 300);
    expect(Math.abs(sample.length - 300)).toBeLessThanOrEqual(2);
    const rate = Array.from(sample).reduce((sum, row) => sum + (outcomes[row] as number), 0) / sample.length;
    const overall = outcomes.reduce((sum, y) => sum + y, 0) / outcomes.length;
    expect(Math.abs(rate - overall)).toBeLessThan(0.01);
    expect(stratifiedSample(rows, outcomes, 5000)).toBe(rows);
  });
});

describe('AUC', () => {
  it.each([
    [[1, 2, 3, 4], [0, 0, 1, 1], 1],
    [[4, 3, 2, 1], [0, 0, 1, 1], 0],
    [[5, 5, 5, 5], [0, 1, 0, 1], 0.5],
    [[1, 2, 2, 3], [0, 0, 1, 1], 0.875],
  ] as const)('of %j against %j is %d', (scores, outcomes, expected) => {
    expect(rocAuc(scores, outcomes)).toBeCloseTo(expected, 10);
  });

  it('equals the share of (converted, other) pairs ordered right, ties half', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.boolean()), { minLength: 2, maxLength: 40 }),
        (pairs) => {
          const scores = pairs.map(([score]) => score);
          const outcomes = pairs.map(([, converted]) => (converted ? 1 : 0));
          let wins = 0;
          let total = 0;
          pairs.forEach(([a, ya]) => {
            pairs.forEach(([b, yb]) => {
              if (!ya || yb) return;
              total++;
              wins += a > b ? 1 : a === b ? 0.5 : 0;
            });
          });
          if (total === 0) expect(rocAuc(scores, outcomes)).toBeNaN();
          else expect(rocAuc(scores, outcomes)).toBeCloseTo(wins / total, 10);
        },
      ),
    );
  });
});

describe("DeLong's paired test", () => {
  const random = seededRandom(3);
  const outcomes = Array.from({ length: 2000 }, () => (random() < 0.4 ? 1 : 0));
  const strong = outcomes.map((y) => y * 1.5 + random() * 2);
  const weak = outcomes.map((y) => y * 0.5 + random() * 2);

  it('gives each AUC as rocAuc does and a difference B - A', () => {
    const result = pairedAuc(weak, strong, outcomes);
    expect(result.aucA).toBeCloseTo(rocAuc(weak, outcomes), 10);
    expect(result.aucB).toBeCloseTo(rocAuc(strong, outcomes), 10);
    expect(result.difference).toBeCloseTo(result.aucB - result.aucA, 12);
  });

  it('finds a real difference (interval above 0) and none between a model and itself', () => {
    const result = pairedAuc(weak, strong, outcomes);
    expect(result.low).toBeGreaterThan(0);
    expect(result.p).toBeLessThan(0.001);
    expect(pairedAuc(strong, strong, outcomes)).toMatchObject({ difference: 0, low: 0, high: 0, p: 1 });
  });

  it('covers the true difference about 95% of the time on repeated samples', () => {
    // The same two score distributions sampled 200 times: the truth is the large-sample difference.
    const truth = (() => {
      const r = seededRandom(99);
      const y = Array.from({ length: 200_000 }, () => (r() < 0.4 ? 1 : 0));
      const a = y.map((v) => v * 0.5 + r() * 2);
      const b = y.map((v) => v * 0.7 + r() * 2);
      return rocAuc(b, y) - rocAuc(a, y);
    })();
    let covered = 0;
    for (let trial = 0; trial < 200; trial++) {
      const r = seededRandom(1000 + trial);
      const y = Array.from({ length: 400 }, () => (r() < 0.4 ? 1 : 0));
      const a = y.map((v) => v * 0.5 + r() * 2);
      const b = y.map((v) => v * 0.7 + r() * 2);
      const { low, high } = pairedAuc(a, b, y);
      if (low <= truth && truth <= high) covered++;
    }
    expect(covered / 200).toBeGreaterThan(0.9);
    expect(covered / 200).toBeLessThan(0.99);
  });
});

describe('Brier score, summaries and tests', () => {
  it('Brier is the mean squared gap', () => {
    expect(brierScore([0.8, 0.2, 0.5], [1, 0, 1])).toBeCloseTo((0.04 + 0.04 + 0.25) / 3, 12);
  });

  it('summaries give the mean and the sample standard deviation', () => {
    const summary = summarise([1, 2, 3, 4]);
    expect(summary.mean).toBe(2.5);
    expect(summary.sd).toBeCloseTo(Math.sqrt(5 / 3), 12);
  });

  it('the normal CDF and the two-proportion test match known values', () => {
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    // 60/100 vs 40/100: z = 2.828, p = 0.00468.
    expect(twoProportionP(60, 100, 40, 100)).toBeCloseTo(0.00468, 4);
    expect(twoProportionP(10, 50, 10, 50)).toBeCloseTo(1, 8);
  });
});

describe('the isotonic map', () => {
  it('never decreases and pools violators to their rate', () => {
    const map = fitIsotonic([1, 2, 3, 4], [1, 0, 1, 1]);
    expect(map.probabilities).toEqual([0.5, 1]);
    expect(probabilityOf(map, 0)).toBe(0.5);
    expect(probabilityOf(map, 2)).toBe(0.5);
    expect(probabilityOf(map, 3.5)).toBe(1);
  });

  it('is non-decreasing and keeps the overall rate, for any data', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.boolean()), { minLength: 1, maxLength: 60 }),
        (pairs) => {
          const scores = pairs.map(([score]) => score);
          const outcomes = pairs.map(([, y]): number => (y ? 1 : 0));
          const map = fitIsotonic(scores, outcomes);
          for (let i = 1; i < map.probabilities.length; i++)
            expect(map.probabilities[i]).toBeGreaterThan(map.probabilities[i - 1] as number);
          const predicted = scores.reduce((sum, score) => sum + probabilityOf(map, score), 0);
          expect(predicted).toBeCloseTo(
            outcomes.reduce((sum, y) => sum + y, 0),
            8,
          );
        },
      ),
    );
  });
});

describe('round cut-offs between two values', () => {
  it.each([
    [297, 302, 0, 300],
    [401, 402, 0, 402],
    [2.33, 2.67, 2, 2.5],
    [0, 1, 0, 1],
    [1.09, 1.1, 2, 1.1],
    [718, 719, 0, 719],
    [1152, 2300, 0, 2000],
  ])('between %d and %d at %d decimals: %d', (low, high, decimals, expected) => {
    expect(roundCut(low, high, decimals)).toBe(expected);
  });

  it('is always above the lower value and at most the higher one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 5000 }), (low, gap) => {
        const cut = roundCut(low / 100, (low + gap) / 100, 2);
        expect(cut).toBeGreaterThan(low / 100);
        expect(cut).toBeLessThanOrEqual((low + gap) / 100);
        expect(Number(cut.toFixed(2))).toBe(cut);
      }),
    );
  });
});
