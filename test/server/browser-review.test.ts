import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { RunningServer } from '../../src/server/listen.js';
import { makeFixture, type Fixture } from './fixtures.js';
import { chromiumMissing, openWorkbench, type WorkbenchSession } from '../support/browser.js';

/**
 * Reviewing in the workbench, in Chromium against a real server and database: confirm with
 * the button, reject with the x key (the reviewer's name remembered), rejected findings hidden
 * until the switch shows them, and the overview's per-kind confirmed share changing.
 * Screenshots go to a temp dir (printed), or to DISCERN_SCREENSHOTS.
 */

const skip = chromiumMissing;

describe('reviewing findings in the workbench (Chromium)', { skip }, () => {
  let fixture: Fixture;
  let session: WorkbenchSession;
  let server: RunningServer;
  let page: Page;
  let pageErrors: string[] = [];

  before(async () => {
    fixture = await makeFixture();
    session = await openWorkbench({ store: fixture.store, resources: fixture.resources }, { width: 1280, height: 900 });
    ({ server, page, pageErrors } = session);
  });

  after(async () => {
    await session?.close();
    await fixture?.cleanup();
  });

  const shot = (name: string) => session.shot(name);
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
