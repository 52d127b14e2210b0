// Pickers tied to the real lead table: a column select from its headers and a condition select suited to the column.
import { findColumn } from '../engine/columns';
import { CONDITIONS, type ValueKind } from '../engine/conditions';
import type { ConditionOp } from '../engine/model';
import type { ColumnInfo } from '../shared/sidebar-rpc';
import type { App } from './app';
import { type Option, select } from './dom';

const KIND_WORDS: Record<ValueKind, string> = {
  any: 'any',
  text: 'text',
  number: 'number',
  boolean: 'yes/no',
  date: 'date',
  email: 'email',
};

/** The lead-table column a rule's column name resolves to (synonyms included), if any. */
export function resolveColumn(app: App, name: string): ColumnInfo | undefined {
  const headers = app.state.columns.map((column) => column.header);
  const index = findColumn(headers, name, app.draft.columnSynonyms);
  return index < 0 ? undefined : app.state.columns[index];
}

/** Headers of the lead table; a name the table lacks stays selectable so nothing is lost silently. */
export function columnSelect(app: App, current: string, onChange: (header: string) => void, key: string) {
  const options: Option[] = app.state.columns.map((column) => ({
    value: column.header,
    text: `${column.header} (${KIND_WORDS[column.kind]})`,
  }));
  const exact = app.state.columns.some((column) => column.header === current);
  if (!exact) {
    const match = resolveColumn(app, current);
    options.unshift({
      value: current,
      text: match ? `${current} (= ${match.header})` : `${current} (not in the sheet)`,
    });
  }
  return select(options, current, onChange, key);
}

/** Conditions that suit the column's values first, then the rest, so the likely choice is at hand. */
export function conditionSelect(
  kind: ValueKind | undefined,
  current: ConditionOp,
  onChange: (op: ConditionOp) => void,
  key: string,
): HTMLSelectElement {
  const suited = (suits: ValueKind) => kind === undefined || suits === 'any' || suits === kind;
  const option = (info: (typeof CONDITIONS)[number]): Option => ({ value: info.op, text: info.label });
  const first = CONDITIONS.filter((info) => suited(info.suits)).map(option);
  const rest = CONDITIONS.filter((info) => !suited(info.suits)).map(option);
  const groups =
    kind === undefined || rest.length === 0
      ? first
      : [
          { group: `Suits ${KIND_WORDS[kind]} values`, options: first },
          { group: 'Other tests', options: rest },
        ];
  return select(
    groups,
    current,
    (value) => {
      const info = CONDITIONS.find((entry) => entry.op === value);
      if (info) onChange(info.op);
    },
    key,
  );
}

export function samplesHint(column: ColumnInfo | undefined): string {
  if (!column || column.samples.length === 0) return '';
  return `e.g. ${column.samples.slice(0, 3).join(', ')}`;
}
