// Probe: =LEADSCORE formulas over a one-lead table, written in the first run and read in the next (Sheets computes
// custom functions in the background): is the function computed on the values getValues reads, and does an
// error show as #ERROR!?
import { leadScore } from '../../functions/lead-score';
import { inertCell } from '../safe-cell';
import { CUSTOM_FUNCTION } from './expectations';
import { judged, messageOf, type ProbeResult, type ProbeSpec, pending, type RunName } from './probe-result';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const BEHAVIOUR = 'customFunctionCells';
const DAY_MS = 86_400_000;

/** A made-up lead in the template's columns, with a number, booleans and a date (no real lead is ever used). */
function probeLead(now: number): [string, unknown][] {
  return [
    ['Job Title', 'VP Sales'],
    ['Email', 'probe@example.com'],
    ['Industry', 'SaaS'],
    ['Number of Employees', 120],
    ['Demo Requested', true],
    ['Pricing Page Visits', 3],
    ['Contact Form Submitted', false],
    ['Webinar Attended', false],
    ['Guide Downloads', 0],
    ['Blog Reads', 2],
    ['Careers Page Visits', 0],
    ['Unsubscribed from all email', false],
    // 45 days back: the template's decay takes 10 points after 30 days and 20 after 60, so the score shows
    // whether the date arrived as a date, and stays put for two weeks between the runs.
    ['Last Activity Date', new Date(now - 45 * DAY_MS)],
  ];
}

/** The probe's lead table: header row and the one lead. */
export function probeLeadTable(now: number): unknown[][] {
  const lead = probeLead(now);
  return [lead.map(([column]) => column), lead.map(([, value]) => value)];
}

/** Column letters of the lead table (A..M) and the formulas' column. */
const TABLE_COLUMNS = probeLead(0).length;
const FORMULA_COLUMN = TABLE_COLUMNS + 2;
const TABLE_A1 = `A1:${String.fromCharCode(64 + TABLE_COLUMNS)}2`;

const CUSTOM_FUNCTION_FORMULAS = {
  score: `=INDEX(LEADSCORE(${TABLE_A1},"${CUSTOM_FUNCTION.template}","${CUSTOM_FUNCTION.fields}"),2,1)`,
  band: `=INDEX(LEADSCORE(${TABLE_A1},"${CUSTOM_FUNCTION.template}","${CUSTOM_FUNCTION.fields}"),2,2)`,
  error: `=LEADSCORE(${TABLE_A1},"${CUSTOM_FUNCTION.unknownTemplate}")`,
} as const;

export interface CustomFunctionPending {
  /** When the formulas were written: Sheets computed them then, with that day's date. */
  writtenAt: string;
}

function resultSpec(run: RunName): ProbeSpec {
  return {
    probe: 'custom-function/leadscore-result',
    behaviour: BEHAVIOUR,
    run,
    modelled: `${CUSTOM_FUNCTION_FORMULAS.score} and the same with ,2,2 show the score and band the engine gives the table's values as getValues reads them`,
  };
}

function errorSpec(run: RunName): ProbeSpec {
  return {
    probe: 'custom-function/error-reads-error-value',
    behaviour: BEHAVIOUR,
    run,
    modelled: `${CUSTOM_FUNCTION_FORMULAS.error} (LEADSCORE throws) reads ${CUSTOM_FUNCTION.errorValue}`,
  };
}

/** [result, error], as the custom-function probes return them. */
export function customFunctionSpecs(run: RunName): [ProbeSpec, ProbeSpec] {
  return [resultSpec(run), errorSpec(run)];
}

/** Writes the lead table and the formulas; the results wait for the next run. */
export function writeCustomFunctionProbes(sheet: Sheet, now: Date, run: RunName): ProbeResult[] {
  sheet
    .getRange(1, 1, 2, TABLE_COLUMNS)
    .setValues(probeLeadTable(now.getTime()).map((row) => row.map(inertCell)));
  sheet
    .getRange(1, FORMULA_COLUMN, 3, 1)
    .setFormulas([
      [CUSTOM_FUNCTION_FORMULAS.score],
      [CUSTOM_FUNCTION_FORMULAS.band],
      [CUSTOM_FUNCTION_FORMULAS.error],
    ]);
  const waiting = 'Sheets computes custom functions in the background: the next Run diagnostics reads them';
  return [pending(resultSpec(run), waiting), pending(errorSpec(run), waiting)];
}

function predicted(table: unknown[][], at: Date): string {
  try {
    const output = leadScore(table, CUSTOM_FUNCTION.template, CUSTOM_FUNCTION.fields, at);
    const row = Array.isArray(output) ? output[1] : undefined;
    return `score ${String(row?.[0])}, band ${String(row?.[1])}`;
  } catch (error) {
    return `${CUSTOM_FUNCTION.errorValue} (${messageOf(error)})`;
  }
}

function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/**
 * Reads the formulas' values. The prediction is the engine's result for the table as it reads now, at the time
 * the formulas were written or now (Sheets may have recalculated since). Still "Loading...": pending, until
 * `givenUp`.
 */
export function readCustomFunctionProbes(
  sheet: Sheet,
  state: CustomFunctionPending,
  now: Date,
  givenUp: boolean,
  run: RunName,
): ProbeResult[] {
  const table = sheet.getRange(1, 1, 2, TABLE_COLUMNS).getValues();
  const [score, band, error] = sheet
    .getRange(1, FORMULA_COLUMN, 3, 1)
    .getValues()
    .map((row) => row[0]);
  const loading = [score, band, error].includes(CUSTOM_FUNCTION.loadingValue);
  if (loading && !givenUp) {
    const waiting =
      'Sheets is still computing the formulas ("Loading..."): run diagnostics again in a minute';
    return [pending(resultSpec(run), waiting), pending(errorSpec(run), waiting)];
  }
  const observed = `score ${String(score)}, band ${String(band)}`;
  const expected = [predicted(table, new Date(state.writtenAt)), predicted(table, now)];
  const result = judged(
    { ...resultSpec(run), modelled: `${resultSpec(run).modelled}: ${[...new Set(expected)].join(' or ')}` },
    observed,
    expected.includes(observed),
  );
  const errored = judged(errorSpec(run), `reads ${shown(error)}`, error === CUSTOM_FUNCTION.errorValue);
  return [result, errored];
}
