// Managed scoring end to end: the built bundle in the emulator, through the menu handlers and triggers.
import { scoreTable } from '../../src/engine/scorer';
import { findTemplate } from '../../src/engine/templates';
import { refreshLeadScores } from '../../src/gas/refresh';
import { type Emulator, installGlobals } from '../emulator';
import {
  columnOf,
  isDate,
  lastToast,
  loaded,
  manyRows,
  OWNED_HEADERS,
  SHEET,
  sampleRows,
  setUp,
  sheetOf,
  userCellsHash,
  values,
  wholeSheetHash,
} from './support/lead-sheet';

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

describe('a collaborator changes the sheet while a refresh runs (deferred writes)', () => {
  /** Scores as the engine gives them for each row of the sheet as it now stands. */
  function expectScoresMatchRows(emulator: Emulator): void {
    const grid = values(emulator);
    const header = (grid[0] ?? []).map((cell) => (OWNED_HEADERS.includes(String(cell)) ? '' : cell));
    const asOf = values(emulator, 'LeadScore Rules').find((row) => row[0] === 'As of')?.[1];
    if (!isDate(asOf)) throw new Error('no As of date');
    const template = findTemplate('b2b-services');
    const { results } = scoreTable(
      template?.model ?? ({} as never),
      header,
      grid.slice(1),
      new Date(asOf.getTime()),
    );
    expect(columnOf(emulator, 'Lead Score')).toEqual(results.map((result) => result.score));
  }

  function insertLead(emulator: Emulator): void {
    const sheet = sheetOf(emulator);
    const lead = [...(sampleRows()[7] ?? [])];
    sheet.insertRowsBefore(5, 1);
    sheet.getRange(5, 1, 1, lead.length).setValues([lead]);
  }

  it('writes nothing when rows were inserted after the read, and the next run scores every row right', () => {
    const emulator = setUp();
    let shapeChecks = 0;
    // The second shape check is the one just before writing: the insert lands after the table was read.
    emulator.faults.before(
      (call) => call.method === 'Sheet.getMaxRows' && ++shapeChecks === 2,
      () => insertLead(emulator),
    );
    const before = columnOf(emulator, 'Lead Score');
    emulator.invoke('scoreNow');
    expect(lastToast(emulator)).toMatch(
      /Rows or columns were added or removed while LeadScore was scoring, so nothing was written/,
    );
    // Nothing written: the old scores sit where they were, the new row has none.
    expect(columnOf(emulator, 'Lead Score')).toEqual([...before.slice(0, 3), '', ...before.slice(3)]);
    emulator.invoke('scoreNow');
    expectScoresMatchRows(emulator);
  });

  it('says so when an insert lands between the check and the write, and the next run corrects every row', () => {
    const emulator = setUp();
    // Just before the write call itself: the queued write then lands one row off, as it would on Sheets.
    emulator.faults.before('Range.setValues', () => insertLead(emulator));
    emulator.invoke('scoreNow');
    expect(lastToast(emulator)).toMatch(/some scores may sit on the wrong rows until the next refresh/);
    emulator.invoke('scoreNow');
    expectScoresMatchRows(emulator);
  });

  it('never writes into a user column when a column is inserted before the owned ones during scoring', () => {
    const emulator = setUp();
    let shapeChecks = 0;
    emulator.faults.before(
      (call) => call.method === 'Sheet.getMaxRows' && ++shapeChecks === 2,
      () => {
        const sheet = sheetOf(emulator);
        sheet.insertColumnsBefore(2, 1);
        sheet.getRange(1, 2).setValue('Notes');
      },
    );
    const userCells = (grid: unknown[][]) =>
      grid.map((row) =>
        row
          .filter((_, index) => !OWNED_HEADERS.includes(String(grid[0]?.[index])))
          .map((cell) => (isDate(cell) ? cell.toISOString() : cell)),
      );
    const before = userCells(values(emulator));
    emulator.invoke('scoreNow');
    expect(lastToast(emulator)).toMatch(/so nothing was written/);
    const after = userCells(values(emulator));
    // The collaborator's new column B is as they left it (blank below its title); every other user cell unchanged.
    expect(after.map((row) => row[1])).toEqual(['Notes', ...before.slice(1).map(() => '')]);
    expect(after.map((row) => row.filter((_, index) => index !== 1))).toEqual(before);
  });
});
