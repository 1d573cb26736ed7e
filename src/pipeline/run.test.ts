import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DocumentAnalyzer } from '../analysers/analyzer.js';
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
