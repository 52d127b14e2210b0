// The X Education template on the real 9,240 leads: higher bands convert at higher rates.
import { evaluateXEducationBands } from '../../eval/template-bands';
import { describeWithSharedData } from '../engine/support/shared-data';

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
