// Suggested points on the real exports: a regression guard at the figures measured (X Education 0.902).
import { evaluateCalibration } from '../../eval/calibration-eval';
import { describeWithSharedData } from '../engine/support/shared-data';

describeWithSharedData('calibration on real lead exports', () => {
  it('learns an integer-points model that ranks X Education and Olist holdout leads as measured', () => {
    const rows = evaluateCalibration();
    expect(rows).not.toBeNull();
    const [xEducation, olistLeaky, olist] = rows ?? [];
    expect(xEducation?.leads).toBe(9240);
    // Measured 0.902 (target 0.90); the template scores 0.881 on the same holdout.
    expect(xEducation?.suggestedAuc).toBeGreaterThanOrEqual(0.897);
    expect(xEducation?.suggestedAuc).toBeGreaterThan(xEducation?.currentAuc ?? 1);
    expect(olistLeaky?.leaks.some((leak) => leak.startsWith('won_date'))).toBe(true);
    expect(olist?.suggestedAuc).toBeGreaterThan(0.62);
  });
});
