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

function setUp(): Emulator {
  const emulator = createEmulator({ sheets: { Leads: leads() } });
  loadBundle(emulator);
  emulator.ui.answerAlert('YES');
  emulator.invoke('setUpScoring');
  return emulator;
}

describe('Calibrate against outcomes', () => {
  it('writes the Calibration sheet with its tables, a column chart and a valid suggested model', () => {
    const emulator = setUp();
    emulator.ui.answerPrompt('Lifecycle Stage');
    emulator.invoke('calibrateScores');
    const values = emulator.sheetValues('LeadScore Calibration');
    const labels = values.map((row) => row[0]);
    expect(values[0]?.slice(0, 2)).toEqual(['LeadScore calibration', 'Outcome column: Lifecycle Stage']);
    expect(labels).toEqual(
      expect.arrayContaining([
        'Band',
        'Score decile (low to high)',
        'Rule',
        'Warnings',
        'Suggested model (JSON)',
      ]),
    );
    expect(values[1]?.slice(0, 2)).toEqual(['Leads with an outcome', 1500]);
    const sheet = emulator.spreadsheet.getSheetByName('LeadScore Calibration');
    const charts = sheet?.getCharts() ?? [];
    expect(charts).toHaveLength(1);
    expect(charts[0]?.getType()).toBe('COLUMN');
    expect(charts[0]?.getOptions().get('title')).toBe('Conversion rate by band');
    const json = values.find((row) => row[0] === 'Suggested model (JSON)')?.[1];
    expect(validateModel(JSON.parse(String(json))).ok).toBe(true);
    expect(emulator.ui.toasts.at(-1)?.message).toMatch(
      /^AUC 0\.\d{3} on 1500 leads; suggested points 0\.\d{3} vs 0\.\d{3} on the holdout/,
    );

    // Running it again replaces the sheet and its chart: never a second chart.
    emulator.ui.answerPrompt('');
    emulator.invoke('calibrateScores');
    expect(sheet?.getCharts()).toHaveLength(1);
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
    };
    expect(result.ok).toBe(true);
    expect(result.leads).toBe(1500);
    expect(result.byBand.length).toBeGreaterThan(0);
    expect(validateModel(result.suggestion).ok).toBe(true);
    const wrong = emulator.invoke('sidebarCalibrate', [{ outcomeColumn: 'Closed' }]) as {
      ok: boolean;
      message: string;
    };
    expect(wrong).toEqual({ ok: false, message: "There is no outcome column 'Closed' in the header row." });
  });
});
