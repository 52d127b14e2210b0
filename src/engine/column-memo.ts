// One column's cell outcomes remembered by value, so a value seen before costs one lookup per row.
import { type CellOutcome, type ColumnReaders, emptyOutcome, readOutcome } from './cell-outcome';
import { emailDomain, plainAddressTail } from './email';
import { dateTime, isBlank } from './normalise';

/** Distinct values remembered per column; free-text columns beyond it are read afresh each row. */
const MEMO_LIMIT = 4096;

export class ColumnMemo {
  private readonly empty: CellOutcome;
  private readonly values = new Map<unknown, CellOutcome>();
  /** Dates are new objects on every read, but their days repeat: remembered by their time value. */
  private readonly dates = new Map<number, CellOutcome>();
  /** For e-mail columns, whose addresses are unique per lead: outcomes by the text after '@'. */
  private readonly domains: Map<string, CellOutcome> | null;

  /**
   * `byDomain`: every reader of the column sees an e-mail cell only through its domain, and no missing
   * token holds an '@' (so a plain address is never blank).
   */
  constructor(
    private readonly readers: ColumnReaders,
    private readonly missingTokens: ReadonlySet<string>,
    byDomain: boolean,
  ) {
    this.empty = emptyOutcome(readers);
    this.domains = byDomain ? new Map() : null;
  }

  outcome(cell: unknown): CellOutcome {
    let memo: Map<unknown, CellOutcome>;
    let key: unknown = cell;
    if (typeof cell === 'string') {
      if (cell === '') return this.empty;
      if (this.domains !== null) {
        const tail = plainAddressTail(cell);
        if (tail !== null) return this.addressOutcome(this.domains, cell, tail);
      }
      memo = this.values;
    } else if (typeof cell === 'number' || typeof cell === 'boolean') {
      memo = this.values;
    } else if (cell === null || cell === undefined) {
      return this.empty;
    } else {
      const time = dateTime(cell);
      if (time === null) return this.read(cell);
      memo = this.dates as Map<unknown, CellOutcome>;
      key = time;
    }
    let outcome = memo.get(key);
    if (outcome === undefined) {
      outcome = this.read(cell);
      if (memo.size < MEMO_LIMIT) memo.set(key, outcome);
    }
    return outcome;
  }

  private addressOutcome(domains: Map<string, CellOutcome>, cell: string, tail: string): CellOutcome {
    let outcome = domains.get(tail);
    if (outcome === undefined) {
      outcome = this.read(cell);
      // Only a valid address's outcome depends on its domain alone (an invalid one names the cell).
      if (emailDomain(cell) !== null && domains.size < MEMO_LIMIT) domains.set(tail, outcome);
    }
    return outcome;
  }

  private read(cell: unknown): CellOutcome {
    return readOutcome(this.readers, cell, isBlank(cell, this.missingTokens));
  }
}
