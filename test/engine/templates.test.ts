// Starter templates: valid and canonical, sensible bands, the seeds' worked example, and X Education calibration.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import schema from '../../schema/leadscore-model.schema.json';
import type { ScoringModel } from '../../src/engine/model';
import { scoreTable } from '../../src/engine/scorer';
import { findTemplate, TEMPLATES } from '../../src/engine/templates';
import { describeIssues, validateModel } from '../../src/engine/validate';
import { describeWithSharedData, readSharedCsv } from './support/shared-data';

const validateSchema = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
const AS_OF = new Date('2026-06-01T00:00:00Z');

function template(id: string): ScoringModel {
  const found = findTemplate(id);
  if (!found) throw new Error(`no template ${id}`);
  return found.model;
}

describe('templates', () => {
  it('ships the four starter models, found by id', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual([
      'b2b-services',
      'capped-100',
      'professional-services',
      'x-education',
    ]);
    expect(findTemplate(' B2B-Services ')?.id).toBe('b2b-services');
    expect(findTemplate('nope')).toBeUndefined();
  });

  it.each(TEMPLATES.map((t) => [t.id, t] as const))('%s is valid, complete and schema-valid', (_id, t) => {
    const result = validateModel(t.model);
    if (!result.ok) throw new Error(describeIssues(result.issues));
    // Complete and canonical: validation adds nothing and drops nothing.
    expect(result.model).toStrictEqual(t.model);
    expect(validateSchema(t.model)).toBe(true);
    expect(t.name).toBe(t.model.name);
    expect(t.description.length).toBeGreaterThan(20);
    // The JSON file on disk is what the bundle imports.
    const folder = path.join(__dirname, '../../templates');
    const files = readdirSync(folder).map(
      (name) => JSON.parse(readFileSync(path.join(folder, name), 'utf8')) as { name?: string },
    );
    expect(files.find((file) => file.name === t.model.name)).toEqual(t.model);
  });

  it.each(TEMPLATES.map((t) => [t.id, t.model] as const))(
    '%s has light band colours and an action per band',
    (_id, model) => {
      expect(model.bands.length).toBeGreaterThanOrEqual(4);
      for (const band of [...model.bands, model.disqualifiedBand]) {
        expect(band.action.trim()).not.toBe('');
        const rgb = [1, 3, 5].map((i) => Number.parseInt(band.colour.slice(i, i + 2), 16));
        // Row backgrounds must keep black text readable.
        expect(Math.min(...rgb)).toBeGreaterThanOrEqual(0xc0);
      }
    },
  );

  it('b2b-services has grades, quadrants, a missing-data policy and decay', () => {
    const model = template('b2b-services');
    expect(model.grades?.length).toBeGreaterThan(0);
    expect(model.quadrants).toBeDefined();
    expect(model.missingData).toBeDefined();
    expect(model.decay).toEqual({
      mode: 'steps',
      column: 'Last Activity Date',
      steps: [
        { afterDays: 30, points: -10 },
        { afterDays: 60, points: -20 },
      ],
    });
    expect(model.bands.map((b) => [b.name, b.min])).toEqual([
      ['Nurture', 0],
      ['MQL', 25],
      ['Sales', 50],
      ['Priority', 75],
    ]);
  });

  it('capped-100 caps company criteria at 40 and behaviour at 60', () => {
    const model = template('capped-100');
    expect(model.groups.map((g) => [g.kind, g.cap])).toEqual([
      ['fit', 40],
      ['intent', 60],
    ]);
    expect(model.bands.map((b) => b.min)).toEqual([0, 30, 60, 80]);
  });

  it('professional-services uses the 0-45 / 46-70 / 71-89 / 90+ bands', () => {
    expect(template('professional-services').bands.map((b) => [b.name, b.min])).toEqual([
      ['Cold', 0],
      ['Warm', 46],
      ['Hot', 71],
      ['Very Hot', 90],
    ]);
  });
});

describe("the seeds' worked example with the B2B template", () => {
  const header = [
    'Email',
    'Job Title',
    'Industry',
    'Number of Employees',
    'Pricing Page Visits',
    'Contact Form Submitted',
    'Guide Downloads',
    'Blog Reads',
    'Demo Requested',
    'Last Activity Date',
  ];
  const { results } = scoreTable(
    template('b2b-services'),
    header,
    [
      ['sam.reader@gmail.com', '', '', '', 0, 'No', 1, 2, 'No', '2026-05-28'],
      ['ana@northwind.io', '', '', '51-200', 2, 'Yes', 0, 0, 'No', '2026-05-28'],
    ],
    AS_OF,
  );

  it('a guide download and two blog reads from a personal email stays in nurture', () => {
    expect(results[0]?.band).toBe('Nurture');
  });

  it('two pricing visits, a contact form, a business email and a target company size go to sales', () => {
    expect(results[1]?.band).toBe('Sales');
    expect(results[1]?.score).toBe(60);
  });
});

describeWithSharedData('X Education template on the real export', () => {
  const { header, rows } = readSharedCsv('x-education-leads.csv');
  const model = template('x-education');

  it('uses only columns of the export that are known before sales contact', () => {
    const salesSide = ['Tags', 'Lead Quality', 'Last Notable Activity', 'Lead Profile', 'Converted'];
    for (const group of model.groups) {
      for (const rule of group.rules) {
        expect(header).toContain(rule.column);
        expect(salesSide).not.toContain(rule.column);
        expect(rule.column.startsWith('Asymmetrique')).toBe(false);
      }
    }
  });

  it('higher bands convert at higher rates', () => {
    const converted = header.indexOf('Converted');
    const { results } = scoreTable(model, header, rows, AS_OF);
    const rates = model.bands.map((band) => {
      const inBand = results.map((r, i) => [r, rows[i]] as const).filter(([r]) => r.band === band.name);
      const wins = inBand.filter(([, row]) => row?.[converted] === '1').length;
      return inBand.length === 0 ? 0 : wins / inBand.length;
    });
    for (let i = 1; i < rates.length; i++) expect(rates[i]).toBeGreaterThan(rates[i - 1] ?? 0);
    expect(rates[0]).toBeLessThan(0.25);
    expect(rates[rates.length - 1]).toBeGreaterThan(0.85);
  });
});
