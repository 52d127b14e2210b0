// The catalogue of rule conditions: what each needs, how it reads, which cell values it suits.
// Validation, the rules sheet, the sidebar's pickers and the compiler all read this one table.
import type { Condition, ConditionOp } from './model';

/** What a condition carries beside its op. */
export type ConditionParams = 'none' | 'value' | 'number' | 'list' | 'range' | 'days';

/** The kind of cell value a condition is meant for (the sidebar offers suited conditions first). */
export type ValueKind = 'any' | 'text' | 'number' | 'boolean' | 'date' | 'email';

export interface ConditionInfo {
  op: ConditionOp;
  /** Words used in the rules sheet and the sidebar: "is one of". */
  label: string;
  params: ConditionParams;
  suits: ValueKind;
}

export const CONDITIONS: readonly ConditionInfo[] = [
  { op: 'equals', label: 'equals', params: 'value', suits: 'any' },
  { op: 'notEquals', label: 'does not equal', params: 'value', suits: 'any' },
  { op: 'isOneOf', label: 'is one of', params: 'list', suits: 'text' },
  { op: 'containsAny', label: 'contains any of', params: 'list', suits: 'text' },
  { op: 'startsWith', label: 'starts with', params: 'list', suits: 'text' },
  { op: 'endsWith', label: 'ends with', params: 'list', suits: 'text' },
  { op: 'atLeast', label: 'is at least', params: 'number', suits: 'number' },
  { op: 'atMost', label: 'is at most', params: 'number', suits: 'number' },
  { op: 'between', label: 'is between', params: 'range', suits: 'number' },
  { op: 'isBlank', label: 'is blank', params: 'none', suits: 'any' },
  { op: 'notBlank', label: 'is not blank', params: 'none', suits: 'any' },
  { op: 'isTrue', label: 'is true', params: 'none', suits: 'boolean' },
  { op: 'isFalse', label: 'is false', params: 'none', suits: 'boolean' },
  { op: 'withinDays', label: 'is within days', params: 'days', suits: 'date' },
  { op: 'olderThanDays', label: 'is older than days', params: 'days', suits: 'date' },
  { op: 'personalEmail', label: 'is a personal email', params: 'none', suits: 'email' },
  { op: 'emailDomainIn', label: 'email domain is one of', params: 'list', suits: 'email' },
];

const BY_OP = new Map<string, ConditionInfo>(CONDITIONS.map((info) => [info.op, info]));
const BY_LABEL = new Map<string, ConditionInfo>(CONDITIONS.map((info) => [info.label, info]));

/** Looks a condition up by op ("isOneOf") or by its label ("is one of"), case-insensitively. */
export function findCondition(name: string): ConditionInfo | undefined {
  const trimmed = name.trim();
  const byOp = BY_OP.get(trimmed);
  if (byOp) return byOp;
  const lower = trimmed.toLowerCase().replace(/\s+/g, ' ');
  for (const info of CONDITIONS) if (info.op.toLowerCase() === lower) return info;
  return BY_LABEL.get(lower);
}

export function conditionInfo(condition: Condition): ConditionInfo {
  const info = BY_OP.get(condition.op);
  // The Condition union and CONDITIONS list the same ops; a miss means the two drifted apart.
  if (!info) throw new Error(`Unknown condition op '${condition.op}'`);
  return info;
}
