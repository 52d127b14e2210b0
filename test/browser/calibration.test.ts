// The sidebar's Calibration section in headless Chromium, backed by the real bundle in the emulator.
import type { Browser } from 'playwright-core';
import { findTemplate } from '../../src/engine/templates';
import { emulatedServer } from './emulated-server';
import { launchChromium, openSidebar, screenshot } from './harness';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** 1,200 leads where demo requests and senior titles make customers. */
function leads(): unknown[][] {
  let seed = 9;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const rows: unknown[][] = [
    ['Email', 'Job Title', 'Demo Requested', 'Pricing Page Visits', 'Lifecycle Stage'],
  ];
  for (let i = 0; i < 1200; i++) {
    const demo = random() < 0.3;
    const vp = random() < 0.4;
    const visits = Math.floor(random() * 4);
    const odds = -2 + (demo ? 2.2 : 0) + (vp ? 1 : 0) + visits * 0.2;
    rows.push([
      `l${i}@acme.com`,
      vp ? 'VP Sales' : 'Engineer',
      demo ? 'Yes' : 'No',
      visits,
      random() < 1 / (1 + Math.exp(-odds)) ? 'Customer' : 'Lead',
    ]);
  }
  return rows;
}

describe('Calibration in the sidebar', () => {
  it('calibrates against the outcome column it guesses and loads the suggestion as an editable draft', async () => {
    const server = emulatedServer({ Leads: leads() });
    const template = findTemplate('b2b-services');
    expect((server.call('sidebarApply', [{ draft: template?.model }]) as { ok: boolean }).ok).toBe(true);
    const { page, errors, dialogs } = await openSidebar(browser, server.call);
    await page.waitForFunction(
      `(document.querySelector('[data-testid="preview-status"]')?.textContent ?? '').startsWith('Draft scored')`,
    );
    await page.click('[data-key="section:calibration"]');
    expect(await page.inputValue('[data-key="calibration:outcome"]')).toBe('Lifecycle Stage');
    await page.click('[data-key="calibration:run"]');
    const summary = page.locator('[data-testid="calibration-summary"]');
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(
      /1200 leads, \d+ converted .*Cross-validated AUC: suggested 0\.\d{3} ± 0\.\d{3}, current 0\.\d{3} ± 0\.\d{3}/,
    );
    await screenshot(page, 'sidebar-calibration');
    await page.click('[data-key="calibration:load"]');
    await page.waitForFunction(
      `(document.querySelector('[data-testid="status"]')?.textContent ?? '').startsWith('Loaded the suggested model')`,
    );
    // The suggestion is a draft: nothing is saved until Apply.
    expect(await page.locator('[data-testid="draft-state"]').textContent()).not.toBe('Saved');
    expect(server.emulator.spreadsheet.getSheetByName('LeadScore Calibration')).not.toBeNull();
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
