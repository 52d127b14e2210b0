// The leak check: identifiers, timestamps, near-pure columns, columns filled after the outcome and names of
// after-contact fields are flagged with a reason and left out of the suggestion unless the user keeps them.
import { calibrate } from '../../../src/engine/calibration/report';
import { seededRandom } from '../../support/seeded-random';
import { makeModel } from '../support/model-factory';

const AS_OF = new Date('2026-11-20T00:00:00Z');
const OPTIONS = {
  outcomeColumn: 'Converted',
  asOf: AS_OF,
  plan: () => ({ folds: 3, repeats: 1, maxLeads: Number.POSITIVE_INFINITY, references: false }),
};

/** 2,000 leads where Demo drives conversion, plus columns that each trip one check. */
function leads(): { header: string[]; rows: unknown[][] } {
  const random = seededRandom(7);
  const header = [
    'Lead ID',
    'Created',
    'Demo',
    'Source',
    'Sales Tags',
    'Won Date',
    'Lead Quality',
    'Outcome Note',
    'Converted',
  ];
  const rows = Array.from({ length: 2000 }, (_, index) => {
    const demo = random() < 0.3;
    const converted = random() < (demo ? 0.7 : 0.2) ? 1 : 0;
    const day = String(1 + (index % 28)).padStart(2, '0');
    return [
      `L-${100000 + index}`,
      `2026-03-${day}`,
      demo ? 'Yes' : 'No',
      random() < 0.5 ? 'Ads' : 'Organic',
      // Near-pure: sales wrote what happened.
      converted ? (random() < 0.9 ? 'Closed' : 'Call back') : random() < 0.9 ? 'Lost' : 'Call back',
      converted ? `2026-10-${day}` : '',
      random() < 0.5 ? 'High' : 'Low',
      converted ? 'signed' : '',
      converted,
    ];
  });
  return { header, rows };
}

describe('the leak check', () => {
  const { header, rows } = leads();
  const report = calibrate(makeModel(), header, rows, OPTIONS);
  const flagged = new Map(report.flags.map((flag) => [flag.column, flag]));

  it('flags identifiers, timestamps, near-pure columns, columns filled after conversion and after-contact names', () => {
    expect(flagged.get('Lead ID')?.kind).toBe('identifier');
    expect(flagged.get('Created')?.kind).toBe('timestamp');
    expect(flagged.get('Won Date')?.kind).toBe('timestamp');
    expect(flagged.get('Won Date')?.reasons.join(' ')).toMatch(
      /filled for 100% of converted leads but 0% of the others/,
    );
    expect(flagged.get('Sales Tags')?.reasons.join(' ')).toMatch(/nearly decides the outcome on its own/);
    expect(flagged.get('Sales Tags')?.reasons.join(' ')).toMatch(/sales tags/);
    expect(flagged.get('Lead Quality')?.reasons).toEqual([
      'its name says it is a judgement sales record after contact',
    ]);
    expect(flagged.get('Outcome Note')?.reasons.join(' ')).toMatch(/filled for 100% of converted/);
    expect(flagged.has('Demo')).toBe(false);
    expect(flagged.has('Source')).toBe(false);
  });

  it('leaves flagged columns out of the suggestion by default', () => {
    expect(report.learnedFrom).toEqual(['Demo', 'Source']);
    const columns = report.suggestion.model.groups.flatMap((group) => group.rules.map((rule) => rule.column));
    expect(columns.every((column) => column === 'Demo' || column === 'Source')).toBe(true);
    expect(report.validation.suggested.mean).toBeLessThan(0.8);
  });

  it('keeps a flagged column the user names, and says so', () => {
    const kept = calibrate(makeModel(), header, rows, { ...OPTIONS, keepColumns: ['won date'] });
    expect(kept.flags.find((flag) => flag.column === 'Won Date')?.kept).toBe(true);
    expect(kept.learnedFrom).toContain('Won Date');
    const rule = kept.suggestion.model.groups
      .flatMap((group) => group.rules)
      .find((r) => r.column === 'Won Date');
    expect(rule?.label).toBe('Won Date is filled in');
    // The leak makes the figures look perfect: which is why it is left out by default.
    expect(kept.validation.suggested.mean).toBeGreaterThan(0.99);
  });

  it('keeps every flagged column with keepFlagged, and excluded columns are neither flagged nor learned', () => {
    const all = calibrate(makeModel(), header, rows, {
      ...OPTIONS,
      keepFlagged: true,
      excludeColumns: ['Outcome Note'],
    });
    expect(all.flags.every((flag) => flag.kept)).toBe(true);
    expect(all.flags.map((flag) => flag.column)).not.toContain('Outcome Note');
    expect(all.excluded).toEqual(['Outcome Note']);
    expect(all.learnedFrom).not.toContain('Outcome Note');
    expect(all.learnedFrom).toContain('Lead ID');
  });
});
