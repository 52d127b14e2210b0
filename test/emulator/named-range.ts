// Named ranges: a name bound to an area that moves and grows with inserted rows and columns, like Sheets.

import { areaOf } from './conditional-format';
import { Access, type EmulatorContext } from './context';
import type { NamedRangeModel, SpreadsheetModel } from './model';
import { Range } from './range';

const R = Access.READ;
const W = Access.WRITE;

const NAME = /^[A-Za-z_\\][A-Za-z0-9_.]*$/;
const LOOKS_LIKE_CELL = /^[A-Za-z]{1,3}\d+$|^R\d*C\d*$/i;

/** Sheets refuses names that are not identifiers or that look like cell references (message approximate). */
export function checkRangeName(ctx: EmulatorContext, name: string): void {
  if (!NAME.test(name) || LOOKS_LIKE_CELL.test(name) || /^(true|false)$/i.test(name)) {
    throw ctx.error(`The name "${name}" is not a valid range name.`);
  }
}

export function rangeOfNamed(ctx: EmulatorContext, named: NamedRangeModel): Range {
  const { sheet, rows, columns } = named.area;
  return new Range(ctx, sheet, rows.start, columns.start, rows.count, columns.count);
}

export class NamedRange {
  constructor(
    private readonly ctx: EmulatorContext,
    private readonly spreadsheet: SpreadsheetModel,
    private readonly named: NamedRangeModel,
  ) {}

  getName(): string {
    this.ctx.call('NamedRange.getName', R);
    return this.named.name;
  }

  getRange(): Range {
    this.ctx.call('NamedRange.getRange', R);
    return rangeOfNamed(this.ctx, this.named);
  }

  setName(name: string): NamedRange {
    this.ctx.call('NamedRange.setName', W);
    checkRangeName(this.ctx, name);
    this.spreadsheet.namedRanges.delete(this.named.name);
    this.named.name = name;
    this.spreadsheet.namedRanges.set(name, this.named);
    return this;
  }

  setRange(range: Range): NamedRange {
    this.ctx.call('NamedRange.setRange', W);
    this.named.area = areaOf(range);
    return this;
  }

  remove(): void {
    this.ctx.call('NamedRange.remove', W);
    this.spreadsheet.namedRanges.delete(this.named.name);
  }
}
