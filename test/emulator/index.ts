// The emulator's entry point: createEmulator() wires every service to one in-memory spreadsheet, clock and call log.
import { join } from 'node:path';
import { CacheService, CacheStores } from './cache';
import { CallLog, type CostModel } from './call-log';
import { type CellValue, Formula, type FormulaEvaluator, toCell } from './cell-value';
import { Clock } from './clock';
import { EmulatorContext } from './context';
import { AuthMode, type AuthModeName, enumName } from './enums';
import { Faults } from './faults';
import { HtmlService } from './html-service';
import { LockService, LockTable } from './lock';
import { Logger } from './logger';
import { MailApp } from './mail';
import { DEFAULT_MAX_COLUMNS, DEFAULT_MAX_ROWS, type SheetModel, SpreadsheetModel } from './model';
import { PropertiesService, PropertyStores } from './properties';
import { realmOf } from './realm';
import { Recorder } from './recorder';
import { DIST_MANIFEST, readManifestScopes } from './scopes';
import { ScriptApp, Trigger, type TriggerModel, TriggerTable } from './script-app';
import { Session } from './session';
import { Sheet } from './sheet';
import { Spreadsheet } from './spreadsheet';
import { SpreadsheetApp } from './spreadsheet-app';
import type { SheetLocale } from './typed-input';
import { Utilities } from './utilities';
import { WriteQueue } from './write-queue';

export type { CostConstants, CostLevel, CostModel } from './call-log';
export { COSTS } from './call-log';
export { AuthMode, type AuthModeName } from './enums';
export type { CallMatcher, Faults } from './faults';
export type { Range } from './range';
export type { MenuEntry, RecordedDialog, RecordedMenu, Recorder, SentMail } from './recorder';
export type { TriggerModel } from './script-app';
export type { Sheet } from './sheet';
export type { Spreadsheet } from './spreadsheet';
export type { SheetLocale } from './typed-input';

const REPO_ROOT = join(__dirname, '..', '..');

export interface EmulatorOptions {
  /** Default FULL (a menu click or installable trigger). */
  authMode?: AuthModeName | unknown;
  /** Apply the add-on trigger restrictions (hourly minimum, one trigger per type per document). Default true. */
  addon?: boolean;
  /** Modelled time: 'low' | 'central' (default) | 'high', explicit constants, or 0 for none (docs/emulator.md). */
  cost?: CostModel;
  /** Also advance the emulator clock by each call's modelled cost (for time-budget tests). Default false. */
  costAdvancesClock?: boolean;
  /** The emulator clock's start (default: the real time at creation). */
  startTime?: number | Date;
  /** Spreadsheet time zone (default Etc/UTC). */
  timeZone?: string;
  /** Script (manifest) time zone (default Etc/UTC). */
  scriptTimeZone?: string;
  user?: string;
  spreadsheetId?: string;
  spreadsheetName?: string;
  /** The add-on menu's name (Sheets shows the add-on's store name). */
  addonName?: string;
  /** Initial sheets, in order: name -> rows. Default: one empty "Sheet1". */
  sheets?: Record<string, unknown[][]>;
  /** Folder HtmlService reads files from (default <repo>/dist). */
  htmlDir?: string;
  /** false models a standalone script: document properties, cache and lock are null. Default true. */
  bound?: boolean;
  /** What getValues returns for a formula cell; default "#NAME?" (the emulator cannot compute formulas). */
  evaluateFormula?: FormulaEvaluator;
  /** Scopes the user declined (granular consent): requireScopes throws for them. */
  declinedScopes?: string[];
  /** MailApp recipients per day (consumer accounts: 100). */
  mailQuota?: number;
  /** Whether a time-driven trigger sees an active spreadsheet (unverified on real Sheets). Default false (strict). */
  timeTriggerHasActiveSpreadsheet?: boolean;
  /** Whether ScriptApp.getUserTriggers(ss) lists time-driven triggers (unverified). Default false (strict). */
  userTriggersListTimeDriven?: boolean;
  /** The spreadsheet locale typed input is parsed in: 'en_US' (default) or 'de_DE'. */
  locale?: SheetLocale;
  /** The manifest's oauthScopes; default: read from dist/appsscript.json (the built add-on's manifest). */
  oauthScopes?: readonly string[];
}

export interface EmulatorGlobals {
  SpreadsheetApp: SpreadsheetApp;
  PropertiesService: PropertiesService;
  CacheService: CacheService;
  LockService: LockService;
  ScriptApp: ScriptApp;
  HtmlService: HtmlService;
  Session: Session;
  Utilities: Utilities;
  Logger: Logger;
  MailApp: MailApp;
}

export interface RunOptions {
  /** Default FULL. */
  authMode?: AuthModeName | unknown;
  /** Execution id (locks are owned by executions); default a fresh one. */
  execution?: string;
  /** Run as this user (installable triggers run as their creator). */
  user?: string;
  /** false inside a time-driven trigger: getUi() throws. */
  uiAvailable?: boolean;
  /** false models an execution with no active spreadsheet. */
  activeSpreadsheet?: boolean;
}

export interface SheetSize {
  maxRows?: number;
  maxColumns?: number;
}

export interface HoldLockOptions {
  /** The simulated holder lets go after this many ms of emulator time; default: never (until release()). */
  forMs?: number;
  /** For kind 'user': whose user lock. Default the current user. */
  user?: string;
}

export interface Emulator {
  readonly globals: EmulatorGlobals;
  /** The active spreadsheet's facade. Its calls are counted like the add-on's. */
  readonly spreadsheet: Spreadsheet;
  readonly model: SpreadsheetModel;
  readonly calls: CallLog;
  readonly clock: Clock;
  /** Menus, sidebars, dialogs, alerts, toasts, logs and mail; also scripted alert/prompt answers. */
  readonly ui: Recorder;
  readonly properties: PropertyStores;
  readonly caches: CacheStores;
  readonly locks: LockTable;
  readonly triggers: TriggerTable;
  readonly context: EmulatorContext;
  /** Code run between two service calls, or calls made to fail (faults.ts). */
  readonly faults: Faults;
  /** Runs `fn` as a simulated collaborator: its calls are uncounted and its edits land at once, before queued writes. */
  asCollaborator<T>(fn: () => T): T;
  /** Applies the queued writes now (what SpreadsheetApp.flush() does), without counting a call. */
  flushWrites(): void;
  setAuthMode(mode: AuthModeName | unknown): void;
  authMode(): AuthModeName;
  setUser(email: string): void;
  modelledMs(): number;
  /** Adds a sheet holding `values` (uncounted), sized to fit: at least 1000 x 26 like a new Sheets tab. */
  addSheet(name: string, values?: unknown[][], size?: SheetSize): Sheet;
  /** Uncounted snapshot of a sheet's data range as stored: formulas as their text, blanks as ''. */
  sheetValues(name?: string): unknown[][];
  /** Uncounted snapshot of backgrounds over the data range (null = default). */
  sheetBackgrounds(name?: string): (string | null)[][];
  /** Binds a loaded bundle (gas-local context): values and errors are then created in its realm. */
  attach(bundle: object): void;
  readonly bundle: Record<string, unknown> | null;
  /** Runs `fn` as a separate execution (default FULL); its locks are released when it ends. */
  run<T>(fn: () => T, options?: RunOptions): T;
  /** Calls a top-level function of the attached bundle as a new execution (default FULL). */
  invoke(name: string, args?: unknown[], options?: RunOptions): unknown;
  /** Runs an installed trigger (by Trigger, model or handler name) like Apps Script would: FULL, as its creator. */
  fireTrigger(trigger: Trigger | TriggerModel | string, event?: Record<string, unknown>): unknown;
  /** Fires every time-driven trigger due at the current clock time; returns how many ran. */
  fireDueTriggers(): number;
  /** Simulates another execution holding a lock; returns a function that releases it. */
  holdLock(kind: 'document' | 'script' | 'user', options?: HoldLockOptions): () => void;
}

const defaultEvaluate: FormulaEvaluator = () => '#NAME?';

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const calls = new CallLog(options.cost);
  const clock = new Clock(
    options.startTime === undefined ? Date.now() : new Date(options.startTime).getTime(),
  );
  if (options.costAdvancesClock) calls.onChargeListener((ms) => clock.advance(ms));
  const recorder = new Recorder();
  const writes = new WriteQueue();
  const spreadsheetId = options.spreadsheetId ?? '1LeadScoreEmulatedSpreadsheetId';
  let collaborate: (action: () => void) => void = (action) => action();
  const faults = new Faults(
    // Apps Script's wording when a Spreadsheet service call fails on the server.
    () => `Service Spreadsheets failed while accessing document with id ${spreadsheetId}.`,
    (action) => collaborate(action),
  );
  const ctx = new EmulatorContext({
    calls,
    clock,
    recorder,
    authMode: enumName(options.authMode ?? 'FULL') as AuthModeName,
    addon: options.addon ?? true,
    user: options.user ?? 'user@example.com',
    scriptTimeZone: options.scriptTimeZone ?? 'Etc/UTC',
    manifestScopes: options.oauthScopes ?? readManifestScopes(DIST_MANIFEST),
    writes,
    faults,
  });
  collaborate = (action) => ctx.asCollaborator(action);
  ctx.setAuthMode(options.authMode ?? 'FULL');
  const model = new SpreadsheetModel(
    spreadsheetId,
    options.spreadsheetName ?? 'Leads',
    options.timeZone ?? 'Etc/UTC',
    options.locale ?? 'en_US',
    options.evaluateFormula ?? defaultEvaluate,
  );
  const documentId = options.bound === false ? null : model.id;
  const properties = new PropertyStores();
  const caches = new CacheStores();
  const locks = new LockTable();
  const triggers = new TriggerTable();
  const scopes = { granted: [] as string[], declined: [...(options.declinedScopes ?? [])] };

  const globals: EmulatorGlobals = {
    SpreadsheetApp: new SpreadsheetApp(ctx, model, options.addonName ?? 'LeadScore'),
    PropertiesService: new PropertiesService(ctx, properties, documentId),
    CacheService: new CacheService(ctx, caches, documentId),
    LockService: new LockService(ctx, locks, documentId),
    ScriptApp: new ScriptApp(ctx, triggers, model.id, scopes, options.userTriggersListTimeDriven ?? false),
    HtmlService: new HtmlService(ctx, options.htmlDir ?? join(REPO_ROOT, 'dist')),
    Session: new Session(ctx),
    Utilities: new Utilities(ctx),
    Logger: new Logger(ctx),
    MailApp: new MailApp(ctx, options.mailQuota ?? 100),
  };

  const sheetModel = (name?: string): SheetModel => {
    const sheet = name === undefined ? (model.activeSheet ?? model.sheets[0]) : model.sheetByName(name);
    if (sheet === null || sheet === undefined)
      throw new Error(`emulator: no sheet named ${name ?? '(active)'}`);
    return sheet;
  };

  const addSheet = (name: string, values: unknown[][] = [], size: SheetSize = {}): Sheet => {
    const width = values.reduce((max, row) => Math.max(max, row.length), 0);
    const sheet = model.addSheet(
      name,
      model.sheets.length,
      size.maxRows ?? Math.max(DEFAULT_MAX_ROWS, values.length),
      size.maxColumns ?? Math.max(DEFAULT_MAX_COLUMNS, width),
    );
    values.forEach((row, r) => {
      if (row.length === 0) return;
      const cells = sheet.values.rowForWrite(r, row.length);
      row.forEach((value, c) => {
        cells[c] = toCell(value);
      });
    });
    return new Sheet(ctx, sheet);
  };

  const initial = options.sheets ?? { Sheet1: [] };
  for (const [name, values] of Object.entries(initial)) addSheet(name, values);

  let executions = 0;
  const run = <T>(fn: () => T, runOptions: RunOptions = {}): T => {
    const saved = {
      mode: ctx.authMode,
      execution: ctx.executionId,
      user: ctx.user,
      ui: ctx.uiAvailable,
      active: ctx.activeSpreadsheetAvailable,
    };
    ctx.setAuthMode(runOptions.authMode ?? 'FULL');
    ctx.executionId = runOptions.execution ?? `execution-${++executions}`;
    ctx.user = runOptions.user ?? ctx.user;
    ctx.uiAvailable = runOptions.uiAvailable ?? true;
    ctx.activeSpreadsheetAvailable = runOptions.activeSpreadsheet ?? true;
    const restore = (): void => {
      locks.releaseAllOf(ctx.executionId);
      ctx.setAuthMode(saved.mode);
      ctx.executionId = saved.execution;
      ctx.user = saved.user;
      ctx.uiAvailable = saved.ui;
      ctx.activeSpreadsheetAvailable = saved.active;
    };
    // Writes made before (by the test, outside any execution) have reached the sheet when this one starts.
    ctx.applyQueuedWrites();
    let result: T;
    try {
      result = fn();
    } catch (error) {
      // What a failed execution wrote before it failed stays written; its own error is the one reported.
      try {
        ctx.applyQueuedWrites();
      } catch {
        // The execution's error wins.
      }
      restore();
      throw error;
    }
    // The end of an execution sends its queued writes; a write Sheets refuses fails the execution.
    try {
      ctx.applyQueuedWrites();
    } finally {
      restore();
    }
    return result;
  };

  const bundleFunction = (name: string): ((...args: unknown[]) => unknown) => {
    if (ctx.bundle === null)
      throw new Error('emulator: no bundle attached (use loadBundle(emulator) or emulator.attach)');
    const fn = ctx.bundle[name];
    // Apps Script's own wording when a menu item or trigger names a missing function.
    if (typeof fn !== 'function') throw ctx.error(`Script function not found: ${name}`);
    return fn as (...args: unknown[]) => unknown;
  };

  const spreadsheetFacade = new Spreadsheet(ctx, model);

  const triggerEvent = (trigger: TriggerModel, extra: Record<string, unknown>): Record<string, unknown> => {
    const base: Record<string, unknown> = { authMode: AuthMode.FULL, triggerUid: trigger.id };
    if (trigger.eventType === 'CLOCK') {
      const now = clock.date();
      Object.assign(base, {
        year: now.getUTCFullYear(),
        month: now.getUTCMonth() + 1,
        'day-of-month': now.getUTCDate(),
        'day-of-week': now.getUTCDay() === 0 ? 7 : now.getUTCDay(),
        hour: now.getUTCHours(),
        minute: now.getUTCMinutes(),
        second: now.getUTCSeconds(),
        timezone: 'UTC',
      });
    } else {
      Object.assign(base, { source: new Spreadsheet(ctx, model), user: { getEmail: () => trigger.user } });
      if (trigger.eventType === 'ON_CHANGE') base.changeType = 'OTHER';
    }
    return { ...base, ...extra };
  };

  const fire = (trigger: TriggerModel, event: Record<string, unknown>): unknown => {
    const fn = bundleFunction(trigger.handler);
    const clockTrigger = trigger.eventType === 'CLOCK';
    return run(() => fn(triggerEvent(trigger, event)), {
      authMode: 'FULL',
      user: trigger.user,
      uiAvailable: !clockTrigger,
      activeSpreadsheet: clockTrigger ? (options.timeTriggerHasActiveSpreadsheet ?? false) : true,
    });
  };

  const emulator: Emulator = {
    globals,
    spreadsheet: spreadsheetFacade,
    model,
    calls,
    clock,
    ui: recorder,
    properties,
    caches,
    locks,
    triggers,
    context: ctx,
    faults,
    asCollaborator: (fn) => ctx.asCollaborator(fn),
    flushWrites: () => ctx.applyQueuedWrites(),
    setAuthMode: (mode) => ctx.setAuthMode(mode),
    authMode: () => ctx.authMode,
    setUser: (email) => {
      ctx.user = email;
    },
    modelledMs: () => calls.modelledMs(),
    addSheet,
    sheetValues: (name) => {
      ctx.applyQueuedWrites();
      const sheet = sheetModel(name);
      const rows = sheet.lastRow();
      const columns = sheet.lastColumn();
      const out: unknown[][] = [];
      for (let r = 0; r < rows; r++) {
        const row: unknown[] = [];
        for (let c = 0; c < columns; c++) {
          const cell: CellValue = sheet.values.get(r, c);
          row.push(
            cell instanceof Formula ? cell.text : cell instanceof Date ? new Date(cell.getTime()) : cell,
          );
        }
        out.push(row);
      }
      return out;
    },
    sheetBackgrounds: (name) => {
      ctx.applyQueuedWrites();
      const sheet = sheetModel(name);
      const rows = Math.max(sheet.lastRow(), sheet.backgrounds.lastRow());
      const columns = Math.max(sheet.lastColumn(), sheet.backgrounds.lastColumn());
      const out: (string | null)[][] = [];
      for (let r = 0; r < rows; r++) {
        const row: (string | null)[] = [];
        for (let c = 0; c < columns; c++) row.push(sheet.backgrounds.get(r, c));
        out.push(row);
      }
      return out;
    },
    attach: (bundle) => {
      ctx.bundle = bundle as Record<string, unknown>;
      ctx.realm = realmOf(bundle);
    },
    get bundle() {
      return ctx.bundle;
    },
    run,
    invoke: (name, args = [], runOptions) => {
      const fn = bundleFunction(name);
      return run(() => fn(...args), runOptions);
    },
    fireTrigger: (trigger, event = {}) => {
      let found: TriggerModel | undefined;
      if (typeof trigger === 'string') {
        found = triggers.triggers.find((t) => t.handler === trigger);
        if (found === undefined) throw new Error(`emulator: no installed trigger runs ${trigger}`);
      } else {
        found = trigger instanceof Trigger ? trigger.model : trigger;
      }
      return fire(found, event);
    },
    fireDueTriggers: () => {
      let fired = 0;
      const now = clock.now();
      for (const trigger of [...triggers.triggers]) {
        if (trigger.nextRunAt === null || trigger.nextRunAt > now) continue;
        const schedule = trigger.schedule;
        if (schedule.kind === 'every') {
          while (trigger.nextRunAt <= now) trigger.nextRunAt += schedule.ms;
        } else {
          trigger.nextRunAt = null;
        }
        fire(trigger, {});
        fired++;
      }
      return fired;
    },
    holdLock: (kind, holdOptions = {}) => {
      const key =
        kind === 'document'
          ? `document:${model.id}`
          : kind === 'script'
            ? 'script'
            : `user:${holdOptions.user ?? ctx.user}`;
      const execution = `simulated-other-execution-${++executions}`;
      const releaseAt = holdOptions.forMs === undefined ? null : clock.now() + holdOptions.forMs;
      locks.holds.set(key, { execution, releaseAt });
      return () => {
        if (locks.holds.get(key)?.execution === execution) locks.holds.delete(key);
      };
    },
  };
  return emulator;
}

/**
 * Installs the emulator's services on Node's global object (for adapter unit tests that call
 * SpreadsheetApp & co. directly). Returns the uninstall function; keep the emulator per test.
 */
export function installGlobals(emulator: Emulator): () => void {
  const target = globalThis as Record<string, unknown>;
  const saved = new Map<string, PropertyDescriptor | undefined>();
  for (const [name, service] of Object.entries(emulator.globals)) {
    saved.set(name, Object.getOwnPropertyDescriptor(target, name));
    Object.defineProperty(target, name, {
      value: service,
      configurable: true,
      writable: true,
      enumerable: false,
    });
  }
  return () => {
    for (const [name, descriptor] of saved) {
      if (descriptor === undefined) delete target[name];
      else Object.defineProperty(target, name, descriptor);
    }
  };
}
