// The scorer: a validated model compiled once, bound to a header row and an "as of" time, scoring rows.
// Every surface (custom functions, managed refresh, sidebar preview, CLI) scores through here.
import { bandIndexFor, gradeFor, quadrantFor } from './bands';
import { findColumn } from './columns';
import { type CellPredicate, type CellTest, compileCondition } from './condition-eval';
import { decayPoints } from './decay';
import type { BandStyle, Condition, Contribution, GroupKind, LeadResult, ScoringModel } from './model';
import { DEFAULT_MISSING_TOKENS, isBlank, isDateValue, missingTokenSet, toNumber, toTime } from './normalise';
import { formatReasons } from './reasons';

const DAY_MS = 86_400_000;
/** Distinct values remembered per column; free-text columns beyond it are read afresh each row. */
const CELL_MEMO_LIMIT = 4096;
/** How many contributions the reason text names. */
export const REASON_LIMIT = 3;

/** A model prepared for scoring; build it once per model and reuse it for every batch. */
export interface CompiledModel {
  readonly kind: 'compiled';
  readonly model: ScoringModel;
  readonly missingTokens: ReadonlySet<string>;
  readonly personalDomains: ReadonlySet<string>;
}

/** A rule, disqualifier or decay whose column is not in the header row. */
export interface MissingColumn {
  /** Rule or disqualifier id, or 'decay'. */
  id: string;
  column: string;
}

export interface BoundScorer {
  readonly missingColumns: readonly MissingColumn[];
  /** Scores one row; never throws (a failure becomes a problem on that row's result). */
  scoreRow(row: readonly unknown[]): LeadResult;
}

export interface TableScore {
  results: LeadResult[];
  missingColumns: MissingColumn[];
}

interface BoundTest {
  id: string;
  columnName: string;
  /** Index in the row, or -1 when the column is missing (the test then never matches). */
  column: number;
  /** Index of the column among the columns the model reads (-1 when missing). */
  slot: number;
  /** Where this test caches its verdict on a cell seen before (see CellInfo). */
  verdictIndex: number;
  op: Condition['op'];
  test: CellPredicate;
}

/**
 * What the scorer knows about one distinct cell value of one column: read once, then reused by every rule
 * on that column and every later row with the same value (imports repeat values thousands of times).
 */
interface CellInfo {
  blank: boolean;
  verdicts: (CellTest | undefined)[];
  /** The cell as a number, for per-unit points; undefined until first asked. */
  units: number | null | undefined;
  /** The cell as a time (epoch ms), for decay; undefined until first asked. */
  time: number | null | undefined;
}

interface BoundRule extends BoundTest {
  /** Fixed-points rules give the same contribution every time: one shared, frozen object. */
  fixed: Readonly<Contribution> | null;
  label: string;
  groupIndex: number;
  groupId: string;
  kind: GroupKind;
  points: number;
  perUnit: boolean;
  maxPoints: number;
}

interface BoundDisqualifier extends BoundTest {
  reason: string;
}

export function compileModel(model: ScoringModel): CompiledModel {
  return {
    kind: 'compiled',
    model,
    missingTokens: missingTokenSet([...DEFAULT_MISSING_TOKENS, ...(model.missingTokens ?? [])]),
    personalDomains: new Set((model.personalDomains ?? []).map((domain) => domain.trim().toLowerCase())),
  };
}

function isCompiled(value: ScoringModel | CompiledModel): value is CompiledModel {
  return 'kind' in value && value.kind === 'compiled';
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function isBlankRow(row: readonly unknown[]): boolean {
  for (const cell of row) if (cell !== '' && cell !== null && cell !== undefined) return false;
  return true;
}

function blankResult(): LeadResult {
  return {
    blank: true,
    score: 0,
    fit: 0,
    intent: 0,
    decay: 0,
    band: '',
    colour: '',
    action: '',
    stage: '',
    grade: '',
    quadrant: '',
    reasons: '',
    contributions: [],
    disqualifiedBy: null,
    confidence: 0,
    problems: [],
  };
}

/** Binds a compiled model to a header row and an "as of" time (decay and date conditions count days from it). */
export function bindScorer(compiled: CompiledModel, header: readonly unknown[], asOf: Date): BoundScorer {
  const { model, missingTokens } = compiled;
  const context = { asOf: asOf.getTime(), personalDomains: compiled.personalDomains };
  const missingColumns: MissingColumn[] = [];
  const slots = new Map<number, number>();
  const slotColumns: number[] = [];
  const slotNames: string[] = [];

  const locate = (id: string, column: string): { column: number; slot: number } => {
    const index = findColumn(header, column, model.columnSynonyms);
    if (index < 0) {
      missingColumns.push({ id, column });
      return { column: -1, slot: -1 };
    }
    let slot = slots.get(index);
    if (slot === undefined) {
      slot = slotColumns.length;
      slots.set(index, slot);
      slotColumns.push(index);
      slotNames.push(String(header[index] ?? column));
    }
    return { column: index, slot };
  };

  const testsPerSlot: number[] = [];
  const bindTest = (id: string, columnName: string, condition: Condition): BoundTest => {
    const located = locate(id, columnName);
    let verdictIndex = -1;
    if (located.slot >= 0) {
      verdictIndex = testsPerSlot[located.slot] ?? 0;
      testsPerSlot[located.slot] = verdictIndex + 1;
    }
    // Verdicts are cached per cell value below, so the condition itself need not memoise.
    const test = compileCondition(condition, context, false);
    return { id, columnName, ...located, verdictIndex, op: condition.op, test };
  };

  const rules: BoundRule[] = [];
  const fitSlots = new Set<number>();
  let fitColumnsMissing = 0;
  model.groups.forEach((group, groupIndex) => {
    for (const rule of group.rules) {
      if (!rule.enabled) continue;
      const bound = bindTest(rule.id, rule.column, rule.condition);
      if (group.kind === 'fit') {
        if (bound.slot >= 0) fitSlots.add(bound.slot);
        else fitColumnsMissing++;
      }
      const perUnit = rule.perUnit === true;
      const fixed = perUnit
        ? null
        : Object.freeze({
            ruleId: rule.id,
            label: rule.label,
            groupId: group.id,
            kind: group.kind,
            points: round2(rule.points),
          });
      rules.push({
        ...bound,
        fixed,
        label: rule.label,
        groupIndex,
        groupId: group.id,
        kind: group.kind,
        points: rule.points,
        perUnit,
        maxPoints: rule.maxPoints ?? Number.POSITIVE_INFINITY,
      });
    }
  });
  const disqualifiers: BoundDisqualifier[] = model.disqualifiers
    .filter((disqualifier) => disqualifier.enabled)
    .map((disqualifier) => ({
      ...bindTest(disqualifier.id, disqualifier.column, disqualifier.condition),
      reason: disqualifier.reason,
    }));
  const decay = model.decay;
  const decayColumn = decay ? locate('decay', decay.column) : { column: -1, slot: -1 };

  const groupCount = model.groups.length;
  const groupKinds = model.groups.map((group) => group.kind);
  const groupCaps = model.groups.map((group) => group.cap ?? Number.POSITIVE_INFINITY);
  const groupFloors = model.groups.map((group) => group.floor ?? Number.NEGATIVE_INFINITY);
  const fitSlotList = [...fitSlots];
  // A fit column missing from the sheet counts as unfilled: the lead's fit data really is absent.
  const fitColumnCount = fitSlotList.length + fitColumnsMissing;
  const slotCount = slotColumns.length;
  const cellMemos = slotColumns.map(() => new Map<unknown, CellInfo>());
  const dateMemos = slotColumns.map(() => new Map<unknown, CellInfo>());
  const infos: CellInfo[] = [];
  const cells: unknown[] = new Array(slotCount);
  const problemFlags = new Uint8Array(slotColumns.length);
  const groupTotals = new Float64Array(groupCount);

  const readCell = (slot: number, cell: unknown): CellInfo => {
    let memo = cellMemos[slot] as Map<unknown, CellInfo>;
    let key: unknown = cell;
    // Dates are new objects on every read, but their days repeat: remember them by their time value.
    if (isDateValue(cell)) {
      memo = dateMemos[slot] as Map<unknown, CellInfo>;
      key = cell.getTime();
    }
    const memoisable = typeof key === 'string' || typeof key === 'number';
    if (memoisable) {
      const known = memo.get(key);
      if (known) return known;
    }
    const info: CellInfo = {
      blank: cell === '' || isBlank(cell, missingTokens),
      verdicts: new Array(testsPerSlot[slot] ?? 0),
      units: undefined,
      time: undefined,
    };
    if (memoisable && memo.size < CELL_MEMO_LIMIT) memo.set(key, info);
    return info;
  };

  const unitsOf = (slot: number): number | null => {
    const info = infos[slot] as CellInfo;
    if (info.units === undefined) info.units = toNumber(cells[slot]);
    return info.units;
  };

  const styleResult = (result: LeadResult, style: BandStyle): void => {
    result.band = style.name;
    result.colour = style.colour;
    result.action = style.action;
    result.stage = style.stage ?? '';
  };

  // Per-row state lives here, not in closures made per row: scoring is the hot path (see npm run bench).
  let row: readonly unknown[] = [];
  let problems: string[] | null = null;

  const report = (slot: number, text: string, id: string): void => {
    // One problem per column per row, however many rules read it.
    if (problemFlags[slot]) return;
    problemFlags[slot] = 1;
    problems ??= [];
    problems.push(`${slotNames[slot]}: ${text} (rule '${id}')`);
  };

  const matches = (test: BoundTest): boolean => {
    if (test.slot < 0) return false;
    const info = infos[test.slot] as CellInfo;
    if (test.op === 'isBlank') return info.blank;
    if (info.blank) return false;
    let verdict = info.verdicts[test.verdictIndex];
    if (verdict === undefined) {
      verdict = test.test(cells[test.slot]);
      info.verdicts[test.verdictIndex] = verdict;
    }
    if (verdict.problem !== null) report(test.slot, verdict.problem, test.id);
    return verdict.matched;
  };

  const scoreRowUnsafe = (current: readonly unknown[]): LeadResult => {
    if (isBlankRow(current)) return blankResult();
    row = current;
    problems = null;
    for (let slot = 0; slot < slotCount; slot++) {
      const cell = row[slotColumns[slot] as number];
      cells[slot] = cell;
      infos[slot] = readCell(slot, cell);
      problemFlags[slot] = 0;
    }

    groupTotals.fill(0);
    const contributions: Contribution[] = [];
    for (const rule of rules) {
      if (!matches(rule)) continue;
      if (rule.fixed) {
        groupTotals[rule.groupIndex] = (groupTotals[rule.groupIndex] as number) + rule.points;
        contributions.push(rule.fixed);
        continue;
      }
      const units = unitsOf(rule.slot);
      if (units === null) {
        report(rule.slot, 'needs a number for per-unit points', rule.id);
        continue;
      }
      const points = clamp(rule.points * units, -rule.maxPoints, rule.maxPoints);
      groupTotals[rule.groupIndex] = (groupTotals[rule.groupIndex] as number) + points;
      contributions.push({
        ruleId: rule.id,
        label: rule.label,
        groupId: rule.groupId,
        kind: rule.kind,
        points: round2(points),
      });
    }

    let fit = 0;
    let intent = 0;
    for (let group = 0; group < groupCount; group++) {
      const total = clamp(
        groupTotals[group] as number,
        groupFloors[group] as number,
        groupCaps[group] as number,
      );
      if (groupKinds[group] === 'fit') fit += total;
      else intent += total;
    }
    let decayed = 0;
    if (decay && decayColumn.slot >= 0 && !(infos[decayColumn.slot] as CellInfo).blank) {
      const info = infos[decayColumn.slot] as CellInfo;
      if (info.time === undefined) info.time = toTime(cells[decayColumn.slot]);
      const time = info.time;
      if (time === null) report(decayColumn.slot, 'is not a date, so no decay was applied', 'decay');
      else decayed = round2(decayPoints(decay, intent, (context.asOf - time) / DAY_MS));
    }
    const score = round2(clamp(fit + intent + decayed, model.scale.min, model.scale.max));
    let filled = 0;
    for (const slot of fitSlotList) if (!(infos[slot] as CellInfo).blank) filled++;
    const confidence = fitColumnCount === 0 ? 1 : round2(filled / fitColumnCount);

    let disqualifiedBy: LeadResult['disqualifiedBy'] = null;
    for (const disqualifier of disqualifiers) {
      if (matches(disqualifier)) {
        disqualifiedBy = { id: disqualifier.id, reason: disqualifier.reason };
        break;
      }
    }

    const result: LeadResult = {
      blank: false,
      score,
      fit: round2(fit),
      intent: round2(intent + decayed),
      decay: decayed,
      band: '',
      colour: '',
      action: '',
      stage: '',
      grade: gradeFor(model.grades, fit),
      quadrant: quadrantFor(model.quadrants, fit, intent + decayed),
      reasons: formatReasons(contributions, decayed, REASON_LIMIT),
      contributions,
      disqualifiedBy,
      confidence,
      problems: problems ?? [],
    };
    const missingData = model.missingData;
    if (disqualifiedBy) {
      styleResult(result, model.disqualifiedBand);
      result.reasons = result.reasons
        ? `${disqualifiedBy.reason} · ${result.reasons}`
        : disqualifiedBy.reason;
    } else if (missingData && confidence < missingData.minFitFilled) {
      styleResult(result, missingData.band);
      const note = `Needs review: ${filled} of ${fitColumnCount} fit columns filled`;
      result.reasons = result.reasons ? `${note} · ${result.reasons}` : note;
    } else {
      const band = model.bands[bandIndexFor(model.bands, score)];
      if (band) styleResult(result, band);
    }
    return result;
  };

  return {
    missingColumns,
    scoreRow(row) {
      try {
        return scoreRowUnsafe(row);
      } catch (error) {
        const failed = blankResult();
        failed.blank = false;
        failed.problems = [
          `Row could not be scored: ${error instanceof Error ? error.message : String(error)}`,
        ];
        return failed;
      }
    },
  };
}

/** Scores a header + rows in one call; the model must already be valid (see validate.ts). */
export function scoreTable(
  model: ScoringModel | CompiledModel,
  header: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  asOf: Date,
): TableScore {
  const compiled = isCompiled(model) ? model : compileModel(model);
  const scorer = bindScorer(compiled, header, asOf);
  const results = rows.map((row) => scorer.scoreRow(Array.isArray(row) ? row : [row]));
  return { results, missingColumns: [...scorer.missingColumns] };
}
