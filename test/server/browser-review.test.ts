import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildWeb } from '../../scripts/build-web.js';
import { createApp } from '../../src/server/app.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { LOOPBACK_HOSTS } from '../../src/server/security.js';
import { makeFixture, type Fixture } from './fixtures.js';

/**
 * Reviewing in the workbench, in Chromium against a real server and database: confirm with
 * the button, reject with the x key (the reviewer's name remembered), rejected findings hidden
 * until the switch shows them, and the overview's per-kind confirmed share changing.
 * Screenshots go to a temp dir (printed), or to DISCERN_SCREENSHOTS.
 */

const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed; browser tests skipped`;

describe('reviewing findings in the workbench (Chromium)', { skip }, () => {
  let fixture: Fixture;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let webRoot: string;
  let shots: string;
  const pageErrors: string[] = [];

  before(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'discern-web-'));
    shots = process.env.DISCERN_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'discern-shots-'));
    await buildWeb(webRoot);
    fixture = await makeFixture();
    server = await listen(createApp({ store: fixture.store, resources: fixture.resources, webRoot, rateLimit: null, allowedHosts: LOOPBACK_HOSTS }), '127.0.0.1', 0);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    process.stderr.write(`review screenshots in ${shots}\n`);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await fixture?.cleanup();
    if (webRoot) rmSync(webRoot, { recursive: true, force: true });
  });

  const shot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });
  const shareOf = async (kind: string) => (await page.locator(`.reviews-table tr[data-kind="${kind}"] td.share`).textContent())?.trim();

  test('confirm and reject findings, hide the rejected, see the overview change', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForSelector('.reviews-card');
    assert.match((await page.locator('.reviews-card').textContent()) ?? '', /No finding reviewed yet/);
    assert.equal(await page.locator('p.exports a[data-format="stix"]').getAttribute('href'), '/api/v1/export/stix');

    await page.goto(`${server.url}/#/doc/${fixture.ids.norvale}`);
    await page.waitForSelector('.finding-list button.finding-item');
    // one kind is highlighted and listed at a time: the entities
    await page.locator('.legend-box input[data-kind="entity"]').check();
    assert.equal(await page.locator('p.exports a[data-format="csv"]').getAttribute('href'), `/api/v1/export/csv?doc=${fixture.ids.norvale}`);
    const entities = page.locator('.finding-list button.finding-item').filter({ has: page.locator('.label') });
    const first = page.locator(`.finding-list button.finding-item[data-id]`).first();
    const firstId = await first.getAttribute('data-id');
    await first.click();
    await page.waitForSelector('.detail .review');
    // no name yet: the review is refused in the page and asks for one
    await page.locator('.review-btn.confirm').click();
    assert.match((await page.locator('.review-msg').textContent()) ?? '', /Type your name/);
    await page.locator('.review input[name="reviewer"]').fill('Ana Analyst');
    await page.locator('.review-btn.confirm').click();
    await page.waitForSelector(`.finding-list button.finding-item.rv-confirmed[data-id="${firstId}"]`);
    assert.match((await page.locator('.detail .review-state').textContent()) ?? '', /confirmed — Ana Analyst/);

    // the next finding rejected with the keyboard: it disappears from the list and the text
    const second = page.locator('.finding-list button.finding-item:not(.rv-confirmed)').first();
    const secondId = (await second.getAttribute('data-id')) ?? '';
    const kind = await page.locator(`.finding-list button.finding-item[data-id="${secondId}"]`).evaluate((el) => el.closest('details')?.querySelector('summary')?.textContent?.split(' ')[0] ?? '');
    await second.click();
    await page.locator('.detail .review').waitFor();
    await page.locator('.doc-text').click({ position: { x: 2, y: 2 } }).catch(() => undefined);
    await page.keyboard.press('x');
    await page.waitForFunction((id) => !document.querySelector(`.finding-list button.finding-item[data-id="${id}"]`), secondId);
    assert.match((await page.locator('label.switch').textContent()) ?? '', /\(1\)/);
    await page.locator('label.switch input').check();
    await page.waitForSelector(`.finding-list button.finding-item.rv-rejected[data-id="${secondId}"]`);
    await page.locator(`.finding-list button.finding-item[data-id="${secondId}"]`).click();
    await shot('10-review-document');

    // a reload remembers the reviewer and the reviews
    await page.reload();
    await page.waitForSelector(`.finding-list button.finding-item.rv-confirmed[data-id="${firstId}"]`);
    assert.equal(await page.locator(`.finding-list button.finding-item[data-id="${secondId}"]`).count(), 0, 'rejected hidden by default');
    await first.click();
    assert.equal(await page.locator('.review input[name="reviewer"]').inputValue(), 'Ana Analyst');

    // the overview shows the measured share per kind
    await page.goto(`${server.url}/#/overview`);
    await page.waitForSelector('.reviews-table');
    const firstKind = await fetch(`${server.url}/api/v1/reviews`).then((r) => r.json() as Promise<{ reviews: Array<{ findingId: string; target: { kind: string }; status: string }> }>);
    const kinds = new Map(firstKind.reviews.map((r) => [r.findingId, r.target.kind]));
    const k1 = kinds.get(firstId ?? '');
    const k2 = kinds.get(secondId);
    assert.ok(k1 && k2 && k2 === kind);
    if (k1 === k2) assert.equal(await shareOf(k1), '50 %');
    else {
      assert.equal(await shareOf(k1), '100 %');
      assert.equal(await shareOf(k2), '0 %');
    }
    await page.locator('.reviews-card').scrollIntoViewIfNeeded();
    await shot('11-review-overview');
    assert.ok((await entities.count()) >= 0);
    assert.deepEqual(pageErrors, []);
  });
});
