// ScriptApp: installable triggers with the add-on restrictions, the AuthMode enum and authorization info.
import { Access, type EmulatorContext } from './context';
import {
  AuthMode,
  AuthorizationStatus,
  EventType,
  type EventTypeName,
  enumName,
  InstallationSource,
  TriggerSource,
  Weekday,
} from './enums';
import type { Spreadsheet } from './spreadsheet';

const T = Access.TRIGGER;
export const MAX_TRIGGERS_PER_USER = 20;
const HOUR = 3_600_000;

export type Schedule =
  | { kind: 'every'; ms: number }
  | { kind: 'after'; ms: number }
  | { kind: 'at'; time: number }
  | { kind: 'none' };

export interface TriggerModel {
  id: string;
  handler: string;
  eventType: EventTypeName;
  source: 'CLOCK' | 'SPREADSHEETS';
  /** The document the trigger belongs to (add-on triggers are per document; clock triggers take the active one). */
  documentId: string;
  user: string;
  schedule: Schedule;
  /** atHour / nearMinute / onWeekDay / inTimezone etc., kept for assertions; the emulator does not schedule on them. */
  details: Record<string, unknown>;
  nextRunAt: number | null;
}

export class TriggerTable {
  readonly triggers: TriggerModel[] = [];
  private nextId = 1;

  newId(): string {
    return `trigger-${this.nextId++}`;
  }
}

export class Trigger {
  constructor(
    private readonly ctx: EmulatorContext,
    readonly model: TriggerModel,
  ) {}

  getHandlerFunction(): string {
    this.ctx.call('Trigger.getHandlerFunction', Access.FREE);
    return this.model.handler;
  }

  getEventType(): unknown {
    this.ctx.call('Trigger.getEventType', Access.FREE);
    return EventType[this.model.eventType];
  }

  getUniqueId(): string {
    this.ctx.call('Trigger.getUniqueId', Access.FREE);
    return this.model.id;
  }

  getTriggerSource(): unknown {
    this.ctx.call('Trigger.getTriggerSource', Access.FREE);
    return TriggerSource[this.model.source];
  }

  getTriggerSourceId(): string | null {
    this.ctx.call('Trigger.getTriggerSourceId', Access.FREE);
    return this.model.source === 'CLOCK' ? null : this.model.documentId;
  }
}

/** Shared by both builders: checks the add-on rules and the per-user quota, then stores the trigger. */
function createTrigger(
  ctx: EmulatorContext,
  table: TriggerTable,
  draft: Omit<TriggerModel, 'id' | 'user' | 'nextRunAt'>,
): Trigger {
  const mine = table.triggers.filter((t) => t.user === ctx.user);
  if (ctx.addon && mine.some((t) => t.eventType === draft.eventType && t.documentId === draft.documentId)) {
    // Documented rule ("one trigger of each type, per user, per document"). The time-based message is the one
    // reported for add-ons; the one for other types is approximate.
    throw ctx.error(
      draft.eventType === 'CLOCK'
        ? 'This add-on has created too many time-based triggers in this document for this Google user account.'
        : `This add-on already has a ${draft.eventType} trigger for this document. Add-ons may create only one trigger of each type per user per document.`,
    );
  }
  if (mine.length >= MAX_TRIGGERS_PER_USER) {
    throw ctx.error(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
  }
  const now = ctx.clock.now();
  const schedule = draft.schedule;
  const nextRunAt =
    schedule.kind === 'every' || schedule.kind === 'after'
      ? now + schedule.ms
      : schedule.kind === 'at'
        ? schedule.time
        : null;
  const model: TriggerModel = { ...draft, id: table.newId(), user: ctx.user, nextRunAt };
  table.triggers.push(model);
  return new Trigger(ctx, model);
}

export class ClockTriggerBuilder {
  private schedule: Schedule = { kind: 'none' };
  private readonly details: Record<string, unknown> = {};

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly table: TriggerTable,
    private readonly handler: string,
    private readonly documentId: string,
  ) {}

  /** Valid values are 1, 5, 10, 15 and 30; add-ons may not run more often than hourly, so they always fail here. */
  everyMinutes(n: number): ClockTriggerBuilder {
    this.ctx.call('ClockTriggerBuilder.everyMinutes', T);
    if (![1, 5, 10, 15, 30].includes(n))
      throw this.ctx.error('The value passed to everyMinutes must be 1, 5, 10, 15 or 30.');
    if (this.ctx.addon)
      throw this.ctx.error('Add-ons may not create time-driven triggers that run more than once per hour.');
    this.schedule = { kind: 'every', ms: n * 60_000 };
    return this;
  }

  everyHours(n: number): ClockTriggerBuilder {
    this.ctx.call('ClockTriggerBuilder.everyHours', T);
    if (!Number.isInteger(n) || n < 1)
      throw this.ctx.error('The value passed to everyHours must be a positive integer.');
    this.schedule = { kind: 'every', ms: n * HOUR };
    return this;
  }

  everyDays(n: number): ClockTriggerBuilder {
    this.ctx.call('ClockTriggerBuilder.everyDays', T);
    this.schedule = { kind: 'every', ms: n * 24 * HOUR };
    return this;
  }

  everyWeeks(n: number): ClockTriggerBuilder {
    this.ctx.call('ClockTriggerBuilder.everyWeeks', T);
    this.schedule = { kind: 'every', ms: n * 7 * 24 * HOUR };
    return this;
  }

  after(durationMilliseconds: number): ClockTriggerBuilder {
    this.ctx.call('ClockTriggerBuilder.after', T);
    this.schedule = { kind: 'after', ms: durationMilliseconds };
    return this;
  }

  at(date: Date): ClockTriggerBuilder {
    this.ctx.call('ClockTriggerBuilder.at', T);
    this.schedule = { kind: 'at', time: Date.prototype.getTime.call(date) };
    return this;
  }

  atHour(hour: number): ClockTriggerBuilder {
    this.ctx.call('ClockTriggerBuilder.atHour', T);
    this.details.atHour = hour;
    return this;
  }

  nearMinute(minute: number): ClockTriggerBuilder {
    this.ctx.call('ClockTriggerBuilder.nearMinute', T);
    this.details.nearMinute = minute;
    return this;
  }

  onWeekDay(day: unknown): ClockTriggerBuilder {
    this.ctx.call('ClockTriggerBuilder.onWeekDay', T);
    this.details.onWeekDay = enumName(day);
    return this;
  }

  onMonthDay(day: number): ClockTriggerBuilder {
    this.ctx.call('ClockTriggerBuilder.onMonthDay', T);
    this.details.onMonthDay = day;
    return this;
  }

  inTimezone(timezone: string): ClockTriggerBuilder {
    this.ctx.call('ClockTriggerBuilder.inTimezone', T);
    this.details.inTimezone = timezone;
    return this;
  }

  create(): Trigger {
    this.ctx.call('ClockTriggerBuilder.create', T);
    if (this.schedule.kind === 'none')
      throw this.ctx.error('A time-based trigger needs a schedule (everyHours, after, at, ...).');
    return createTrigger(this.ctx, this.table, {
      handler: this.handler,
      eventType: 'CLOCK',
      source: 'CLOCK',
      documentId: this.documentId,
      schedule: this.schedule,
      details: { ...this.details },
    });
  }
}

export class SpreadsheetTriggerBuilder {
  private eventType: EventTypeName | null = null;

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly table: TriggerTable,
    private readonly handler: string,
    private readonly documentId: string,
  ) {}

  onOpen(): SpreadsheetTriggerBuilder {
    return this.on('onOpen', 'ON_OPEN');
  }

  onEdit(): SpreadsheetTriggerBuilder {
    return this.on('onEdit', 'ON_EDIT');
  }

  onChange(): SpreadsheetTriggerBuilder {
    return this.on('onChange', 'ON_CHANGE');
  }

  onFormSubmit(): SpreadsheetTriggerBuilder {
    return this.on('onFormSubmit', 'ON_FORM_SUBMIT');
  }

  create(): Trigger {
    this.ctx.call('SpreadsheetTriggerBuilder.create', T);
    if (this.eventType === null)
      throw this.ctx.error('A spreadsheet trigger needs an event (onOpen, onEdit, onChange, onFormSubmit).');
    return createTrigger(this.ctx, this.table, {
      handler: this.handler,
      eventType: this.eventType,
      source: 'SPREADSHEETS',
      documentId: this.documentId,
      schedule: { kind: 'none' },
      details: {},
    });
  }

  private on(method: string, type: EventTypeName): SpreadsheetTriggerBuilder {
    this.ctx.call(`SpreadsheetTriggerBuilder.${method}`, T);
    this.eventType = type;
    return this;
  }
}

export class TriggerBuilder {
  constructor(
    private readonly ctx: EmulatorContext,
    private readonly table: TriggerTable,
    private readonly handler: string,
    private readonly activeDocumentId: string,
  ) {}

  timeBased(): ClockTriggerBuilder {
    this.ctx.call('TriggerBuilder.timeBased', T);
    return new ClockTriggerBuilder(this.ctx, this.table, this.handler, this.activeDocumentId);
  }

  /** Add-ons may only create triggers for the file they are used in. */
  forSpreadsheet(spreadsheet: Spreadsheet | string): SpreadsheetTriggerBuilder {
    this.ctx.call('TriggerBuilder.forSpreadsheet', T);
    const id = typeof spreadsheet === 'string' ? spreadsheet : spreadsheet.model.id;
    if (this.ctx.addon && id !== this.activeDocumentId) {
      throw this.ctx.error('Add-ons may only create triggers for the document in which the add-on is used.');
    }
    return new SpreadsheetTriggerBuilder(this.ctx, this.table, this.handler, id);
  }
}

export class AuthorizationInfo {
  constructor(
    private readonly required: boolean,
    private readonly scopes: string[],
  ) {}

  getAuthorizationStatus(): unknown {
    return this.required ? AuthorizationStatus.REQUIRED : AuthorizationStatus.NOT_REQUIRED;
  }

  getAuthorizationUrl(): string | null {
    return this.required ? 'https://script.google.com/macros/d/emulated/authorize' : null;
  }

  getAuthorizedScopes(): string[] {
    return [...this.scopes];
  }
}

export interface ScopeState {
  granted: string[];
  declined: string[];
}

export class ScriptApp {
  readonly AuthMode = AuthMode;
  readonly AuthorizationStatus = AuthorizationStatus;
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;
  readonly InstallationSource = InstallationSource;
  readonly WeekDay = Weekday;

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly table: TriggerTable,
    private readonly documentId: string,
    private readonly scopes: ScopeState,
    /** Whether getUserTriggers lists time-driven triggers (unverified: see behaviours.ts). */
    private readonly userTriggersListTimeDriven: boolean,
  ) {}

  newTrigger(functionName: string): TriggerBuilder {
    this.ctx.call('ScriptApp.newTrigger', T);
    return new TriggerBuilder(this.ctx, this.table, String(functionName), this.documentId);
  }

  /** The current user's triggers in this project (all documents). */
  getProjectTriggers(): Trigger[] {
    this.ctx.call('ScriptApp.getProjectTriggers', T);
    return this.table.triggers.filter((t) => t.user === this.ctx.user).map((t) => new Trigger(this.ctx, t));
  }

  /**
   * The current user's triggers for one spreadsheet. Time-driven triggers belong to no document (their
   * source id is null), so whether they are listed here is unverified: strictly, they are not.
   */
  getUserTriggers(spreadsheet: Spreadsheet): Trigger[] {
    this.ctx.call('ScriptApp.getUserTriggers', T);
    const id = spreadsheet.model.id;
    return this.table.triggers
      .filter((t) => t.user === this.ctx.user && t.documentId === id)
      .filter((t) => t.eventType !== 'CLOCK' || this.userTriggersListTimeDriven)
      .map((t) => new Trigger(this.ctx, t));
  }

  deleteTrigger(trigger: Trigger): void {
    this.ctx.call('ScriptApp.deleteTrigger', T);
    const index = this.table.triggers.findIndex((t) => t.id === trigger.model.id);
    if (index >= 0) this.table.triggers.splice(index, 1);
  }

  getScriptId(): string {
    this.ctx.call('ScriptApp.getScriptId', Access.FREE);
    return 'emulated-script-id';
  }

  getInstallationSource(): unknown {
    this.ctx.call('ScriptApp.getInstallationSource', Access.FREE);
    return this.ctx.addon ? InstallationSource.WEB_STORE_ADD_ON : InstallationSource.NONE;
  }

  /** Authorization is required when any scope was declined (granular consent). */
  getAuthorizationInfo(_authMode: unknown, _oAuthScopes?: string[]): AuthorizationInfo {
    this.ctx.call('ScriptApp.getAuthorizationInfo', Access.FREE);
    const wanted = _oAuthScopes ?? this.scopes.declined;
    const required = wanted.some((scope) => this.scopes.declined.includes(scope));
    return new AuthorizationInfo(required, this.scopes.granted);
  }

  /** Throws when one of the scopes was declined (message approximate). */
  requireScopes(_authMode: unknown, oAuthScopes: string[]): void {
    this.ctx.call('ScriptApp.requireScopes', Access.FREE);
    const missing = oAuthScopes.filter((scope) => this.scopes.declined.includes(scope));
    if (missing.length > 0)
      throw this.ctx.error(
        `Authorization is required to perform that action. Missing scopes: ${missing.join(', ')}`,
      );
  }

  requireAllScopes(_authMode: unknown): void {
    this.ctx.call('ScriptApp.requireAllScopes', Access.FREE);
    if (this.scopes.declined.length > 0)
      throw this.ctx.error('Authorization is required to perform that action.');
  }
}
