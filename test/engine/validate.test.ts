// validateModel: every check names the rule/group/band and field, and all issues are reported at once.
import { TEMPLATES } from '../../src/engine/templates';
import {
  assertValidModel,
  DEFAULT_DISQUALIFIED_BAND,
  describeIssues,
  InvalidModelError,
  type ModelIssue,
  validateModel,
} from '../../src/engine/validate';

type Json = Record<string, unknown>;

function validJson(): Json {
  return {
    schemaVersion: 1,
    name: 'Test',
    scale: { min: 0, max: 100 },
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
        ],
      },
      {
        id: 'behaviour',
        name: 'Behaviour',
        kind: 'intent',
        rules: [
          {
            id: 'demo',
            column: 'Demo Requested',
            condition: { op: 'isTrue' },
            points: 25,
            label: 'Demo requested',
            enabled: true,
          },
        ],
      },
    ],
    disqualifiers: [
      {
        id: 'unsub',
        column: 'Unsubscribed',
        condition: { op: 'isTrue' },
        reason: 'Do not contact',
        enabled: true,
      },
    ],
    disqualifiedBand: { name: 'Disqualified', colour: '#d9d9d9', action: 'Do not contact' },
    bands: [
      { name: 'Cold', min: 0, colour: '#cfe2f3', action: 'Nurture' },
      { name: 'Hot', min: 60, colour: '#f4cccc', action: 'Call' },
    ],
  };
}

type Mutate = (m: Json & { groups: Json[]; bands: Json[]; disqualifiers: Json[] }) => void;

function rule(m: Parameters<Mutate>[0], group = 0, index = 0): Json {
  const rules = (m.groups[group] as { rules: Json[] }).rules;
  return rules[index] as Json;
}

function issuesOf(mutate: Mutate): ModelIssue[] {
  const json = validJson() as Parameters<Mutate>[0];
  mutate(json);
  const result = validateModel(json);
  if (result.ok) throw new Error('expected issues');
  return result.issues;
}

describe('validateModel', () => {
  it('accepts a valid model and returns it complete', () => {
    const json = validJson();
    const result = validateModel(json);
    expect(result).toEqual({ ok: true, model: json });
  });

  it('fills defaults: enabled true, no disqualifiers, the default disqualified band', () => {
    const json = validJson();
    delete json.disqualifiers;
    delete json.disqualifiedBand;
    delete rule(json as Parameters<Mutate>[0]).enabled;
    const result = validateModel(json);
    if (!result.ok) throw new Error(describeIssues(result.issues));
    expect(result.model.disqualifiers).toEqual([]);
    expect(result.model.disqualifiedBand).toEqual(DEFAULT_DISQUALIFIED_BAND);
    expect(result.model.groups[0]?.rules[0]?.enabled).toBe(true);
  });

  it('canonicalises: perUnit false, blank description/stage and empty optional lists are left out, -0 is 0', () => {
    const json = validJson() as Parameters<Mutate>[0];
    rule(json).perUnit = false;
    rule(json).points = -0;
    json.description = '  ';
    (json.bands[0] as Json).stage = '';
    json.grades = [];
    json.missingTokens = [];
    json.personalDomains = [];
    json.columnSynonyms = {};
    const result = validateModel(json);
    if (!result.ok) throw new Error(describeIssues(result.issues));
    const expected = validJson() as Parameters<Mutate>[0];
    rule(expected).points = 0;
    expect(result.model).toStrictEqual(expected);
    expect(Object.is(result.model.groups[0]?.rules[0]?.points, 0)).toBe(true);
  });

  const cases: [string, Mutate, string][] = [
    [
      'schemaVersion',
      (m) => {
        m.schemaVersion = 2;
      },
      'SchemaVersion: must be 1, got 2',
    ],
    [
      'missing schemaVersion',
      (m) => {
        delete m.schemaVersion;
      },
      'SchemaVersion: is missing (use 1)',
    ],
    [
      'empty name',
      (m) => {
        m.name = ' ';
      },
      'Name: must not be empty',
    ],
    [
      'scale min >= max',
      (m) => {
        m.scale = { min: 10, max: 10 };
      },
      "Scale › max: must be above the scale's min (10), got 10",
    ],
    [
      'non-finite scale',
      (m) => {
        m.scale = { min: 0, max: Number.POSITIVE_INFINITY };
      },
      'Scale › max: must be a finite number, got Infinity',
    ],
    [
      'unknown top-level field',
      (m) => {
        m.bnads = [];
      },
      "Bnads: unknown field (did you mean 'bands'?)",
    ],
    [
      'unknown rule field',
      (m) => {
        rule(m).pionts = 5;
      },
      "Rule 'vp' (group 'fit') › pionts: unknown field (did you mean 'points'?)",
    ],
    [
      'points as a string',
      (m) => {
        rule(m).points = 'ten';
      },
      "Rule 'vp' (group 'fit') › points: must be a number, got 'ten'",
    ],
    [
      'points as a numeric string',
      (m) => {
        rule(m).points = '10';
      },
      "Rule 'vp' (group 'fit') › points: must be a number, got '10'",
    ],
    [
      'missing id',
      (m) => {
        delete rule(m).id;
      },
      "Rule #1 (group 'fit') › id: is missing",
    ],
    [
      'duplicate id ignoring case',
      (m) => {
        rule(m, 1).id = 'VP';
      },
      "Rule 'VP' (group 'behaviour') › id: 'VP' is already the id of rule 'vp' (ids must be unique, ignoring case)",
    ],
    [
      'id shared by a group and a disqualifier',
      (m) => {
        (m.disqualifiers[0] as Json).id = 'fit';
      },
      "Disqualifier 'fit' › id: 'fit' is already the id of group 'fit' (ids must be unique, ignoring case)",
    ],
    [
      'control character in id',
      (m) => {
        rule(m).id = 'a\tb';
      },
      "Rule 'a b' (group 'fit') › id: must not contain control characters (line breaks, tabs)",
    ],
    [
      'id with edge spaces',
      (m) => {
        rule(m).id = ' vp';
      },
      "Rule ' vp' (group 'fit') › id: must not start or end with a space",
    ],
    [
      'group kind',
      (m) => {
        (m.groups[0] as Json).kind = 'behaviour';
      },
      "Group 'fit' › kind: must be 'fit' or 'intent', got 'behaviour'",
    ],
    [
      'cap below floor',
      (m) => {
        Object.assign(m.groups[0] as Json, { cap: 10, floor: 20 });
      },
      "Group 'fit' › cap: must not be below the floor (20), got 10",
    ],
    [
      'empty column',
      (m) => {
        rule(m).column = '';
      },
      "Rule 'vp' (group 'fit') › column: must not be empty",
    ],
    [
      'unknown condition with a hint',
      (m) => {
        rule(m).condition = { op: 'containsAnyy', values: ['x'] };
      },
      "Rule 'vp' (group 'fit') › condition › op: unknown condition 'containsAnyy' (did you mean 'containsAny'?)",
    ],
    [
      'condition op by label in JSON',
      (m) => {
        rule(m).condition = { op: 'is one of', values: ['x'] };
      },
      "Rule 'vp' (group 'fit') › condition › op: unknown condition 'is one of' (did you mean 'isOneOf'?)",
    ],
    [
      'empty list',
      (m) => {
        rule(m).condition = { op: 'isOneOf', values: [] };
      },
      "Rule 'vp' (group 'fit') › condition › values: must list at least one value",
    ],
    [
      'blank list item',
      (m) => {
        rule(m).condition = { op: 'isOneOf', values: ['a', ' '] };
      },
      "Rule 'vp' (group 'fit') › condition › values › item 2: must not be empty",
    ],
    [
      'list given as text',
      (m) => {
        rule(m).condition = { op: 'isOneOf', values: 'a, b' };
      },
      "Rule 'vp' (group 'fit') › condition › values: must be a list, got 'a, b'",
    ],
    [
      'value not scalar',
      (m) => {
        rule(m).condition = { op: 'equals', value: ['a'] };
      },
      "Rule 'vp' (group 'fit') › condition › value: must be text, a number or true/false, got a list",
    ],
    [
      'blank equals value',
      (m) => {
        rule(m).condition = { op: 'equals', value: '' };
      },
      "Rule 'vp' (group 'fit') › condition › value: must not be empty (use 'is blank' to test for an empty cell)",
    ],
    [
      'number condition with text',
      (m) => {
        rule(m).condition = { op: 'atLeast', value: '5' };
      },
      "Rule 'vp' (group 'fit') › condition › value: must be a number, got '5'",
    ],
    [
      'between min > max',
      (m) => {
        rule(m).condition = { op: 'between', min: 1000, max: 50 };
      },
      "Rule 'vp' (group 'fit') › condition › max: must not be below min (1000), got 50",
    ],
    [
      'days not positive',
      (m) => {
        rule(m).condition = { op: 'withinDays', days: 0 };
      },
      "Rule 'vp' (group 'fit') › condition › days: must be more than 0, got 0",
    ],
    [
      'extra condition field',
      (m) => {
        rule(m).condition = { op: 'isBlank', value: 'x' };
      },
      "Rule 'vp' (group 'fit') › condition › value: unknown field",
    ],
    [
      'maxPoints without perUnit',
      (m) => {
        rule(m).maxPoints = 20;
      },
      "Rule 'vp' (group 'fit') › maxPoints: only applies to per-unit points (set perUnit to true)",
    ],
    [
      'maxPoints not positive',
      (m) => {
        Object.assign(rule(m), { perUnit: true, maxPoints: 0 });
      },
      "Rule 'vp' (group 'fit') › maxPoints: must be more than 0, got 0",
    ],
    [
      'perUnit not boolean',
      (m) => {
        rule(m).perUnit = 'yes';
      },
      "Rule 'vp' (group 'fit') › perUnit: must be true or false, got 'yes'",
    ],
    [
      'empty label',
      (m) => {
        rule(m).label = '';
      },
      "Rule 'vp' (group 'fit') › label: must not be empty",
    ],
    [
      'no bands',
      (m) => {
        m.bands = [];
      },
      'Bands: must have at least one band',
    ],
    [
      'band gap below',
      (m) => {
        (m.bands[0] as Json).min = 5;
      },
      "Band 'Cold' › min: the first band must start at the scale's min (0), got 5",
    ],
    [
      'bands out of order',
      (m) => {
        m.bands.push({ name: 'Warm', min: 30, colour: '#fff2cc', action: '' });
      },
      "Band 'Warm' › min: must be above the previous band's min (60), got 30",
    ],
    [
      'bands overlapping',
      (m) => {
        m.bands.push({ name: 'Warm', min: 60, colour: '#fff2cc', action: '' });
      },
      "Band 'Warm' › min: repeats the previous band's min (60)",
    ],
    [
      'band above the scale',
      (m) => {
        m.bands.push({ name: 'Max', min: 101, colour: '#fff2cc', action: '' });
      },
      "Band 'Max' › min: is above the scale's max (100), so no score reaches it",
    ],
    [
      'duplicate band names',
      (m) => {
        (m.bands[1] as Json).name = 'cold';
      },
      "Band 'cold' › name: is used by band #1 too (names ignore case)",
    ],
    [
      'bad colour',
      (m) => {
        (m.bands[0] as Json).colour = 'blue';
      },
      "Band 'Cold' › colour: must be a colour like #fce5cd, got 'blue'",
    ],
    [
      'disqualified band named like a band',
      (m) => {
        m.disqualifiedBand = { name: 'Hot', colour: '#d9d9d9', action: '' };
      },
      "DisqualifiedBand › name: 'Hot' is already a band name; pick another",
    ],
    [
      'decay without a column',
      (m) => {
        m.decay = { mode: 'steps', steps: [{ afterDays: 30, points: -10 }] };
      },
      'Decay › column: a decay needs a date column (e.g. Last Activity Date)',
    ],
    [
      'decay with no steps',
      (m) => {
        m.decay = { mode: 'steps', column: 'Last Activity', steps: [] };
      },
      'Decay › steps: must have at least one step',
    ],
    [
      'decay steps not ascending',
      (m) => {
        m.decay = {
          mode: 'steps',
          column: 'D',
          steps: [
            { afterDays: 60, points: -20 },
            { afterDays: 30, points: -10 },
          ],
        };
      },
      "Decay › steps › step 2 › afterDays: must be above the previous step's afterDays (60), got 30",
    ],
    [
      'decay step adds points',
      (m) => {
        m.decay = { mode: 'steps', column: 'D', steps: [{ afterDays: 30, points: 10 }] };
      },
      'Decay › steps › step 1 › points: must be 0 or less (decay only takes points away), got 10',
    ],
    [
      'half-life not positive',
      (m) => {
        m.decay = { mode: 'halfLife', column: 'D', halfLifeDays: -1 };
      },
      'Decay › halfLifeDays: must be more than 0, got -1',
    ],
    [
      'decay mode',
      (m) => {
        m.decay = { mode: 'linear', column: 'D', steps: [{ afterDays: 1, points: 0 }] };
      },
      "Decay › mode: must be 'steps' or 'halfLife', got 'linear'",
    ],
    [
      'grades not descending',
      (m) => {
        m.grades = [
          { grade: 'B', minFit: 10 },
          { grade: 'A', minFit: 20 },
        ];
      },
      "Grade 'A' › minFit: must be below the previous grade's minFit (10): list grades from best to worst",
    ],
    [
      'duplicate grades',
      (m) => {
        m.grades = [
          { grade: 'A', minFit: 20 },
          { grade: 'a', minFit: 10 },
        ];
      },
      "Grade 'a' › grade: is used twice (grades ignore case)",
    ],
    [
      'quadrant threshold',
      (m) => {
        m.quadrants = {
          fitThreshold: 'high',
          intentThreshold: 10,
          labels: {
            highFitHighIntent: 'a',
            highFitLowIntent: 'b',
            lowFitHighIntent: 'c',
            lowFitLowIntent: 'd',
          },
        };
      },
      "Quadrants › fitThreshold: must be a number, got 'high'",
    ],
    [
      'quadrant label',
      (m) => {
        m.quadrants = {
          fitThreshold: 1,
          intentThreshold: 10,
          labels: {
            highFitHighIntent: 'a',
            highFitLowIntent: 'b',
            lowFitHighIntent: '',
            lowFitLowIntent: 'd',
          },
        };
      },
      'Quadrants › labels › lowFitHighIntent: must not be empty',
    ],
    [
      'missing data share',
      (m) => {
        m.missingData = { minFitFilled: 60, band: { name: 'Review', colour: '#d9d2e9', action: '' } };
      },
      'MissingData › minFitFilled: must be a share between 0 and 1 (0.5 = half), got 60',
    ],
    [
      'missing token not text',
      (m) => {
        m.missingTokens = ['N/A', 0];
      },
      'MissingTokens › item 2: must be text, got 0',
    ],
    [
      'personal domain with @',
      (m) => {
        m.personalDomains = ['@gmail.com'];
      },
      "PersonalDomains › item 1: must be a domain like gmail.com, got '@gmail.com' (leave out the '@')",
    ],
    [
      'column synonyms not lists',
      (m) => {
        m.columnSynonyms = { Email: 'E-mail' };
      },
      "ColumnSynonyms › 'Email': must be a list, got 'E-mail'",
    ],
  ];

  it.each(cases)('%s', (_name, mutate, expected) => {
    expect(describeIssues(issuesOf(mutate))).toBe(expected);
  });

  it('reports every issue, not just the first', () => {
    const issues = issuesOf((m) => {
      m.name = '';
      rule(m).points = 'ten';
      rule(m, 1).condition = { op: 'nope' };
      (m.bands[1] as Json).colour = 'red';
    });
    expect(issues.map((i) => i.where)).toEqual([
      'name',
      "rule 'vp' (group 'fit') › points",
      "rule 'demo' (group 'behaviour') › condition › op",
      "band 'Hot' › colour",
    ]);
  });

  it('rejects non-objects', () => {
    expect(validateModel('model')).toEqual({
      ok: false,
      issues: [{ where: '', message: "a model must be a JSON object, got 'model'" }],
    });
  });

  it('assertValidModel throws InvalidModelError with the issues', () => {
    const json = validJson();
    json.name = '';
    expect(() => assertValidModel(json)).toThrow(InvalidModelError);
    try {
      assertValidModel(json);
    } catch (error) {
      expect((error as InvalidModelError).issues).toEqual([{ where: 'name', message: 'must not be empty' }]);
    }
    expect(assertValidModel(validJson()).name).toBe('Test');
  });

  it('describeIssues keeps one line per issue even when names hold line breaks', () => {
    const text = describeIssues([
      { where: "rule 'a' › label", message: 'x\ny' },
      { where: 'name', message: 'must not be empty' },
    ]);
    expect(text.split('\n')).toEqual(["Rule 'a' › label: x y", 'Name: must not be empty']);
  });

  it('validates every template', () => {
    for (const template of TEMPLATES)
      expect(validateModel(template.model)).toEqual({ ok: true, model: template.model });
  });
});
