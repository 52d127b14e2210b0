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
    if (text.charAt(i) === '"') {
      i++;
      let item = '';
      while (i < n) {
        const ch = text.charAt(i);
        if (ch === '"') {
          if (text.charAt(i + 1) === '"') {
            item += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        item += ch;
        i++;
      }
      // Text after a closing quote (a hand-typed '"Acme" Inc') is kept rather than lost.
      let rest = '';
      while (i < n && text.charAt(i) !== ',') rest += text.charAt(i++);
      items.push(rest.trim() === '' ? item : `${item}${rest.trimEnd()}`);
    } else {
      let item = '';
      while (i < n && text.charAt(i) !== ',') item += text.charAt(i++);
      if (item.trim() !== '') items.push(item.trim());
    }
    i++; // the comma (or past the end)
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

/** Headers a table cannot do without; the others may be left out of a hand-made sheet. */
const REQUIRED: Record<TableKey, readonly string[]> = {
  groups: ['Group id', 'Kind'],
  rules: ['Group', 'Rule id', 'Column', 'Condition', 'Points'],
  disqualifiers: ['Disqualifier id', 'Column', 'Condition'],
  decay: ['After days', 'Points'],
  bands: ['Band', 'Min score'],
  grades: ['Grade', 'Min fit'],
  synonyms: ['Column', 'Also known as'],
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
      return condition.value;
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

function conditionLabel(condition: Condition): string {
  return findCondition(condition.op)?.label ?? condition.op;
}

/**
 * The model as the rules sheet's cells, every section present (empty ones keep their header so a
 * person sees where to add rows). `asOf` fills the "As of" setting that formulas and decay count from.
 */
export function modelToRulesSheet(model: ScoringModel, asOf: Date | null = null): SheetCell[][] {
  const rows: SheetCell[][] = [];
  const section = (key: SectionKey, header: readonly string[], body: SheetCell[][]): void => {
    if (rows.length > 0) rows.push([]);
    rows.push([`[${TITLES[key]}]`]);
    rows.push([...header]);
    rows.push(...body);
  };
  const dq = model.disqualifiedBand;
  const decay = model.decay;
  section(
    'settings',
    ['Setting', 'Value'],
    [
      ['Model name', model.name],
      ['Description', model.description ?? ''],
      ['Schema version', model.schemaVersion],
      ['Scale min', model.scale.min],
      ['Scale max', model.scale.max],
      ['As of', asOf ?? ''],
      ['Missing tokens', formatList(model.missingTokens ?? [])],
      ['Personal domains', formatList(model.personalDomains ?? [])],
      ['Disqualified band', dq.name],
      ['Disqualified colour', dq.colour],
      ['Disqualified action', dq.action],
      ['Disqualified stage', dq.stage ?? ''],
      ['Decay date column', decay?.column ?? ''],
      ['Decay half-life days', decay?.mode === 'halfLife' ? decay.halfLifeDays : ''],
    ],
  );
  section(
    'groups',
    HEADERS.groups,
    model.groups.map((g) => [g.id, g.name, g.kind, g.cap ?? '', g.floor ?? '']),
  );
  section(
    'rules',
    HEADERS.rules,
    model.groups.flatMap((g) =>
      g.rules.map((r) => [
        g.id,
        r.id,
        r.column,
        conditionLabel(r.condition),
        conditionValue(r.condition),
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
    HEADERS.disqualifiers,
    model.disqualifiers.map((d) => [
      d.id,
      d.column,
      conditionLabel(d.condition),
      conditionValue(d.condition),
      d.reason,
      d.enabled,
    ]),
  );
  section(
    'decay',
    HEADERS.decay,
    decay?.mode === 'steps' ? decay.steps.map((s) => [s.afterDays, s.points]) : [],
  );
  section(
    'bands',
    HEADERS.bands,
    model.bands.map((b) => [b.name, b.min, b.colour, b.action, b.stage ?? '']),
  );
  section(
    'grades',
    HEADERS.grades,
    (model.grades ?? []).map((g) => [g.grade, g.minFit]),
  );
  const q = model.quadrants;
  section(
    'quadrants',
    ['Setting', 'Value'],
    [
      ['Fit threshold', q?.fitThreshold ?? ''],
      ['Intent threshold', q?.intentThreshold ?? ''],
      ...QUADRANT_LABELS.map((key, i): SheetCell[] => [QUADRANT_KEYS[i + 2] ?? key, q?.labels[key] ?? '']),
    ],
  );
  const m = model.missingData;
  section(
    'missing',
    ['Setting', 'Value'],
    [
      ['Min fit filled', m?.minFitFilled ?? ''],
      ['Band', m?.band.name ?? ''],
      ['Colour', m?.band.colour ?? ''],
      ['Action', m?.band.action ?? ''],
      ['Stage', m?.band.stage ?? ''],
    ],
  );
  section(
    'synonyms',
    HEADERS.synonyms,
    Object.entries(model.columnSynonyms ?? {}).map(([column, names]) => [column, formatList(names)]),
  );
  return rows.map((row) => [...row, ...Array<SheetCell>(Math.max(0, WIDTH - row.length)).fill('')]);
}

// ---------------------------------------------------------------------------------------------
// Reading cells tolerantly (hand edits), leaving what cannot be read for validation to report

function isBlankCell(cell: unknown): boolean {
  return cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === '');
}

/** Cross-realm: Sheets values reach the engine from another JavaScript realm under gas-local and Apps Script. */
function isDate(cell: unknown): cell is Date {
  return isDateValue(cell);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** A date typed into a text field (Sheets turns "2024-05-01" into a date) reads back as that text. */
function isoDate(date: Date): string {
  return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
}

function text(cell: unknown): string {
  if (cell === undefined || cell === null) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (isDate(cell)) return isoDate(cell);
  return String(cell);
}

const NUMERIC = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/i;
const GROUPED = /^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/** Numbers typed as text ("10", "1,000", "25%" where a share is meant) become numbers; the rest is left raw. */
function numberCell(cell: unknown, percent = false): unknown {
  if (isBlankCell(cell)) return undefined;
  if (typeof cell !== 'string') return cell;
  const t = cell.trim();
  if (NUMERIC.test(t)) return Number(t);
  if (GROUPED.test(t)) return Number(t.replace(/,/g, ''));
  if (percent && /%$/.test(t) && NUMERIC.test(t.slice(0, -1).trim()))
    return Number(t.slice(0, -1).trim()) / 100;
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

/** Adds a field only when the cell held something, so validation sees "missing" vs "wrong". */
function put(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) obj[key] = value;
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
      const found = titles.find(([, name]) => norm(name) === norm(title));
      if (!found) {
        const suggestion = closest(title, Object.values(TITLES));
        reader.add(
          row,
          '',
          '',
          `unknown section '[${title}]'${suggestion ? ` (did you mean '[${suggestion}]'?)` : ''}; its rows are ignored`,
        );
        current = null;
        return;
      }
      const duplicate = sections.find((s) => s.key === found[0]);
      if (duplicate) {
        reader.add(
          row,
          '',
          '',
          `the [${found[1]}] section appears twice (first at row ${duplicate.titleRow})`,
        );
        current = null;
        return;
      }
      current = { key: found[0], titleRow: row, rows: [] };
      sections.push(current);
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
  for (const header of REQUIRED[key]) {
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

// ---------------------------------------------------------------------------------------------
// Building the JSON form with a map back to rows

interface Locations {
  settings: Map<string, number>;
  quadrants: Map<string, number>;
  missing: Map<string, number>;
  sections: Map<SectionKey, number>;
  groups: { row: number; id: string }[];
  rules: Map<string, { row: number; id: string }>;
  disqualifiers: { row: number; id: string }[];
  steps: number[];
  bands: { row: number; name: string }[];
  grades: { row: number; grade: string }[];
  synonyms: Map<string, number>;
}

function conditionFromCells(
  conditionCell: unknown,
  valueCell: unknown,
  row: number,
  context: string,
  reader: SheetReader,
): Record<string, unknown> | undefined {
  if (isBlankCell(conditionCell)) return isBlankCell(valueCell) ? undefined : {};
  const name = text(conditionCell);
  const info = findCondition(name);
  // An unknown condition goes to validation as typed, which names it and suggests the closest one.
  if (!info) return { op: name };
  const condition: Record<string, unknown> = { op: info.op };
  switch (info.params) {
    case 'none':
      if (!isBlankCell(valueCell))
        reader.add(row, context, 'Value', `'${info.label}' takes no value; clear this cell`);
      break;
    case 'value':
      if (!isBlankCell(valueCell)) condition.value = isDate(valueCell) ? isoDate(valueCell) : valueCell;
      break;
    case 'number':
      put(condition, 'value', numberCell(valueCell));
      break;
    case 'days':
      put(condition, 'days', numberCell(valueCell));
      break;
    case 'list':
      condition.values = isBlankCell(valueCell)
        ? []
        : typeof valueCell === 'string'
          ? parseList(valueCell)
          : [text(valueCell)];
      break;
    case 'range': {
      const range = typeof valueCell === 'string' ? parseRange(valueCell) : null;
      if (range) Object.assign(condition, range);
      else {
        reader.add(
          row,
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
  const loc: Locations = {
    settings: new Map(),
    quadrants: new Map(),
    missing: new Map(),
    sections: new Map(sections.map((s) => [s.key, s.titleRow])),
    groups: [],
    rules: new Map(),
    disqualifiers: [],
    steps: [],
    bands: [],
    grades: [],
    synonyms: new Map(),
  };
  const byKey = new Map(sections.map((s) => [s.key, s]));
  const raw: Record<string, unknown> = {};
  let asOf: Date | null = null;

  // Settings
  const settingsSection = byKey.get('settings');
  const settings = settingsSection
    ? readKeyValues(settingsSection, SETTINGS, reader)
    : new Map<string, SheetRow>();
  const setting = (key: string): unknown => {
    const entry = settings.get(key);
    if (entry) loc.settings.set(key, entry.row);
    const value = entry?.cells[1];
    return isBlankCell(value) ? undefined : value;
  };
  const version = setting('Schema version');
  raw.schemaVersion = version === undefined ? 1 : numberCell(version);
  put(raw, 'name', setting('Model name') === undefined ? undefined : text(setting('Model name')));
  const description = setting('Description');
  if (description !== undefined) raw.description = text(description);
  const scaleMin = numberCell(setting('Scale min'));
  const scaleMax = numberCell(setting('Scale max'));
  raw.scale = {};
  put(raw.scale as Record<string, unknown>, 'min', scaleMin);
  put(raw.scale as Record<string, unknown>, 'max', scaleMax);
  const asOfCell = setting('As of');
  if (asOfCell !== undefined) {
    if (isDate(asOfCell)) asOf = asOfCell;
    else if (typeof asOfCell === 'string' && /^\s*\d{4}-\d{2}-\d{2}/.test(asOfCell)) {
      const parsed = new Date(asOfCell.trim());
      if (Number.isNaN(parsed.getTime()))
        reader.add(loc.settings.get('As of') ?? 0, '', 'As of', 'is not a date');
      else asOf = parsed;
    } else {
      reader.add(loc.settings.get('As of') ?? 0, '', 'As of', `must be a date, got '${text(asOfCell)}'`);
    }
  }
  const listSetting = (key: string): unknown => {
    const cell = setting(key);
    if (cell === undefined) return undefined;
    return typeof cell === 'string' ? parseList(cell) : [text(cell)];
  };
  put(raw, 'missingTokens', listSetting('Missing tokens'));
  put(raw, 'personalDomains', listSetting('Personal domains'));
  const dqName = setting('Disqualified band');
  const dqColour = setting('Disqualified colour');
  const dqAction = setting('Disqualified action');
  const dqStage = setting('Disqualified stage');
  if ([dqName, dqColour, dqAction, dqStage].some((v) => v !== undefined)) {
    raw.disqualifiedBand = {
      name: text(dqName),
      colour: text(dqColour),
      action: text(dqAction),
      ...(dqStage === undefined ? {} : { stage: text(dqStage) }),
    };
  }

  // Groups and rules
  const groups: Record<string, unknown>[] = [];
  const groupsSection = byKey.get('groups');
  if (groupsSection) {
    for (const r of readTable(groupsSection, 'groups', reader)) {
      const id = text(r.get('Group id'));
      const group: Record<string, unknown> = { id, rules: [] };
      group.name = isBlankCell(r.get('Name')) ? id : text(r.get('Name'));
      const kind = r.get('Kind');
      if (!isBlankCell(kind)) {
        const k = norm(text(kind));
        group.kind =
          k === 'fit'
            ? 'fit'
            : ['intent', 'behaviour', 'behavior', 'engagement'].includes(k)
              ? 'intent'
              : text(kind);
      }
      put(group, 'cap', numberCell(r.get('Cap')));
      put(group, 'floor', numberCell(r.get('Floor')));
      groups.push(group);
      loc.groups.push({ row: r.row, id });
    }
  }
  raw.groups = groups;
  const rulesSection = byKey.get('rules');
  if (rulesSection) {
    for (const r of readTable(rulesSection, 'rules', reader)) {
      const id = text(r.get('Rule id'));
      const context = named('rule', id);
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
      const rule: Record<string, unknown> = { id };
      put(rule, 'column', isBlankCell(r.get('Column')) ? undefined : text(r.get('Column')));
      put(rule, 'condition', conditionFromCells(r.get('Condition'), r.get('Value'), r.row, context, reader));
      put(rule, 'points', numberCell(r.get('Points')));
      put(rule, 'perUnit', booleanCell(r.get('Per unit')));
      put(rule, 'maxPoints', numberCell(r.get('Max points')));
      put(rule, 'label', isBlankCell(r.get('Label')) ? undefined : text(r.get('Label')));
      put(rule, 'enabled', booleanCell(r.get('Enabled')));
      const list = group.rules as Record<string, unknown>[];
      loc.rules.set(`${groupIndex}/${list.length}`, { row: r.row, id });
      list.push(rule);
    }
  }

  // Disqualifiers
  const disqualifiers: Record<string, unknown>[] = [];
  const dqSection = byKey.get('disqualifiers');
  if (dqSection) {
    for (const r of readTable(dqSection, 'disqualifiers', reader)) {
      const id = text(r.get('Disqualifier id'));
      const d: Record<string, unknown> = { id };
      put(d, 'column', isBlankCell(r.get('Column')) ? undefined : text(r.get('Column')));
      put(
        d,
        'condition',
        conditionFromCells(r.get('Condition'), r.get('Value'), r.row, named('disqualifier', id), reader),
      );
      put(d, 'reason', isBlankCell(r.get('Reason')) ? undefined : text(r.get('Reason')));
      put(d, 'enabled', booleanCell(r.get('Enabled')));
      disqualifiers.push(d);
      loc.disqualifiers.push({ row: r.row, id });
    }
  }
  raw.disqualifiers = disqualifiers;

  // Decay: the column and half-life are settings, the steps a table.
  const decayColumn = setting('Decay date column');
  const halfLife = setting('Decay half-life days');
  const steps: Record<string, unknown>[] = [];
  const decaySection = byKey.get('decay');
  if (decaySection) {
    for (const r of readTable(decaySection, 'decay', reader)) {
      const step: Record<string, unknown> = {};
      put(step, 'afterDays', numberCell(r.get('After days')));
      put(step, 'points', numberCell(r.get('Points')));
      steps.push(step);
      loc.steps.push(r.row);
    }
  }
  if (halfLife !== undefined) {
    raw.decay = { mode: 'halfLife', halfLifeDays: numberCell(halfLife) };
    if (steps.length > 0) {
      reader.add(
        loc.settings.get('Decay half-life days') ?? 0,
        '',
        'Decay half-life days',
        `use either a half-life or the [Decay] steps, not both (clear one)`,
      );
    }
  } else if (decayColumn !== undefined || steps.length > 0) raw.decay = { mode: 'steps', steps };
  if (raw.decay && decayColumn !== undefined)
    (raw.decay as Record<string, unknown>).column = text(decayColumn);

  // Bands and grades
  const bands: Record<string, unknown>[] = [];
  const bandsSection = byKey.get('bands');
  if (bandsSection) {
    for (const r of readTable(bandsSection, 'bands', reader)) {
      const name = text(r.get('Band'));
      const band: Record<string, unknown> = {
        name,
        colour: text(r.get('Colour')),
        action: text(r.get('Action')),
      };
      put(band, 'min', numberCell(r.get('Min score')));
      if (!isBlankCell(r.get('Stage'))) band.stage = text(r.get('Stage'));
      bands.push(band);
      loc.bands.push({ row: r.row, name });
    }
  }
  raw.bands = bands;
  const gradesSection = byKey.get('grades');
  if (gradesSection) {
    const grades = readTable(gradesSection, 'grades', reader).map((r) => {
      const grade = text(r.get('Grade'));
      loc.grades.push({ row: r.row, grade });
      const out: Record<string, unknown> = { grade };
      put(out, 'minFit', numberCell(r.get('Min fit')));
      return out;
    });
    if (grades.length > 0) raw.grades = grades;
  }

  // Quadrants and missing data: key/value sections, absent when every value is blank.
  const kv = (key: SectionKey, keys: readonly string[], into: Map<string, number>): Map<string, unknown> => {
    const section = byKey.get(key);
    const out = new Map<string, unknown>();
    if (!section) return out;
    for (const [k, entry] of readKeyValues(section, keys, reader)) {
      into.set(k, entry.row);
      if (!isBlankCell(entry.cells[1])) out.set(k, entry.cells[1]);
    }
    return out;
  };
  const q = kv('quadrants', QUADRANT_KEYS, loc.quadrants);
  if (q.size > 0) {
    const labels: Record<string, unknown> = {};
    QUADRANT_LABELS.forEach((label, i) => {
      const cell = q.get(QUADRANT_KEYS[i + 2] ?? '');
      put(labels, label, cell === undefined ? undefined : text(cell));
    });
    const quadrants: Record<string, unknown> = { labels };
    put(quadrants, 'fitThreshold', numberCell(q.get('Fit threshold')));
    put(quadrants, 'intentThreshold', numberCell(q.get('Intent threshold')));
    raw.quadrants = quadrants;
  }
  const m = kv('missing', MISSING_KEYS, loc.missing);
  if (m.size > 0) {
    const band: Record<string, unknown> = {
      name: text(m.get('Band')),
      colour: text(m.get('Colour')),
      action: text(m.get('Action')),
    };
    if (m.has('Stage')) band.stage = text(m.get('Stage'));
    const missing: Record<string, unknown> = { band };
    put(missing, 'minFitFilled', numberCell(m.get('Min fit filled'), true));
    raw.missingData = missing;
  }

  // Column synonyms
  const synSection = byKey.get('synonyms');
  if (synSection) {
    const synonyms: Record<string, unknown> = {};
    for (const r of readTable(synSection, 'synonyms', reader)) {
      const column = text(r.get('Column'));
      const first = loc.synonyms.get(column);
      if (first !== undefined) {
        reader.add(r.row, `column '${column}'`, 'Column', `is listed twice (first at row ${first})`);
        continue;
      }
      loc.synonyms.set(column, r.row);
      const cell = r.get('Also known as');
      const names = isBlankCell(cell) ? [] : typeof cell === 'string' ? parseList(cell) : [text(cell)];
      Object.defineProperty(synonyms, column, {
        value: names,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    if (Object.keys(synonyms).length > 0) raw.columnSynonyms = synonyms;
  }
  return { raw, asOf, loc };
}

// ---------------------------------------------------------------------------------------------
// Mapping validation issues (paths in the JSON form) back to sheet rows and headers

const RULE_HEADERS: Record<string, string> = {
  id: 'Rule id',
  column: 'Column',
  points: 'Points',
  perUnit: 'Per unit',
  maxPoints: 'Max points',
  label: 'Label',
  enabled: 'Enabled',
};
const DQ_HEADERS: Record<string, string> = {
  id: 'Disqualifier id',
  column: 'Column',
  reason: 'Reason',
  enabled: 'Enabled',
};
const GROUP_HEADERS: Record<string, string> = {
  id: 'Group id',
  name: 'Name',
  kind: 'Kind',
  cap: 'Cap',
  floor: 'Floor',
};
const BAND_HEADERS: Record<string, string> = {
  name: 'Band',
  min: 'Min score',
  colour: 'Colour',
  action: 'Action',
  stage: 'Stage',
};
const STYLE_KEYS: Record<string, string> = {
  name: 'Band',
  colour: 'Colour',
  action: 'Action',
  stage: 'Stage',
};
const TOP_SETTINGS: Record<string, string> = {
  schemaVersion: 'Schema version',
  name: 'Model name',
  description: 'Description',
  missingTokens: 'Missing tokens',
  personalDomains: 'Personal domains',
};

function conditionHeader(path: IssuePath, at: number): string {
  return path[at] === 'op' || path[at] === undefined ? 'Condition' : 'Value';
}

function locate(path: IssuePath, loc: Locations): Located | undefined {
  const [top, a, b, c, d] = path;
  const settingAt = (key: string): Located | undefined => {
    const row = loc.settings.get(key);
    return row === undefined ? undefined : { row, context: '', header: key };
  };
  const sectionAt = (key: SectionKey, header: string): Located | undefined => {
    const row = loc.sections.get(key);
    return row === undefined ? undefined : { row, context: `[${TITLES[key]}]`, header };
  };
  if (typeof top !== 'string') return undefined;
  if (top in TOP_SETTINGS) return settingAt(TOP_SETTINGS[top] ?? '');
  if (top === 'scale') return settingAt(a === 'min' ? 'Scale min' : 'Scale max');
  if (top === 'disqualifiedBand') {
    return settingAt(
      a === 'colour'
        ? 'Disqualified colour'
        : a === 'action'
          ? 'Disqualified action'
          : a === 'stage'
            ? 'Disqualified stage'
            : 'Disqualified band',
    );
  }
  if (top === 'groups' && typeof a === 'number') {
    if (b === 'rules' && typeof c === 'number') {
      const rule = loc.rules.get(`${a}/${c}`);
      if (!rule) return undefined;
      const header =
        d === 'condition' ? conditionHeader(path, 5) : typeof d === 'string' ? (RULE_HEADERS[d] ?? d) : '';
      return { row: rule.row, context: named('rule', rule.id), header };
    }
    const group = loc.groups[a];
    if (!group) return undefined;
    const header = typeof b === 'string' ? (GROUP_HEADERS[b] ?? (b === 'rules' ? '' : b)) : '';
    return { row: group.row, context: named('group', group.id), header };
  }
  if (top === 'disqualifiers' && typeof a === 'number') {
    const dq = loc.disqualifiers[a];
    if (!dq) return undefined;
    const header =
      b === 'condition' ? conditionHeader(path, 3) : typeof b === 'string' ? (DQ_HEADERS[b] ?? b) : '';
    return { row: dq.row, context: named('disqualifier', dq.id), header };
  }
  if (top === 'decay') {
    if (a === 'steps' && typeof b === 'number') {
      const row = loc.steps[b];
      if (row === undefined) return undefined;
      return { row, context: `decay step ${b + 1}`, header: c === 'afterDays' ? 'After days' : 'Points' };
    }
    if (a === 'halfLifeDays') return settingAt('Decay half-life days');
    if (a === 'steps') return sectionAt('decay', 'steps') ?? settingAt('Decay date column');
    return settingAt('Decay date column');
  }
  if (top === 'bands') {
    if (typeof a === 'number') {
      const band = loc.bands[a];
      if (!band) return undefined;
      return {
        row: band.row,
        context: named('band', band.name),
        header: typeof b === 'string' ? (BAND_HEADERS[b] ?? b) : '',
      };
    }
    return sectionAt('bands', '');
  }
  if (top === 'grades' && typeof a === 'number') {
    const grade = loc.grades[a];
    if (!grade) return undefined;
    return {
      row: grade.row,
      context: named('grade', grade.grade),
      header: b === 'minFit' ? 'Min fit' : 'Grade',
    };
  }
  if (top === 'quadrants') {
    const key =
      a === 'fitThreshold'
        ? 'Fit threshold'
        : a === 'intentThreshold'
          ? 'Intent threshold'
          : (QUADRANT_KEYS[QUADRANT_LABELS.indexOf(b as (typeof QUADRANT_LABELS)[number]) + 2] ?? '');
    const row = loc.quadrants.get(key) ?? loc.sections.get('quadrants');
    return row === undefined ? undefined : { row, context: 'Quadrants', header: key };
  }
  if (top === 'missingData') {
    const key =
      a === 'minFitFilled' ? 'Min fit filled' : typeof b === 'string' ? (STYLE_KEYS[b] ?? 'Band') : 'Band';
    const row = loc.missing.get(key) ?? loc.sections.get('missing');
    return row === undefined ? undefined : { row, context: 'Missing data', header: key };
  }
  if (top === 'columnSynonyms' && typeof a === 'string') {
    const row = loc.synonyms.get(a);
    return row === undefined ? undefined : { row, context: `column '${a}'`, header: 'Also known as' };
  }
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
