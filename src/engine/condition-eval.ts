// Compiles one rule condition into a fast test of a raw cell value.
// Text tests are memoised per distinct cell string: imported columns repeat a few values thousands of times.

import { domainMatches, emailDomain, isPersonalDomain } from './email';
import type { Condition } from './model';
import { isDateValue, normaliseText, toBoolean, toNumber, toTime } from './normalise';

const DAY_MS = 86_400_000;
/** Memo size per condition; beyond it values are tested without caching (free-text columns). */
const MEMO_LIMIT = 4096;

/** What a test says about one non-blank cell. `problem` explains a cell the condition cannot read. */
export interface CellTest {
  matched: boolean;
  problem: string | null;
}

const MATCHED: CellTest = { matched: true, problem: null };
const UNMATCHED: CellTest = { matched: false, problem: null };

export interface ConditionContext {
  asOf: number;
  personalDomains: ReadonlySet<string>;
}

/** A compiled test of a non-blank cell (blank cells never reach it: only `isBlank` matches them). */
export type CellPredicate = (cell: unknown) => CellTest;

function verdict(matched: boolean): CellTest {
  return matched ? MATCHED : UNMATCHED;
}

function problem(text: string): CellTest {
  return { matched: false, problem: text };
}

/** A cell as problems quote it: "'12 people'", long text cut at 40 characters. */
export function describeCell(cell: unknown): string {
  const text = isDateValue(cell) ? cell.toISOString().slice(0, 10) : String(cell);
  return text.length > 40 ? `'${text.slice(0, 37)}...'` : `'${text}'`;
}

/** Caches a predicate's verdict on string cells, which are the common and the expensive case. */
function memoiseStringVerdicts(test: CellPredicate): CellPredicate {
  const memo = new Map<string, CellTest>();
  return (cell) => {
    if (typeof cell !== 'string') return test(cell);
    const known = memo.get(cell);
    if (known) return known;
    const result = test(cell);
    if (memo.size < MEMO_LIMIT) memo.set(cell, result);
    return result;
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Keywords match whole words, so "cto" does not fire inside "director". */
function keywordPattern(keywords: readonly string[]): RegExp {
  const alternatives = keywords
    .map((keyword) => normaliseText(keyword))
    .filter((keyword) => keyword.length > 0)
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp);
  return new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'u');
}

function numberTest(check: (value: number) => boolean): CellPredicate {
  return (cell) => {
    const value = toNumber(cell);
    if (value === null) return problem(`${describeCell(cell)} is not a number`);
    return verdict(check(value));
  };
}

function booleanTest(expected: boolean): CellPredicate {
  return (cell) => {
    const value = toBoolean(cell);
    if (value === null) return problem(`${describeCell(cell)} is not yes/no`);
    return verdict(value === expected);
  };
}

function ageTest(context: ConditionContext, check: (ageDays: number) => boolean): CellPredicate {
  // Safe to cache per cell value: asOf is fixed for the life of a compiled condition.
  return (cell) => {
    const time = toTime(cell);
    if (time === null) return problem(`${describeCell(cell)} is not a date`);
    return verdict(check((context.asOf - time) / DAY_MS));
  };
}

function textTest(check: (text: string) => boolean): CellPredicate {
  return (cell) => verdict(check(normaliseText(cell)));
}

function equalsTest(expected: Condition & { op: 'equals' | 'notEquals' }): (cell: unknown) => boolean {
  const value = expected.value;
  if (typeof value === 'number') return (cell) => toNumber(cell) === value;
  if (typeof value === 'boolean') return (cell) => toBoolean(cell) === value;
  const text = normaliseText(value);
  return (cell) => normaliseText(cell) === text;
}

/**
 * Several rules usually test one Email column, and e-mail addresses are unique per lead so the per-value
 * caches miss: remember the last address parsed, which the next rule on the same row asks for again.
 */
let lastEmailCell: unknown = null;
let lastEmailDomain: string | null = null;
function emailDomainOnce(cell: unknown): string | null {
  if (cell !== lastEmailCell || typeof cell !== 'string') {
    lastEmailCell = cell;
    lastEmailDomain = emailDomain(cell);
  }
  return lastEmailDomain;
}

function emailTest(check: (domain: string) => boolean): CellPredicate {
  return (cell) => {
    const domain = emailDomainOnce(cell);
    if (domain === null) return problem(`${describeCell(cell)} is not an email address`);
    return verdict(check(domain));
  };
}

/**
 * Compiles a condition for non-blank cells. `isBlank` and `notBlank` are decided by the caller from
 * the blank flag, so here they are constant.
 */
export function compileCondition(
  condition: Condition,
  context: ConditionContext,
  memoise = true,
): CellPredicate {
  const test = compileRaw(condition, context);
  return memoise ? memoiseStringVerdicts(test) : test;
}

function compileRaw(condition: Condition, context: ConditionContext): CellPredicate {
  switch (condition.op) {
    case 'equals': {
      const equals = equalsTest(condition);
      return (cell) => verdict(equals(cell));
    }
    case 'notEquals': {
      const equals = equalsTest(condition);
      return (cell) => verdict(!equals(cell));
    }
    case 'isOneOf': {
      const allowed = new Set(condition.values.map((value) => normaliseText(value)));
      return textTest((text) => allowed.has(text));
    }
    case 'containsAny': {
      const pattern = keywordPattern(condition.values);
      return textTest((text) => pattern.test(text));
    }
    case 'startsWith': {
      const prefixes = condition.values.map((value) => normaliseText(value));
      return textTest((text) => prefixes.some((prefix) => text.startsWith(prefix)));
    }
    case 'endsWith': {
      const suffixes = condition.values.map((value) => normaliseText(value));
      return textTest((text) => suffixes.some((suffix) => text.endsWith(suffix)));
    }
    case 'atLeast': {
      const min = condition.value;
      return numberTest((value) => value >= min);
    }
    case 'atMost': {
      const max = condition.value;
      return numberTest((value) => value <= max);
    }
    case 'between': {
      const { min, max } = condition;
      return numberTest((value) => value >= min && value <= max);
    }
    case 'isBlank':
      return () => UNMATCHED;
    case 'notBlank':
      return () => MATCHED;
    case 'isTrue':
      return booleanTest(true);
    case 'isFalse':
      return booleanTest(false);
    case 'withinDays': {
      const days = condition.days;
      // A date in the future (a scheduled activity) counts as recent.
      return ageTest(context, (age) => age <= days);
    }
    case 'olderThanDays': {
      const days = condition.days;
      return ageTest(context, (age) => age > days);
    }
    case 'personalEmail':
      return emailTest((domain) => isPersonalDomain(domain, context.personalDomains));
    case 'emailDomainIn': {
      const listed = condition.values;
      return emailTest((domain) => listed.some((entry) => domainMatches(domain, entry)));
    }
  }
}
