/**
 * npm run bench:combine — what each corpus analyser's combine step holds: the live-heap growth
 * while it combines the stored states of a corpus (heap after a forced collection before the
 * step, against the highest live heap sampled while it runs: after a forced collection every
 * 64 states it reads and at every batch of findings it hands over, so garbage not yet
 * collected does not count), and its time (which includes those collections). Load-
 * independent (bytes, not seconds), so a cheap figure for "does this combine grow with the
 * corpus".
 * Each analyser combines in its own child process, so its peak RSS is its own (the RSS
 * includes garbage not yet collected; the sampled live heap does not, but it is sampled only
 * while states are read and findings handed over, so it misses a peak reached in between).
 * Usage: node --expose-gc --import tsx scripts/bench-combine.ts [--docs 200] [--db FILE] [--only reuse,timeline] [--unsampled]
 *   --unsampled: no forced collections, so the times are the combine's own (CPU included);
 *   the live-heap columns are then left empty.
 *        node --expose-gc --import tsx scripts/bench-combine.ts --templated 1000,2000,4000
 *   reuse alone on a corpus made of repeated sentences (each document 30 sentences drawn from
 *   250 templates: every pair of documents shares some): findings, members and CPU per size —
 *   copies are groups, so the findings must not grow with the square of the corpus.
 *   without --db: the synthetic corpus of scripts/synthetic-corpus.ts (seed 42, ~800 words)
 *   is ingested into a temporary SQLite database first (`discern ingest --jobs 1`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { corpusAnalyzers } from '../src/analysers/index.js';
import { main as cliMain } from '../src/cli/main.js';
import { loadResources } from '../src/nlp/resources.js';
import { analyzeStoredCorpus, ensureStates } from '../src/pipeline/corpus-stage.js';
import { withUses } from '../src/pipeline/analyze.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';
import { generate } from './synthetic-corpus.js';
import { seededRandom } from '../src/core/random.js';
import { findReuse } from '../src/corpus/reuse.js';
import { articleDocument } from '../test/fixtures/coordination/reuse/build-article.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const exposed = (globalThis as { gc?: () => void }).gc;
if (!exposed) throw new Error('run with node --expose-gc (see the usage at the top of scripts/bench-combine.ts)');
const gc: () => void = exposed;

let peak = 0;
let reads = 0;
const unsampled = args.includes('--unsampled');
const sample = (): void => {
  if (unsampled) return;
  gc();
  const used = process.memoryUsage().heapUsed;
  if (used > peak) peak = used;
};

/** The store with its state reads sampled: the combine steps read through these two methods. */
function sampled(store: Store): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (key === 'iterateCorpusStates') {
        return async function* (producer: string, scope: object) {
          for await (const entry of target.iterateCorpusStates(producer, scope)) {
            if (++reads % 64 === 0) sample();
            yield entry;
          }
        };
      }
      if (key === 'corpusState') {
        return async (producer: string, doc: string) => {
          if (++reads % 64 === 0) sample();
          return target.corpusState(producer, doc);
        };
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Child: one analyser's combine over the stored states; prints its figures as JSON. */
async function child(name: string, db: string): Promise<void> {
  const analyzer = corpusAnalyzers.find((a) => a.name === name);
  if (!analyzer) throw new Error(`no corpus analyser ${name}`);
  const resources = await loadResources();
  const store = await openStore(db);
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  const maxBefore = process.resourceUsage().maxRSS * 1024;
  peak = heapBefore;
  let findings = 0;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const result = await analyzeStoredCorpus(sampled(store), resources, {}, [analyzer], {
    sink: (batch) => {
      sample();
      findings += batch.length;
    },
  });
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  if (result.failures.length) console.error(`${analyzer.name}: ${result.failures.map((f) => f.message).join('; ')}`);
  await store.close();
  process.stdout.write(`${JSON.stringify({ ms, cpuMs, heapBefore, heapPeak: peak, rssBefore, maxBefore, maxRss: process.resourceUsage().maxRSS * 1024, findings })}\n`);
}

async function run(): Promise<void> {
  let dir: string | null = null;
  let db = option('--db', '');
  if (!db) {
    dir = mkdtempSync(join(tmpdir(), 'discern-combine-'));
    generate(join(dir, 'corpus'), Number(option('--docs', '200')), 800);
    db = join(dir, 'combine.db');
    const code = await cliMain([process.argv[0], 'discern', 'ingest', join(dir, 'corpus'), '--db', db, '--jobs', '1']);
    if (code !== 0 && code !== 1) throw new Error(`discern ingest exited with ${code}`);
  }
  try {
    const resources = await loadResources();
    const store = await openStore(db);
    const only = option('--only', '').split(',').filter(Boolean);
    const selected = corpusAnalyzers.filter((a) => only.length === 0 || only.includes(a.name));
    // every state extracted first (an old database, a new analyser version): the children only combine
    await ensureStates(store, resources, withUses(selected), {});
    const docs = await store.countScope({});
    await store.close();
    console.log(`${docs} documents in ${db}; node ${process.version}; load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')}\n`);
    console.log('| analyser | combine (wall) | combine (CPU) | live heap before | live heap peak (sampled) | growth per document | RSS before | peak RSS | findings |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    const mb = (b: number): string => `${(b / 1e6).toFixed(1)} MB`;
    for (const analyzer of selected) {
      const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', analyzer.name, db, ...(unsampled ? ['--unsampled'] : [])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
      const r = JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, number>;
      console.log(`| ${analyzer.name} | ${(r.ms / 1000).toFixed(2)} s | ${(r.cpuMs / 1000).toFixed(2)} s | ${unsampled ? '— | — | — |' : `${mb(r.heapBefore)} | ${mb(r.heapPeak)} | ${((r.heapPeak - r.heapBefore) / docs / 1024).toFixed(1)} KB |`} ${mb(r.rssBefore)} | ${mb(r.maxRss)} | ${r.findings} |`);
    }
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** Reuse on documents of repeated sentences (in memory, `findReuse`): one line per size. */
function templated(sizes: number[]): void {
  const rand = seededRandom(3);
  const syllables = 'ka ri to men sa lo vi de ra un ter po li an es mo ba ne ti sol'.split(' ');
  const word = (): string => Array.from({ length: 2 + Math.floor(rand() * 3) }, () => syllables[Math.floor(rand() * syllables.length)]).join('');
  const templates = Array.from({ length: 250 }, () => `${Array.from({ length: 12 + Math.floor(rand() * 8) }, word).join(' ')}.`.replace(/^./u, (c) => c.toUpperCase()));
  console.log(`reuse on documents of 30 sentences drawn from 250 templates; node ${process.version}; load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')}\n`);
  console.log('| documents | findings | members | pairs of documents | CPU | peak RSS |');
  console.log('|---:|---:|---:|---:|---:|---:|');
  for (const n of sizes) {
    const docs = Array.from({ length: n }, (_, i) => {
      const body = Array.from({ length: 6 }, () => Array.from({ length: 5 }, () => templates[Math.floor(rand() * templates.length)]).join(' '));
      return articleDocument({ title: `Item ${i}`, outlet: `Outlet ${i % 50}`, publishedAt: `2026-01-${String(1 + (i % 28)).padStart(2, '0')}`, body }, `d${i}`);
    });
    const started = process.cpuUsage();
    const found = findReuse(docs.map((doc) => ({ doc, findings: [] })));
    const cpu = process.cpuUsage(started);
    const members = found.reduce((m, f) => m + f.members.length, 0);
    console.log(`| ${n} | ${found.length} | ${members} | ${(n * (n - 1)) / 2} | ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s | ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB |`);
  }
}

if (args[0] === '--child') await child(args[1], args[2]);
else if (args.includes('--templated')) templated(option('--templated', '1000,2000,4000').split(',').map(Number));
else await run();
