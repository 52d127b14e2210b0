// Help › Run diagnostics on the built bundle: both runs report every probe "as modelled" under every variant
// of behaviours.ts that applies, clean up after themselves, and say "differs" when the emulator is made to differ.

import {
  DIAGNOSTICS_METADATA_KEY,
  METADATA_CASES,
  TIMING,
  TRIGGER,
} from '../../src/gas/diagnostics/expectations';
import type { DiagnosticsReport } from '../../src/gas/diagnostics/report';
import { TYPED_INPUT_CASES } from '../../src/gas/diagnostics/typed-input-cases';
import { createEmulator, type Emulator, type EmulatorOptions } from '../emulator';
import { BEHAVIOURS, type Behaviour, variantMatrix } from '../emulator/behaviours';
import { ARBITRARY_METADATA_MESSAGE } from '../emulator/range';
import { loadBundle } from '../support/bundle';
import { customFunctionCells } from '../support/custom-function-cells';

const REPORT_SHEET = 'LeadScore Diagnostics';
/** Lead data that must never reach the report. */
const LEADS = [
  ['Name', 'Email', 'Company', 'Job Title'],
  ['Zebulon Quartzfeld', 'zebulon@quartzfeld-unique.example', 'Quartzfeld Widgets GmbH', 'VP Sales'],
  ['Ottilie Brennecke', 'ottilie@brennecke-unique.example', 'Brennecke & Söhne', 'Founder'],
];
const LEAD_STRINGS = LEADS.slice(1)
  .flat()
  .filter((cell) => cell !== 'VP Sales' && cell !== 'Founder');

/**
 * Probes not testable in a spreadsheet far from the 10M-cell limit (diagnostics never fills one to find out)
 * or by a script alone (a collaborator's edit), in report order.
 */
const NEVER_TESTABLE = ['spreadsheet-cell-limit/new-sheet', 'deferred-writes/collaborator-edit-lands-first'];

interface Options {
  emulator?: EmulatorOptions;
  /** false: the emulator's default evaluator (formulas read #NAME?, as if Sheets did not know LEADSCORE). */
  customFunctions?: boolean;
  /** Fills the spreadsheet to this many cells (as other sheets would), to size the timing block. */
  usedCells?: number;
}

function diagnosticsEmulator(options: Options = {}): Emulator {
  let emulator: Emulator | null = null;
  const evaluator = customFunctionCells(() => {
    if (emulator === null) throw new Error('emulator not created yet');
    return emulator;
  });
  emulator = createEmulator({
    sheets: { Leads: LEADS },
    ...(options.customFunctions === false ? {} : { evaluateFormula: evaluator }),
    ...options.emulator,
  });
  if (options.usedCells !== undefined) {
    // A sheet of 26 columns holding the rest of the cells (its grid counts towards the 10M limit; it stays empty).
    const rows = Math.floor((options.usedCells - emulator.model.cellCount()) / 26);
    emulator.addSheet('Big', [], { maxRows: rows, maxColumns: 26 });
  }
  loadBundle(emulator);
  return emulator;
}

/** The JSON report from the report sheet (joined where it continues over several cells). */
function reportOf(emulator: Emulator): DiagnosticsReport {
  const rows = emulator.sheetValues(REPORT_SHEET);
  const title = rows.findIndex((row) => String(row[0]).startsWith('JSON report'));
  expect(title).toBeGreaterThan(0);
  return JSON.parse(
    rows
      .slice(title + 1)
      .map((row) => String(row[0]))
      .join(''),
  ) as DiagnosticsReport;
}

function firstRun(emulator: Emulator): DiagnosticsReport {
  emulator.invoke('runDiagnostics');
  return reportOf(emulator);
}

function completingRun(emulator: Emulator): DiagnosticsReport {
  emulator.clock.advance(TRIGGER.afterMs + 1_000);
  expect(emulator.fireDueTriggers()).toBe(1);
  emulator.invoke('runDiagnostics');
  return reportOf(emulator);
}

function probe(report: DiagnosticsReport, id: string) {
  const found = report.probes.find((each) => each.probe === id);
  if (!found) throw new Error(`no probe ${id} in the report`);
  return found;
}

/** "probe: status" for every probe not as modelled. */
function exceptions(report: DiagnosticsReport): string[] {
  return report.probes
    .filter((each) => each.status !== 'as modelled')
    .map((each) => `${each.probe}: ${each.status}`);
}

function diagnosticsKeys(store: Map<string, string>): string[] {
  return [...store.keys()].filter((key) => key.startsWith('leadscore.diagnostics'));
}

/** Moves the pending run's start and its trigger's installation `ms` into the past. */
function ageRun(emulator: Emulator, ms: number): void {
  const store = emulator.properties.documentStore(emulator.spreadsheet.getId());
  const prefix = 'leadscore.diagnostics.run';
  const parts = Number(store.get(`${prefix}.parts`));
  const text = Array.from({ length: parts }, (_, index) => store.get(`${prefix}.${index}`) ?? '').join('');
  const run = JSON.parse(text) as { startedAt: string; trigger: { installedAt: string } | null };
  const back = (iso: string) => new Date(Date.parse(iso) - ms).toISOString();
  run.startedAt = back(run.startedAt);
  if (run.trigger) run.trigger.installedAt = back(run.trigger.installedAt);
  for (let index = 0; index < parts; index++) store.delete(`${prefix}.${index}`);
  store.set(`${prefix}.0`, JSON.stringify(run));
  store.set(`${prefix}.parts`, '1');
}

const MATRIX = variantMatrix('typedInput', 'userTriggersListTimeDriven', 'timeTriggerActiveSpreadsheet');

describe.each(MATRIX)('Run diagnostics (%s)', (_label, variant) => {
  // Dates are wall-clock times in the spreadsheet's zone: a zone away from UTC checks that too.
  const timeZone = variant.locale === 'de_DE' ? 'Europe/Berlin' : 'America/New_York';

  it('reports every probe as modelled over its two runs and leaves only its report behind', () => {
    const emulator = diagnosticsEmulator({ emulator: { ...variant, timeZone } });
    const leadsBefore = emulator.sheetValues('Leads');

    const first = firstRun(emulator);
    expect(first.complete).toBe(false);
    expect(first.probes.filter((each) => each.status === 'pending').map((each) => each.probe)).toEqual([
      'custom-function/leadscore-result',
      'custom-function/error-reads-error-value',
      'triggers/time-trigger-active-spreadsheet',
      'triggers/get-user-triggers-in-trigger-run',
    ]);
    expect(emulator.ui.alerts.at(-1)?.prompt).toMatch(/Run Help › Run diagnostics again/);
    expect(emulator.triggers.triggers.map((trigger) => trigger.handler)).toEqual([TRIGGER.handler]);

    const final = completingRun(emulator);
    expect(final.complete).toBe(true);
    const active = variant.timeTriggerHasActiveSpreadsheet === true;
    expect(exceptions(final)).toEqual(
      [...NEVER_TESTABLE, ...(active ? [] : ['triggers/get-user-triggers-in-trigger-run'])].map(
        (id) => `${id}: not testable here`,
      ),
    );
    expect(emulator.ui.alerts.at(-1)?.prompt).toMatch(/send its JSON report/);

    // Which reading of each trigger behaviour this spreadsheet shows, named as behaviours.ts names it.
    const listed = variant.userTriggersListTimeDriven ? TRIGGER.listed.yes : TRIGGER.listed.no;
    expect(probe(final, 'triggers/get-user-triggers-in-menu-run').variant).toBe(listed);
    expect(probe(final, 'triggers/time-trigger-active-spreadsheet').variant).toBe(
      active ? TRIGGER.activeSpreadsheet.yes : TRIGGER.activeSpreadsheet.no,
    );
    if (active) expect(probe(final, 'triggers/get-user-triggers-in-trigger-run').variant).toBe(listed);

    // Every probe names a behaviour of the matrix (and a variant it has); every case of the tables was probed.
    for (const each of final.probes) {
      const behaviour: Behaviour | undefined = (BEHAVIOURS as Record<string, Behaviour>)[each.behaviour];
      expect([each.probe, behaviour !== undefined]).toEqual([each.probe, true]);
      if (each.variant !== undefined) expect(Object.keys(behaviour?.variants ?? {})).toContain(each.variant);
    }
    const ids = final.probes.map((each) => each.probe);
    for (const entry of TYPED_INPUT_CASES) expect(ids).toContain(`typed-input/${entry.id}`);
    for (const entry of METADATA_CASES) expect(ids).toContain(`developer-metadata/${entry.id}`);
    expect(probe(final, 'timing/get-values').measured?.cells).toBe(TIMING.targetCells);

    // Contexts: the two menu runs and the trigger, each with where it ran.
    expect(final.contexts.map((context) => context.run)).toEqual(['menu run 1', 'trigger run', 'menu run 2']);
    expect(final.contexts[0]).toMatchObject({
      installationSource: 'WEB_STORE_ADD_ON',
      runsAs: 'add-on',
      authMode: 'FULL',
      locale: variant.locale,
      spreadsheetTimeZone: timeZone,
    });
    expect(final.contexts[1]?.locale).toBe(active ? variant.locale : null);

    // Removed: scratch sheets, the trigger, the probes' properties. Kept: the report sheet, marked as ours.
    expect(emulator.model.sheets.map((sheet) => sheet.name)).toEqual(['Leads', REPORT_SHEET]);
    expect(emulator.triggers.triggers).toEqual([]);
    expect(diagnosticsKeys(emulator.properties.userStore('user@example.com'))).toEqual([]);
    expect(diagnosticsKeys(emulator.properties.documentStore(emulator.spreadsheet.getId()))).toEqual([]);
    const marks = emulator.model.metadata.filter((meta) => meta.key === DIAGNOSTICS_METADATA_KEY);
    expect(marks.map((meta) => [meta.location.type, meta.value])).toEqual([['SHEET', 'report']]);
    expect(emulator.sheetValues('Leads')).toEqual(leadsBefore);

    // No lead data anywhere in the report sheet, JSON included.
    const text = JSON.stringify(emulator.sheetValues(REPORT_SHEET));
    for (const lead of LEAD_STRINGS) expect(text).not.toContain(lead);
  });
});

describe('Run diagnostics over time', () => {
  it('stays pending until the trigger has run, then completes; a new run starts afresh', () => {
    const emulator = diagnosticsEmulator({ usedCells: 9_800_000 });
    firstRun(emulator);
    emulator.invoke('runDiagnostics');
    const waiting = reportOf(emulator);
    expect(waiting.complete).toBe(false);
    // The formulas are read (and their sheet removed); only the trigger's probes still wait.
    expect(waiting.probes.filter((each) => each.status === 'pending').map((each) => each.probe)).toEqual([
      'triggers/time-trigger-active-spreadsheet',
      'triggers/get-user-triggers-in-trigger-run',
    ]);
    expect(probe(waiting, 'custom-function/leadscore-result').status).toBe('as modelled');
    expect(emulator.model.sheets.map((sheet) => sheet.name)).toEqual(['Leads', 'Big', REPORT_SHEET]);

    const final = completingRun(emulator);
    expect(final.complete).toBe(true);
    expect(exceptions(final)).toEqual(
      [...NEVER_TESTABLE, 'triggers/get-user-triggers-in-trigger-run'].map(
        (id) => `${id}: not testable here`,
      ),
    );
    expect(final.contexts.map((context) => context.run)).toEqual(['menu run 1', 'trigger run', 'menu run 2']);

    const again = firstRun(emulator);
    expect(again.complete).toBe(false);
    expect(again.contexts.map((context) => context.run)).toEqual(['menu run 1']);
  });

  it('sizes the timing block to the free cells, and says not testable where there is no room', () => {
    // 9.85M cells used and the scratch sheet (1,000 x 27 after the column-insert probe): 123,000 free, of which
    // 100,000 are kept in reserve.
    const roomy = diagnosticsEmulator({ usedCells: 9_850_000 });
    const report = firstRun(roomy);
    expect(probe(report, 'timing/get-values').measured?.cells).toBe(23_000);

    const full = diagnosticsEmulator({ usedCells: 9_900_000 });
    const cramped = firstRun(full);
    expect(probe(cramped, 'timing/get-values')).toMatchObject({ status: 'not testable here' });
    expect(probe(cramped, 'timing/set-values-and-flush').note).toMatch(/room for only \d+ more cells/);
    expect(probe(cramped, 'typed-input/range-5-25').status).toBe('as modelled');
  });

  it('in a spreadsheet at the cell limit: the new sheet is refused as modelled, the sheet probes are not testable, the report shows in a dialog', () => {
    const emulator = diagnosticsEmulator({ usedCells: 9_990_000 });
    emulator.invoke('runDiagnostics');
    expect(emulator.model.sheets.map((sheet) => sheet.name)).toEqual(['Leads', 'Big']);
    const html = emulator.ui.dialogs.at(-1)?.content ?? '';
    expect(html).toMatch(/No report sheet could be added \(This action would increase the number of cells/);
    const json = /<textarea readonly[^>]*>([^<]*)<\/textarea>/.exec(html)?.[1] ?? '';
    const report = JSON.parse(
      json.replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code))),
    ) as DiagnosticsReport;
    expect(probe(report, 'spreadsheet-cell-limit/new-sheet')).toMatchObject({ status: 'as modelled' });
    expect(probe(report, 'spreadsheet-cell-limit/new-sheet').observed).toMatch(
      /above the limit of 10000000 cells/,
    );
    // Every sheet probe is still listed, each saying why it could not run.
    for (const entry of TYPED_INPUT_CASES)
      expect(probe(report, `typed-input/${entry.id}`).status).toBe('not testable here');
    for (const id of [
      'timing/get-values',
      'cell-limit/over-limit-refused',
      'custom-function/leadscore-result',
    ])
      expect(probe(report, id).note).toMatch(/no scratch sheet could be added/);
  });

  it('gives up on a trigger that never ran: "differs" for an add-on, "not testable here" for a bound script or test deployment', () => {
    for (const addon of [true, false]) {
      const emulator = diagnosticsEmulator({ usedCells: 9_870_000, emulator: { addon } });
      firstRun(emulator);
      // Half an hour passes (the bundle tells time by the real clock, so the record is moved back instead).
      ageRun(emulator, TRIGGER.giveUpAfterMs + 60_000);
      emulator.invoke('runDiagnostics');
      const final = reportOf(emulator);
      expect(final.complete).toBe(true);
      const active = probe(final, 'triggers/time-trigger-active-spreadsheet');
      expect(active.status).toBe(addon ? 'differs' : 'not testable here');
      expect(`${active.observed} ${active.note ?? ''}`).toMatch(/did not run within 30 minutes/);
      expect(emulator.triggers.triggers).toEqual([]);
    }
  });

  it('completed by another user: the trigger probes are not testable here; stale findings are forgotten later', () => {
    const emulator = diagnosticsEmulator({ usedCells: 9_870_000 });
    firstRun(emulator);
    emulator.setUser('colleague@example.com');
    emulator.invoke('runDiagnostics');
    const final = reportOf(emulator);
    expect(final.complete).toBe(true);
    expect(probe(final, 'triggers/time-trigger-active-spreadsheet')).toMatchObject({
      status: 'not testable here',
    });
    expect(probe(final, 'triggers/time-trigger-active-spreadsheet').note).toMatch(
      /another user started this run/,
    );
    // The trigger still runs as the user who installed it, and leaves its findings in their properties...
    emulator.clock.advance(TRIGGER.afterMs + 1_000);
    expect(emulator.fireDueTriggers()).toBe(1);
    const store = emulator.properties.userStore('user@example.com');
    const [key = ''] = diagnosticsKeys(store);
    expect(key).toMatch(/^leadscore\.diagnostics\.trigger\./);
    // ...which that user's next run forgets once they are a day old (a fresh one may be another file's).
    emulator.setUser('user@example.com');
    firstRun(emulator);
    expect(diagnosticsKeys(store)).toContain(key);
    const findings = JSON.parse(store.get(key) ?? '{}') as { context: { at: string } };
    findings.context.at = new Date(Date.now() - 2 * 86_400_000).toISOString();
    store.set(key, JSON.stringify(findings));
    emulator.invoke('runDiagnostics');
    completingRun(emulator);
    firstRun(emulator);
    expect(diagnosticsKeys(store)).not.toContain(key);
  });

  it('with the schedule installed, leaves its trigger alone and says the trigger probes are not testable here', () => {
    const emulator = diagnosticsEmulator({
      emulator: {
        sheets: {
          Leads: [
            ['Email', 'Job Title'],
            ['a@b.example', 'VP'],
          ],
        },
      },
    });
    emulator.ui.answerAlert('YES');
    emulator.invoke('setUpScoring');
    emulator.ui.answerPrompt('1');
    emulator.invoke('scheduleRefresh');
    const before = emulator.triggers.triggers.map((trigger) => trigger.id);
    const first = firstRun(emulator);
    for (const id of ['triggers/time-trigger-active-spreadsheet', 'triggers/get-user-triggers-in-menu-run'])
      expect(probe(first, id)).toMatchObject({ status: 'not testable here' });
    expect(probe(first, 'triggers/get-user-triggers-in-menu-run').note).toMatch(/schedule/);
    emulator.invoke('runDiagnostics');
    expect(reportOf(emulator).complete).toBe(true);
    expect(emulator.triggers.triggers.map((trigger) => trigger.id)).toEqual(before);
  });
});

/** Faults that make exactly one aspect of Sheets differ from the model, and the probes that must say so. */
const DIFFERENT: [string, (emulator: Emulator) => void, string[], Options?][] = [
  [
    'a lenient Sheets that keeps "1,000" as text',
    (emulator) => {
      const row = TYPED_INPUT_CASES.findIndex((entry) => entry.id === 'grouped-thousands');
      emulator.faults.before(
        'Range.getValues',
        () => {
          // Sheets stores the queued write, then (leniently) keeps the string as given.
          emulator.flushWrites();
          const scratch = emulator.model.sheets.find((sheet) => sheet.name.includes('scratch'));
          if (scratch && scratch.values.get(row, 0) === 1000) scratch.values.set(row, 0, '1,000');
        },
        Number.POSITIVE_INFINITY,
      );
    },
    ['typed-input/grouped-thousands'],
  ],
  [
    'a Sheets that refuses metadata on a whole A1 column',
    (emulator) => emulator.faults.failOn('Range.addDeveloperMetadata', ARBITRARY_METADATA_MESSAGE),
    ['developer-metadata/whole-column-a1'],
  ],
  [
    'a Sheets that rewrites a conditional-format formula on insert',
    (emulator) => {
      let reads = 0;
      emulator.faults.before(
        'Sheet.getConditionalFormatRules',
        () => {
          // The second read is the one after the insert.
          if (++reads !== 2) return;
          const scratch = emulator.model.sheets.find((sheet) => sheet.name.includes('scratch'));
          for (const rule of scratch?.rules ?? [])
            rule.criteriaValues = rule.criteriaValues.map((value) => String(value).replace('$C2', '$D2'));
        },
        2,
      );
    },
    ['conditional-format/formula-after-column-insert'],
  ],
  [
    'a Sheets that refuses an over-long value at setValue',
    (emulator) => {
      let writes = 0;
      emulator.faults.failOn(
        (call) => call.method === 'Range.setValue' && ++writes === 2,
        'Your input contains more than the maximum of 50000 characters in a single cell.',
      );
    },
    ['deferred-writes/refused-write-fails-at-flush'],
  ],
  [
    'a slow getValues (350 ms a call)',
    (emulator) => {
      emulator.faults.before(
        'Range.getValues',
        () => {
          const until = Date.now() + 350;
          while (Date.now() < until) {
            // Busy-wait: the bundle times with the real clock.
          }
        },
        Number.POSITIVE_INFINITY,
      );
    },
    ['timing/get-values'],
    { usedCells: 9_870_000 },
  ],
  [
    'a getUserTriggers that fails',
    (emulator) => emulator.faults.failOn('ScriptApp.getUserTriggers'),
    ['triggers/get-user-triggers-in-menu-run'],
  ],
  [
    'a Sheets that does not compute custom functions (#NAME?)',
    () => undefined,
    ['custom-function/leadscore-result', 'custom-function/error-reads-error-value'],
    { customFunctions: false },
  ],
];

describe('Run diagnostics when Sheets behaves otherwise', () => {
  it.each(DIFFERENT)('%s: exactly that probe differs', (_name, fault, differing, options = {}) => {
    const emulator = diagnosticsEmulator({ usedCells: 9_870_000, ...options });
    fault(emulator);
    firstRun(emulator);
    emulator.faults.clear();
    const final = completingRun(emulator);
    expect(final.complete).toBe(true);
    expect(final.probes.filter((each) => each.status === 'differs').map((each) => each.probe)).toEqual(
      differing,
    );
    for (const id of differing) expect(probe(final, id).observed).not.toBe('');
  });

  it('a trigger that sees the spreadsheet but not its document properties: the trigger probe differs', () => {
    const emulator = diagnosticsEmulator({
      usedCells: 9_870_000,
      emulator: { timeTriggerHasActiveSpreadsheet: true },
    });
    firstRun(emulator);
    emulator.clock.advance(TRIGGER.afterMs + 1_000);
    emulator.faults.failOn('PropertiesService.getDocumentProperties');
    expect(emulator.fireDueTriggers()).toBe(1);
    emulator.invoke('runDiagnostics');
    const final = reportOf(emulator);
    expect(final.probes.filter((each) => each.status === 'differs').map((each) => each.probe)).toEqual([
      'triggers/time-trigger-active-spreadsheet',
    ]);
    expect(probe(final, 'triggers/time-trigger-active-spreadsheet').observed).toMatch(
      /active spreadsheet present, document properties absent/,
    );
  });
});
