/**
 * npm run bench:combine — what each corpus analyser's combine step holds: the live-heap growth
 * while it combines the stored states of a corpus (heap after a forced collection before the
 * step, against the highest heap sampled while it runs: every 16 states it reads and at every
 * batch of findings it hands over), and its time. Load-independent (bytes, not seconds), so a
 * cheap figure for "does this combine grow with the corpus".
 * Usage: node --expose-gc --import tsx scripts/bench-combine.ts [--docs 200] [--db FILE]
 *   without --db: the synthetic corpus of scripts/synthetic-corpus.ts (seed 42, ~800 words)
 *   is ingested into a temporary SQLite database first (`discern ingest --jobs 1`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
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
const sample = (): void => {
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
            if (++reads % 16 === 0) sample();
            yield entry;
          }
        };
      }
      if (key === 'corpusState') {
        return async (producer: string, doc: string) => {
          if (++reads % 16 === 0) sample();
          return target.corpusState(producer, doc);
        };
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
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
    await ensureStates(store, resources, withUses(corpusAnalyzers), {});
    const docs = await store.countScope({});
    console.log(`${docs} documents in ${db}; node ${process.version}; load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')}\n`);
    console.log('| analyser | combine | live heap before | peak while combining | growth | per document | findings |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    const watched = sampled(store);
    for (const analyzer of corpusAnalyzers) {
      gc();
      const before = process.memoryUsage().heapUsed;
      peak = before;
      let findings = 0;
      const started = performance.now();
      const result = await analyzeStoredCorpus(watched, resources, {}, [analyzer], {
        sink: (batch) => {
          sample();
          findings += batch.length;
        },
      });
      const ms = performance.now() - started;
      if (result.failures.length) console.error(`${analyzer.name}: ${result.failures.map((f) => f.message).join('; ')}`);
      const mb = (b: number): string => `${(b / 1e6).toFixed(1)} MB`;
      console.log(`| ${analyzer.name} | ${(ms / 1000).toFixed(2)} s | ${mb(before)} | ${mb(peak)} | ${mb(peak - before)} | ${((peak - before) / docs / 1024).toFixed(1)} KB | ${findings} |`);
    }
    await store.close();
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

await run();
