// What one distinct value of one column gives every rule, disqualifier and decay reading that column.
// Worked out once per value (imports repeat a few values thousands of times), so scoring a row only adds up.
import { type CellPredicate, describeCell } from './condition-eval';
import type { Condition, Contribution, GroupKind } from './model';
import { toNumber, toTime } from './normalise';
import { REASON_SEPARATOR, reasonPiece } from './reasons';

/** A matched rule's share of one row's score. Frozen and shared by every row whose cell gives it. */
export interface Hit {
  /** The rule's position among the model's enabled rules: contributions keep model order. */
  readonly order: number;
  readonly groupIndex: number;
  /** Unrounded points, added to the group total before caps. */
  readonly points: number;
  /** Absolute rounded points: the reason text names the heaviest hits. */
  readonly weight: number;
  /** "+25 Demo requested" */
  readonly piece: string;
  readonly laterPiece: string;
  readonly contribution: Readonly<Contribution>;
}

/** A rule bound to the column it reads. */
export interface ColumnRule {
  readonly order: number;
  readonly id: string;
  readonly op: Condition['op'];
  readonly test: CellPredicate;
  readonly label: string;
  readonly groupIndex: number;
  readonly groupId: string;
  readonly kind: GroupKind;
  readonly points: number;
  readonly perUnit: boolean;
  readonly maxPoints: number;
  /** The hit of a fixed-points rule is the same for every cell: built once. */
  readonly fixedHit: Hit | null;
}

export interface ColumnDisqualifier {
  /** Position among the model's enabled disqualifiers: the first that matches wins. */
  readonly index: number;
  /** Problem order: after every rule and the decay. */
  readonly order: number;
  readonly id: string;
  readonly op: Condition['op'];
  readonly test: CellPredicate;
}

/** A row-level problem and where it falls in evaluation order (rules, then decay, then disqualifiers). */
export interface Problem {
  readonly order: number;
  readonly text: string;
}

export interface DisqualifierProblem extends Problem {
  /** Reported only when no earlier disqualifier matched the row (later ones are never evaluated). */
  readonly index: number;
}

/** Everything that reads one column, each list in evaluation order. */
export interface ColumnReaders {
  /** The header text, as problems name the column. */
  readonly name: string;
  readonly rules: ColumnRule[];
  readonly disqualifiers: ColumnDisqualifier[];
  /** Problem order of the decay when it reads this column, else -1. */
  readonly decayOrder: number;
  /** A fit rule reads this column, so a value here counts towards confidence. */
  readonly fit: boolean;
}

export interface CellOutcome {
  /** 1 for '', null or undefined (the row may be blank), else 0: a count, so rows add it up. */
  readonly emptyCount: number;
  /** A disqualifier matched or there is a problem to report: the uncommon cases, behind one test. */
  readonly flagged: boolean;
  /** Empty, whitespace, a missing token or an error value: only `isBlank` matches it. */
  readonly blank: boolean;
  readonly hits: readonly Hit[];
  /** 1 when this column is a fit column and the cell holds a value. */
  readonly fitFilled: number;
  /** Index of the first disqualifier on this column that matches, or NO_DISQUALIFIER. */
  readonly disqualifier: number;
  /** The first rule or decay problem with this cell (one problem per column per row). */
  readonly problem: Problem | null;
  /** Disqualifier problems, used only when the column has no rule or decay problem. */
  readonly disqualifierProblems: readonly DisqualifierProblem[] | null;
  /** The cell as epoch ms, for decay; null when it is not a date or no decay reads it. */
  readonly time: number | null;
}

export const NO_DISQUALIFIER = Number.MAX_SAFE_INTEGER;

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export function makeHit(order: number, groupIndex: number, points: number, contribution: Contribution): Hit {
  const piece = reasonPiece(contribution.points, contribution.label);
  return Object.freeze({
    order,
    groupIndex,
    points,
    weight: Math.abs(contribution.points),
    piece,
    laterPiece: REASON_SEPARATOR + piece,
    contribution: Object.freeze(contribution),
  });
}

/** The contribution a rule gives; per-unit rules pass their points for this cell. */
export function makeContribution(
  rule: Pick<ColumnRule, 'id' | 'label' | 'groupId' | 'kind'>,
  points: number,
): Contribution {
  return {
    ruleId: rule.id,
    label: rule.label,
    groupId: rule.groupId,
    kind: rule.kind,
    points: round2(points),
  };
}

/** The outcome of an empty cell: nothing but `isBlank` rules match, nothing to report. */
export function emptyOutcome(readers: ColumnReaders): CellOutcome {
  return readOutcome(readers, '', true, true);
}

/** Runs every reader of the column on one cell; `blank` is decided by the caller (missing tokens are per model). */
export function readOutcome(
  readers: ColumnReaders,
  cell: unknown,
  blank: boolean,
  empty = false,
): CellOutcome {
  const hits: Hit[] = [];
  let problem: Problem | null = null;
  const report = (order: number, text: string, id: string): void => {
    problem ??= { order, text: `${readers.name}: ${text} (rule '${id}')` };
  };

  for (const rule of readers.rules) {
    let matched: boolean;
    if (rule.op === 'isBlank') matched = blank;
    else if (blank) matched = false;
    else {
      const verdict = rule.test(cell);
      if (verdict.problem !== null) report(rule.order, verdict.problem, rule.id);
      matched = verdict.matched;
    }
    if (!matched) continue;
    if (rule.fixedHit) {
      hits.push(rule.fixedHit);
      continue;
    }
    const units = toNumber(cell);
    if (units === null) {
      report(rule.order, 'needs a number for per-unit points', rule.id);
      continue;
    }
    const points = Math.min(Math.max(rule.points * units, -rule.maxPoints), rule.maxPoints);
    hits.push(makeHit(rule.order, rule.groupIndex, points, makeContribution(rule, points)));
  }

  let time: number | null = null;
  if (readers.decayOrder >= 0 && !blank) {
    time = toTime(cell);
    if (time === null)
      report(readers.decayOrder, `${describeCell(cell)} is not a date, so no decay was applied`, 'decay');
  }

  let disqualifier = NO_DISQUALIFIER;
  let disqualifierProblems: DisqualifierProblem[] | null = null;
  for (const test of readers.disqualifiers) {
    if (test.op === 'isBlank' || blank) {
      if (test.op === 'isBlank' && blank) disqualifier = Math.min(disqualifier, test.index);
      continue;
    }
    const verdict = test.test(cell);
    if (verdict.matched) disqualifier = Math.min(disqualifier, test.index);
    else if (verdict.problem !== null) {
      disqualifierProblems ??= [];
      disqualifierProblems.push({
        order: test.order,
        index: test.index,
        text: `${readers.name}: ${verdict.problem} (rule '${test.id}')`,
      });
    }
  }

  return {
    emptyCount: empty ? 1 : 0,
    flagged: disqualifier !== NO_DISQUALIFIER || problem !== null || disqualifierProblems !== null,
    blank,
    hits,
    fitFilled: readers.fit && !blank ? 1 : 0,
    disqualifier,
    problem,
    disqualifierProblems,
    time,
  };
}
