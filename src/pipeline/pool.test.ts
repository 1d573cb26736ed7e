import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { documentAnalyzers } from '../analysers/index.js';
import { isDiscernError } from '../core/errors.js';
import { loadInputs } from '../ingest/inputs.js';
import { toDocument } from '../document/document.js';
import type { Document } from '../core/types.js';
import { plainDocument, testResources } from '../../test/support/context.js';
import { tempDir } from '../../test/support/cli.js';
import { openSqliteStore } from '../store/sqlite.js';
import { analyzeDocument, type DocumentAnalysis } from './analyze.js';
import { createAnalysisPool, type AnalysisPool } from './pool.js';

const root = new URL('../../', import.meta.url).pathname;

async function fixtureDocuments(): Promise<Document[]> {
  const paths = [
    ...readdirSync(join(root, 'examples')).map((f) => join(root, 'examples', f)),
    join(root, 'test/fixtures/html/disqus-thread.html'),
    join(root, 'test/fixtures/html/hostile.html'),
    join(root, 'test/fixtures/techniques/rules.txt'),
  ];
  const docs: Document[] = [];
  for await (const loaded of loadInputs(paths)) {
    assert.ok(loaded.ok, `fixture ${loaded.input} loads`);
    docs.push(toDocument(loaded.extracted, loaded.origin));
  }
  return docs;
}

/** Everything but the wall-clock timings, which differ from run to run. */
function comparable(analysis: DocumentAnalysis) {
  return { doc: analysis.doc, findings: analysis.findings, produced: analysis.produced, failures: analysis.failures, timed: Object.keys(analysis.timings) };
}

let pool: AnalysisPool;
before(() => {
  pool = createAnalysisPool({ size: 2 });
});
after(() => pool.close());

test('the pool gives exactly what analyzeDocument gives in-thread, on every fixture', async () => {
  const docs = await fixtureDocuments();
  assert.ok(docs.length >= 6);
  const resources = await testResources();
  const pooled = await Promise.all(docs.map((doc) => pool.analyze(doc)));
  for (const [i, doc] of docs.entries()) {
    const local = analyzeDocument(doc, resources);
    assert.ok(local.findings.length > 0, `${doc.source.path} has findings`);
    assert.deepEqual(comparable(pooled[i]), comparable(local), `same analysis of ${doc.source.path}`);
  }
});

test('the pool runs only the named analysers, in the order given', async () => {
  const doc = plainDocument('The minister said on Monday that the dam will be finished by 2027, according to officials.\n');
  const names = ['sentences', 'claims'];
  const analysis = await pool.analyze(doc, names);
  const local = analyzeDocument(doc, await testResources(), documentAnalyzers.filter((a) => names.includes(a.name)));
  assert.deepEqual(comparable(analysis), comparable(local));
  assert.deepEqual([...analysis.produced.keys()].map((p) => p.split('@')[0]), names);
  await assert.rejects(pool.analyze(doc, ['no-such-analyser']), /no document analyser named "no-such-analyser"/);
});

test('a worker that dies fails only its document, with a coded error, and is replaced', async () => {
  const crashing = createAnalysisPool({ size: 1, workerUrl: new URL('../../test/support/crashing-analysis-worker.ts', import.meta.url) });
  try {
    const good = plainDocument('A calm report about the weather in the valley.\n');
    const bad = plainDocument('CRASH this worker, please.\n', 'crash.txt');
    const results = await Promise.allSettled([crashing.analyze(good), crashing.analyze(bad), crashing.analyze(good)]);
    assert.equal(results[0].status, 'fulfilled');
    assert.equal(results[1].status, 'rejected');
    const reason = (results[1] as PromiseRejectedResult).reason as unknown;
    assert.ok(isDiscernError(reason) && reason.code === 'ANALYSIS_WORKER', `coded error, got ${String(reason)}`);
    assert.match(reason.message, /exit code 70/);
    assert.equal(reason.input, 'crash.txt');
    assert.equal(results[2].status, 'fulfilled', 'the replacement worker analyses the next document');
    assert.ok((results[2] as PromiseFulfilledResult<DocumentAnalysis>).value.findings.length > 0);
  } finally {
    await crashing.close();
  }
});

test('a resource that fails to load rejects every document with its error; close() rejects what waits', async () => {
  const failing = createAnalysisPool({ size: 1, resourceOptions: { gazetteerFiles: [join(root, 'no-such-gazetteer.json')] } });
  try {
    await assert.rejects(failing.ready());
    await assert.rejects(failing.analyze(plainDocument('Some text here.\n')));
  } finally {
    await failing.close();
  }
  const closing = createAnalysisPool({ size: 1 });
  const waiting = assert.rejects(closing.analyze(plainDocument('Some text here, long enough to matter.\n')), (e: unknown) => isDiscernError(e) && e.code === 'ANALYSIS_WORKER');
  await closing.close();
  await waiting;
  await assert.rejects(closing.analyze(plainDocument('More.\n')), /closed/);
});

test('analyzeAndStore writes from the worker exactly what analyzeDocument + saveAnalysis would, and leaves a running run alone', async () => {
  const dir = tempDir('discern-pool-store-');
  const pooledDb = join(dir, 'pooled.db');
  const localDb = join(dir, 'local.db');
  const pooledStore = openSqliteStore(pooledDb);
  const runId = await pooledStore.startRun({ command: 'ingest', toolVersion: '0', inputs: [], optionsHash: 'h' });
  const storing = createAnalysisPool({ size: 1, store: pooledDb });
  const localStore = openSqliteStore(localDb);
  try {
    const docs = (await fixtureDocuments()).slice(0, 3);
    const resources = await testResources();
    for (const doc of docs) {
      const stored = await storing.analyzeAndStore(doc, undefined, { origin: doc.source.path ?? 'x', runId });
      assert.equal(stored.created, true);
      const local = analyzeDocument(doc, resources);
      await localStore.saveAnalysis({ doc: local.doc, origin: doc.source.path ?? 'x', produced: local.produced, failures: local.failures, runId: null });
      assert.deepEqual(await pooledStore.getFindings(doc.id), await localStore.getFindings(doc.id), doc.source.path ?? '');
      assert.deepEqual(await pooledStore.getDocument(doc.id), await localStore.getDocument(doc.id));
    }
    assert.equal((await pooledStore.getRun(runId))?.status, 'running', "the worker's connection did not take this thread's run for a dead process's");
  } finally {
    await storing.close();
    await pooledStore.close();
    await localStore.close();
  }
});
