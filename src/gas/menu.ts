// The add-on menu. Built in every auth mode, including NONE, so it touches no other service.

/** Menu label -> name of the top-level function it runs (each must be exported from src/index.ts). */
export const MENU_ITEMS: readonly (readonly [label: string, handler: string])[] = [
  ['Open sidebar', 'showSidebar'],
  ['Score now', 'scoreNow'],
  ['Set up scoring', 'setUpScoring'],
  ['Schedule refresh', 'scheduleRefresh'],
  ['Stop schedule', 'stopSchedule'],
  ['Calibrate against outcomes', 'calibrateScores'],
];

/** The Help submenu at the end of the menu: Help › Show help, Help › Run diagnostics. */
export const HELP_MENU = {
  label: 'Help',
  items: [
    ['Show help', 'showHelp'],
    ['Run diagnostics', 'runDiagnostics'],
  ],
} as const satisfies { label: string; items: readonly (readonly [label: string, handler: string])[] };

/** Builds the Extensions > LeadScore menu. In AuthMode.NONE only the Ui menu may be touched. */
export function onOpen(_event?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const ui = SpreadsheetApp.getUi();
  const menu = ui.createAddonMenu();
  for (const [label, handler] of MENU_ITEMS) menu.addItem(label, handler);
  const help = ui.createMenu(HELP_MENU.label);
  for (const [label, handler] of HELP_MENU.items) help.addItem(label, handler);
  menu.addSubMenu(help).addToUi();
}

/** Installing from inside the editor runs onInstall (FULL mode); the menu must appear at once. */
export function onInstall(event?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(event as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}
