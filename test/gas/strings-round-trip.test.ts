// Every kind of string the add-on writes comes back unchanged from a spreadsheet that parses typed input, in each
// modelled locale: labels, bands, actions, reasons, titles, fingerprints, status, log, calibration and its JSON;
// and every fixture model written to the rules sheet reads back as an equal validated model.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import type { ScoringModel } from '../../src/engine/model';
import { scoreTable } from '../../src/engine/scorer';
import { TEMPLATES } from '../../src/engine/templates';
import { validateModel } from '../../src/engine/validate';
import { modelVersion, readRules, writeRules } from '../../src/gas/rules-store';
import { createEmulator, installGlobals } from '../emulator';
import { variantsOf } from '../emulator/behaviours';
import { modelArb } from '../engine/support/model-arbitrary';
import { makeModel } from '../engine/support/model-factory';
import { REPO_ROOT } from '../support/bundle';
import { columnOf, loaded, SHEET, sampleRows, values } from './support/lead-sheet';

/** Strings Sheets would turn into formulas, errors, numbers, dates or booleans if written bare. */
const TRICKY = [
  '=1+1',
  '+25 Demo requested',
  '-10 gmail address',
  '@mention',
  '1-10',
  '5-25',
  '1,000',
  '1.000',
  '1,5',
  '10%',
  '$5',
  '5 €',
  'TRUE',
  'WAHR',
  '2026-01-01',
  '15.01.2026',
  '1/2',
  '007',
  "'quoted",
  '(5)',
];

/** The b2b template with every label, band, action and stage replaced by a tricky string. */
function trickyModel(): ScoringModel {
  const base = TEMPLATES.find((template) => template.id === 'b2b-services')?.model;
  if (!base) throw new Error('the b2b-services template is missing');
  let next = 0;
  const pick = () => TRICKY[next++ % TRICKY.length] as string;
  const draft = structuredClone(base) as ScoringModel;
  draft.name = '=IMPORTXML("http://x","//a")';
  draft.bands = draft.bands.map((band, index) => ({
    ...band,
    name: TRICKY[index] as string,
    action: pick(),
  }));
  draft.disqualifiedBand = { ...draft.disqualifiedBand, name: '-', action: pick() };
  if (draft.missingData)
    draft.missingData = { ...draft.missingData, band: { ...draft.missingData.band, name: '+' } };
  for (const group of draft.groups) for (const rule of group.rules) rule.label = `${pick()} ${rule.id}`;
  for (const rule of draft.disqualifiers) rule.reason = pick();
  const checked = validateModel(draft);
  if (!checked.ok)
    throw new Error(`the tricky model is invalid: ${JSON.stringify(checked.issues.slice(0, 3))}`);
  return checked.model;
}

/** Every cell of an add-on sheet that holds a formula or an error value (none may). */
function formulasAndErrors(emulator: ReturnType<typeof createEmulator>, sheet: string): string[] {
  const found: string[] = [];
  const range = emulator.spreadsheet.getSheetByName(sheet)?.getDataRange();
  if (!range) return found;
  const formulas = range.getFormulas();
  range.getValues().forEach((row, r) => {
    row.forEach((cell, c) => {
      if (formulas[r]?.[c] !== '' || (typeof cell === 'string' && /^#[A-Z/0!?]+[!?A]?$/.test(cell)))
        found.push(`${sheet}!R${r + 1}C${c + 1}: ${String(cell)}`);
    });
  });
  return found;
}

describe.each(variantsOf('typedInput'))(
  'strings the add-on writes read back unchanged (%s)',
  (_label, options) => {
    it('rules sheet, lead-sheet columns and titles, status, log, calibration sheet and its JSON', () => {
      const model = trickyModel();
      const rows = sampleRows();
      const header = rows[0] ?? [];
      // An outcome column for calibration.
      const withOutcome = rows.map((row, index) =>
        index === 0 ? [...row, 'Deal Outcome'] : [...row, index % 3 === 0 ? 'Customer' : 'Lead'],
      );
      const emulator = loaded({ [SHEET]: withOutcome }, options);
      emulator.ui.answerAlert('YES');
      emulator.invoke('setUpScoring');
      const applied = emulator.invoke('sidebarApply', [{ draft: model }]) as { ok: boolean };
      expect(applied.ok).toBe(true);

      // Rules sheet: the model reads back equal.
      const state = emulator.invoke('sidebarGetState') as { model: ScoringModel; issues: unknown[] };
      expect(state.issues).toEqual([]);
      if (!isDeepStrictEqual(state.model, model)) expect(state.model).toStrictEqual(model);

      // Lead sheet: bands, reasons and fingerprints exactly as the engine produced them, titles as named.
      const asOf = values(emulator, 'LeadScore Rules').find((row) => row[0] === 'As of')?.[1] as Date;
      const { results } = scoreTable(
        model,
        [...header, 'Deal Outcome'],
        withOutcome.slice(1),
        new Date(asOf.getTime()),
      );
      expect(columnOf(emulator, 'Band')).toEqual(results.map((result) => result.band));
      expect(columnOf(emulator, 'Reasons')).toEqual(
        results.map(
          (result) =>
            `${result.reasons}${result.problems.length > 0 ? ` (check: ${result.problems.join('; ')})` : ''}`,
        ),
      );
      expect(new Set(columnOf(emulator, 'Model version'))).toEqual(new Set([modelVersion(model)]));
      expect((values(emulator)[0] ?? []).slice(-7)).toEqual([
        'Lead Score',
        'Fit',
        'Intent',
        'Band',
        'Reasons',
        'Scored at',
        'Model version',
      ]);

      // Status and log: the log's message is the status message, character for character.
      const status = JSON.parse(
        emulator.properties.documentStore(emulator.spreadsheet.getId()).get('leadscore.status') ?? '{}',
      ) as { message: string; reason: string };
      const log = values(emulator, 'LeadScore Log');
      expect(log.at(-1)?.slice(1, 3)).toEqual([status.reason, 'done']);
      expect(log.at(-1)?.[5]).toBe(status.message);

      // Calibration: labels, rates and the suggested model's JSON, which reads back as the same model.
      const calibrated = emulator.invoke('sidebarCalibrate', [{ outcomeColumn: 'Deal Outcome' }]) as {
        ok: boolean;
        suggestion: unknown;
      };
      expect(calibrated.ok).toBe(true);
      const sheet = values(emulator, 'LeadScore Calibration');
      const json = sheet
        .find((row) => row[0] === 'Suggested model (JSON)')
        ?.slice(1)
        .join('');
      expect(JSON.parse(String(json))).toEqual(calibrated.suggestion);
      const ruleRows = sheet.slice(sheet.findIndex((row) => row[0] === 'Rule') + 1);
      const labels = ruleRows
        .slice(
          0,
          ruleRows.findIndex((row) => row[0] === ''),
        )
        .map((row) => row[0]);
      const modelLabels = new Set([
        ...model.groups.flatMap((group) => group.rules.map((rule) => rule.label)),
        ...model.disqualifiers.map((rule) => rule.reason),
      ]);
      expect(labels.length).toBeGreaterThan(0);
      for (const label of labels) expect(modelLabels.has(String(label))).toBe(true);

      // No add-on sheet holds a formula or an error value anywhere.
      for (const name of [SHEET, 'LeadScore Rules', 'LeadScore Log', 'LeadScore Calibration'])
        expect(formulasAndErrors(emulator, name)).toEqual([]);
    });
  },
);

/** Model fixtures: the templates, the engine tests' factory model, and the sample export's header as a model name. */
function fixtureModels(): [string, ScoringModel][] {
  const header = (
    parse(readFileSync(join(REPO_ROOT, 'samples/hubspot-contacts.csv'), 'utf8')) as string[][]
  )[0];
  return [
    ...TEMPLATES.map((template): [string, ScoringModel] => [`template ${template.id}`, template.model]),
    ['model-factory default', makeModel()],
    ['tricky labels', trickyModel()],
    ['sample header as names', makeModel({ name: (header ?? []).join(',') })],
  ];
}

describe.each(variantsOf('typedInput'))('models through the rules sheet (%s)', (_label, options) => {
  function roundTrip(model: ScoringModel): ScoringModel {
    const emulator = createEmulator({ ...options, sheets: { Leads: [['Email']] }, cost: 0 });
    const uninstall = installGlobals(emulator);
    try {
      const ss = emulator.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
      emulator.run(() => writeRules(ss, model, new Date(Date.UTC(2026, 0, 2))));
      const read = emulator.run(() => readRules(ss));
      if (!read.ok) throw new Error(`rules did not read back: ${read.message}`);
      return read.model;
    } finally {
      uninstall();
    }
  }

  it.each(fixtureModels())('%s reads back as the same validated model', (_name, model) => {
    const validated = validateModel(model);
    if (!validated.ok) throw new Error('fixture is invalid');
    const back = roundTrip(validated.model);
    if (!isDeepStrictEqual(back, validated.model)) expect(back).toStrictEqual(validated.model);
  });

  it('generated models (model-arbitrary) read back equal', () => {
    fc.assert(
      fc.property(modelArb, (model) => {
        const back = roundTrip(model);
        if (!isDeepStrictEqual(back, model)) expect(back).toStrictEqual(model);
      }),
      { numRuns: 40 },
    );
  });
});
