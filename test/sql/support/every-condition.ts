// A model using every condition op and every scoring feature: per-unit points with and without a maximum,
// caps and floors, half-life decay, disqualifiers (one on a blank cell), missing-data routing, grades,
// quadrants, extra missing tokens, extra personal domains and column synonyms.
import type { Condition, Rule, ScoringModel } from '../../../src/engine/model';

const rule = (
  id: string,
  column: string,
  condition: Condition,
  points: number,
  extra: Partial<Rule> = {},
): Rule => ({
  id,
  column,
  condition,
  points,
  label: `${id} label`,
  enabled: true,
  ...extra,
});

export const EVERY_CONDITION: ScoringModel = {
  schemaVersion: 1,
  name: 'Every condition',
  scale: { min: -20, max: 120 },
  groups: [
    {
      id: 'person',
      name: 'Person',
      kind: 'fit',
      cap: 45,
      floor: -15,
      rules: [
        rule(
          'c-level',
          'Job Title',
          { op: 'containsAny', values: ['CEO', 'Chief', 'Founder', 'co-founder'] },
          20,
        ),
        rule(
          'vp',
          'Job Title',
          { op: 'containsAny', values: ['VP', 'Vice President', 'Head of', 'Directeur'] },
          15,
        ),
        rule('student', 'Job Title', { op: 'startsWith', values: ['Student', 'Intern'] }, -12.5),
        rule('manager', 'Job Title', { op: 'endsWith', values: ['Manager', 'Lead'] }, 4),
        rule('personal', 'Email', { op: 'personalEmail' }, -10),
        rule('edu', 'Email', { op: 'emailDomainIn', values: ['.edu', '@Stanford.EDU'] }, -7),
        rule('email-given', 'Email', { op: 'notBlank' }, 3),
        rule('phone-missing', 'Phone', { op: 'isBlank' }, -2),
      ],
    },
    {
      id: 'company',
      name: 'Company',
      kind: 'fit',
      cap: 40,
      rules: [
        rule(
          'industry',
          'Industry',
          { op: 'isOneOf', values: ['SaaS', 'Software', 'Computer Software', 'Fintech'] },
          10,
        ),
        rule('retail', 'Industry', { op: 'equals', value: 'Retail' }, -5),
        rule('not-us', 'Country', { op: 'notEquals', value: 'US' }, -1),
        rule('size', 'Number of Employees', { op: 'between', min: 50, max: 1000 }, 15),
        rule('small', 'Number of Employees', { op: 'atMost', value: 10 }, -5),
        rule('revenue', 'Annual Revenue', { op: 'atLeast', value: 1000000 }, 10),
        rule('revenue-exact', 'Annual Revenue', { op: 'equals', value: 500000 }, 1),
        rule('partner', 'Is Partner', { op: 'equals', value: true }, 6),
      ],
    },
    {
      id: 'behaviour',
      name: 'Behaviour',
      kind: 'intent',
      cap: 70,
      rules: [
        rule('demo', 'Demo Requested', { op: 'isTrue' }, 25),
        rule('no-demo', 'Demo Requested', { op: 'isFalse' }, -1.25),
        rule('pricing', 'Pricing Page Visits', { op: 'atLeast', value: 1 }, 7.5, {
          perUnit: true,
          maxPoints: 20,
        }),
        rule('pages', 'Page Views', { op: 'notBlank' }, 0.35, { perUnit: true }),
        rule('recent', 'Last Activity Date', { op: 'withinDays', days: 14 }, 10),
        rule('stale', 'Last Activity Date', { op: 'olderThanDays', days: 90 }, -10),
        rule('careers', 'Careers Page Visits', { op: 'atLeast', value: 1 }, -3, {
          perUnit: true,
          maxPoints: 9,
        }),
        rule('disabled', 'Demo Requested', { op: 'isTrue' }, 99, { enabled: false }),
      ],
    },
  ],
  disqualifiers: [
    {
      id: 'unsub',
      column: 'Unsubscribed',
      condition: { op: 'isTrue' },
      reason: 'Unsubscribed',
      enabled: true,
    },
    {
      id: 'rival',
      column: 'Email',
      condition: { op: 'emailDomainIn', values: ['rival.com'] },
      reason: 'Competitor',
      enabled: true,
    },
    {
      id: 'no-company',
      column: 'Company',
      condition: { op: 'isBlank' },
      reason: '=No company',
      enabled: true,
    },
    { id: 'off', column: 'Email', condition: { op: 'notBlank' }, reason: 'never', enabled: false },
  ],
  disqualifiedBand: { name: 'Disqualified', colour: '#eeeeee', action: 'Do not contact' },
  decay: { mode: 'halfLife', column: 'Last Activity Date', halfLifeDays: 45 },
  bands: [
    { name: 'Cold', min: -20, colour: '#cfe2f3', action: 'Nurture' },
    { name: 'Warm', min: 30, colour: '#fff2cc', action: 'Call this week' },
    { name: 'Hot', min: 60.5, colour: '#f4cccc', action: 'Call today' },
  ],
  grades: [
    { grade: 'A', minFit: 40 },
    { grade: 'B', minFit: 20 },
    { grade: 'C', minFit: 0.5 },
  ],
  quadrants: {
    fitThreshold: 25,
    intentThreshold: 20,
    labels: {
      highFitHighIntent: 'Call now',
      highFitLowIntent: 'Nurture',
      lowFitHighIntent: 'Qualify',
      lowFitLowIntent: 'Ignore',
    },
  },
  missingData: {
    minFitFilled: 0.5,
    band: { name: 'Needs review', colour: '#dddddd', action: 'Fill in the gaps' },
  },
  missingTokens: ['unknown company', 'ZZ'],
  personalDomains: ['Example.org', 'fastmail.fm'],
  columnSynonyms: { 'Page Views': ['pv', 'web_views'], 'Is Partner': ['partner_flag'] },
};
