// What every custom function shares: its declared metadata (the build turns it into JSDoc) and argument shapes.

export interface CustomFunctionParameter {
  name: string;
  /** Shown in the JSDoc `@param {type}`; Sheets displays it in the formula helper. */
  type: string;
  description: string;
  optional?: boolean;
}

/** Declared next to each custom function; scripts/build.mjs generates the @customfunction JSDoc from it. */
export interface CustomFunctionMeta {
  name: string;
  description: string;
  parameters: CustomFunctionParameter[];
  returns: string;
}

/** A cell value as Sheets passes it to a custom function. */
export type SheetValue = string | number | boolean | Date;
/** What a custom function returns: a scalar fills the cell, a 2D array spills. */
export type SheetOutput = SheetValue | SheetValue[][];

/** A thrown error shows as #ERROR! with this message; used for whole-formula problems only. */
export class FormulaError extends Error {}

/** A range argument arrives as a 2D array, a single cell as a scalar; both become rows here. */
export function asRows(value: unknown): unknown[][] | null {
  if (!Array.isArray(value)) return null;
  return value.map((row) => (Array.isArray(row) ? row : [row]));
}

/** Sheets passes '' for a skipped optional argument and undefined for an absent one. */
export function isOmitted(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}
