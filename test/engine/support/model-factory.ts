// Small model builders for scorer tests: a default model each test overrides where it matters.
import type { Band, Group, Rule, ScoringModel } from '../../../src/engine/model';

export const BANDS: Band[] = [
  { name: 'Cold', min: 0, colour: '#cfe2f3', action: 'Nurture' },
  { name: 'Warm', min: 30, colour: '#fff2cc', action: 'BDR call' },
  { name: 'Hot', min: 60, colour: '#f4cccc', action: 'Call within 24 hours' },
];

export function makeRule(overrides: Partial<Rule> & Pick<Rule, 'id' | 'column' | 'condition'>): Rule {
  return { points: 10, label: overrides.id, enabled: true, ...overrides };
}

export function makeGroup(overrides: Partial<Group> & Pick<Group, 'id' | 'kind' | 'rules'>): Group {
  return { name: overrides.id, ...overrides };
}

export function makeModel(overrides: Partial<ScoringModel> = {}): ScoringModel {
  return {
    schemaVersion: 1,
    name: 'Test model',
    scale: { min: 0, max: 100 },
    groups: [],
    disqualifiers: [],
    disqualifiedBand: { name: 'Disqualified', colour: '#d9d9d9', action: 'Do not contact' },
    bands: BANDS,
    ...overrides,
  };
}
