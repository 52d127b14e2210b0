// The rules sheet: the model as a readable, hand-editable 2D range, converted losslessly to and from JSON.
import { findCondition } from './conditions';
import type { Condition, ScoringModel } from './model';
import { isDateValue } from './normalise';
import { closest, type IssuePath, type ModelIssue, validateModelDetailed } from './validate';

export type SheetCell = string | number | boolean | Date;

export type RulesSheetResult =
  | { ok: true; model: ScoringModel; asOf: Date | null }
  | { ok: false; issues: ModelIssue[] };

// ---------------------------------------------------------------------------------------------
// Lists in one cell: comma-separated, CSV-style quotes for items with commas, quotes or edge spaces.

function needsQuotes(item: string): boolean {
  return item === '' || item.trim() !== item || /[,"\r\n]/.test(item);
}

/** 'VP, Director, "Acme, Inc"': items are quoted only when they must be, so the cell stays readable. */
export function formatList(values: readonly string[]): string {
  return values.map((item) => (needsQuotes(item) ? `"${item.replace(/"/g, '""')}"` : item)).join(', ');
}

/** Reads formatList's output and hand-typed lists; empty unquoted items ("a, , b,") are dropped. */
export function parseList(text: string): string[] {
  const items: string[] = [];
  const n = text.length;
  let i = 0;
  while (i <= n) {
    while (i < n && /\s/.test(text.charAt(i))) i++;
    const quoted = text.charAt(i) === '"';
    let item = '';
    if (quoted) {
      // Inside quotes a doubled quote is one quote, and a lone quote ends the item.
      for (i++; i < n; i++) {
        if (text.charAt(i) === '"') {
          if (text.charAt(i + 1) !== '"') {
            i++;
            break;
          }
          i++;
        }
        item += text.charAt(i);
      }
    }
    let end = text.indexOf(',', i);
    if (end < 0) end = n;
    const rest = text.slice(i, end);
    // Text after a closing quote (a hand-typed '"Acme" Inc') is kept rather than lost.
    if (quoted) items.push(rest.trim() === '' ? item : `${item}${rest.trimEnd()}`);
    else if (rest.trim() !== '') items.push(rest.trim());
    i = end + 1; // past the comma (or the end)
  }
  return items;
}

const NUMBER = '[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:e[-+]?\\d+)?';
const RANGE = new RegExp(`^\\s*(${NUMBER})\\s*(?:to|and|\\.\\.|-|–|—)\\s*(${NUMBER})\\s*$`, 'i');

/** "50 to 1000" is written; "50-1000", "50 – 1000" and "50..1000" are read too. */
export function formatRange(min: number, max: number): string {
  return `${min} to ${max}`;
}

export function parseRange(text: string): { min: number; max: number } | null {
  const match = RANGE.exec(text);
  if (!match) return null;
  return { min: Number(match[1]), max: Number(match[2]) };
}

// ---------------------------------------------------------------------------------------------
// Layout

const TITLES = {
  settings: 'Settings',
  groups: 'Groups',
  rules: 'Rules',
  disqualifiers: 'Disqualifiers',
  decay: 'Decay',
  bands: 'Bands',
  grades: 'Grades',
  quadrants: 'Quadrants',
  missing: 'Missing data',
  synonyms: 'Column synonyms',
} as const;
type SectionKey = keyof typeof TITLES;

const HEADERS = {
  groups: ['Group id', 'Name', 'Kind', 'Cap', 'Floor'],
  rules: [
    'Group',
    'Rule id',
    'Column',
    'Condition',
    'Value',
    'Points',
    'Per unit',
    'Max points',
    'Label',
    'Enabled',
  ],
  disqualifiers: ['Disqualifier id', 'Column', 'Condition', 'Value', 'Reason', 'Enabled'],
  decay: ['After days', 'Points'],
  bands: ['Band', 'Min score', 'Colour', 'Action', 'Stage'],
  grades: ['Grade', 'Min fit'],
  synonyms: ['Column', 'Also known as'],
} as const;
type TableKey = keyof typeof HEADERS;

/**
 * Headers a table cannot do without (all of them for a table not listed here); the others may be left
 * out of a hand-made sheet.
 */
const REQUIRED: Partial<Record<TableKey, readonly string[]>> = {
  groups: ['Group id', 'Kind'],
  rules: ['Group', 'Rule id', 'Column', 'Condition', 'Points'],
  disqualifiers: ['Disqualifier id', 'Column', 'Condition'],
  bands: ['Band', 'Min score'],
};

const SETTINGS = [
  'Model name',
  'Description',
  'Schema version',
  'Scale min',
  'Scale max',
  'As of',
  'Missing tokens',
  'Personal domains',
  'Disqualified band',
  'Disqualified colour',
  'Disqualified action',
  'Disqualified stage',
  'Decay date column',
  'Decay half-life days',
] as const;
const QUADRANT_KEYS = [
  'Fit threshold',
  'Intent threshold',
  'High fit, high intent',
  'High fit, low intent',
  'Low fit, high intent',
  'Low fit, low intent',
] as const;
const QUADRANT_LABELS = [
  'highFitHighIntent',
  'highFitLowIntent',
  'lowFitHighIntent',
  'lowFitLowIntent',
] as const;
const MISSING_KEYS = ['Min fit filled', 'Band', 'Colour', 'Action', 'Stage'] as const;
const STYLE_FIELDS = ['name', 'colour', 'action', 'stage'] as const;
type StyleField = (typeof STYLE_FIELDS)[number];
/** The settings that hold the disqualified band's style. */
const DQ_SETTINGS: Record<StyleField, string> = {
  name: 'Disqualified band',
  colour: 'Disqualified colour',
  action: 'Disqualified action',
  stage: 'Disqualified stage',
};
/** The [Missing data] keys that hold its band's style. */
const STYLE_KEYS: Record<StyleField, string> = {
  name: 'Band',
  colour: 'Colour',
  action: 'Action',
  stage: 'Stage',
};

const WIDTH = HEADERS.rules.length;

/** Header and key matching ignores case, spaces and punctuation; "Color" is read as "Colour". */
function norm(text: string): string {
  return text
    .toLowerCase()
    .replace(/color/g, 'colour')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

// ---------------------------------------------------------------------------------------------
// Writing

function conditionValue(condition: Condition): SheetCell {
  switch (condition.op) {
    case 'equals':
    case 'notEquals':
    case 'atLeast':
    case 'atMost':
      return condition.value;
    case 'isOneOf':
    case 'containsAny':
    case 'startsWith':
    case 'endsWith':
    case 'emailDomainIn':
      return formatList(condition.values);
    case 'between':
      return formatRange(condition.min, condition.max);
    case 'withinDays':
    case 'olderThanDays':
      return condition.days;
    default:
      return '';
  }
}

/** A key/value section's rows: each key beside its value, the values given in the keys' order (and count). */
function keyValueRows<Keys extends readonly string[]>(
  keys: Keys,
  values: { [Index in keyof Keys]: SheetCell },
): SheetCell[][] {
  return keys.map((key, index) => [key, values[index] as SheetCell]);
}

/** The Condition and Value cells of a rule or disqualifier. */
function conditionCells(condition: Condition): [SheetCell, SheetCell] {
  return [findCondition(condition.op)?.label ?? condition.op, conditionValue(condition)];
}

/**
 * The model as the rules sheet's cells, every section present (empty ones keep their header so a
 * person sees where to add rows). `asOf` fills the "As of" setting that formulas and decay count from.
 */
export function modelToRulesSheet(model: ScoringModel, asOf: Date | null = null): SheetCell[][] {
  const rows: SheetCell[][] = [];
  const section = (key: SectionKey, body: SheetCell[][]): void => {
    const keyValue = key === 'settings' || key === 'quadrants' || key === 'missing';
    if (rows.length > 0) rows.push([]);
    rows.push([`[${TITLES[key]}]`]);
    rows.push(keyValue ? ['Setting', 'Value'] : [...HEADERS[key]]);
    rows.push(...body);
  };
  const dq = model.disqualifiedBand;
  const decay = model.decay;
  section(
    'settings',
    keyValueRows(SETTINGS, [
      model.name,
      model.description ?? '',
      model.schemaVersion,
      model.scale.min,
      model.scale.max,
      asOf ?? '',
      formatList(model.missingTokens ?? []),
      formatList(model.personalDomains ?? []),
      dq.name,
      dq.colour,
      dq.action,
      dq.stage ?? '',
      decay?.column ?? '',
      decay?.mode === 'halfLife' ? decay.halfLifeDays : '',
    ]),
  );
  section(
    'groups',
    model.groups.map((g) => [g.id, g.name, g.kind, g.cap ?? '', g.floor ?? '']),
  );
  section(
    'rules',
    model.groups.flatMap((g) =>
      g.rules.map((r) => [
        g.id,
        r.id,
        r.column,
        ...conditionCells(r.condition),
        r.points,
        r.perUnit === true,
        r.maxPoints ?? '',
        r.label,
        r.enabled,
      ]),
    ),
  );
  section(
    'disqualifiers',
    model.disqualifiers.map((d) => [d.id, d.column, ...conditionCells(d.condition), d.reason, d.enabled]),
  );
  section('decay', decay?.mode === 'steps' ? decay.steps.map((s) => [s.afterDays, s.points]) : []);
  section(
    'bands',
    model.bands.map((b) => [b.name, b.min, b.colour, b.action, b.stage ?? '']),
  );
  section(
    'grades',
    (model.grades ?? []).map((g) => [g.grade, g.minFit]),
  );
  const q = model.quadrants;
  section('quadrants', [
    ['Fit threshold', q?.fitThreshold ?? ''],
    ['Intent threshold', q?.intentThreshold ?? ''],
    ...QUADRANT_LABELS.map((key, i): SheetCell[] => [QUADRANT_KEYS[i + 2] ?? key, q?.labels[key] ?? '']),
  ]);
  const m = model.missingData;
  section(
    'missing',
    keyValueRows(MISSING_KEYS, [
      m?.minFitFilled ?? '',
      m?.band.name ?? '',
      m?.band.colour ?? '',
      m?.band.action ?? '',
      m?.band.stage ?? '',
    ]),
  );
  section(
    'synonyms',
    Object.entries(model.columnSynonyms ?? {}).map(([column, names]) => [column, formatList(names)]),
  );
  return rows.map((row) => [...row, ...Array<SheetCell>(Math.max(0, WIDTH - row.length)).fill('')]);
}

// ---------------------------------------------------------------------------------------------
// Reading cells tolerantly (hand edits), leaving what cannot be read for validation to report

function isBlankCell(cell: unknown): boolean {
  return cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === '');
}

/** A date typed into a text field (Sheets turns "2024-05-01" into a date) reads back as that text. */
function isoDate(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

function text(cell: unknown): string {
  if (cell === undefined || cell === null) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  // Cross-realm: Sheets values reach the engine from another JavaScript realm under gas-local and
  // Apps Script, so a Date is recognised by isDateValue, not instanceof.
  if (isDateValue(cell)) return isoDate(cell);
  return String(cell);
}

/** Text, or undefined for a blank cell: the field is left out and validation says what is missing. */
function optionalText(cell: unknown): string | undefined {
  return isBlankCell(cell) ? undefined : text(cell);
}

/** A list cell's items; a number or date typed into one is a single item. */
function listCell(cell: unknown): string[] {
  return isBlankCell(cell) ? [] : typeof cell === 'string' ? parseList(cell) : [text(cell)];
}

const NUMERIC = new RegExp(`^${NUMBER}$`, 'i');
const GROUPED = /^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/** Numbers typed as text ("10", "1,000", "25%" where a share is meant) become numbers; the rest is left raw. */
function numberCell(cell: unknown, percent = false): unknown {
  if (isBlankCell(cell)) return undefined;
  if (typeof cell !== 'string') return cell;
  const t = cell.trim();
  if (NUMERIC.test(t)) return Number(t);
  if (GROUPED.test(t)) return Number(t.replace(/,/g, ''));
  const share = t.slice(0, -1).trim();
  if (percent && t.endsWith('%') && NUMERIC.test(share)) return Number(share) / 100;
  return cell;
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'on', 'x', '✓', '✔']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'off']);

function booleanCell(cell: unknown): unknown {
  if (isBlankCell(cell)) return undefined;
  if (typeof cell === 'boolean') return cell;
  if (typeof cell === 'number') return cell === 1 ? true : cell === 0 ? false : cell;
  if (typeof cell !== 'string') return cell;
  const t = cell.trim().toLowerCase();
  if (TRUE_WORDS.has(t)) return true;
  if (FALSE_WORDS.has(t)) return false;
  return cell;
}

/** A group's kind: "Behaviour" and "Engagement" mean intent; anything else is left for validation. */
function groupKind(cell: unknown): unknown {
  if (isBlankCell(cell)) return undefined;
  const kind = norm(text(cell));
  if (kind === 'fit') return 'fit';
  return ['intent', 'behaviour', 'behavior', 'engagement'].includes(kind) ? 'intent' : text(cell);
}

/** Adds a field only when the cell held something, so validation sees "missing" vs "wrong". */
function put(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) obj[key] = value;
}

/** A table's plain columns: the JSON field, its header and how its cell is read (undefined leaves it out). */
type Fields = readonly (readonly [field: string, header: string, read: (cell: unknown) => unknown])[];

const GROUP_FIELDS: Fields = [
  ['id', 'Group id', text],
  ['name', 'Name', optionalText],
  ['kind', 'Kind', groupKind],
  ['cap', 'Cap', numberCell],
  ['floor', 'Floor', numberCell],
];
// A rule's group and condition span columns (Group; Condition and Value), so they are read on their own.
const RULE_FIELDS: Fields = [
  ['id', 'Rule id', text],
  ['column', 'Column', optionalText],
  ['points', 'Points', numberCell],
  ['perUnit', 'Per unit', booleanCell],
  ['maxPoints', 'Max points', numberCell],
  ['label', 'Label', optionalText],
  ['enabled', 'Enabled', booleanCell],
];
const DQ_FIELDS: Fields = [
  ['id', 'Disqualifier id', text],
  ['column', 'Column', optionalText],
  ['reason', 'Reason', optionalText],
  ['enabled', 'Enabled', booleanCell],
];
const STEP_FIELDS: Fields = [
  ['afterDays', 'After days', numberCell],
  ['points', 'Points', numberCell],
];
const BAND_FIELDS: Fields = [
  ['name', 'Band', text],
  ['colour', 'Colour', text],
  ['action', 'Action', text],
  ['min', 'Min score', numberCell],
  ['stage', 'Stage', optionalText],
];
const GRADE_FIELDS: Fields = [
  ['grade', 'Grade', text],
  ['minFit', 'Min fit', numberCell],
];

/**
 * A band style from its cells: a blank name, colour or action reads as '' (validation reports it),
 * a blank stage is left out.
 */
function bandStyle(cell: (field: StyleField) => unknown): Record<string, unknown> {
  const style: Record<string, unknown> = {
    name: text(cell('name')),
    colour: text(cell('colour')),
    action: text(cell('action')),
  };
  put(style, 'stage', optionalText(cell('stage')));
  return style;
}

// ---------------------------------------------------------------------------------------------
// Splitting the sheet into sections

interface SheetRow {
  /** 1-based row number in the sheet. */
  row: number;
  cells: readonly unknown[];
}

interface Section {
  key: SectionKey;
  titleRow: number;
  rows: SheetRow[];
}

interface Located {
  row: number;
  context: string;
  header: string;
}

class SheetReader {
  readonly issues: (ModelIssue & { row: number })[] = [];

  add(row: number, context: string, header: string, message: string): void {
    this.issues.push({ row, where: place(row, context, header), message });
  }
}

function place(row: number, context: string, header: string): string {
  const ctx = context ? ` (${context})` : '';
  return `rules sheet row ${row}${ctx}${header ? ` › ${header}` : ''}`;
}

function sectionTitle(cells: readonly unknown[]): string | null {
  const first = cells[0];
  if (typeof first !== 'string') return null;
  const match = /^\s*\[([^\]]+)\]\s*$/.exec(first);
  if (!match) return null;
  // A data row whose first cell looks like "[x]" still has other cells filled in.
  for (let i = 1; i < cells.length; i++) if (!isBlankCell(cells[i])) return null;
  return match[1] ?? null;
}

function splitSections(values: readonly (readonly unknown[])[], reader: SheetReader): Section[] {
  const sections: Section[] = [];
  const titles = Object.entries(TITLES) as [SectionKey, string][];
  let current: Section | null = null;
  values.forEach((cells, index) => {
    const row = index + 1;
    const cellsArray = Array.isArray(cells) ? cells : [cells];
    const title = sectionTitle(cellsArray);
    if (title !== null) {
      // Rows under an unknown or repeated title belong to no section and are ignored.
      current = null;
      const found = titles.find(([, name]) => norm(name) === norm(title));
      const duplicate = found && sections.find((s) => s.key === found[0]);
      if (!found) {
        const suggestion = closest(title, Object.values(TITLES));
        const hint = suggestion ? ` (did you mean '[${suggestion}]'?)` : '';
        reader.add(row, '', '', `unknown section '[${title}]'${hint}; its rows are ignored`);
      } else if (duplicate) {
        const message = `the [${found[1]}] section appears twice (first at row ${duplicate.titleRow})`;
        reader.add(row, '', '', message);
      } else {
        current = { key: found[0], titleRow: row, rows: [] };
        sections.push(current);
      }
      return;
    }
    // Blank rows inside or between sections are spacing; notes above the first section are ignored.
    if (cellsArray.every(isBlankCell) || current === null) return;
    current.rows.push({ row, cells: cellsArray });
  });
  return sections;
}

interface TableRow {
  row: number;
  get(header: string): unknown;
}

function readTable(section: Section, key: TableKey, reader: SheetReader): TableRow[] {
  const [headerRow, ...data] = section.rows;
  if (!headerRow) return [];
  const columns = new Map<string, number>();
  headerRow.cells.forEach((cell, index) => {
    const name = norm(text(cell));
    if (name !== '' && !columns.has(name)) columns.set(name, index);
  });
  for (const header of REQUIRED[key] ?? HEADERS[key]) {
    if (!columns.has(norm(header))) {
      reader.add(
        headerRow.row,
        `[${TITLES[section.key]}] header`,
        header,
        `the '${header}' column is missing`,
      );
    }
  }
  return data.map(({ row, cells }) => ({
    row,
    get(header: string): unknown {
      const index = columns.get(norm(header));
      return index === undefined ? undefined : cells[index];
    },
  }));
}

/** A row's plain fields, each left out when its cell is blank. */
function readFields(r: TableRow, fields: Fields): Record<string, unknown> {
  const obj: Record<string, unknown> = {};
  for (const [field, header, read] of fields) put(obj, field, read(r.get(header)));
  return obj;
}

function readKeyValues(
  section: Section,
  keys: readonly string[],
  reader: SheetReader,
): Map<string, SheetRow> {
  const out = new Map<string, SheetRow>();
  section.rows.forEach((sheetRow, index) => {
    const key = text(sheetRow.cells[0]);
    if (index === 0 && norm(key) === 'setting') return; // the header row
    const known = keys.find((k) => norm(k) === norm(key));
    if (!known) {
      const suggestion = closest(key, keys);
      reader.add(
        sheetRow.row,
        TITLES[section.key],
        '',
        `unknown setting ${key.trim() === '' ? '(blank)' : `'${key}'`}${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
      );
      return;
    }
    const first = out.get(known);
    if (first) {
      reader.add(sheetRow.row, TITLES[section.key], known, `is set twice (first at row ${first.row})`);
      return;
    }
    out.set(known, sheetRow);
  });
  return out;
}

/** A key/value section's value for a key, undefined when the row is absent or its value blank. */
function settingValue(entries: ReadonlyMap<string, SheetRow>, key: string): unknown {
  const value = entries.get(key)?.cells[1];
  return isBlankCell(value) ? undefined : value;
}

// ---------------------------------------------------------------------------------------------
// Building the JSON form with a map back to rows

/** A table row issues can point at, and the item it holds ("rule 'demo'"). */
interface ItemRow {
  row: number;
  context: string;
}

interface Locations {
  settings: Map<string, SheetRow>;
  quadrants: Map<string, SheetRow>;
  missing: Map<string, SheetRow>;
  sections: ReadonlyMap<SectionKey, Section>;
  groups: (ItemRow & { id: string })[];
  rules: Map<string, ItemRow>;
  disqualifiers: ItemRow[];
  steps: ItemRow[];
  bands: ItemRow[];
  grades: ItemRow[];
  synonyms: Map<string, number>;
}

function conditionFromCells(
  r: TableRow,
  context: string,
  reader: SheetReader,
): Record<string, unknown> | undefined {
  const conditionCell = r.get('Condition');
  const valueCell = r.get('Value');
  if (isBlankCell(conditionCell)) return isBlankCell(valueCell) ? undefined : {};
  const name = text(conditionCell);
  const info = findCondition(name);
  // An unknown condition goes to validation as typed, which names it and suggests the closest one.
  if (!info) return { op: name };
  const condition: Record<string, unknown> = { op: info.op };
  switch (info.params) {
    case 'none':
      if (!isBlankCell(valueCell))
        reader.add(r.row, context, 'Value', `'${info.label}' takes no value; clear this cell`);
      break;
    case 'value':
      if (!isBlankCell(valueCell)) condition.value = isDateValue(valueCell) ? isoDate(valueCell) : valueCell;
      break;
    case 'number':
    case 'days':
      put(condition, info.params === 'days' ? 'days' : 'value', numberCell(valueCell));
      break;
    case 'list':
      condition.values = listCell(valueCell);
      break;
    case 'range': {
      const range = typeof valueCell === 'string' ? parseRange(valueCell) : null;
      if (range) Object.assign(condition, range);
      else {
        reader.add(
          r.row,
          context,
          'Value',
          `must be two numbers like '50 to 1000', got ${isBlankCell(valueCell) ? 'nothing' : `'${text(valueCell)}'`}`,
        );
      }
      break;
    }
  }
  return condition;
}

function named(kind: string, id: string): string {
  return id.trim() === '' ? kind : `${kind} '${id}'`;
}

function buildModel(
  sections: Section[],
  reader: SheetReader,
): { raw: Record<string, unknown>; asOf: Date | null; loc: Locations } {
  const byKey = new Map(sections.map((s) => [s.key, s]));
  const keyValues = (key: SectionKey, keys: readonly string[]): Map<string, SheetRow> => {
    const section = byKey.get(key);
    return section ? readKeyValues(section, keys, reader) : new Map();
  };
  const tableRows = (key: TableKey): TableRow[] => {
    const section = byKey.get(key);
    return section ? readTable(section, key, reader) : [];
  };
  const loc: Locations = {
    settings: keyValues('settings', SETTINGS),
    quadrants: keyValues('quadrants', QUADRANT_KEYS),
    missing: keyValues('missing', MISSING_KEYS),
    sections: byKey,
    groups: [],
    rules: new Map(),
    disqualifiers: [],
    steps: [],
    bands: [],
    grades: [],
    synonyms: new Map(),
  };
  const raw: Record<string, unknown> = {};
  let asOf: Date | null = null;

  // Settings
  const setting = (key: string): unknown => settingValue(loc.settings, key);
  const settingIssue = (key: string, message: string): void => {
    reader.add(loc.settings.get(key)?.row ?? 0, '', key, message);
  };
  const version = setting('Schema version');
  raw.schemaVersion = version === undefined ? 1 : numberCell(version);
  put(raw, 'name', optionalText(setting('Model name')));
  put(raw, 'description', optionalText(setting('Description')));
  const scale: Record<string, unknown> = {};
  put(scale, 'min', numberCell(setting('Scale min')));
  put(scale, 'max', numberCell(setting('Scale max')));
  raw.scale = scale;
  const asOfCell = setting('As of');
  if (asOfCell !== undefined) {
    if (isDateValue(asOfCell)) asOf = asOfCell;
    else if (typeof asOfCell === 'string' && /^\s*\d{4}-\d{2}-\d{2}/.test(asOfCell)) {
      const parsed = new Date(asOfCell.trim());
      if (Number.isNaN(parsed.getTime())) settingIssue('As of', 'is not a date');
      else asOf = parsed;
    } else settingIssue('As of', `must be a date, got '${text(asOfCell)}'`);
  }
  const listSetting = (key: string): unknown => {
    const cell = setting(key);
    return cell === undefined ? undefined : listCell(cell);
  };
  put(raw, 'missingTokens', listSetting('Missing tokens'));
  put(raw, 'personalDomains', listSetting('Personal domains'));
  const dqSetting = (field: StyleField): unknown => setting(DQ_SETTINGS[field]);
  if (STYLE_FIELDS.some((field) => dqSetting(field) !== undefined))
    raw.disqualifiedBand = bandStyle(dqSetting);

  // Groups and rules
  const groups = tableRows('groups').map((r) => {
    const id = text(r.get('Group id'));
    const group = readFields(r, GROUP_FIELDS);
    if (group.name === undefined) group.name = id;
    group.rules = [];
    loc.groups.push({ row: r.row, context: named('group', id), id });
    return group;
  });
  raw.groups = groups;
  for (const r of tableRows('rules')) {
    const context = named('rule', text(r.get('Rule id')));
    const groupName = text(r.get('Group')).trim();
    let groupIndex = loc.groups.findIndex((g) => g.id === groupName);
    if (groupIndex < 0)
      groupIndex = loc.groups.findIndex((g) => g.id.trim().toLowerCase() === groupName.toLowerCase());
    const group = groups[groupIndex];
    if (!group) {
      reader.add(
        r.row,
        context,
        'Group',
        groupName === ''
          ? 'is empty: name a group from the [Groups] section'
          : `no group '${groupName}' in the [Groups] section`,
      );
      continue;
    }
    const rule = readFields(r, RULE_FIELDS);
    put(rule, 'condition', conditionFromCells(r, context, reader));
    const list = group.rules as Record<string, unknown>[];
    loc.rules.set(`${groupIndex}/${list.length}`, { row: r.row, context });
    list.push(rule);
  }

  // Disqualifiers
  raw.disqualifiers = tableRows('disqualifiers').map((r) => {
    const context = named('disqualifier', text(r.get('Disqualifier id')));
    const disqualifier = readFields(r, DQ_FIELDS);
    put(disqualifier, 'condition', conditionFromCells(r, context, reader));
    loc.disqualifiers.push({ row: r.row, context });
    return disqualifier;
  });

  // Decay: the column and half-life are settings, the steps a table.
  const decayColumn = setting('Decay date column');
  const halfLife = setting('Decay half-life days');
  const steps = tableRows('decay').map((r, index) => {
    loc.steps.push({ row: r.row, context: `decay step ${index + 1}` });
    return readFields(r, STEP_FIELDS);
  });
  if (halfLife !== undefined) {
    raw.decay = { mode: 'halfLife', halfLifeDays: numberCell(halfLife) };
    if (steps.length > 0) {
      settingIssue(
        'Decay half-life days',
        `use either a half-life or the [Decay] steps, not both (clear one)`,
      );
    }
  } else if (decayColumn !== undefined || steps.length > 0) raw.decay = { mode: 'steps', steps };
  if (raw.decay && decayColumn !== undefined)
    (raw.decay as Record<string, unknown>).column = text(decayColumn);

  // Bands and grades
  raw.bands = tableRows('bands').map((r) => {
    loc.bands.push({ row: r.row, context: named('band', text(r.get('Band'))) });
    return readFields(r, BAND_FIELDS);
  });
  const grades = tableRows('grades').map((r) => {
    loc.grades.push({ row: r.row, context: named('grade', text(r.get('Grade'))) });
    return readFields(r, GRADE_FIELDS);
  });
  if (grades.length > 0) raw.grades = grades;

  // Quadrants and missing data: key/value sections, absent when every value is blank.
  const quadrant = (key: string): unknown => settingValue(loc.quadrants, key);
  if (QUADRANT_KEYS.some((key) => quadrant(key) !== undefined)) {
    const labels: Record<string, unknown> = {};
    QUADRANT_LABELS.forEach((label, i) => {
      put(labels, label, optionalText(quadrant(QUADRANT_KEYS[i + 2] ?? '')));
    });
    const quadrants: Record<string, unknown> = { labels };
    put(quadrants, 'fitThreshold', numberCell(quadrant('Fit threshold')));
    put(quadrants, 'intentThreshold', numberCell(quadrant('Intent threshold')));
    raw.quadrants = quadrants;
  }
  const missing = (key: string): unknown => settingValue(loc.missing, key);
  if (MISSING_KEYS.some((key) => missing(key) !== undefined)) {
    const policy: Record<string, unknown> = { band: bandStyle((field) => missing(STYLE_KEYS[field])) };
    put(policy, 'minFitFilled', numberCell(missing('Min fit filled'), true));
    raw.missingData = policy;
  }

  // Column synonyms
  const synonyms: Record<string, unknown> = {};
  for (const r of tableRows('synonyms')) {
    const column = text(r.get('Column'));
    const first = loc.synonyms.get(column);
    if (first !== undefined) {
      reader.add(r.row, `column '${column}'`, 'Column', `is listed twice (first at row ${first})`);
      continue;
    }
    loc.synonyms.set(column, r.row);
    Object.defineProperty(synonyms, column, {
      value: listCell(r.get('Also known as')),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  if (Object.keys(synonyms).length > 0) raw.columnSynonyms = synonyms;
  return { raw, asOf, loc };
}

// ---------------------------------------------------------------------------------------------
// Mapping validation issues (paths in the JSON form) back to sheet rows and headers

const TOP_SETTINGS: Record<string, string> = {
  schemaVersion: 'Schema version',
  name: 'Model name',
  description: 'Description',
  missingTokens: 'Missing tokens',
  personalDomains: 'Personal domains',
};

/** The column of the field at path[at]: its header, or Condition or Value for part of a condition. */
function fieldHeader(fields: Fields, path: IssuePath, at: number): string {
  const field = path[at];
  if (field === 'condition')
    return path[at + 1] === 'op' || path[at + 1] === undefined ? 'Condition' : 'Value';
  return typeof field === 'string' ? (fields.find(([name]) => name === field)?.[1] ?? field) : '';
}

function locate(path: IssuePath, loc: Locations): Located | undefined {
  const [top, a, b, c] = path;
  const found = (row: number | undefined, context: string, header: string): Located | undefined =>
    row === undefined ? undefined : { row, context, header };
  const settingAt = (key: string): Located | undefined => found(loc.settings.get(key)?.row, '', key);
  const sectionAt = (key: SectionKey, header: string): Located | undefined =>
    found(loc.sections.get(key)?.titleRow, `[${TITLES[key]}]`, header);
  const itemAt = (item: ItemRow | undefined, header: string): Located | undefined =>
    item && { row: item.row, context: item.context, header };
  if (typeof top !== 'string') return undefined;
  if (top in TOP_SETTINGS) return settingAt(TOP_SETTINGS[top] ?? '');
  if (top === 'scale') return settingAt(a === 'min' ? 'Scale min' : 'Scale max');
  if (top === 'disqualifiedBand')
    return settingAt(a === 'colour' || a === 'action' || a === 'stage' ? DQ_SETTINGS[a] : DQ_SETTINGS.name);
  if (top === 'groups' && typeof a === 'number') {
    if (b === 'rules' && typeof c === 'number')
      return itemAt(loc.rules.get(`${a}/${c}`), fieldHeader(RULE_FIELDS, path, 4));
    return itemAt(loc.groups[a], b === 'rules' ? '' : fieldHeader(GROUP_FIELDS, path, 2));
  }
  if (top === 'disqualifiers' && typeof a === 'number')
    return itemAt(loc.disqualifiers[a], fieldHeader(DQ_FIELDS, path, 2));
  if (top === 'decay') {
    if (a === 'steps' && typeof b === 'number')
      return itemAt(loc.steps[b], c === 'afterDays' ? 'After days' : 'Points');
    if (a === 'halfLifeDays') return settingAt('Decay half-life days');
    if (a === 'steps') return sectionAt('decay', 'steps') ?? settingAt('Decay date column');
    return settingAt('Decay date column');
  }
  if (top === 'bands')
    return typeof a === 'number'
      ? itemAt(loc.bands[a], fieldHeader(BAND_FIELDS, path, 2))
      : sectionAt('bands', '');
  if (top === 'grades' && typeof a === 'number')
    return itemAt(loc.grades[a], b === 'minFit' ? 'Min fit' : 'Grade');
  if (top === 'quadrants') {
    const key =
      a === 'fitThreshold'
        ? 'Fit threshold'
        : a === 'intentThreshold'
          ? 'Intent threshold'
          : (QUADRANT_KEYS[QUADRANT_LABELS.indexOf(b as (typeof QUADRANT_LABELS)[number]) + 2] ?? '');
    return found(loc.quadrants.get(key)?.row ?? loc.sections.get('quadrants')?.titleRow, 'Quadrants', key);
  }
  if (top === 'missingData') {
    const key =
      a === 'minFitFilled'
        ? 'Min fit filled'
        : ((typeof b === 'string' ? STYLE_KEYS[b as StyleField] : undefined) ?? 'Band');
    return found(loc.missing.get(key)?.row ?? loc.sections.get('missing')?.titleRow, 'Missing data', key);
  }
  if (top === 'columnSynonyms' && typeof a === 'string')
    return found(loc.synonyms.get(a), `column '${a}'`, 'Also known as');
  return undefined;
}

/**
 * Reads a rules sheet (tolerant of hand edits: header case, section order, blank rows, extra columns,
 * yes/no booleans) and validates the model. Issues name sheet rows (1-based) and column headers.
 */
export function rulesSheetToModel(values: readonly (readonly unknown[])[]): RulesSheetResult {
  const reader = new SheetReader();
  const sections = splitSections(values, reader);
  const { raw, asOf, loc } = buildModel(sections, reader);
  const validated = validateModelDetailed(raw);
  if (validated.ok && reader.issues.length === 0) return { ok: true, model: validated.model, asOf };

  const issues = [...reader.issues];
  const taken = new Set(issues.map((issue) => issue.where));
  if (!validated.ok) {
    for (const issue of validated.issues) {
      const found = locate(issue.path, loc);
      const where = found ? place(found.row, found.context, found.header) : `rules sheet › ${issue.where}`;
      // The sheet reader already explained this cell (e.g. an unreadable range); don't say it twice.
      if (taken.has(where)) continue;
      taken.add(where);
      issues.push({ row: found?.row ?? Number.MAX_SAFE_INTEGER, where, message: issue.message });
    }
  }
  issues.sort((x, y) => x.row - y.row);
  return { ok: false, issues: issues.map(({ where, message }) => ({ where, message })) };
}
