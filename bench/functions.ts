// Benchmark: =LEADSCORE over 10,000 rows in one call, and against the plain per-row formulas people write
// without an add-on, both evaluated by HyperFormula (a real spreadsheet engine) on the same rows.

import {
  ArraySize,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue as RangeValue,
  type SimpleRangeValue,
} from 'hyperformula';
import type { Condition, ScoringModel } from '../src/engine/model';
import { modelToRulesSheet } from '../src/engine/rules-sheet';
import { findTemplate } from '../src/engine/templates';
import { leadScore } from '../src/functions/lead-score';
import { seededRandom } from '../test/support/seeded-random';
import { bestOf } from './best-of';

const ROWS = 10_000;
const AS_OF = new Date('2026-11-20T00:00:00Z');
/** Spreadsheet serial day of AS_OF (days since 1899-12-30), how Sheets and HyperFormula store dates. */
const AS_OF_SERIAL = Math.round(AS_OF.getTime() / 86_400_000) + 25_569;

/** Clean values (both sides read them the same way) in the B2B template's columns. */
function makeLeads(columns: readonly string[]): (string | number)[][] {
  const random = seededRandom(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const values: Record<string, () => string | number> = {
    'Job Title': () =>
      pick(['VP Sales', 'Head of Growth', 'CEO', 'Engineer', 'Marketing Manager', 'Founder', 'Analyst']),
    Email: () => pick(['ana@acme.com', 'bo@gmail.com', 'cy@uni.edu', 'dee@northwind.io', 'ed@yahoo.com', '']),
    Industry: () =>
      pick(['SaaS', 'Retail', 'Healthcare', 'Computer Software', 'Media', 'Financial Services']),
    'Number of Employees': () => pick([10, 45, 120, 800, 2400, 60]),
    'Demo Requested': () => pick(['Yes', 'No', 'No']),
    'Pricing Page Visits': () => pick([0, 0, 1, 2, 3, 5]),
    'Contact Form Submitted': () => pick(['Yes', 'No']),
    'Webinar Attended': () => pick(['Yes', 'No', 'No']),
    'Guide Downloads': () => pick([0, 1, 2]),
    'Blog Reads': () => pick([0, 1, 2, 5]),
    'Careers Page Visits': () => pick([0, 0, 0, 1]),
    'Unsubscribed from all email': () => pick(['No', 'No', 'No', 'No', 'Yes']),
    'Last Activity Date': () => AS_OF_SERIAL - Math.floor(random() * 90),
  };
  return Array.from({ length: ROWS }, () => columns.map((column) => values[column]?.() ?? ''));
}

function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

const quote = (text: string): string => `"${text.replace(/"/g, '""')}"`;
const PERSONAL = ['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'icloud.com'];

/** The condition as the IF a spreadsheet user writes by hand (substring SEARCH, no normalisation). */
function conditionFormula(condition: Condition, cell: string): string {
  switch (condition.op) {
    case 'containsAny':
      return `OR(${condition.values.map((value) => `ISNUMBER(SEARCH(${quote(value)},${cell}))`).join(',')})`;
    case 'isOneOf':
      return `OR(${condition.values.map((value) => `${cell}=${quote(value)}`).join(',')})`;
    case 'notBlank':
      return `LEN(${cell})>0`;
    case 'personalEmail':
      return `OR(${PERSONAL.map((domain) => `ISNUMBER(SEARCH(${quote(`@${domain}`)},${cell}))`).join(',')})`;
    case 'emailDomainIn':
      return `OR(${condition.values.map((value) => `RIGHT(${cell},${value.length})=${quote(value)}`).join(',')})`;
    case 'between':
      return `AND(${cell}>=${condition.min},${cell}<=${condition.max})`;
    case 'atLeast':
      return `${cell}>=${condition.value}`;
    case 'isTrue':
      return `${cell}="Yes"`;
    default:
      throw new Error(`the plain-formula translation has no ${condition.op}`);
  }
}

/** Four helper-column formulas per row (fit, intent, score, band), as people build them without an add-on. */
function plainFormulas(
  model: ScoringModel,
  columns: readonly string[],
  row: number,
  first: number,
): string[] {
  const ref = (column: string): string => `${columnLetter(columns.indexOf(column))}${row}`;
  const kindTotal = (kind: 'fit' | 'intent'): string =>
    model.groups
      .filter((group) => group.kind === kind)
      .flatMap((group) =>
        group.rules.map((rule) => {
          const cell = ref(rule.column);
          const points = rule.perUnit
            ? `MIN(${rule.maxPoints ?? 1e9},${rule.points}*${cell})`
            : String(rule.points);
          return `IF(${conditionFormula(rule.condition, cell)},${points},0)`;
        }),
      )
      .join('+');
  const fitCell = `${columnLetter(first)}${row}`;
  const intentCell = `${columnLetter(first + 1)}${row}`;
  const scoreCell = `${columnLetter(first + 2)}${row}`;
  const decay = model.decay;
  if (decay?.mode !== 'steps') throw new Error('the bench expects step decay');
  const age = `(${AS_OF_SERIAL}-${ref(decay.column)})`;
  // Ascending steps nest outward, so the largest step reached is tested first.
  const steps = decay.steps.reduce(
    (inner, step) => `IF(${age}>=${step.afterDays},${step.points},${inner})`,
    '0',
  );
  const decayed = `MAX(${steps},-MAX(${intentCell},0))`;
  const score = `=MAX(${model.scale.min},MIN(${model.scale.max},${fitCell}+${intentCell}+IF(${intentCell}>0,${decayed},0)))`;
  const disqualified = model.disqualifiers
    .map((disqualifier) => conditionFormula(disqualifier.condition, ref(disqualifier.column)))
    .join(',');
  const bands = [...model.bands]
    .reverse()
    .map((band) => `${scoreCell}>=${band.min},${quote(band.name)}`)
    .join(',');
  const band = `=IF(OR(${disqualified}),${quote(model.disqualifiedBand.name)},IFS(${bands},TRUE(),${quote(model.bands[0]?.name ?? '')}))`;
  return [`=${kindTotal('fit')}`, `=${kindTotal('intent')}`, score, band];
}

/** LEADSCORE registered in HyperFormula, calling the same function Apps Script calls. */
class LeadScorePlugin extends FunctionPlugin {
  static implementedFunctions = {
    LEADSCORE: {
      method: 'leadscore',
      sizeOfResultArrayMethod: 'leadscoreSize',
      parameters: [
        { argumentType: FunctionArgumentType.RANGE },
        { argumentType: FunctionArgumentType.RANGE },
        { argumentType: FunctionArgumentType.STRING },
      ],
    },
  };

  leadscore(ast: { args: never[] }, state: never) {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('LEADSCORE'),
      (leads: SimpleRangeValue, rules: SimpleRangeValue, fields: string) => {
        const output = leadScore(leads.rawData(), rules.rawData(), fields, AS_OF);
        const grid = Array.isArray(output) ? output : [[output]];
        return RangeValue.onlyValues(
          grid.map((row) => row.map((cell) => (cell instanceof Date ? '' : cell))),
        );
      },
    );
  }

  leadscoreSize(ast: { args: never[] }, state: never) {
    const leads = this.arraySizeForAst(ast.args[0] as never, state);
    return new ArraySize(2, leads.height);
  }
}

export function runFunctionsBench(): string[] {
  const template = findTemplate('b2b-services');
  if (!template) throw new Error('templates/b2b-services.json is missing');
  const model = template.model;
  const columns = [
    ...new Set([
      ...model.groups.flatMap((group) => group.rules.map((rule) => rule.column)),
      ...model.disqualifiers.map((disqualifier) => disqualifier.column),
      ...(model.decay ? [model.decay.column] : []),
    ]),
  ];
  const leads = makeLeads(columns);
  const rules = modelToRulesSheet(model, null).map((row) =>
    row.map((cell) => (cell instanceof Date ? cell.toISOString() : cell)),
  );
  rules.forEach((row) => {
    if (row[0] === 'As of') row[1] = AS_OF.toISOString().slice(0, 10);
  });
  const table = [columns, ...leads];

  const nodeMs = bestOf(() => leadScore(table, rules, 'score,band', AS_OF), 5);

  HyperFormula.registerFunctionPlugin(LeadScorePlugin, { enGB: { LEADSCORE: 'LEADSCORE' } });
  const first = columns.length;
  const plainSheet = [
    [...columns, 'Fit', 'Intent', 'Score', 'Band'],
    ...leads.map((lead, index) => [...lead, ...plainFormulas(model, columns, index + 2, first)]),
  ];
  const lastCol = columnLetter(columns.length - 1);
  const width = Math.max(...rules.map((row) => row.length));
  const leadSheet = [
    [
      ...columns,
      `=LEADSCORE(A1:${lastCol}${ROWS + 1},Rules!A1:${columnLetter(width - 1)}${rules.length},"score,band")`,
    ],
    ...leads,
  ];
  const options = { licenseKey: 'gpl-v3', useColumnIndex: false };
  let plainValues: unknown[][] = [];
  let leadValues: unknown[][] = [];
  const plainMs = bestOf(() => {
    const hf = HyperFormula.buildFromSheets({ Leads: plainSheet }, options);
    plainValues = hf.getSheetValues(0);
    hf.destroy();
  }, 2);
  const leadMs = bestOf(() => {
    const hf = HyperFormula.buildFromSheets({ Leads: leadSheet, Rules: rules }, options);
    leadValues = hf.getSheetValues(0);
    hf.destroy();
  }, 2);

  let agree = 0;
  for (let row = 1; row <= ROWS; row++) {
    const plain = plainValues[row] ?? [];
    const ours = leadValues[row] ?? [];
    if (plain[first + 2] === ours[first] && plain[first + 3] === ours[first + 1]) agree++;
  }
  const ratio = plainMs / leadMs;
  return [
    '## =LEADSCORE (10,000 rows, B2B services template, fields "score,band")',
    `one call in Node:                   ${nodeMs.toFixed(1)} ms  (target < 100 ms: ${nodeMs < 100 ? 'PASS' : 'MISS'})`,
    `HyperFormula, plain formulas:       ${plainMs.toFixed(0)} ms  (4 helper-column formulas per row, ${ROWS * 4} formulas)`,
    `HyperFormula, one LEADSCORE call:   ${leadMs.toFixed(0)} ms`,
    `plain formulas / LEADSCORE:         ${ratio.toFixed(1)}x`,
    `rows where both give the same score and band: ${agree} of ${ROWS}`,
  ];
}
