// The published JSON Schema agrees with validateModel on templates, arbitrary valid models and fixtures.
import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import schema from '../../schema/leadscore-model.schema.json';
import { TEMPLATES } from '../../src/engine/templates';
import { validateModel } from '../../src/engine/validate';
import { modelArb } from './support/model-arbitrary';

const ajv = new Ajv2020({ allErrors: true, strict: true });
const validateSchema = ajv.compile(schema);

function schemaAccepts(model: unknown): boolean {
  return validateSchema(model) === true;
}

type Json = Record<string, unknown>;

function base(): Json {
  return {
    schemaVersion: 1,
    name: 'Fixture',
    scale: { min: 0, max: 100 },
    groups: [
      {
        id: 'behaviour',
        name: 'Behaviour',
        kind: 'intent',
        rules: [
          {
            id: 'pricing',
            column: 'Pricing Page Visits',
            condition: { op: 'atLeast', value: 1 },
            points: 10,
            perUnit: true,
            maxPoints: 20,
            label: 'Pricing page visits',
          },
        ],
      },
    ],
    bands: [
      { name: 'Cold', min: 0, colour: '#cfe2f3', action: 'Nurture with content' },
      { name: 'Hot', min: 70, colour: '#fce5cd', action: 'Discovery call within 2 days' },
    ],
  };
}

function withRule(change: (rule: Json) => void): Json {
  const model = base();
  const group = (model.groups as Json[])[0] as { rules: Json[] };
  change(group.rules[0] as Json);
  return model;
}

function with_(change: (model: Json) => void): Json {
  const model = base();
  change(model);
  return model;
}

/** Valid models, written minimally (defaults left out) and in full. */
const VALID: [string, Json][] = [
  ['minimal with defaults left out', base()],
  [
    'half-life decay',
    with_((m) => {
      m.decay = { mode: 'halfLife', column: 'Last Activity Date', halfLifeDays: 30 };
    }),
  ],
  [
    'equals a number',
    withRule((r) => {
      r.condition = { op: 'equals', value: 3 };
      delete r.perUnit;
      delete r.maxPoints;
    }),
  ],
  [
    'equals true',
    withRule((r) => {
      r.condition = { op: 'equals', value: true };
    }),
  ],
  [
    'no-param condition',
    withRule((r) => {
      r.condition = { op: 'isTrue' };
    }),
  ],
  [
    'missing data, grades, quadrants',
    with_((m) => {
      m.missingData = { minFitFilled: 0.5, band: { name: 'Review', colour: '#d9d2e9', action: 'Check' } };
      m.grades = [
        { grade: 'A', minFit: 20 },
        { grade: 'B', minFit: 0 },
      ];
      m.quadrants = {
        fitThreshold: 10,
        intentThreshold: 20,
        labels: {
          highFitHighIntent: 'a',
          highFitLowIntent: 'b',
          lowFitHighIntent: 'c',
          lowFitLowIntent: 'd',
        },
      };
      m.missingTokens = ['Select'];
      m.personalDomains = ['mail.example.com'];
      m.columnSynonyms = { Email: ['E-mail', 'Email Address'] };
    }),
  ],
];

/** Invalid models the schema can describe: ajv and validateModel both reject them. */
const INVALID: [string, Json][] = [
  [
    'schemaVersion 2',
    with_((m) => {
      m.schemaVersion = 2;
    }),
  ],
  [
    'empty name',
    with_((m) => {
      m.name = '';
    }),
  ],
  [
    'typo field',
    withRule((r) => {
      r.pionts = 10;
    }),
  ],
  [
    'points as text',
    withRule((r) => {
      r.points = '10';
    }),
  ],
  [
    'unknown condition',
    withRule((r) => {
      r.condition = { op: 'isOneof', values: ['a'] };
    }),
  ],
  [
    'empty list',
    withRule((r) => {
      r.condition = { op: 'isOneOf', values: [] };
    }),
  ],
  [
    'days zero',
    withRule((r) => {
      r.condition = { op: 'withinDays', days: 0 };
    }),
  ],
  [
    'maxPoints without perUnit',
    withRule((r) => {
      delete r.perUnit;
    }),
  ],
  [
    'maxPoints zero',
    withRule((r) => {
      r.maxPoints = 0;
    }),
  ],
  [
    'id with a tab',
    withRule((r) => {
      r.id = 'a\tb';
    }),
  ],
  [
    'id with an edge space',
    withRule((r) => {
      r.id = 'pricing ';
    }),
  ],
  [
    'bad kind',
    with_((m) => {
      ((m.groups as Json[])[0] as Json).kind = 'behaviour';
    }),
  ],
  [
    'no bands',
    with_((m) => {
      m.bands = [];
    }),
  ],
  [
    'bad colour',
    with_((m) => {
      ((m.bands as Json[])[0] as Json).colour = 'red';
    }),
  ],
  [
    'decay without column',
    with_((m) => {
      m.decay = { mode: 'steps', steps: [{ afterDays: 30, points: -10 }] };
    }),
  ],
  [
    'decay step adds points',
    with_((m) => {
      m.decay = { mode: 'steps', column: 'D', steps: [{ afterDays: 30, points: 5 }] };
    }),
  ],
  [
    'half-life zero',
    with_((m) => {
      m.decay = { mode: 'halfLife', column: 'D', halfLifeDays: 0 };
    }),
  ],
  [
    'share above 1',
    with_((m) => {
      m.missingData = { minFitFilled: 50, band: { name: 'Review', colour: '#d9d2e9', action: '' } };
    }),
  ],
  [
    'personal domain with @',
    with_((m) => {
      m.personalDomains = ['@gmail.com'];
    }),
  ],
  [
    'synonyms not a list',
    with_((m) => {
      m.columnSynonyms = { Email: 'E-mail' };
    }),
  ],
  [
    'quadrant label missing',
    with_((m) => {
      m.quadrants = { fitThreshold: 1, intentThreshold: 1, labels: { highFitHighIntent: 'a' } };
    }),
  ],
];

/** Invalid models only validateModel can catch: relations between values that a schema cannot state. */
const SEMANTIC_ONLY: [string, Json][] = [
  [
    'duplicate ids ignoring case',
    with_((m) => {
      ((m.groups as Json[])[0] as Json).id = 'Pricing';
    }),
  ],
  [
    'bands out of order',
    with_((m) => {
      ((m.bands as Json[])[1] as Json).min = 0;
    }),
  ],
  [
    'first band above scale min',
    with_((m) => {
      ((m.bands as Json[])[0] as Json).min = 5;
    }),
  ],
  [
    'scale min above max',
    with_((m) => {
      m.scale = { min: 100, max: 0 };
    }),
  ],
  [
    'cap below floor',
    with_((m) => {
      Object.assign((m.groups as Json[])[0] as Json, { cap: 0, floor: 10 });
    }),
  ],
  [
    'between min above max',
    withRule((r) => {
      r.condition = { op: 'between', min: 10, max: 1 };
    }),
  ],
  [
    'grades ascending',
    with_((m) => {
      m.grades = [
        { grade: 'B', minFit: 0 },
        { grade: 'A', minFit: 20 },
      ];
    }),
  ],
];

describe('JSON Schema', () => {
  it.each(TEMPLATES.map((t) => [t.id, t.model] as const))('accepts template %s', (_id, model) => {
    expect(schemaAccepts(model)).toBe(true);
    expect(validateSchema.errors ?? null).toBeNull();
  });

  it.each(VALID)('accepts valid fixture: %s', (_name, model) => {
    expect(schemaAccepts(model)).toBe(true);
    expect(validateModel(model).ok).toBe(true);
  });

  it.each(INVALID)('rejects invalid fixture, as validateModel does: %s', (_name, model) => {
    expect(schemaAccepts(model)).toBe(false);
    expect(validateModel(model).ok).toBe(false);
  });

  it.each(SEMANTIC_ONLY)('leaves to validateModel: %s', (_name, model) => {
    expect(schemaAccepts(model)).toBe(true);
    expect(validateModel(model).ok).toBe(false);
  });

  it('accepts every arbitrary valid model', () => {
    fc.assert(
      fc.property(modelArb, (model) => schemaAccepts(model)),
      { numRuns: 200 },
    );
  });
});
