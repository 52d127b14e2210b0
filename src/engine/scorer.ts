// The scorer: a validated model compiled once, bound to a header row and an "as of" time, scoring rows.
// Every surface (custom functions, managed refresh, sidebar preview, CLI) scores through here.
import { bandIndexFor, gradeFor, quadrantFor } from './bands';
import {
  type ColumnDisqualifier,
  type ColumnReaders,
  type ColumnRule,
  type Hit,
  makeContribution,
  makeHit,
  NO_DISQUALIFIER,
  type Problem,
} from './cell-outcome';
import { ColumnMemo } from './column-memo';
import { findColumn } from './columns';
import { compileCondition } from './condition-eval';
import { decayPoints } from './decay';
import type { BandStyle, Condition, Contribution, LeadResult, ScoringModel } from './model';
import { DEFAULT_MISSING_TOKENS, missingTokenSet } from './normalise';
import { ReasonPicker } from './reasons';

const DAY_MS = 86_400_000;
/** Conditions that look at an e-mail cell only through its domain (and whether it is blank). */
const DOMAIN_OPS: ReadonlySet<Condition['op']> = new Set([
  'personalEmail',
  'emailDomainIn',
  'notBlank',
  'isBlank',
]);

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

/** Readers of one column while binding; frozen into ColumnReaders once every rule is placed. */
interface ColumnDraft {
  column: number;
  name: string;
  rules: ColumnRule[];
  disqualifiers: ColumnDisqualifier[];
  decayOrder: number;
  fit: boolean;
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

/** True when every reader of the column sees an e-mail cell only through its domain, never its full text. */
function readsDomainOnly(readers: ColumnReaders): boolean {
  if (readers.decayOrder >= 0) return false;
  const tests = [...readers.rules, ...readers.disqualifiers];
  return (
    tests.some((test) => test.op === 'personalEmail' || test.op === 'emailDomainIn') &&
    readers.rules.every((rule) => !rule.perUnit) &&
    tests.every((test) => DOMAIN_OPS.has(test.op))
  );
}

/** Insertion sort of the first `count` hits by rule order: a handful per row, nearly sorted. */
function sortByModelOrder(hits: Hit[], count: number): void {
  for (let i = 1; i < count; i++) {
    const hit = hits[i] as Hit;
    let at = i;
    while (at > 0 && (hits[at - 1] as Hit).order > hit.order) {
      hits[at] = hits[at - 1] as Hit;
      at--;
    }
    hits[at] = hit;
  }
}

/** Row problems in evaluation order: rules, then decay, then the disqualifiers evaluated before one matched. */
function collectProblems(
  row: readonly unknown[],
  memos: readonly ColumnMemo[],
  slotColumns: readonly number[],
  disqualifier: number,
): string[] {
  const found: Problem[] = [];
  for (let slot = 0; slot < memos.length; slot++) {
    // Looked up again rather than kept from the row loop: problems are rare, lookups are memoised.
    const outcome = (memos[slot] as ColumnMemo).outcome(row[slotColumns[slot] as number]);
    if (outcome.problem !== null) found.push(outcome.problem);
    else if (outcome.disqualifierProblems !== null) {
      const first = outcome.disqualifierProblems.find((problem) => problem.index < disqualifier);
      if (first) found.push(first);
    }
  }
  return found.sort((a, b) => a.order - b.order).map((problem) => problem.text);
}

/** Binds a compiled model to a header row and an "as of" time (decay and date conditions count days from it). */
export function bindScorer(compiled: CompiledModel, header: readonly unknown[], asOf: Date): BoundScorer {
  const { model, missingTokens } = compiled;
  const context = { asOf: asOf.getTime(), personalDomains: compiled.personalDomains };
  const missingColumns: MissingColumn[] = [];
  const drafts: ColumnDraft[] = [];
  const draftByColumn = new Map<number, ColumnDraft>();

  const locate = (id: string, column: string): ColumnDraft | null => {
    const index = findColumn(header, column, model.columnSynonyms);
    if (index < 0) {
      missingColumns.push({ id, column });
      return null;
    }
    let draft = draftByColumn.get(index);
    if (!draft) {
      draft = {
        column: index,
        name: String(header[index] ?? column),
        rules: [],
        disqualifiers: [],
        decayOrder: -1,
        fit: false,
      };
      draftByColumn.set(index, draft);
      drafts.push(draft);
    }
    return draft;
  };

  // Problem order: every enabled rule in model order, then the decay, then the disqualifiers.
  let ruleCount = 0;
  let fitColumnsMissing = 0;
  model.groups.forEach((group, groupIndex) => {
    for (const rule of group.rules) {
      if (!rule.enabled) continue;
      const order = ruleCount++;
      const draft = locate(rule.id, rule.column);
      if (!draft) {
        if (group.kind === 'fit') fitColumnsMissing++;
        continue;
      }
      if (group.kind === 'fit') draft.fit = true;
      const named = { id: rule.id, label: rule.label, groupId: group.id, kind: group.kind };
      draft.rules.push({
        ...named,
        order,
        op: rule.condition.op,
        // Outcomes are remembered per cell value, so the condition itself need not memoise.
        test: compileCondition(rule.condition, context, false),
        groupIndex,
        points: rule.points,
        perUnit: rule.perUnit === true,
        maxPoints: rule.maxPoints ?? Number.POSITIVE_INFINITY,
        fixedHit:
          rule.perUnit === true
            ? null
            : makeHit(order, groupIndex, rule.points, makeContribution(named, rule.points)),
      });
    }
  });
  const disqualifierReasons: { id: string; reason: string }[] = [];
  for (const disqualifier of model.disqualifiers) {
    if (!disqualifier.enabled) continue;
    const index = disqualifierReasons.length;
    disqualifierReasons.push({ id: disqualifier.id, reason: disqualifier.reason });
    const draft = locate(disqualifier.id, disqualifier.column);
    draft?.disqualifiers.push({
      index,
      order: ruleCount + 1 + index,
      id: disqualifier.id,
      op: disqualifier.condition.op,
      test: compileCondition(disqualifier.condition, context, false),
    });
  }

  const decay = model.decay;
  const decayDraft = decay ? locate('decay', decay.column) : null;
  if (decayDraft) decayDraft.decayOrder = ruleCount;
  const columns: readonly ColumnReaders[] = drafts;
  const slotCount = drafts.length;
  const slotColumns = drafts.map((draft) => draft.column);
  const decaySlot = decayDraft ? drafts.indexOf(decayDraft) : -1;
  // A missing token holding an '@' could blank a plain address, which the by-domain memo would not see.
  const tokensHoldAt = [...missingTokens].some((token) => token.includes('@'));
  const memos = columns.map(
    (readers) => new ColumnMemo(readers, missingTokens, !tokensHoldAt && readsDomainOnly(readers)),
  );
  // A fit column missing from the sheet counts as unfilled: the lead's fit data really is absent.
  const fitColumnCount = columns.filter((column) => column.fit).length + fitColumnsMissing;
  const groupCount = model.groups.length;
  const groupIsFit = model.groups.map((group) => group.kind === 'fit');
  const groupCaps = model.groups.map((group) => group.cap ?? Number.POSITIVE_INFINITY);
  const groupFloors = model.groups.map((group) => group.floor ?? Number.NEGATIVE_INFINITY);
  const groupTotals = new Float64Array(groupCount);
  // Per-row scratch, reused: scoring is the hot path (see npm run bench).
  const hits: Hit[] = new Array(ruleCount);
  const reasons = new ReasonPicker();
  // Hits are gathered column by column; when each column's rules sit together in the model (the usual
  // layout), that is already model order and needs no sort.
  const ruleOrders = columns.flatMap((readers) => readers.rules.map((rule) => rule.order));
  const hitsInModelOrder = ruleOrders.every((order, i) => i === 0 || order > (ruleOrders[i - 1] as number));

  const styleResult = (result: LeadResult, style: BandStyle): void => {
    result.band = style.name;
    result.colour = style.colour;
    result.action = style.action;
    result.stage = style.stage ?? '';
  };

  const scoreRowUnsafe = (row: readonly unknown[]): LeadResult => {
    let emptyCells = 0;
    let filled = 0;
    let disqualifier = NO_DISQUALIFIER;
    let hasProblems = false;
    let hitCount = 0;
    let decayTime: number | null = null;
    for (let slot = 0; slot < slotCount; slot++) {
      const outcome = (memos[slot] as ColumnMemo).outcome(row[slotColumns[slot] as number]);
      if (slot === decaySlot) decayTime = outcome.time;
      // Counts are added rather than branched on, and the rare cases sit behind one flag: the row loop
      // runs once per model column per row, and each avoided branch showed in `npm run bench`.
      emptyCells += outcome.emptyCount;
      filled += outcome.fitFilled;
      if (outcome.flagged) {
        if (outcome.disqualifier < disqualifier) disqualifier = outcome.disqualifier;
        if (outcome.problem !== null || outcome.disqualifierProblems !== null) hasProblems = true;
      }
      const cellHits = outcome.hits;
      for (let i = 0; i < cellHits.length; i++) hits[hitCount++] = cellHits[i] as Hit;
    }
    if (emptyCells === slotCount && isBlankRow(row)) return blankResult();

    if (!hitsInModelOrder) sortByModelOrder(hits, hitCount);
    // A plain loop: TypedArray fill() goes through the runtime, which costs more than a few stores.
    for (let group = 0; group < groupCount; group++) groupTotals[group] = 0;
    const contributions = new Array<Contribution>(hitCount);
    reasons.reset();
    for (let i = 0; i < hitCount; i++) {
      const hit = hits[i] as Hit;
      groupTotals[hit.groupIndex] = (groupTotals[hit.groupIndex] as number) + hit.points;
      contributions[i] = hit.contribution;
      reasons.offer(hit);
    }

    let fit = 0;
    let intent = 0;
    for (let group = 0; group < groupCount; group++) {
      const total = clamp(
        groupTotals[group] as number,
        groupFloors[group] as number,
        groupCaps[group] as number,
      );
      if (groupIsFit[group]) fit += total;
      else intent += total;
    }
    let decayed = 0;
    if (decay && decayTime !== null) {
      decayed = round2(decayPoints(decay, intent, (context.asOf - decayTime) / DAY_MS));
    }
    const score = round2(clamp(fit + intent + decayed, model.scale.min, model.scale.max));
    const confidence = fitColumnCount === 0 ? 1 : round2(filled / fitColumnCount);
    const disqualifiedBy =
      disqualifier === NO_DISQUALIFIER ? null : (disqualifierReasons[disqualifier] ?? null);

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
      reasons: reasons.text(decayed),
      contributions,
      disqualifiedBy: disqualifiedBy && { id: disqualifiedBy.id, reason: disqualifiedBy.reason },
      confidence,
      problems: hasProblems ? collectProblems(row, memos, slotColumns, disqualifier) : [],
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
