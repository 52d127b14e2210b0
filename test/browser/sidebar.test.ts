// The built sidebar in headless Chromium, with google.script.run backed by the real bundle in the Apps Script emulator.
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type EmulatedServer, emulatedServer } from './emulated-server';
import { HOSTILE_LABEL, HOSTILE_NAME, LEADS, testModel } from './fixtures';
import { launchChromium, openSidebar, ROOT, type SidebarPage, screenshot, sidebarSize } from './harness';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** A spreadsheet with the test leads, already scored once with the test model (so there is a "before"). */
function setUp(): EmulatedServer {
  const server = emulatedServer({ Leads: LEADS.map((row) => [...row]) });
  const applied = server.call('sidebarApply', [{ draft: testModel() }]) as { ok: boolean };
  expect(applied.ok).toBe(true);
  return server;
}

async function open(server: EmulatedServer): Promise<SidebarPage> {
  const sidebar = await openSidebar(browser, server.call);
  await waitForPreview(sidebar.page);
  return sidebar;
}

async function waitForPreview(page: Page): Promise<void> {
  await waitForText(page, 'preview-status', 'Draft scored', 'starts');
}

/**
 * Waits until the element with this data-testid has text that starts with or contains `text`. Page-side
 * code is passed as a string: the test project has no DOM types (they clash with Apps Script's).
 */
async function waitForText(
  page: Page,
  testId: string,
  text: string,
  how: 'starts' | 'contains' = 'contains',
) {
  const method = how === 'starts' ? 'startsWith' : 'includes';
  await page.waitForFunction(
    `(document.querySelector('[data-testid="${testId}"]')?.textContent ?? '').${method}(${JSON.stringify(text)})`,
  );
}

/** Band -> [now, draft] counts from the preview table. */
async function bandCounts(page: Page): Promise<Record<string, [number, number]>> {
  const counts: unknown = await page.evaluate(`Object.fromEntries(
    Array.from(document.querySelectorAll('[data-testid="band-counts"] tbody tr')).map((row) => [
      row.dataset.band,
      Array.from(row.querySelectorAll('td')).slice(0, 2).map((cell) => Number(cell.textContent)),
    ]),
  )`);
  return counts as Record<string, [number, number]>;
}

function column(server: EmulatedServer, header: string): unknown[] {
  const values = server.emulator.sheetValues('Leads');
  const index = (values[0] ?? []).indexOf(header);
  expect(index).toBeGreaterThanOrEqual(0);
  return values.slice(1).map((row) => row[index]);
}

function bandRules(server: EmulatedServer): { formula: string; background: string | null }[] {
  const sheet = server.emulator.spreadsheet.getSheetByName('Leads');
  if (!sheet) throw new Error('no Leads sheet');
  return sheet.getConditionalFormatRules().map((rule) => ({
    formula: String(rule.getBooleanCondition()?.getCriteriaValues()[0] ?? ''),
    background: rule.getBooleanCondition()?.getBackground() ?? null,
  }));
}

async function openRules(page: Page): Promise<void> {
  await page.locator('details.group > summary', { hasText: 'Who they are' }).click();
}

async function openSection(page: Page, title: string): Promise<void> {
  const details = page.locator('details.section', { has: page.locator('summary', { hasText: title }) });
  if ((await details.getAttribute('open')) === null) {
    await details.locator('summary').first().click();
  }
}

describe('LeadScore sidebar in Chromium', () => {
  it('previews an edited rule, applies it, and the sheet is rescored and recoloured', async () => {
    const server = setUp();
    expect(column(server, 'Lead Score')).toEqual([40, 74, 32, 46, 0, 50, 76, 8]);
    const { page, calls, errors, dialogs } = await open(server);

    expect(await bandCounts(page)).toEqual({
      Hot: [2, 2],
      Warm: [3, 3],
      Cold: [3, 3],
      Disqualified: [0, 0],
    });
    await openRules(page);
    await page.fill('[data-key="rule:senior:points"]', '60');
    await openSection(page, 'Bands');
    await page.fill('[data-key="band:2:colour"]', '#ea9999');
    await waitForText(page, 'moves', '3 up');
    expect(await bandCounts(page)).toEqual({
      Hot: [2, 4],
      Warm: [3, 2],
      Cold: [3, 2],
      Disqualified: [0, 0],
    });
    const movers = await page.locator('[data-testid="top-movers"] li').allTextContents();
    // Three leads gain 30 points and change band; row order breaks the tie.
    expect(movers.map((text) => text.slice(0, 5))).toEqual(['Row 2', 'Row 4', 'Row 7', 'Row 3', 'Row 8']);
    expect(movers[0]).toContain('40 Warm → 70 Hot (+30)');
    expect(movers[0]).toContain('+60 Senior title');
    expect(movers[1]).toContain('32 Cold → 62 Warm');

    await page.fill('[data-key="test:row"]', '2');
    await page.click('[data-key="test:go"]');
    const breakdown = page.locator('[data-testid="row-breakdown"]');
    await breakdown.waitFor();
    expect(await breakdown.locator('.row-score').textContent()).toContain('70 Hot');
    expect(await breakdown.locator('tr[data-rule="personal"] td.num').textContent()).toBe('0');
    expect(await breakdown.locator('tr[data-rule="senior"] td.num').textContent()).toBe('+60');

    await page.locator('details.section > summary', { hasText: 'Rules' }).scrollIntoViewIfNeeded();
    await page.evaluate('window.scrollTo(0, 0)');
    const shot = await screenshot(page, 'sidebar-preview', false);
    await screenshot(page, 'sidebar-preview-full');

    await page.click('[data-testid="apply"]');
    await waitForText(page, 'status', 'Saved.', 'starts');
    expect(column(server, 'Lead Score')).toEqual([70, 100, 62, 46, 0, 80, 100, 8]);
    expect(column(server, 'Band')).toEqual(['Hot', 'Hot', 'Warm', 'Warm', 'Cold', 'Hot', 'Hot', 'Cold']);
    const hot = bandRules(server).find((rule) => rule.formula.includes('="Hot"'));
    expect(hot?.background).toBe('#ea9999');
    // After Apply the draft is the saved model: nothing moves any more.
    await waitForText(page, 'moves', '0 up');
    expect(await page.locator('[data-testid="draft-state"]').textContent()).toBe('Saved');

    expect(calls).toEqual(
      expect.arrayContaining(['sidebarGetState', 'sidebarPreview', 'sidebarTestRow', 'sidebarApply']),
    );
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    // The README's picture: the preview after the edit, at the real sidebar width.
    mkdirSync(join(ROOT, 'docs/images'), { recursive: true });
    if (process.env.UPDATE_README_SCREENSHOT) copyFileSync(shot, join(ROOT, 'docs/images/sidebar.png'));
    await page.close();
  });

  it('shows a bad band threshold next to its field and blocks Apply', async () => {
    const server = setUp();
    const { page } = await open(server);
    await openSection(page, 'Bands');
    await page.fill('[data-key="band:1:min"]', '150');
    const field = page.locator('[data-path="bands.1.min"]');
    await field.locator('.field-error').waitFor();
    expect(await field.locator('.field-error').textContent()).toContain("is above the scale's max (100)");
    expect(await page.locator('[data-key="band:1:min"]').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('[data-testid="apply"]').isDisabled()).toBe(true);
    expect(await page.locator('[data-testid="preview-status"]').textContent()).toContain('Fix');
    await field.scrollIntoViewIfNeeded();
    await screenshot(page, 'sidebar-invalid-threshold', false);

    // Apply cannot go through even when forced: the sheet keeps the old scores.
    await page.locator('[data-testid="apply"]').dispatchEvent('click');
    expect(column(server, 'Lead Score')).toEqual([40, 74, 32, 46, 0, 50, 76, 8]);

    await page.fill('[data-key="band:1:min"]', '45');
    await page.locator('.field-error').waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid="apply"]').isDisabled()).toBe(false);
    await page.close();
  });

  it('renders script and markup in rule labels and lead data as text', async () => {
    const server = setUp();
    const { page, dialogs, errors } = await open(server);
    await openRules(page);
    await page.fill('[data-key="rule:senior:label"]', HOSTILE_LABEL);
    await page.fill('[data-key="rule:senior:points"]', '50');
    await waitForPreview(page);
    await waitForText(page, 'moves', '2 up');
    await page.fill('[data-key="test:row"]', '4');
    await page.click('[data-key="test:go"]');
    const breakdown = page.locator('[data-testid="row-breakdown"]');
    await breakdown.waitFor();

    // The hostile lead (row 4) is a top mover and the tested row: its name and the label show as typed.
    const moverText = await page.locator('[data-testid="top-movers"]').textContent();
    expect(moverText).toContain(HOSTILE_NAME);
    expect(moverText).toContain(`+50 ${HOSTILE_LABEL}`);
    expect(await breakdown.locator('.row-title').textContent()).toBe(`Row 4 · ${HOSTILE_NAME} Mallory`);
    expect(await breakdown.locator('tr[data-rule="senior"] .rule-name').textContent()).toBe(HOSTILE_LABEL);

    // Only the sidebar's own script exists; no injected element, handler or dialog ran.
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await breakdown.scrollIntoViewIfNeeded();
    await screenshot(page, 'sidebar-hostile-text', false);

    // Applying writes the label into the rules sheet and the reasons as plain text, never as a formula.
    await page.click('[data-testid="apply"]');
    await waitForText(page, 'status', 'Saved.', 'starts');
    expect(String(column(server, 'Reasons')[2])).toContain(HOSTILE_LABEL);
    await page.close();
  });

  it('shows a server failure as a readable message', async () => {
    const server = setUp();
    const { page } = await openSidebar(browser, (name, args) => {
      if (name === 'sidebarApply')
        throw new Error('Another LeadScore run is busy with this spreadsheet; try again in a minute.');
      return server.call(name, args);
    });
    await waitForPreview(page);
    await openRules(page);
    await page.fill('[data-key="rule:senior:points"]', '35');
    await waitForPreview(page);
    await page.click('[data-testid="apply"]');
    const banner = page.locator('[data-testid="banner"]');
    await banner.waitFor();
    expect(await banner.textContent()).toBe(
      'Another LeadScore run is busy with this spreadsheet; try again in a minute.',
    );
    expect(await page.locator('[data-testid="apply"]').isDisabled()).toBe(false);
    await page.close();
  });

  it('keeps the built sidebar under its 150 KB budget', () => {
    expect(sidebarSize()).toBeLessThan(150 * 1024);
    expect(statSync(join(ROOT, 'dist/Sidebar.html')).size).toBe(sidebarSize());
  });
});
