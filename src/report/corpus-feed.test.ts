import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CorpusFinding, Document } from '../core/types.js';
import { CorpusSpool } from '../pipeline/corpus-spool.js';
import { CorpusKeep, keepWarning, sectionKeep } from './corpus-feed.js';
import { writeJson } from './json.js';
import { collectReport, memorySource } from './model.js';

const event = (i: number, documents: number): CorpusFinding => ({
  id: `e${i}`,
  analyzer: 'timeline@1.0.0',
  kind: 'event',
  label: `2025-01-${String((i % 28) + 1).padStart(2, '0')}: thing ${i}`,
  score: 0.5,
  explanation: `event ${i}`,
  members: [{ doc: 'd1', start: 0, end: 4, quote: 'Body' }],
  data: { date: '2025-01-01', sortKey: `2025-01-${String((i % 28) + 1).padStart(2, '0')}`, documents: Array.from({ length: documents }, (_, k) => `d${k}`) },
});

test('a spool streams back every finding in order, as often as asked, and leaves nothing behind', async () => {
  const spool = new CorpusSpool();
  try {
    const batches = [[event(1, 1), event(2, 2)], [], [event(3, 1)]];
    for (const b of batches) spool.append(b);
    assert.equal(spool.size, 3);
    for (let round = 0; round < 2; round++) {
      const back: CorpusFinding[] = [];
      for await (const f of spool.findings()) back.push(f);
      assert.deepEqual(back, batches.flat());
    }
  } finally {
    spool.close();
  }
  assert.throws(() => spool.append([event(4, 1)]), /closed/);
});

test('a keep holds the findings spanning the most documents, at most its cap per kind, in arrival order', () => {
  const keep = new CorpusKeep(3);
  const weights = [1, 5, 2, 9, 3, 7, 1, 8, 4];
  weights.forEach((w, i) => keep.add(event(i, w)));
  assert.deepEqual(keep.findings().map((f) => f.id), ['e3', 'e5', 'e7']);
  assert.deepEqual(keep.dropped(), [['event', 3, 9]]);
  assert.match(keepWarning(keep, 'Sections')?.message ?? '', /3 of 9 event findings/);
  const sections = sectionKeep();
  sections.add({ ...event(1, 1), kind: 'timeline-gap' });
  assert.deepEqual(sections.findings(), [], 'kinds the sections do not read are only counted');
  sections.add({ ...event(2, 1), kind: 'reuse' });
  assert.deepEqual(sections.findings().map((f) => f.kind), ['reuse'], 'reuse feeds the key findings');
  assert.equal(keepWarning(sections, 'x'), null);
});

const doc: Document = { id: 'd1', format: 'text', source: { title: 'One' }, text: 'Body text.', sections: [{ kind: 'body', start: 0, end: 10 }], lang: 'en' };

test('the JSON report streams corpus findings from a spool exactly as it writes them from memory', async () => {
  const findings = Array.from({ length: 50 }, (_, i) => event(i, (i % 5) + 1));
  const spool = new CorpusSpool();
  try {
    spool.append(findings);
    const render = async (streamed: boolean): Promise<Record<string, unknown>> => {
      let out = '';
      const source = memorySource({ documents: [{ doc, findings: [] }], corpusFindings: streamed ? [] : findings });
      await writeJson(streamed ? { ...source, corpusStream: () => spool.findings() } : source, (chunk) => {
        out += chunk;
      });
      const parsed = JSON.parse(out) as Record<string, unknown>;
      delete parsed.generatedAt;
      return parsed;
    };
    const fromMemory = await render(false);
    assert.deepEqual(await render(true), fromMemory);
    assert.equal(((fromMemory.corpus as { findings: unknown[] }).findings).length, 50);
    assert.equal(((fromMemory.corpus as { timeline: { events: unknown[] } }).timeline.events).length, 50);
    const page = await collectReport({ ...memorySource({ documents: [{ doc, findings: [] }], corpusFindings: [] }), corpusStream: () => spool.findings() }, { maxDocuments: 10 });
    assert.equal(page.corpus.findings.length, 50);
  } finally {
    spool.close();
  }
});
