// Each rule condition as SQL, one entry per ConditionOp (the engine's condition-eval.ts, test by test).
// Kept as one exhaustive table so it can move into the engine's condition catalogue beside the JavaScript test.
import { normaliseDomain, PERSONAL_EMAIL_DOMAINS } from '../engine/email';
import type { Condition, ConditionOp, Scalar } from '../engine/model';
import { normaliseText } from '../engine/normalise';
import type { Dialect } from './dialect';
import { literalPattern } from './regex';

/** The readings a condition needs of its cell; each names a derived column (see readers.ts). */
export interface CellSql {
  text(): string;
  number(): string;
  boolean(): string;
  /** Epoch milliseconds. */
  time(): string;
  domain(): string;
}

export interface ConditionContext {
  dialect: Dialect;
  /** The as-of time in epoch milliseconds, as SQL. */
  asOf: string;
  /** The model's extra personal domains as the engine compiled them (trimmed, lower case). */
  personalDomains: ReadonlySet<string>;
}

/** SQL true when the condition holds for a non-blank cell (NULL counts as false). */
type ConditionSql<Op extends ConditionOp> = (
  condition: Extract<Condition, { op: Op }>,
  cell: CellSql,
  context: ConditionContext,
) => string;

const DAY_MS = 86_400_000;

function number(value: number): string {
  // Model numbers are finite (validated); String() gives a literal both engines read back exactly.
  return String(value);
}

function equalsSql(value: Scalar, cell: CellSql, { dialect }: ConditionContext): string {
  if (typeof value === 'number') return `(${cell.number()} = ${number(value)})`;
  if (typeof value === 'boolean') return `(${cell.boolean()} = ${value ? 'TRUE' : 'FALSE'})`;
  return `(${cell.text()} = ${dialect.text(normaliseText(value))})`;
}

function anyOf(tests: string[]): string {
  return tests.length === 0 ? 'FALSE' : `(${tests.join(' OR ')})`;
}

/** Domains of the list, or their subdomains: "(^|\.)(a\.com|b\.org)$". */
function domainPattern(domains: readonly string[]): string | null {
  if (domains.length === 0) return null;
  return `(?:^|\\.)(?:${domains.map(literalPattern).join('|')})$`;
}

function ageDays(cell: CellSql, context: ConditionContext): string {
  return `((${context.asOf} - ${cell.time()}) / ${DAY_MS})`;
}

export const CONDITION_SQL: { [Op in ConditionOp]: ConditionSql<Op> } = {
  equals: (condition, cell, context) => equalsSql(condition.value, cell, context),
  notEquals: (condition, cell, context) =>
    `NOT COALESCE(${equalsSql(condition.value, cell, context)}, FALSE)`,
  isOneOf: (condition, cell, { dialect }) => {
    const values = [...new Set(condition.values.map((value) => normaliseText(value)))];
    return values.length === 0 ? 'FALSE' : `(${cell.text()} IN (${values.map(dialect.text).join(', ')}))`;
  },
  containsAny: (condition, cell, { dialect }) => {
    // Whole words, as the engine's keyword pattern: the look-ahead becomes a consumed boundary, which
    // changes nothing for a yes/no test.
    const words = condition.values
      .map((value) => normaliseText(value))
      .filter((value) => value.length > 0)
      .sort((a, b) => b.length - a.length)
      .map(literalPattern);
    return dialect.contains(cell.text(), `(?:^|[^\\p{L}\\p{N}])(?:${words.join('|')})(?:$|[^\\p{L}\\p{N}])`);
  },
  startsWith: (condition, cell, { dialect }) =>
    anyOf(
      condition.values
        .map((value) => normaliseText(value))
        .map((prefix) => (prefix === '' ? 'TRUE' : `STARTS_WITH(${cell.text()}, ${dialect.text(prefix)})`)),
    ),
  endsWith: (condition, cell, { dialect }) =>
    anyOf(
      condition.values
        .map((value) => normaliseText(value))
        .map((suffix) => (suffix === '' ? 'TRUE' : `ENDS_WITH(${cell.text()}, ${dialect.text(suffix)})`)),
    ),
  atLeast: (condition, cell) => `(${cell.number()} >= ${number(condition.value)})`,
  atMost: (condition, cell) => `(${cell.number()} <= ${number(condition.value)})`,
  between: (condition, cell) =>
    `(${cell.number()} >= ${number(condition.min)} AND ${cell.number()} <= ${number(condition.max)})`,
  // Blank cells never reach a test: the caller decides isBlank / notBlank from the blank flag.
  isBlank: () => 'FALSE',
  notBlank: () => 'TRUE',
  isTrue: (_condition, cell) => `(${cell.boolean()} = TRUE)`,
  isFalse: (_condition, cell) => `(${cell.boolean()} = FALSE)`,
  // A date in the future counts as recent.
  withinDays: (condition, cell, context) => `(${ageDays(cell, context)} <= ${number(condition.days)})`,
  olderThanDays: (condition, cell, context) => `(${ageDays(cell, context)} > ${number(condition.days)})`,
  personalEmail: (_condition, cell, context) => {
    // The engine checks the domain and each parent domain against the built-in list and the model's own,
    // whose entries may carry one leading '@'.
    const extra = [...context.personalDomains].map((domain) =>
      domain.startsWith('@') ? domain.slice(1) : domain,
    );
    const pattern = domainPattern([...PERSONAL_EMAIL_DOMAINS, ...extra.filter((domain) => domain !== '')]);
    return pattern === null ? 'FALSE' : context.dialect.contains(cell.domain(), pattern);
  },
  emailDomainIn: (condition, cell, { dialect }) => {
    const pattern = domainPattern(
      [...new Set(condition.values.map(normaliseDomain))].filter((domain) => domain !== ''),
    );
    return pattern === null ? 'FALSE' : dialect.contains(cell.domain(), pattern);
  },
};

/** The SQL test of one condition on a non-blank cell. */
export function conditionSql(condition: Condition, cell: CellSql, context: ConditionContext): string {
  const build = CONDITION_SQL[condition.op] as ConditionSql<ConditionOp>;
  return build(condition as never, cell, context);
}
