// Lead tables for a model: one column per column the model reads (plus a free-text one), each cell messy in the
// way the conditions on that column read it, with values near the model's own thresholds and lists.
import { writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import type { Condition, ScoringModel } from '../../../src/engine/model';
import {
  booleanCell,
  dateCell,
  emailCell,
  missingCell,
  numberCell,
  picker,
  type Random,
  smudge,
  textCell,
} from './messy-values';

type Reading = 'number' | 'boolean' | 'date' | 'email' | 'text';

function readingOf(condition: Condition, perUnit: boolean): Reading {
  if (perUnit) return 'number';
  switch (condition.op) {
    case 'atLeast':
    case 'atMost':
    case 'between':
      return 'number';
    case 'isTrue':
    case 'isFalse':
      return 'boolean';
    case 'withinDays':
    case 'olderThanDays':
      return 'date';
    case 'personalEmail':
    case 'emailDomainIn':
      return 'email';
    case 'equals':
    case 'notEquals':
      return typeof condition.value === 'number'
        ? 'number'
        : typeof condition.value === 'boolean'
          ? 'boolean'
          : 'text';
    default:
      return 'text';
  }
}

interface ColumnPlan {
  name: string;
  readings: Set<Reading>;
  /** Values named by the model (list entries, thresholds) to draw from. */
  named: string[];
}

function planColumns(model: ScoringModel, rename: (column: string) => string): ColumnPlan[] {
  const byName = new Map<string, ColumnPlan>();
  const plan = (column: string) => {
    const name = rename(column);
    let entry = byName.get(name);
    if (!entry) {
      entry = { name, readings: new Set(), named: [] };
      byName.set(name, entry);
    }
    return entry;
  };
  const note = (column: string, condition: Condition, perUnit: boolean) => {
    const entry = plan(column);
    entry.readings.add(readingOf(condition, perUnit));
    if ('values' in condition) entry.named.push(...condition.values);
    if ('value' in condition) entry.named.push(String(condition.value));
    if ('min' in condition)
      entry.named.push(
        String(condition.min),
        String(condition.max),
        String(condition.min - 1),
        String(condition.max + 1),
      );
    if ('value' in condition && typeof condition.value === 'number')
      entry.named.push(
        String(condition.value - 1),
        String(condition.value + 1),
        String(condition.value + 0.5),
      );
    if ('days' in condition) entry.named.push(String(condition.days));
  };
  for (const group of model.groups)
    for (const rule of group.rules) note(rule.column, rule.condition, rule.perUnit === true);
  for (const entry of model.disqualifiers) note(entry.column, entry.condition, false);
  if (model.decay) plan(model.decay.column).readings.add('date');
  return [...byName.values()];
}

/**
 * A warehouse schema for the fixture's columns: what the model reads as numbers is DOUBLE, yes/no BOOLEAN,
 * dates TIMESTAMP, the rest VARCHAR (cells that do not fit the type are NULL, as a typed load leaves them).
 */
export function fixtureTypes(
  model: ScoringModel,
  rename: (column: string) => string = (column) => column,
): Map<string, string> {
  const types = new Map<string, string>();
  for (const column of planColumns(model, rename)) {
    const readings = [...column.readings];
    const only = readings.length === 1 ? readings[0] : undefined;
    types.set(
      column.name,
      only === 'number'
        ? 'DOUBLE'
        : only === 'boolean'
          ? 'BOOLEAN'
          : only === 'date'
            ? 'TIMESTAMP'
            : 'VARCHAR',
    );
  }
  return types;
}

function cell(random: Random, column: ColumnPlan, base: number, index: number): string {
  const { pick, chance } = picker(random);
  if (chance(0.12)) return missingCell(random);
  const reading = pick([...column.readings]);
  if (column.named.length > 0 && chance(0.35)) {
    const named = pick(column.named);
    return reading === 'number' && chance(0.3)
      ? pick([`${named}+`, `$${named}`, `${named}.0`, ` ${named} `, `~${named}`])
      : smudge(random, named);
  }
  switch (reading) {
    case 'number':
      return numberCell(random, Number(column.named.find((value) => /^\d+$/.test(value)) ?? 100));
    case 'boolean':
      return booleanCell(random);
    case 'date':
      return dateCell(random, base);
    case 'email':
      return emailCell(random, index);
    case 'text':
      return textCell(random, column.named);
  }
}

/**
 * `rows` leads for `model`: a header (column names passed through `rename`, e.g. to snake_case) and string
 * cells; some rows are wholly blank, as exports end with.
 */
export function modelFixture(
  model: ScoringModel,
  rows: number,
  random: Random,
  base: number,
  rename: (column: string) => string = (column) => column,
): { header: string[]; rows: string[][] } {
  const columns = planColumns(model, rename);
  const header = [...columns.map((column) => column.name), 'Notes'];
  const { chance } = picker(random);
  const body = Array.from({ length: rows }, (_, index) =>
    chance(0.01)
      ? header.map(() => '')
      : [...columns.map((column) => cell(random, column, base, index)), chance(0.5) ? textCell(random) : ''],
  );
  return { header, rows: body };
}

export function writeCsv(
  file: string,
  header: readonly string[],
  rows: readonly (readonly string[])[],
): void {
  writeFileSync(file, stringify([header, ...rows]));
}

/** "Number of Employees" -> "number_of_employees", as warehouse loads name columns. */
export function snakeCase(column: string): string {
  return column
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}
