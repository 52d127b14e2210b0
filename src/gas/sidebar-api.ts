// The server side of the sidebar: every function google.script.run may call, each taking and returning JSON-safe data.
// Errors a user can fix come back as { ok: false, issues }; anything else is thrown with a readable message.

import { describeValidation } from '../engine/calibration/explanations';
import type { ScoringModel } from '../engine/model';
import { cellText, comparePreview, explainRow, guessValueKind, sampleValues } from '../engine/preview';
import { findTemplate, TEMPLATES } from '../engine/templates';
import { validateModelDetailed } from '../engine/validate';
import type {
  ApplyRequest,
  ApplyResult,
  CalibrateRequest,
  CalibrateResult,
  ColumnInfo,
  ExportSqlRequest,
  ExportSqlResult,
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
import { bigQuery } from '../sql/dialect';
import { generateSql } from '../sql/generate';
import { calibrateLeadTable, writeCalibrationSheet } from './calibration-sheet';
import {
  detectLeadTable,
  locatedSheet,
  readLeadTable,
  rememberLocation,
  storedLocation,
  TableError,
} from './lead-table';
import { findOwnedColumns } from './owned-columns';
import { refreshLeadScores } from './refresh';
import { RULES_SHEET_NAME, readRules, rulesSheet, writeRules } from './rules-store';
import type * as self from './sidebar-api';
import { readStatus } from './status';
import {
  installSchedule,
  nextScheduledRun,
  removeSchedule,
  SCHEDULE_INTERVALS,
  scheduleState,
} from './triggers';

/** Compile-time proof that this module implements the contract the sidebar calls. */
type Implements<T extends SidebarApi> = T;
export type SidebarApiCheck = Implements<typeof self>;

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
  /** True once the add-on has added its own columns to this sheet. */
  managed: boolean;
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
// Lead table, model store and schedule: the managed-mode modules, read for the sidebar.

/** The remembered lead table, or the one setup would pick; owned columns blanked so no rule reads them. */
function leadTable(ss: Spreadsheet): LeadTable | null {
  let location = storedLocation();
  let sheet = locatedSheet(ss, location);
  if (!sheet) {
    try {
      location = detectLeadTable(ss);
    } catch (error) {
      if (error instanceof TableError) return null;
      throw error;
    }
    sheet = locatedSheet(ss, location);
  }
  if (!sheet || !location) return null;
  const values = readLeadTable(sheet, location.headerRow).values;
  const owned = new Set([...findOwnedColumns(sheet).values()].map((column) => column - 1));
  const header = (values[0] ?? []).map((cell, index) => (owned.has(index) ? '' : cell));
  return { sheet, headerRow: location.headerRow, header, rows: values.slice(1), managed: owned.size > 0 };
}

function requireTable(ss: Spreadsheet): LeadTable {
  const table = leadTable(ss);
  if (!table) throw new Error('No lead table found: add your leads to a sheet, then pick it under Setup.');
  return table;
}

/** The saved model from the rules sheet; `null` model when there is no rules sheet yet. */
function savedModel(ss: Spreadsheet): { model: ScoringModel | null; issues: RpcIssue[] } {
  if (!rulesSheet(ss)) return { model: null, issues: [] };
  const rules = readRules(ss);
  return rules.ok ? { model: rules.model, issues: [] } : { model: null, issues: toIssues(rules.issues) };
}

function scheduleStatus(): ScheduleStatus {
  const schedule = scheduleState();
  const status = readStatus();
  const lastRunIso = status?.lastRun ?? null;
  const last = lastRunIso ? ` Last scored ${lastRunIso.slice(0, 16).replace('T', ' ')} UTC.` : '';
  const summary =
    schedule === null
      ? `No schedule: scores refresh when you apply or choose Score now.${last}`
      : `Refreshes every ${schedule.hours === 1 ? 'hour' : `${schedule.hours} hours`} (next about ${nextScheduledRun(
          schedule,
          status?.lastScheduledRun ?? null,
        )
          .toISOString()
          .slice(11, 16)} UTC), and rows as they are added or edited.${last}`;
  return { installed: schedule !== null, everyHours: schedule?.hours ?? null, lastRunIso, summary };
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
      rulesSheet: RULES_SHEET_NAME,
      managed: table ? table.managed : false,
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
  rememberLocation({ sheetId: sheet.getSheetId(), headerRow });
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
  // Applying from the sidebar before Set up scoring adopts the table the sidebar shows.
  if (!locatedSheet(ss, storedLocation())) {
    const table = requireTable(ss);
    rememberLocation({ sheetId: table.sheet.getSheetId(), headerRow: table.headerRow });
  }
  writeRules(ss, draft.model, new Date());
  const outcome = refreshLeadScores(ss, { reason: 'sidebar' });
  if (outcome.status !== 'done' && outcome.status !== 'continuing') throw new Error(outcome.message);
  return {
    ok: true,
    model: draft.model,
    scored: outcome.rowsScored,
    summary: `Saved. ${outcome.rowsScored} leads rescored and recoloured.${outcome.status === 'continuing' ? ` ${outcome.message}` : ''}`,
  };
}

export function sidebarSetSchedule(request: ScheduleRequest): ScheduleStatus {
  const hours = Number(request.everyHours);
  const ss = spreadsheet();
  if (hours === 0) removeSchedule(ss);
  else if (SCHEDULE_INTERVALS.includes(hours)) installSchedule(ss, hours);
  else throw new Error(`Pick a refresh interval from the list: ${SCHEDULE_INTERVALS.join(', ')} hours.`);
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

/** Calibrates the saved model against an outcome column, writes the Calibration sheet, returns the summary. */
export function sidebarCalibrate(request: CalibrateRequest): CalibrateResult {
  const ss = spreadsheet();
  const outcomeColumn = String(request.outcomeColumn ?? '').trim();
  if (outcomeColumn === '')
    return { ok: false, message: 'Name the column that says whether a lead converted.' };
  try {
    const asOf = new Date();
    const keep = Array.isArray(request.keepColumns)
      ? request.keepColumns.map((column) => String(column).trim()).filter((column) => column !== '')
      : [];
    const calibration = calibrateLeadTable(ss, outcomeColumn, asOf, keep);
    writeCalibrationSheet(ss, calibration, outcomeColumn, asOf);
    const { report } = calibration;
    const finite = (value: number) => (Number.isFinite(value) ? Math.round(value * 1000) / 1000 : null);
    const summary = (value: { mean: number; sd: number }) => ({
      mean: Math.round(value.mean * 1000) / 1000,
      sd: Math.round(value.sd * 1000) / 1000,
    });
    return {
      ok: true,
      outcomeColumn,
      leads: report.leads,
      conversions: report.conversions,
      baseline: report.baseline,
      auc: finite(report.current.auc),
      validation: {
        description: describeValidation(report.validation),
        suggested: summary(report.validation.suggested),
        current: summary(report.validation.current),
      },
      leftOut: report.flags.filter((flag) => !flag.kept).map((flag) => flag.column),
      byBand: report.current.byBand,
      warnings: report.warnings,
      suggestion: report.suggestion.model,
    };
  } catch (error) {
    if (error instanceof TableError) return { ok: false, message: error.message };
    throw error;
  }
}

/** A BigQuery table path as people type it: project.dataset.table, letters, digits, '_', '-', '.', ':' only. */
const TABLE_PATH = /^[A-Za-z0-9_-]+(?:[.:][A-Za-z0-9_-]+){1,2}$/;

/**
 * The draft as one BigQuery SELECT over a table with the lead sheet's columns (each read through its text
 * form, whatever type BigQuery gave it), scored as of the day the query runs in the spreadsheet's time zone.
 * The same generator as `leadscore sql`; nothing here talks to BigQuery.
 */
export function sidebarExportSql(request: ExportSqlRequest): ExportSqlResult {
  const draft = validate(request.draft);
  if (!draft.ok) return draft;
  const table = String(request.table ?? '').trim();
  if (!TABLE_PATH.test(table))
    return {
      ok: false,
      issues: [
        {
          path: [],
          where: 'Table',
          message: 'Write the table as project.dataset.table (e.g. my-project.crm.leads).',
        },
      ],
    };
  const ss = spreadsheet();
  const lead = leadTable(ss);
  const names = lead
    ? lead.header.map((cell) => cellText(cell).trim()).filter((name) => name !== '')
    : [...new Set(draft.model.groups.flatMap((group) => group.rules.map((rule) => rule.column)))];
  const timeZone = ss.getSpreadsheetTimeZone() || 'UTC';
  const generated = generateSql(draft.model, {
    dialect: bigQuery,
    table,
    columns: names.map((name) => ({ name, kind: 'any' as const })),
    asOf: { timeZone },
  });
  const source = lead
    ? `the columns of '${lead.sheet.getName()}'`
    : "the model's own column names (no lead table found)";
  const missing = generated.missingColumns.length
    ? ` No column for: ${[...new Set(generated.missingColumns.map((entry) => entry.column))].join(', ')} (those rules give nothing).`
    : '';
  return {
    ok: true,
    sql: `${generated.sql};\n`,
    note: `Written for ${source}, each read as text; scores as of the day the query runs in ${timeZone}.${missing}`,
  };
}

/** Extensions > LeadScore > Open sidebar. */
export function showSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('LeadScore');
  SpreadsheetApp.getUi().showSidebar(html);
}
