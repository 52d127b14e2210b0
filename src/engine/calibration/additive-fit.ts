// Logistic regression whose terms are "this column's level is in group g" (one weight per group) and, for the
// plain reference model, numbers times a weight; L2-penalised, fitted by Newton's method. Rows that share
// every term are fitted as one weighted pattern, so a 25-rule table over 200,000 leads costs a few thousand
// patterns per step, not 200,000 rows.

export interface AdditiveColumn {
  /** Level of each row (every row of the table; only training rows are read). */
  levelOfRow: Int32Array;
  levelCount: number;
}

/** Residual sums per level of one column: sum of (y - p) and of p(1 - p) over training rows. */
export interface LevelResiduals {
  gradient: Float64Array;
  curvature: Float64Array;
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** log(1 + e^z) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** Solves A x = b for a symmetric positive definite A (row-major, n x n) by Cholesky; A is overwritten. */
function solveSymmetric(a: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let j = 0; j < n; j++) {
    let diagonal = a[j * n + j] as number;
    for (let k = 0; k < j; k++) diagonal -= (a[j * n + k] as number) ** 2;
    const root = Math.sqrt(Math.max(diagonal, 1e-12));
    a[j * n + j] = root;
    for (let i = j + 1; i < n; i++) {
      let sum = a[i * n + j] as number;
      for (let k = 0; k < j; k++) sum -= (a[i * n + k] as number) * (a[j * n + k] as number);
      a[i * n + j] = sum / root;
    }
  }
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let sum = x[i] as number;
    for (let k = 0; k < i; k++) sum -= (a[i * n + k] as number) * (x[k] as number);
    x[i] = sum / (a[i * n + i] as number);
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = x[i] as number;
    for (let k = i + 1; k < n; k++) sum -= (a[k * n + i] as number) * (x[k] as number);
    x[i] = sum / (a[i * n + i] as number);
  }
  return x;
}

/** Training rows grouped by the terms they share. */
interface Patterns {
  /** Pattern of each training row (by position in `train`). */
  ofRow: Int32Array;
  /** A training row standing for each pattern. */
  example: Int32Array;
  count: Float64Array;
  positives: Float64Array;
}

export class AdditiveLogit {
  intercept: number;
  /** Per column: group of each level, or null while the column is not in the model. */
  readonly groupOf: (Int32Array | null)[];
  /** Per column: weight of each group. */
  readonly weights: Float64Array[];
  /** Linear predictor of every training row (intercept included), current after `fit`. */
  readonly margin: Float64Array;
  /** Terms proportional to a number (for the plain logistic regression the suggestions are compared with). */
  readonly linear: { values: Float64Array; weight: number }[] = [];

  constructor(
    private readonly columns: readonly AdditiveColumn[],
    private readonly train: Int32Array,
    private readonly outcomes: Uint8Array,
    private readonly l2: number,
  ) {
    let converted = 0;
    for (let k = 0; k < train.length; k++) converted += outcomes[train[k] as number] as number;
    this.intercept = Math.log((converted + 0.5) / (train.length - converted + 0.5));
    this.groupOf = columns.map(() => null);
    this.weights = columns.map(() => new Float64Array(0));
    this.margin = new Float64Array(outcomes.length);
    this.refreshMargins();
  }

  get trainingRows(): number {
    return this.train.length;
  }

  /** Puts a column in the model with the given grouping of its levels (weights start at `weights` or 0). */
  setGroups(column: number, groupOf: Int32Array, weights?: Float64Array): void {
    const groups = groupOf.reduce((most, group) => Math.max(most, group + 1), 0);
    const next = weights ?? new Float64Array(groups);
    this.shiftMargins(column, groupOf, next);
    this.groupOf[column] = groupOf;
    this.weights[column] = next;
  }

  /** Moves the training rows' margins from a column's current terms to new ones. */
  private shiftMargins(column: number, groupOf: Int32Array | null, weights: Float64Array): void {
    const previous = this.groupOf[column];
    const previousWeights = this.weights[column] as Float64Array;
    const { levelOfRow } = this.columns[column] as AdditiveColumn;
    for (let k = 0; k < this.train.length; k++) {
      const row = this.train[k] as number;
      const level = levelOfRow[row] as number;
      const before = previous ? (previousWeights[previous[level] as number] as number) : 0;
      const after = groupOf ? (weights[groupOf[level] as number] as number) : 0;
      this.margin[row] = (this.margin[row] as number) - before + after;
    }
  }

  /** Replaces the whole state (a snapshot taken earlier). */
  load(intercept: number, groupOf: readonly (Int32Array | null)[], weights: readonly Float64Array[]): void {
    this.intercept = intercept;
    groupOf.forEach((groups, column) => {
      this.groupOf[column] = groups ? Int32Array.from(groups) : null;
      this.weights[column] = Float64Array.from(weights[column] ?? []);
    });
    this.refreshMargins();
  }

  /** Takes a column out of the model. */
  remove(column: number): void {
    this.shiftMargins(column, null, new Float64Array(0));
    this.groupOf[column] = null;
    this.weights[column] = new Float64Array(0);
  }

  /** Adds a term `weight * values[row]`, weight starting at 0. */
  addLinear(values: Float64Array): void {
    this.linear.push({ values, weight: 0 });
  }

  private refreshMargins(): void {
    for (let k = 0; k < this.train.length; k++) {
      const row = this.train[k] as number;
      this.margin[row] = this.predict(row);
    }
  }

  private activeColumns(): number[] {
    const active: number[] = [];
    this.groupOf.forEach((groups, column) => {
      if (groups) active.push(column);
    });
    return active;
  }

  private patterns(active: readonly number[]): Patterns {
    const n = this.train.length;
    const ofRow = new Int32Array(n);
    let radix = 1;
    for (const column of active) radix *= Math.max(1, (this.weights[column] as Float64Array).length);
    // Numbers make every row its own pattern; so does a key too large to be exact in a double.
    if (this.linear.length > 0 || radix > 2 ** 52) {
      const example = Int32Array.from(this.train);
      for (let k = 0; k < n; k++) ofRow[k] = k;
      const count = new Float64Array(n).fill(1);
      const positives = Float64Array.from(example, (row) => this.outcomes[row] as number);
      return { ofRow, example, count, positives };
    }
    const byKey = new Map<number, number>();
    const example: number[] = [];
    const count: number[] = [];
    const positives: number[] = [];
    for (let k = 0; k < n; k++) {
      const row = this.train[k] as number;
      let key = 0;
      for (const column of active) {
        const groups = (this.weights[column] as Float64Array).length;
        const level = (this.columns[column] as AdditiveColumn).levelOfRow[row] as number;
        key = key * groups + ((this.groupOf[column] as Int32Array)[level] as number);
      }
      let pattern = byKey.get(key);
      if (pattern === undefined) {
        pattern = example.length;
        byKey.set(key, pattern);
        example.push(row);
        count.push(0);
        positives.push(0);
      }
      ofRow[k] = pattern;
      count[pattern] = (count[pattern] as number) + 1;
      positives[pattern] = (positives[pattern] as number) + (this.outcomes[row] as number);
    }
    return {
      ofRow,
      example: Int32Array.from(example),
      count: Float64Array.from(count),
      positives: Float64Array.from(positives),
    };
  }

  /**
   * Newton's method on all weights at once until no weight moves more than `tolerance`. A step that would lower
   * the penalised likelihood is halved (checked on the next pass, which computes the likelihood anyway).
   */
  fit(maxIterations = 30, tolerance = 1e-6): void {
    const active = this.activeColumns();
    const offsets: number[] = [];
    let size = 1;
    for (const column of active) {
      offsets.push(size);
      size += (this.weights[column] as Float64Array).length;
    }
    const linearOffset = size;
    const linearCount = this.linear.length;
    size += linearCount;
    const patterns = this.patterns(active);
    const patternCount = patterns.example.length;
    // Parameter indexes of each pattern's group terms (intercept first), fixed while fitting.
    const width = active.length + 1;
    const index = new Int32Array(patternCount * width);
    const linearValues = new Float64Array(patternCount * linearCount);
    for (let p = 0; p < patternCount; p++) {
      const row = patterns.example[p] as number;
      active.forEach((column, position) => {
        const level = (this.columns[column] as AdditiveColumn).levelOfRow[row] as number;
        index[p * width + position + 1] =
          (offsets[position] as number) + ((this.groupOf[column] as Int32Array)[level] as number);
      });
      this.linear.forEach((term, t) => {
        linearValues[p * linearCount + t] = term.values[row] as number;
      });
    }
    const theta = new Float64Array(size);
    theta[0] = this.intercept;
    active.forEach((column, position) => {
      theta.set(this.weights[column] as Float64Array, offsets[position] as number);
    });
    this.linear.forEach((term, position) => {
      theta[linearOffset + position] = term.weight;
    });
    const gradient = new Float64Array(size);
    const hessian = new Float64Array(size * size);
    const terms = new Int32Array(width);
    /** Fills gradient and (upper) Hessian at `weights`; returns the penalised negative log-likelihood. */
    const evaluate = (weights: Float64Array): number => {
      gradient.fill(0);
      hessian.fill(0);
      let loss = 0;
      for (let p = 0; p < patternCount; p++) {
        let z = 0;
        for (let j = 0; j < width; j++) {
          const term = index[p * width + j] as number;
          terms[j] = term;
          z += weights[term] as number;
        }
        for (let t = 0; t < linearCount; t++)
          z += (weights[linearOffset + t] as number) * (linearValues[p * linearCount + t] as number);
        const n = patterns.count[p] as number;
        const positives = patterns.positives[p] as number;
        loss += n * softplus(z) - positives * z;
        const probability = sigmoid(z);
        const residual = positives - n * probability;
        const curvature = n * probability * (1 - probability);
        for (let a = 0; a < width; a++) {
          const i = terms[a] as number;
          gradient[i] = (gradient[i] as number) + residual;
          for (let b = 0; b < width; b++) {
            const j = terms[b] as number;
            if (j < i) continue;
            hessian[i * size + j] = (hessian[i * size + j] as number) + curvature;
          }
        }
        for (let t = 0; t < linearCount; t++) {
          const x = linearValues[p * linearCount + t] as number;
          const i = linearOffset + t;
          gradient[i] = (gradient[i] as number) + residual * x;
          // Group terms always have lower indexes than linear ones.
          for (let a = 0; a < width; a++) {
            const cell = (terms[a] as number) * size + i;
            hessian[cell] = (hessian[cell] as number) + curvature * x;
          }
          for (let u = t; u < linearCount; u++) {
            const cell = i * size + linearOffset + u;
            hessian[cell] =
              (hessian[cell] as number) + curvature * x * (linearValues[p * linearCount + u] as number);
          }
        }
      }
      for (let j = 1; j < size; j++) {
        loss += 0.5 * this.l2 * (weights[j] as number) ** 2;
        gradient[j] = (gradient[j] as number) - this.l2 * (weights[j] as number);
        hessian[j * size + j] = (hessian[j * size + j] as number) + this.l2;
      }
      hessian[0] = (hessian[0] as number) + 1e-9;
      // Mirror the upper triangle for the solver.
      for (let i = 0; i < size; i++)
        for (let j = i + 1; j < size; j++) hessian[j * size + i] = hessian[i * size + j] as number;
      return loss;
    };
    let accepted = Float64Array.from(theta);
    let current = evaluate(theta);
    let step = solveSymmetric(hessian, gradient, size);
    let scale = 1;
    for (let iteration = 0; iteration < maxIterations; ) {
      const next = Float64Array.from(accepted, (weight, j) => weight + scale * (step[j] as number));
      const value = evaluate(next);
      if (value > current + 1e-9 * Math.abs(current)) {
        // Worse: halve the step from the last accepted point (the gradient just computed is discarded).
        if (scale < 1e-6) break;
        scale /= 2;
        continue;
      }
      iteration++;
      let largest = 0;
      for (let j = 0; j < size; j++)
        largest = Math.max(largest, Math.abs((next[j] as number) - (accepted[j] as number)));
      accepted = next;
      current = value;
      if (largest < tolerance) break;
      step = solveSymmetric(hessian, gradient, size);
      scale = 1;
    }
    this.intercept = accepted[0] as number;
    active.forEach((column, position) => {
      const weights = this.weights[column] as Float64Array;
      weights.set(
        accepted.subarray(offsets[position] as number, (offsets[position] as number) + weights.length),
      );
    });
    this.linear.forEach((term, position) => {
      term.weight = accepted[linearOffset + position] as number;
    });
    this.refreshMargins();
  }

  /** Residual sums per level for the given columns: residuals once per row, then one tight pass per column. */
  residuals(columns: readonly number[]): LevelResiduals[] {
    const n = this.train.length;
    const residual = new Float64Array(n);
    const weight = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const row = this.train[k] as number;
      const p = sigmoid(this.margin[row] as number);
      residual[k] = (this.outcomes[row] as number) - p;
      weight[k] = p * (1 - p);
    }
    return columns.map((column) => {
      const { levelOfRow, levelCount } = this.columns[column] as AdditiveColumn;
      const gradient = new Float64Array(levelCount);
      const curvature = new Float64Array(levelCount);
      for (let k = 0; k < n; k++) {
        const level = levelOfRow[this.train[k] as number] as number;
        gradient[level] = (gradient[level] as number) + (residual[k] as number);
        curvature[level] = (curvature[level] as number) + (weight[k] as number);
      }
      return { gradient, curvature };
    });
  }

  /** The linear predictor of any row (training or not). */
  predict(row: number): number {
    let z = this.intercept;
    for (let column = 0; column < this.columns.length; column++) {
      const groupOf = this.groupOf[column];
      if (!groupOf) continue;
      const level = (this.columns[column] as AdditiveColumn).levelOfRow[row] as number;
      z += (this.weights[column] as Float64Array)[groupOf[level] as number] as number;
    }
    for (const term of this.linear) z += term.weight * (term.values[row] as number);
    return z;
  }
}
