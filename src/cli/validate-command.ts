// leadscore validate: says whether a model file is valid, and what is wrong where it is not.
import { loadModel } from './load-model';
import type { Io } from './score-command';

export function runValidate(file: string, io: Io): number {
  const model = loadModel(file);
  const rules = model.groups.reduce((sum, group) => sum + group.rules.length, 0);
  io.stdout(
    `valid: ${model.name} (${rules} rules in ${model.groups.length} groups, ${model.bands.length} bands)\n`,
  );
  return 0;
}
