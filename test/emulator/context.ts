// State every emulated service shares: auth mode, scopes, call log, clock, realm, write queue, faults, execution, user.
import { appliesQueuedWrites } from './call-kinds';
import type { CallLog } from './call-log';
import type { Clock } from './clock';
import { AuthMode, type AuthModeName, enumName } from './enums';
import type { Faults } from './faults';
import { HOST_REALM, type Realm } from './realm';
import type { Recorder } from './recorder';
import { missingScopeMessage, scopesFor } from './scopes';
import type { WriteQueue } from './write-queue';

/**
 * What a method needs, as a bit; each auth mode allows a set of bits. Derived from Google's
 * editor-auth-lifecycle table and the custom-function service list (docs/apps-script-platform.md B, A).
 */
export const Access = {
  /** Logger, Utilities: allowed everywhere, even AuthMode.NONE. */
  FREE: 0,
  /** Building menus with getUi().createAddonMenu(): the one Ui use allowed in NONE. */
  MENU: 1,
  /** Reading the spreadsheet. */
  READ: 2,
  /** Writing the spreadsheet (custom functions are read-only). */
  WRITE: 4,
  /** alert/prompt/toast: no UI in custom functions. */
  UI: 8,
  /** showSidebar/showModalDialog: needs FULL (add-ons cannot open them in LIMITED). */
  DIALOG: 16,
  /** Properties, Cache, Lock, HtmlService, Session time zone: anything but NONE. */
  STORE: 32,
  /** Installable triggers: FULL only. */
  TRIGGER: 64,
  /** Services that need authorization (MailApp, user e-mail). */
  AUTHED: 128,
} as const;

const ALLOWED: Record<AuthModeName, number> = {
  NONE: Access.MENU,
  CUSTOM_FUNCTION: Access.READ | Access.STORE,
  LIMITED: Access.MENU | Access.READ | Access.WRITE | Access.UI | Access.STORE,
  FULL: 0xffff,
};

/** Scopes quoted in the permission error, per service (approximate: Apps Script lists the scopes the call needs). */
const SCOPES: Record<string, string> = {
  SpreadsheetApp: 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  Spreadsheet: 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  Sheet: 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  Range: 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  Ui: 'https://www.googleapis.com/auth/script.container.ui',
  ScriptApp: 'https://www.googleapis.com/auth/script.scriptapp',
  ClockTriggerBuilder: 'https://www.googleapis.com/auth/script.scriptapp',
  SpreadsheetTriggerBuilder: 'https://www.googleapis.com/auth/script.scriptapp',
  MailApp: 'https://www.googleapis.com/auth/script.send_mail',
  Session: 'https://www.googleapis.com/auth/userinfo.email',
};

export interface ContextOptions {
  calls: CallLog;
  clock: Clock;
  authMode: AuthModeName;
  addon: boolean;
  user: string;
  scriptTimeZone: string;
  recorder: Recorder;
  /** The manifest's oauthScopes: a call needing none of them is refused. */
  manifestScopes: readonly string[];
  writes: WriteQueue;
  faults: Faults;
}

export class EmulatorContext {
  readonly calls: CallLog;
  readonly clock: Clock;
  readonly addon: boolean;
  readonly recorder: Recorder;
  readonly writes: WriteQueue;
  readonly faults: Faults;
  realm: Realm = HOST_REALM;
  /** The loaded bundle's global object (gas-local context), once attached. */
  bundle: Record<string, unknown> | null = null;
  user: string;
  scriptTimeZone: string;
  executionId = 'main';
  /** False inside a time-driven trigger: getUi() is refused there (community-reported, unverified). */
  uiAvailable = true;
  /** False to model a trigger execution without an active spreadsheet (unverified on real Sheets). */
  activeSpreadsheetAvailable = true;
  /** True while a simulated collaborator acts: uncounted, unchecked, applied at once (not queued). */
  collaborating = false;
  private readonly manifestScopes: ReadonlySet<string>;
  private mode: AuthModeName;
  private allowed: number;

  constructor(options: ContextOptions) {
    this.calls = options.calls;
    this.clock = options.clock;
    this.mode = options.authMode;
    this.allowed = ALLOWED[options.authMode];
    this.addon = options.addon;
    this.recorder = options.recorder;
    this.user = options.user;
    this.scriptTimeZone = options.scriptTimeZone;
    this.manifestScopes = new Set(options.manifestScopes);
    this.writes = options.writes;
    this.faults = options.faults;
  }

  get authMode(): AuthModeName {
    return this.mode;
  }

  setAuthMode(mode: unknown): void {
    const name = enumName(mode);
    if (!(name in ALLOWED)) throw new Error(`unknown auth mode ${name}`);
    this.mode = name as AuthModeName;
    this.allowed = ALLOWED[this.mode];
  }

  authModeValue(): (typeof AuthMode)[AuthModeName] {
    return AuthMode[this.mode];
  }

  /**
   * Every emulated method starts here: run the fault hooks due before it, count it, refuse it when the
   * manifest lacks its scope or the auth mode forbids it, and apply queued writes before a Sheets read.
   */
  call(method: string, access: number): void {
    if (this.collaborating) return;
    const failure = this.faults.beforeCall(method);
    this.calls.record(method);
    if (failure !== null) throw this.error(failure);
    const scopes = scopesFor(method);
    if (scopes.length > 0 && !scopes.some((scope) => this.manifestScopes.has(scope)))
      throw this.error(missingScopeMessage(method, scopes));
    if (access !== 0 && (this.allowed & access) === 0) throw this.denied(method, access);
    if (appliesQueuedWrites(method)) this.applyQueuedWrites();
  }

  /** Sends the queued writes to the sheet (flush, a read after writes, the end of an execution). */
  applyQueuedWrites(): void {
    if (this.writes.apply()) this.calls.flushed();
  }

  /** A write: queued during an execution, applied at once when a collaborator makes it. */
  write(apply: () => void): void {
    if (this.collaborating) apply();
    else this.writes.push(apply);
  }

  /** Runs `fn` as a simulated collaborator (see `collaborating`). */
  asCollaborator<T>(fn: () => T): T {
    const saved = this.collaborating;
    this.collaborating = true;
    try {
      return fn();
    } finally {
      this.collaborating = saved;
    }
  }

  /** An Error from the bundle's realm, named like Apps Script's exceptions. */
  error(message: string): Error {
    const error = new this.realm.Error(message);
    error.name = 'Exception';
    return error;
  }

  private denied(method: string, access: number): Error {
    if (this.mode === 'CUSTOM_FUNCTION' && access === Access.WRITE) {
      // The wording custom functions get for set*() calls: the bare method name.
      return this.error(`You do not have permission to call ${method.slice(method.indexOf('.') + 1)}`);
    }
    const scope = SCOPES[method.slice(0, method.indexOf('.'))];
    const suffix = scope === undefined ? '' : ` Required permissions: ${scope}`;
    return this.error(`You do not have permission to call ${method}.${suffix}`);
  }
}
