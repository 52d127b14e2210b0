// The Import / export section: the model as JSON, copied or downloaded out, pasted or loaded in as a draft.

import type { App } from './app';
import { button, field, h, section } from './dom';
import { call } from './rpc';

export function importExportSection(app: App): HTMLElement {
  const text = h('textarea', { attrs: { rows: '6', spellcheck: 'false' } });
  text.dataset.key = 'json:text';
  const file = h('input', { attrs: { type: 'file', accept: '.json,application/json' } });
  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    chosen.text().then(
      (content) => {
        text.value = content;
        app.notify(`Loaded ${chosen.name}; press Import to use it.`);
      },
      () => app.notify(`Could not read ${chosen.name}.`),
    );
  });
  const download = h('a', {
    text: 'Download JSON',
    className: 'link',
    attrs: { download: 'leadscore-model.json' },
  });
  download.hidden = true;
  const exportButton = button(
    'Export draft',
    () => {
      const json = JSON.stringify(app.draft, null, 2);
      text.value = json;
      text.select();
      // A blob URL is same-origin and needs no network; the iframe sandbox allows downloads.
      download.href = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
      download.hidden = false;
      app.notify('The draft is in the box below: copy it or download it.');
    },
    { key: 'json:export' },
  );
  const importButton = button(
    'Import',
    () => {
      void app.run('Checking the JSON…', async () => {
        const result = await call('sidebarImportModel', { json: text.value });
        if (result.ok)
          app.replaceDraft(result.model, `Imported ${result.model.name} as the draft. Apply to save it.`);
        else {
          const lines = result.issues
            .slice(0, 5)
            .map((issue) => (issue.where ? `${issue.where}: ${issue.message}` : issue.message));
          app.notify(`Not imported. ${lines.join('; ')}`);
        }
      });
    },
    { key: 'json:import' },
  );
  return section(
    'json',
    'Import / export',
    app.openKeys,
    h('div', { className: 'actions' }, exportButton, download),
    field('Model JSON', text),
    field('Or load a file', file),
    h('div', { className: 'actions' }, importButton),
  );
}
