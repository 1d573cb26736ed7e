import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { storeSource } from '../../src/cli/shared.js';
import { loadResources } from '../../src/nlp/resources.js';
import { analyzeStoredCorpus } from '../../src/pipeline/corpus-stage.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { renderHtml } from '../../src/report/html.js';
import type { KeyFinding } from '../../src/report/key-findings.js';
import { collectReport } from '../../src/report/model.js';
import type { RunningServer } from '../../src/server/listen.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite.js';
import { haveSeeds, SEEDS, seedPath } from '../helpers/seeds.js';
import { chromiumMissing, openWorkbench, type WorkbenchSession } from '../support/browser.js';

/**
 * The key findings on the five seeds in a real browser (Chromium through playwright-core), at
 * 1280×800 as a new analyst opens it: the templated comment section, the camps and who
 * accuses whom are visible on the overview without scrolling, every item opens its evidence in
 * one click, and neither the workbench nor the HTML report ever stacks two highlight colours.
 * Screenshots go to DISCERN_SCREENSHOTS or a temp dir (printed).
 */

const skip = chromiumMissing ? chromiumMissing : !haveSeeds ? `no seeds in ${SEEDS}; skipped` : false;

/** The start of a quote as a key finding clips it, for comparing with the full passage. */
const head = (quote: string) => quote.replace(/…$/, '').replace(/\s+/g, ' ').trim();
const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('key findings on the seeds in Chromium', { skip }, () => {
  let dir: string;
  let store: SqliteStore;
  let session: WorkbenchSession;
  let server: RunningServer;
  let page: Page;
  let items: KeyFinding[];
  let templatedDoc: string;
  let pageErrors: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'discern-kf-'));
    store = openSqliteStore(join(dir, 'seeds.db'));
    const resources = await loadResources();
    const run = await runPipeline({ command: 'test', inputs: [SEEDS], store, resources, jobs: 1 });
    assert.equal(run.errors.length, 0);
    templatedDoc = run.documents.find((d) => d.path === seedPath('001'))?.id ?? '';
    assert.ok(templatedDoc, 'seed 001 stored');
    session = await openWorkbench({ store, resources });
    ({ server, page, pageErrors } = session);
    items = ((await (await fetch(`${server.url}/api/v1/key-findings`)).json()) as { items: KeyFinding[] }).items;
  });

  after(async () => {
    await session?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const shot = (name: string, fullPage = false) => session.shot(name, fullPage);

  /** The element's box lies inside the 1280×800 window with the page unscrolled. */
  const aboveTheFold = async (selector: string) => {
    const boxes = await page.locator(selector).evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
    assert.ok(boxes.length > 0, `${selector} is on the page`);
    for (const b of boxes) assert.ok(b.top >= 0 && b.bottom <= 800 && b.height > 0, `${selector} is visible without scrolling (top ${b.top}, bottom ${b.bottom})`);
  };

  test('the overview shows, without scrolling, that 001 has templated comments, which camps exist and who accuses whom', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForSelector('.key-findings-card .kf-item');
    assert.equal(await page.evaluate(() => window.scrollY), 0);
    const comments = page.locator('.kf-item.kf-comments');
    assert.equal(await comments.count(), 1, 'one templated comment section among the seeds');
    assert.match((await comments.textContent()) ?? '', /^Templated comments001_9b7df14a11e5c0dd\.txt: 9 of 9 comments carry strong signs of templated/);
    assert.ok((await page.locator('.kf-item.kf-camp').count()) >= 2, 'the two camps');
    assert.ok((await page.locator('.kf-item.kf-accusation').count()) >= 1, 'who accuses whom');
    await aboveTheFold('.kf-item.kf-comments');
    await aboveTheFold('.kf-item.kf-camp');
    await aboveTheFold('.kf-item.kf-accusation');
    await aboveTheFold('.kf-item.kf-contradiction');
    // the answer comes before the finding-kind counts, and names no document by its hash
    const order = await page.evaluate(() => {
      const card = document.querySelector('.key-findings-card')!.getBoundingClientRect().top;
      const counts = document.querySelector('.counts-line')!.getBoundingClientRect().top;
      return card < counts;
    });
    assert.ok(order, 'key findings above the finding counts');
    assert.ok(!/\b[0-9a-f]{16}\b/.test((await page.locator('.key-findings-card').textContent()) ?? ''), 'no content hashes in the key findings');
    // one line each, never more than two lines of text
    for (const height of await page.locator('.kf-text').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height))) assert.ok(height < 48, `an item is at most two lines (${height}px)`);
    await shot('kf-01-overview');
  });

  test('every key finding opens its evidence in one click', async () => {
    assert.ok(items.length >= 8);
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      await page.goto(`${server.url}/#/overview`);
      await page.waitForSelector('.kf-item a.kf-text');
      await page.locator('.kf-item a.kf-text').nth(i).click();
      if (item.evidence.view === 'comments') {
        await page.waitForSelector('.comments-card');
        assert.match(page.url(), new RegExp(`#/comments\\?doc=${item.evidence.doc}`));
        assert.equal(await page.locator('.comments-card').count(), 1, 'the one comment section');
        assert.match((await page.locator('.comments-card h2').textContent()) ?? '', /templated/);
        const flagged = page.locator('.flagged-comments li, .cluster li');
        assert.ok((await flagged.count()) >= 1, 'the flagged comments are shown, not folded away');
        if (item.quote) assert.ok(flat((await page.locator('.comments-card').textContent()) ?? '').includes(head(item.quote)), 'the quoted comment is there');
        await shot(`kf-02-evidence-${i}-comments`);
      } else if (item.evidence.finding) {
        await page.waitForSelector('.detail blockquote.quote');
        assert.match(page.url(), new RegExp(`#/doc/${item.evidence.doc}\\?.*f=${item.evidence.finding}`));
        const quote = flat((await page.locator('.detail blockquote.quote').textContent()) ?? '');
        if (item.quote) assert.ok(quote.startsWith(head(item.quote)), `${item.tag}: the selected finding is the evidence (${quote.slice(0, 60)})`);
        assert.ok((await page.locator('mark.hl.sel').count()) > 0, 'and it is highlighted in the text');
        if (i === items.findIndex((k) => k.kind === 'accusation')) await shot(`kf-02-evidence-${i}-finding`);
      } else {
        await page.waitForSelector('.doc-text .sec.target');
        const marked = await page.evaluate(() => {
          const registry = (CSS as unknown as { highlights?: Map<string, { values(): IterableIterator<Range> }> }).highlights;
          const target = registry?.get('discern-target');
          return target ? [...target.values()].map((r) => r.toString()).join('') : null;
        });
        assert.ok(marked, `${item.tag}: the exact span is marked`);
        if (item.quote) assert.ok(flat(marked).startsWith(head(item.quote)), `${item.tag}: the marked span is the evidence (${marked.slice(0, 60)})`);
        const inView = await page.locator('.doc-text .sec.target').evaluate((el) => {
          const r = el.getBoundingClientRect();
          return r.top < window.innerHeight && r.bottom > 0;
        });
        assert.ok(inView, 'scrolled to the evidence');
        assert.equal(await page.locator('.doc-text mark.hl').count(), 0, 'the passage alone is marked: no kind colour under it');
        if (item.kind === 'camp' || item.kind === 'contradiction') await shot(`kf-02-evidence-${i}-${item.kind}`);
      }
    }
    assert.deepEqual(pageErrors, []);
  });

  test('the document with templated comments carries a banner at the top; its view highlights one kind at a time, never stacked', async () => {
    await page.goto(`${server.url}/#/doc/${templatedDoc}`);
    await page.waitForSelector('.doc-text mark.hl');
    await aboveTheFold('.doc-header .banner');
    assert.match((await page.locator('.doc-header .banner').textContent()) ?? '', /^Templated comment section\. 9 of 9 comments/);
    await page.locator('.doc-header .banner a').click();
    await page.waitForSelector('.comments-card');
    await page.goBack();
    await page.waitForSelector('.doc-text mark.hl');
    const kinds = await page.locator('.legend-box input[type="radio"]').evaluateAll((els) => els.map((el) => (el as HTMLInputElement).dataset.kind ?? ''));
    assert.ok(kinds.length >= 5);
    for (const kind of kinds) {
      await page.locator(`.legend-box input[data-kind="${kind}"]`).check();
      const layout = await page.evaluate(() => {
        const marks = [...document.querySelectorAll<HTMLElement>('.doc-text mark.hl')];
        const fills = new Set(marks.filter((m) => !m.classList.contains('weak')).map((m) => getComputedStyle(m).backgroundColor));
        return {
          kinds: [...new Set(marks.map((m) => m.dataset.kind))],
          nested: marks.filter((m) => m.parentElement?.closest('mark')).length,
          fills: fills.size,
          untitled: marks.filter((m) => !/score \d\.\d\d/.test(m.title)).length,
        };
      });
      if (kind === 'none') assert.deepEqual(layout.kinds, []);
      else assert.deepEqual(layout.kinds, [kind], `${kind}: marks of that kind only`);
      assert.equal(layout.nested, 0, `${kind}: no highlight inside another`);
      assert.ok(layout.fills <= 1, `${kind}: one fill colour (${layout.fills})`);
      assert.equal(layout.untitled, 0, `${kind}: every highlight shows its score`);
    }
    await page.locator('.legend-box input[data-kind="technique"]').check();
    const label = await page.locator('.finding-list .finding-item .label').first().textContent();
    assert.ok(label && !label.includes('_') && !/,\S/.test(label), `technique names as words: ${label}`);
    await page.locator('.doc-text mark.hl').first().scrollIntoViewIfNeeded();
    await shot('kf-03-document-techniques');
    await page.locator('.legend-box input[data-kind="accusation"]').check();
    await page.locator('.doc-text mark.hl').first().scrollIntoViewIfNeeded();
    await shot('kf-04-document-accusations');
  });

  test('the HTML report leads with the key findings, links each to its evidence, and shows one colour at a time', async () => {
    const resources = await loadResources();
    const corpus = await analyzeStoredCorpus(store, resources, {});
    const report = await collectReport(storeSource(store, {}, { corpusFindings: corpus.findings, header: { run: null, errors: [], warnings: [], analyzerFailures: [] } }), { maxDocuments: 200 });
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtml(report));
    await page.goto(`file://${file}`);
    const first = await page.evaluate(() => document.querySelector('main')?.querySelector('section, nav')?.id);
    assert.equal(first, 'key-findings', 'key findings before the documents');
    await aboveTheFold('#key-findings .kf-comments');
    const links = await page.locator('#key-findings a').evaluateAll((els) => els.map((a) => a.getAttribute('href') ?? ''));
    assert.ok(links.length >= 8);
    for (const href of links) assert.ok(await page.evaluate((h) => !!document.querySelector(h), href), `${href} exists in the report`);
    assert.equal(await page.locator(`#doc-${templatedDoc} .banner`).count(), 1, 'the banner on 001’s section');
    await shot('kf-05-report-top');
    const kinds = await page.locator('input[name="hl-kind"]').evaluateAll((els) => els.map((el) => el.id));
    for (const id of kinds) {
      await page.locator(`label[for="${id}"]`).click();
      const layout = await page.evaluate(() => {
        const coloured = [...document.querySelectorAll<HTMLElement>('.text span[class^="k-"]')].filter((s) => getComputedStyle(s).backgroundColor !== 'rgba(0, 0, 0, 0)');
        return {
          stacked: coloured.filter((s) => coloured.some((o) => o !== s && o.contains(s))).length,
          fills: new Set(coloured.map((s) => getComputedStyle(s).backgroundColor)).size,
          untitled: [...document.querySelectorAll<HTMLElement>('.text span[class^="k-"]')].filter((s) => !/score \d\.\d\d/.test(s.title)).length,
        };
      });
      assert.deepEqual(layout, { stacked: 0, fills: Math.min(layout.fills, 1), untitled: 0 }, `${id}: one colour, never stacked, the score on every highlight`);
    }
    // the evidence link of the first accusation lands on its highlighted passage
    await page.locator('#key-findings .kf-accusation a').first().click();
    const target = await page.evaluate(() => document.querySelector(':target')?.nextElementSibling?.textContent ?? null);
    assert.ok(target && target.length > 3, 'the anchor sits on the passage');
    await page.locator('label[for="show-accusation"]').click();
    await shot('kf-06-report-accusation');
  });
});
