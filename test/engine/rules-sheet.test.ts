// The rules sheet: exact JSON -> sheet -> JSON round trips, tolerant reading of hand edits, errors naming rows.
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import type { ScoringModel } from '../../src/engine/model';
import {
  formatList,
  modelToRulesSheet,
  parseList,
  parseRange,
  rulesSheetToModel,
  type SheetCell,
} from '../../src/engine/rules-sheet';
import { findTemplate, TEMPLATES } from '../../src/engine/templates';
import { describeIssues, validateModel } from '../../src/engine/validate';
import { modelArb } from './support/model-arbitrary';

function b2b(): ScoringModel {
  const template = findTemplate('b2b-services');
  if (!template) throw new Error('b2b-services template missing');
  return structuredClone(template.model);
}

function parse(values: readonly (readonly unknown[])[]): ScoringModel {
  const result = rulesSheetToModel(values);
  if (!result.ok) throw new Error(describeIssues(result.issues));
  return result.model;
}

function issues(values: readonly (readonly unknown[])[]): string {
  const result = rulesSheetToModel(values);
  if (result.ok) throw new Error('expected issues');
  return describeIssues(result.issues);
}

/** Row index (0-based) of the first row whose first cell is `first` (after `after`). */
function rowOf(sheet: readonly SheetCell[][], first: string, after = 0): number {
  const index = sheet.findIndex((row, i) => i >= after && row[0] === first);
  if (index < 0) throw new Error(`no row starting with ${first}`);
  return index;
}

describe('formatList / parseList', () => {
  it('quotes only items that need it', () => {
    expect(formatList(['VP', 'Director', 'Acme, Inc', 'say "hi"', ' pad'])).toBe(
      'VP, Director, "Acme, Inc", "say ""hi""", " pad"',
    );
  });

  it('reads hand-typed lists', () => {
    expect(parseList('VP,Director ,  Head of ')).toEqual(['VP', 'Director', 'Head of']);
    expect(parseList('a, , b,')).toEqual(['a', 'b']);
    expect(parseList('"Acme, Inc", 5" screen')).toEqual(['Acme, Inc', '5" screen']);
    expect(parseList('')).toEqual([]);
  });

  it('round-trips any list of strings', () => {
    fc.assert(
      fc.property(fc.array(fc.string()), (items) => {
        expect(parseList(formatList(items))).toEqual(items);
      }),
    );
  });

  it('reads ranges written several ways', () => {
    expect(parseRange('50 to 1000')).toEqual({ min: 50, max: 1000 });
    expect(parseRange('50-1000')).toEqual({ min: 50, max: 1000 });
    expect(parseRange('-5 - -1')).toEqual({ min: -5, max: -1 });
    expect(parseRange('1e-7 to 2.5')).toEqual({ min: 1e-7, max: 2.5 });
    expect(parseRange('fifty')).toBeNull();
  });
});

describe('modelToRulesSheet', () => {
  it('writes a rectangular sheet with every section', () => {
    const sheet = modelToRulesSheet(b2b(), new Date('2026-03-01T00:00:00Z'));
    const width = sheet[0]?.length;
    expect(width).toBe(10);
    for (const row of sheet) expect(row).toHaveLength(10);
    const titles = sheet.map((row) => row[0]).filter((c) => typeof c === 'string' && c.startsWith('['));
    expect(titles).toEqual([
      '[Settings]',
      '[Groups]',
      '[Rules]',
      '[Disqualifiers]',
      '[Decay]',
      '[Bands]',
      '[Grades]',
      '[Quadrants]',
      '[Missing data]',
      '[Column synonyms]',
    ]);
    const rules = rowOf(sheet, '[Rules]');
    expect(sheet[rules + 1]).toEqual([
      'Group',
      'Rule id',
      'Column',
      'Condition',
      'Value',
      'Points',
      'Per unit',
      'Max points',
      'Label',
      'Enabled',
    ]);
    const pricing = sheet.find((row) => row[1] === 'pricing-page');
    expect(pricing).toEqual([
      'behaviour',
      'pricing-page',
      'Pricing Page Visits',
      'is at least',
      1,
      10,
      true,
      20,
      'Pricing page visits (+10 each, max 20)',
      true,
    ]);
    expect(sheet.find((row) => row[1] === 'company-size')?.[4]).toBe('50 to 1000');
    expect(sheet.find((row) => row[0] === 'As of')?.[1]).toEqual(new Date('2026-03-01T00:00:00Z'));
  });
});

describe('round trip JSON -> sheet -> JSON', () => {
  it.each(TEMPLATES.map((t) => [t.id, t.model] as const))('template %s', (_id, model) => {
    const result = rulesSheetToModel(modelToRulesSheet(model));
    expect(result).toEqual({ ok: true, model, asOf: null });
  });

  it('keeps the As of date', () => {
    const asOf = new Date('2026-05-01T06:00:00Z');
    const result = rulesSheetToModel(modelToRulesSheet(b2b(), asOf));
    expect(result.ok && result.asOf).toEqual(asOf);
  });

  /**
   * toStrictEqual compares objects' `constructor` properties, so a column literally named "constructor" in
   * columnSynonyms (the arbitrary generates such keys on purpose) makes two equal models differ. Node's
   * deep-strict equality compares prototypes instead; toStrictEqual still prints the diff of a real mismatch.
   */
  const expectSameModel = (actual: unknown, expected: unknown): void => {
    if (!isDeepStrictEqual(actual, expected)) expect(actual).toStrictEqual(expected);
  };

  it('is exact for arbitrary valid models (number vs text values, unicode, commas, quotes, line breaks)', () => {
    fc.assert(
      fc.property(modelArb, (model) => {
        const validated = validateModel(model);
        if (!validated.ok) throw new Error(describeIssues(validated.issues));
        expectSameModel(validated.model, model);
        const back = rulesSheetToModel(modelToRulesSheet(model));
        if (!back.ok) throw new Error(describeIssues(back.issues));
        expectSameModel(back.model, model);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a number and a number-looking text apart in equals', () => {
    const model = b2b();
    const group = model.groups[0];
    if (!group) throw new Error('no group');
    group.rules.push(
      {
        id: 'n',
        column: 'Score',
        condition: { op: 'equals', value: 10 },
        points: 1,
        label: 'n',
        enabled: true,
      },
      {
        id: 's',
        column: 'Score',
        condition: { op: 'equals', value: '10' },
        points: 1,
        label: 's',
        enabled: true,
      },
      {
        id: 'b',
        column: 'Score',
        condition: { op: 'equals', value: 'TRUE' },
        points: 1,
        label: 'b',
        enabled: true,
      },
    );
    expect(parse(modelToRulesSheet(model))).toEqual(model);
  });
});

describe('reading hand-edited sheets', () => {
  const minimal: unknown[][] = [
    ['Notes above the first section are ignored'],
    [],
    ['[settings]'],
    ['model name', 'Hand made'],
    ['SCALE MIN', 0],
    ['scale max', '100'],
    ['As of', '2026-02-01'],
    ['missing tokens', 'Select, N/A'],
    [],
    [],
    ['[Bands]'],
    ['band', 'min score', 'color', 'action', 'stage', 'my notes'],
    ['Cold', 0, '#cfe2f3', 'Nurture', '', 'ignored'],
    [],
    ['Hot', '50', '#f4cccc', 'Call', 'SQL'],
    ['[rules]'],
    [
      'group',
      'rule id',
      'column',
      'condition',
      'value',
      'points',
      'per unit',
      'max points',
      'label',
      'enabled',
    ],
    ['Fit', 'vp', 'Job Title', 'contains any of', 'VP, Director', '15', '', '', 'VP title', 'yes'],
    ['fit', 'size', 'Employees', 'is between', '50-1000', 10, 'no', '', 'Size', ''],
    ['fit', 'old', 'Job Title', 'isBlank', '', -5, false, '', 'No title', 'no'],
    ['fit', 'visits', 'Visits', 'Is At Least', 1, 5, 'TRUE', 20, 'Visits', 'y'],
    ['[Groups]'],
    ['Group ID', 'Name', 'Kind'],
    ['fit', 'Fit', 'Fit'],
  ];

  it('parses lower-case headers, reordered sections, extra blanks and columns, yes/no', () => {
    const result = rulesSheetToModel(minimal);
    if (!result.ok) throw new Error(describeIssues(result.issues));
    expect(result.asOf).toEqual(new Date('2026-02-01'));
    expect(result.model).toEqual({
      schemaVersion: 1,
      name: 'Hand made',
      scale: { min: 0, max: 100 },
      missingTokens: ['Select', 'N/A'],
      groups: [
        {
          id: 'fit',
          name: 'Fit',
          kind: 'fit',
          rules: [
            {
              id: 'vp',
              column: 'Job Title',
              condition: { op: 'containsAny', values: ['VP', 'Director'] },
              points: 15,
              label: 'VP title',
              enabled: true,
            },
            {
              id: 'size',
              column: 'Employees',
              condition: { op: 'between', min: 50, max: 1000 },
              points: 10,
              label: 'Size',
              enabled: true,
            },
            {
              id: 'old',
              column: 'Job Title',
              condition: { op: 'isBlank' },
              points: -5,
              label: 'No title',
              enabled: false,
            },
            {
              id: 'visits',
              column: 'Visits',
              condition: { op: 'atLeast', value: 1 },
              points: 5,
              perUnit: true,
              maxPoints: 20,
              label: 'Visits',
              enabled: true,
            },
          ],
        },
      ],
      disqualifiers: [],
      disqualifiedBand: { name: 'Disqualified', colour: '#d9d9d9', action: 'Do not contact' },
      bands: [
        { name: 'Cold', min: 0, colour: '#cfe2f3', action: 'Nurture' },
        { name: 'Hot', min: 50, colour: '#f4cccc', action: 'Call', stage: 'SQL' },
      ],
    });
  });

  it('reads a date typed into an equals value as its ISO text', () => {
    const sheet = modelToRulesSheet(b2b());
    const row = sheet.findIndex((r) => r[1] === 'demo-requested');
    const edited = sheet.map((r) => [...r]);
    const target = edited[row];
    if (!target) throw new Error('row');
    target[3] = 'equals';
    target[4] = new Date(2026, 0, 15);
    const model = parse(edited);
    expect(model.groups[2]?.rules[0]?.condition).toEqual({ op: 'equals', value: '2026-01-15' });
  });
});

describe('sheet errors name rows and headers', () => {
  function edit(change: (sheet: SheetCell[][]) => void): SheetCell[][] {
    const sheet = modelToRulesSheet(b2b()).map((row) => [...row]);
    change(sheet);
    return sheet;
  }
  function setCell(sheet: SheetCell[][], ruleId: string, column: number, value: SheetCell): number {
    const index = sheet.findIndex((row) => row[1] === ruleId);
    const row = sheet[index];
    if (!row) throw new Error(`no rule ${ruleId}`);
    row[column] = value;
    return index + 1;
  }

  it('non-numeric points', () => {
    let row = 0;
    const text = issues(edit((s) => (row = setCell(s, 'demo-requested', 5, 'ten'))));
    expect(text).toBe(`Rules sheet row ${row} (rule 'demo-requested') › Points: must be a number, got 'ten'`);
  });

  it('unknown condition with a label suggestion', () => {
    let row = 0;
    const text = issues(edit((s) => (row = setCell(s, 'target-industry', 3, 'is on of'))));
    expect(text).toBe(
      `Rules sheet row ${row} (rule 'target-industry') › Condition: unknown condition 'is on of' (did you mean 'is one of'?)`,
    );
  });

  it('an unreadable range is reported once', () => {
    let row = 0;
    const text = issues(edit((s) => (row = setCell(s, 'company-size', 4, 'fifty'))));
    expect(text).toBe(
      `Rules sheet row ${row} (rule 'company-size') › Value: must be two numbers like '50 to 1000', got 'fifty'`,
    );
  });

  it('a value for a condition that takes none', () => {
    let row = 0;
    const text = issues(edit((s) => (row = setCell(s, 'demo-requested', 4, 'Yes'))));
    expect(text).toBe(
      `Rules sheet row ${row} (rule 'demo-requested') › Value: 'is true' takes no value; clear this cell`,
    );
  });

  it('a rule in an unknown group', () => {
    let row = 0;
    const text = issues(edit((s) => (row = setCell(s, 'webinar', 0, 'behavior'))));
    expect(text).toBe(
      `Rules sheet row ${row} (rule 'webinar') › Group: no group 'behavior' in the [Groups] section`,
    );
  });

  it('bad booleans, duplicate ids and overlapping bands, all at once, in row order', () => {
    const sheet = edit((s) => {
      setCell(s, 'webinar', 9, 'maybe');
      setCell(s, 'guide-download', 1, 'Webinar');
      const bands = rowOf(s, '[Bands]');
      const mql = s[bands + 3];
      if (mql) mql[1] = 0;
    });
    const webinar = sheet.findIndex((r) => r[1] === 'webinar') + 1;
    const guide = sheet.findIndex((r) => r[1] === 'Webinar') + 1;
    const mqlRow = rowOf(sheet, '[Bands]') + 4;
    expect(issues(sheet).split('\n')).toEqual([
      `Rules sheet row ${webinar} (rule 'webinar') › Enabled: must be true or false, got 'maybe'`,
      `Rules sheet row ${guide} (rule 'Webinar') › Rule id: 'Webinar' is already the id of rule 'webinar' (ids must be unique, ignoring case)`,
      `Rules sheet row ${mqlRow} (band 'MQL') › Min score: repeats the previous band's min (0)`,
    ]);
  });

  it('a decay without a date column names the setting row', () => {
    const sheet = edit((s) => {
      const row = s.find((r) => r[0] === 'Decay date column');
      if (row) row[1] = '';
    });
    const row = rowOf(sheet, 'Decay date column') + 1;
    expect(issues(sheet)).toBe(
      `Rules sheet row ${row} › Decay date column: a decay needs a date column (e.g. Last Activity Date)`,
    );
  });

  it('unknown sections and settings get suggestions', () => {
    const sheet = edit((s) => {
      s[rowOf(s, '[Grades]')] = ['[Grdes]'];
      const name = s.find((r) => r[0] === 'Scale max');
      if (name) name[0] = 'Scale mx';
    });
    const grades = rowOf(sheet, '[Grdes]') + 1;
    const scale = rowOf(sheet, 'Scale mx') + 1;
    expect(issues(sheet).split('\n')).toEqual([
      `Rules sheet row ${scale} (Settings): unknown setting 'Scale mx' (did you mean 'Scale max'?)`,
      `Rules sheet row ${grades}: unknown section '[Grdes]' (did you mean '[Grades]'?); its rows are ignored`,
      'Rules sheet › scale › max: is missing',
    ]);
  });

  it('a missing required header', () => {
    const sheet = edit((s) => {
      const header = s[rowOf(s, '[Rules]') + 1];
      if (header) header[5] = 'Score';
    });
    const header = rowOf(sheet, '[Rules]') + 2;
    expect(issues(sheet).split('\n')[0]).toBe(
      `Rules sheet row ${header} ([Rules] header) › Points: the 'Points' column is missing`,
    );
  });
});
