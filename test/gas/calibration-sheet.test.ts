// Calibration in the spreadsheet: the menu item and the sidebar call, on the built bundle in the emulator.
import { validateModel } from '../../src/engine/validate';
import { createEmulator, type Emulator } from '../emulator';
import { loadBundle } from '../support/bundle';

/** 1,500 leads whose demo requests and titles drive a Lifecycle Stage of Customer. */
function leads(): unknown[][] {
  let seed = 5;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const rows: unknown[][] = [
    ['Email', 'Job Title', 'Demo Requested', 'Pricing Page Visits', 'Lifecycle Stage'],
  ];
  for (let i = 0; i < 1500; i++) {
    const demo = random() < 0.3;
    const vp = random() < 0.4;
    const visits = Math.floor(random() * 5);
    const odds = -2 + (demo ? 2 : 0) + (vp ? 1 : 0) + visits * 0.3;
    const customer = random() < 1 / (1 + Math.exp(-odds));
    rows.push([
      `l${i}@acme.com`,
      vp ? 'VP Sales' : 'Engineer',
      demo ? 'Yes' : 'No',
      visits,
      customer ? 'Customer' : 'Lead',
    ]);
  }
  return rows;
}

function setUp(extraSheets: Record<string, unknown[][]> = {}): Emulator {
  const emulator = createEmulator({ sheets: { Leads: leads(), ...extraSheets } });
  loadBundle(emulator);
  emulator.ui.answerAlert('YES');
  emulator.invoke('setUpScoring');
  return emulator;
}

/** The row whose first cell is `label`. */
function row(values: unknown[][], label: string): unknown[] | undefined {
  return values.find((cells) => cells[0] === label);
}

describe('Calibrate against outcomes', () => {
  it('writes the Calibration sheet: figures with their explanations, the comparison, a chart and the suggestion', () => {
    const emulator = setUp();
    emulator.ui.answerPrompt('Lifecycle Stage');
    emulator.invoke('calibrateScores');
    const values = emulator.sheetValues('LeadScore Calibration');
    expect(values[0]?.slice(0, 2)).toEqual(['LeadScore calibration', 'Outcome column: Lifecycle Stage']);
    expect(values[1]?.slice(0, 2)).toEqual(['Leads with an outcome', 1500]);
    expect(String(values[1]?.[5])).toMatch(/^Baseline: the share of these leads that converted/);
    expect(String(row(values, 'AUC, all leads')?.[5])).toMatch(
      /^AUC: the chance that a random converted lead/,
    );
    // The add-on cross-validates once, and says so.
    expect(String(row(values, 'How it was measured')?.[5])).toMatch(
      /^Cross-validated 5-fold, once \(once rather than 5 times, to fit Apps Script's 6-minute limit\)/,
    );
    expect(String(row(values, 'Cross-validated AUC')?.[1])).toMatch(/^0\.\d{3} ± 0\.\d{3}$/);
    expect(String(row(values, 'Brier score')?.[5])).toMatch(/^Brier score: /);
    // The e-mail column is an identifier: left out, with the reason.
    expect(row(values, 'Email')?.slice(0, 2)).toEqual(['Email', 'identifier, left out']);
    // Saved rules against the suggestion on the same leads.
    const comparison = row(values, 'AUC');
    expect(String(comparison?.[4])).toMatch(/^95% CI -?\d\.\d{3} to -?\d\.\d{3}$/);
    expect(typeof row(values, 'Band changes')?.[1]).toBe('number');
    expect(row(values, 'Next step')?.[1]).toMatch(/Load suggested rules as draft/);
    const json = row(values, 'Suggested model (JSON)')?.[1];
    expect(validateModel(JSON.parse(String(json))).ok).toBe(true);
    const sheet = emulator.spreadsheet.getSheetByName('LeadScore Calibration');
    const charts = sheet?.getCharts() ?? [];
    expect(charts).toHaveLength(1);
    expect(charts[0]?.getType()).toBe('COLUMN');
    expect(emulator.ui.toasts.at(-1)?.message).toMatch(
      /^Cross-validated AUC on 1500 leads: suggested points 0\.\d{3} ± 0\.\d{3}, your rules 0\.\d{3} ± 0\.\d{3}\./,
    );

    // Running it again replaces the sheet and its chart: never a second chart.
    emulator.ui.answerPrompt('');
    emulator.invoke('calibrateScores');
    expect(sheet?.getCharts()).toHaveLength(1);
  });

  it('never writes over a sheet of the same name that the user made', () => {
    const mine = [['My notes about calibration'], ['keep this']];
    const emulator = setUp({ 'LeadScore Calibration': mine });
    emulator.ui.answerPrompt('Lifecycle Stage');
    emulator.invoke('calibrateScores');
    expect(emulator.sheetValues('LeadScore Calibration')).toEqual(mine);
    expect(emulator.ui.alerts.at(-1)?.prompt).toMatch(
      /^There is already a sheet called 'LeadScore Calibration' that LeadScore did not make\. Rename it/,
    );
  });

  it('the sidebar call returns a JSON-safe summary with the suggestion, and names a wrong column', () => {
    const emulator = setUp();
    const result = JSON.parse(
      JSON.stringify(emulator.invoke('sidebarCalibrate', [{ outcomeColumn: 'Lifecycle Stage' }])),
    ) as {
      ok: boolean;
      leads: number;
      byBand: unknown[];
      suggestion: unknown;
      leftOut: string[];
      validation: { description: string; suggested: { mean: number; sd: number } };
    };
    expect(result.ok).toBe(true);
    expect(result.leads).toBe(1500);
    expect(result.byBand.length).toBeGreaterThan(0);
    expect(result.leftOut).toEqual(['Email']);
    expect(result.validation.description).toMatch(/^Cross-validated 5-fold, once/);
    expect(result.validation.suggested.mean).toBeGreaterThan(0.6);
    expect(validateModel(result.suggestion).ok).toBe(true);
    // A flagged column the user keeps is learned from, and the summary no longer lists it as left out.
    const kept = emulator.invoke('sidebarCalibrate', [
      { outcomeColumn: 'Lifecycle Stage', keepColumns: ['email'] },
    ]) as { ok: boolean; leftOut: string[] };
    expect(kept).toMatchObject({ ok: true, leftOut: [] });
    const values = emulator.sheetValues('LeadScore Calibration');
    expect(row(values, 'Email')?.slice(0, 2)).toEqual(['Email', 'identifier, kept']);
    const wrong = emulator.invoke('sidebarCalibrate', [{ outcomeColumn: 'Lifecycle Stag' }]) as {
      ok: boolean;
      message: string;
    };
    expect(wrong.ok).toBe(false);
    expect(wrong.message).toMatch(
      /^There is no outcome column 'Lifecycle Stag'\. Did you mean 'Lifecycle Stage'\?/,
    );
  });
});
