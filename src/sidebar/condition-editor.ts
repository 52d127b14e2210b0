// The condition part of a rule (or decay-free disqualifier): test picker plus the inputs its params need.
import { CONDITIONS, type ConditionParams } from '../engine/conditions';
import type { Condition, ConditionOp } from '../engine/model';
import { formatList, parseList } from '../engine/rules-sheet';
import type { ColumnInfo } from '../shared/sidebar-rpc';
import type { App } from './app';
import { conditionSelect, samplesHint } from './column-picker';
import { field, h, numberInput, parseNumber, setField, textInput } from './dom';

function paramsOf(op: string): ConditionParams {
  return CONDITIONS.find((info) => info.op === op)?.params ?? 'none';
}

/** A condition for `op` that keeps whatever the old one carried that still makes sense. */
export function convertCondition(old: Condition, op: ConditionOp): Record<string, unknown> {
  const get = (key: string): unknown => Reflect.get(old, key);
  const oldValue = get('value');
  const oldValues = get('values');
  const list = Array.isArray(oldValues) ? oldValues : undefined;
  const next: Record<string, unknown> = { op };
  switch (paramsOf(op)) {
    case 'value':
      next.value = oldValue ?? (list && list.length > 0 ? list[0] : '');
      break;
    case 'number':
      next.value = typeof oldValue === 'number' ? oldValue : typeof get('min') === 'number' ? get('min') : 0;
      break;
    case 'list':
      next.values = list ?? (oldValue === undefined || oldValue === '' ? [] : [String(oldValue)]);
      break;
    case 'range':
      next.min = typeof oldValue === 'number' ? oldValue : 0;
      next.max = 100;
      break;
    case 'days':
      next.days = typeof get('days') === 'number' ? get('days') : 30;
      break;
    default:
      break;
  }
  return next;
}

/**
 * Fields for `owner.condition` at model path `path` ("groups.0.rules.1"). Changing the test re-renders
 * the editors because the inputs it needs change.
 */
export function conditionFields(
  app: App,
  owner: { condition: Condition },
  path: string,
  column: ColumnInfo | undefined,
  key: string,
): HTMLElement[] {
  const condition = owner.condition;
  const conditionPath = `${path}.condition`;
  const picker = conditionSelect(
    column?.kind,
    condition.op,
    (op) => {
      setField(owner, 'condition', convertCondition(owner.condition, op));
      app.restructured();
    },
    `${key}:op`,
  );
  const fields: HTMLElement[] = [field('Test', picker, `${conditionPath}.op`)];
  const hint = samplesHint(column);
  const withHint = (input: HTMLInputElement): HTMLInputElement => {
    if (hint) input.placeholder = hint;
    return input;
  };
  const get = (name: string): unknown => Reflect.get(condition, name);
  const number = (label: string, name: string) =>
    field(
      label,
      numberInput(
        get(name),
        (raw) => {
          setField(condition, name, parseNumber(raw));
          app.edited();
        },
        `${key}:${name}`,
      ),
      `${conditionPath}.${name}`,
    );
  switch (paramsOf(condition.op)) {
    case 'value': {
      const value = get('value');
      const input = withHint(
        textInput(
          value === undefined ? '' : String(value),
          (text) => {
            // A value typed into a number column is kept as a number so "equals 10" reads as intended.
            const parsed = column?.kind === 'number' ? parseNumber(text) : text;
            setField(condition, 'value', parsed);
            app.edited();
          },
          `${key}:value`,
        ),
      );
      fields.push(field('Value', input, `${conditionPath}.value`));
      break;
    }
    case 'number':
      fields.push(number('Value', 'value'));
      break;
    case 'list': {
      const values = get('values');
      const input = withHint(
        textInput(
          Array.isArray(values) ? formatList(values.map(String)) : '',
          (text) => {
            setField(condition, 'values', parseList(text));
            app.edited();
          },
          `${key}:values`,
        ),
      );
      fields.push(field('Values (comma-separated)', input, `${conditionPath}.values`));
      break;
    }
    case 'range':
      fields.push(h('div', { className: 'pair' }, number('From', 'min'), number('To', 'max')));
      break;
    case 'days':
      fields.push(number('Days', 'days'));
      break;
    default:
      break;
  }
  return fields;
}
