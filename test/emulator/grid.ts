// Sparse cell storage: one array per written row, so 200,000 x 20 sheets stay cheap and columns splice per row.

export class Grid<T> {
  /** 0-based rows; undefined = never written; a row may be shorter than the sheet (the rest is blank). */
  rows: (T[] | undefined)[] = [];

  constructor(readonly blank: T) {}

  get(row: number, column: number): T {
    const cells = this.rows[row];
    if (cells === undefined || column >= cells.length) return this.blank;
    return cells[column] as T;
  }

  /** The row array to write into, created and padded with blanks up to `width` cells. */
  rowForWrite(row: number, width: number): T[] {
    let cells = this.rows[row];
    if (cells === undefined) {
      while (this.rows.length < row) this.rows.push(undefined);
      cells = [];
      this.rows[row] = cells;
    }
    while (cells.length < width) cells.push(this.blank);
    return cells;
  }

  set(row: number, column: number, value: T): void {
    if (value === this.blank && this.get(row, column) === this.blank) return;
    this.rowForWrite(row, column + 1)[column] = value;
  }

  insertRows(at: number, n: number): void {
    if (at >= this.rows.length) return;
    // slice/concat rather than splice(...spread): spreading 100,000 arguments can overflow the stack.
    this.rows = this.rows
      .slice(0, at)
      .concat(new Array<T[] | undefined>(n).fill(undefined), this.rows.slice(at));
  }

  deleteRows(at: number, n: number): void {
    if (at < this.rows.length) this.rows.splice(at, n);
  }

  insertColumns(at: number, n: number): void {
    const blanks = new Array<T>(n).fill(this.blank);
    for (const cells of this.rows)
      if (cells !== undefined && cells.length > at) cells.splice(at, 0, ...blanks);
  }

  deleteColumns(at: number, n: number): void {
    for (const cells of this.rows) if (cells !== undefined && cells.length > at) cells.splice(at, n);
  }

  /** Reorders rows [from, from + order.length): new row i is old row order[i] (0-based offsets). */
  permuteRows(from: number, order: readonly number[]): void {
    const old = this.rows.slice(from, from + order.length);
    while (this.rows.length < from + order.length) this.rows.push(undefined);
    order.forEach((source, i) => {
      this.rows[from + i] = old[source];
    });
  }

  /** 1-based index of the last row with a non-blank cell, 0 if none. */
  lastRow(): number {
    for (let r = this.rows.length - 1; r >= 0; r--) {
      const cells = this.rows[r];
      if (cells?.some((cell) => cell !== this.blank)) return r + 1;
    }
    return 0;
  }

  /** 1-based index of the last column with a non-blank cell, 0 if none. */
  lastColumn(): number {
    let last = 0;
    for (const cells of this.rows) {
      if (cells === undefined) continue;
      for (let c = cells.length - 1; c >= last; c--) {
        if (cells[c] !== this.blank) {
          last = c + 1;
          break;
        }
      }
    }
    return last;
  }
}
