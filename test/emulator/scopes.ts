// The OAuth scopes each emulated method needs, and the manifest check: a call whose scopes the manifest lacks throws.
// Source: the per-method "Authorization" sections of the Apps Script reference (snapshot in the npm package
// gas-types-detailed@1.1.3, 2025-11-10). Methods the reference lists no scope for take their class's scope
// when every documented method of that class needs it (the strict reading); see docs/emulator.md.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/bundle';

const SHEETS = [
  'https://www.googleapis.com/auth/spreadsheets.currentonly',
  'https://www.googleapis.com/auth/spreadsheets',
] as const;
const SHEETS_FULL = ['https://www.googleapis.com/auth/spreadsheets'] as const;
const UI = ['https://www.googleapis.com/auth/script.container.ui'] as const;
const SCRIPTAPP = ['https://www.googleapis.com/auth/script.scriptapp'] as const;
const EMAIL = ['https://www.googleapis.com/auth/userinfo.email'] as const;
const SEND_MAIL = ['https://www.googleapis.com/auth/script.send_mail'] as const;

/** Methods whose scopes differ from their class's (quoted from the reference). */
const METHOD_SCOPES: Record<string, readonly string[]> = {
  'SpreadsheetApp.open': SHEETS_FULL,
  'SpreadsheetApp.openById': SHEETS_FULL,
  'SpreadsheetApp.openByUrl': SHEETS_FULL,
  'SpreadsheetApp.create': SHEETS_FULL,
  'SpreadsheetApp.getUi': UI,
  'Spreadsheet.show': UI,
  'Session.getActiveUser': EMAIL,
  'Session.getEffectiveUser': EMAIL,
  // ScriptApp methods that need no authorization.
  'ScriptApp.getScriptId': [],
  'ScriptApp.getInstallationSource': [],
  'ScriptApp.getAuthorizationInfo': [],
  'ScriptApp.requireScopes': [],
  'ScriptApp.requireAllScopes': [],
};

/** A class's scopes, for its methods not listed above; classes absent here need none (Properties, Cache, Lock, ...). */
const CLASS_SCOPES: Record<string, readonly string[]> = {
  SpreadsheetApp: SHEETS,
  Spreadsheet: SHEETS,
  Sheet: SHEETS,
  Range: SHEETS,
  NamedRange: SHEETS,
  DeveloperMetadata: SHEETS,
  DeveloperMetadataFinder: SHEETS,
  DeveloperMetadataLocation: SHEETS,
  ConditionalFormatRule: SHEETS,
  ConditionalFormatRuleBuilder: SHEETS,
  BooleanCondition: SHEETS,
  EmbeddedChart: SHEETS,
  EmbeddedChartBuilder: SHEETS,
  Ui: UI,
  Menu: UI,
  ScriptApp: SCRIPTAPP,
  Trigger: SCRIPTAPP,
  TriggerBuilder: SCRIPTAPP,
  ClockTriggerBuilder: SCRIPTAPP,
  SpreadsheetTriggerBuilder: SCRIPTAPP,
  MailApp: SEND_MAIL,
};

/** Any one of these scopes lets the method run; an empty list means no authorization is needed. */
export function scopesFor(method: string): readonly string[] {
  const own = METHOD_SCOPES[method];
  if (own !== undefined) return own;
  if (method === 'TriggerBuilder.forSpreadsheet') return SHEETS;
  return CLASS_SCOPES[method.slice(0, method.indexOf('.'))] ?? [];
}

/**
 * Apps Script's refusal when the manifest lacks every scope a method accepts, worded as it reports it:
 * one scope bare, alternatives in parentheses joined by "||".
 */
export function missingScopeMessage(method: string, scopes: readonly string[]): string {
  const required = scopes.length === 1 ? scopes[0] : `(${scopes.join(' || ')})`;
  return `You do not have permission to call ${method}. Required permissions: ${required}`;
}

/** The oauthScopes of an appsscript.json manifest. */
export function readManifestScopes(path: string): string[] {
  if (!existsSync(path)) throw new Error(`${path} is missing: run npm run build first`);
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { oauthScopes?: unknown };
  if (!Array.isArray(manifest.oauthScopes))
    throw new Error(`${path} has no oauthScopes: the emulator checks every call against them`);
  return manifest.oauthScopes.map(String);
}

/** The built add-on's manifest, whose scopes the emulator enforces by default. */
export const DIST_MANIFEST = join(REPO_ROOT, 'dist', 'appsscript.json');
