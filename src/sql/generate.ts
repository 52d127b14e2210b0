// The scoring model as one SQL SELECT: every input column plus score, fit, intent, band, grade, quadrant,
// reasons, action and confidence, equal to the engine's result for every row (test/sql/parity.test.ts).
import { findColumn, normaliseHeader } from '../engine/columns';
import type { BandStyle, Condition, ScoringModel } from '../engine/model';
import { REASON_SEPARATOR, reasonPiece } from '../engine/reasons';
import { compileModel, type MissingColumn } from '../engine/scorer';
import type { TableColumn } from './column-types';
import { type CellSql, conditionSql } from './conditions';
import type { Dialect } from './dialect';
import { Plan, type Stage } from './plan';
import { type ColumnReadings, columnReadings, round2, roundHalfUp } from './readers';

const DAY_MS = 86_400_000;
/** Derived columns start with this; an input column may not. */
const PREFIX = '_ls_';

/**
 * When scores are "as of": a date (midnight UTC, as the CLI's --as-of reads it), an exact time in epoch ms,
 * or today's date in a time zone when the query runs (BigQuery's CURRENT_DATE() alone is UTC's).
 */
export type AsOf = { date: string } | { time: number } | { timeZone: string };

export interface SqlOptions {
  dialect: Dialect;
  /** The table or view scored: "project.dataset.leads" (BigQuery), "leads" or "schema.leads" (DuckDB). */
  table: string;
  /** The table's columns in order, with their types. */
  columns: readonly TableColumn[];
  asOf: AsOf;
}

export interface GeneratedSql {
  sql: string;
  /** Rules, disqualifiers or decay whose column the table does not have (they give nothing, as in the engine). */
  missingColumns: MissingColumn[];
  /** Model column name -> the table column it was found under. */
  resolved: { id: string; column: string; tableColumn: string }[];
}

/** The result columns, in order. */
export const RESULT_NAMES = [
  'score',
  'fit',
  'intent',
  'band',
  'grade',
  'quadrant',
  'reasons',
  'action',
  'confidence',
] as const;

export class SqlError extends Error {}

/** 'YYYY-MM-DD' -> epoch ms at midnight UTC, as the CLI's --as-of reads it. */
function dateMillis(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== date)
    throw new SqlError(`as-of date '${date}' is not a date (use YYYY-MM-DD)`);
  return time;
}

/** "+2.5" / "-10" / "0" of a double, as the engine's formatPoints writes it (for |points| < 1e13). */
function formatPointsSql(d: Dialect, points: string): string {
  const rounded = roundHalfUp(`(${points}) * 100`);
  const cents = `ABS(${rounded})`;
  const sign = `CASE WHEN ${rounded} > 0 THEN '+' WHEN ${rounded} < 0 THEN '-' ELSE '' END`;
  const whole = d.string(d.int(`FLOOR(${cents} / 100)`));
  const fraction = `MOD(${d.int(cents)}, 100)`;
  const decimals =
    `CASE WHEN ${fraction} = 0 THEN '' WHEN MOD(${fraction}, 10) = 0 THEN '.' || ${d.string(d.int(`${fraction} / 10`))} ` +
    `WHEN ${fraction} < 10 THEN '.0' || ${d.string(fraction)} ELSE '.' || ${d.string(fraction)} END`;
  return `(${sign} || ${whole} || ${decimals})`;
}

function literalNumber(value: number): string {
  if (!Number.isFinite(value)) throw new SqlError(`cannot write ${value} in SQL`);
  return String(value);
}

function clampSql(x: string, min: number | undefined, max: number | undefined): string {
  let out = x;
  if (min !== undefined) out = `GREATEST(${out}, ${literalNumber(min)})`;
  if (max !== undefined) out = `LEAST(${out}, ${literalNumber(max)})`;
  return out;
}

/** GREATEST of one or more non-NULL arguments (BigQuery's GREATEST is NULL if any argument is). */
function greatest(args: string[]): string {
  return args.length === 1 ? (args[0] as string) : `GREATEST(${args.join(', ')})`;
}

interface BoundColumn {
  index: number;
  readings: ColumnReadings;
  fit: boolean;
}

export function generateSql(model: ScoringModel, options: SqlOptions): GeneratedSql {
  const { dialect: d, columns } = options;
  const header = columns.map((column) => column.name);
  const clash = header.find((name) => name.toLowerCase().startsWith(PREFIX));
  if (clash !== undefined)
    throw new SqlError(`column '${clash}' starts with '${PREFIX}', which the generated SQL keeps for itself`);
  const compiled = compileModel(model);
  const plan = new Plan(d.ident);
  const asOf =
    'date' in options.asOf
      ? literalNumber(dateMillis(options.asOf.date))
      : 'time' in options.asOf
        ? literalNumber(options.asOf.time)
        : `(${d.todayDays(options.asOf.timeZone)} * ${DAY_MS})`;

  const missingColumns: MissingColumn[] = [];
  const resolved: GeneratedSql['resolved'] = [];
  const bound = new Map<number, BoundColumn>();
  const locate = (id: string, column: string): BoundColumn | null => {
    const index = findColumn(header, column, model.columnSynonyms);
    if (index < 0) {
      missingColumns.push({ id, column });
      return null;
    }
    const table = columns[index] as TableColumn;
    resolved.push({ id, column, tableColumn: table.name });
    let entry = bound.get(index);
    if (!entry) {
      if (table.kind === 'other')
        throw new SqlError(`column '${table.name}' (for rule '${id}') has a type LeadScore cannot read`);
      entry = {
        index,
        readings: columnReadings(
          plan,
          d,
          table.name,
          table.kind,
          `${PREFIX}c${bound.size}`,
          compiled.missingTokens,
        ),
        fit: false,
      };
      bound.set(index, entry);
    }
    return entry;
  };
  const context = { dialect: d, asOf, personalDomains: compiled.personalDomains };
  /** A derived column true when the condition holds for the cell (only `isBlank` matches a blank cell). */
  const matchColumn = (name: string, column: BoundColumn, condition: Condition) =>
    plan.add(name, (ref) => {
      const readings = column.readings;
      const blank = ref(readings.blank());
      if (condition.op === 'isBlank') return blank;
      const cell: CellSql = {
        text: () => ref(readings.text()),
        number: () => ref(readings.number()),
        boolean: () => ref(readings.boolean()),
        time: () => ref(readings.time()),
        domain: () => ref(readings.domain()),
      };
      return `(NOT ${blank} AND COALESCE(${conditionSql(condition, cell, context)}, FALSE))`;
    });

  // Rules, in model order: points or NULL, and the reason piece of each.
  interface RuleSql {
    points: string;
    weight: string;
    piece: string;
    groupIndex: number;
  }
  const rules: RuleSql[] = [];
  let fitRulesMissing = 0;
  model.groups.forEach((group, groupIndex) => {
    for (const rule of group.rules) {
      if (!rule.enabled) continue;
      const n = rules.length;
      const column = locate(rule.id, rule.column);
      if (!column) {
        if (group.kind === 'fit') fitRulesMissing++;
        continue;
      }
      if (group.kind === 'fit') column.fit = true;
      const matched = matchColumn(`${PREFIX}m${n}`, column, rule.condition);
      const perUnit = rule.perUnit === true;
      const points = plan.add(`${PREFIX}r${n}`, (ref) => {
        if (!perUnit) return `CASE WHEN ${ref(matched)} THEN ${literalNumber(rule.points)} END`;
        const units = column.readings.number();
        const raw = `${literalNumber(rule.points)} * ${ref(units)}`;
        const max = rule.maxPoints;
        const clamped =
          max === undefined ? raw : `LEAST(GREATEST(${raw}, ${literalNumber(-max)}), ${literalNumber(max)})`;
        return `CASE WHEN ${ref(matched)} AND ${ref(units)} IS NOT NULL THEN ${clamped} END`;
      });
      const fixedWeight = Math.abs(Math.round(rule.points * 100) / 100);
      const weight = plan.add(`${PREFIX}w${n}`, (ref) =>
        perUnit
          ? `CASE WHEN ${ref(points)} IS NULL THEN 0 ELSE ABS(${round2(ref(points))}) END`
          : `CASE WHEN ${ref(points)} IS NULL THEN 0 ELSE ${literalNumber(fixedWeight)} END`,
      );
      const piece = plan.add(`${PREFIX}p${n}`, (ref) =>
        perUnit
          ? `${formatPointsSql(d, ref(points))} || ${d.text(` ${rule.label}`)}`
          : d.text(reasonPiece(rule.points, rule.label)),
      );
      rules.push({ points, weight, piece, groupIndex });
    }
  });

  // Disqualifiers: the index of the first that matches.
  const disqualifiers = model.disqualifiers.filter((entry) => entry.enabled);
  const dqMatches: { index: number; matched: string }[] = [];
  disqualifiers.forEach((entry, index) => {
    const column = locate(entry.id, entry.column);
    if (column)
      dqMatches.push({ index, matched: matchColumn(`${PREFIX}q${index}`, column, entry.condition) });
  });
  const disqualifiedBy = plan.add(`${PREFIX}dq`, (ref) =>
    dqMatches.length === 0
      ? d.int('NULL')
      : `CASE ${dqMatches.map(({ index, matched }) => `WHEN ${ref(matched)} THEN ${index}`).join(' ')} END`,
  );

  // Group totals, capped, then fit and intent.
  const groupTotals = model.groups.map((group, groupIndex) =>
    plan.add(`${PREFIX}g${groupIndex}`, (ref) => {
      const sum = [
        '0',
        ...rules.filter((r) => r.groupIndex === groupIndex).map((r) => `COALESCE(${ref(r.points)}, 0)`),
      ].join(' + ');
      return clampSql(`(${sum})`, group.floor, group.cap);
    }),
  );
  const kindTotal = (kind: 'fit' | 'intent') =>
    plan.add(`${PREFIX}${kind}`, (ref) =>
      [
        '0',
        ...model.groups.flatMap((group, i) => (group.kind === kind ? [ref(groupTotals[i] as string)] : [])),
      ].join(' + '),
    );
  const fit = kindTotal('fit');
  const intent = kindTotal('intent');

  // Decay of intent by the age of the decay column's date.
  const decayModel = model.decay;
  const decayColumn = decayModel ? locate('decay', decayModel.column) : null;
  const decay = plan.add(`${PREFIX}decay`, (ref) => {
    if (!decayModel || !decayColumn) return '0';
    const time = decayColumn.readings.time();
    const blank = decayColumn.readings.blank();
    const age = `((${asOf} - ${ref(time)}) / ${DAY_MS})`;
    const i = ref(intent);
    const points =
      decayModel.mode === 'halfLife'
        ? `(${i} * POW(0.5, ${age} / ${literalNumber(decayModel.halfLifeDays)}) - ${i})`
        : `GREATEST(CASE ${[...decayModel.steps]
            .reverse()
            .map(
              (step) => `WHEN ${age} >= ${literalNumber(step.afterDays)} THEN ${literalNumber(step.points)}`,
            )
            .join(' ')} ELSE 0 END, -${i})`;
    return `CASE WHEN ${ref(blank)} OR ${ref(time)} IS NULL OR ${i} <= 0 OR ${age} <= 0 THEN 0 ELSE ${round2(points)} END`;
  });

  const score = plan.add(`${PREFIX}score`, (ref) =>
    round2(clampSql(`${ref(fit)} + ${ref(intent)} + ${ref(decay)}`, model.scale.min, model.scale.max)),
  );

  // Confidence: the share of fit columns holding a value (a fit rule's missing column counts as empty).
  const fitColumns = [...bound.values()].filter((column) => column.fit);
  const fitColumnCount = fitColumns.length + fitRulesMissing;
  const filled = plan.add(`${PREFIX}filled`, (ref) =>
    ['0', ...fitColumns.map((column) => `CASE WHEN ${ref(column.readings.blank())} THEN 0 ELSE 1 END`)].join(
      ' + ',
    ),
  );
  const confidence = plan.add(`${PREFIX}confidence`, (ref) =>
    fitColumnCount === 0 ? '1' : round2(`${ref(filled)} / ${fitColumnCount}`),
  );

  // Reasons: the three heaviest contributions (ties keep model order), then decay.
  const pick = (name: string, exclude: string[]) => {
    const top = plan.add(`${name}w`, (ref) =>
      rules.length === 0
        ? '0'
        : greatest(
            rules.map((rule, i) =>
              exclude.length === 0
                ? ref(rule.weight)
                : `CASE WHEN ${exclude.map((e) => `${ref(e)} = ${i + 1}`).join(' OR ')} THEN 0 ELSE ${ref(rule.weight)} END`,
            ),
          ),
    );
    return plan.add(name, (ref) => {
      if (rules.length === 0) return '0';
      const cases = rules
        .map((rule, i) => {
          const free = exclude.map((e) => `${ref(e)} <> ${i + 1} AND `).join('');
          return `WHEN ${free}${ref(rule.weight)} = ${ref(top)} THEN ${i + 1}`;
        })
        .join(' ');
      return `CASE WHEN ${ref(top)} <= 0 THEN 0 ${cases} ELSE 0 END`;
    });
  };
  const first = pick(`${PREFIX}top1`, []);
  const second = pick(`${PREFIX}top2`, [first]);
  const third = pick(`${PREFIX}top3`, [first, second]);
  const pieceOf = (ref: (name: string) => string, top: string) =>
    rules.length === 0
      ? "''"
      : `CASE ${ref(top)} ${rules.map((rule, i) => `WHEN ${i + 1} THEN ${ref(rule.piece)}`).join(' ')} ELSE '' END`;
  const separator = d.text(REASON_SEPARATOR);
  const picked = plan.add(
    `${PREFIX}picked`,
    (ref) =>
      `(${pieceOf(ref, first)} || ` +
      `CASE WHEN ${ref(second)} > 0 THEN ${separator} || ${pieceOf(ref, second)} ELSE '' END || ` +
      `CASE WHEN ${ref(third)} > 0 THEN ${separator} || ${pieceOf(ref, third)} ELSE '' END)`,
  );
  const withDecay = plan.add(
    `${PREFIX}reasons0`,
    (ref) =>
      `CASE WHEN ${ref(decay)} < 0 THEN ${ref(picked)} || CASE WHEN ${ref(picked)} = '' THEN '' ELSE ${separator} END || ` +
      `${formatPointsSql(d, ref(decay))} || ' inactivity' ELSE ${ref(picked)} END`,
  );

  // Band: disqualified, needs review, or by score.
  const missingData = model.missingData;
  const status = plan.add(`${PREFIX}status`, (ref) => {
    const review = missingData
      ? `WHEN ${ref(confidence)} < ${literalNumber(missingData.minFitFilled)} THEN 'review' `
      : '';
    return `CASE WHEN ${ref(disqualifiedBy)} IS NOT NULL THEN 'dq' ${review}ELSE 'band' END`;
  });
  const bandIndex = plan.add(`${PREFIX}bandindex`, (ref) => {
    const cases = model.bands
      .map((band, i) => ({ band, i }))
      .slice(1)
      .reverse()
      .map(({ band, i }) => `WHEN ${ref(score)} >= ${literalNumber(band.min)} THEN ${i}`)
      .join(' ');
    return cases ? `CASE ${cases} ELSE 0 END` : '0';
  });
  const styled = (ref: (name: string) => string, read: (style: BandStyle) => string) => {
    const bands = model.bands.map((band, i) => `WHEN ${i} THEN ${d.text(read(band))}`).join(' ');
    const review = missingData ? `WHEN 'review' THEN ${d.text(read(missingData.band))} ` : '';
    return (
      `CASE ${ref(status)} WHEN 'dq' THEN ${d.text(read(model.disqualifiedBand))} ${review}` +
      `ELSE CASE ${ref(bandIndex)} ${bands} END END`
    );
  };
  const band = plan.add(`${PREFIX}band`, (ref) => styled(ref, (style) => style.name));
  const action = plan.add(`${PREFIX}action`, (ref) => styled(ref, (style) => style.action));
  const reasons = plan.add(`${PREFIX}reasons`, (ref) => {
    const prefixed = (note: string) =>
      `(${note} || CASE WHEN ${ref(withDecay)} = '' THEN '' ELSE ${separator} || ${ref(withDecay)} END)`;
    const dqReason = `CASE ${ref(disqualifiedBy)} ${disqualifiers.map((entry, i) => `WHEN ${i} THEN ${d.text(entry.reason)}`).join(' ')} END`;
    const reviewNote = `('Needs review: ' || ${d.string(ref(filled))} || ${d.text(` of ${fitColumnCount} fit columns filled`)})`;
    return (
      `CASE ${ref(status)} WHEN 'dq' THEN ${disqualifiers.length > 0 ? prefixed(dqReason) : "''"} ` +
      `WHEN 'review' THEN ${prefixed(reviewNote)} ELSE ${ref(withDecay)} END`
    );
  });
  const grade = plan.add(`${PREFIX}grade`, (ref) => {
    const grades = model.grades ?? [];
    if (grades.length === 0) return "''";
    return `CASE ${grades.map((g) => `WHEN ${ref(fit)} >= ${literalNumber(g.minFit)} THEN ${d.text(g.grade)}`).join(' ')} ELSE '' END`;
  });
  const quadrant = plan.add(`${PREFIX}quadrant`, (ref) => {
    const q = model.quadrants;
    if (!q) return "''";
    const highFit = `${ref(fit)} >= ${literalNumber(q.fitThreshold)}`;
    const highIntent = `${ref(intent)} + ${ref(decay)} >= ${literalNumber(q.intentThreshold)}`;
    return (
      `CASE WHEN ${highFit} THEN CASE WHEN ${highIntent} THEN ${d.text(q.labels.highFitHighIntent)} ELSE ${d.text(q.labels.highFitLowIntent)} END ` +
      `ELSE CASE WHEN ${highIntent} THEN ${d.text(q.labels.lowFitHighIntent)} ELSE ${d.text(q.labels.lowFitLowIntent)} END END`
    );
  });

  // A row whose every cell is empty is a blank row: the engine gives it no result.
  const blankRow = plan.add(
    `${PREFIX}blankrow`,
    (ref) =>
      columns
        .map((column) =>
          column.kind === 'text'
            ? `(${ref(column.name)} IS NULL OR ${ref(column.name)} = '')`
            : column.kind === 'any'
              ? `(${ref(column.name)} IS NULL OR ${d.string(ref(column.name))} = '')`
              : `${ref(column.name)} IS NULL`,
        )
        .join(' AND ') || 'FALSE',
  );

  const results: Record<(typeof RESULT_NAMES)[number], string> = {
    score,
    fit: plan.add(`${PREFIX}fit2`, (ref) => round2(ref(fit))),
    intent: plan.add(`${PREFIX}intent2`, (ref) => round2(`${ref(intent)} + ${ref(decay)}`)),
    band,
    grade,
    quadrant,
    reasons,
    action,
    confidence,
  };
  const taken = new Set(header.map((name) => normaliseHeader(name)));
  const { stages } = plan.finish([blankRow, ...RESULT_NAMES.map((name) => results[name])]);
  const outputs = RESULT_NAMES.map((name) => {
    const alias = taken.has(normaliseHeader(name)) ? `leadscore_${name}` : name;
    return `CASE WHEN ${d.ident(blankRow)} THEN NULL ELSE ${d.ident(results[name])} END AS ${d.ident(alias)}`;
  });

  return { sql: renderQuery(d, options.table, header, stages, outputs), missingColumns, resolved };
}

/** The stages as CTEs over `table`, then a SELECT of the input columns and `outputs` (SQL select items). */
export function renderQuery(
  d: Dialect,
  table: string,
  header: readonly string[],
  stages: Stage[],
  outputs: string[],
): string {
  const preludes = d.preludes();
  const ctes: string[] = preludes.map((prelude) => `${prelude.name} AS (${prelude.sql})`);
  const passed = header.map((name) => d.ident(name));
  stages.forEach((stage, i) => {
    const select = [
      ...passed,
      ...stage.carried.map((name) => d.ident(name)),
      ...stage.computed.map((column) => `${column.sql} AS ${d.ident(column.name)}`),
    ];
    // A prelude (one row) joins only the stages that read it, so its columns are not carried through the rest.
    const joined = preludes.filter((prelude) =>
      stage.computed.some((column) => prelude.columns.some((name) => column.sql.includes(name))),
    );
    const from = [i === 0 ? d.table(table) : `${PREFIX}s${i}`, ...joined.map((prelude) => prelude.name)].join(
      ', ',
    );
    ctes.push(
      `${PREFIX}s${i + 1} AS (\n  SELECT\n${select.map((item) => `    ${item}`).join(',\n')}\n  FROM ${from}\n)`,
    );
  });
  const last = `${PREFIX}s${stages.length}`;
  const columns = [...header.map((name) => d.ident(name)), ...outputs]
    .map((column) => `  ${column}`)
    .join(',\n');
  return `WITH\n${ctes.join(',\n')}\nSELECT\n${columns}\nFROM ${last}`;
}
