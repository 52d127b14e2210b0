// Two small statistical tests the calibration relies on: the normal CDF and a two-proportion z-test.

/** Two-sided p-value of a two-proportion z-test. */
export function twoProportionP(hitsA: number, leadsA: number, hitsB: number, leadsB: number): number {
  if (leadsA === 0 || leadsB === 0) return 1;
  const pooled = (hitsA + hitsB) / (leadsA + leadsB);
  const variance = pooled * (1 - pooled) * (1 / leadsA + 1 / leadsB);
  if (variance <= 0) return hitsA / leadsA === hitsB / leadsB ? 1 : 0;
  const z = Math.abs(hitsA / leadsA - hitsB / leadsB) / Math.sqrt(variance);
  return 2 * (1 - normalCdf(z));
}

/** Standard normal CDF (Abramowitz-Stegun 7.1.26, error below 1.5e-7). */
export function normalCdf(z: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(z) / Math.SQRT2));
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(z * z) / 2);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
