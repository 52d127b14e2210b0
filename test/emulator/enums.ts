// Apps Script enum values: distinct objects (so identity comparisons work) that print as their name.

export interface EnumValue<N extends string = string> {
  readonly name: () => N;
  readonly toString: () => N;
  readonly toJSON: () => N;
  readonly ordinal: () => number;
}

export type EnumOf<N extends string> = { readonly [K in N]: EnumValue<K> };

export function makeEnum<const N extends string>(names: readonly N[]): EnumOf<N> {
  const out: Partial<Record<N, EnumValue>> = {};
  names.forEach((name, index) => {
    out[name] = Object.freeze({
      name: () => name,
      toString: () => name,
      toJSON: () => name,
      ordinal: () => index,
    });
  });
  return Object.freeze(out) as EnumOf<N>;
}

/** Accepts an enum value or its name (tests often pass 'FULL'); returns the name. */
export function enumName(value: unknown): string {
  if (typeof value === 'string') return value;
  if (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { name?: unknown }).name === 'function'
  ) {
    return String((value as { name: () => unknown }).name());
  }
  return String(value);
}

export const AuthMode = makeEnum(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL'] as const);
export type AuthModeName = keyof typeof AuthMode;

export const DeveloperMetadataVisibility = makeEnum(['DOCUMENT', 'PROJECT'] as const);
export const DeveloperMetadataLocationType = makeEnum([
  'SPREADSHEET',
  'SHEET',
  'ROW',
  'COLUMN',
  'OBJECT',
] as const);

export const BooleanCriteria = makeEnum([
  'CELL_EMPTY',
  'CELL_NOT_EMPTY',
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_EQUAL_TO',
  'DATE_NOT_EQUAL_TO',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_NOT_EQUAL_TO',
  'TEXT_STARTS_WITH',
  'TEXT_ENDS_WITH',
  'CUSTOM_FORMULA',
] as const);

export const Button = makeEnum(['CLOSE', 'OK', 'CANCEL', 'YES', 'NO'] as const);
export const ButtonSet = makeEnum(['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL'] as const);
export const SandboxMode = makeEnum(['EMULATED', 'IFRAME', 'NATIVE'] as const);
export const XFrameOptionsMode = makeEnum(['ALLOWALL', 'DEFAULT'] as const);

export const EventType = makeEnum([
  'CLOCK',
  'ON_OPEN',
  'ON_EDIT',
  'ON_FORM_SUBMIT',
  'ON_CHANGE',
  'ON_EVENT_UPDATED',
] as const);
export type EventTypeName = keyof typeof EventType;
export const TriggerSource = makeEnum(['SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR'] as const);
export const AuthorizationStatus = makeEnum(['REQUIRED', 'NOT_REQUIRED'] as const);
export const InstallationSource = makeEnum([
  'APPS_MARKETPLACE_DOMAIN_ADD_ON',
  'NONE',
  'WEB_STORE_ADD_ON',
] as const);
export const Weekday = makeEnum([
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
] as const);
