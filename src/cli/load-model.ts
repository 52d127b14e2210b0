// Loads a model for the CLI from a JSON file or a template id, validated with the engine's messages.
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ScoringModel } from '../engine/model';
import { findTemplate, TEMPLATES } from '../engine/templates';
import { describeIssues, validateModel } from '../engine/validate';
import { InputError } from './csv-io';

export function loadModel(source: string): ScoringModel {
  if (!existsSync(source)) {
    const template = findTemplate(source);
    if (template) return template.model;
    throw new InputError(
      `${source}: no such model file, and not a template id (${TEMPLATES.map((entry) => entry.id).join(', ')})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(source, 'utf8'));
  } catch (error) {
    throw new InputError(
      `${basename(source)}: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const result = validateModel(json);
  if (!result.ok)
    throw new InputError(`${basename(source)} is not a valid model:\n${describeIssues(result.issues)}`);
  return result.model;
}
