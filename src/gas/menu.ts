// The add-on menu. Built in every auth mode, including NONE, so it touches no other service.

/** Menu label -> name of the top-level function it runs (each must be exported from src/index.ts). */
export const MENU_ITEMS: readonly (readonly [label: string, handler: string])[] = [
  ['Open sidebar', 'showSidebar'],
  ['Score now', 'scoreNow'],
  ['Set up scoring', 'setUpScoring'],
  ['Schedule refresh', 'scheduleRefresh'],
  ['Stop schedule', 'stopSchedule'],
  ['Calibrate against outcomes', 'calibrateScores'],
  ['Help', 'showHelp'],
];

/** Builds the Extensions > LeadScore menu. In AuthMode.NONE only the Ui menu may be touched. */
export function onOpen(_event?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const [label, handler] of MENU_ITEMS) menu.addItem(label, handler);
  menu.addToUi();
}

/** Installing from inside the editor runs onInstall (FULL mode); the menu must appear at once. */
export function onInstall(event?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(event as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}
