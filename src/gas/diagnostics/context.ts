// Where a diagnostics run happened: installation source, add-on or script, auth mode, locale and time zones.
import type { RunName } from './probe-result';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface RunContext {
  run: RunName;
  at: string;
  /** ScriptApp.getInstallationSource(): WEB_STORE_ADD_ON, APPS_MARKETPLACE_DOMAIN_ADD_ON or NONE. */
  installationSource: string;
  /** NONE is a script bound to this file, or a test deployment: Apps Script does not tell them apart. */
  runsAs: 'add-on' | 'bound script or test deployment';
  /** A menu item runs in AuthMode.FULL (documented); a trigger reports its mode in its event. */
  authMode: string;
  /** ScriptApp.getAuthorizationInfo(FULL): NOT_REQUIRED once the user granted every scope. */
  authorization: string;
  /** The spreadsheet's locale and time zone; null where the run has no spreadsheet. */
  locale: string | null;
  spreadsheetTimeZone: string | null;
  scriptTimeZone: string;
}

export function readContext(run: RunName, spreadsheet: Spreadsheet | null, authMode: string): RunContext {
  const source = String(ScriptApp.getInstallationSource());
  return {
    run,
    at: new Date().toISOString(),
    installationSource: source,
    runsAs: source === 'NONE' ? 'bound script or test deployment' : 'add-on',
    authMode,
    authorization: String(ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL).getAuthorizationStatus()),
    locale: spreadsheet ? spreadsheet.getSpreadsheetLocale() : null,
    spreadsheetTimeZone: spreadsheet ? spreadsheet.getSpreadsheetTimeZone() : null,
    scriptTimeZone: Session.getScriptTimeZone(),
  };
}

/** Where even reading the context failed (inside a trigger, nothing may throw): what is known. */
export function unknownContext(run: RunName, authMode: string): RunContext {
  return {
    run,
    at: new Date().toISOString(),
    installationSource: 'unknown',
    runsAs: 'add-on',
    authMode,
    authorization: 'unknown',
    locale: null,
    spreadsheetTimeZone: null,
    scriptTimeZone: 'unknown',
  };
}
