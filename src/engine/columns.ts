// Header matching: finds a rule's column in an imported sheet (case, spacing, API names, CRM synonyms).
//
// Decisions:
// - normaliseHeader: NFKC, lower-case, and every character that is not a letter, a digit or one
//   of '#', '%', '$', '&', '+', '@' becomes a space (so "Country/Region", "country_region" and
//   "Country - Region" are all "country region"; "# Employees" keeps its '#'); then whitespace
//   is collapsed and trimmed.
// - findColumn tries, in order: the same normalised header; the same header with spaces removed
//   ("NumberOfEmployees" = "Number of Employees", "hs_lead_status" = "hs lead status"); the
//   model's extra synonyms; the built-in synonym group, in the group's order (its preferred name
//   first). The first matching column wins at each step.
// - "Last Activity" is in no group: in X Education it is an activity type ("Email Opened"), while
//   Salesforce uses it as the label of LastActivityDate. A model that wants Salesforce's date under
//   "Last Activity Date" says so with columnSynonyms.

/** Characters kept in headers because they carry meaning ("# of employees", "% complete"). */
const HEADER_SEPARATORS = /[^\p{L}\p{N}#%$&+@]+/gu;
const INVISIBLE = /\u00ad|[\u200b-\u200d]|\u2060|\ufeff/g;

/** The comparable form of a header cell; see the file header. Non-text headers use their text form. */
export function normaliseHeader(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else return '';
  return text.replace(INVISIBLE, '').normalize('NFKC').toLowerCase().replace(HEADER_SEPARATORS, ' ').trim();
}

/** The header with spaces removed, so labels meet API names ("Lead Source" = "LeadSource"). */
export function headerKey(value: unknown): string {
  return normaliseHeader(value).replace(/ /g, '');
}

/**
 * Interchangeable header names, preferred name first, from real HubSpot exports (labels and
 * internal names) and Salesforce (field labels, API names, import-wizard labels); see
 * docs/datasets.md section C. A name belongs to one group at most.
 */
export const BUILTIN_SYNONYMS: readonly (readonly string[])[] = [
  ['record id', 'contact id', 'lead id', 'id', 'prospect id'],
  ['first name', 'firstname', 'given name'],
  ['last name', 'lastname', 'surname', 'family name'],
  ['full name', 'name', 'contact name'],
  ['email', 'email address', 'e-mail', 'e-mail address', 'work email', 'email 1', 'business email'],
  ['phone number', 'phone', 'telephone', 'work phone', 'phone 1'],
  ['mobile phone number', 'mobile phone', 'mobilephone', 'mobile'],
  ['job title', 'title', 'jobtitle', 'position'],
  ['company name', 'company', 'account name', 'organization', 'organisation'],
  ['website url', 'website', 'company website', 'url'],
  ['industry', 'sector', 'vertical'],
  [
    'number of employees',
    'employees',
    'no. of employees',
    'numberofemployees',
    'company size',
    'employee count',
    'headcount',
    '# of employees',
    '# employees',
  ],
  ['annual revenue', 'annualrevenue', 'revenue', 'company revenue'],
  ['lead source', 'leadsource', 'original source', 'hs_analytics_source', 'source'],
  ['lead status', 'hs_lead_status', 'status', 'leadstatus'],
  ['lifecycle stage', 'lifecyclestage', 'lifecycle'],
  ['lead rating', 'rating', 'lead quality'],
  ['hubspot score', 'lead score', 'score', 'hubspotscore'],
  ['contact owner', 'lead owner', 'owner', 'ownerid', 'record owner', 'hubspot owner', 'hubspot_owner_id'],
  ['create date', 'createdate', 'created date', 'createddate', 'created at', 'date created'],
  ['last activity date', 'lastactivitydate', 'last engagement date'],
  ['last modified date', 'lastmodifieddate', 'lastmodified'],
  ['close date', 'closedate'],
  ['converted', 'isconverted', 'is converted'],
  ['converted date', 'converteddate'],
  [
    'unsubscribed from all email',
    'email opt out',
    'hasoptedoutofemail',
    'do not email',
    'donotemail',
    'unsubscribed',
    'opted out of email',
  ],
  ['do not call', 'donotcall'],
  ['country/region', 'country', 'countryregion'],
  ['state/region', 'state', 'state/province', 'province'],
  ['city', 'town'],
  ['postal code', 'postalcode', 'zip code', 'zip', 'postcode', 'zip/postal code'],
  ['street address', 'street', 'address'],
  ['number of pageviews', 'page views', 'pageviews', 'total page views'],
  ['number of sessions', 'sessions', 'visits', 'total visits', 'totalvisits'],
  ['average pageviews', 'page views per visit', 'pageviews per session'],
  ['number of form submissions', 'form submissions', 'numberofformsubmissions'],
];

/** headerKey -> the group holding it (built once; groups are small). */
const GROUP_BY_KEY: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, readonly string[]>();
  for (const group of BUILTIN_SYNONYMS) for (const name of group) map.set(headerKey(name), group);
  return map;
})();

/** The built-in synonym group of a column name, or undefined. */
export function synonymGroup(column: string): readonly string[] | undefined {
  return GROUP_BY_KEY.get(headerKey(column));
}

function extraNamesFor(
  key: string,
  extraSynonyms: Readonly<Record<string, readonly string[]>> | undefined,
): readonly string[] {
  if (!extraSynonyms) return [];
  const names: string[] = [];
  for (const [column, synonyms] of Object.entries(extraSynonyms)) {
    if (headerKey(column) === key && Array.isArray(synonyms)) names.push(...synonyms);
  }
  return names;
}

/**
 * The 0-based index of `column` in `header`, or -1. Exact (normalised) match first, then the match
 * without spaces, then `extraSynonyms` (rule column name -> more header names), then the built-in
 * synonyms; extra synonyms given for any name of the column's built-in group also apply.
 */
export function findColumn(
  header: readonly unknown[],
  column: string,
  extraSynonyms?: Readonly<Record<string, readonly string[]>>,
): number {
  const target = normaliseHeader(column);
  if (target === '') return -1;
  const normalised = header.map(normaliseHeader);
  const exact = normalised.indexOf(target);
  if (exact >= 0) return exact;
  const keys = normalised.map((name) => name.replace(/ /g, ''));
  const targetKey = target.replace(/ /g, '');
  const compact = keys.indexOf(targetKey);
  if (compact >= 0) return compact;
  const group = GROUP_BY_KEY.get(targetKey) ?? [];
  const candidates = [
    ...extraNamesFor(targetKey, extraSynonyms),
    ...group,
    ...group.flatMap((name) => {
      const key = headerKey(name);
      return key === targetKey ? [] : extraNamesFor(key, extraSynonyms);
    }),
  ];
  for (const candidate of candidates) {
    const key = headerKey(candidate);
    if (key === '') continue;
    const index = keys.indexOf(key);
    if (index >= 0) return index;
  }
  return -1;
}

/**
 * Headers that normalise to the same name (findColumn would only ever see the first). `name` is
 * the first occurrence as written (trimmed); `columns` are 0-based. Blank headers are ignored.
 */
export function duplicateHeaders(header: readonly unknown[]): { name: string; columns: number[] }[] {
  const seen = new Map<string, { name: string; columns: number[] }>();
  header.forEach((cell, index) => {
    const key = normaliseHeader(cell);
    if (key === '') return;
    const entry = seen.get(key);
    if (entry) entry.columns.push(index);
    else seen.set(key, { name: String(cell).trim().replace(/\s+/g, ' '), columns: [index] });
  });
  return [...seen.values()].filter((entry) => entry.columns.length > 1);
}

/** Spreadsheet column letters of a 0-based index: 0 -> 'A', 26 -> 'AA', 702 -> 'AAA'; '' if invalid. */
export function columnLetter(index: number): string {
  if (!Number.isInteger(index) || index < 0) return '';
  let letters = '';
  let rest = index + 1;
  while (rest > 0) {
    const digit = (rest - 1) % 26;
    letters = String.fromCharCode(65 + digit) + letters;
    rest = Math.floor((rest - 1) / 26);
  }
  return letters;
}

// ---------------------------------------------------------------------------------------------
// Header-row detection

const NUMBER_LIKE = /^[\s$€£¥+\-(]*[\d.,\s]*\d[\d.,\s]*%?\)?$/;
const DATE_LIKE = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/;
const VALUE_WORDS: ReadonlySet<string> = new Set([
  'yes',
  'no',
  'true',
  'false',
  'y',
  'n',
  'x',
  'select',
  'n/a',
  '-',
]);

function isBlankCell(cell: unknown): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** A cell that reads like a column label: text that is not a number, date, yes/no, e-mail or URL. */
function isLabelLike(cell: unknown): boolean {
  if (typeof cell !== 'string') return false;
  const text = cell.trim();
  if (text.length === 0 || text.length > 120) return false;
  if (text.startsWith('#') && text.endsWith('!')) return false; // an error value
  if (NUMBER_LIKE.test(text) || DATE_LIKE.test(text)) return false;
  const lower = text.toLowerCase();
  if (VALUE_WORDS.has(lower)) return false;
  if (lower.includes('@') && lower.includes('.')) return false;
  return !(lower.startsWith('http://') || lower.startsWith('https://') || lower.startsWith('www.'));
}

function nonBlankCount(row: readonly unknown[] | undefined): number {
  if (!row) return 0;
  let count = 0;
  for (const cell of row) if (!isBlankCell(cell)) count++;
  return count;
}

/**
 * True when some column holds a label in `row` and a typed value (number, date, yes/no, e-mail)
 * right below it: the contrast between a header and its data. Two data rows rarely show it,
 * because a column keeps its type from row to row.
 */
function contrastsWith(row: readonly unknown[], below: readonly unknown[]): boolean {
  const width = Math.min(row.length, below.length);
  for (let column = 0; column < width; column++) {
    const under = below[column];
    if (isLabelLike(row[column]) && !isBlankCell(under) && !isLabelLike(under)) return true;
  }
  return false;
}

/**
 * The 0-based index of the header row among the first `maxScan` rows, or -1. A row is the header
 * when (1) at least 80% of its non-blank cells are labels (text that is not a number, date,
 * yes/no, e-mail or URL), (2) those labels are at least 90% distinct, (3) it has at least half as
 * many non-blank cells as the row below (so a one-cell title above a wide table is skipped), and
 * (4) some column has a label in it and a typed value (number, date, yes/no, e-mail) right below,
 * which two rows of data rarely show since columns keep their type. A last
 * row with at least two labels is accepted as the header of a table with no rows yet. A sheet whose
 * first rows are all data (numbers, e-mails, dates) has no header: -1.
 */
export function findHeaderRow(values: readonly (readonly unknown[])[], maxScan = 10): number {
  const limit = Math.min(values.length, Math.max(0, Math.floor(maxScan)));
  let widestAbove = 0;
  for (let index = 0; index < limit; index++) {
    const row = values[index];
    if (!row) continue;
    const filled = nonBlankCount(row);
    if (filled === 0) continue;
    const widestBefore = widestAbove;
    widestAbove = Math.max(widestAbove, filled);
    const labels: string[] = [];
    for (const cell of row) if (isLabelLike(cell)) labels.push(normaliseHeader(cell));
    if (labels.length < filled * 0.8) continue;
    if (new Set(labels).size < labels.length * 0.9) continue;
    const below = values[index + 1];
    if (below === undefined) {
      // A header with no rows yet, unless rows as wide came before (then this is a row of text data).
      if (labels.length >= 2 && widestBefore < filled * 0.5) return index;
      continue;
    }
    const belowFilled = nonBlankCount(below);
    if (belowFilled === 0 || filled < belowFilled * 0.5) continue;
    if (contrastsWith(row, below)) return index;
  }
  return -1;
}
