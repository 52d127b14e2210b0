// Export as SQL from the sidebar: the built bundle writes BigQuery SQL for the draft, and that SQL, run in DuckDB
// through the BigQuery shim over the sheet's own rows, scores every lead as the engine does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { openDuckDbInstance } from '../../src/cli/duckdb-engine';
import type { ScoringModel } from '../../src/engine/model';
import { findTemplate } from '../../src/engine/templates';
import type { ExportSqlResult } from '../../src/shared/sidebar-rpc';
import { duckDb } from '../../src/sql/dialect';
import { createEmulator, type Emulator } from '../emulator';
import { functionsUsed, installShim, readAllowlist, toDuckDbText } from '../sql/support/bigquery-shim';
import { compareWithEngine, describeMismatches } from '../sql/support/parity';
import { loadBundle, REPO_ROOT } from '../support/bundle';

// DuckDB plans each generated query in seconds, more on a busy machine: these tests wait longer than jest's default.
jest.setTimeout(300_000);

const TIME_ZONE = 'America/Los_Angeles';
const records: string[][] = parse(readFileSync(join(REPO_ROOT, 'samples/hubspot-contacts.csv'), 'utf8'), {
  bom: true,
});
const model = findTemplate('b2b-services')?.model as ScoringModel;

function setUp(): Emulator {
  const emulator = createEmulator({ sheets: { Leads: records }, timeZone: TIME_ZONE });
  loadBundle(emulator);
  return emulator;
}

function exportSql(emulator: Emulator, draft: unknown, table: string): ExportSqlResult {
  return JSON.parse(
    JSON.stringify(emulator.invoke('sidebarExportSql', [{ draft, table }])),
  ) as ExportSqlResult;
}

describe('sidebarExportSql', () => {
  it('writes the draft as BigQuery SQL over the lead sheet, using only allowlisted functions', () => {
    const result = exportSql(setUp(), model, 'my-project.crm.leads');
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.sql).toMatch(/^WITH\n/);
    expect(result.sql).toContain('FROM `my-project.crm.leads`');
    expect(result.sql).toContain(`CURRENT_DATE('${TIME_ZONE}')`);
    expect(result.note).toContain("the columns of 'Leads'");
    const allowed = new Set(readAllowlist(REPO_ROOT).map((entry) => entry.bigQuery.toUpperCase()));
    expect([...functionsUsed(result.sql).functions].filter((name) => !allowed.has(name))).toEqual([]);
  });

  it('refuses a table that is not project.dataset.table, and an invalid draft, with a message', () => {
    const emulator = setUp();
    const badTable = exportSql(emulator, model, 'leads; DROP TABLE x');
    expect(badTable.ok).toBe(false);
    if (!badTable.ok) expect(badTable.issues[0]?.message).toMatch(/project\.dataset\.table/);
    const badDraft = exportSql(emulator, { ...model, bands: [] }, 'p.d.t');
    expect(badDraft.ok).toBe(false);
  });

  it('scores every lead of the sheet as the engine does, run in DuckDB through the BigQuery shim', async () => {
    const result = exportSql(setUp(), model, 'my-project.crm.leads');
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const instance = await openDuckDbInstance();
    const connection = await instance.connect();
    try {
      await installShim(connection);
      const [header, ...rows] = records as [string[], ...string[][]];
      await connection.run(
        `CREATE TABLE "my-project.crm.leads" (${header.map((name) => `${duckDb.ident(name)} VARCHAR`).join(', ')})`,
      );
      const appender = await connection.createAppender('my-project.crm.leads');
      for (const row of rows) {
        for (const cell of row) appender.appendVarchar(cell);
        appender.endRow();
      }
      appender.closeSync();
      // The SQL scores as of today in the spreadsheet's time zone.
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date());
      const asOf = new Date(`${today}T00:00:00Z`);
      const sql = toDuckDbText(result.sql.replace(/;\n$/, ''));
      const columns = header.map((name) => ({ name, kind: 'text' as const }));
      const report = await compareWithEngine(connection, model, sql, columns, asOf);
      if (report.differing > 0) throw new Error(describeMismatches(report));
      expect(report.rows).toBe(rows.length);
    } finally {
      connection.closeSync();
    }
  });
});
