// leadscore validate: says whether a model file is valid, what is wrong where it is not, and (with --input)
// which columns its rules read that a CSV file lacks.
import { bindScorer, compileModel } from '../engine/scorer';
import { type DateOrder, describeLayout, readLeadCsv } from './csv-io';
import { loadModel } from './load-model';
import { placeResults } from './result-columns';
import type { Io } from './score-command';

export interface ValidateArgs {
  model: string;
  input?: string;
  dateOrder?: DateOrder;
}

export function runValidate(args: ValidateArgs, io: Io): number {
  const model = loadModel(args.model);
  const rules = model.groups.reduce((sum, group) => sum + group.rules.length, 0);
  io.stdout(
    `valid: ${model.name} (${rules} rules in ${model.groups.length} groups, ${model.bands.length} bands)\n`,
  );
  if (args.input === undefined) return 0;
  const table = readLeadCsv(args.input, { dateOrder: args.dateOrder });
  const layout = describeLayout(table);
  if (layout) io.stderr(`read ${args.input}: ${layout}\n`);
  for (const warning of table.warnings) io.stderr(`warning: ${warning}\n`);
  // The columns `score` would read: a previous run's LeadScore block is not an input.
  const { userHeader } = placeResults(table.header);
  const { missingColumns } = bindScorer(compileModel(model), userHeader, new Date(0));
  if (missingColumns.length === 0) {
    io.stdout(`${args.input}: every column the rules read is there (${table.rows.length} rows)\n`);
    return 0;
  }
  const byColumn = new Map<string, string[]>();
  for (const { column, id } of missingColumns) byColumn.set(column, [...(byColumn.get(column) ?? []), id]);
  const lines = [...byColumn].map(
    ([column, ids]) => `  ${column} (${ids.length === 1 ? 'rule' : 'rules'} ${ids.join(', ')})`,
  );
  io.stdout(
    `${args.input} has no column for ${missingColumns.length === 1 ? 'this rule' : 'these rules'} (rename the columns, or \`score --allow-missing-columns\` scores without them):\n${lines.join('\n')}\n`,
  );
  return 1;
}
