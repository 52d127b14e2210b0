// The Bands section: thresholds, row colours, follow-up actions and lifecycle stages.
import type { Band } from '../engine/model';
import type { App } from './app';
import { button, field, h, numberInput, parseNumber, section, setField, textInput } from './dom';

function bandCard(app: App, band: Band, index: number): HTMLElement {
  const path = `bands.${index}`;
  const key = `band:${index}`;
  const name = band.name || `band ${index + 1}`;
  const colour = h('input', { attrs: { type: 'color' } });
  colour.value = /^#[0-9a-f]{6}$/i.test(band.colour) ? band.colour.toLowerCase() : '#ffffff';
  colour.dataset.key = `${key}:colour`;
  colour.addEventListener('input', () => {
    band.colour = colour.value;
    app.edited();
  });
  const text = (label: string, prop: 'name' | 'action' | 'stage', path2: string) =>
    field(
      label,
      textInput(
        band[prop] ?? '',
        (value) => {
          // An empty stage is left out rather than saved as ''.
          setField(band, prop, prop === 'stage' && value.trim() === '' ? undefined : value);
          app.edited();
        },
        `${key}:${prop}`,
      ),
      path2,
    );
  const card = h(
    'div',
    { className: 'card band' },
    h(
      'div',
      { className: 'pair' },
      text('Band', 'name', `${path}.name`),
      field(
        'From score',
        numberInput(
          band.min,
          (raw) => {
            setField(band, 'min', parseNumber(raw));
            app.edited();
          },
          `${key}:min`,
        ),
        `${path}.min`,
      ),
    ),
    h(
      'div',
      { className: 'pair' },
      field('Colour', colour, `${path}.colour`),
      text('Stage', 'stage', `${path}.stage`),
    ),
    text('Action', 'action', `${path}.action`),
    h(
      'div',
      { className: 'actions' },
      button(
        'Delete',
        () => {
          app.draft.bands.splice(index, 1);
          app.notify(`Deleted band ${name}. Discard brings it back.`);
          app.restructured();
        },
        { title: `Delete band ${name}`, key: `${key}:delete`, className: 'danger' },
      ),
    ),
  );
  card.dataset.path = path;
  return card;
}

export function bandsSection(app: App): HTMLElement {
  const body = h(
    'div',
    {},
    h('p', { className: 'hint', text: 'A lead gets the last band whose “from” score it reaches.' }),
  );
  app.draft.bands.forEach((band, index) => {
    body.appendChild(bandCard(app, band, index));
  });
  body.appendChild(
    h(
      'div',
      { className: 'actions' },
      button(
        'Add band',
        () => {
          const top = app.draft.bands[app.draft.bands.length - 1];
          const min = typeof top?.min === 'number' ? Math.min(top.min + 10, app.draft.scale.max) : 0;
          app.draft.bands.push({ name: 'New band', min, colour: '#e8f0fe', action: '' });
          app.restructured();
        },
        { key: 'bands:add' },
      ),
    ),
  );
  const root = section('bands', 'Bands', app.openKeys, body);
  root.dataset.path = 'bands';
  return root;
}
