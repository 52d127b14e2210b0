// leadscore compare: two models on the same leads: AUC of each, the paired interval of the difference,
// conversion by band under each, and the leads that change band.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { makeGroup, makeModel, makeRule } from '../engine/support/model-factory';
import { cli } from './run-cli';

function setUp(): { input: string; weak: string; strong: string } {
  const dir = mkdtempSync(join(tmpdir(), 'leadscore-compare-'));
  let seed = 3;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const rows: (string | number)[][] = [['Demo Requested', 'Job Title', 'Converted']];
  for (let i = 0; i < 2000; i++) {
    const demo = random() < 0.3;
    const vp = random() < 0.4;
    const odds = -1.5 + (demo ? 2 : 0) + (vp ? 1.2 : 0);
    rows.push([
      demo ? 'Yes' : 'No',
      vp ? 'VP Sales' : 'Engineer',
      random() < 1 / (1 + Math.exp(-odds)) ? 1 : 0,
    ]);
  }
  const input = join(dir, 'leads.csv');
  writeFileSync(input, stringify(rows));
  const demo = makeRule({ id: 'demo', column: 'Demo Requested', condition: { op: 'isTrue' }, points: 40 });
  const vp = makeRule({
    id: 'vp',
    column: 'Job Title',
    condition: { op: 'containsAny', values: ['VP'] },
    points: 30,
  });
  const weak = join(dir, 'weak.json');
  const strong = join(dir, 'strong.json');
  writeFileSync(
    weak,
    JSON.stringify(
      makeModel({ name: 'Demo only', groups: [makeGroup({ id: 'g', kind: 'intent', rules: [demo] })] }),
    ),
  );
  writeFileSync(
    strong,
    JSON.stringify(
      makeModel({
        name: 'Demo and title',
        groups: [makeGroup({ id: 'g', kind: 'intent', rules: [demo, vp] })],
      }),
    ),
  );
  return { input, weak, strong };
}

describe('leadscore compare', () => {
  const { input, weak, strong } = setUp();
  /** `leadscore compare` of models `a` and `b` on the leads, outcome `outcome`. */
  const compare = (a: string, b: string, outcome = 'Converted') =>
    cli('compare', '--model', a, '--model', b, '--input', input, '--outcome', outcome);

  it('gives each AUC, the paired interval of the difference, bands under each and the band changes', async () => {
    const result = await compare(weak, strong);
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(
      /^LeadScore comparison on leads\.csv, outcome 'Converted'\n {2}A: 'Demo only' \(.*weak\.json\)\n {2}B: 'Demo and title'/,
    );
    expect(out).toMatch(/AUC: A 0\.\d{3}, B 0\.\d{3}\.\n {2}AUC: the chance/);
    expect(out).toMatch(
      /Difference B - A: \+0\.\d{3}, 95% CI \+0\.\d{3} to \+0\.\d{3} \(p [<=] [\d.]+\)\. B \('Demo and title'\) ranks these leads better\./,
    );
    expect(out).toMatch(/Conversion by band under A:\n {2}band +leads +converted +rate\n/);
    expect(out).toMatch(/Conversion by band under B:\n/);
    expect(out).toMatch(
      /Band changes: [\d,]+ of 2,000 leads \(\d+\.\d%\) would be in a different band under B\./,
    );
    expect(out).toMatch(/band under A +band under B +leads\n/);
    expect(out.trimEnd().split('\n').at(-1)).toMatch(/^Next step: B ranks better; score with it/);
  });

  it('a model against itself ranks no better', async () => {
    const result = await compare(weak, weak);
    expect(result.stdout).toContain('Difference B - A: +0.000, 95% CI +0.000 to +0.000');
    expect(result.stdout).toContain('neither model ranks clearly better');
    expect(result.stdout).toContain('Band changes: 0 of 2,000 leads (0.0%)');
  });

  it('needs two models, an input and an outcome; names a mistyped outcome', async () => {
    const once = await cli('compare', '--model', weak, '--input', input, '--outcome', 'Converted');
    expect(once.code).toBe(2);
    expect(once.stderr).toContain('compare needs --model twice (got 1)');
    const noOutcome = await cli('compare', '--model', weak, '--model', strong, '--input', input);
    expect(noOutcome.stderr).toContain('compare needs --outcome');
    const typo = await compare(weak, strong, 'Convrted');
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(
      /^leadscore: There is no outcome column 'Convrted'\. Did you mean 'Converted'\?/,
    );
  });
});
