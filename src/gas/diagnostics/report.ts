// The diagnostics report: a JSON document with no lead data, and the add-on's report sheet that shows it.
import { plainTextBlock } from '../safe-cell';
import type { RunContext } from './context';
import { createOwnedSheet, ownedSheets } from './owned-sheets';
import { countByStatus, type ProbeResult, type ProbeStatus } from './probe-result';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface DiagnosticsReport {
  report: 'LeadScore diagnostics';
  format: 1;
  /** False until every probe is judged (the next Run diagnostics completes it). */
  complete: boolean;
  startedAt: string;
  updatedAt: string;
  contexts: RunContext[];
  summary: Record<ProbeStatus, number>;
  probes: ProbeResult[];
}

export function buildReport(
  startedAt: string,
  contexts: RunContext[],
  probes: ProbeResult[],
  complete: boolean,
): DiagnosticsReport {
  return {
    report: 'LeadScore diagnostics',
    format: 1,
    complete,
    startedAt,
    updatedAt: new Date().toISOString(),
    contexts,
    summary: countByStatus(probes),
    probes,
  };
}

export function summaryLine(report: DiagnosticsReport): string {
  const s = report.summary;
  const waiting = s.pending > 0 ? `, ${s.pending} pending` : '';
  return `${s['as modelled']} as modelled, ${s.differs} differ, ${s['not testable here']} not testable here${waiting}.`;
}

const COLUMNS = 7;
/** A cell holds 50,000 characters; a longer JSON report continues in the cells below. */
const JSON_PART_CHARACTERS = 45_000;

function row(...cells: string[]): string[] {
  return [...cells, ...Array.from({ length: COLUMNS - cells.length }, () => '')];
}

/** The report sheet's rows: status, contexts, one row per probe, then the JSON (in one cell where it fits). */
function reportRows(report: DiagnosticsReport): string[][] {
  const rows: string[][] = [
    row('LeadScore diagnostics'),
    row(
      report.complete
        ? `Complete (${report.updatedAt}).`
        : 'Not finished: run Help › Run diagnostics again in a minute or two to complete this report.',
    ),
    row(summaryLine(report)),
    row(
      'Please send the JSON report at the end of this sheet to the LeadScore developers. It holds no lead data: only the probes’ own test values, timings and where the add-on ran.',
    ),
    row(),
    row(
      'Run',
      'At',
      'Installation source',
      'Runs as',
      'Auth mode',
      'Locale',
      'Time zones (spreadsheet, script)',
    ),
    ...report.contexts.map((context) =>
      row(
        context.run,
        context.at,
        context.installationSource,
        context.runsAs,
        `${context.authMode} (authorization ${context.authorization})`,
        context.locale ?? 'no spreadsheet',
        `${context.spreadsheetTimeZone ?? 'no spreadsheet'}, ${context.scriptTimeZone}`,
      ),
    ),
    row(),
    row('Probe', 'Behaviour (behaviours.ts)', 'Run', 'Result', 'Modelled', 'Observed', 'Variant / note'),
    ...report.probes.map((probe) =>
      row(
        probe.probe,
        probe.behaviour,
        probe.run,
        probe.status,
        probe.modelled,
        probe.observed,
        [probe.variant, probe.note].filter(Boolean).join('; '),
      ),
    ),
    row(),
    row('JSON report (copy this cell; where the report is long it continues in the cells below it):'),
  ];
  const json = JSON.stringify(report);
  for (let start = 0; start < json.length; start += JSON_PART_CHARACTERS)
    rows.push(row(json.slice(start, start + JSON_PART_CHARACTERS)));
  return rows;
}

/** Writes the report into the add-on's report sheet (made on first use), as plain text that Sheets keeps as given. */
export function writeReportSheet(spreadsheet: Spreadsheet, report: DiagnosticsReport): Sheet {
  const sheet = ownedSheets(spreadsheet, 'report')[0] ?? createOwnedSheet(spreadsheet, 'report');
  const rows = reportRows(report);
  sheet.clear();
  const maxRows = sheet.getMaxRows();
  if (maxRows < rows.length) sheet.insertRowsAfter(maxRows, rows.length - maxRows);
  const block = plainTextBlock(rows, (r, c) => `Report cell ${String.fromCharCode(65 + c)}${r + 1}`);
  sheet.getRange(1, 1, rows.length, COLUMNS).setNumberFormats(block.formats).setValues(block.values);
  return sheet;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Where no report sheet can be added (a spreadsheet at the 10 million-cell limit), the report is shown in a
 * dialog instead, the JSON in a read-only text box (escaped: nothing in it becomes HTML).
 */
export function reportDialog(report: DiagnosticsReport, why: string): GoogleAppsScript.HTML.HtmlOutput {
  const html = `<p style="font-family:sans-serif">${escapeHtml(summaryLine(report))}</p>
<p style="font-family:sans-serif">No report sheet could be added (${escapeHtml(why)}). Please copy the JSON report below and send it to the LeadScore developers: it holds no lead data.</p>
<textarea readonly style="width:100%;height:260px">${escapeHtml(JSON.stringify(report))}</textarea>`;
  return HtmlService.createHtmlOutput(html).setWidth(640).setHeight(420);
}
