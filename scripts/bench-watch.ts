/**
 * npm run bench:watch — discern watch throughput and memory on local feeds.
 *
 *   tsx scripts/bench-watch.ts [--feeds 200] [--items 20] [--workers 1] [--soak-minutes 0] [--soak-new 1]
 *
 * Serves --feeds RSS feeds of --items articles each from a local HTTP server (every article
 * its own text, about 350 words, with a short comment thread), runs one watch round over
 * them into a fresh SQLite database (hostDelay 0: one host serves every feed here) and
 * reports items per minute. With --soak-minutes, it keeps polling for that long while
 * every feed gains --soak-new articles per round (and drops its oldest), sampling heap and
 * RSS after each round, to show whether memory stays flat as the corpus grows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { articleHtml, rss, startFeedServer } from '../test/support/watch-fixtures.js';
import { loadResources } from '../src/nlp/resources.js';
import { createAnalysisPool } from '../src/pipeline/pool.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { parseWatchConfig } from '../src/watch/config.js';
import { Watcher } from '../src/watch/watcher.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const FEEDS = arg('feeds', 200);
const ITEMS = arg('items', 20);
const WORKERS = arg('workers', 1);
const SOAK_MINUTES = arg('soak-minutes', 0);
const SOAK_NEW = arg('soak-new', 1);

const PLACES = ['Orsk', 'Velden', 'Tarsa', 'Kemmen', 'Lorvik', 'Ostrel', 'Brannic', 'Selva', 'Dunmar', 'Haldir'];
const ACTORS = ['the Interior Ministry', 'the Freedom Front', 'the river authority', 'the farmers union', 'the provincial council', 'the border police'];
const VERBS = ['said', 'reported', 'denied', 'confirmed', 'announced', 'warned'];
const THINGS = ['new patrols', 'repairs to the dam', 'a rise in grain prices', 'flooded fields', 'a curfew', 'talks with the neighbours', 'a shortage of diesel'];

/** A deterministic, distinct article for feed f, item i (no two share a sentence by accident). */
function articleFor(f: number, i: number): string {
  const pick = <T>(list: T[], k: number) => list[(f * 7 + i * 13 + k * 3) % list.length];
  const paragraphs: string[] = [];
  for (let p = 0; p < 6; p++) {
    const sentences: string[] = [];
    for (let s = 0; s < 3; s++) {
      const n = (f * 131 + i * 17 + p * 5 + s) % 997;
      sentences.push(`${cap(pick(ACTORS, p + s))} ${pick(VERBS, p * 2 + s)} on day ${n} that ${pick(THINGS, p + 2 * s)} in ${pick(PLACES, p + s)} affected ${n * 3 + 11} people, according to report ${f}-${i}-${p}-${s}.`);
    }
    paragraphs.push(sentences.join(' '));
  }
  const comments = [0, 1, 2].map((c) => ({ author: `reader${(f * 3 + i + c) % 50}`, text: `Comment ${c} on item ${f}-${i}: I saw ${pick(THINGS, c)} near ${pick(PLACES, c)} myself last week.` }));
  return articleHtml({ title: `Report ${f}-${i} from ${pick(PLACES, 0)}`, outlet: `Outlet ${f}`, author: `Reporter ${f % 17}`, date: '2026-04-02', paragraphs, comments });
}

function cap(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

async function main(): Promise<void> {
  const server = await startFeedServer();
  const newest = new Array<number>(FEEDS).fill(ITEMS - 1);
  const article = /^\/f\/(\d+)\/(\d+)\.html$/;
  // one handler for every path (thousands of articles): the fixture server's route table is for tests
  server.server.removeAllListeners('request');
  server.server.on('request', (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
    const m = article.exec(path);
    if (m) return void res.writeHead(200, { 'content-type': 'text/html' }).end(articleFor(Number(m[1]), Number(m[2])));
    const feed = /^\/f\/(\d+)\/rss\.xml$/.exec(path);
    if (feed) {
      const f = Number(feed[1]);
      const items = [];
      for (let i = newest[f]; i > newest[f] - ITEMS && i >= 0; i--) items.push({ title: `Report ${f}-${i}`, url: `${server.base}/f/${f}/${i}.html`, guid: `f${f}-i${i}` });
      return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(`Outlet ${f}`, items));
    }
    res.writeHead(404).end();
  });

  const dir = mkdtempSync(join(tmpdir(), 'discern-bench-watch-'));
  const dbPath = join(dir, 'watch.db');
  const store = openSqliteStore(dbPath);
  const resources = await loadResources();
  const pool = WORKERS > 0 ? createAnalysisPool({ size: WORKERS, store: dbPath }) : null;
  const sources = Array.from({ length: FEEDS }, (_, f) => `  - { url: ${server.base}/f/${f}/rss.xml, name: Outlet ${f} }`).join('\n');
  const config = parseWatchConfig(`sources:\n${sources}\nsettings:\n  hostDelay: 0\n  maxItems: ${ITEMS}\n  concurrency: 4\n`, 'bench.yaml');
  const watcher = new Watcher({ config, store, resources, allowPrivate: true, sinks: [], pool });

  console.log(`bench:watch — ${FEEDS} feeds × ${ITEMS} items, analysis in ${WORKERS} worker thread(s), SQLite at ${dbPath}`);
  const t0 = Date.now();
  const first = await watcher.round();
  const seconds = (Date.now() - t0) / 1000;
  const items = first.created.length;
  const failed = first.sources.reduce((n, s) => n + s.failed.length, 0) + first.sources.filter((s) => s.status === 'error').length;
  if (global.gc) global.gc();
  const heap = process.memoryUsage();
  console.log(`first round: ${items} new articles (${failed} failures) in ${seconds.toFixed(1)} s = ${((items / seconds) * 60).toFixed(0)} items/minute (of which ${(first.alertMs / 1000).toFixed(1)} s computing alerts); ${first.alerts.length} alerts; heap ${mb(heap.heapUsed)}, RSS ${mb(heap.rss)}`);

  const byType = new Map<string, number>();
  for (const a of first.alerts) byType.set(a.type, (byType.get(a.type) ?? 0) + 1);
  console.log(`alerts by type: ${[...byType].map(([t, n]) => `${t} ${n}`).join(', ') || 'none'}`);
  const t1 = Date.now();
  const quiet = await watcher.round();
  console.log(`second round (nothing new): ${quiet.created.length} new, ${((Date.now() - t1) / 1000).toFixed(1)} s for ${FEEDS} feeds`);

  if (SOAK_MINUTES > 0) {
    const end = Date.now() + SOAK_MINUTES * 60_000;
    let round = 0;
    const samples: Array<{ round: number; docs: number; heap: number; rss: number }> = [];
    while (Date.now() < end) {
      for (let f = 0; f < FEEDS; f++) newest[f] += SOAK_NEW;
      const r = await watcher.round();
      round++;
      // with NODE_OPTIONS=--expose-gc the samples are live memory, not garbage not yet collected
      if (global.gc) global.gc();
      const m = process.memoryUsage();
      samples.push({ round, docs: await store.countDocuments(), heap: m.heapUsed, rss: m.rss });
      console.log(`soak round ${round} at ${((Date.now() - t0) / 60_000).toFixed(1)} min: +${r.created.length} articles, alerts ${r.alerts.length} in ${(r.alertMs / 1000).toFixed(1)} s (${await store.countDocuments()} stored), heap ${mb(m.heapUsed)}, RSS ${mb(m.rss)}`);
    }
    const firstSample = samples[0];
    const last = samples[samples.length - 1];
    if (firstSample && last) console.log(`soak: ${round} rounds over ${SOAK_MINUTES} min, ${firstSample.docs} → ${last.docs} documents; heap ${mb(firstSample.heap)} → ${mb(last.heap)}, RSS ${mb(firstSample.rss)} → ${mb(last.rss)}`);
  }
  await pool?.close();
  await store.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}

void main();
