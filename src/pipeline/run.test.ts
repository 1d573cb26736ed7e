import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DocumentAnalyzer } from '../analysers/analyzer.js';
import { packageRoot } from '../core/paths.js';
import { openSqliteStore } from '../store/sqlite.js';
import { tempDir } from '../../test/support/cli.js';
import { testResources } from '../../test/support/context.js';
import { runPipeline } from './run.js';

function counting(version: string, calls: { n: number }, fail = false): DocumentAnalyzer {
  return {
    scope: 'document',
    name: 'first-word',
    version,
    kinds: ['first-word'],
    description: 'test analyser: the first word of the document',
    analyze(ctx) {
      calls.n++;
      if (fail) throw new Error('broken on purpose');
      const end = ctx.doc.text.search(/\s/);
      return [{ kind: 'first-word', label: version, start: 0, end, score: 1, explanation: 'The first word.' }];
    },
  };
}

test('stored results are reused until the analyser version changes; failures are retried', async () => {
  const dir = tempDir('discern-run-');
  writeFileSync(join(dir, 'a.txt'), 'Alpha beta gamma.\n');
  writeFileSync(join(dir, 'b.txt'), 'Delta epsilon.\n');
  const store = openSqliteStore(join(dir, 'run.db'));
  const resources = await testResources();
  const run = (analyzer: DocumentAnalyzer) => runPipeline({ command: 'test', inputs: [dir], store, resources, analyzers: { document: [analyzer], corpus: [] } });
  try {
    const calls = { n: 0 };
    const first = await run(counting('1.0.0', calls));
    assert.deepEqual([first.stats.created, calls.n], [2, 2]);

    const again = await run(counting('1.0.0', calls));
    assert.deepEqual([again.stats.unchanged, calls.n], [2, 2], 'same version: not recomputed');

    const upgraded = await run(counting('2.0.0', calls));
    assert.deepEqual([upgraded.stats.updated, calls.n], [2, 4], 'new version: recomputed');
    const docId = upgraded.documents[0].id;
    assert.deepEqual((await store.getFindings(docId)).map((f) => f.analyzer), ['first-word@2.0.0']);

    const broken = await run(counting('3.0.0', calls, true));
    assert.equal(broken.analyzerFailures.length, 2);
    assert.deepEqual((await store.getFindings(docId)).map((f) => f.analyzer), ['first-word@2.0.0'], 'a failure keeps the last good findings');
    const retried = await run(counting('3.0.0', calls));
    assert.equal(retried.stats.updated, 2, 'failed analyses are retried on the next run');
    assert.deepEqual((await store.getFindings(docId)).map((f) => f.analyzer), ['first-word@3.0.0']);
  } finally {
    await store.close();
  }
});

test('--jobs 2 (worker threads, one writer) stores exactly what a single-threaded run stores', async () => {
  const dir = tempDir('discern-jobs-');
  const articles = (JSON.parse(readFileSync(join(packageRoot(), 'test/fixtures/narratives/articles.json'), 'utf8')) as { articles: Array<{ id: string; text: string }> }).articles;
  for (const a of articles) writeFileSync(join(dir, `${a.id}.txt`), `${a.text}\n`);
  writeFileSync(join(dir, 'zz-duplicate.txt'), `${articles[0].text}\n`);
  writeFileSync(join(dir, 'zz-empty.txt'), '');
  const resources = await testResources();
  const runWith = async (jobs: number) => {
    const store = openSqliteStore(join(tempDir('discern-jobs-db-'), 'jobs.db'));
    try {
      const run = await runPipeline({ command: 'ingest', inputs: [dir], store, resources, jobs });
      const documents = [];
      for (const d of run.documents) documents.push({ id: d.id, findings: await store.getFindings(d.id), states: await store.corpusState('timeline@1.0.0', d.id) });
      const corpus = (await store.corpusFindings(run.runId)).map((f) => f.id).sort();
      // the run stored its corpus findings as they came and holds none of them
      assert.equal(run.corpus.findings.length, 0);
      assert.equal(run.corpus.count, corpus.length);
      return { documents, stats: run.stats, errors: run.errors.map((e) => e.input), corpus };
    } finally {
      await store.close();
    }
  };
  const single = await runWith(1);
  const parallel = await runWith(2);
  assert.ok(single.documents.length >= 10);
  assert.deepEqual(single.stats.unchanged, 1, 'the duplicate is stored once');
  assert.deepEqual(single.errors.length, 1, 'the empty file fails');
  assert.ok(single.corpus.length > 0, 'the run stored corpus findings');
  assert.deepEqual(parallel, single);
});
