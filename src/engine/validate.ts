// Model validation: turns unknown JSON into a complete ScoringModel or a list of issues naming rule and field.
import { CONDITIONS, type ConditionParams, findCondition } from './conditions';
import type {
  Band,
  BandStyle,
  Condition,
  ConditionOp,
  Decay,
  Disqualifier,
  Grade,
  Group,
  MissingDataPolicy,
  QuadrantSettings,
  Rule,
  Scalar,
  ScoringModel,
} from './model';
import { isDateValue } from './normalise';

/** One thing wrong with a model. `where` names a place a user can find; `message` says what is wrong. */
export interface ModelIssue {
  where: string;
  message: string;
}

export type ValidationResult = { ok: true; model: ScoringModel } | { ok: false; issues: ModelIssue[] };

/** Path of an issue inside the JSON form (["groups", 0, "rules", 2, "points"]); the rules sheet maps it to a row. */
export type IssuePath = readonly (string | number)[];

export interface LocatedIssue extends ModelIssue {
  path: IssuePath;
}

export type DetailedValidationResult =
  | { ok: true; model: ScoringModel }
  | { ok: false; issues: LocatedIssue[] };

/** The band disqualified leads get when the model names none. */
export const DEFAULT_DISQUALIFIED_BAND: BandStyle = {
  name: 'Disqualified',
  colour: '#d9d9d9',
  action: 'Do not contact',
};

export class InvalidModelError extends Error {
  readonly issues: readonly ModelIssue[];
  constructor(issues: readonly ModelIssue[]) {
    super(`Invalid scoring model: ${describeIssues(issues)}`);
    this.name = 'InvalidModelError';
    this.issues = issues;
  }
}

/** One line per issue, readable in a cell or a toast: "Rule 'demo' › points: must be a number, got 'ten'". */
export function describeIssues(issues: readonly ModelIssue[]): string {
  return issues
    .map((issue) => {
      const line = issue.where ? `${issue.where}: ${issue.message}` : issue.message;
      // Names and values come from user input; a newline in one must not split the line.
      const flat = line.replace(/[\r\n\t]+/g, ' ');
      return flat.charAt(0).toUpperCase() + flat.slice(1);
    })
    .join('\n');
}

export function validateModel(input: unknown): ValidationResult {
  const result = validateModelDetailed(input);
  if (result.ok) return result;
  return { ok: false, issues: result.issues.map(({ where, message }) => ({ where, message })) };
}

export function assertValidModel(input: unknown): ScoringModel {
  const result = validateModel(input);
  if (!result.ok) throw new InvalidModelError(result.issues);
  return result.model;
}

// ---------------------------------------------------------------------------------------------
// Places and messages

interface Place {
  path: IssuePath;
  where: string;
}

const ROOT: Place = { path: [], where: '' };

function at(place: Place, key: string | number, label: string = String(key)): Place {
  return { path: [...place.path, key], where: place.where ? `${place.where} › ${label}` : label };
}

function quote(text: string): string {
  let escaped = '';
  for (const ch of text) escaped += ch === '\n' ? '\\n' : isControl(ch) ? ' ' : ch;
  return escaped.length > 40 ? `'${escaped.slice(0, 37)}...'` : `'${escaped}'`;
}

/** How an unexpected value reads in a message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return value.trim() === '' ? 'a blank' : quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (isDateValue(value)) return 'a date';
  return 'an object';
}

/** Edit distance counting a swap of neighbours as one edit ("pionts"), for "did you mean" hints. */
function distance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (before[j - 2] ?? 0) + 1);
      current[j] = d;
    }
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The closest candidate within a third of its length, or undefined. */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase().trim();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined;
}

/** "is missing" when a value is absent, else what was expected and what came. */
function wrongType(value: unknown, expected: string): string {
  return value === undefined ? 'is missing' : `must be ${expected}, got ${describeValue(value)}`;
}

/** Like wrongType for a value with a few allowed choices, which a "missing" message names too. */
function notOneOf(value: unknown, choices: string): string {
  return value === undefined
    ? `is missing (use ${choices})`
    : `must be ${choices}, got ${describeValue(value)}`;
}

function hint(name: string, candidates: readonly string[]): string {
  const suggestion = closest(name, candidates);
  return suggestion ? ` (did you mean '${suggestion}'?)` : '';
}

// ---------------------------------------------------------------------------------------------
// The checker

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.prototype.toString.call(value) !== '[object Date]'
  );
}

function isControl(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}

function hasControl(text: string): boolean {
  for (const ch of text) if (isControl(ch)) return true;
  return false;
}

/** -0 and 0 are the same score, and a spreadsheet cannot hold -0. */
function canonicalNumber(value: number): number {
  return value === 0 ? 0 : value;
}

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;
const DOMAIN =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/i;

const MODEL_KEYS = [
  'schemaVersion',
  'name',
  'description',
  'scale',
  'groups',
  'disqualifiers',
  'disqualifiedBand',
  'decay',
  'bands',
  'grades',
  'quadrants',
  'missingData',
  'missingTokens',
  'personalDomains',
  'columnSynonyms',
];
const GROUP_KEYS = ['id', 'name', 'kind', 'cap', 'floor', 'rules'];
const RULE_KEYS = ['id', 'column', 'condition', 'points', 'perUnit', 'maxPoints', 'label', 'enabled'];
const DISQUALIFIER_KEYS = ['id', 'column', 'condition', 'reason', 'enabled'];
const BAND_STYLE_KEYS = ['name', 'colour', 'action', 'stage'];
const QUADRANT_LABEL_KEYS = [
  'highFitHighIntent',
  'highFitLowIntent',
  'lowFitHighIntent',
  'lowFitLowIntent',
] as const;
const PARAM_KEYS: Record<ConditionParams, readonly string[]> = {
  none: [],
  value: ['value'],
  number: ['value'],
  list: ['values'],
  range: ['min', 'max'],
  days: ['days'],
};

class Checker {
  readonly issues: LocatedIssue[] = [];

  add(place: Place, message: string): void {
    this.issues.push({ path: place.path, where: place.where, message });
  }

  /** Reports fields the model does not know, so a typo like "pionts" is never silently ignored. */
  knownKeys(obj: Obj, allowed: readonly string[], place: Place): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) this.add(at(place, key), `unknown field${hint(key, allowed)}`);
    }
  }

  object(value: unknown, place: Place): Obj | undefined {
    if (isObject(value)) return value;
    this.add(place, wrongType(value, 'an object'));
    return undefined;
  }

  item(value: unknown, place: Place): Obj | undefined {
    if (isObject(value)) return value;
    // A list item is there even when it holds nothing, so it is never "missing".
    this.add(place, `must be an object, got ${describeValue(value)}`);
    return undefined;
  }

  array(value: unknown, place: Place): unknown[] | undefined {
    if (Array.isArray(value)) return value;
    this.add(place, wrongType(value, 'a list'));
    return undefined;
  }

  string(value: unknown, place: Place): string {
    if (typeof value === 'string') return value;
    this.add(place, wrongType(value, 'text'));
    return '';
  }

  nonEmptyString(value: unknown, place: Place): string {
    const text = this.string(value, place);
    if (typeof value === 'string' && text.trim() === '') this.add(place, 'must not be empty');
    return text;
  }

  id(value: unknown, place: Place): string {
    const id = this.nonEmptyString(value, place);
    if (id.trim() === '') return id;
    if (hasControl(id)) this.add(place, 'must not contain control characters (line breaks, tabs)');
    else if (id.trim() !== id) this.add(place, 'must not start or end with a space');
    return id;
  }

  number(value: unknown, place: Place): number {
    if (typeof value !== 'number') {
      this.add(place, wrongType(value, 'a number'));
      return 0;
    }
    if (!Number.isFinite(value)) {
      this.add(place, `must be a finite number, got ${String(value)}`);
      return 0;
    }
    return canonicalNumber(value);
  }

  optionalNumber(value: unknown, place: Place): number | undefined {
    return value === undefined ? undefined : this.number(value, place);
  }

  positiveNumber(value: unknown, place: Place): number {
    const number = this.number(value, place);
    // A non-finite number is reported by number() and read as 0, so it is reported here too.
    if (typeof value === 'number' && number <= 0) this.add(place, `must be more than 0, got ${number}`);
    return number;
  }

  boolean(value: unknown, place: Place, fallback: boolean): boolean {
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    this.add(place, `must be true or false, got ${describeValue(value)}`);
    return fallback;
  }

  stringList(value: unknown, place: Place, check?: (item: string, itemPlace: Place) => void): string[] {
    const list = this.array(value, place);
    if (!list) return [];
    return list.map((item, index) => {
      const itemPlace = at(place, index, `item ${index + 1}`);
      const text = this.nonEmptyString(item, itemPlace);
      if (text.trim() !== '' && check) check(text, itemPlace);
      return text;
    });
  }
}

function conditionSuggestion(op: string): string {
  const candidates = [...CONDITIONS.map((info) => info.op), ...CONDITIONS.map((info) => info.label)];
  return hint(op, candidates);
}

function checkCondition(c: Checker, value: unknown, place: Place): Condition | undefined {
  const obj = c.object(value, place);
  if (!obj) return undefined;
  const opPlace = at(place, 'op');
  if (typeof obj.op !== 'string') {
    c.add(opPlace, wrongType(obj.op, 'text'));
    return undefined;
  }
  // JSON is strict: the op must be spelled exactly; the rules sheet maps labels to ops before this.
  const info = CONDITIONS.find((entry) => entry.op === obj.op);
  if (!info) {
    const loose = findCondition(obj.op);
    const suggestion = loose ? ` (did you mean '${loose.op}'?)` : conditionSuggestion(obj.op);
    c.add(opPlace, `unknown condition ${describeValue(obj.op)}${suggestion}`);
    return undefined;
  }
  const op: ConditionOp = info.op;
  c.knownKeys(obj, ['op', ...PARAM_KEYS[info.params]], place);
  switch (info.params) {
    case 'none':
      return { op } as Condition;
    case 'value': {
      const v = obj.value;
      const valuePlace = at(place, 'value');
      if (typeof v === 'number') return { op, value: c.number(v, valuePlace) } as Condition;
      if (typeof v === 'boolean') return { op, value: v } as Condition;
      if (typeof v === 'string') {
        if (v.trim() === '')
          c.add(valuePlace, `must not be empty (use 'is blank' to test for an empty cell)`);
        return { op, value: v as Scalar } as Condition;
      }
      c.add(valuePlace, wrongType(v, 'text, a number or true/false'));
      return undefined;
    }
    case 'number':
      return { op, value: c.number(obj.value, at(place, 'value')) } as Condition;
    case 'list': {
      const valuesPlace = at(place, 'values');
      const values = c.stringList(obj.values, valuesPlace);
      if (Array.isArray(obj.values) && values.length === 0)
        c.add(valuesPlace, 'must list at least one value');
      return { op, values } as Condition;
    }
    case 'range': {
      const min = c.number(obj.min, at(place, 'min'));
      const max = c.number(obj.max, at(place, 'max'));
      if (typeof obj.min === 'number' && typeof obj.max === 'number' && min > max) {
        c.add(at(place, 'max'), `must not be below min (${min}), got ${max}`);
      }
      return { op, min, max } as Condition;
    }
    case 'days':
      return { op, days: c.positiveNumber(obj.days, at(place, 'days')) } as Condition;
  }
}

/** A list item's place, named by its id or name if it has one ("rule 'demo'"), else by number ("rule #3"). */
function namedPlace(
  path: IssuePath,
  kind: string,
  item: unknown,
  nameKey: string,
  index: number,
  suffix = '',
): Place {
  const name = isObject(item) ? item[nameKey] : undefined;
  const named = typeof name === 'string' && name.trim() !== '' ? quote(name) : `#${index + 1}`;
  return { path, where: `${kind} ${named}${suffix}` };
}

/** What rules and disqualifiers share: known fields only, an id, the column they read and a condition. */
function checkTest(
  c: Checker,
  obj: Obj,
  place: Place,
  keys: readonly string[],
): Pick<Rule, 'id' | 'column' | 'condition'> {
  c.knownKeys(obj, keys, place);
  const id = c.id(obj.id, at(place, 'id'));
  const column = c.nonEmptyString(obj.column, at(place, 'column'));
  // A condition that cannot be read is reported; the stand-in only lets the remaining checks run.
  const condition = checkCondition(c, obj.condition, at(place, 'condition')) ?? { op: 'notBlank' };
  return { id, column, condition };
}

function checkRule(c: Checker, value: unknown, path: IssuePath, groupId: string, index: number): Rule {
  const rulePlace = namedPlace(path, 'rule', value, 'id', index, ` (group ${quote(groupId)})`);
  const obj = c.item(value, rulePlace);
  if (!obj) return { id: '', column: '', condition: { op: 'notBlank' }, points: 0, label: '', enabled: true };
  const test = checkTest(c, obj, rulePlace, RULE_KEYS);
  const points = c.number(obj.points, at(rulePlace, 'points'));
  const perUnit = c.boolean(obj.perUnit, at(rulePlace, 'perUnit'), false);
  const maxPoints = c.optionalNumber(obj.maxPoints, at(rulePlace, 'maxPoints'));
  if (maxPoints !== undefined && typeof obj.maxPoints === 'number') {
    if (!perUnit) c.add(at(rulePlace, 'maxPoints'), 'only applies to per-unit points (set perUnit to true)');
    else if (maxPoints <= 0) c.add(at(rulePlace, 'maxPoints'), `must be more than 0, got ${maxPoints}`);
  }
  const label = c.nonEmptyString(obj.label, at(rulePlace, 'label'));
  const enabled = c.boolean(obj.enabled, at(rulePlace, 'enabled'), true);
  const rule: Rule = { ...test, points, label, enabled };
  // perUnit false is the default and is left out, so every model has one canonical form.
  if (perUnit) rule.perUnit = true;
  if (maxPoints !== undefined) rule.maxPoints = maxPoints;
  return rule;
}

function checkGroup(c: Checker, value: unknown, index: number): Group {
  const place = namedPlace(['groups', index], 'group', value, 'id', index);
  const obj = c.item(value, place);
  if (!obj) return { id: '', name: '', kind: 'fit', rules: [] };
  c.knownKeys(obj, GROUP_KEYS, place);
  const id = c.id(obj.id, at(place, 'id'));
  const name = c.nonEmptyString(obj.name, at(place, 'name'));
  let kind: Group['kind'] = 'fit';
  if (obj.kind === 'fit' || obj.kind === 'intent') kind = obj.kind;
  else c.add(at(place, 'kind'), notOneOf(obj.kind, "'fit' or 'intent'"));
  const cap = c.optionalNumber(obj.cap, at(place, 'cap'));
  const floor = c.optionalNumber(obj.floor, at(place, 'floor'));
  if (cap !== undefined && floor !== undefined && typeof obj.cap === 'number' && cap < floor) {
    c.add(at(place, 'cap'), `must not be below the floor (${floor}), got ${cap}`);
  }
  const list = c.array(obj.rules, at(place, 'rules')) ?? [];
  const rules = list.map((rule, ruleIndex) =>
    checkRule(c, rule, ['groups', index, 'rules', ruleIndex], id, ruleIndex),
  );
  const group: Group = { id, name, kind, rules };
  if (cap !== undefined) group.cap = cap;
  if (floor !== undefined) group.floor = floor;
  return group;
}

function checkDisqualifier(c: Checker, value: unknown, index: number): Disqualifier {
  const place = namedPlace(['disqualifiers', index], 'disqualifier', value, 'id', index);
  const obj = c.item(value, place);
  if (!obj) return { id: '', column: '', condition: { op: 'notBlank' }, reason: '', enabled: true };
  const test = checkTest(c, obj, place, DISQUALIFIER_KEYS);
  const reason = c.nonEmptyString(obj.reason, at(place, 'reason'));
  const enabled = c.boolean(obj.enabled, at(place, 'enabled'), true);
  return { ...test, reason, enabled };
}

function checkBandStyle(c: Checker, obj: Obj, place: Place, extraKeys: readonly string[] = []): BandStyle {
  c.knownKeys(obj, [...BAND_STYLE_KEYS, ...extraKeys], place);
  const name = c.nonEmptyString(obj.name, at(place, 'name'));
  const colourPlace = at(place, 'colour');
  const colour = c.string(obj.colour, colourPlace);
  if (typeof obj.colour === 'string' && !HEX_COLOUR.test(colour)) {
    c.add(colourPlace, `must be a colour like #fce5cd, got ${describeValue(colour)}`);
  }
  // Blank text means "none": a blank action is '' and a blank stage is left out (one canonical form).
  const action = c.string(obj.action, at(place, 'action'));
  const style: BandStyle = { name, colour, action: action.trim() === '' ? '' : action };
  if (obj.stage !== undefined) {
    const stage = c.string(obj.stage, at(place, 'stage'));
    if (stage.trim() !== '') style.stage = stage;
  }
  return style;
}

function checkBands(c: Checker, value: unknown, scale: { min: number; max: number } | undefined): Band[] {
  const list = c.array(value, at(ROOT, 'bands'));
  if (!list) return [];
  if (list.length === 0) c.add(at(ROOT, 'bands'), 'must have at least one band');
  const bands: Band[] = [];
  const seen = new Map<string, number>();
  let previous: number | undefined;
  list.forEach((item, index) => {
    const place = namedPlace(['bands', index], 'band', item, 'name', index);
    const obj = c.item(item, place);
    if (!obj) return;
    const style = checkBandStyle(c, obj, place, ['min']);
    const minPlace = at(place, 'min');
    const min = c.number(obj.min, minPlace);
    const minOk = typeof obj.min === 'number' && Number.isFinite(obj.min);
    const key = style.name.trim().toLowerCase();
    if (key !== '') {
      const first = seen.get(key);
      if (first !== undefined)
        c.add(at(place, 'name'), `is used by band #${first + 1} too (names ignore case)`);
      else seen.set(key, index);
    }
    if (minOk) {
      if (index === 0 && scale && min !== scale.min) {
        c.add(minPlace, `the first band must start at the scale's min (${scale.min}), got ${min}`);
      }
      if (previous !== undefined) {
        if (min === previous) c.add(minPlace, `repeats the previous band's min (${min})`);
        else if (min < previous)
          c.add(minPlace, `must be above the previous band's min (${previous}), got ${min}`);
      }
      if (scale && min > scale.max)
        c.add(minPlace, `is above the scale's max (${scale.max}), so no score reaches it`);
      previous = min;
    }
    bands.push({ ...style, min });
  });
  return bands;
}

function checkDecay(c: Checker, value: unknown): Decay | undefined {
  const place = at(ROOT, 'decay');
  const obj = c.object(value, place);
  if (!obj) return undefined;
  const columnPlace = at(place, 'column');
  let column = '';
  if (obj.column === undefined || (typeof obj.column === 'string' && obj.column.trim() === '')) {
    c.add(columnPlace, 'a decay needs a date column (e.g. Last Activity Date)');
  } else column = c.string(obj.column, columnPlace);
  if (obj.mode === 'halfLife') {
    c.knownKeys(obj, ['mode', 'column', 'halfLifeDays'], place);
    const halfLifeDays = c.positiveNumber(obj.halfLifeDays, at(place, 'halfLifeDays'));
    return { mode: 'halfLife', column, halfLifeDays };
  }
  if (obj.mode !== 'steps') c.add(at(place, 'mode'), notOneOf(obj.mode, "'steps' or 'halfLife'"));
  c.knownKeys(obj, ['mode', 'column', 'steps'], place);
  const stepsPlace = at(place, 'steps');
  const list = c.array(obj.steps, stepsPlace) ?? [];
  if (Array.isArray(obj.steps) && list.length === 0) c.add(stepsPlace, 'must have at least one step');
  let previous: number | undefined;
  const steps = list.map((item, index) => {
    const stepPlace = at(stepsPlace, index, `step ${index + 1}`);
    const step = c.object(item, stepPlace) ?? {};
    if (isObject(item)) c.knownKeys(step, ['afterDays', 'points'], stepPlace);
    const afterPlace = at(stepPlace, 'afterDays');
    const afterDays = c.positiveNumber(step.afterDays, afterPlace);
    if (typeof step.afterDays === 'number') {
      if (afterDays > 0 && previous !== undefined && afterDays <= previous) {
        c.add(afterPlace, `must be above the previous step's afterDays (${previous}), got ${afterDays}`);
      }
      previous = afterDays;
    }
    const pointsPlace = at(stepPlace, 'points');
    const points = c.number(step.points, pointsPlace);
    if (points > 0) c.add(pointsPlace, `must be 0 or less (decay only takes points away), got ${points}`);
    return { afterDays, points };
  });
  return { mode: 'steps', column, steps };
}

function checkGrades(c: Checker, value: unknown): Grade[] {
  const place = at(ROOT, 'grades');
  const list = c.array(value, place) ?? [];
  const seen = new Set<string>();
  let previous: number | undefined;
  return list.map((item, index) => {
    const gradePlace = namedPlace(['grades', index], 'grade', item, 'grade', index);
    const obj = c.item(item, gradePlace) ?? {};
    if (isObject(item)) c.knownKeys(obj, ['grade', 'minFit'], gradePlace);
    const grade = c.nonEmptyString(obj.grade, at(gradePlace, 'grade'));
    const key = grade.trim().toLowerCase();
    if (key !== '' && seen.has(key)) c.add(at(gradePlace, 'grade'), 'is used twice (grades ignore case)');
    seen.add(key);
    const minPlace = at(gradePlace, 'minFit');
    const minFit = c.number(obj.minFit, minPlace);
    if (typeof obj.minFit === 'number') {
      if (previous !== undefined && minFit >= previous) {
        c.add(
          minPlace,
          `must be below the previous grade's minFit (${previous}): list grades from best to worst`,
        );
      }
      previous = minFit;
    }
    return { grade, minFit };
  });
}

function checkQuadrants(c: Checker, value: unknown): QuadrantSettings | undefined {
  const place = at(ROOT, 'quadrants');
  const obj = c.object(value, place);
  if (!obj) return undefined;
  c.knownKeys(obj, ['fitThreshold', 'intentThreshold', 'labels'], place);
  const fitThreshold = c.number(obj.fitThreshold, at(place, 'fitThreshold'));
  const intentThreshold = c.number(obj.intentThreshold, at(place, 'intentThreshold'));
  const labelsPlace = at(place, 'labels');
  const labelsObj = c.object(obj.labels, labelsPlace) ?? {};
  if (isObject(obj.labels)) c.knownKeys(labelsObj, QUADRANT_LABEL_KEYS, labelsPlace);
  const labels = Object.fromEntries(
    QUADRANT_LABEL_KEYS.map((key) => [key, c.nonEmptyString(labelsObj[key], at(labelsPlace, key))]),
  ) as QuadrantSettings['labels'];
  return { fitThreshold, intentThreshold, labels };
}

function checkMissingData(c: Checker, value: unknown): MissingDataPolicy | undefined {
  const place = at(ROOT, 'missingData');
  const obj = c.object(value, place);
  if (!obj) return undefined;
  c.knownKeys(obj, ['minFitFilled', 'band'], place);
  const sharePlace = at(place, 'minFitFilled');
  const minFitFilled = c.number(obj.minFitFilled, sharePlace);
  if (typeof obj.minFitFilled === 'number' && (minFitFilled < 0 || minFitFilled > 1)) {
    c.add(sharePlace, `must be a share between 0 and 1 (0.5 = half), got ${minFitFilled}`);
  }
  const bandPlace = at(place, 'band');
  const bandObj = c.object(obj.band, bandPlace);
  const band = bandObj ? checkBandStyle(c, bandObj, bandPlace) : { name: '', colour: '', action: '' };
  return { minFitFilled, band };
}

function checkColumnSynonyms(c: Checker, value: unknown): Record<string, string[]> {
  const place = at(ROOT, 'columnSynonyms');
  const obj = c.object(value, place);
  const out: Record<string, string[]> = {};
  if (!obj) return out;
  for (const [key, list] of Object.entries(obj)) {
    const keyPlace = at(place, key, quote(key));
    if (key.trim() === '') c.add(keyPlace, 'a column name must not be empty');
    const names = c.stringList(list, keyPlace);
    if (Array.isArray(list) && names.length === 0)
      c.add(keyPlace, 'must list at least one other header name');
    // defineProperty: a column literally named "__proto__" must stay a plain key.
    Object.defineProperty(out, key, { value: names, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Ids name rules in reasons and errors, so they must be unique across the whole model (ignoring case). */
function checkUniqueIds(c: Checker, groups: readonly Group[], disqualifiers: readonly Disqualifier[]): void {
  const seen = new Map<string, string>();
  // The owner ("rule 'demo'") names the first holder in the message; `inGroup` places a rule's issue.
  const claim = (kind: string, id: string, path: IssuePath, inGroup = ''): void => {
    const key = id.trim().toLowerCase();
    if (key === '') return;
    const owner = `${kind} ${quote(id)}`;
    const first = seen.get(key);
    if (first !== undefined) {
      const message = `${quote(id)} is already the id of ${first} (ids must be unique, ignoring case)`;
      c.add(at({ path, where: owner + inGroup }, 'id'), message);
    } else seen.set(key, owner);
  };
  groups.forEach((group, gi) => {
    claim('group', group.id, ['groups', gi]);
    group.rules.forEach((rule, ri) => {
      claim('rule', rule.id, ['groups', gi, 'rules', ri], ` (group ${quote(group.id)})`);
    });
  });
  disqualifiers.forEach((d, di) => {
    claim('disqualifier', d.id, ['disqualifiers', di]);
  });
}

/** The disqualified and review bands are result bands too: a name shared with a score band would be ambiguous. */
function checkSpecialBandNames(
  c: Checker,
  bands: readonly Band[],
  special: readonly [BandStyle, Place][],
): void {
  const names = new Set(bands.map((band) => band.name.trim().toLowerCase()));
  for (const [style, place] of special) {
    const key = style.name.trim().toLowerCase();
    if (key === '') continue;
    if (names.has(key)) c.add(at(place, 'name'), `${quote(style.name)} is already a band name; pick another`);
    names.add(key);
  }
}

/** Like validateModel, with each issue's path in the JSON form (the rules sheet maps paths to rows). */
export function validateModelDetailed(input: unknown): DetailedValidationResult {
  const c = new Checker();
  if (!isObject(input)) {
    c.add(ROOT, `a model must be a JSON object, got ${describeValue(input)}`);
    return { ok: false, issues: c.issues };
  }
  c.knownKeys(input, MODEL_KEYS, ROOT);
  if (input.schemaVersion !== 1) c.add(at(ROOT, 'schemaVersion'), notOneOf(input.schemaVersion, '1'));
  const name = c.nonEmptyString(input.name, at(ROOT, 'name'));
  const description =
    input.description === undefined ? '' : c.string(input.description, at(ROOT, 'description'));

  let scale: { min: number; max: number } | undefined;
  const scalePlace = at(ROOT, 'scale');
  const scaleObj = c.object(input.scale, scalePlace);
  if (scaleObj) {
    c.knownKeys(scaleObj, ['min', 'max'], scalePlace);
    const before = c.issues.length;
    const min = c.number(scaleObj.min, at(scalePlace, 'min'));
    const max = c.number(scaleObj.max, at(scalePlace, 'max'));
    if (c.issues.length === before) {
      // Bands are checked against the scale only when the scale itself is sound.
      if (min >= max) c.add(at(scalePlace, 'max'), `must be above the scale's min (${min}), got ${max}`);
      else scale = { min, max };
    }
  }

  const groups = (c.array(input.groups, at(ROOT, 'groups')) ?? []).map((group, index) =>
    checkGroup(c, group, index),
  );
  const disqualifiers =
    input.disqualifiers === undefined
      ? []
      : (c.array(input.disqualifiers, at(ROOT, 'disqualifiers')) ?? []).map((d, index) =>
          checkDisqualifier(c, d, index),
        );
  checkUniqueIds(c, groups, disqualifiers);

  const dqPlace = at(ROOT, 'disqualifiedBand');
  let disqualifiedBand: BandStyle = { ...DEFAULT_DISQUALIFIED_BAND };
  if (input.disqualifiedBand !== undefined) {
    const obj = c.object(input.disqualifiedBand, dqPlace);
    if (obj) disqualifiedBand = checkBandStyle(c, obj, dqPlace);
  }
  const bands = checkBands(c, input.bands, scale);
  const decay = input.decay === undefined ? undefined : checkDecay(c, input.decay);
  const grades = input.grades === undefined ? [] : checkGrades(c, input.grades);
  const quadrants = input.quadrants === undefined ? undefined : checkQuadrants(c, input.quadrants);
  const missingData = input.missingData === undefined ? undefined : checkMissingData(c, input.missingData);
  const special: [BandStyle, Place][] = [[disqualifiedBand, dqPlace]];
  if (missingData) special.push([missingData.band, at(at(ROOT, 'missingData'), 'band')]);
  checkSpecialBandNames(c, bands, special);

  const missingTokens =
    input.missingTokens === undefined ? [] : c.stringList(input.missingTokens, at(ROOT, 'missingTokens'));
  const personalDomains =
    input.personalDomains === undefined
      ? []
      : c.stringList(input.personalDomains, at(ROOT, 'personalDomains'), (domain, place) => {
          if (!DOMAIN.test(domain)) {
            const tip = domain.startsWith('@') ? " (leave out the '@')" : '';
            c.add(place, `must be a domain like gmail.com, got ${describeValue(domain)}${tip}`);
          }
        });
  const columnSynonyms =
    input.columnSynonyms === undefined ? {} : checkColumnSynonyms(c, input.columnSynonyms);

  if (c.issues.length > 0 || !scale) return { ok: false, issues: c.issues };

  // Optional parts that are empty are left out, so each model has exactly one complete form.
  const model: ScoringModel = {
    schemaVersion: 1,
    name,
    scale,
    groups,
    disqualifiers,
    disqualifiedBand,
    bands,
  };
  if (description.trim() !== '') model.description = description;
  if (decay) model.decay = decay;
  if (grades.length > 0) model.grades = grades;
  if (quadrants) model.quadrants = quadrants;
  if (missingData) model.missingData = missingData;
  if (missingTokens.length > 0) model.missingTokens = missingTokens;
  if (personalDomains.length > 0) model.personalDomains = personalDomains;
  if (Object.keys(columnSynonyms).length > 0) model.columnSynonyms = columnSynonyms;
  return { ok: true, model };
}
