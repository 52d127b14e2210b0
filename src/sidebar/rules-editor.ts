// The Rules section: groups with caps, and per rule column, test, value, points, label; add, copy, delete, move, switch off.
import type { Group, GroupKind, Rule } from '../engine/model';
import { type App, uniqueId } from './app';
import { columnSelect, resolveColumn } from './column-picker';
import { conditionFields } from './condition-editor';
import {
  button,
  checkbox,
  field,
  h,
  numberInput,
  parseNumber,
  section,
  select,
  setField,
  textInput,
} from './dom';

function move<T>(list: T[], from: number, to: number): void {
  const [item] = list.splice(from, 1);
  if (item !== undefined) list.splice(to, 0, item);
}

function ruleCard(app: App, group: Group, groupIndex: number, rule: Rule, index: number): HTMLElement {
  const path = `groups.${groupIndex}.rules.${index}`;
  const key = `rule:${rule.id}`;
  const name = rule.label || rule.id;
  const column = resolveColumn(app, rule.column);
  const card = h('div', { className: rule.enabled ? 'card rule' : 'card rule off' });
  card.dataset.path = path;

  const enabled = checkbox(
    'On',
    rule.enabled,
    (checked) => {
      rule.enabled = checked;
      card.classList.toggle('off', !checked);
      app.edited();
    },
    `${key}:enabled`,
  );
  const label = field(
    'Label',
    textInput(
      rule.label,
      (text) => {
        rule.label = text;
        app.edited();
      },
      `${key}:label`,
    ),
    `${path}.label`,
    'field grow',
  );
  const points = field(
    rule.perUnit ? 'Points each' : 'Points',
    numberInput(
      rule.points,
      (raw) => {
        setField(rule, 'points', parseNumber(raw));
        app.edited();
      },
      `${key}:points`,
    ),
    `${path}.points`,
  );
  const pointsRow = h('div', { className: 'pair' }, points);
  if (rule.perUnit || rule.maxPoints !== undefined) {
    pointsRow.appendChild(
      field(
        'Max points',
        numberInput(
          rule.maxPoints,
          (raw) => {
            setField(rule, 'maxPoints', raw.trim() === '' ? undefined : parseNumber(raw));
            app.edited();
          },
          `${key}:max`,
        ),
        `${path}.maxPoints`,
      ),
    );
  }
  const perUnit = checkbox(
    'Per unit of the cell’s number',
    rule.perUnit === true,
    (checked) => {
      setField(rule, 'perUnit', checked ? true : undefined);
      if (!checked) setField(rule, 'maxPoints', undefined);
      app.restructured();
    },
    `${key}:perUnit`,
  );
  const last = group.rules.length - 1;
  const up = button(
    '↑',
    () => {
      move(group.rules, index, index - 1);
      app.restructured();
    },
    { title: `Move ${name} up`, key: `${key}:up`, className: 'icon' },
  );
  up.disabled = index === 0;
  const down = button(
    '↓',
    () => {
      move(group.rules, index, index + 1);
      app.restructured();
    },
    { title: `Move ${name} down`, key: `${key}:down`, className: 'icon' },
  );
  down.disabled = index === last;
  const actions = h(
    'div',
    { className: 'actions' },
    up,
    down,
    button(
      'Duplicate',
      () => {
        const copy: Rule = JSON.parse(JSON.stringify(rule));
        copy.id = uniqueId(app.draft, rule.id);
        copy.label = `${rule.label} (copy)`;
        group.rules.splice(index + 1, 0, copy);
        app.restructured();
      },
      { title: `Duplicate ${name}`, key: `${key}:dup` },
    ),
    button(
      'Delete',
      () => {
        group.rules.splice(index, 1);
        app.notify(`Deleted rule ${name}. Discard brings it back.`);
        app.restructured();
      },
      { title: `Delete ${name}`, key: `${key}:delete`, className: 'danger' },
    ),
  );
  card.append(
    h('div', { className: 'row' }, label, enabled),
    field(
      'Column',
      columnSelect(
        app,
        rule.column,
        (header) => {
          rule.column = header;
          app.restructured();
        },
        `${key}:column`,
      ),
      `${path}.column`,
    ),
    ...conditionFields(app, rule, path, column, key),
    pointsRow,
    perUnit,
    actions,
  );
  return card;
}

function groupEditor(app: App, group: Group, groupIndex: number): HTMLElement {
  const path = `groups.${groupIndex}`;
  const key = `group:${group.id}`;
  const summaryText = (): string =>
    `${group.name || group.id} · ${group.kind}${typeof group.cap === 'number' ? ` · max ${group.cap}` : ''}`;
  const summary = h('summary', { text: summaryText() });
  summary.dataset.key = `${key}:summary`;
  const refreshSummary = (): void => {
    summary.textContent = summaryText();
  };
  const settings = h(
    'div',
    { className: 'card group-settings' },
    field(
      'Group name',
      textInput(
        group.name,
        (text) => {
          group.name = text;
          refreshSummary();
          app.edited();
        },
        `${key}:name`,
      ),
      `${path}.name`,
    ),
    h(
      'div',
      { className: 'pair' },
      field(
        'Kind',
        select(
          [
            { value: 'fit', text: 'Fit (who)' },
            { value: 'intent', text: 'Intent (what they did)' },
          ],
          group.kind,
          (value) => {
            group.kind = value as GroupKind;
            refreshSummary();
            app.edited();
          },
          `${key}:kind`,
        ),
        `${path}.kind`,
      ),
      field(
        'Cap (max)',
        numberInput(
          group.cap,
          (raw) => {
            setField(group, 'cap', raw.trim() === '' ? undefined : parseNumber(raw));
            refreshSummary();
            app.edited();
          },
          `${key}:cap`,
        ),
        `${path}.cap`,
      ),
    ),
  );
  const details = h('details', { className: 'group' }, summary, settings);
  details.dataset.path = path;
  details.open = app.openKeys.has(key);
  details.addEventListener('toggle', () => {
    if (details.open) app.openKeys.add(key);
    else app.openKeys.delete(key);
  });
  group.rules.forEach((rule, index) => {
    details.appendChild(ruleCard(app, group, groupIndex, rule, index));
  });
  details.appendChild(
    h(
      'div',
      { className: 'actions' },
      button(
        'Add rule',
        () => {
          const first = app.state.columns[0]?.header ?? 'Column';
          const id = uniqueId(app.draft, 'rule');
          group.rules.push({
            id,
            column: first,
            condition: { op: 'notBlank' },
            points: 5,
            label: 'New rule',
            enabled: true,
          });
          app.openKeys.add(key);
          app.restructured();
          app.focusKey(`rule:${id}:label`);
        },
        { key: `${key}:add` },
      ),
      button(
        'Delete group',
        () => {
          app.draft.groups.splice(groupIndex, 1);
          app.notify(`Deleted group ${group.name}. Discard brings it back.`);
          app.restructured();
        },
        { key: `${key}:delete`, className: 'danger' },
      ),
    ),
  );
  return details;
}

export function rulesSection(app: App): HTMLElement {
  const body = h('div');
  app.draft.groups.forEach((group, index) => {
    body.appendChild(groupEditor(app, group, index));
  });
  body.appendChild(
    h(
      'div',
      { className: 'actions' },
      button(
        'Add group',
        () => {
          const id = uniqueId(app.draft, 'group');
          app.draft.groups.push({ id, name: 'New group', kind: 'fit', rules: [] });
          app.openKeys.add(`group:${id}`);
          app.restructured();
        },
        { key: 'groups:add' },
      ),
    ),
  );
  const root = section('rules', 'Rules', app.openKeys, body);
  root.dataset.path = 'groups';
  return root;
}
