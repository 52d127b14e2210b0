// A1 notation: parsing "Sheet1!A2:C", "G:G", "2:2" and printing ranges back.

export interface A1Range {
  sheetName: string | null;
  row: number;
  column: number;
  /** null: open-ended to the sheet's last row / column ("A2:C", "G:G"). */
  lastRow: number | null;
  lastColumn: number | null;
  /** Whether the notation named a row ("A2:C" does; "G:G" does not) and a column ("2:2" does not). */
  rowGiven: boolean;
  columnGiven: boolean;
}

export function columnToLetters(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const CELL = /^\$?([A-Za-z]{0,3})\$?(\d*)$/;

interface Part {
  column: number | null;
  row: number | null;
}

function parsePart(text: string): Part | null {
  const match = CELL.exec(text);
  if (match === null) return null;
  const [, letters = '', digits = ''] = match;
  if (letters === '' && digits === '') return null;
  return {
    column: letters === '' ? null : lettersToColumn(letters),
    row: digits === '' ? null : Number(digits),
  };
}

/** Parses A1 notation; returns null when it is not a range (Apps Script then throws "Range not found"). */
export function parseA1(notation: string): A1Range | null {
  let text = notation.trim();
  let sheetName: string | null = null;
  const bang = text.lastIndexOf('!');
  if (bang >= 0) {
    sheetName = text.slice(0, bang);
    if (sheetName.startsWith("'") && sheetName.endsWith("'"))
      sheetName = sheetName.slice(1, -1).replace(/''/g, "'");
    text = text.slice(bang + 1);
  }
  const [startText = '', endText, extra] = text.split(':');
  if (extra !== undefined) return null;
  const start = parsePart(startText);
  if (start === null) return null;
  if (endText === undefined) {
    if (start.row === null || start.column === null || start.row < 1) return null;
    return {
      sheetName,
      row: start.row,
      column: start.column,
      lastRow: start.row,
      lastColumn: start.column,
      rowGiven: true,
      columnGiven: true,
    };
  }
  const end = parsePart(endText);
  if (end === null) return null;
  // "G:G" / "A2:C": open rows; "2:2": open columns. Mixed forms like "A:2" are not ranges.
  const row = start.row ?? 1;
  const column = start.column ?? 1;
  if (start.column === null && end.column !== null) return null;
  if (start.row === null && end.row !== null) return null;
  return {
    sheetName,
    row: Math.min(row, end.row ?? row),
    column: Math.min(column, end.column ?? column),
    lastRow: end.row === null ? null : Math.max(row, end.row),
    lastColumn: end.column === null ? null : Math.max(column, end.column),
    rowGiven: start.row !== null,
    columnGiven: start.column !== null,
  };
}

export function toA1(row: number, column: number, numRows: number, numColumns: number): string {
  const start = `${columnToLetters(column)}${row}`;
  if (numRows === 1 && numColumns === 1) return start;
  return `${start}:${columnToLetters(column + numColumns - 1)}${row + numRows - 1}`;
}
