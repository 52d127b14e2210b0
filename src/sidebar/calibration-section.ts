// The Calibration section: how the saved rules rank real outcomes, and a suggested model to load as a draft.

import type { CalibrateResult } from '../shared/sidebar-rpc';
import type { App } from './app';
import { button, field, h, section, textInput } from './dom';
import { call } from './rpc';

/** Outcome columns of common CRM exports, offered first. */
const GUESSES = ['converted', 'isconverted', 'deal stage', 'lifecycle stage', 'lead status', 'status', 'won'];

/** The last result survives re-renders of the editors (it is not part of the draft). */
let last: CalibrateResult | null = null;

function auc(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(3);
}

function figure(value: { mean: number; sd: number }): string {
  return `${value.mean.toFixed(3)} ± ${value.sd.toFixed(3)}`;
}

function summary(app: App, result: CalibrateResult): HTMLElement {
  if (!result.ok)
    return h('p', {
      className: 'field-error',
      text: result.message,
      attrs: { 'data-testid': 'calibration-error' },
    });
  const rows = result.byBand.map((band) =>
    h(
      'tr',
      {},
      h('td', { text: band.label }),
      h('td', { text: String(band.leads) }),
      h('td', { text: `${(band.rate * 100).toFixed(1)}%` }),
    ),
  );
  const load = button(
    'Load suggested rules as draft',
    () =>
      app.replaceDraft(
        result.suggestion,
        `Loaded the suggested model as the draft: review the preview, then Apply or Discard.`,
      ),
    { key: 'calibration:load' },
  );
  return h(
    'div',
    { attrs: { 'data-testid': 'calibration-summary' } },
    h('p', {
      className: 'hint',
      text: `${result.leads} leads, ${result.conversions} converted (${(result.baseline * 100).toFixed(1)}%). Current rules: AUC ${auc(result.auc)}. Cross-validated AUC: suggested ${figure(result.validation.suggested)}, current ${figure(result.validation.current)}.`,
    }),
    h('p', { className: 'hint', text: result.validation.description }),
    ...(result.leftOut.length > 0
      ? [
          h('p', {
            className: 'hint',
            text: `Left out of the suggestion (they look like identifiers, dates or records of the outcome): ${result.leftOut.join(', ')}. The Calibration sheet says why.`,
          }),
        ]
      : []),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h('tr', {}, h('th', { text: 'Band' }), h('th', { text: 'Leads' }), h('th', { text: 'Converted' })),
      ),
      h('tbody', {}, ...rows),
    ),
    ...result.warnings.map((warning) => h('p', { className: 'hint', text: `⚠ ${warning}` })),
    h('div', { className: 'actions' }, load),
    h('p', {
      className: 'hint',
      text: 'Next: load the suggestion as a draft, check the preview, then Apply (or Discard).',
    }),
  );
}

export function calibrationSection(app: App): HTMLElement {
  const headers = app.state.columns.map((column) => column.header);
  let outcome = headers.find((header) => GUESSES.includes(header.trim().toLowerCase())) ?? '';
  const input = textInput(
    outcome,
    (value) => {
      outcome = value;
    },
    'calibration:outcome',
  );
  let keep = '';
  const keepInput = textInput(
    keep,
    (value) => {
      keep = value;
    },
    'calibration:keep',
  );
  const output = h('div', {});
  if (last) output.append(summary(app, last));
  const run = button(
    'Calibrate',
    () => {
      void app.run('Calibrating against outcomes…', async () => {
        last = await call('sidebarCalibrate', {
          outcomeColumn: outcome,
          keepColumns: keep
            .split(',')
            .map((column) => column.trim())
            .filter(Boolean),
        });
        output.replaceChildren(summary(app, last));
        app.notify(
          last.ok
            ? `Calibrated on ${last.leads} leads; the full report is in the LeadScore Calibration sheet.`
            : last.message,
        );
      });
    },
    { key: 'calibration:run' },
  );
  return section(
    'calibration',
    'Calibration',
    app.openKeys,
    h('p', {
      className: 'hint',
      text: 'Measure the rules against real wins and losses, and get suggested points learned from them.',
    }),
    field('Outcome column', input),
    field('Learn from flagged columns too (optional, comma-separated)', keepInput),
    h('div', { className: 'actions' }, run),
    output,
  );
}
