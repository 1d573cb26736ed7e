import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { RunningServer } from '../../src/server/listen.js';
import { makeViewsFixture, type ViewsFixture } from './views-fixtures.js';
import { chromiumMissing, openWorkbench, type WorkbenchSession } from '../support/browser.js';

/**
 * The actors graph, timeline, contradictions, outlet page and corpus-aware search in a real
 * browser (Debian's Chromium through playwright-core) over invented articles analysed by the
 * real analysers. Screenshots go to a temp dir (printed) or to DISCERN_SCREENSHOTS.
 */

const skip = chromiumMissing;
/** a document id as the store makes them: never shown where a title, outlet or date can be */
const HASH = /\b[0-9a-f]{16}\b/;

interface Rect {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

describe('narrative views and search in Chromium', { skip }, () => {
  let fixture: ViewsFixture;
  let session: WorkbenchSession;
  let server: RunningServer;
  let page: Page;
  let pageErrors: string[] = [];

  before(async () => {
    fixture = await makeViewsFixture();
    session = await openWorkbench({ store: fixture.store, resources: fixture.resources });
    ({ server, page, pageErrors } = session);
  });

  after(async () => {
    await session?.close();
    await fixture?.cleanup();
  });

  const shot = (name: string) => session.shot(name);
  const mainText = async () => (await page.locator('main').textContent()) ?? '';

  test('the actors graph: labels apart, zoom, drag, edges coloured by what the accuser does', async () => {
    await page.goto(`${server.url}/#/graph`);
    await page.waitForSelector('svg.graph g.node');
    // every label's box on screen, against every other label and circle
    const boxes = async () =>
      page.evaluate(() =>
        [...document.querySelectorAll('svg.graph g.node')].flatMap((g) => {
          const t = g.querySelector('text')!.getBoundingClientRect();
          const c = g.querySelector('circle')!.getBoundingClientRect();
          const text = g.querySelector('text')!.textContent ?? '';
          return [
            { text: `label ${text}`, x0: t.left, y0: t.top, x1: t.right, y1: t.bottom },
            { text: `circle ${text}`, x0: c.left, y0: c.top, x1: c.right, y1: c.bottom },
          ];
        }),
      );
    const overlapping = (rects: Rect[]) => {
      const out: string[] = [];
      for (let i = 0; i < rects.length; i++)
        for (let j = i + 1; j < rects.length; j++) {
          const [a, b] = [rects[i], rects[j]];
          if (!a.text.startsWith('label') && !b.text.startsWith('label')) continue;
          if (a.text.slice(a.text.indexOf(' ')) === b.text.slice(b.text.indexOf(' '))) continue; // a node's own label and circle
          if (a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1) out.push(`${a.text} / ${b.text}`);
        }
      return out;
    };
    const rects = await boxes();
    assert.ok(rects.length >= 8, `${rects.length / 2} nodes`);
    assert.deepEqual(overlapping(rects), []);
    // labels are readable: at least 11 px high on screen
    for (const r of rects.filter((x) => x.text.startsWith('label'))) assert.ok(r.y1 - r.y0 >= 11, `${r.text}: ${r.y1 - r.y0} px`);
    await shot('v01-graph');

    // colour: what the accuser does; dash: what the article does
    const denial = page.locator('g.edge[data-action="denies"] path.edge-line').first();
    const accusation = page.locator('g.edge[data-action="accuses"] path.edge-line').first();
    assert.notEqual(await denial.getAttribute('stroke'), await accusation.getAttribute('stroke'));
    const reported = await page.locator('g.edge[data-article="reports"] path.edge-line').first().getAttribute('stroke-dasharray');
    assert.ok(reported, 'reported allegations are dashed');
    assert.equal(await page.locator('.graph-legend').count(), 1);

    // zoom in with the button: labels grow on screen
    const before = await page.locator('svg.graph g.node text').first().boundingBox();
    await page.locator('.graph-controls button[data-zoom="+"]').click();
    const after = await page.locator('svg.graph g.node text').first().boundingBox();
    assert.ok(after!.height > before!.height * 1.1, `${before!.height} → ${after!.height}`);
    await page.locator('.graph-controls button[data-zoom="Fit"]').click();

    // drag an actor: it moves and its arrows follow
    const node = page.locator('svg.graph g.node[data-node="Ostrel"]');
    const edge = page.locator('g.edge[data-target="Ostrel"] path.edge-line').first();
    const pathBefore = await edge.getAttribute('d');
    const box = (await node.locator('circle').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 40, { steps: 5 });
    await page.mouse.up();
    const moved = (await node.locator('circle').boundingBox())!;
    assert.ok(Math.abs(moved.x - box.x) > 30, `moved from ${box.x} to ${moved.x}`);
    assert.notEqual(await edge.getAttribute('d'), pathBefore);

    // an arrow's passages name their documents by title, outlet and date (docName)
    await page.locator('g.edge[data-action="denies"]').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('.graph-side blockquote.quote');
    assert.match((await page.locator('.graph-side').textContent()) ?? '', /denies/);
    assert.equal(await page.locator('.graph-side a.mention-link').first().textContent(), 'Ostrel Rejects Karvian Claims About the Red Dawn Front (Ostrel Times, 2025-03-12)');
    assert.doesNotMatch((await page.locator('.graph-side').textContent()) ?? '', HASH);
    await shot('v02-graph-edge');
  });

  test('the timeline orders events, filters by actor and leads to the passage', async () => {
    await page.goto(`${server.url}/#/timeline`);
    await page.waitForSelector('.timeline-events li.event');
    const dates = await page.locator('.timeline-events > ol.timeline:not(.yearless) > li.event').evaluateAll((els) => els.map((e) => e.getAttribute('data-date')));
    assert.deepEqual(dates, ['2016', '2018', '2025-03-04', '2025-03-20']);
    // datelines without a year come apart, after the dated events
    assert.ok((await page.locator('ol.timeline.yearless li.event').count()) >= 2);
    assert.ok((await page.locator('.timeline-claims .passage.claim').count()) > 0);
    assert.doesNotMatch(await mainText(), HASH);
    await shot('v03-timeline');
    // filter by actor: the URL says so, only its events remain
    await page.locator('#timeline-actor').selectOption('Petra Vance');
    await page.waitForURL(/actor=Petra\+Vance|actor=Petra%20Vance/);
    await page.waitForSelector('h1:has-text("Timeline: Petra Vance")');
    const filtered = await page.locator('.timeline-events li.event').evaluateAll((els) => els.map((e) => e.getAttribute('data-date')));
    assert.ok(filtered.length > 0 && filtered.length < 7, filtered.join());
    assert.ok(!filtered.includes('2016'));
    // a passage opens its document with the passage marked
    await page.locator('.timeline-events a.doc-ref-title').first().click();
    await page.waitForURL(/#\/doc\/[0-9a-f]{16}\?at=\d+-\d+/);
    await page.waitForSelector('.doc-header h1');
    assert.equal(await page.locator('.doc-header h1').textContent(), 'Ostrel Rejects Karvian Claims About the Red Dawn Front');
  });

  test('the contradictions page shows both sides with their quotes and documents', async () => {
    await page.goto(`${server.url}/#/contradictions`);
    await page.waitForSelector('section.contradiction');
    const card = page.locator('section.contradiction').first();
    assert.match((await card.locator('h2').textContent()) ?? '', /Red Dawn Front — founded/);
    const sides = card.locator('.side');
    assert.equal(await sides.count(), 2);
    const values = await sides.locator('.side-value strong').allTextContents();
    assert.deepEqual(values.sort(), ['2016', '2018']);
    const text = (await card.textContent()) ?? '';
    assert.match(text, /founded in 2016/);
    assert.match(text, /formed in 2018/);
    assert.match(text, /Karvia Herald/);
    assert.match(text, /Ostrel Times/);
    assert.doesNotMatch(text, HASH);
    // the two values sit side by side, not stacked
    const [a, b] = [await sides.nth(0).boundingBox(), await sides.nth(1).boundingBox()];
    assert.ok(Math.abs(a!.y - b!.y) < 2 && b!.x > a!.x + a!.width - 1);
    await shot('v04-contradictions');
  });

  test('search: an alias and a spelling variant hit, results grouped by document, facets filter', async () => {
    await page.goto(`${server.url}/#/search`);
    await page.locator('#search-q').fill('RDF');
    await page.waitForSelector('.search-groups li.group');
    assert.match((await page.locator('.expansion').textContent()) ?? '', /RDF → red dawn front.* \(aliases\)/);
    const titles = await page.locator('li.group a.hit-title').allTextContents();
    assert.deepEqual(titles.sort(), ['Border Tensions Rise Between Karvia and Ostrel', 'Karvia Accuses Ostrel of Harbouring the Red Dawn Front', 'Ostrel Rejects Karvian Claims About the Red Dawn Front']);
    // the article that never writes "RDF" is found through the alias, its hit marked
    const ostrel = page.locator('li.group', { hasText: 'Ostrel Rejects Karvian Claims' });
    assert.match((await ostrel.locator('.snippet mark.hit').first().textContent()) ?? '', /Red Dawn Front/);
    // entity mentions are one line, not a flood of hits
    assert.equal(await page.locator('li.group').first().locator('.mentions-line').count(), 1);
    for (const group of await page.locator('li.group').all()) assert.ok((await group.locator('ul.group-hits > li').count()) <= 3);
    assert.doesNotMatch(await mainText(), HASH);
    await shot('v06-search-alias');
    // a facet narrows and says so in the URL; pressing it again widens
    await page.locator('ul.facet[data-facet="outlet"] button[data-value="Ostrel Times"]').click();
    await page.waitForFunction(() => document.querySelectorAll('li.group').length === 1);
    assert.match(page.url(), /outlet=Ostrel/);
    assert.equal(await page.locator('ul.facet[data-facet="outlet"] button.on').count(), 1);
    await page.locator('ul.facet[data-facet="outlet"] button[data-value="Ostrel Times"]').click();
    await page.waitForFunction(() => document.querySelectorAll('li.group').length === 3);
    // "more" opens every hit of one document
    const more = page.locator('button.more-hits').first();
    if ((await more.count()) > 0) {
      await more.click();
      await page.waitForFunction(() => document.querySelectorAll('li.group').length === 1);
      assert.match((await page.locator('.search-groups h2').textContent()) ?? '', /^Every hit in/);
      assert.match(page.url(), /doc=[0-9a-f]{16}/);
    }

    // British spelling finds the American one, and the other way round
    await page.goto(`${server.url}/#/search?q=harbouring`);
    await page.waitForSelector('li.group');
    const marks = await page.locator('li.group .snippet mark.hit').allTextContents();
    assert.ok(marks.includes('harboring') && marks.some((m) => /^Harbouring$/i.test(m)), marks.join());
    assert.match((await page.locator('.expansion').textContent()) ?? '', /spellings/);
    await shot('v07-search-spelling');
    // exact words: the variant is no longer found
    await page.locator('#search-exact').check();
    await page.waitForFunction(() => ![...document.querySelectorAll('li.group .snippet mark.hit')].some((m) => m.textContent === 'harboring'));
  });

  test('an outlet page: sourcing, techniques, camp and accusations; reached from the outlet list', async () => {
    await page.goto(`${server.url}/#/outlet`);
    await page.waitForSelector('a.outlet-link');
    await page.locator('a.outlet-link', { hasText: 'Ostrel Times' }).click();
    await page.waitForSelector('.outlet-sourcing');
    assert.equal(await page.locator('main h1').textContent(), 'Ostrel Times');
    assert.match((await page.locator('.lead').first().textContent()) ?? '', /Camp: camp [AB]/);
    assert.ok((await page.locator('.outlet-sourcing tbody tr').count()) > 0);
    const accusations = (await page.locator('.outlet-accusations').first().textContent()) ?? '';
    assert.match(accusations, /denies/);
    assert.match(accusations, /Ostrel/);
    assert.doesNotMatch(await mainText(), HASH);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no horizontal scrolling');
    await shot('v05-outlet');
    assert.deepEqual(pageErrors, []);
  });
});
