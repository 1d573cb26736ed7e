import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { AnalysedDocument, CorpusAnalyzer } from '../analysers/analyzer.js';
import { corpusAnalyzers } from '../analysers/index.js';
import type { CorpusFinding } from '../core/types.js';
import { packageRoot } from '../core/paths.js';
import { openPostgresStore } from '../store/postgres.js';
import { openSqliteStore } from '../store/sqlite.js';
import { postgresForTests, postgresSkip } from '../../test/support/postgres.js';
import type { Store } from '../store/store.js';
import { tempDir } from '../../test/support/cli.js';
import { testResources } from '../../test/support/context.js';
import { analyzeCorpus } from './analyze.js';
import { analyzeStoredCorpus } from './corpus-stage.js';
import { runPipeline } from './run.js';

/** A corpus with accusations on both sides, facts, dated events, a copied article and a comment page. */
function writeCorpus(): { first: string; second: string } {
  const first = tempDir('discern-stage-a-');
  const second = tempDir('discern-stage-b-');
  const articles = (JSON.parse(readFileSync(join(packageRoot(), 'test/fixtures/narratives/articles.json'), 'utf8')) as { articles: Array<{ id: string; text: string }> }).articles;
  articles.forEach((a, i) => writeFileSync(join(i % 2 ? second : first, `${a.id}.txt`), `${a.text}\n`));
  // the same article re-published with a changed first sentence: a copy across the two batches
  const copied = articles[0].text.replace(/^[^.]+\./u, 'A report repeated the claim today.');
  writeFileSync(join(second, 'copy.txt'), `${copied}\n`);
  for (const file of readdirSync(join(packageRoot(), 'examples'))) {
    if (/\.(txt|md|html)$/.test(file)) copyFileSync(join(packageRoot(), 'examples', file), join(first, file));
  }
  return { first, second };
}

const byId = (findings: CorpusFinding[]): CorpusFinding[] => [...findings].sort((a, b) => a.id.localeCompare(b.id));

async function allDocuments(store: Store): Promise<AnalysedDocument[]> {
  const out: AnalysedDocument[] = [];
  for await (const doc of store.iterateDocuments({})) out.push({ doc, findings: await store.getFindings(doc.id) });
  return out;
}

/** The store, counting the reads that load whole documents or their findings. */
function counting(store: Store): { store: Store; reads: { documents: number } } {
  const reads = { documents: 0 };
  const watched = new Set(['getDocument', 'getFindings', 'listDocuments', 'iterateDocuments']);
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (watched.has(String(prop))) reads.documents++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, reads };
}

const backends: Array<{ name: string; skip: string | false; open: () => Promise<Store> }> = [
  { name: 'sqlite', skip: false, open: async () => openSqliteStore(join(tempDir('discern-stage-db-'), 'stage.db')) },
  {
    name: 'postgres',
    skip: postgresSkip(),
    open: async () => {
      const cluster = await postgresForTests();
      if (!cluster) throw new Error('no PostgreSQL');
      return openPostgresStore(await cluster.createDatabase());
    },
  },
];
after(async () => {
  if (!postgresSkip()) (await postgresForTests())?.stop();
});

for (const backend of backends) test(`${backend.name}: documents arriving in two batches give the corpus findings of a full recompute, without re-reading any document`, { skip: backend.skip }, async () => {
  const { first, second } = writeCorpus();
  const store = await backend.open();
  const resources = await testResources();
  try {
    await runPipeline({ command: 'ingest', inputs: [first], store, resources, skipCorpus: true });
    await runPipeline({ command: 'ingest', inputs: [second], store, resources, skipCorpus: true });
    const { store: watched, reads } = counting(store);
    const stored = await analyzeStoredCorpus(watched, resources);
    assert.deepEqual(stored.failures, []);
    assert.equal(reads.documents, 0, 'the corpus stage reads the stored states, not the documents');

    const kinds = new Set(stored.findings.map((f) => f.kind));
    for (const kind of ['reuse', 'stance', 'camp', 'event']) assert.ok(kinds.has(kind), `the corpus yields ${kind} findings`);
    assert.ok(stored.findings.some((f) => f.kind === 'reuse' && f.label === 'copy'), 'the copy across batches is found');

    const full = await analyzeCorpus(await allDocuments(store), resources);
    assert.deepEqual(full.failures, []);
    assert.deepEqual(byId(stored.findings), byId(full.findings), 'incremental states = full recompute');
    for (const f of stored.findings) {
      for (const m of f.members) {
        if (m.start === undefined || m.end === undefined) continue;
        assert.equal(m.quote, (await store.documentText(m.doc))?.slice(m.start, m.end), `${f.kind} member quotes its exact span`);
      }
    }
  } finally {
    await store.close();
  }
});

test('a corpus analyser whose version changes gets its states re-extracted once, with the same findings', async () => {
  const { first } = writeCorpus();
  const store = openSqliteStore(join(tempDir('discern-stage-db-'), 'stage.db'));
  const resources = await testResources();
  try {
    await runPipeline({ command: 'ingest', inputs: [first], store, resources, skipCorpus: true });
    const timeline = corpusAnalyzers.find((a) => a.name === 'timeline') as CorpusAnalyzer;
    let extracted = 0;
    const bumped: CorpusAnalyzer = { ...timeline, version: `${timeline.version}-next`, extract: (d, r) => (extracted++, timeline.extract(d, r)) };
    const before = await analyzeStoredCorpus(store, resources, {}, [timeline]);
    const after = await analyzeStoredCorpus(store, resources, {}, [bumped]);
    const documents = await store.countDocuments();
    assert.equal(extracted, documents, 'every document re-extracted for the new version');
    assert.ok(before.findings.length > 0);
    assert.deepEqual(after.findings.map((f) => [f.label, f.members]), before.findings.map((f) => [f.label, f.members]));
    await analyzeStoredCorpus(store, resources, {}, [bumped]);
    assert.equal(extracted, documents, 'and only once');
  } finally {
    await store.close();
  }
});

test('an extract that fails on a document is recorded as failed, reported, and tried again; the other states are kept', async () => {
  const { first } = writeCorpus();
  const store = openSqliteStore(join(tempDir('discern-stage-db-'), 'stage.db'));
  const resources = await testResources();
  try {
    await runPipeline({ command: 'ingest', inputs: [first], store, resources, skipCorpus: true });
    const timeline = corpusAnalyzers.find((a) => a.name === 'timeline') as CorpusAnalyzer;
    const victim = (await store.listDocuments({ limit: 1 }))[0].id;
    let tries = 0;
    const fragile: CorpusAnalyzer = {
      ...timeline,
      version: `${timeline.version}-fragile`,
      extract: (d, r) => {
        if (d.doc.id !== victim) return timeline.extract(d, r);
        tries++;
        throw new Error('cannot read this one');
      },
    };
    const result = await analyzeStoredCorpus(store, resources, {}, [fragile]);
    assert.equal(tries, 1);
    const failure = result.failures.find((f) => f.analyzer === `timeline@${fragile.version}`);
    assert.ok(failure, 'the failure is reported');
    assert.match(failure.message, new RegExp(`extract failed on document ${victim}.*cannot read this one`));
    const stored = (await store.analyzerResults(victim)).get('timeline');
    assert.deepEqual(stored, { version: fragile.version, status: 'failed', message: 'cannot read this one' });
    const other = (await store.listDocuments({ limit: 1, offset: 1 }))[0].id;
    assert.equal((await store.analyzerResults(other)).get('timeline')?.status, 'ok');
    await analyzeStoredCorpus(store, resources, {}, [fragile]);
    assert.equal(tries, 2, 'the failed document is tried again, the others are not');
  } finally {
    await store.close();
  }
});

test('a run scope reads only that run\'s documents', async () => {
  const { first, second } = writeCorpus();
  const store = openSqliteStore(join(tempDir('discern-stage-db-'), 'stage.db'));
  const resources = await testResources();
  try {
    await runPipeline({ command: 'ingest', inputs: [first], store, resources, skipCorpus: true });
    const run = await runPipeline({ command: 'ingest', inputs: [second], store, resources, skipCorpus: true });
    const runIds = new Set(run.documents.map((d) => d.id));
    const scoped = await analyzeStoredCorpus(store, resources, { runId: run.runId });
    assert.ok(scoped.findings.length > 0);
    for (const f of scoped.findings) for (const m of f.members) assert.ok(runIds.has(m.doc), `${f.kind} stays inside the run`);
  } finally {
    await store.close();
  }
});
