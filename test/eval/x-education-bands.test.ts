// The X Education template on the real 9,240 leads: higher bands convert at higher rates.
import { evaluateXEducationBands, rocAuc } from '../../eval/x-education-bands';
import { describeWithSharedData } from '../engine/support/shared-data';

describe('rocAuc', () => {
  it.each([
    [[1, 2, 3, 4], [0, 0, 1, 1], 1],
    [[4, 3, 2, 1], [0, 0, 1, 1], 0],
    [[1, 1, 1, 1], [0, 1, 0, 1], 0.5],
    [[1, 2, 2, 3], [0, 0, 1, 1], 0.875],
  ])('scores %j against %j -> %d', (scores, outcomes, expected) => {
    expect(rocAuc(scores, outcomes)).toBeCloseTo(expected, 10);
  });
});

describeWithSharedData('X Education bands', () => {
  it('converts at a higher rate in every higher band, and ranks leads well', () => {
    const evaluation = evaluateXEducationBands();
    expect(evaluation).not.toBeNull();
    if (!evaluation) return;
    expect(evaluation.bands.reduce((sum, band) => sum + band.leads, 0)).toBe(9240);
    expect(evaluation.monotone).toBe(true);
    expect(evaluation.auc).toBeGreaterThan(0.8);
  });
});
