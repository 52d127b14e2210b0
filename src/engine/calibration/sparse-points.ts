// A points table a person could have written: few rules, learned by adding one split at a time.
//
// Each candidate column starts unused. A step splits one group of one column in two (a numeric range at a
// level boundary, the blanks off on their own, or a set of text values), picking the split with the largest
// score-test statistic (the likelihood gain a new weight would bring, computed from residual sums without
// refitting), then refits every weight. It stops when no split is significant or the rule budget is spent.
// After every step the table is simplified: points are integers on a 0-100 scale, each column's lowest group
// earns 0 (so no lead loses points for doing more), groups with equal points merge, groups too small to split
// off merge with their nearest, and a numeric column's points may turn direction only where the range at the
// turn converts at a rate significantly different from both neighbours (two-proportion z-test, p < 0.05).
// Values too rare to stand alone earn 0, unless one group holds every filled value ("is filled in").
import { AdditiveLogit } from './additive-fit';
import { stratifiedSample } from './folds';
import { additiveColumns, type ColumnLevels } from './levels';
import { twoProportionP } from './statistics';

export interface SparseOptions {
  /** Most rules in the table (default 25). */
  maxRules: number;
  /** Least score-test statistic for a split (chi-square with one degree of freedom; 10.83 is p < 0.001). */
  minGain: number;
  /** Fewest training rows on each side of a split, and in any group that earns points. */
  minSupport: number;
  /** L2 penalty on each weight. */
  l2: number;
  /** The largest total score (100). */
  scaleMax: number;
  /** Above this many training rows, splits are chosen on a stratified sample of this size. */
  searchRows: number;
}

/** One column of the fitted table: the group of each level and the integer points of each group. */
export interface PointsColumn {
  levels: ColumnLevels;
  /** Level of each row, all rows. */
  levelOfRow: Int32Array;
  groupOf: Int32Array;
  points: number[];
}

export interface SparseFit {
  columns: PointsColumn[];
  /** Points of every row of the table (training or not). */
  score(row: number): number;
}

interface Candidate {
  column: number;
  group: number;
  /** Levels that move to a new group. */
  moved: number[];
  gain: number;
  key: string;
}

/** Levels of each group of a column. */
function membersOf(groupOf: Int32Array, groups: number): number[][] {
  const members: number[][] = Array.from({ length: groups }, () => []);
  groupOf.forEach((group, level) => {
    members[group]?.push(level);
  });
  return members;
}

/**
 * The group holding every filled level (all values or ranges) but not the blanks, if the column is split just
 * into filled and blank; null otherwise.
 */
export function filledGroup(levels: ColumnLevels, groupOf: Int32Array): number | null {
  let group: number | null = null;
  for (let level = 0; level < levels.levels.length; level++) {
    const kind = levels.levels[level]?.kind;
    if (kind !== 'value' && kind !== 'range') continue;
    if (group === null) group = groupOf[level] as number;
    else if (groupOf[level] !== group) return null;
  }
  // A column whose every filled value is rare (ids, timestamps) is filled in where "anything else" is.
  if (group === null) group = groupOf[levels.levels.length - 1] as number;
  const blank = levels.levels.findIndex((level) => level.kind === 'blank');
  return blank >= 0 && groupOf[blank] !== group ? group : null;
}

function groupCount(groupOf: Int32Array): number {
  let most = 0;
  for (let level = 0; level < groupOf.length; level++) most = Math.max(most, (groupOf[level] as number) + 1);
  return most;
}

/** Renumbers groups 0..k-1 in order of first appearance, dropping empty ones. */
function compact(groupOf: Int32Array): Int32Array {
  const renumber = new Map<number, number>();
  return groupOf.map((group) => {
    let next = renumber.get(group);
    if (next === undefined) {
      next = renumber.size;
      renumber.set(group, next);
    }
    return next;
  });
}

class SparseSelector {
  private fit: AdditiveLogit;
  private readonly banned = new Set<string>();
  /** Columns whose rare values were moved to the lowest group during the current simplification. */
  private readonly otherMoved = new Set<number>();
  private readonly columns: { levelOfRow: Int32Array; levelCount: number }[];

  constructor(
    private readonly levels: readonly ColumnLevels[],
    private readonly levelOfRow: readonly Int32Array[],
    private readonly train: Int32Array,
    private readonly outcomes: Uint8Array,
    private readonly options: SparseOptions,
  ) {
    this.columns = additiveColumns(levels, levelOfRow);
    // On large tables the rules are chosen on a stratified sample; their weights are then fitted on every row.
    const search = stratifiedSample(train, outcomes, options.searchRows, 7);
    this.fit = new AdditiveLogit(this.columns, search, outcomes, options.l2);
  }

  private otherLevel(column: number): number {
    return (this.levels[column] as ColumnLevels).levels.length - 1;
  }

  private support(column: number, levels: readonly number[]): number {
    const all = (this.levels[column] as ColumnLevels).levels;
    return levels.reduce((sum, level) => sum + (all[level]?.leads ?? 0), 0);
  }

  /** Every split of every group, with its score-test statistic. */
  private candidates(): Candidate[] {
    const columns = this.levels.map((_, column) => column);
    const residuals = this.fit.residuals(columns);
    const found: Candidate[] = [];
    columns.forEach((column) => {
      const info = this.levels[column] as ColumnLevels;
      const { gradient, curvature } = residuals[column] as {
        gradient: Float64Array;
        curvature: Float64Array;
      };
      const groupOf = this.fit.groupOf[column] ?? new Int32Array(info.levels.length);
      const members = membersOf(groupOf, groupCount(groupOf));
      members.forEach((levels, group) => {
        let groupGradient = 0;
        let groupCurvature = 0;
        for (const level of levels) {
          groupGradient += gradient[level] as number;
          groupCurvature += curvature[level] as number;
        }
        const consider = (moved: number[]) => {
          if (moved.length === 0 || moved.length === levels.length) return;
          const key = `${column}:${[...moved].sort((a, b) => a - b).join(',')}`;
          if (this.banned.has(key)) return;
          const rest = levels.filter((level) => !moved.includes(level));
          if (this.support(column, moved) < this.options.minSupport) return;
          if (this.support(column, rest) < this.options.minSupport) return;
          let g = 0;
          let h = 0;
          for (const level of moved) {
            g += gradient[level] as number;
            h += curvature[level] as number;
          }
          const share = groupCurvature > 0 ? h / groupCurvature : 0;
          const variance = h - h * share;
          if (variance <= 1e-9) return;
          const u = g - share * groupGradient;
          found.push({ column, group, moved, gain: (u * u) / variance, key });
        };
        const other = this.otherLevel(column);
        if (info.numeric) {
          const ranges = levels.filter((level) => info.levels[level]?.kind === 'range');
          const blank = levels.find((level) => info.levels[level]?.kind === 'blank');
          for (let cut = 1; cut < ranges.length; cut++) {
            const right = ranges.slice(cut);
            consider(right);
            if (blank !== undefined) consider([...right, blank]);
          }
          if (blank !== undefined && levels.some((level) => level !== blank && level !== other))
            consider([blank]);
        } else {
          // Sorting values by their residual ratio makes the best split a prefix (as in CART for two classes).
          const ordered = levels
            .filter((level) => level !== other)
            .sort(
              (a, b) =>
                (gradient[a] as number) / ((curvature[a] as number) + 1e-9) -
                (gradient[b] as number) / ((curvature[b] as number) + 1e-9),
            );
          // Filled in or not: the split a person would draw first.
          const blank = ordered.find((level) => info.levels[level]?.kind === 'blank');
          if (blank !== undefined) consider([blank]);
          for (let size = 1; size < ordered.length + (levels.includes(other) ? 1 : 0); size++) {
            consider(ordered.slice(0, size));
            consider(ordered.slice(ordered.length - size));
          }
        }
      });
    });
    return found;
  }

  private apply(candidate: Candidate): void {
    const info = this.levels[candidate.column] as ColumnLevels;
    const current = this.fit.groupOf[candidate.column];
    const groupOf = current ? Int32Array.from(current) : new Int32Array(info.levels.length);
    const weights = current ? Array.from(this.fit.weights[candidate.column] as Float64Array) : [0];
    const added = groupCount(groupOf);
    for (const level of candidate.moved) groupOf[level] = added;
    weights.push(weights[candidate.group] ?? 0);
    this.fit.setGroups(candidate.column, groupOf, Float64Array.from(weights));
  }

  /** Integer points per group of every column in the model, on the 0..scaleMax scale. */
  private points(): (number[] | null)[] {
    let total = 0;
    const ranges = this.fit.weights.map((weights, column) => {
      if (!this.fit.groupOf[column]) return 0;
      const range = Math.max(...weights) - Math.min(...weights);
      total += range;
      return range;
    });
    const scale = total > 0 ? this.options.scaleMax / total : 0;
    const out = this.fit.weights.map((weights, column) => {
      if (!this.fit.groupOf[column] || ranges[column] === 0) return null;
      const low = Math.min(...weights);
      return Array.from(weights, (weight) => Math.round((weight - low) * scale));
    });
    // Rounding may push the best possible lead past the top of the scale: take the excess from the columns
    // whose top group rounded up the most.
    let excess =
      out.reduce((sum, points) => sum + (points ? Math.max(...points) : 0), 0) - this.options.scaleMax;
    while (excess > 0) {
      let pick = -1;
      let most = Number.NEGATIVE_INFINITY;
      out.forEach((points, column) => {
        if (!points) return;
        const weights = this.fit.weights[column] as Float64Array;
        const top = points.indexOf(Math.max(...points));
        const exact = ((weights[top] as number) - Math.min(...weights)) * scale;
        if ((points[top] as number) - exact > most) {
          most = (points[top] as number) - exact;
          pick = column;
        }
      });
      const points = out[pick] as number[];
      const max = Math.max(...points);
      out[pick] = points.map((value) => (value === max ? value - 1 : value));
      excess--;
    }
    return out;
  }

  /** The group of each run of neighbouring ranges that share one, in ascending order of value. */
  private rangeRuns(column: number, groupOf: Int32Array): number[] {
    const info = this.levels[column] as ColumnLevels;
    const runs: number[] = [];
    info.levels.forEach((level, index) => {
      if (level.kind !== 'range') return;
      const group = groupOf[index] as number;
      if (runs[runs.length - 1] !== group) runs.push(group);
    });
    return runs;
  }

  private groupRate(column: number, groupOf: Int32Array, group: number): [number, number] {
    const info = this.levels[column] as ColumnLevels;
    let converted = 0;
    let leads = 0;
    info.levels.forEach((level, index) => {
      if (groupOf[index] !== group || level.kind !== 'range') return;
      converted += level.converted;
      leads += level.leads;
    });
    return [converted, leads];
  }

  /**
   * One simplification: merges two groups of equal points, or two ranges beside an unsupported turn.
   * Returns the merged pair's key (to ban re-splitting it) or null when the column set is already simple.
   */
  private simplifyOnce(): string | null {
    const points = this.points();
    for (let column = 0; column < this.levels.length; column++) {
      const groupOf = this.fit.groupOf[column];
      if (!groupOf) continue;
      const columnPoints = points[column];
      if (!columnPoints) {
        this.fit.remove(column);
        return `${column}:all`;
      }
      const info = this.levels[column] as ColumnLevels;
      // Rare and unseen values (and text in a numeric column) match no rule listing values, so they belong with
      // the group that earns 0 -- unless one group holds every filled value, whose rule is then "is filled in"
      // and matches them too. Moving them may make another group the lowest; the second time, their group
      // merges with the target, which always ends.
      const other = this.otherLevel(column);
      const target = filledGroup(info, groupOf) ?? columnPoints.indexOf(0);
      if (groupOf[other] !== target) {
        if (this.otherMoved.has(column)) return this.mergeGroups(column, target, groupOf[other] as number);
        this.otherMoved.add(column);
        const moved = Int32Array.from(groupOf);
        moved[other] = target;
        this.regroup(column, moved);
        return `${column}:other`;
      }
      if (info.numeric) {
        const runs = this.rangeRuns(column, groupOf);
        for (let i = 0; i + 1 < runs.length; i++) {
          const a = runs[i] as number;
          const b = runs[i + 1] as number;
          if (columnPoints[a] === columnPoints[b]) return this.mergeGroups(column, a, b);
        }
        for (let i = 1; i + 1 < runs.length; i++) {
          const [left, middle, right] = [runs[i - 1], runs[i], runs[i + 1]] as [number, number, number];
          const up = (columnPoints[middle] as number) - (columnPoints[left] as number);
          const next = (columnPoints[right] as number) - (columnPoints[middle] as number);
          if (up * next >= 0) continue;
          const [lh, ll] = this.groupRate(column, groupOf, left);
          const [mh, ml] = this.groupRate(column, groupOf, middle);
          const [rh, rl] = this.groupRate(column, groupOf, right);
          const pLeft = twoProportionP(lh, ll, mh, ml);
          const pRight = twoProportionP(mh, ml, rh, rl);
          if (pLeft < 0.05 && pRight < 0.05) continue;
          return pLeft >= pRight
            ? this.mergeGroups(column, left, middle)
            : this.mergeGroups(column, middle, right);
        }
      }
      // Any two groups with equal points (a numeric group's blanks, text values) are one group.
      for (let a = 0; a < columnPoints.length; a++) {
        for (let b = a + 1; b < columnPoints.length; b++) {
          if (columnPoints[a] !== columnPoints[b]) continue;
          if (info.numeric && this.hasRanges(column, groupOf, a) && this.hasRanges(column, groupOf, b))
            continue;
          return this.mergeGroups(column, a, b);
        }
      }
      // A group too small to split off (left behind when rare values moved) joins the group whose points are
      // closest: a neighbouring range in a numeric column, any group in a text column.
      const small = columnPoints.findIndex(
        (_, group) =>
          group !== groupOf[other] && this.groupSupport(column, groupOf, group) < this.options.minSupport,
      );
      if (small >= 0) {
        const runs = info.numeric ? this.rangeRuns(column, groupOf) : [];
        const position = runs.indexOf(small);
        const neighbours =
          position >= 0
            ? [runs[position - 1], runs[position + 1]].filter((group): group is number => group !== undefined)
            : columnPoints.map((_, group) => group).filter((group) => group !== small);
        const closest = neighbours.reduce((best, group) =>
          Math.abs((columnPoints[group] as number) - (columnPoints[small] as number)) <
          Math.abs((columnPoints[best] as number) - (columnPoints[small] as number))
            ? group
            : best,
        );
        return this.mergeGroups(column, closest, small);
      }
    }
    return null;
  }

  private groupSupport(column: number, groupOf: Int32Array, group: number): number {
    const levels = (this.levels[column] as ColumnLevels).levels;
    let leads = 0;
    groupOf.forEach((g, level) => {
      if (g === group) leads += levels[level]?.leads ?? 0;
    });
    return leads;
  }

  private hasRanges(column: number, groupOf: Int32Array, group: number): boolean {
    const info = this.levels[column] as ColumnLevels;
    return info.levels.some((level, index) => level.kind === 'range' && groupOf[index] === group);
  }

  private mergeGroups(column: number, keep: number, drop: number): string {
    const groupOf = Int32Array.from(this.fit.groupOf[column] as Int32Array);
    const levels: number[] = [];
    groupOf.forEach((group, level) => {
      if (group === drop) {
        groupOf[level] = keep;
        levels.push(level);
      }
    });
    this.regroup(column, groupOf);
    return `${column}:${levels.sort((a, b) => a - b).join(',')}`;
  }

  /** Applies a new grouping, keeping each surviving group's weight as a warm start. */
  private regroup(column: number, groupOf: Int32Array): void {
    const old = this.fit.groupOf[column] as Int32Array;
    const oldWeights = this.fit.weights[column] as Float64Array;
    const next = compact(groupOf);
    const weights = new Float64Array(groupCount(next));
    // A merged group starts from the weight of its largest part.
    const largest = new Float64Array(weights.length).fill(-1);
    const levels = (this.levels[column] as ColumnLevels).levels;
    next.forEach((group, level) => {
      const leads = levels[level]?.leads ?? 0;
      if (leads <= (largest[group] as number)) return;
      largest[group] = leads;
      weights[group] = oldWeights[old[level] as number] as number;
    });
    this.fit.setGroups(column, next, weights);
  }

  private ruleCount(points: (number[] | null)[]): number {
    let rules = 0;
    points.forEach((columnPoints, column) => {
      const groupOf = this.fit.groupOf[column];
      if (!columnPoints || !groupOf) return;
      const info = this.levels[column] as ColumnLevels;
      columnPoints.forEach((value, group) => {
        if (value === 0) return;
        const kinds = new Set<string>();
        groupOf.forEach((g, level) => {
          if (g !== group) return;
          const kind = info.levels[level]?.kind;
          kinds.add(kind === 'blank' ? 'blank' : 'values');
        });
        rules += kinds.size;
      });
    });
    return rules;
  }

  private simplify(): void {
    this.otherMoved.clear();
    for (let round = 0; round < 200; round++) {
      const merged = this.simplifyOnce();
      if (merged === null) return;
      this.banned.add(merged);
      this.fit.fit(6, 1e-3);
    }
  }

  run(): PointsColumn[] {
    this.fit.fit();
    for (let step = 0; step < this.options.maxRules * 4; step++) {
      const best = this.candidates().reduce<Candidate | null>(
        (top, candidate) => (top === null || candidate.gain > top.gain ? candidate : top),
        null,
      );
      if (!best || best.gain < this.options.minGain) break;
      const saved = this.snapshot();
      this.apply(best);
      this.fit.fit(6, 1e-3);
      this.simplify();
      if (this.ruleCount(this.points()) > this.options.maxRules) {
        this.restore(saved);
        break;
      }
      this.banned.add(best.key);
    }
    if (this.fit.trainingRows !== this.train.length) {
      const full = new AdditiveLogit(this.columns, this.train, this.outcomes, this.options.l2);
      full.load(this.fit.intercept, this.fit.groupOf, this.fit.weights);
      this.fit = full;
    }
    this.fit.fit(100, 1e-6);
    this.simplify();
    const points = this.points();
    const out: PointsColumn[] = [];
    points.forEach((columnPoints, column) => {
      const groupOf = this.fit.groupOf[column];
      if (!columnPoints || !groupOf) return;
      out.push({
        levels: this.levels[column] as ColumnLevels,
        levelOfRow: this.levelOfRow[column] as Int32Array,
        groupOf: Int32Array.from(groupOf),
        points: columnPoints,
      });
    });
    return out;
  }

  private snapshot(): { groupOf: (Int32Array | null)[]; weights: Float64Array[]; intercept: number } {
    return {
      groupOf: this.fit.groupOf.map((groupOf) => (groupOf ? Int32Array.from(groupOf) : null)),
      weights: this.fit.weights.map((weights) => Float64Array.from(weights)),
      intercept: this.fit.intercept,
    };
  }

  private restore(saved: ReturnType<SparseSelector['snapshot']>): void {
    this.fit.load(saved.intercept, saved.groupOf, saved.weights);
  }
}

/** Fits the points table on the training rows `train`; `levelOfRow` gives each column's level for every row. */
export function fitSparsePoints(
  levels: readonly ColumnLevels[],
  levelOfRow: readonly Int32Array[],
  train: Int32Array,
  outcomes: Uint8Array,
  options: SparseOptions,
): SparseFit {
  const columns = new SparseSelector(levels, levelOfRow, train, outcomes, options).run();
  return {
    columns,
    score(row) {
      let total = 0;
      for (const column of columns)
        total += column.points[column.groupOf[column.levelOfRow[row] as number] as number] as number;
      return total;
    },
  };
}
