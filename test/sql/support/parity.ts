// Runs generated SQL in DuckDB and scores the same rows with the JavaScript engine, row by row.
// The SQL returns every input column, so one streamed pass gives both the engine's input and the SQL's result.
import type { DuckDBConnection } from '@duckdb/node-api';
import { engineValue } from '../../../src/cli/duckdb-engine';
import type { LeadResult, ScoringModel } from '../../../src/engine/model';
import { bindScorer, compileModel } from '../../../src/engine/scorer';
import type { TableColumn } from '../../../src/sql/column-types';
import { RESULT_NAMES } from '../../../src/sql/generate';

export interface Mismatch {
  row: number;
  input: Record<string, unknown>;
  engine: Partial<LeadResult> | 'blank';
  sql: Record<string, unknown>;
  fields: string[];
}

export interface ParityReport {
  rows: number;
  /** Rows where any field differs. */
  differing: number;
  /** The first of them. */
  mismatches: Mismatch[];
  /** Rows with a band, per band: shows the data exercised more than one outcome. */
  bands: Record<string, number>;
}

/** Every result field is compared, not only score, band and reasons. */
const COMPARED = RESULT_NAMES;

function sameNumber(a: unknown, b: number): boolean {
  return typeof a === 'number' && a === b; // -0 === 0, as the CSV output writes both "0"
}

/** Scores `sql`'s input columns with the engine and compares every result field. Keeps the first `keep` mismatches. */
export async function compareWithEngine(
  connection: DuckDBConnection,
  model: ScoringModel,
  sql: string,
  columns: readonly TableColumn[],
  asOf: Date,
  keep = 20,
): Promise<ParityReport> {
  const scorer = bindScorer(
    compileModel(model),
    columns.map((column) => column.name),
    asOf,
  );
  const result = await connection.stream(sql);
  const names = result.columnNames();
  // The results follow the input columns, renamed leadscore_<name> where an input column has the name.
  const at = (name: string) => {
    const index = names.findIndex(
      (column, i) => i >= columns.length && (column === name || column === `leadscore_${name}`),
    );
    if (index < 0) throw new Error(`the SQL returned no ${name} column`);
    return index;
  };
  const positions = Object.fromEntries(RESULT_NAMES.map((name) => [name, at(name)]));
  const report: ParityReport = { rows: 0, differing: 0, mismatches: [], bands: {} };
  for await (const rows of result.yieldRowsJs()) {
    for (const row of rows) {
      const input = columns.map((column, i) => engineValue(column.kind, row[i]));
      const engine = scorer.scoreRow(input);
      const sqlValues = Object.fromEntries(COMPARED.map((name) => [name, row[positions[name] as number]]));
      const fields: string[] = [];
      if (engine.blank) {
        for (const name of COMPARED) if (sqlValues[name] !== null) fields.push(name);
      } else {
        for (const name of COMPARED) {
          const expected = engine[name];
          const same =
            typeof expected === 'number'
              ? sameNumber(sqlValues[name], expected)
              : sqlValues[name] === expected;
          if (!same) fields.push(name);
        }
        report.bands[engine.band] = (report.bands[engine.band] ?? 0) + 1;
      }
      if (fields.length > 0) report.differing++;
      if (fields.length > 0 && report.mismatches.length < keep) {
        report.mismatches.push({
          row: report.rows,
          input: Object.fromEntries(columns.map((column, i) => [column.name, input[i]])),
          engine: engine.blank ? 'blank' : Object.fromEntries(COMPARED.map((name) => [name, engine[name]])),
          sql: sqlValues,
          fields,
        });
      }
      report.rows++;
    }
  }
  return report;
}

/** The differing rows, readable in a failed test's output. */
export function describeMismatches(report: ParityReport): string {
  const shown = report.mismatches.slice(0, 10);
  return [
    `${report.differing} of ${report.rows} rows differ; first ${shown.length}:`,
    ...shown.map((m) =>
      [
        `row ${m.row} (${m.fields.join(', ')}):`,
        `  input:  ${JSON.stringify(m.input)}`,
        `  engine: ${JSON.stringify(m.engine)}`,
        `  sql:    ${JSON.stringify(m.sql)}`,
      ].join('\n'),
    ),
  ].join('\n');
}
