// Diagnostics' predictions (src/gas/diagnostics) checked against the emulator itself, so the two cannot drift:
// every typed-input case against the emulator's parser, the other tables against emulated Sheets calls.

import { findTemplate } from '../../src/engine/templates';
import { leadScore } from '../../src/functions/lead-score';
import { probeLeadTable } from '../../src/gas/diagnostics/custom-function-probe';
import {
  CELL_LIMIT,
  COLUMN_INSERT,
  CUSTOM_FUNCTION,
  METADATA_CASES,
  SPREADSHEET_LIMIT,
  TIMING,
  TRIGGER,
} from '../../src/gas/diagnostics/expectations';
import {
  type CellOutcome,
  CURRENT_YEAR,
  MODELLED_LOCALES,
  TYPED_INPUT_CASES,
} from '../../src/gas/diagnostics/typed-input-cases';
import { BEHAVIOURS } from '../emulator/behaviours';
import { CELL_CHARACTER_LIMIT, writtenCell } from '../emulator/cell-value';
import { formatDate } from '../emulator/date-format';
import { COSTS, createEmulator } from '../emulator/index';
import { SPREADSHEET_CELL_LIMIT } from '../emulator/model';
import { ARBITRARY_METADATA_MESSAGE } from '../emulator/range';
import type { SheetLocale } from '../emulator/typed-input';

const TIME_ZONES = ['Etc/UTC', 'America/New_York', 'Europe/Berlin'];
const NOW = Date.UTC(2026, 6, 15, 12);

/** What the emulator stores for `input`, in the table's terms (the date as its wall-clock time in `timeZone`). */
function emulated(input: string, plainText: boolean, locale: SheetLocale, timeZone: string): CellOutcome {
  const { cell } = writtenCell(input, { locale, timeZone, now: NOW, plainText });
  if (typeof cell === 'string') return { kind: 'text', text: cell };
  if (typeof cell === 'number') return { kind: 'number', number: cell };
  if (typeof cell === 'boolean') return { kind: 'boolean', boolean: cell };
  if (cell instanceof Date)
    return { kind: 'date', wallClock: formatDate(cell.getTime(), timeZone, 'yyyy-MM-dd HH:mm:ss') };
  return cell.valid ? { kind: 'formula', formula: cell.text } : { kind: 'error' };
}

function withYear(outcome: CellOutcome, timeZone: string): CellOutcome {
  if (outcome.kind !== 'date' || !outcome.wallClock.startsWith(CURRENT_YEAR)) return outcome;
  return { kind: 'date', wallClock: formatDate(NOW, timeZone, 'yyyy') + outcome.wallClock.slice(1) };
}

describe('the typed-input table agrees with the emulator', () => {
  const rows = TYPED_INPUT_CASES.flatMap((entry) =>
    MODELLED_LOCALES.flatMap((locale) =>
      TIME_ZONES.map((timeZone) => [entry.id, locale, timeZone, entry] as const),
    ),
  );

  it.each(rows)('%s in %s, %s', (_id, locale, timeZone, entry) => {
    expect(emulated(entry.input, entry.cell === 'plain text', locale, timeZone)).toEqual(
      withYear(entry.outcome[locale], timeZone),
    );
  });

  it('covers every form the issue names, has unique ids, and keeps locale-free cases equal in both locales', () => {
    const ids = TYPED_INPUT_CASES.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    const inputs = TYPED_INPUT_CASES.map((entry) => entry.input);
    for (const form of [
      '1,000',
      '3.5',
      '10%',
      '$2.99',
      '2026-01-15',
      '2026-01-15 10:30',
      '5-25',
      '1-10',
      'TRUE',
      "'1,000",
      '=1+',
    ])
      expect(inputs).toContain(form);
    for (const start of ['+', '-', '@']) {
      const broken = TYPED_INPUT_CASES.filter(
        (entry) => entry.input.startsWith(start) && entry.outcome.en_US.kind === 'error',
      );
      expect([start, broken.length > 0]).toEqual([start, true]);
    }
    expect(TYPED_INPUT_CASES.filter((entry) => entry.cell === 'plain text').length).toBeGreaterThan(3);
    for (const entry of TYPED_INPUT_CASES.filter((each) => each.anyLocale))
      expect([entry.id, entry.outcome.de_DE]).toEqual([entry.id, entry.outcome.en_US]);
  });
});

describe('the other predictions agree with the emulator', () => {
  function scratch() {
    const emulator = createEmulator();
    const sheet = emulator.spreadsheet.getActiveSheet();
    return {
      emulator,
      sheet,
      visibility: emulator.globals.SpreadsheetApp.DeveloperMetadataVisibility.PROJECT,
    };
  }

  it.each(METADATA_CASES.map((entry) => [entry.id, entry] as const))(
    'developer metadata: %s',
    (_id, entry) => {
      const { sheet, visibility } = scratch();
      const target = entry.target;
      const range =
        target.kind === 'a1'
          ? sheet.getRange(target.a1)
          : sheet.getRange(1, target.column, sheet.getMaxRows(), 1);
      if (!entry.outcome.accepted) {
        expect(() => range.addDeveloperMetadata('k', entry.id, visibility)).toThrow(
          ARBITRARY_METADATA_MESSAGE,
        );
        return;
      }
      range.addDeveloperMetadata('k', entry.id, visibility);
      const location = sheet.createDeveloperMetadataFinder().withKey('k').find()[0]?.getLocation();
      expect(String(location?.getLocationType())).toBe(entry.outcome.locationType);
      const located = entry.outcome.locationType === 'ROW' ? location?.getRow() : location?.getColumn();
      expect(located?.getA1Notation()).toBe(entry.outcome.a1Notation);
    },
  );

  it('a column insert moves whole-column metadata and grows a rule range, keeping its formula', () => {
    const { emulator, sheet, visibility } = scratch();
    const { metadata, rule } = COLUMN_INSERT;
    sheet.getRange(metadata.a1).addDeveloperMetadata('k', 'moves', visibility);
    const built = emulator.globals.SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied(rule.formula)
      .setBackground('#f4cccc')
      .setRanges([sheet.getRange(rule.range)])
      .build();
    sheet.setConditionalFormatRules([built]);
    sheet.insertColumnBefore(COLUMN_INSERT.insertColumnBefore);
    const location = sheet.createDeveloperMetadataFinder().withKey('k').find()[0]?.getLocation();
    expect(location?.getColumn()?.getA1Notation()).toBe(metadata.after);
    const [after] = sheet.getConditionalFormatRules();
    expect(after?.getRanges().map((range) => range.getA1Notation())).toEqual([rule.rangeAfter]);
    expect(after?.getBooleanCondition().getCriteriaValues()).toEqual([rule.formulaAfter]);
  });

  it('the cell limit: the limit is accepted, one more is refused at the flush, not at setValue', () => {
    expect(CELL_LIMIT.characters).toBe(CELL_CHARACTER_LIMIT);
    const { emulator, sheet } = scratch();
    sheet.getRange('A1').setValue('x'.repeat(CELL_LIMIT.characters));
    emulator.globals.SpreadsheetApp.flush();
    expect(String(sheet.getRange('A1').getValue())).toHaveLength(CELL_LIMIT.characters);
    expect(() => sheet.getRange('A2').setValue('x'.repeat(CELL_LIMIT.characters + 1))).not.toThrow();
    expect(CELL_LIMIT.refusedAt).toBe('flush');
    expect(() => emulator.globals.SpreadsheetApp.flush()).toThrow(/maximum of 50000 characters/);
  });

  it('timing is judged against the constants the emulator prices calls with', () => {
    expect(TIMING.bound).toEqual(COSTS.high);
    expect(TIMING.central).toEqual(COSTS.central);
    const emulator = createEmulator({ cost: 'high' });
    const sheet = emulator.spreadsheet.getActiveSheet();
    emulator.calls.reset();
    sheet.getRange(1, 1, 10, 10).getValues();
    // A Sheet.getRange is a builder: one round trip and 100 cells read.
    expect(emulator.calls.modelledMs()).toBeCloseTo(TIMING.bound.roundTripMs + 100 * TIMING.bound.cellReadMs);
  });

  it("the spreadsheet limit and a new sheet's size are the emulator's", () => {
    expect(SPREADSHEET_LIMIT.cells).toBe(SPREADSHEET_CELL_LIMIT);
    const emulator = createEmulator();
    const before = emulator.model.cellCount();
    emulator.spreadsheet.insertSheet('New');
    expect(emulator.model.cellCount() - before).toBe(SPREADSHEET_LIMIT.newSheetCells);
  });

  it('trigger readings are named as behaviours.ts names its variants', () => {
    const listed = Object.keys(BEHAVIOURS.userTriggersListTimeDriven.variants);
    expect(listed.sort()).toEqual([TRIGGER.listed.no, TRIGGER.listed.yes].sort());
    const active = Object.keys(BEHAVIOURS.timeTriggerActiveSpreadsheet.variants);
    expect(active.sort()).toEqual([TRIGGER.activeSpreadsheet.no, TRIGGER.activeSpreadsheet.yes].sort());
  });

  it("the custom-function probe's lead has every column its template reads, and its date moves the score", () => {
    expect(findTemplate(CUSTOM_FUNCTION.template)).toBeDefined();
    expect(findTemplate(CUSTOM_FUNCTION.unknownTemplate)).toBeUndefined();
    const now = new Date(NOW);
    const [header = [], lead = []] = probeLeadTable(now.getTime());
    const score = (row: unknown[]) =>
      (leadScore([header, row], CUSTOM_FUNCTION.template, CUSTOM_FUNCTION.fields, now) as unknown[][])[1];
    const dated = score(lead);
    expect(typeof dated?.[0]).toBe('number');
    // A date Sheets handed over as text or not at all would change the score: the probe can tell.
    const undated = score(lead.map((cell) => (cell instanceof Date ? String(cell) : cell)));
    expect(undated?.[0]).not.toBe(dated?.[0]);
  });
});
