// The calibration report: the current model's figures, cross-validated figures for the suggestion, the
// add-on's smaller plan, clear errors for what cannot be calibrated, and reading outcome columns.
import { addOnPlan, commandLinePlan } from '../../../src/engine/calibration/cross-validation';
import { describeValidation } from '../../../src/engine/calibration/explanations';
import { outcomeReader, unknownOutcomes } from '../../../src/engine/calibration/outcome';
import { CalibrationCollector, calibrate } from '../../../src/engine/calibration/report';
import { makeGroup, makeModel, makeRule } from '../support/model-factory';
import { choice, syntheticTable, wholeNumber, yesNo } from './synthetic-leads';

const AS_OF = new Date('2026-11-20T00:00:00Z');
const SMALL_PLAN = () => ({ folds: 5, repeats: 2, maxLeads: Number.POSITIVE_INFINITY, references: true });

const CURRENT = makeModel({
  groups: [
    makeGroup({
      id: 'g',
      kind: 'intent',
      rules: [makeRule({ id: 'demo', column: 'Demo Requested', condition: { op: 'isTrue' }, points: 40 })],
    }),
  ],
});

const TABLE = syntheticTable(
  [
    yesNo('Demo Requested', 0.3, 2.5),
    choice('Title', [
      ['VP', 0.4, 1.2],
      ['Engineer', 0.6, 0],
    ]),
    wholeNumber('Visits', 20, (value) => value / 10),
  ],
  3000,
  5,
);

describe('the calibration report', () => {
  const report = calibrate(CURRENT, TABLE.header, TABLE.rows, {
    outcomeColumn: 'converted',
    asOf: AS_OF,
    plan: SMALL_PLAN,
  });

  it('describes the current model on every labelled lead', () => {
    expect(report.leads).toBe(3000);
    expect(report.outcomeColumn).toBe('Converted');
    expect(report.current.byBand.reduce((sum, band) => sum + band.leads, 0)).toBe(3000);
    expect(report.current.byDecile).toHaveLength(10);
    const demo = report.current.ruleLift.find((lift) => lift.ruleId === 'demo');
    expect(demo?.rateWith).toBeGreaterThan(demo?.rateWithout ?? 1);
    expect(report.current.auc).toBeGreaterThan(0.6);
  });

  it('cross-validates the suggestion, the current model and the references on the same folds', () => {
    const { validation } = report;
    expect(validation.folds * validation.repeats).toBe(10);
    expect(validation.suggested.values).toHaveLength(10);
    expect(validation.current.values).toHaveLength(10);
    expect(validation.linear?.values).toHaveLength(10);
    // Paired differences are per fold.
    validation.gainOverCurrent.values.forEach((gain, fold) => {
      expect(gain).toBeCloseTo(
        (validation.suggested.values[fold] as number) - (validation.current.values[fold] as number),
        12,
      );
    });
    expect(validation.suggested.mean).toBeGreaterThan(validation.current.mean);
    expect(validation.brier.mean).toBeLessThan(validation.baselineBrier.mean);
    for (const band of validation.bands) expect(Math.abs(band.predicted - band.observed)).toBeLessThan(0.1);
    expect(describeValidation(validation)).toMatch(/^Cross-validated 5-fold, repeated 2 times/);
  });

  it('counts rows without an outcome and leaves them out', () => {
    const rows = [
      ...TABLE.rows.slice(0, 1500),
      ['Yes', 'VP', 3, ''],
      ['Yes', 'VP', 3, 'maybe'],
      ['', '', '', ''],
    ];
    const partial = calibrate(CURRENT, TABLE.header, rows, {
      outcomeColumn: 'Converted',
      asOf: AS_OF,
      plan: SMALL_PLAN,
    });
    expect(partial.leads).toBe(1500);
    // The empty row is not a lead at all; the two others are leads without a readable outcome.
    expect(partial.skipped).toBe(2);
  });

  it('warns when there are too few leads or conversions', () => {
    const small = calibrate(CURRENT, TABLE.header, TABLE.rows.slice(0, 300), {
      outcomeColumn: 'Converted',
      asOf: AS_OF,
      plan: SMALL_PLAN,
    });
    expect(small.warnings[0]).toMatch(
      /^Only 300 leads with \d+ conversions: .*120 conversions among 1,000 leads/,
    );
  });
});

describe('errors a person can act on', () => {
  it('a mistyped outcome column lists the columns and the closest one', () => {
    expect(
      () => new CalibrationCollector(CURRENT, TABLE.header, { outcomeColumn: 'Convertd', asOf: AS_OF }),
    ).toThrow(
      "There is no outcome column 'Convertd'. Did you mean 'Converted'? The columns are: 'Demo Requested', 'Title', 'Visits', 'Converted'.",
    );
  });

  it('an excluded or kept column that is not there is named', () => {
    expect(
      () =>
        new CalibrationCollector(CURRENT, TABLE.header, {
          outcomeColumn: 'Converted',
          asOf: AS_OF,
          excludeColumns: ['Titel'],
        }),
    ).toThrow("There is no excluded column 'Titel'. Did you mean 'Title'?");
    expect(
      () =>
        new CalibrationCollector(CURRENT, TABLE.header, {
          outcomeColumn: 'Converted',
          asOf: AS_OF,
          keepColumns: ['Nothing'],
        }),
    ).toThrow(/^There is no kept column 'Nothing'\. The columns are/);
  });

  it('outcomes that cannot be read, or all alike, are explained', () => {
    const header = ['Demo Requested', 'Stage'];
    expect(() =>
      calibrate(
        CURRENT,
        header,
        [
          ['Yes', 'Open'],
          ['No', 'Open'],
        ],
        { outcomeColumn: 'Stage', asOf: AS_OF, positiveValues: [] },
      ),
    ).toThrow(/^Every lead with an outcome in 'Stage' did not convert: calibration needs both/);
    expect(() =>
      calibrate(
        CURRENT,
        header,
        [
          ['Yes', ''],
          ['No', ' '],
        ],
        { outcomeColumn: 'Stage', asOf: AS_OF },
      ),
    ).toThrow(
      "The outcome column 'Stage' is blank on every row: fill it in (converted or not) for past leads, or name another column.",
    );
    expect(() =>
      calibrate(
        CURRENT,
        header,
        [
          ['Yes', 'Won'],
          ['No', 'Lost'],
          ['No', 'Won'],
        ],
        { outcomeColumn: 'Stage', asOf: AS_OF },
      ),
    ).toThrow(/^Only 1 leads did not convert: cross-validation needs at least 10 of each\.$/);
  });
});

describe('cross-validation plans', () => {
  it('the command line repeats 5 x 5 on every lead, with references up to 50,000 leads', () => {
    expect(commandLinePlan(9240)).toMatchObject({ folds: 5, repeats: 5, references: true });
    expect(commandLinePlan(200_000)).toMatchObject({ folds: 5, repeats: 5, references: false });
    expect(commandLinePlan(200_000, true).references).toBe(true);
  });

  it('the add-on runs 5 folds once, on a sample above 10,000 leads, and says why', () => {
    const plan = addOnPlan(12_000);
    const table = syntheticTable([yesNo('Demo Requested', 0.3, 2), yesNo('Webinar', 0.2, 1)], 12_000, 9);
    const report = calibrate(CURRENT, table.header, table.rows, {
      outcomeColumn: 'Converted',
      asOf: AS_OF,
      plan: addOnPlan,
    });
    expect(plan).toMatchObject({ folds: 5, repeats: 1, maxLeads: 10_000, references: false });
    expect(report.validation.sampled).toBe(true);
    expect(Math.abs(report.validation.leads - 10_000)).toBeLessThanOrEqual(2);
    expect(describeValidation(report.validation)).toMatch(
      /^Cross-validated 5-fold, once, on a stratified sample of \d+ leads \(once and on a sample, to fit Apps Script's 6-minute limit; the suggestion itself learns from every lead\)/,
    );
    expect(
      describeValidation({ ...report.validation, sampled: false, reason: addOnPlan(900).reason }),
    ).toMatch(/once rather than 5 times, to fit Apps Script's 6-minute limit/);
  });
});

describe('reading outcome columns', () => {
  it.each<[unknown, 0 | 1 | null]>([
    [1, 1],
    ['0', 0],
    ['Closed Won', 1],
    ['closed lost', 0],
    ['Customer', 1],
    ['Yes', 1],
    ['', null],
    ['maybe', null],
  ])('outcome %j -> %j', (cell, expected) => {
    expect(outcomeReader()(cell)).toBe(expected);
  });

  it('reads other stages as losses unless the column names its losses (then they are open deals)', () => {
    expect(unknownOutcomes(['Customer', 'Lead', 'MQL'])).toBe(0);
    expect(unknownOutcomes(['Won', 'Lost', 'Negotiation'])).toBeNull();
    expect(outcomeReader(undefined, 0)('Lead')).toBe(0);
    expect(outcomeReader(undefined, null)('Negotiation')).toBeNull();
  });

  it('with explicit positive values, any other filled outcome is a loss', () => {
    const read = outcomeReader(['Customer']);
    expect([read('customer'), read('Lead'), read('')]).toEqual([1, 0, null]);
  });
});
