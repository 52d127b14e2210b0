// The sidebar <-> server RPC contract: JSON-safe types only (ISO strings, numbers; no Date, no classes).
// google.script.run fails a call that carries a Date and turns undefined in arrays into null, so every
// payload here is plain data; `SidebarApi` is what src/gas/sidebar-api.ts implements and src/sidebar/rpc.ts calls.
import type { ValueKind } from '../engine/conditions';
import type { ScoringModel } from '../engine/model';
import type { PreviewSummary, RowBreakdown } from '../engine/preview';

export type {
  BandCount,
  GroupLine,
  Mover,
  PreviewSummary,
  RowBreakdown,
  RuleLine,
  ScoreBand,
} from '../engine/preview';

/** A validation issue: `path` locates it in the model's JSON (["bands", 1, "min"]), `where` names it for people. */
export interface RpcIssue {
  path: (string | number)[];
  where: string;
  message: string;
}

/** One header of the lead table, with a few sample values so the sidebar can suggest suited conditions. */
export interface ColumnInfo {
  /** 0-based position in the lead table. */
  index: number;
  header: string;
  /** The kind of value most non-blank samples hold. */
  kind: ValueKind;
  /** Up to five distinct non-blank values, as text (dates as ISO strings). */
  samples: string[];
}

export interface SetupInfo {
  /** Every sheet in the spreadsheet (the lead sheet is picked from these). */
  sheets: string[];
  /** The sheet holding the leads, or null when none was found or chosen. */
  leadSheet: string | null;
  /** 1-based header row of the lead table. */
  headerRow: number;
  /** Lead rows below the header (blank rows included). */
  rowCount: number;
  /** Name of the rules sheet (the saved model's home). */
  rulesSheet: string;
  /** Whether managed scoring (owned score columns) is set up on the lead sheet. */
  managed: boolean;
}

export interface ScheduleStatus {
  /** Whether the hourly refresh trigger is installed. */
  installed: boolean;
  /** Hours between refreshes when installed. */
  everyHours: number | null;
  /** Last refresh time as an ISO string, or null. */
  lastRunIso: string | null;
  /** One readable line: "Refreshes every hour; last run 2026-11-24 10:00 UTC". */
  summary: string;
}

export interface TemplateInfo {
  id: string;
  name: string;
  description: string;
}

export interface SidebarState {
  /** The saved model (the rules sheet's content), or a starter model when none is saved yet. */
  model: ScoringModel;
  /** True when `model` came from the rules sheet; false for the starter model. */
  saved: boolean;
  /** Problems in the saved rules sheet (the sidebar then starts from `model`, a usable fallback). */
  issues: RpcIssue[];
  setup: SetupInfo;
  columns: ColumnInfo[];
  schedule: ScheduleStatus;
  templates: TemplateInfo[];
}

/** The draft is sent as the user left it: it may be invalid, and the server validates it first. */
export interface PreviewRequest {
  draft: unknown;
}

export type PreviewResult = ({ ok: true } & PreviewSummary) | { ok: false; issues: RpcIssue[] };

export interface TestRowRequest {
  draft: unknown;
  /** 1-based sheet row number. */
  row: number;
}

export type TestRowResult = ({ ok: true } & RowBreakdown) | { ok: false; issues: RpcIssue[] };

export interface ApplyRequest {
  draft: unknown;
}

export type ApplyResult =
  | { ok: true; model: ScoringModel; scored: number; summary: string }
  | { ok: false; issues: RpcIssue[] };

export interface SetUpRequest {
  leadSheet: string;
  headerRow: number;
}

export interface ScheduleRequest {
  /** 0 removes the trigger; otherwise hours between refreshes (Apps Script add-ons: hourly at most). */
  everyHours: number;
}

export interface ImportRequest {
  json: string;
}

export type ModelResult = { ok: true; model: ScoringModel } | { ok: false; issues: RpcIssue[] };

export interface TemplateRequest {
  id: string;
}

export interface CalibrateRequest {
  /** Header of the outcome column (Converted, Deal Stage, Lifecycle Stage...). */
  outcomeColumn: string;
  /** Columns the leak check flags that the suggestion may learn from anyway. */
  keepColumns?: string[];
}

export interface BandConversion {
  label: string;
  leads: number;
  converted: number;
  rate: number;
}

/** The calibration summary the sidebar shows; the full tables go to the LeadScore Calibration sheet. */
export type CalibrateResult =
  | {
      ok: true;
      outcomeColumn: string;
      leads: number;
      conversions: number;
      baseline: number;
      auc: number | null;
      /** Cross-validated AUC (mean and standard deviation) of the suggestion and of the saved rules. */
      validation: {
        /** How it was measured, in one line (folds, repeats, sample, and why in the add-on). */
        description: string;
        suggested: { mean: number; sd: number };
        current: { mean: number; sd: number };
      };
      /** Columns left out of the suggestion by the leak check. */
      leftOut: string[];
      byBand: BandConversion[];
      warnings: string[];
      /** The suggested points model; it becomes the draft only when the user loads it. */
      suggestion: ScoringModel;
    }
  | { ok: false; message: string };

export interface ExportSqlRequest {
  /** The model to write as SQL: the sidebar's draft, validated again on the server. */
  draft: unknown;
  /** The BigQuery table holding the leads: "project.dataset.table". */
  table: string;
}

export type ExportSqlResult =
  | {
      ok: true;
      /** One BigQuery SELECT: every column of the table plus score, fit, intent, band, grade, quadrant, reasons, action, confidence. */
      sql: string;
      /** What the SQL assumes, for the user to check: "Columns as in Leads!1:1, read as text; as of today in Europe/Paris." */
      note: string;
    }
  | { ok: false; issues: RpcIssue[] };

/**
 * Every server function the sidebar calls: one argument, one JSON-safe result. Failures the user can
 * fix come back as `{ ok: false, issues }`; anything else is thrown as an Error with a readable message.
 */
export interface SidebarApi {
  sidebarGetState(): SidebarState;
  sidebarSetUp(request: SetUpRequest): SidebarState;
  sidebarPreview(request: PreviewRequest): PreviewResult;
  sidebarTestRow(request: TestRowRequest): TestRowResult;
  sidebarApply(request: ApplyRequest): ApplyResult;
  sidebarSetSchedule(request: ScheduleRequest): ScheduleStatus;
  sidebarImportModel(request: ImportRequest): ModelResult;
  sidebarLoadTemplate(request: TemplateRequest): ModelResult;
  sidebarCalibrate(request: CalibrateRequest): CalibrateResult;
  sidebarExportSql(request: ExportSqlRequest): ExportSqlResult;
}

export type SidebarFunction = keyof SidebarApi;
