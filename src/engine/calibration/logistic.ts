// L2-regularised logistic regression on sparse yes/no features, fitted deterministically (full-batch Adam).

export interface LogisticFit {
  weights: Float64Array;
  bias: number;
}

export interface LogisticOptions {
  l2: number;
  iterations?: number;
  learningRate?: number;
}

/** Minimises mean log loss + l2/2 * |w|^2 (the bias is not penalised). Same data, same result, every time. */
export function fitLogistic(
  active: readonly Int32Array[],
  outcomes: readonly (0 | 1)[],
  featureCount: number,
  options: LogisticOptions,
): LogisticFit {
  const iterations = options.iterations ?? 400;
  const rate = options.learningRate ?? 0.05;
  const n = active.length;
  const weights = new Float64Array(featureCount);
  const gradient = new Float64Array(featureCount);
  const m = new Float64Array(featureCount + 1);
  const v = new Float64Array(featureCount + 1);
  const positives = outcomes.reduce<number>((sum, y) => sum + y, 0);
  // Start at the base rate so early steps fit effects, not the intercept.
  let bias = Math.log((positives + 0.5) / (n - positives + 0.5));
  const beta1 = 0.9;
  const beta2 = 0.999;
  for (let step = 1; step <= iterations; step++) {
    gradient.fill(0);
    let biasGradient = 0;
    for (let row = 0; row < n; row++) {
      const features = active[row] as Int32Array;
      let z = bias;
      for (let k = 0; k < features.length; k++) z += weights[features[k] as number] as number;
      const error = 1 / (1 + Math.exp(-z)) - (outcomes[row] ?? 0);
      biasGradient += error;
      for (let k = 0; k < features.length; k++) {
        const index = features[k] as number;
        gradient[index] = (gradient[index] as number) + error;
      }
    }
    const correction1 = 1 - beta1 ** step;
    const correction2 = 1 - beta2 ** step;
    for (let j = 0; j <= featureCount; j++) {
      const g =
        j === featureCount
          ? biasGradient / n
          : (gradient[j] as number) / n + options.l2 * (weights[j] as number);
      m[j] = beta1 * (m[j] as number) + (1 - beta1) * g;
      v[j] = beta2 * (v[j] as number) + (1 - beta2) * g * g;
      const delta =
        (rate * ((m[j] as number) / correction1)) / (Math.sqrt((v[j] as number) / correction2) + 1e-8);
      if (j === featureCount) bias -= delta;
      else weights[j] = (weights[j] as number) - delta;
    }
  }
  return { weights, bias };
}

/** The linear score (log-odds without the bias) of each row. */
export function linearScores(active: readonly Int32Array[], weights: Float64Array): number[] {
  return active.map((features) => {
    let sum = 0;
    for (let k = 0; k < features.length; k++) sum += weights[features[k] as number] as number;
    return sum;
  });
}
