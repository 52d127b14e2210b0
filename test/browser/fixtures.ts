// A small lead sheet and model for the sidebar tests, with hostile text in the lead data.
import type { ScoringModel } from '../../src/engine/model';

export const HOSTILE_NAME = '<img src=x onerror="window.__pwned=1;alert(1)">';
export const HOSTILE_LABEL = '<script>window.__pwned=1;alert(1)</script>';

export const LEADS: unknown[][] = [
  ['First Name', 'Last Name', 'Email', 'Job Title', 'Demo Requested', 'Page Views'],
  ['Ada', 'Lovelace', 'ada@acme.com', 'VP Engineering', 'No', 5],
  ['Grace', 'Hopper', 'grace@navy.mil', 'Director of Ops', 'Yes', 2],
  [HOSTILE_NAME, 'Mallory', 'mallory@evil.example', 'VP Sales', 'No', 1],
  ['Alan', 'Turing', 'alan@gmail.com', 'Engineer', 'Yes', 8],
  ['Linus', 'Pauling', 'linus@lab.org', 'Intern', 'No', 0],
  ['Kat', 'Johnson', 'kat@nasa.gov', 'Head of Research', 'No', 12],
  ['Tim', 'Berners', 'tim@w3.org', 'Director', 'Yes', 3],
  ['Barbara', 'Liskov', 'barbara@mit.edu', 'Professor', 'No', 4],
];

export function testModel(): ScoringModel {
  return {
    schemaVersion: 1,
    name: 'Sidebar test model',
    scale: { min: 0, max: 100 },
    groups: [
      {
        id: 'who',
        name: 'Who they are',
        kind: 'fit',
        cap: 60,
        rules: [
          {
            id: 'senior',
            column: 'Job Title',
            condition: { op: 'containsAny', values: ['VP', 'Director', 'Head of'] },
            points: 30,
            label: 'Senior title',
            enabled: true,
          },
          {
            id: 'personal',
            column: 'Email',
            condition: { op: 'personalEmail' },
            points: -10,
            label: 'Personal email',
            enabled: true,
          },
        ],
      },
      {
        id: 'did',
        name: 'What they did',
        kind: 'intent',
        rules: [
          {
            id: 'demo',
            column: 'Demo Requested',
            condition: { op: 'isTrue' },
            points: 40,
            label: 'Demo requested',
            enabled: true,
          },
          {
            id: 'views',
            column: 'Page Views',
            condition: { op: 'atLeast', value: 1 },
            points: 2,
            perUnit: true,
            maxPoints: 20,
            label: 'Page views',
            enabled: true,
          },
        ],
      },
    ],
    disqualifiers: [],
    disqualifiedBand: { name: 'Disqualified', colour: '#d9d9d9', action: 'Do not contact' },
    bands: [
      { name: 'Cold', min: 0, colour: '#cfe2f3', action: 'Nurture' },
      { name: 'Warm', min: 40, colour: '#fff2cc', action: 'BDR call this week' },
      { name: 'Hot', min: 70, colour: '#f4cccc', action: 'Call within 24 h' },
    ],
  };
}
