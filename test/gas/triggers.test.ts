// The add-on's triggers on the built bundle, under every reading of the unverified trigger behaviours:
// getUserTriggers with and without time-driven triggers, time triggers with and without an active spreadsheet.
import { refreshLeadScores } from '../../src/gas/refresh';
import { type Emulator, installGlobals } from '../emulator';
import { variantMatrix } from '../emulator/behaviours';
import { columnOf, isDate, manyRows, NOW, sampleRows, setUp, sheetOf, values } from './support/lead-sheet';

const MATRIX = variantMatrix('userTriggersListTimeDriven', 'timeTriggerActiveSpreadsheet');

function ownTriggers(emulator: Emulator): string[] {
  return emulator.globals.ScriptApp.getProjectTriggers()
    .map((trigger) => trigger.getHandlerFunction())
    .sort();
}

function documentState(emulator: Emulator, key: string): Record<string, unknown> {
  return JSON.parse(
    emulator.properties.documentStore(emulator.spreadsheet.getId()).get(key) ?? '{}',
  ) as Record<string, unknown>;
}

describe.each(MATRIX)('triggers (%s)', (_label, options) => {
  it('installs the schedule and change triggers once, however often it is asked, and removes them all', () => {
    const emulator = setUp(sampleRows(), options);
    emulator.ui.answerPrompt('4');
    emulator.invoke('scheduleRefresh');
    emulator.ui.answerPrompt('1');
    emulator.invoke('scheduleRefresh');
    expect(ownTriggers(emulator)).toEqual(['onLeadSheetChange', 'onLeadSheetEdit', 'onScheduledRefresh']);
    emulator.ui.answerPrompt('3');
    emulator.invoke('scheduleRefresh');
    expect(emulator.ui.alerts.at(-1)?.prompt).toMatch(/'3' is not one of 1, 2, 4, 6, 12, 24/);
    expect(ownTriggers(emulator)).toHaveLength(3);
    emulator.invoke('stopSchedule');
    expect(ownTriggers(emulator)).toEqual([]);
    // And a schedule can be installed again afterwards (no stale time trigger blocks it).
    emulator.ui.answerPrompt('2');
    emulator.invoke('scheduleRefresh');
    expect(ownTriggers(emulator)).toEqual(['onLeadSheetChange', 'onLeadSheetEdit', 'onScheduledRefresh']);
  });

  it('the scheduled run refreshes when it has the spreadsheet, and ends quietly when it has none', () => {
    const emulator = setUp(sampleRows(), options);
    emulator.ui.answerPrompt('1');
    emulator.invoke('scheduleRefresh');
    emulator.clock.advance(3 * 86_400_000);
    const before = values(emulator, 'LeadScore Rules');
    expect(() => emulator.fireTrigger('onScheduledRefresh')).not.toThrow();
    if (!options.timeTriggerHasActiveSpreadsheet) {
      expect(values(emulator, 'LeadScore Rules')).toEqual(before);
      expect(documentState(emulator, 'leadscore.status')).toMatchObject({ reason: 'setup' });
      return;
    }
    const asOf = values(emulator, 'LeadScore Rules').find((row) => row[0] === 'As of')?.[1];
    expect(isDate(asOf) && asOf.getTime()).toBeGreaterThan(NOW);
    expect(documentState(emulator, 'leadscore.status')).toMatchObject({ reason: 'schedule', result: 'done' });
    const log = values(emulator, 'LeadScore Log');
    expect(log[0]).toEqual(['Time', 'Trigger', 'Result', 'Rows scored', 'Duration (ms)', 'Message']);
    expect(log.at(-1)?.slice(1, 4)).toEqual(['schedule', 'done', 200]);
    emulator.invoke('showHelp');
    const help = emulator.ui.alerts.at(-1)?.prompt ?? '';
    expect(help).toMatch(/Schedule: every 1 h \(next run about \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\)/);
    expect(help).toMatch(/Last run: .* \(schedule\) done, 200 rows in \d+ ms/);
  });

  it('a long refresh continues on its one-off trigger, or at the next Score now when that trigger has no spreadsheet', () => {
    const emulator = setUp(manyRows(1500), options);
    const uninstall = installGlobals(emulator);
    try {
      const spreadsheet = emulator.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
      emulator.clock.advance(60_000);
      const first = emulator.run(() => refreshLeadScores(spreadsheet, { reason: 'menu', chunkRows: 1000 }));
      expect(first.status).toBe('continuing');
      expect(ownTriggers(emulator)).toContain('continueRefresh');
      expect(() => emulator.fireTrigger('continueRefresh')).not.toThrow();
      if (!options.timeTriggerHasActiveSpreadsheet) {
        // Nothing could run: still only the first 1,000 rows carry this run's stamp. The work stays recorded
        // in the document, and the next menu run finishes it.
        const times = columnOf(emulator, 'Scored at').map((cell) => (isDate(cell) ? cell.getTime() : 0));
        const latest = Math.max(...times);
        expect(times.filter((time) => time === latest)).toHaveLength(1000);
        emulator.invoke('scoreNow');
      }
      const stamps = new Set(
        columnOf(emulator, 'Scored at').map((cell) => (isDate(cell) ? cell.getTime() : cell)),
      );
      expect(stamps.size).toBe(1);
      expect(columnOf(emulator, 'Lead Score').every((score) => typeof score === 'number')).toBe(true);
      expect(
        ownTriggers(emulator).filter((handler) => handler === 'continueRefresh').length,
      ).toBeLessThanOrEqual(options.timeTriggerHasActiveSpreadsheet ? 0 : 1);
    } finally {
      uninstall();
    }
  });

  it('scores only appended rows on an import (onChange), and only the edited row on an edit', () => {
    const emulator = setUp(sampleRows(), options);
    const sheet = sheetOf(emulator);
    const stampsBefore = columnOf(emulator, 'Scored at').map((cell) =>
      isDate(cell) ? cell.getTime() : cell,
    );
    emulator.clock.advance(60_000);
    const extra = sampleRows().slice(1, 4);
    const width = (sampleRows()[0] ?? []).length;
    sheet.getRange(sheet.getLastRow() + 1, 1, extra.length, width).setValues(extra);
    emulator.fireTrigger('onLeadSheetChange', { changeType: 'INSERT_ROW' });
    const stampsAfter = columnOf(emulator, 'Scored at').map((cell) => (isDate(cell) ? cell.getTime() : cell));
    expect(stampsAfter.slice(0, 200)).toEqual(stampsBefore);
    expect(columnOf(emulator, 'Lead Score').slice(200)).toEqual(columnOf(emulator, 'Lead Score').slice(0, 3));
    expect(stampsAfter.slice(200).every((stamp) => typeof stamp === 'number' && stamp > NOW)).toBe(true);

    emulator.clock.advance(60_000);
    const titleColumn = (values(emulator)[0] ?? []).indexOf('Job Title') + 1;
    sheet.getRange(5, titleColumn).setValue('Chief Revenue Officer');
    emulator.fireTrigger('onLeadSheetEdit', { range: sheet.getRange(5, titleColumn) });
    const stampsEdited = columnOf(emulator, 'Scored at').map((cell) =>
      isDate(cell) ? cell.getTime() : cell,
    );
    expect(stampsEdited.filter((stamp, index) => stamp !== stampsAfter[index])).toHaveLength(1);
    expect(stampsEdited[3]).not.toBe(stampsAfter[3]);
  });
});
