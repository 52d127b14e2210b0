// The Decay section: intent points fade with the age of a date column, in steps or by a half-life.
import type { Decay } from '../engine/model';
import type { App } from './app';
import { columnSelect } from './column-picker';
import { button, field, h, numberInput, parseNumber, section, select, setField } from './dom';

function defaultColumn(app: App): string {
  const date = app.state.columns.find((column) => column.kind === 'date');
  return date?.header ?? app.state.columns[0]?.header ?? 'Last Activity Date';
}

function stepsEditor(app: App, decay: Extract<Decay, { mode: 'steps' }>): HTMLElement[] {
  const rows = decay.steps.map((step, index) => {
    const path = `decay.steps.${index}`;
    return h(
      'div',
      { className: 'pair step' },
      field(
        'After days',
        numberInput(
          step.afterDays,
          (raw) => {
            setField(step, 'afterDays', parseNumber(raw));
            app.edited();
          },
          `decay:${index}:after`,
        ),
        `${path}.afterDays`,
      ),
      field(
        'Points',
        numberInput(
          step.points,
          (raw) => {
            setField(step, 'points', parseNumber(raw));
            app.edited();
          },
          `decay:${index}:points`,
        ),
        `${path}.points`,
      ),
      button(
        '✕',
        () => {
          decay.steps.splice(index, 1);
          app.restructured();
        },
        { title: `Remove step ${index + 1}`, key: `decay:${index}:delete`, className: 'icon danger' },
      ),
    );
  });
  const add = button(
    'Add step',
    () => {
      const last = decay.steps[decay.steps.length - 1];
      decay.steps.push({
        afterDays: (typeof last?.afterDays === 'number' ? last.afterDays : 0) + 30,
        points: (typeof last?.points === 'number' ? last.points : 0) - 10,
      });
      app.restructured();
    },
    { key: 'decay:add' },
  );
  const list = h('div', {}, ...rows);
  list.dataset.path = 'decay.steps';
  return [list, h('div', { className: 'actions' }, add)];
}

export function decaySection(app: App): HTMLElement {
  const decay = app.draft.decay;
  const mode = select(
    [
      { value: 'none', text: 'No decay' },
      { value: 'steps', text: 'Steps (−10 after 30 days…)' },
      { value: 'halfLife', text: 'Half-life' },
    ],
    decay?.mode ?? 'none',
    (value) => {
      const column = app.draft.decay?.column ?? defaultColumn(app);
      if (value === 'steps')
        app.draft.decay = { mode: 'steps', column, steps: [{ afterDays: 30, points: -10 }] };
      else if (value === 'halfLife') app.draft.decay = { mode: 'halfLife', column, halfLifeDays: 30 };
      else setField(app.draft, 'decay', undefined);
      app.restructured();
    },
    'decay:mode',
  );
  const body = h(
    'div',
    {},
    h('p', { className: 'hint', text: 'Intent points fade as the last activity gets older.' }),
    field('Decay', mode, 'decay.mode'),
  );
  if (decay) {
    body.appendChild(
      field(
        'Date column',
        columnSelect(
          app,
          decay.column,
          (header) => {
            decay.column = header;
            app.edited();
          },
          'decay:column',
        ),
        'decay.column',
      ),
    );
    if (decay.mode === 'steps') body.append(...stepsEditor(app, decay));
    else
      body.appendChild(
        field(
          'Half-life (days)',
          numberInput(
            decay.halfLifeDays,
            (raw) => {
              setField(decay, 'halfLifeDays', parseNumber(raw));
              app.edited();
            },
            'decay:halfLife',
          ),
          'decay.halfLifeDays',
        ),
      );
  }
  const root = section('decay', 'Decay', app.openKeys, body);
  root.dataset.path = 'decay';
  return root;
}
