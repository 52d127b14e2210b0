// Which emulated calls reach a server (round trips), which only read an object already returned, which only build.
// The cost model charges round trips; Sheets round trips other than queued writes first apply the queued writes.

export type CallKind = 'round-trip' | 'getter' | 'builder';

/** Getters on objects a round trip already returned: their answer travelled with the object. */
const GETTERS = new Set([
  'Range.getA1Notation',
  'Range.getRow',
  'Range.getRowIndex',
  'Range.getColumn',
  'Range.getNumRows',
  'Range.getNumColumns',
  'Range.getLastRow',
  'Range.getLastColumn',
  'Range.getSheet',
  'Range.getCell',
  'Range.offset',
  'Sheet.getName',
  'Sheet.getSheetId',
  'Sheet.getParent',
  'Spreadsheet.getId',
  'Spreadsheet.getName',
  'Spreadsheet.getUrl',
  'NamedRange.getName',
  'NamedRange.getRange',
  'DeveloperMetadata.getId',
  'DeveloperMetadata.getKey',
  'DeveloperMetadata.getValue',
  'DeveloperMetadata.getVisibility',
  'DeveloperMetadata.getLocation',
  'DeveloperMetadataLocation.getLocationType',
  'DeveloperMetadataLocation.getColumn',
  'DeveloperMetadataLocation.getRow',
  'DeveloperMetadataLocation.getSheet',
  'DeveloperMetadataLocation.getSpreadsheet',
  'ConditionalFormatRule.getBooleanCondition',
  'ConditionalFormatRule.getGradientCondition',
  'ConditionalFormatRule.getRanges',
  'ConditionalFormatRule.copy',
  'BooleanCondition.getCriteriaType',
  'BooleanCondition.getCriteriaValues',
  'BooleanCondition.getBackground',
  'BooleanCondition.getFontColor',
  'BooleanCondition.getBold',
  'BooleanCondition.getItalic',
  'EmbeddedChart.getChartId',
  'EmbeddedChart.getType',
  'EmbeddedChart.getRanges',
  'EmbeddedChart.getOptions',
  'Trigger.getHandlerFunction',
  'Trigger.getEventType',
  'Trigger.getUniqueId',
  'Trigger.getTriggerSource',
  'Trigger.getTriggerSourceId',
  'Session.getScriptTimeZone',
  'Session.getActiveUserLocale',
  'ScriptApp.getScriptId',
  'ScriptApp.getInstallationSource',
]);

/** Classes whose calls only assemble something locally (a rule, a trigger, a chart, a query, a page, a menu). */
const BUILDER_CLASSES = new Set([
  'ConditionalFormatRuleBuilder',
  'ClockTriggerBuilder',
  'SpreadsheetTriggerBuilder',
  'TriggerBuilder',
  'EmbeddedChartBuilder',
  'DeveloperMetadataFinder',
  'HtmlOutput',
  'HtmlTemplate',
  'Menu',
  'Utilities',
  'Logger',
]);

/** Builder-like calls in other classes; the `create`, `find` and `addToUi` that end a builder are round trips. */
const BUILDERS = new Set([
  'SpreadsheetApp.newConditionalFormatRule',
  'SpreadsheetApp.getUi',
  'Ui.createAddonMenu',
  'Ui.createMenu',
  'Sheet.getRange',
  'Sheet.newChart',
  'ScriptApp.newTrigger',
  'Sheet.createDeveloperMetadataFinder',
  'Spreadsheet.createDeveloperMetadataFinder',
  'Range.createDeveloperMetadataFinder',
  'HtmlService.createHtmlOutput',
  'HtmlService.createTemplate',
  'LockService.getDocumentLock',
  'LockService.getScriptLock',
  'LockService.getUserLock',
  'PropertiesService.getDocumentProperties',
  'PropertiesService.getScriptProperties',
  'PropertiesService.getUserProperties',
  'CacheService.getDocumentCache',
  'CacheService.getScriptCache',
  'CacheService.getUserCache',
]);
const ROUND_TRIP_ENDINGS = new Set([
  'ClockTriggerBuilder.create',
  'SpreadsheetTriggerBuilder.create',
  'DeveloperMetadataFinder.find',
  'Menu.addToUi',
]);

/** Every call not listed as a getter or builder is a round trip: the strict default for a method not classified. */
export function callKind(method: string): CallKind {
  if (ROUND_TRIP_ENDINGS.has(method)) return 'round-trip';
  if (GETTERS.has(method)) return 'getter';
  if (BUILDERS.has(method) || BUILDER_CLASSES.has(method.slice(0, method.indexOf('.')))) return 'builder';
  return 'round-trip';
}

/** Classes of the Spreadsheet service: their round trips reach the Sheets server and see its queued writes. */
const SHEETS_CLASSES = new Set([
  'SpreadsheetApp',
  'Spreadsheet',
  'Sheet',
  'Range',
  'NamedRange',
  'DeveloperMetadata',
  'DeveloperMetadataFinder',
  'EmbeddedChart',
]);

/** Writes Apps Script queues and sends later, with the coordinates they were given. */
const QUEUED_WRITES = new Set([
  'Range.setValues',
  'Range.setValue',
  'Range.setFormulas',
  'Range.setFormula',
  'Range.setBackgrounds',
  'Range.setBackground',
  'Range.setNumberFormats',
  'Range.setNumberFormat',
  'Range.clearContent',
  'Range.clearFormat',
  'Range.clear',
]);

export function isQueuedWrite(method: string): boolean {
  return QUEUED_WRITES.has(method);
}

/** A Sheets round trip that is not itself a queued write: the queued writes are applied before it. */
export function appliesQueuedWrites(method: string): boolean {
  return (
    !QUEUED_WRITES.has(method) &&
    SHEETS_CLASSES.has(method.slice(0, method.indexOf('.'))) &&
    callKind(method) === 'round-trip'
  );
}

/** The lists, for docs/emulator.md and tests. */
export const CALL_CLASSIFICATION = {
  getters: [...GETTERS].sort(),
  builderClasses: [...BUILDER_CLASSES].sort(),
  builders: [...BUILDERS].sort(),
  roundTripEndings: [...ROUND_TRIP_ENDINGS].sort(),
  queuedWrites: [...QUEUED_WRITES].sort(),
  sheetsClasses: [...SHEETS_CLASSES].sort(),
};
