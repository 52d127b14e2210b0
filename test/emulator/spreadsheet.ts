// Spreadsheet: its sheets, named ranges, spreadsheet-level metadata, time zone and toasts.

import { parseA1 } from './a1';
import { areaOf } from './conditional-format';
import { Access, type EmulatorContext } from './context';
import {
  addMetadata,
  DeveloperMetadata,
  DeveloperMetadataFinder,
  visibilityArgs,
} from './developer-metadata';
import { checkCellLimit, DEFAULT_MAX_COLUMNS, DEFAULT_MAX_ROWS, type SpreadsheetModel } from './model';
import { checkRangeName, NamedRange, rangeOfNamed } from './named-range';
import type { Range } from './range';
import { Sheet } from './sheet';

const R = Access.READ;
const W = Access.WRITE;

export class Spreadsheet {
  constructor(
    private readonly ctx: EmulatorContext,
    readonly model: SpreadsheetModel,
  ) {}

  getId(): string {
    this.ctx.call('Spreadsheet.getId', R);
    return this.model.id;
  }

  getName(): string {
    this.ctx.call('Spreadsheet.getName', R);
    return this.model.name;
  }

  rename(name: string): void {
    this.ctx.call('Spreadsheet.rename', W);
    this.model.name = String(name);
  }

  getUrl(): string {
    this.ctx.call('Spreadsheet.getUrl', R);
    return `https://docs.google.com/spreadsheets/d/${this.model.id}/edit`;
  }

  getSpreadsheetTimeZone(): string {
    this.ctx.call('Spreadsheet.getSpreadsheetTimeZone', R);
    return this.model.timeZone;
  }

  setSpreadsheetTimeZone(timeZone: string): void {
    this.ctx.call('Spreadsheet.setSpreadsheetTimeZone', W);
    this.model.timeZone = timeZone;
  }

  getSpreadsheetLocale(): string {
    this.ctx.call('Spreadsheet.getSpreadsheetLocale', R);
    return this.model.locale;
  }

  getSheets(): Sheet[] {
    this.ctx.call('Spreadsheet.getSheets', R);
    return this.model.sheets.map((sheet) => new Sheet(this.ctx, sheet));
  }

  getNumSheets(): number {
    this.ctx.call('Spreadsheet.getNumSheets', R);
    return this.model.sheets.length;
  }

  getSheetByName(name: string): Sheet | null {
    this.ctx.call('Spreadsheet.getSheetByName', R);
    const sheet = this.model.sheetByName(name);
    return sheet === null ? null : new Sheet(this.ctx, sheet);
  }

  getSheetById(id: number): Sheet | null {
    this.ctx.call('Spreadsheet.getSheetById', R);
    const sheet = this.model.sheets.find((s) => s.id === id);
    return sheet === undefined ? null : new Sheet(this.ctx, sheet);
  }

  getActiveSheet(): Sheet {
    this.ctx.call('Spreadsheet.getActiveSheet', R);
    return new Sheet(this.ctx, this.activeModel());
  }

  setActiveSheet(sheet: Sheet): Sheet {
    this.ctx.call('Spreadsheet.setActiveSheet', R);
    this.model.activeSheet = sheet.model;
    return sheet;
  }

  /** Like Sheets, a new sheet becomes the active one. */
  insertSheet(name?: string, index?: number): Sheet {
    this.ctx.call('Spreadsheet.insertSheet', W);
    let sheetName = name;
    if (sheetName === undefined) {
      let n = this.model.sheets.length + 1;
      while (this.model.sheetByName(`Sheet${n}`) !== null) n++;
      sheetName = `Sheet${n}`;
    }
    if (this.model.sheetByName(sheetName) !== null) {
      throw this.ctx.error(`A sheet with the name "${sheetName}" already exists. Please enter another name.`);
    }
    checkCellLimit(this.ctx, this.model, DEFAULT_MAX_ROWS * DEFAULT_MAX_COLUMNS);
    const model = this.model.addSheet(String(sheetName), index ?? this.model.sheets.length);
    this.model.activeSheet = model;
    return new Sheet(this.ctx, model);
  }

  deleteSheet(sheet: Sheet): void {
    this.ctx.call('Spreadsheet.deleteSheet', W);
    if (this.model.sheets.length <= 1) {
      throw this.ctx.error("You can't remove all the sheets in a document.");
    }
    this.model.removeSheet(sheet.model);
  }

  /** getRange('Sheet1!A1:B2'); without a sheet name, the active sheet. */
  getRange(a1Notation: string): Range {
    this.ctx.call('Spreadsheet.getRange', R);
    const parsed = parseA1(String(a1Notation));
    const sheet = parsed?.sheetName ? this.model.sheetByName(parsed.sheetName) : this.activeModel();
    if (parsed === null || sheet === null) throw this.ctx.error('Range not found');
    const text = a1Notation.slice(a1Notation.lastIndexOf('!') + 1);
    return new Sheet(this.ctx, sheet).rangeByA1(text);
  }

  getRangeByName(name: string): Range | null {
    this.ctx.call('Spreadsheet.getRangeByName', R);
    const named = this.model.namedRanges.get(name);
    return named === undefined ? null : rangeOfNamed(this.ctx, named);
  }

  /** Replaces a range of the same name, as Sheets does. */
  setNamedRange(name: string, range: Range): void {
    this.ctx.call('Spreadsheet.setNamedRange', W);
    checkRangeName(this.ctx, name);
    this.model.namedRanges.set(name, { name, area: areaOf(range) });
  }

  removeNamedRange(name: string): void {
    this.ctx.call('Spreadsheet.removeNamedRange', W);
    this.model.namedRanges.delete(name);
  }

  getNamedRanges(): NamedRange[] {
    this.ctx.call('Spreadsheet.getNamedRanges', R);
    return [...this.model.namedRanges.values()].map((named) => new NamedRange(this.ctx, this.model, named));
  }

  addDeveloperMetadata(key: string, valueOrVisibility?: unknown, visibility?: unknown): Spreadsheet {
    this.ctx.call('Spreadsheet.addDeveloperMetadata', W);
    addMetadata(this.model, key, { type: 'SPREADSHEET' }, ...visibilityArgs(valueOrVisibility, visibility));
    return this;
  }

  /** Only the metadata attached to the spreadsheet itself. */
  getDeveloperMetadata(): DeveloperMetadata[] {
    this.ctx.call('Spreadsheet.getDeveloperMetadata', R);
    return this.model.metadata
      .filter((meta) => meta.location.type === 'SPREADSHEET')
      .map((meta) => new DeveloperMetadata(this.ctx, this.model, meta));
  }

  /** Finds metadata anywhere in the spreadsheet. */
  createDeveloperMetadataFinder(): DeveloperMetadataFinder {
    this.ctx.call('Spreadsheet.createDeveloperMetadataFinder', R);
    return new DeveloperMetadataFinder(this.ctx, this.model, () => true);
  }

  /** A null timeout means 5 s; a negative one keeps the toast until dismissed (recorded as given). */
  toast(message: string, title?: string, timeoutSeconds?: number): void {
    this.ctx.call('Spreadsheet.toast', Access.UI);
    this.ctx.recorder.toasts.push({
      message: String(message),
      title: title === undefined || title === null ? '' : String(title),
      timeoutSeconds: timeoutSeconds === undefined || timeoutSeconds === null ? 5 : timeoutSeconds,
    });
  }

  private activeModel() {
    const sheet = this.model.activeSheet ?? this.model.sheets[0];
    if (sheet === undefined) throw this.ctx.error('The spreadsheet has no sheets.');
    return sheet;
  }
}
