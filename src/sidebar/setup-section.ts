// The Setup section: lead sheet and header row, column mapping for the rules, and starting from a template.
import type { ScoringModel } from '../engine/model';
import type { App } from './app';
import { columnSelect, resolveColumn } from './column-picker';
import { button, field, h, numberInput, section, select } from './dom';
import { call } from './rpc';

/** Every column name the draft reads (rules, disqualifiers, decay), in first-use order. */
export function columnsUsed(model: ScoringModel): string[] {
  const names: string[] = [];
  const add = (name: unknown): void => {
    if (typeof name === 'string' && name !== '' && !names.includes(name)) names.push(name);
  };
  for (const group of model.groups) for (const rule of group.rules) add(rule.column);
  for (const disqualifier of model.disqualifiers) add(disqualifier.column);
  add(model.decay?.column);
  return names;
}

/** Points every reference to column `from` at header `to`. */
function renameColumn(model: ScoringModel, from: string, to: string): void {
  for (const group of model.groups)
    for (const rule of group.rules) if (rule.column === from) rule.column = to;
  for (const disqualifier of model.disqualifiers) if (disqualifier.column === from) disqualifier.column = to;
  if (model.decay && model.decay.column === from) model.decay.column = to;
}

function sheetFields(app: App): HTMLElement {
  const { setup } = app.state;
  let leadSheet = setup.leadSheet ?? setup.sheets[0] ?? '';
  let headerRow = setup.headerRow;
  const sheets = select(
    setup.sheets.map((name) => ({ value: name, text: name })),
    leadSheet,
    (value) => {
      leadSheet = value;
    },
    'setup:sheet',
  );
  const row = numberInput(
    headerRow,
    (raw) => {
      headerRow = Number(raw);
    },
    'setup:headerRow',
  );
  row.min = '1';
  row.step = '1';
  const save = button(
    'Use this table',
    () => {
      if (!Number.isInteger(headerRow) || headerRow < 1) {
        app.notify('The header row must be a whole number, 1 or more.');
        return;
      }
      void app.run('Reading the lead table…', async () => {
        const state = await call('sidebarSetUp', { leadSheet, headerRow });
        app.replaceState(state);
        app.notify(`Using ${state.setup.leadSheet ?? leadSheet}: ${state.setup.rowCount} rows.`);
      });
    },
    { key: 'setup:save' },
  );
  const status = setup.leadSheet
    ? `${setup.rowCount} lead rows in ${setup.leadSheet} (header row ${setup.headerRow}). Rules are kept in the sheet ${setup.rulesSheet}.`
    : 'No lead table found yet: pick the sheet with your leads.';
  return h(
    'div',
    {},
    h('p', { className: 'hint', text: status }),
    h(
      'div',
      { className: 'pair' },
      field('Lead sheet', sheets, undefined, 'field grow'),
      field('Header row', row),
    ),
    h('div', { className: 'actions' }, save),
  );
}

function mappingFields(app: App): HTMLElement {
  const used = columnsUsed(app.draft);
  const body = h('div', { className: 'mapping' }, h('h3', { text: 'Columns the rules read' }));
  if (used.length === 0) body.appendChild(h('p', { className: 'hint', text: 'No rules yet.' }));
  for (const name of used) {
    const match = resolveColumn(app, name);
    const picker = columnSelect(
      app,
      name,
      (header) => {
        renameColumn(app.draft, name, header);
        app.restructured();
      },
      `map:${name}`,
    );
    const wrapper = field(name, picker, undefined, match ? 'field' : 'field missing');
    if (!match)
      wrapper.appendChild(
        h('div', { className: 'field-error', text: 'Not in the lead table: pick its column.' }),
      );
    body.appendChild(wrapper);
  }
  return body;
}

function templateFields(app: App): HTMLElement {
  const { templates } = app.state;
  let chosen = templates[0]?.id ?? '';
  const picker = select(
    templates.map((template) => ({ value: template.id, text: template.name })),
    chosen,
    (value) => {
      chosen = value;
      describe.textContent = templates.find((template) => template.id === value)?.description ?? '';
    },
    'template:pick',
  );
  const describe = h('p', { className: 'hint', text: templates[0]?.description ?? '' });
  const use = button(
    'Start from template',
    () => {
      void app.run('Loading the template…', async () => {
        const result = await call('sidebarLoadTemplate', { id: chosen });
        if (result.ok)
          app.replaceDraft(
            result.model,
            `Draft replaced by the template ${result.model.name}. Apply to save it.`,
          );
        else app.notify(result.issues.map((issue) => issue.message).join(' '));
      });
    },
    { key: 'template:use' },
  );
  return h(
    'div',
    {},
    h('h3', { text: 'Template' }),
    field('Template', picker),
    describe,
    h('div', { className: 'actions' }, use),
  );
}

export function setupSection(app: App): HTMLElement {
  return section('setup', 'Setup', app.openKeys, sheetFields(app), mappingFields(app), templateFields(app));
}
