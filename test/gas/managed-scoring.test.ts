// Managed scoring end to end: the built bundle in the emulator, through the menu handlers and triggers.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { scoreTable } from '../../src/engine/scorer';
import { findTemplate } from '../../src/engine/templates';
import { refreshLeadScores } from '../../src/gas/refresh';
import { createEmulator, type Emulator, installGlobals } from '../emulator';
import { loadBundle, REPO_ROOT } from '../support/bundle';

const SHEET = 'Contacts';
const OWNED_HEADERS = ['Lead Score', 'Fit', 'Intent', 'Band', 'Reasons', 'Scored at', 'Model version'];
const NOW = Date.UTC(2026, 10, 20, 9);

function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** The bundled sample as Sheets holds it after an import: numbers and dates typed. */
function sampleRows(): unknown[][] {
  const rows = parse(readFileSync(join(REPO_ROOT, 'samples/hubspot-contacts.csv'), 'utf8')) as string[][];
  return rows.map((row, index) =>
    index === 0
      ? row
      : row.map((cell) => {
          if (/^\d+$/.test(cell)) return Number(cell);
          if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(cell)) return new Date(`${cell.replace(' ', 'T')}:00Z`);
          return cell;
        }),
  );
}

/** `count` generated leads in the sample's columns (for the large-sheet tests). */
function manyRows(count: number): unknown[][] {
  const [header = [], ...sample] = sampleRows();
  return [header, ...Array.from({ length: count }, (_, index) => [...(sample[index % sample.length] ?? [])])];
}

function loaded(sheets: Record<string, unknown[][]>): Emulator {
  const emulator = createEmulator({ sheets, startTime: NOW });
  loadBundle(emulator);
  return emulator;
}

function setUp(rows: unknown[][] = sampleRows()): Emulator {
  const emulator = loaded({ [SHEET]: rows });
  emulator.ui.answerAlert('YES');
  emulator.invoke('setUpScoring');
  return emulator;
}

function values(emulator: Emulator, sheet = SHEET): unknown[][] {
  return emulator.sheetValues(sheet);
}

function columnOf(emulator: Emulator, header: string): unknown[] {
  const grid = values(emulator);
  const index = (grid[0] ?? []).indexOf(header);
  if (index < 0) throw new Error(`no column '${header}' in ${JSON.stringify(grid[0])}`);
  return grid.slice(1).map((row) => row[index]);
}

/** A hash of every cell outside the add-on's columns. */
function userCellsHash(emulator: Emulator): string {
  const grid = values(emulator);
  const owned = new Set(
    (grid[0] ?? []).flatMap((cell, index) => (OWNED_HEADERS.includes(String(cell)) ? [index] : [])),
  );
  const user = grid.map((row) =>
    row.filter((_, index) => !owned.has(index)).map((cell) => (isDate(cell) ? cell.toISOString() : cell)),
  );
  return createHash('sha256').update(JSON.stringify(user)).digest('hex');
}

function wholeSheetHash(emulator: Emulator): string {
  const grid = values(emulator).map((row) => row.map((cell) => (isDate(cell) ? cell.toISOString() : cell)));
  return createHash('sha256').update(JSON.stringify(grid)).digest('hex');
}

function lastToast(emulator: Emulator): string {
  return emulator.ui.toasts.at(-1)?.message ?? '';
}

function sheetOf(emulator: Emulator, name = SHEET) {
  const sheet = emulator.spreadsheet.getSheetByName(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

describe('Set up scoring and Score now', () => {
  it('adds the owned columns, scores every lead like the engine, and leaves every user cell unchanged', () => {
    const rows = sampleRows();
    const emulator = loaded({ [SHEET]: rows });
    const before = userCellsHash(emulator);
    emulator.ui.answerAlert('YES');
    emulator.invoke('setUpScoring');
    emulator.invoke('scoreNow');
    expect((values(emulator)[0] ?? []).slice(-7)).toEqual(OWNED_HEADERS);
    expect(userCellsHash(emulator)).toBe(before);
    const template = findTemplate('b2b-services');
    // Score now moved the rules sheet's "As of" to the time it ran: the engine scores with the same date.
    const asOf = values(emulator, 'LeadScore Rules').find((row) => row[0] === 'As of')?.[1];
    if (!isDate(asOf)) throw new Error('Score now left no As of date');
    const { results } = scoreTable(
      template?.model ?? ({} as never),
      rows[0] ?? [],
      rows.slice(1),
      new Date(asOf.getTime()),
    );
    expect(columnOf(emulator, 'Lead Score')).toEqual(results.map((result) => result.score));
    expect(columnOf(emulator, 'Band')).toEqual(results.map((result) => result.band));
    expect(lastToast(emulator)).toBe("Scored 200 leads in 'Contacts'.");
    expect(emulator.spreadsheet.getSheetByName('LeadScore Rules')).not.toBeNull();
    expect(emulator.spreadsheet.getRangeByName('LeadScoreRules')).not.toBeNull();
  });

  it("keeps the user's conditional-format rules, first and unchanged, and adds one rule per band", () => {
    const emulator = loaded({ [SHEET]: sampleRows() });
    const sheet = sheetOf(emulator);
    const own = emulator.globals.SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied('=$A2>51300')
      .setBackground('#00ff00')
      .setRanges([sheet.getRange('A2:A201')])
      .build();
    sheet.setConditionalFormatRules([own]);
    emulator.ui.answerAlert('YES');
    emulator.invoke('setUpScoring');
    emulator.invoke('scoreNow');
    const rules = sheet.getConditionalFormatRules().map((rule) => ({
      formula: String(rule.getBooleanCondition()?.getCriteriaValues()[0]),
      colour: rule.getBooleanCondition()?.getBackground(),
    }));
    expect(rules[0]).toEqual({ formula: '=$A2>51300', colour: '#00ff00' });
    // Nurture, MQL, Sales, Priority, Disqualified, Needs review; refreshed, never duplicated.
    expect(rules).toHaveLength(7);
    expect(rules.filter((rule) => rule.formula.includes('"Priority"'))).toHaveLength(1);
  });

  it('finds its columns through developer metadata after the user inserts columns before them', () => {
    const emulator = setUp();
    const sheet = sheetOf(emulator);
    sheet.insertColumnsBefore(2, 2);
    sheet.getRange(1, 2, 1, 2).setValues([['Notes', 'Owner']]);
    sheet.getRange(2, 2, 1, 2).setValues([['call back', 'sam']]);
    const before = userCellsHash(emulator);
    emulator.invoke('scoreNow');
    const header = values(emulator)[0] ?? [];
    expect(header.filter((cell) => cell === 'Lead Score')).toHaveLength(1);
    expect(header.slice(-7)).toEqual(OWNED_HEADERS);
    expect(userCellsHash(emulator)).toBe(before);
    expect(values(emulator)[1]?.slice(1, 3)).toEqual(['call back', 'sam']);
  });

  it("never adopts a user's column that shares a header: ours is called LeadScore Band", () => {
    const rows = sampleRows().map((row, index) => [...row, index === 0 ? 'Band' : 'my band']);
    const emulator = setUp(rows);
    const header = values(emulator)[0] ?? [];
    expect(header).toContain('LeadScore Band');
    expect(columnOf(emulator, 'Band').every((cell) => cell === 'my band')).toBe(true);
  });

  it('writes nothing when the rules are invalid, and says which rule is wrong', () => {
    const emulator = setUp();
    const rules = sheetOf(emulator, 'LeadScore Rules');
    const grid = rules.getDataRange().getValues();
    const row = grid.findIndex((cells) => cells[1] === 'demo-requested');
    const pointsColumn = (grid.find((cells) => cells.includes('Points')) ?? []).indexOf('Points');
    rules.getRange(row + 1, pointsColumn + 1).setValue('lots');
    const before = wholeSheetHash(emulator);
    emulator.invoke('scoreNow');
    expect(wholeSheetHash(emulator)).toBe(before);
    expect(lastToast(emulator)).toMatch(/Nothing was written.*demo-requested.*Points.*lots/s);
  });

  it('keeps formula-looking text inert, from lead data and from rule labels', () => {
    const rows = sampleRows();
    const titleColumn = (rows[0] ?? []).indexOf('Job Title');
    (rows[1] as unknown[])[titleColumn] = '=IMPORTXML("http://evil.example","//a")';
    const emulator = setUp(rows);
    const rules = sheetOf(emulator, 'LeadScore Rules');
    const grid = rules.getDataRange().getValues();
    const labelColumn = (grid.find((cells) => cells.includes('Label')) ?? []).indexOf('Label');
    grid.forEach((cells, index) => {
      if (cells[1] === 'email-given')
        rules.getRange(index + 1, labelColumn + 1).setValue('\'=HYPERLINK("http://evil.example")');
    });
    emulator.invoke('scoreNow');
    const sheet = sheetOf(emulator);
    const formulas = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getFormulas();
    const header = values(emulator)[0] ?? [];
    const ownedStart = header.indexOf('Lead Score');
    const ownedFormulas = formulas
      .flatMap((row) => row.slice(ownedStart))
      .filter((formula) => formula !== '');
    expect(ownedFormulas).toEqual([]);
    expect(
      columnOf(emulator, 'Reasons').some((text) =>
        String(text).includes('=HYPERLINK("http://evil.example")'),
      ),
    ).toBe(true);
    // The lead's own cell is the user's: the add-on leaves it exactly as it was.
    expect(formulas[1]?.[titleColumn]).toBe('=IMPORTXML("http://evil.example","//a")');
  });
});

describe('bad sheets get a clear message and nothing written', () => {
  it.each<[string, unknown[][], RegExp]>([
    [
      'no header row',
      [
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ],
      /No header row found in the first 10 rows of 'Contacts'/,
    ],
    ['an empty sheet', [], /The sheet 'Contacts' is empty: import your leads first/],
  ])('%s', (_name, rows, message) => {
    const emulator = loaded({ [SHEET]: rows });
    const before = wholeSheetHash(emulator);
    emulator.ui.answerAlert('YES');
    emulator.invoke('setUpScoring');
    expect(emulator.ui.alerts.at(-1)?.prompt).toMatch(message);
    expect(wholeSheetHash(emulator)).toBe(before);
    expect(emulator.spreadsheet.getSheetByName('LeadScore Rules')).toBeNull();
  });

  it('duplicate headers: names the columns by letter and writes no score', () => {
    const rows = sampleRows().map((row, index) => [...row, index === 0 ? 'Email' : 'dup@acme.com']);
    const emulator = setUp(rows);
    expect(emulator.ui.alerts.at(-1)?.prompt).toMatch(
      /Duplicate column names: D and W are all called 'Email'/,
    );
    expect(columnOf(emulator, 'Lead Score').every((cell) => cell === '')).toBe(true);
  });

  it('Score now before setup says how to start', () => {
    const emulator = loaded({ [SHEET]: sampleRows() });
    emulator.invoke('scoreNow');
    expect(lastToast(emulator)).toMatch(/Set up scoring/);
  });

  it('a busy document lock gives a clear message and no write', () => {
    const emulator = setUp();
    const before = wholeSheetHash(emulator);
    emulator.ui.toasts.length = 0;
    const release = emulator.holdLock('document');
    emulator.invoke('scoreNow');
    release();
    expect(lastToast(emulator)).toBe('Another LeadScore refresh is running; try again in a minute.');
    expect(wholeSheetHash(emulator)).toBe(before);
  });
});

describe('triggers', () => {
  function ownTriggers(emulator: Emulator) {
    return emulator.globals.ScriptApp.getProjectTriggers()
      .map((trigger) => trigger.getHandlerFunction())
      .sort();
  }

  it('installs the schedule and change triggers once, however often it is asked', () => {
    const emulator = setUp();
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
  });

  it('the scheduled run moves the rules sheet\'s "As of" on and records status and the log', () => {
    const emulator = setUp();
    emulator.ui.answerPrompt('1');
    emulator.invoke('scheduleRefresh');
    emulator.clock.advance(3 * 86_400_000);
    emulator.fireTrigger('onScheduledRefresh');
    const asOf = values(emulator, 'LeadScore Rules').find((row) => row[0] === 'As of')?.[1];
    expect(isDate(asOf) && asOf.getTime()).toBeGreaterThan(NOW);
    const status = JSON.parse(
      emulator.properties.documentStore(emulator.spreadsheet.getId()).get('leadscore.status') ?? '{}',
    ) as {
      reason?: string;
      result?: string;
    };
    expect(status).toMatchObject({ reason: 'schedule', result: 'done' });
    const log = values(emulator, 'LeadScore Log');
    expect(log[0]).toEqual(['Time', 'Trigger', 'Result', 'Rows scored', 'Duration (ms)', 'Message']);
    expect(log.at(-1)?.slice(1, 4)).toEqual(['schedule', 'done', 200]);
    emulator.invoke('showHelp');
    const help = emulator.ui.alerts.at(-1)?.prompt ?? '';
    expect(help).toMatch(/Schedule: every 1 h \(next run about \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\)/);
    expect(help).toMatch(/Last run: .* \(schedule\) done, 200 rows in \d+ ms/);
  });

  it('scores only appended rows on an import (onChange), and only the edited row on an edit', () => {
    const emulator = setUp();
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

describe('long sheets', () => {
  it('continues across executions and scores every row exactly once, with appends and a sort in between', () => {
    const emulator = setUp(manyRows(3000));
    const uninstall = installGlobals(emulator);
    try {
      const spreadsheet = emulator.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
      const sheet = sheetOf(emulator);
      emulator.clock.advance(60_000);
      const first = emulator.run(() => refreshLeadScores(spreadsheet, { reason: 'menu', chunkRows: 1000 }));
      expect(first.status).toBe('continuing');
      expect(first.message).toMatch(/Scored 1,000 of 3,000 leads; the rest continues in about a minute/);
      const continuation = emulator.globals.ScriptApp.getProjectTriggers().filter(
        (trigger) => trigger.getHandlerFunction() === 'continueRefresh',
      );
      expect(continuation).toHaveLength(1);

      // Between executions: an import appends rows and a user sorts the sheet.
      for (const row of manyRows(5).slice(1)) sheet.appendRow(row);
      sheet.setFrozenRows(1);
      sheet.sort(2, false);

      let total = first.rowsScored;
      let outcome = first;
      for (let run = 0; run < 5 && outcome.status === 'continuing'; run++) {
        outcome = emulator.run(() => refreshLeadScores(spreadsheet, { reason: 'continue', chunkRows: 1000 }));
        total += outcome.rowsScored;
      }
      expect(outcome.status).toBe('done');
      expect(total).toBe(3005);
      const stamps = new Set(
        columnOf(emulator, 'Scored at').map((cell) => (isDate(cell) ? cell.getTime() : cell)),
      );
      expect(stamps.size).toBe(1);
      expect(columnOf(emulator, 'Lead Score').every((score) => typeof score === 'number')).toBe(true);
    } finally {
      uninstall();
    }
  });

  it('scores 100,000 rows with the same number of service calls as 1,000', () => {
    const callsFor = (count: number): { calls: number; emulator: Emulator } => {
      const emulator = setUp(manyRows(count));
      emulator.calls.reset();
      emulator.invoke('scoreNow');
      return { calls: emulator.calls.total(), emulator };
    };
    const small = callsFor(1_000);
    const large = callsFor(100_000);
    expect(large.calls).toBe(small.calls);
    const scores = columnOf(large.emulator, 'Lead Score');
    expect(scores).toHaveLength(100_000);
    expect(scores.every((score) => typeof score === 'number')).toBe(true);
    expect(lastToast(large.emulator)).toBe("Scored 100,000 leads in 'Contacts'.");
  });
});
