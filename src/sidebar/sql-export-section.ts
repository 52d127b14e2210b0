// The Export as SQL section: the draft as one BigQuery SELECT, to run as a view or scheduled query and read back
// through Connected Sheets (docs/bigquery.md). Copy button, and a text box that selects all as a fallback.

import type { App } from './app';
import { button, field, h, section, textInput } from './dom';
import { call } from './rpc';

const DEFAULT_TABLE = 'my-project.crm.leads';

/** Copies `text`: the Clipboard API where the sidebar may use it, else the selected text box. */
async function copyText(text: string, box: HTMLTextAreaElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    box.focus();
    box.select();
    // Deprecated but the only synchronous copy left when the iframe may not use the Clipboard API.
    return document.execCommand('copy');
  }
}

export function sqlExportSection(app: App): HTMLElement {
  let table = DEFAULT_TABLE;
  const tableInput = textInput(
    table,
    (value) => {
      table = value;
    },
    'sql:table',
  );
  tableInput.placeholder = 'project.dataset.table';
  const box = h('textarea', { attrs: { rows: '8', readonly: 'readonly', spellcheck: 'false', wrap: 'off' } });
  box.dataset.key = 'sql:text';
  box.dataset.testid = 'sql-text';
  box.hidden = true;
  // One click selects the whole query, so Ctrl+C copies it even where the Copy button cannot.
  box.addEventListener('focus', () => box.select());
  const note = h('p', { className: 'hint', attrs: { 'data-testid': 'sql-note' } });
  note.hidden = true;
  const copy = button(
    'Copy',
    () => {
      void copyText(box.value, box).then((copied) =>
        app.notify(
          copied ? 'The SQL is on the clipboard.' : 'Select the text in the box and copy it (Ctrl+C).',
        ),
      );
    },
    { key: 'sql:copy' },
  );
  copy.hidden = true;
  const show = button(
    'Show SQL',
    () => {
      void app.run('Writing the SQL…', async () => {
        const result = await call('sidebarExportSql', { draft: app.draft, table });
        if (!result.ok) {
          app.notify(
            `No SQL. ${result.issues.map((issue) => (issue.where ? `${issue.where}: ${issue.message}` : issue.message)).join('; ')}`,
          );
          return;
        }
        box.value = result.sql;
        note.textContent = result.note;
        box.hidden = false;
        note.hidden = false;
        copy.hidden = false;
        app.notify('The BigQuery SQL for the draft is below.');
      });
    },
    { key: 'sql:show' },
  );
  return section(
    'sql',
    'Export as SQL',
    app.openKeys,
    h('p', {
      className: 'hint',
      text: 'The draft as one BigQuery query: run it as a view or scheduled query, and read the scores in Sheets with Connected Sheets.',
    }),
    field('BigQuery table', tableInput),
    h('div', { className: 'actions' }, show, copy),
    note,
    box,
  );
}
