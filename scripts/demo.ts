// npm run demo: the add-on's main job on the bundled sample leads, in the local Apps Script emulator.
// Loads the built dist/Code.js, opens the menu, runs Set up scoring and Score now, renders the sheet to HTML.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { createEmulator } from '../test/emulator';
import { loadBundle, REPO_ROOT } from '../test/support/bundle';

export const SAMPLE_PATH = join(REPO_ROOT, 'samples/hubspot-contacts.csv');
export const SHEET_NAME = 'Contacts';

export interface DemoResult {
  /** Leads per band, in the order bands first appear in the sheet. */
  bands: { band: string; leads: number; colour: string | null }[];
  scoredRows: number;
  htmlPath: string;
  serviceCalls: number;
  lines: string[];
}

/** Cells as Sheets would hold them after a CSV import: numbers as numbers, dates as Date objects. */
function importCell(text: string): string | number | Date {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}))?$/.exec(text);
  if (iso) {
    const [, y, m, d, hh = '0', mm = '0'] = iso;
    return new Date(Date.UTC(Number(y), Number(m) - 1, Number(d), Number(hh), Number(mm)));
  }
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (us) return new Date(Date.UTC(Number(us[3]), Number(us[1]) - 1, Number(us[2])));
  return text;
}

function escapeHtml(value: unknown): string {
  const text =
    Object.prototype.toString.call(value) === '[object Date]'
      ? (value as Date).toISOString().slice(0, 10)
      : String(value ?? '');
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function columnIndex(letters: string): number {
  let index = 0;
  for (const letter of letters) index = index * 26 + (letter.charCodeAt(0) - 64);
  return index - 1;
}

interface ColourRule {
  column: number;
  text: string;
  colour: string;
}

/**
 * The add-on colours rows with conditional-format rules such as =$H2="Hot"; the emulator stores rules but
 * does not paint cells, so the rendering evaluates that one formula shape (first matching rule wins, as in Sheets).
 */
interface RuleSource {
  getConditionalFormatRules(): {
    getBooleanCondition(): { getCriteriaValues(): unknown[]; getBackground(): string | null } | null;
  }[];
}

function colourRules(sheet: RuleSource): ColourRule[] {
  const rules: ColourRule[] = [];
  for (const rule of sheet.getConditionalFormatRules()) {
    const condition = rule.getBooleanCondition();
    const formula = String(condition?.getCriteriaValues()[0] ?? '');
    const colour = condition?.getBackground();
    const match = /\$([A-Z]+)\d+\s*=\s*"((?:[^"]|"")*)"/.exec(formula);
    if (match && colour)
      rules.push({
        column: columnIndex(match[1] ?? 'A'),
        text: (match[2] ?? '').replace(/""/g, '"'),
        colour,
      });
  }
  return rules;
}

function rowColour(row: readonly unknown[], rules: readonly ColourRule[]): string | null {
  for (const rule of rules) {
    if (String(row[rule.column] ?? '').toLowerCase() === rule.text.toLowerCase()) return rule.colour;
  }
  return null;
}

export function runDemo(outputDir = join(REPO_ROOT, 'artifacts')): DemoResult {
  const csv = parse(readFileSync(SAMPLE_PATH, 'utf8')) as string[][];
  const rows = csv.map((row, index) => (index === 0 ? row : row.map(importCell)));
  const emulator = createEmulator({ sheets: { [SHEET_NAME]: rows }, startTime: Date.UTC(2026, 10, 20, 9) });
  loadBundle(emulator);
  const lines: string[] = [];

  emulator.invoke('onOpen', [{ authMode: 'NONE' }], { authMode: 'NONE' });
  const menu = emulator.ui.menu();
  const items = (menu?.entries ?? []).flatMap((entry) => {
    if (entry.kind === 'item') return [entry.label];
    if (entry.kind !== 'submenu') return [];
    const labels = entry.entries.flatMap((item) => (item.kind === 'item' ? [item.label] : []));
    return [`${entry.label} › ${labels.join(', ')}`];
  });
  lines.push(`Extensions › LeadScore: ${items.join(' | ')}`);

  // Set up scoring asks the user to confirm the lead table it found; the demo says yes.
  emulator.ui.answerAlert('YES');
  emulator.invoke('setUpScoring');
  emulator.calls.reset();
  emulator.invoke('scoreNow');
  const serviceCalls = emulator.calls.total();
  for (const toast of emulator.ui.toasts) lines.push(`toast: ${toast.message}`);

  const sheet = emulator.spreadsheet.getSheetByName(SHEET_NAME);
  if (!sheet) throw new Error(`the demo sheet ${SHEET_NAME} disappeared`);
  const values = emulator.sheetValues(SHEET_NAME);
  const header = (values[0] ?? []).map(String);
  const bandColumn = header.indexOf('Band');
  if (bandColumn < 0) throw new Error(`Score now wrote no Band column (headers: ${header.join(', ')})`);
  const rules = colourRules(sheet);
  const counts = new Map<string, { leads: number; colour: string | null }>();
  const body = values.slice(1).filter((row) => row.some((cell) => cell !== ''));
  for (const row of body) {
    const band = String(row[bandColumn] ?? '');
    const entry = counts.get(band) ?? { leads: 0, colour: rowColour(row, rules) };
    entry.leads++;
    counts.set(band, entry);
  }

  const shown = [
    'First Name',
    'Last Name',
    'Job Title',
    'Company Name',
    'Email',
    'Lead Score',
    'Score',
    'Fit',
    'Intent',
    'Band',
    'Reasons',
  ]
    .map((name) => header.indexOf(name))
    .filter((index, position, all) => index >= 0 && all.indexOf(index) === position);
  const tableRows = body
    .map((row) => {
      const colour = rowColour(row, rules);
      const style = colour ? ` style="background:${escapeHtml(colour)}"` : '';
      return `<tr${style}>${shown.map((index) => `<td>${escapeHtml(row[index])}</td>`).join('')}</tr>`;
    })
    .join('\n');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LeadScore demo</title>
<style>body{font:13px Arial,sans-serif;margin:24px}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left}th{background:#f1f3f4}</style>
</head><body>
<h1>LeadScore demo: ${body.length} sample leads</h1>
<p>The sheet after <em>Set up scoring</em> and <em>Score now</em>, rendered from the emulated spreadsheet; row colours come from the add-on's conditional-format rules.</p>
<table><thead><tr>${shown.map((index) => `<th>${escapeHtml(header[index])}</th>`).join('')}</tr></thead>
<tbody>
${tableRows}
</tbody></table></body></html>
`;
  mkdirSync(outputDir, { recursive: true });
  const htmlPath = join(outputDir, 'demo.html');
  writeFileSync(htmlPath, html);

  // Bands in the model's order, which is the order of the add-on's colour rules.
  const order = (band: string) => {
    const index = rules.findIndex((rule) => rule.text.toLowerCase() === band.toLowerCase());
    return index < 0 ? rules.length : index;
  };
  const bands = [...counts]
    .map(([band, entry]) => ({ band, ...entry }))
    .sort((a, b) => order(a.band) - order(b.band));
  lines.push('', `Scored ${body.length} leads with ${serviceCalls} Spreadsheet service calls:`);
  for (const { band, leads, colour } of bands) {
    lines.push(
      `  ${band.padEnd(14)} ${String(leads).padStart(4)}  ${'#'.repeat(Math.ceil(leads / 4))} ${colour ?? ''}`,
    );
  }
  const reasonsColumn = header.indexOf('Reasons');
  const scoreColumn =
    header.indexOf('Lead Score') >= 0 ? header.indexOf('Lead Score') : header.indexOf('Score');
  const top = [...body].sort((a, b) => Number(b[scoreColumn] ?? 0) - Number(a[scoreColumn] ?? 0)).slice(0, 3);
  lines.push('', 'Top leads:');
  for (const row of top) {
    lines.push(
      `  ${row[scoreColumn]}  ${row[header.indexOf('First Name')]} ${row[header.indexOf('Last Name')]}: ${row[reasonsColumn]}`,
    );
  }
  lines.push('', `Wrote ${htmlPath}`);
  return { bands, scoredRows: body.length, htmlPath, serviceCalls, lines };
}

if (require.main === module) {
  console.log(runDemo().lines.join('\n'));
}
