// The server side of the sidebar: every function google.script.run may call, each taking and returning JSON-safe data.
// Errors a user can fix come back as { ok: false, issues }; anything else is thrown with a readable message.
import { columnLetter, findHeaderRow } from '../engine/columns';
import type { ScoringModel } from '../engine/model';
import { cellText, comparePreview, explainRow, guessValueKind, sampleValues } from '../engine/preview';
import { modelToRulesSheet, rulesSheetToModel } from '../engine/rules-sheet';
import { bindScorer, compileModel } from '../engine/scorer';
import { findTemplate, TEMPLATES } from '../engine/templates';
import { validateModelDetailed } from '../engine/validate';
import type {
  ApplyRequest,
  ApplyResult,
  ColumnInfo,
  ImportRequest,
  ModelResult,
  PreviewRequest,
  PreviewResult,
  RpcIssue,
  ScheduleRequest,
  ScheduleStatus,
  SetUpRequest,
  SidebarApi,
  SidebarState,
  TemplateRequest,
  TestRowRequest,
  TestRowResult,
} from '../shared/sidebar-rpc';
import type * as self from './sidebar-api';

/** Compile-time proof that this module implements the contract the sidebar calls. */
type Implements<T extends SidebarApi> = T;
export type SidebarApiCheck = Implements<typeof self>;

export const RULES_SHEET = 'LeadScore Rules';
/** Columns the add-on owns in the lead sheet; never read as lead data. */
export const OWNED_HEADERS = ['Score', 'Band', 'Reasons'] as const;
const TABLE_KEY = 'leadscore.sidebar.table';
const LAST_RUN_KEY = 'leadscore.sidebar.lastRun';
/** The trigger handler the schedule installs (exported from src/index.ts). */
export const SCHEDULED_HANDLER = 'sidebarScheduledRefresh';
const SAMPLE_ROWS = 200;

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

interface LeadTable {
  sheet: Sheet;
  /** 1-based. */
  headerRow: number;
  /** The header as the engine sees it: owned columns blanked so no rule can read them. */
  header: unknown[];
  rows: unknown[][];
  /** 0-based positions of the owned columns, -1 when absent. */
  owned: number[];
}

function spreadsheet(): Spreadsheet {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (!ss) throw new Error('Open a spreadsheet first: the sidebar works on the active spreadsheet.');
  return ss;
}

function toIssues(
  issues: readonly { path?: readonly (string | number)[]; where: string; message: string }[],
): RpcIssue[] {
  return issues.map((issue) => ({
    path: [...(issue.path ?? [])],
    where: issue.where,
    message: issue.message,
  }));
}

function validate(draft: unknown): { ok: true; model: ScoringModel } | { ok: false; issues: RpcIssue[] } {
  const result = validateModelDetailed(draft);
  return result.ok ? result : { ok: false, issues: toIssues(result.issues) };
}

// ---------------------------------------------------------------------------------------------
// Lead table and model store.

function storedTable(): { sheet: string; headerRow: number } | null {
  const raw = PropertiesService.getDocumentProperties().getProperty(TABLE_KEY);
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const sheet: unknown = Reflect.get(parsed, 'sheet');
    const headerRow: unknown = Reflect.get(parsed, 'headerRow');
    return typeof sheet === 'string' && typeof headerRow === 'number' ? { sheet, headerRow } : null;
  } catch {
    return null;
  }
}

function readTable(sheet: Sheet, headerRow: number): LeadTable {
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  if (lastColumn === 0 || lastRow < headerRow)
    return { sheet, headerRow, header: [], rows: [], owned: [-1, -1, -1] };
  // One read for the whole table: the number of service calls must not grow with the rows.
  const values = sheet.getRange(headerRow, 1, lastRow - headerRow + 1, lastColumn).getValues();
  const header = [...(values[0] ?? [])];
  const owned = OWNED_HEADERS.map((name) => header.findIndex((cell) => String(cell).trim() === name));
  for (const index of owned) if (index >= 0) header[index] = '';
  return { sheet, headerRow, header, rows: values.slice(1), owned };
}

/** The stored lead table, or the first non-rules sheet with its detected header row. */
function leadTable(ss: Spreadsheet): LeadTable | null {
  const stored = storedTable();
  if (stored) {
    const sheet = ss.getSheetByName(stored.sheet);
    if (sheet) return readTable(sheet, stored.headerRow);
  }
  for (const sheet of ss.getSheets()) {
    if (sheet.getName() === RULES_SHEET || sheet.getLastRow() === 0) continue;
    const top = sheet
      .getRange(1, 1, Math.min(sheet.getLastRow(), 10), Math.max(sheet.getLastColumn(), 1))
      .getValues();
    const index = findHeaderRow(top);
    return readTable(sheet, index < 0 ? 1 : index + 1);
  }
  return null;
}

function requireTable(ss: Spreadsheet): LeadTable {
  const table = leadTable(ss);
  if (!table) throw new Error('No lead table found: add your leads to a sheet, then pick it under Setup.');
  return table;
}

/** The saved model from the rules sheet; `null` model when there is no rules sheet yet. */
function savedModel(ss: Spreadsheet): { model: ScoringModel | null; issues: RpcIssue[] } {
  const sheet = ss.getSheetByName(RULES_SHEET);
  if (!sheet || sheet.getLastRow() === 0) return { model: null, issues: [] };
  const result = rulesSheetToModel(sheet.getDataRange().getValues());
  return result.ok ? { model: result.model, issues: [] } : { model: null, issues: toIssues(result.issues) };
}

/** Strings that Sheets would read as formulas are written as text (a leading apostrophe). */
function safeCell(value: unknown): unknown {
  if (typeof value === 'string' && /^[=+\-@]/.test(value)) return `'${value}`;
  return value;
}

function saveModel(ss: Spreadsheet, model: ScoringModel): void {
  const sheet = ss.getSheetByName(RULES_SHEET) ?? ss.insertSheet(RULES_SHEET);
  const values = modelToRulesSheet(model).map((row) => row.map(safeCell));
  const width = values.reduce((max, row) => Math.max(max, row.length), 0);
  const grid = values.map((row) => [...row, ...new Array<unknown>(width - row.length).fill('')]);
  sheet.clearContents();
  if (grid.length > 0 && width > 0) sheet.getRange(1, 1, grid.length, width).setValues(grid);
}

// ---------------------------------------------------------------------------------------------
// Refresh: score every row, write the owned columns in one batch, colour rows by band.

const OWN_RULE = /^=\$([A-Z]+)(\d+)="((?:[^"]|"")*)"$/;

function formulaText(text: string): string {
  return text.replace(/"/g, '""');
}

function refresh(ss: Spreadsheet, model: ScoringModel): number {
  const table = requireTable(ss);
  const { sheet, headerRow, header, rows } = table;
  const scorer = bindScorer(compileModel(model), header, new Date());
  const results = rows.map((row) => scorer.scoreRow(row));
  // Owned columns go after the user's last column when they are not there yet.
  let next = header.length;
  const columns = table.owned.map((index) => (index >= 0 ? index : next++));
  const [scoreCol = 0, bandCol = 1, reasonsCol = 2] = columns;
  OWNED_HEADERS.forEach((name, i) => {
    sheet.getRange(headerRow, (columns[i] ?? 0) + 1).setValue(name);
  });
  if (rows.length > 0) {
    const write = (column: number, pick: (index: number) => unknown): void => {
      const values = results.map((result, index) => [result.blank ? '' : safeCell(pick(index))]);
      sheet.getRange(headerRow + 1, column + 1, values.length, 1).setValues(values);
    };
    write(scoreCol, (index) => results[index]?.score ?? '');
    write(bandCol, (index) => results[index]?.band ?? '');
    write(reasonsCol, (index) => results[index]?.reasons ?? '');
  }
  colourRows(sheet, model, headerRow, Math.max(rows.length, 1), Math.max(next, header.length), bandCol);
  PropertiesService.getDocumentProperties().setProperty(LAST_RUN_KEY, new Date().toISOString());
  return results.filter((result) => !result.blank).length;
}

/** Replaces only the add-on's own band rules (a formula on the band column); the user's rules stay. */
function colourRows(
  sheet: Sheet,
  model: ScoringModel,
  headerRow: number,
  rowCount: number,
  width: number,
  bandCol: number,
): void {
  const letter = columnLetter(bandCol);
  const first = headerRow + 1;
  const keep = sheet.getConditionalFormatRules().filter((rule) => {
    const values = rule.getBooleanCondition()?.getCriteriaValues() ?? [];
    const formula = values.length === 1 ? String(values[0]) : '';
    const match = OWN_RULE.exec(formula);
    return !(match && match[1] === letter);
  });
  const range = sheet.getRange(first, 1, rowCount, width);
  const styles = [
    ...model.bands,
    model.disqualifiedBand,
    ...(model.missingData ? [model.missingData.band] : []),
  ];
  const own = styles.map((style) =>
    SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied(`=$${letter}${first}="${formulaText(style.name)}"`)
      .setBackground(style.colour)
      .setRanges([range])
      .build(),
  );
  sheet.setConditionalFormatRules([...keep, ...own]);
}

// ---------------------------------------------------------------------------------------------
// Schedule.

function scheduleStatus(): ScheduleStatus {
  const triggers = ScriptApp.getProjectTriggers().filter(
    (trigger) => trigger.getHandlerFunction() === SCHEDULED_HANDLER,
  );
  const hoursRaw = PropertiesService.getDocumentProperties().getProperty(`${TABLE_KEY}.everyHours`);
  const everyHours = triggers.length > 0 ? Number(hoursRaw ?? '1') || 1 : null;
  const lastRunIso = PropertiesService.getDocumentProperties().getProperty(LAST_RUN_KEY);
  const last = lastRunIso ? ` Last scored ${lastRunIso.slice(0, 16).replace('T', ' ')} UTC.` : '';
  const summary =
    everyHours === null
      ? `No schedule: scores refresh when you apply or choose Score now.${last}`
      : `Refreshes every ${everyHours === 1 ? 'hour' : `${everyHours} hours`}.${last}`;
  return { installed: triggers.length > 0, everyHours, lastRunIso, summary };
}

// ---------------------------------------------------------------------------------------------
// The API.

function columnInfos(table: LeadTable | null): ColumnInfo[] {
  if (!table) return [];
  const sample = table.rows.slice(0, SAMPLE_ROWS);
  const columns: ColumnInfo[] = [];
  table.header.forEach((cell, index) => {
    const header = cellText(cell).trim();
    if (header === '') return;
    columns.push({
      index,
      header,
      kind: guessValueKind(sample.map((row) => row[index])),
      samples: sampleValues(sample, index),
    });
  });
  return columns;
}

function stateOf(ss: Spreadsheet): SidebarState {
  const table = leadTable(ss);
  const saved = savedModel(ss);
  const starter = TEMPLATES[0]?.model;
  if (!saved.model && !starter) throw new Error('No starter template is bundled; rebuild the add-on.');
  const model = saved.model ?? (starter as ScoringModel);
  return {
    model,
    saved: saved.model !== null,
    issues: saved.issues,
    setup: {
      sheets: ss.getSheets().map((sheet) => sheet.getName()),
      leadSheet: table ? table.sheet.getName() : null,
      headerRow: table ? table.headerRow : 1,
      rowCount: table ? table.rows.length : 0,
      rulesSheet: RULES_SHEET,
      managed: table ? table.owned.some((index) => index >= 0) : false,
    },
    columns: columnInfos(table),
    schedule: scheduleStatus(),
    templates: TEMPLATES.map((template) => ({
      id: template.id,
      name: template.name,
      description: template.description,
    })),
  };
}

export function sidebarGetState(): SidebarState {
  return stateOf(spreadsheet());
}

export function sidebarSetUp(request: SetUpRequest): SidebarState {
  const ss = spreadsheet();
  const sheet = ss.getSheetByName(String(request.leadSheet));
  if (!sheet) throw new Error(`There is no sheet called '${String(request.leadSheet)}'.`);
  const headerRow = Number(request.headerRow);
  if (!Number.isInteger(headerRow) || headerRow < 1 || headerRow > Math.max(sheet.getLastRow(), 1)) {
    throw new Error(
      `The header row must be a row of '${sheet.getName()}' (1 to ${Math.max(sheet.getLastRow(), 1)}).`,
    );
  }
  PropertiesService.getDocumentProperties().setProperty(
    TABLE_KEY,
    JSON.stringify({ sheet: sheet.getName(), headerRow }),
  );
  return stateOf(ss);
}

export function sidebarPreview(request: PreviewRequest): PreviewResult {
  const draft = validate(request.draft);
  if (!draft.ok) return draft;
  const ss = spreadsheet();
  const table = requireTable(ss);
  const summary = comparePreview({
    before: savedModel(ss).model,
    after: draft.model,
    header: table.header,
    rows: table.rows,
    firstRow: table.headerRow + 1,
    asOf: new Date(),
  });
  return { ok: true, ...summary };
}

export function sidebarTestRow(request: TestRowRequest): TestRowResult {
  const draft = validate(request.draft);
  if (!draft.ok) return draft;
  const table = requireTable(spreadsheet());
  const row = Number(request.row);
  const index = row - table.headerRow - 1;
  const values = table.rows[index];
  if (!Number.isInteger(row) || !values) {
    const last = table.headerRow + table.rows.length;
    throw new Error(`Row ${String(request.row)} is not a lead row: pick ${table.headerRow + 1} to ${last}.`);
  }
  return { ok: true, ...explainRow(draft.model, table.header, values, row, new Date()) };
}

export function sidebarApply(request: ApplyRequest): ApplyResult {
  const draft = validate(request.draft);
  if (!draft.ok) return draft;
  const ss = spreadsheet();
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(20_000))
    throw new Error('Another LeadScore run is busy with this spreadsheet; try again in a minute.');
  try {
    saveModel(ss, draft.model);
    const scored = refresh(ss, draft.model);
    return {
      ok: true,
      model: draft.model,
      scored,
      summary: `Saved. ${scored} leads rescored and recoloured.`,
    };
  } finally {
    lock.releaseLock();
  }
}

export function sidebarSetSchedule(request: ScheduleRequest): ScheduleStatus {
  const hours = Number(request.everyHours);
  if (![0, 1, 2, 4, 6, 8, 12].includes(hours)) throw new Error('Pick a refresh interval from the list.');
  // One trigger per document at most (add-on limit): remove ours before adding the new one.
  for (const trigger of ScriptApp.getProjectTriggers()) {
    if (trigger.getHandlerFunction() === SCHEDULED_HANDLER) ScriptApp.deleteTrigger(trigger);
  }
  if (hours > 0) {
    ScriptApp.newTrigger(SCHEDULED_HANDLER).timeBased().everyHours(hours).create();
    PropertiesService.getDocumentProperties().setProperty(`${TABLE_KEY}.everyHours`, String(hours));
  }
  return scheduleStatus();
}

export function sidebarImportModel(request: ImportRequest): ModelResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(request.json));
  } catch (error) {
    const reason = typeof error === 'object' && error !== null ? String(Reflect.get(error, 'message')) : '';
    return {
      ok: false,
      issues: [{ path: [], where: '', message: `This is not valid JSON. ${reason}`.trim() }],
    };
  }
  return validate(parsed);
}

export function sidebarLoadTemplate(request: TemplateRequest): ModelResult {
  const template = findTemplate(String(request.id));
  if (!template)
    return { ok: false, issues: [{ path: [], where: '', message: `No template '${String(request.id)}'.` }] };
  return validate(template.model);
}

/** The time trigger's handler: rescore with the saved model (a no-op without one). */
export function sidebarScheduledRefresh(): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (!ss) return;
  const saved = savedModel(ss);
  if (saved.model) refresh(ss, saved.model);
}

/** Extensions > LeadScore > Open sidebar. */
export function showSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('LeadScore');
  SpreadsheetApp.getUi().showSidebar(html);
}
