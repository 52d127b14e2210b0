// Starter models shipped with the add-on (the setup step creates a rules sheet from one of them).
import b2bServices from '../../templates/b2b-services.json';
import capped100 from '../../templates/capped-100.json';
import xEducation from '../../templates/online-courses.json';
import professionalServices from '../../templates/professional-services.json';
import type { ScoringModel } from './model';

export interface ModelTemplate {
  id: string;
  name: string;
  description: string;
  model: ScoringModel;
}

/**
 * JSON imports are typed loosely (op: string), hence the cast. Validating here would do work when the
 * bundle loads; instead test/engine/templates.test.ts proves each file is a valid, complete model.
 */
function template(id: string, json: unknown): ModelTemplate {
  const model = json as ScoringModel;
  return { id, name: model.name, description: model.description ?? '', model };
}

export const TEMPLATES: readonly ModelTemplate[] = [
  template('b2b-services', b2bServices),
  template('capped-100', capped100),
  template('professional-services', professionalServices),
  template('x-education', xEducation),
];

/** Finds a template by id ("b2b-services"), ignoring case and surrounding spaces. */
export function findTemplate(id: string): ModelTemplate | undefined {
  const key = id.trim().toLowerCase();
  return TEMPLATES.find((t) => t.id === key);
}
