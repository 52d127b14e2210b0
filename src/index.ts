// The names Apps Script can see, and nothing else: each export becomes a top-level function in dist/Code.js.

// Custom functions (upper case; metadata in src/functions/catalog.ts).
export { LEADSCORE } from './functions/lead-score';
// Help › Run diagnostics and its one-off trigger (src/gas/diagnostics).
export { onDiagnosticsTrigger, runDiagnostics } from './gas/diagnostics/run';
// Add-on lifecycle and menu.
export { onInstall, onOpen } from './gas/menu';
// Menu items and installable-trigger handlers (managed scoring).
export {
  calibrateScores,
  continueRefresh,
  onLeadSheetChange,
  onLeadSheetEdit,
  onScheduledRefresh,
  scheduleRefresh,
  scoreNow,
  setUpScoring,
  showHelp,
  stopSchedule,
} from './gas/menu-actions';

// Sidebar: the functions google.script.run calls (src/shared/sidebar-rpc.ts is the contract), and its trigger handler.
export {
  showSidebar,
  sidebarApply,
  sidebarCalibrate,
  sidebarExportSql,
  sidebarGetState,
  sidebarImportModel,
  sidebarLoadTemplate,
  sidebarPreview,
  sidebarSetSchedule,
  sidebarSetUp,
  sidebarTestRow,
} from './gas/sidebar-api';
