// The sidebar's Export as SQL section in headless Chromium, backed by the real bundle in the emulator.
import type { Browser } from 'playwright-core';
import { findTemplate } from '../../src/engine/templates';
import { emulatedServer } from './emulated-server';
import { LEADS } from './fixtures';
import { launchChromium, openSidebar, screenshot } from './harness';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('Export as SQL in the sidebar', () => {
  it('shows the BigQuery SQL for the draft in a select-all box, with a copy button and what it assumes', async () => {
    const server = emulatedServer({ Leads: LEADS.map((row) => [...row]) });
    const template = findTemplate('b2b-services');
    expect((server.call('sidebarApply', [{ draft: template?.model }]) as { ok: boolean }).ok).toBe(true);
    const { page, errors, dialogs, calls } = await openSidebar(browser, server.call);
    await page.waitForFunction(
      `(document.querySelector('[data-testid="preview-status"]')?.textContent ?? '').startsWith('Draft scored')`,
    );
    await page.click('[data-key="section:sql"]');
    expect(await page.isVisible('[data-key="sql:copy"]')).toBe(false);
    await page.fill('[data-key="sql:table"]', 'acme-crm.sales.leads');
    await page.click('[data-key="sql:show"]');
    await page.waitForSelector('[data-testid="sql-text"]', { state: 'visible' });
    const sql = await page.inputValue('[data-testid="sql-text"]');
    expect(sql).toMatch(/^WITH\n/);
    expect(sql).toContain('FROM `acme-crm.sales.leads`');
    expect(sql).toMatch(/AS `reasons`/);
    expect(await page.textContent('[data-testid="sql-note"]')).toContain("the columns of 'Leads'");
    // Focusing the box selects the whole query, so Ctrl+C works where the Copy button cannot.
    await page.focus('[data-testid="sql-text"]');
    const selected = await page.evaluate(
      `(() => { const box = document.querySelector('[data-testid="sql-text"]'); return box.selectionEnd - box.selectionStart; })()`,
    );
    expect(selected).toBe(sql.length);
    await page.click('[data-key="sql:copy"]');
    await screenshot(page, 'sidebar-sql-export');
    expect(calls).toContain('sidebarExportSql');
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);

    // A table that is not project.dataset.table is refused with a message, and no SQL is replaced.
    await page.fill('[data-key="sql:table"]', 'leads');
    await page.click('[data-key="sql:show"]');
    await page.waitForFunction(`document.body.textContent.includes('project.dataset.table')`);
  });
});
