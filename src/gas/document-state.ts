// Small typed records kept in the document's properties (shared by every user of the add-on in this file).

/** Property keys, all under one prefix so the add-on never touches another script's properties. */
export const STATE_KEYS = {
  table: 'leadscore.table',
  status: 'leadscore.status',
  run: 'leadscore.run',
  schedule: 'leadscore.schedule',
  continuation: 'leadscore.continuation',
} as const;

type Key = (typeof STATE_KEYS)[keyof typeof STATE_KEYS];

function store(): GoogleAppsScript.Properties.Properties {
  const properties = PropertiesService.getDocumentProperties();
  // Null outside a document; the add-on always runs bound to a spreadsheet, so this is a setup error.
  if (!properties) throw new Error('LeadScore needs an open spreadsheet (no document properties here).');
  return properties;
}

export function readState<T>(key: Key): T | null {
  const text = store().getProperty(key);
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    // A hand-edited or truncated value is treated as absent rather than stopping every refresh.
    return null;
  }
}

export function writeState(key: Key, value: unknown): void {
  store().setProperty(key, JSON.stringify(value));
}

export function clearState(key: Key): void {
  store().deleteProperty(key);
}
