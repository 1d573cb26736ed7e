import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { RunningServer } from '../../src/server/listen.js';
import { ARTICLE_XSS, makeFixture, type Fixture } from './fixtures.js';
import { chromiumMissing, openWorkbench, type WorkbenchSession } from '../support/browser.js';

/**
 * The workbench in a real browser (Debian's Chromium through playwright-core) against a real
 * server and database: overview, document with highlights, accusation edge, search, ingest,
 * comments, and a hostile article that must not run anything. Screenshots go to a temp dir
 * (printed) — or to DISCERN_SCREENSHOTS when set.
 */

const skip = chromiumMissing;

describe('web workbench in Chromium', { skip }, () => {
  let fixture: Fixture;
  let session: WorkbenchSession;
  let server: RunningServer;
  let page: Page;
  let pageErrors: string[] = [];

  before(async () => {
    fixture = await makeFixture();
    session = await openWorkbench({ store: fixture.store, resources: fixture.resources });
    ({ server, page, pageErrors } = session);
  });

  after(async () => {
    await session?.close();
    await fixture?.cleanup();
  });

  /** A real mouse click on the middle of an arrow (its box's centre is not on the curve). */
  const clickEdge = async (selector: string) => {
    const point = await page.locator(`${selector} path.edge-line`).evaluate((path: SVGPathElement) => {
      const p = path.getPointAtLength(path.getTotalLength() / 2);
      const m = path.getScreenCTM()!;
      return { x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f };
    });
    await page.mouse.click(point.x, point.y);
  };

  const shot = (name: string) => session.shot(name);

  test('the overview lists outlets and documents', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForSelector('table.docs a.doc-link');
    assert.equal(await page.locator('h1').first().textContent(), 'Corpus');
    assert.equal(await page.locator('table.docs a.doc-link').count(), 2);
    const outlets = await page.locator('section.card', { has: page.locator('h2', { hasText: 'Outlets' }) }).locator('tbody th').allTextContents();
    assert.deepEqual(outlets.sort(), ['Daskor Daily', 'Lakeside Courier']);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no horizontal scrolling at 1280 px');
    await shot('01-overview');
  });

  test('a document shows highlighted findings; clicking one explains it', async () => {
    await page.locator('a.doc-link', { hasText: 'Norvale Accuses Daskor' }).click();
    await page.waitForSelector('.doc-text mark.hl');
    assert.equal(await page.locator('.doc-header h1').textContent(), 'Norvale Accuses Daskor of Poisoning the Lake');
    // one kind is highlighted at a time: switch to entities
    await page.locator('.legend-box input[data-kind="entity"]').check();
    assert.match(page.url(), /kind=entity/);
    const entity = page.locator('.doc-text mark.hl[data-kind="entity"]', { hasText: 'Halden Institute' });
    assert.equal(await entity.count(), 1);
    await entity.click();
    await page.waitForSelector('.detail blockquote.quote');
    assert.equal(await page.locator('.detail blockquote.quote').textContent(), 'Halden Institute');
    assert.match((await page.locator('.detail .explanation').textContent()) ?? '', /Halden Institute/);
    assert.match(page.url(), /#\/doc\/[0-9a-f]{16}\?(.*&)?f=/);
    assert.equal(await page.locator('mark.hl.sel').first().textContent(), 'Halden Institute');
    // a finding in the side list jumps to its span
    const item = page.locator('.finding-list button.finding-item').filter({ hasText: 'Temmer' }).first();
    const quote = (await item.locator('.quote').textContent()) ?? '';
    await item.click();
    assert.equal((await page.locator('mark.hl.sel').allTextContents()).join(''), quote);
    await shot('02-document');
    // switching the kind removes the other kind's highlights: never two kinds at once
    const before = await page.locator('.doc-text mark.hl[data-kind="entity"]').count();
    assert.ok(before > 0);
    await page.locator('.legend-box input[data-kind="none"]').check();
    assert.equal(await page.locator('.doc-text mark.hl').count(), 0);
    await page.locator('.legend-box input[data-kind="entity"]').check();
    // the score slider hides what scores below it, and "defaults" brings it back
    const items = page.locator('.finding-list button.finding-item');
    const shown = await items.count();
    await page.locator('input[name="min-score"]').fill('1');
    assert.match((await page.locator('label.score output').textContent()) ?? '', /≥ 1\.00/);
    const strict = await items.count();
    assert.ok(strict < shown, `slider at 1: ${strict} of ${shown} findings listed`);
    await page.locator('label.score button').click();
    assert.equal(await items.count(), shown);
  });

  test('an accusation edge leads to its quoting span in the document', async () => {
    await page.goto(`${server.url}/#/graph`);
    await page.waitForSelector('svg.graph g.edge');
    assert.equal(await page.locator('svg.graph g.node').count(), 3);
    assert.equal(await page.locator('svg.graph g.edge').count(), 3);
    await shot('03-graph');
    await clickEdge('g.edge[data-source="Ilse Varga"]');
    const quote = page.locator('.graph-side blockquote.quote');
    assert.equal(await quote.textContent(), 'the Daskor Federation had dumped industrial waste into Lake Temmer');
    await shot('04-graph-edge');
    await page.locator('.graph-side a.mention-link').first().click();
    await page.waitForSelector('mark.hl.sel');
    const selected = (await page.locator('mark.hl.sel').allTextContents()).join('');
    assert.equal(selected, 'the Daskor Federation had dumped industrial waste into Lake Temmer');
    assert.equal(await page.locator('.detail .chip').textContent(), 'accusation');
    // keyboard: the edge is reachable and opens with Enter
    await page.goto(`${server.url}/#/graph`);
    await page.waitForSelector('svg.graph g.edge');
    await page.locator('g.edge[data-source="Daskor Federation"]').first().focus();
    await page.keyboard.press('Enter');
    assert.match((await page.locator('.graph-side h2').textContent()) ?? '', /Daskor Federation → Norvale/);
  });

  test('search finds documents and findings as you type', async () => {
    await page.goto(`${server.url}/#/search`);
    await page.locator('#search-q').fill('fabricated smear');
    await page.waitForSelector('.results ol.hits a.hit-title');
    const titles = await page.locator('.results section').first().locator('a.hit-title').allTextContents();
    assert.deepEqual(titles, ['Daskor Rejects Lake Temmer Claims as Fabricated']);
    assert.ok((await page.locator('.results mark.hit').count()) >= 2);
    assert.match(page.url(), /q=fabricated/);
    await shot('05-search');
  });

  test('the jobs view says a SQLite database has no queue', async () => {
    await page.goto(`${server.url}/#/jobs`);
    await page.waitForSelector('.view-jobs h1');
    assert.equal(await page.locator('.view-jobs h1').textContent(), 'Jobs');
    assert.match((await page.locator('.view-jobs p').first().textContent()) ?? '', /SQLite: it has no job queue/);
  });

  test('the comments view shows the shared skeleton beside its comments', async () => {
    await page.goto(`${server.url}/#/comments`);
    await page.waitForSelector('.cluster');
    assert.equal(await page.locator('.cluster').count(), 1);
    assert.equal(await page.locator('.cluster ol > li').count(), 3);
    assert.ok(((await page.locator('pre.skeleton').textContent()) ?? '').length > 0);
    await shot('06-comments');
  });

  test('a text ingested through the form opens and joins the corpus', async () => {
    await page.goto(`${server.url}/#/ingest`);
    await page.locator('#ingest-text').fill(
      'Ferry Strike Ends in Port Ellis\n\nBy Sam Ortiz\n\nPORT ELLIS, July 9 (Harbour Post) - Ferry crews in Port Ellis ended a four-day strike on Thursday after the Ellis Transport Board agreed to raise wages by 6 percent, union leader Rosa Quint said.\n',
    );
    await page.locator('#ingest-outlet').fill('Harbour Post');
    await page.locator('form.ingest-form button[type="submit"]').click();
    await page.waitForURL(/#\/doc\/[0-9a-f]{16}$/);
    await page.waitForSelector('.doc-header h1');
    assert.equal(await page.locator('.doc-header h1').textContent(), 'Ferry Strike Ends in Port Ellis');
    await page.goto(`${server.url}/#/overview`);
    await page.waitForSelector('table.docs a.doc-link');
    assert.equal(await page.locator('table.docs a.doc-link').count(), 3);
    assert.ok((await page.locator('table.docs').textContent())?.includes('Harbour Post'));
  });

  test('a hostile article is shown as text and runs nothing', async () => {
    await page.goto(`${server.url}/#/ingest`);
    await page.locator('#ingest-text').fill(ARTICLE_XSS);
    await page.locator('#ingest-format').selectOption('html');
    await page.locator('form.ingest-form button[type="submit"]').click();
    await page.waitForURL(/#\/doc\/[0-9a-f]{16}$/);
    await page.waitForSelector('.doc-text .sec');
    const text = (await page.locator('.doc-text').textContent()) ?? '';
    assert.ok(text.includes('<img src=x onerror=window.__xss=4>'), 'escaped markup is shown as text');
    assert.ok(text.includes('<script>window.__xss=6</script>'), 'escaped script is shown as text');
    const injected = await page.evaluate(() => ({
      xss: (window as unknown as { __xss?: number }).__xss ?? null,
      scripts: document.querySelectorAll('main script').length,
      handlers: [...document.querySelectorAll('main *')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
      jsLinks: document.querySelectorAll('a[href^="javascript:" i]').length,
      images: document.querySelectorAll('main img').length,
    }));
    assert.deepEqual(injected, { xss: null, scripts: 0, handlers: 0, jsLinks: 0, images: 0 });
    // the same through search snippets and a hover/click on the text
    await page.locator('.doc-text .sec').first().hover();
    await page.goto(`${server.url}/#/search?q=xss`);
    await page.waitForSelector('.results');
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? null), null);
    assert.equal(await page.evaluate(() => document.querySelectorAll('main img, main script').length), 0);
    assert.deepEqual(pageErrors, []);
    await shot('07-hostile');
  });

  test('dark theme and a laptop-sized window', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.goto(`${server.url}/`);
    await page.waitForSelector('table.docs a.doc-link');
    await page.locator('button.theme').click(); // auto → light
    await page.locator('button.theme').click(); // light → dark
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(background, 'rgb(21, 23, 27)');
    await page.locator('a.doc-link').first().click();
    await page.waitForSelector('.doc-text mark.hl');
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no horizontal scrolling at 1024 px');
    await shot('08-dark-laptop');
  });
});
