// The Preview panel: band counts now vs draft, moves up/down, the biggest movers with reasons, and "test a row".
import { formatPoints } from '../engine/reasons';
import type { BandCount, PreviewSummary, RowBreakdown } from '../shared/sidebar-rpc';
import { append, button, clear, field, h, numberInput, section } from './dom';

export interface PreviewPanel {
  element: HTMLElement;
  /** Row number chosen for "test a row", or null. */
  testRow(): number | null;
  status(text: string): void;
  show(summary: PreviewSummary): void;
  showRow(breakdown: RowBreakdown): void;
  rowMessage(text: string): void;
}

function swatch(colour: string): HTMLElement {
  const element = h('span', { className: 'swatch', attrs: { 'aria-hidden': 'true' } });
  element.style.backgroundColor = colour;
  return element;
}

function bandTable(before: readonly BandCount[], after: readonly BandCount[]): HTMLTableElement {
  const rows = new Map<string, { colour: string; before: number; after: number }>();
  for (const entry of after) rows.set(entry.band, { colour: entry.colour, before: 0, after: entry.count });
  for (const entry of before) {
    const row = rows.get(entry.band);
    if (row) row.before = entry.count;
    else rows.set(entry.band, { colour: entry.colour, before: entry.count, after: 0 });
  }
  const hasBefore = before.length > 0;
  const head = h(
    'tr',
    {},
    h('th', { text: 'Band', attrs: { scope: 'col' } }),
    hasBefore ? h('th', { text: 'Now', className: 'num', attrs: { scope: 'col' } }) : null,
    h('th', { text: 'Draft', className: 'num', attrs: { scope: 'col' } }),
    hasBefore ? h('th', { text: 'Change', className: 'num', attrs: { scope: 'col' } }) : null,
  );
  const body = h('tbody');
  for (const [band, row] of rows) {
    const delta = row.after - row.before;
    const tr = h(
      'tr',
      {},
      h('th', { attrs: { scope: 'row' } }, swatch(row.colour), band),
      hasBefore ? h('td', { className: 'num', text: String(row.before) }) : null,
      h('td', { className: 'num', text: String(row.after) }),
      hasBefore
        ? h('td', {
            className: delta > 0 ? 'num up' : delta < 0 ? 'num down' : 'num',
            text: delta === 0 ? '–' : formatPoints(delta),
          })
        : null,
    );
    tr.dataset.band = band;
    body.appendChild(tr);
  }
  return h(
    'table',
    { className: 'bands-table', attrs: { 'data-testid': 'band-counts' } },
    h('thead', {}, head),
    body,
  );
}

function moversList(summary: PreviewSummary): HTMLElement {
  if (summary.topMovers.length === 0)
    return h('p', { className: 'hint', text: 'No lead changes score with this draft.' });
  const list = h('ol', { className: 'movers', attrs: { 'data-testid': 'top-movers' } });
  for (const mover of summary.topMovers) {
    const delta = mover.after.score - mover.before.score;
    list.appendChild(
      h(
        'li',
        {},
        h(
          'div',
          { className: 'mover-head' },
          h('strong', { text: `Row ${mover.row}` }),
          mover.lead ? ` · ${mover.lead}` : '',
        ),
        h(
          'div',
          { className: delta >= 0 ? 'mover-move up' : 'mover-move down' },
          `${mover.before.score} ${mover.before.band} → ${mover.after.score} ${mover.after.band} (${formatPoints(delta)})`,
        ),
        mover.after.reasons ? h('div', { className: 'reasons', text: mover.after.reasons }) : null,
      ),
    );
  }
  return list;
}

function breakdownView(result: RowBreakdown): HTMLElement {
  const title = `Row ${result.row}${result.lead ? ` · ${result.lead}` : ''}`;
  if (result.blank) return h('div', {}, h('p', { className: 'hint', text: `${title} is blank.` }));
  const headline = h(
    'p',
    { className: 'row-score' },
    swatch(result.colour),
    h('strong', { text: `${result.score} ${result.band}` }),
    ` (fit ${result.fit}, intent ${result.intent}${result.decay ? `, decay ${result.decay}` : ''})`,
  );
  const body = h('tbody');
  for (const line of result.rules) {
    const tr = h(
      'tr',
      { className: line.fired ? 'fired' : 'idle' },
      h(
        'td',
        {},
        h('div', { className: 'rule-name', text: line.enabled ? line.label : `${line.label} (off)` }),
        h('div', { className: 'rule-test', text: `${line.column} ${line.test}` }),
        h('div', { className: 'rule-cell', text: line.cell === '' ? '(blank)' : line.cell }),
      ),
      h('td', { className: 'num', text: line.fired ? formatPoints(line.points) : '0' }),
    );
    tr.dataset.rule = line.ruleId;
    body.appendChild(tr);
  }
  const groups = h('ul', { className: 'group-totals' });
  for (const group of result.groups) {
    const capped = group.total !== group.raw ? ` (capped from ${group.raw})` : '';
    groups.appendChild(h('li', { text: `${group.name}: ${group.total}${capped}` }));
  }
  return h(
    'div',
    { attrs: { 'data-testid': 'row-breakdown' } },
    h('p', { className: 'row-title', text: title }),
    headline,
    result.disqualifiedBy
      ? h('p', { className: 'warning', text: `Disqualified: ${result.disqualifiedBy}` })
      : null,
    h(
      'table',
      { className: 'rules-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { text: 'Rule · cell', attrs: { scope: 'col' } }),
          h('th', { text: 'Points', className: 'num', attrs: { scope: 'col' } }),
        ),
      ),
      body,
    ),
    groups,
    ...result.problems.map((problem) => h('p', { className: 'warning', text: problem })),
  );
}

export function previewPanel(openKeys: Set<string>, onTestRow: () => void, firstRow: number): PreviewPanel {
  const status = h('p', {
    className: 'preview-status',
    attrs: { 'data-testid': 'preview-status', 'aria-live': 'polite' },
  });
  const content = h('div');
  let row: number | null = null;
  const rowInput = numberInput(
    '',
    (raw) => {
      const value = Number(raw);
      row = raw.trim() !== '' && Number.isInteger(value) && value >= firstRow ? value : null;
    },
    'test:row',
  );
  rowInput.min = String(firstRow);
  rowInput.placeholder = `${firstRow} or more`;
  rowInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') onTestRow();
  });
  const rowResult = h('div', { className: 'row-result', attrs: { 'aria-live': 'polite' } });
  const testArea = h(
    'div',
    { className: 'test-row' },
    h('h3', { text: 'Test a row' }),
    h(
      'div',
      { className: 'pair end' },
      field('Sheet row', rowInput, undefined, 'field grow'),
      button('Test row', onTestRow, { key: 'test:go' }),
    ),
    rowResult,
  );
  const element = section('preview', 'Preview', openKeys, status, content, testArea);
  element.classList.add('preview');
  return {
    element,
    testRow: () => row,
    status(text) {
      status.textContent = text;
    },
    show(summary) {
      clear(content);
      const moves = h(
        'p',
        { className: 'moves', attrs: { 'data-testid': 'moves' } },
        h('span', { className: 'up', text: `↑ ${summary.movedUp} up` }),
        h('span', { className: 'down', text: `↓ ${summary.movedDown} down` }),
        h('span', { text: `${summary.changed} change score` }),
      );
      append(
        content,
        bandTable(summary.bandCountsBefore, summary.bandCountsAfter),
        summary.bandCountsBefore.length > 0 ? moves : null,
        h('h3', { text: 'Biggest changes' }),
        moversList(summary),
        ...summary.warnings.map((warning) => h('p', { className: 'warning', text: warning })),
      );
    },
    showRow(breakdown) {
      clear(rowResult);
      rowResult.appendChild(breakdownView(breakdown));
    },
    rowMessage(text) {
      clear(rowResult);
      rowResult.appendChild(h('p', { className: 'hint', text }));
    },
  };
}
