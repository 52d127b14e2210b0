// fast-check arbitraries for valid, complete scoring models (what validateModel returns), for property tests.
import fc from 'fast-check';
import type {
  Band,
  BandStyle,
  Condition,
  Decay,
  Disqualifier,
  Grade,
  Group,
  MissingDataPolicy,
  QuadrantSettings,
  Rule,
  Scalar,
  ScoringModel,
} from '../../../src/engine/model';

/** Strings that have broken spreadsheets and CSV round trips before. */
const TRICKY = [
  'Acme, Inc',
  'say "hi"',
  'two\nlines',
  '  padded  ',
  'Ünïcødé ✓ 日本語',
  '=SUM(A1)',
  '+1 555',
  '-',
  '51-200',
  '1/2',
  '10',
  '007',
  'TRUE',
  'no',
  '[Rules]',
  ',',
  '"',
  '""',
  "it's",
  'emoji 🚀',
];

/** -0 is not a distinct score and cannot live in a spreadsheet cell. */
const noNegativeZero = (n: number): number => (n === 0 ? 0 : n);

export const numberArb: fc.Arbitrary<number> = fc
  .oneof(
    fc.integer({ min: -1000, max: 1000 }),
    fc.double({ min: -1000, max: 1000, noNaN: true }),
    fc.constantFrom(0.1, 1e-7, 123456789.125),
  )
  .map(noNegativeZero);

/** Non-blank text, often with commas, quotes, line breaks, unicode or number-looking content. */
export const textArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== ''),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }).filter((s) => s.trim() !== ''),
  fc.constantFrom(...TRICKY),
);

function isControl(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}

/** Ids: non-empty, no control characters, no edge spaces. */
export const idArb: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
  textArb.filter((s) => s.trim() === s && ![...s].some(isControl)),
);

const colourArb = fc.stringMatching(/^#[0-9a-fA-F]{6}$/);

const listArb = fc.array(textArb, { minLength: 1, maxLength: 4 });

const scalarArb: fc.Arbitrary<Scalar> = fc.oneof(textArb, numberArb, fc.boolean());

export const conditionArb: fc.Arbitrary<Condition> = fc.oneof(
  scalarArb.map((value): Condition => ({ op: 'equals', value })),
  scalarArb.map((value): Condition => ({ op: 'notEquals', value })),
  fc
    .tuple(
      fc.constantFrom('isOneOf', 'containsAny', 'startsWith', 'endsWith', 'emailDomainIn' as const),
      listArb,
    )
    .map(([op, values]) => ({ op, values }) as Condition),
  fc
    .tuple(fc.constantFrom('atLeast', 'atMost' as const), numberArb)
    .map(([op, value]) => ({ op, value }) as Condition),
  fc
    .tuple(numberArb, numberArb)
    .map(([a, b]): Condition => ({ op: 'between', min: Math.min(a, b), max: Math.max(a, b) })),
  fc
    .tuple(
      fc.constantFrom('withinDays', 'olderThanDays' as const),
      fc.oneof(fc.integer({ min: 1, max: 3650 }), fc.double({ min: 0.01, max: 3650, noNaN: true })),
    )
    .map(([op, days]) => ({ op, days }) as Condition),
  fc
    .constantFrom('isBlank', 'notBlank', 'isTrue', 'isFalse', 'personalEmail' as const)
    .map((op) => ({ op }) as Condition),
);

type Unnamed<T> = Omit<T, 'id'>;

const ruleArb: fc.Arbitrary<Unnamed<Rule>> = fc
  .record({
    column: textArb,
    condition: conditionArb,
    points: numberArb,
    perUnit: fc.boolean(),
    maxPoints: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
    label: textArb,
    enabled: fc.boolean(),
  })
  .map(({ perUnit, maxPoints, ...rest }) => {
    const rule: Unnamed<Rule> = { ...rest };
    if (perUnit) {
      rule.perUnit = true;
      if (maxPoints !== undefined) rule.maxPoints = maxPoints;
    }
    return rule;
  });

const groupArb: fc.Arbitrary<Omit<Group, 'id' | 'rules'> & { rules: Unnamed<Rule>[] }> = fc
  .record({
    name: textArb,
    kind: fc.constantFrom('fit', 'intent' as const),
    floor: fc.option(fc.integer({ min: -50, max: 0 }), { nil: undefined }),
    cap: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    rules: fc.array(ruleArb, { maxLength: 4 }),
  })
  .map(({ floor, cap, ...rest }) => {
    const group: Omit<Group, 'id' | 'rules'> & { rules: Unnamed<Rule>[] } = { ...rest };
    if (floor !== undefined) group.floor = floor;
    if (cap !== undefined) group.cap = cap;
    return group;
  });

const disqualifierArb: fc.Arbitrary<Unnamed<Disqualifier>> = fc.record({
  column: textArb,
  condition: conditionArb,
  reason: textArb,
  enabled: fc.boolean(),
});

function styleArb(name: string): fc.Arbitrary<BandStyle> {
  return fc
    .record({
      colour: colourArb,
      action: fc.oneof(fc.constant(''), textArb),
      stage: fc.option(textArb, { nil: undefined }),
    })
    .map(({ stage, ...rest }) => (stage === undefined ? { name, ...rest } : { name, ...rest, stage }));
}

const decayArb: fc.Arbitrary<Decay> = fc.oneof(
  fc
    .tuple(
      textArb,
      fc.uniqueArray(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 4 }),
      fc.array(fc.integer({ min: -50, max: 0 }).map(noNegativeZero), { minLength: 4, maxLength: 4 }),
    )
    .map(
      ([column, days, points]): Decay => ({
        mode: 'steps',
        column,
        steps: [...days].sort((a, b) => a - b).map((afterDays, i) => ({ afterDays, points: points[i] ?? 0 })),
      }),
    ),
  fc
    .tuple(textArb, fc.double({ min: 0.5, max: 365, noNaN: true }))
    .map(([column, halfLifeDays]): Decay => ({ mode: 'halfLife', column, halfLifeDays })),
);

const gradesArb: fc.Arbitrary<Grade[]> = fc
  .tuple(
    fc.uniqueArray(textArb, { minLength: 1, maxLength: 4, selector: (s) => s.trim().toLowerCase() }),
    fc.uniqueArray(fc.integer({ min: -100, max: 100 }), { minLength: 4, maxLength: 4 }),
  )
  .map(([names, mins]) => {
    const sorted = [...mins].sort((a, b) => b - a);
    return names.map((grade, i) => ({ grade, minFit: sorted[i] ?? 0 }));
  });

const quadrantsArb: fc.Arbitrary<QuadrantSettings> = fc.record({
  fitThreshold: numberArb,
  intentThreshold: numberArb,
  labels: fc.record({
    highFitHighIntent: textArb,
    highFitLowIntent: textArb,
    lowFitHighIntent: textArb,
    lowFitLowIntent: textArb,
  }),
});

const domainArb = fc.stringMatching(/^[a-z0-9]{1,10}\.(com|org|co\.uk|de)$/);

const synonymsArb: fc.Arbitrary<Record<string, string[]>> = fc
  .uniqueArray(fc.tuple(textArb, fc.array(textArb, { minLength: 1, maxLength: 3 })), {
    minLength: 1,
    maxLength: 3,
    selector: ([column]) => column,
  })
  .map((entries) => {
    const out: Record<string, string[]> = {};
    for (const [column, names] of entries) {
      Object.defineProperty(out, column, {
        value: names,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  });

const scaleAndBandsArb: fc.Arbitrary<{ scale: { min: number; max: number }; mins: number[] }> = fc
  .tuple(
    fc.integer({ min: -50, max: 50 }),
    fc.oneof(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0.5, max: 200, noNaN: true })),
  )
  .chain(([min, span]) => {
    const max = min + span;
    return fc
      .uniqueArray(
        fc
          .double({ min, max, noNaN: true })
          .filter((n) => n > min)
          .map(noNegativeZero),
        { maxLength: 4 },
      )
      .map((mins) => ({ scale: { min, max }, mins: [min, ...[...mins].sort((a, b) => a - b)] }));
  });

/** A valid, complete model (validateModel returns it unchanged). */
export const modelArb: fc.Arbitrary<ScoringModel> = fc
  .record({
    ids: fc.uniqueArray(idArb, { minLength: 20, maxLength: 20, selector: (s) => s.toLowerCase() }),
    bandNames: fc.uniqueArray(textArb, {
      minLength: 7,
      maxLength: 7,
      selector: (s) => s.trim().toLowerCase(),
    }),
    name: textArb,
    description: fc.option(textArb, { nil: undefined }),
    scaleAndBands: scaleAndBandsArb,
    groups: fc.array(groupArb, { maxLength: 3 }),
    disqualifiers: fc.array(disqualifierArb, { maxLength: 3 }),
    decay: fc.option(decayArb, { nil: undefined }),
    grades: fc.option(gradesArb, { nil: undefined }),
    quadrants: fc.option(quadrantsArb, { nil: undefined }),
    missingShare: fc.option(fc.double({ min: 0, max: 1, noNaN: true }).map(noNegativeZero), {
      nil: undefined,
    }),
    missingTokens: fc.option(fc.array(textArb, { minLength: 1, maxLength: 3 }), { nil: undefined }),
    personalDomains: fc.option(fc.array(domainArb, { minLength: 1, maxLength: 3 }), { nil: undefined }),
    columnSynonyms: fc.option(synonymsArb, { nil: undefined }),
    styles: fc.array(
      fc.tuple(colourArb, fc.oneof(fc.constant(''), textArb), fc.option(textArb, { nil: undefined })),
      {
        minLength: 7,
        maxLength: 7,
      },
    ),
    dqStyle: styleArb('placeholder'),
    missingStyle: styleArb('placeholder'),
  })
  .map((r) => {
    const ids = [...r.ids];
    const nextId = (): string => ids.shift() ?? 'spare';
    const groups: Group[] = r.groups.map((g) => ({
      ...g,
      id: nextId(),
      rules: g.rules.map((rule) => ({ ...rule, id: nextId() })),
    }));
    const disqualifiers: Disqualifier[] = r.disqualifiers.map((d) => ({ ...d, id: nextId() }));
    const { scale, mins } = r.scaleAndBands;
    const bands: Band[] = mins.map((min, i) => {
      const [colour, action, stage] = r.styles[i] ?? ['#ffffff', '', undefined];
      const band: Band = { name: r.bandNames[i] ?? `band ${i}`, min, colour, action };
      if (stage !== undefined) band.stage = stage;
      return band;
    });
    const model: ScoringModel = {
      schemaVersion: 1,
      name: r.name,
      scale,
      groups,
      disqualifiers,
      disqualifiedBand: { ...r.dqStyle, name: r.bandNames[5] ?? 'Disqualified' },
      bands,
    };
    if (r.description !== undefined) model.description = r.description;
    if (r.decay) model.decay = r.decay;
    if (r.grades) model.grades = r.grades;
    // fc.record builds null-prototype objects; a plain copy keeps toStrictEqual about values only.
    if (r.quadrants) model.quadrants = { ...r.quadrants, labels: { ...r.quadrants.labels } };
    if (r.missingShare !== undefined) {
      const band: BandStyle = { ...r.missingStyle, name: r.bandNames[6] ?? 'Needs review' };
      const missingData: MissingDataPolicy = { minFitFilled: r.missingShare, band };
      model.missingData = missingData;
    }
    if (r.missingTokens) model.missingTokens = r.missingTokens;
    if (r.personalDomains) model.personalDomains = r.personalDomains;
    if (r.columnSynonyms) model.columnSynonyms = r.columnSynonyms;
    return model;
  });
