// Developer metadata: key/value tags on the spreadsheet, a sheet, whole rows or whole columns, that move with them.
import { Access, type EmulatorContext } from './context';
import { DeveloperMetadataLocationType, DeveloperMetadataVisibility, enumName } from './enums';
import type { MetadataLocation, MetadataModel, SpreadsheetModel } from './model';
import { Range } from './range';
import { Sheet } from './sheet';
import { Spreadsheet } from './spreadsheet';

const R = Access.READ;
const W = Access.WRITE;

type Visibility = MetadataModel['visibility'];

function isEnumValue(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'function'
  );
}

/** Sorts out the overloads (key), (key, value), (key, visibility), (key, value, visibility). */
export function visibilityArgs(valueOrVisibility: unknown, visibility: unknown): [string | null, Visibility] {
  if (isEnumValue(valueOrVisibility)) return [null, enumName(valueOrVisibility) as Visibility];
  const value =
    valueOrVisibility === undefined || valueOrVisibility === null ? null : String(valueOrVisibility);
  return [value, visibility === undefined ? 'DOCUMENT' : (enumName(visibility) as Visibility)];
}

export function addMetadata(
  spreadsheet: SpreadsheetModel,
  key: string,
  location: MetadataLocation,
  value: string | null,
  visibility: Visibility,
): MetadataModel {
  const meta: MetadataModel = {
    id: spreadsheet.newMetadataId(),
    key: String(key),
    value,
    visibility,
    location,
  };
  spreadsheet.metadata.push(meta);
  return meta;
}

export class DeveloperMetadataLocation {
  constructor(
    private readonly ctx: EmulatorContext,
    private readonly spreadsheet: SpreadsheetModel,
    private readonly location: MetadataLocation,
  ) {}

  getLocationType(): unknown {
    this.ctx.call('DeveloperMetadataLocation.getLocationType', R);
    return DeveloperMetadataLocationType[this.location.type];
  }

  /** The whole column(s) the metadata sits on, or null for other locations. */
  getColumn(): Range | null {
    this.ctx.call('DeveloperMetadataLocation.getColumn', R);
    const location = this.location;
    if (location.type !== 'COLUMN') return null;
    return new Range(
      this.ctx,
      location.sheet,
      1,
      location.span.start,
      location.sheet.maxRows,
      location.span.count,
      'COLUMNS',
    );
  }

  getRow(): Range | null {
    this.ctx.call('DeveloperMetadataLocation.getRow', R);
    const location = this.location;
    if (location.type !== 'ROW') return null;
    return new Range(
      this.ctx,
      location.sheet,
      location.span.start,
      1,
      location.span.count,
      location.sheet.maxColumns,
      'ROWS',
    );
  }

  getSheet(): Sheet | null {
    this.ctx.call('DeveloperMetadataLocation.getSheet', R);
    return this.location.type === 'SHEET' ? new Sheet(this.ctx, this.location.sheet) : null;
  }

  getSpreadsheet(): Spreadsheet | null {
    this.ctx.call('DeveloperMetadataLocation.getSpreadsheet', R);
    return this.location.type === 'SPREADSHEET' ? new Spreadsheet(this.ctx, this.spreadsheet) : null;
  }
}

export class DeveloperMetadata {
  constructor(
    private readonly ctx: EmulatorContext,
    private readonly spreadsheet: SpreadsheetModel,
    private readonly meta: MetadataModel,
  ) {}

  getId(): number {
    this.ctx.call('DeveloperMetadata.getId', R);
    return this.meta.id;
  }

  getKey(): string {
    this.ctx.call('DeveloperMetadata.getKey', R);
    return this.meta.key;
  }

  getValue(): string | null {
    this.ctx.call('DeveloperMetadata.getValue', R);
    return this.meta.value;
  }

  getVisibility(): unknown {
    this.ctx.call('DeveloperMetadata.getVisibility', R);
    return DeveloperMetadataVisibility[this.meta.visibility];
  }

  /** The location object reads the live model, so it reflects columns moved since. */
  getLocation(): DeveloperMetadataLocation {
    this.ctx.call('DeveloperMetadata.getLocation', R);
    return new DeveloperMetadataLocation(this.ctx, this.spreadsheet, this.meta.location);
  }

  setKey(key: string): DeveloperMetadata {
    this.ctx.call('DeveloperMetadata.setKey', W);
    this.meta.key = String(key);
    return this;
  }

  setValue(value: string): DeveloperMetadata {
    this.ctx.call('DeveloperMetadata.setValue', W);
    this.meta.value = value === null || value === undefined ? null : String(value);
    return this;
  }

  setVisibility(visibility: unknown): DeveloperMetadata {
    this.ctx.call('DeveloperMetadata.setVisibility', W);
    this.meta.visibility = enumName(visibility) as Visibility;
    return this;
  }

  remove(): void {
    this.ctx.call('DeveloperMetadata.remove', W);
    this.spreadsheet.metadata = this.spreadsheet.metadata.filter((meta) => meta !== this.meta);
  }
}

export class DeveloperMetadataFinder {
  private readonly filters: ((meta: MetadataModel) => boolean)[] = [];

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly spreadsheet: SpreadsheetModel,
    scope: (meta: MetadataModel) => boolean,
  ) {
    this.filters.push(scope);
  }

  withKey(key: string): DeveloperMetadataFinder {
    this.ctx.call('DeveloperMetadataFinder.withKey', R);
    this.filters.push((meta) => meta.key === key);
    return this;
  }

  withValue(value: string): DeveloperMetadataFinder {
    this.ctx.call('DeveloperMetadataFinder.withValue', R);
    this.filters.push((meta) => meta.value === value);
    return this;
  }

  withId(id: number): DeveloperMetadataFinder {
    this.ctx.call('DeveloperMetadataFinder.withId', R);
    this.filters.push((meta) => meta.id === id);
    return this;
  }

  withLocationType(type: unknown): DeveloperMetadataFinder {
    this.ctx.call('DeveloperMetadataFinder.withLocationType', R);
    const name = enumName(type);
    this.filters.push((meta) => meta.location.type === name);
    return this;
  }

  withVisibility(visibility: unknown): DeveloperMetadataFinder {
    this.ctx.call('DeveloperMetadataFinder.withVisibility', R);
    const name = enumName(visibility);
    this.filters.push((meta) => meta.visibility === name);
    return this;
  }

  find(): DeveloperMetadata[] {
    this.ctx.call('DeveloperMetadataFinder.find', R);
    return this.spreadsheet.metadata
      .filter((meta) => this.filters.every((filter) => filter(meta)))
      .map((meta) => new DeveloperMetadata(this.ctx, this.spreadsheet, meta));
  }
}
