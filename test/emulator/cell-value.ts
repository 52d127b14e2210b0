// What a cell holds and how values cross the boundary: written values parsed like typed input, Dates, display strings.
import { formatDate } from './date-format';
import { dateMs, isDate, type Realm } from './realm';
import { type ParseContext, parseTyped } from './typed-input';

/** A cell whose content is a formula; the emulator stores its text but cannot compute it. */
export class Formula {
  /** `valid` false: Sheets could not parse it, and the cell reads as #ERROR!. */
  constructor(
    readonly text: string,
    readonly valid = true,
  ) {}
}

/** What getValues returns for a formula Sheets cannot parse ("Formula parse error"). */
export const PARSE_ERROR = '#ERROR!';

/** Sheets' limit on one cell's content (Apps Script refuses longer input). */
export const CELL_CHARACTER_LIMIT = 50_000;
export const CELL_LIMIT_MESSAGE = `Your input contains more than the maximum of ${CELL_CHARACTER_LIMIT} characters in a single cell.`;

/** Dates are stored as host-realm copies, so a caller mutating its Date cannot change the sheet. */
export type CellValue = string | number | boolean | Date | Formula;

/** Computes what getValues returns for a formula cell; the default is the "#NAME?" marker. */
export type FormulaEvaluator = (
  formula: string,
  where: { sheet: string; row: number; column: number },
) => unknown;

/** Where a written value lands: the sheet's locale, time zone and clock, and whether the cell is plain text (@). */
export interface WriteTarget extends ParseContext {
  plainText: boolean;
}

/**
 * A value written by setValue(s)/appendRow, as Sheets stores it, with the number format Sheets infers
 * (null: none). Strings are parsed like typed input (typed-input.ts) unless the cell is plain text, where
 * they are kept exactly as given, apostrophe included.
 */
export function writtenCell(value: unknown, target: WriteTarget): { cell: CellValue; format: string | null } {
  if (typeof value !== 'string') return { cell: toCell(value), format: null };
  if (target.plainText) return { cell: value, format: null };
  const typed = parseTyped(value, target);
  switch (typed.kind) {
    case 'text':
      return { cell: typed.value, format: null };
    case 'number':
      return { cell: typed.value, format: typed.format };
    case 'boolean':
      return { cell: typed.value, format: null };
    case 'date':
      return { cell: new Date(typed.ms), format: typed.format };
    case 'formula':
      return { cell: new Formula(typed.text, typed.valid), format: null };
  }
}

/** A value stored as given (initial sheets, uncounted test set-up): no parsing; a leading "=" is a formula. */
export function toCell(value: unknown): CellValue {
  if (value === null || value === undefined) return '';
  switch (typeof value) {
    case 'string':
      if (value.length > 1 && value.charCodeAt(0) === 61 /* = */) return new Formula(value);
      if (value.charCodeAt(0) === 39 /* ' */) return value.slice(1);
      return value;
    case 'number':
    case 'boolean':
      return value;
    default:
      if (isDate(value)) return new Date(dateMs(value));
      return String(value);
  }
}

/** A stored value as getValues returns it, in the caller's realm. */
export function fromCell(cell: CellValue, realm: Realm, evaluate: (formula: Formula) => unknown): unknown {
  if (typeof cell !== 'object') return cell;
  if (cell instanceof Formula) return cell.valid ? evaluate(cell) : PARSE_ERROR;
  return new realm.Date(cell.getTime());
}

function formatNumber(value: number, format: string | null): string {
  if (format === null || format === '' || format === 'General') return String(value);
  if (format === '@') return String(value);
  const percent = format.endsWith('%');
  const body = percent ? format.slice(0, -1) : format;
  const decimals = /\.(0+)/.exec(body)?.[1]?.length ?? 0;
  const n = percent ? value * 100 : value;
  const grouping = body.includes(',');
  const text = n.toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: grouping,
  });
  return percent ? `${text}%` : text;
}

/** Sheets' date formats use "mm" for minutes only next to hours or seconds; Java's patterns need "MM" for months. */
function sheetsDatePattern(format: string): string {
  const hasTime = /[hHs]/.test(format);
  return hasTime ? format : format.replace(/m/g, 'M');
}

/** getDisplayValues: an approximation of Sheets' en_US formatting (see docs/emulator.md). */
export function displayCell(value: unknown, format: string | null, timeZone: string): string {
  if (value === '' || value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value, format);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (isDate(value)) {
    const pattern =
      format !== null && /[yMdhHs]/i.test(format) ? sheetsDatePattern(format) : 'M/d/yyyy H:mm:ss';
    return formatDate(dateMs(value), timeZone, pattern);
  }
  return String(value);
}
