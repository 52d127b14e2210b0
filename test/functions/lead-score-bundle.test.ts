// =LEADSCORE in the built dist/Code.js, called through gas-local in AuthMode.CUSTOM_FUNCTION as Sheets calls it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { parse } from 'csv-parse/sync';
import { modelToRulesSheet } from '../../src/engine/rules-sheet';
import { scoreTable } from '../../src/engine/scorer';
import { findTemplate } from '../../src/engine/templates';
import { createEmulator } from '../emulator';
import { loadBundle, REPO_ROOT } from '../support/bundle';

const AS_OF = new Date('2026-11-20T00:00:00Z');
const FIELDS = 'score,fit,intent,band,grade,quadrant,reasons,action,stage,confidence,problems';

function template() {
  const found = findTemplate('b2b-services');
  if (!found) throw new Error('templates/b2b-services.json is missing');
  return found.model;
}

/** The bundled sample, with dates turned into Date objects made in another realm, as Sheets passes them. */
function sampleLeads(realm: vm.Context): unknown[][] {
  const text = readFileSync(join(REPO_ROOT, 'samples/hubspot-contacts.csv'), 'utf8');
  const rows = parse(text) as string[][];
  const header = rows[0] ?? [];
  const dateColumns = new Set(['Create Date', 'Last Activity Date'].map((name) => header.indexOf(name)));
  const makeDate = vm.runInContext('(ms) => new Date(ms)', realm) as (ms: number) => Date;
  return rows.map((row, index) =>
    index === 0
      ? row
      : row.map((cell, column) => {
          if (dateColumns.has(column) && /^\d{4}-\d{2}-\d{2}/.test(cell))
            return makeDate(Date.parse(`${cell.slice(0, 10)}T00:00:00Z`));
          if (/^\d+$/.test(cell)) return Number(cell);
          return cell;
        }),
  );
}

function callLeadScore(args: unknown[]): unknown {
  const emulator = createEmulator({ authMode: 'CUSTOM_FUNCTION' });
  const context = loadBundle(emulator);
  const realm = context as vm.Context;
  // Sheets hands the function arrays from the script's realm: copy the arguments into it.
  const copy = vm.runInContext(
    '(value) => JSON.parse(value, (k, v) => (typeof v === "string" && v.startsWith("@date:") ? new Date(Number(v.slice(6))) : v))',
    realm,
  ) as (value: string) => unknown;
  const encoded = args.map((arg) =>
    copy(
      JSON.stringify(arg, function replacer(this: Record<string, unknown>, key) {
        const raw = this[key];
        return Object.prototype.toString.call(raw) === '[object Date]'
          ? `@date:${(raw as Date).getTime()}`
          : raw;
      }),
    ),
  );
  const result = emulator.invoke('LEADSCORE', encoded, { authMode: 'CUSTOM_FUNCTION' });
  expect(emulator.calls.total()).toBe(0);
  return result;
}

describe('=LEADSCORE in the built bundle', () => {
  const realm = vm.createContext({});
  const leads = sampleLeads(realm);
  const rules = modelToRulesSheet(template(), AS_OF);

  it('scores the bundled sample exactly as the engine does, with no service call', () => {
    const output = callLeadScore([leads, rules, FIELDS]) as unknown[][];
    const { results } = scoreTable(template(), leads[0] ?? [], leads.slice(1), AS_OF);
    expect(output.length).toBe(leads.length);
    expect(JSON.parse(JSON.stringify(output.slice(1)))).toEqual(
      results.map((result) => [
        result.score,
        result.fit,
        result.intent,
        result.band,
        result.grade,
        result.quadrant,
        result.reasons,
        result.action,
        result.stage,
        result.confidence,
        result.problems.join('; '),
      ]),
    );
    const bands = new Set(output.slice(1).map((row) => row[3]));
    expect(bands.size).toBeGreaterThan(2);
  });

  it('scores a 10,000-row open-ended range (trailing blank rows stay blank) in one call', () => {
    const body = Array.from({ length: 9000 }, (_, index) => leads[1 + (index % (leads.length - 1))] ?? []);
    const blanks = Array.from({ length: 999 }, () => (leads[0] ?? []).map(() => ''));
    const range = [leads[0] ?? [], ...body, ...blanks];
    const output = callLeadScore([range, rules, 'score,band']) as unknown[][];
    expect(output.length).toBe(10_000);
    expect(output[1]).toEqual(output[1 + (leads.length - 1)]);
    expect(output[9999]).toEqual(['', '']);
  });

  it('shows a readable error for an invalid model, naming the rule and field', () => {
    const broken = rules.map((row) => row.map((cell) => (cell === 30 ? 'thirty' : cell)));
    expect(() => callLeadScore([leads, broken, 'score'])).toThrow(/demo-requested.*Points.*thirty/s);
  });

  it('reads booleans, error values and blanks as Sheets passes them, one bad row never stopping the others', () => {
    const header = leads[0] ?? [];
    const column = (name: string) => header.indexOf(name);
    const row = (changes: Record<string, unknown>) => {
      const base = [...(leads[1] ?? [])];
      for (const [name, value] of Object.entries(changes)) base[column(name)] = value;
      return base;
    };
    const table = [
      header,
      row({ 'Demo Requested': true, 'Contact Form Submitted': false, 'Job Title': '#N/A' }),
      row({ 'Demo Requested': '#REF!', 'Number of Employees': 'twelve' }),
      header.map(() => ''),
    ];
    const output = callLeadScore([table, rules, 'score,problems']) as unknown[][];
    const { results } = scoreTable(template(), header, table.slice(1), AS_OF);
    expect(output.slice(1)).toEqual(
      results.map((result) => (result.blank ? ['', ''] : [result.score, result.problems.join('; ')])),
    );
    expect(output[2]?.[1]).toContain("Number of Employees: 'twelve' is not a number");
    expect(output[3]).toEqual(['', '']);
  });

  it('says what it expected for a single cell', () => {
    expect(() => callLeadScore(['jane@acme.com', rules])).toThrow(/leads must be the lead table/);
  });
});
