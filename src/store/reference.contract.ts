import assert from 'node:assert/strict';
import { test as nodeTest } from 'node:test';
import type { EvidenceDocumentInput, FactCheckInput } from './reference.js';
import type { Store } from './store.js';

/**
 * The behaviour every reference-index backend must show; run from each backend's test file
 * with a factory that gives a fresh, empty store.
 */
export function referenceContract(name: string, open: () => Promise<Store>, options: { skip?: string | false } = {}): void {
  const test = (title: string, body: () => Promise<void>) => nodeTest(title, { skip: options.skip ?? false }, body);
  const text = 'Monitoring report.\n\nOn 3 May 2024 an attack in Kunar killed 17 police officers.\n\nThe group was founded in 2015 by Hafiz Saeed Khan.';
  const evidence = (id: string, origin = `${id}.txt`): EvidenceDocumentInput => ({
    id,
    format: 'text',
    origin,
    text,
    title: 'Report one',
    issuer: 'Monitoring Team',
    publishedAt: '2024-07-01',
    url: null,
    passages: [
      { start: 0, end: 18, entities: [], aliases: [] },
      { start: 20, end: 78, entities: ['Kunar'], aliases: ['Kunar', 'Konar'] },
      { start: 80, end: text.length, entities: ['Hafiz Saeed Khan'], aliases: ['Hafiz Saeed Khan', 'ISKP founder'] },
    ],
  });
  const factcheck = (id: string, claim: string): FactCheckInput => ({
    id,
    claimReviewed: claim,
    headline: `Did ${claim}?`,
    rating: 'False',
    ratingValue: 1,
    bestRating: 5,
    worstRating: 1,
    url: `https://checks.example/${id}`,
    publisher: 'Checkers',
    datePublished: '2024-05-05',
    itemReviewed: { '@type': 'Claim', author: { name: 'A blog' } },
    origin: `f.jsonl#${id}`,
  });

  test(`${name}: evidence is stored with its passages, found by words and aliases, and removed`, async () => {
    const store = await open();
    try {
      const ref = store.reference;
      assert.deepEqual(await ref.addEvidence(evidence('a'.repeat(64))), { created: true });
      assert.deepEqual(await ref.addEvidence({ ...evidence('a'.repeat(64)), title: 'Renamed' }), { created: false });
      await ref.addEvidence(evidence('b'.repeat(64), 'other.txt'));
      const list = await ref.listEvidence();
      assert.equal(list.length, 2);
      assert.equal(list[0].title, 'Renamed');
      assert.equal(list[0].passages, 3);
      assert.equal(list[0].chars, text.length);
      assert.equal(await ref.countPassages(), 6);
      assert.equal(await store.countDocuments(), 0, 'evidence never joins the article corpus');

      const hits = await ref.searchPassages(['officers', 'unrelatedword'], 10);
      assert.equal(hits.length, 2);
      for (const h of hits) {
        assert.equal(h.text, text.slice(h.start, h.end));
        assert.ok(h.lexical > 0);
        assert.deepEqual(h.entities, ['Kunar']);
      }
      assert.equal((await ref.searchPassages(['Konar'], 10)).length, 2, 'an alias finds the passage');
      assert.equal((await ref.searchPassages(['killing'], 10)).length, 2, 'stemmed: killing finds killed');
      assert.deepEqual(await ref.searchPassages(['"OR" NEAR(x'], 10), [], 'search syntax in a claim is plain text');
      assert.deepEqual(await ref.searchPassages([], 10), []);

      const full = await ref.getEvidence('b'.repeat(64));
      assert.equal(full?.text, text);
      assert.equal(await ref.getEvidence('nope'), null);

      assert.deepEqual(await ref.removeEvidence('short'), [], 'a prefix under 8 characters removes nothing');
      assert.deepEqual(await ref.removeEvidence('bbbbbbbb'), ['b'.repeat(64)]);
      assert.deepEqual(await ref.removeEvidence('a'.repeat(64) + '.txt'), ['a'.repeat(64)], 'by origin');
      assert.equal(await ref.countPassages(), 0);
      assert.deepEqual(await ref.searchPassages(['officers'], 10), []);
    } finally {
      await store.close();
    }
  });

  test(`${name}: fact-checks are inserted, replaced by id and listed; LLM calls are audited`, async () => {
    const store = await open();
    try {
      const ref = store.reference;
      assert.deepEqual(await ref.addFactChecks([factcheck('f1', 'Claim one'), factcheck('f2', 'Claim two')]), { added: 2, updated: 0 });
      assert.deepEqual(await ref.addFactChecks([{ ...factcheck('f1', 'Claim one'), rating: 'Mostly false' }]), { added: 0, updated: 1 });
      const all = await ref.listFactChecks();
      assert.equal(await ref.countFactChecks(), 2);
      const f1 = all.find((f) => f.id === 'f1');
      assert.equal(f1?.rating, 'Mostly false');
      assert.equal(f1?.headline, 'Did Claim one?');
      assert.deepEqual(await ref.addFactChecks([{ ...factcheck('f2', 'Claim two'), headline: null }]), { added: 0, updated: 1 });
      assert.equal((await ref.listFactChecks()).find((f) => f.id === 'f2')?.headline, null, 'a headline removed upstream is removed here');
      assert.deepEqual(f1?.itemReviewed, { '@type': 'Claim', author: { name: 'A blog' } });
      assert.equal(f1?.bestRating, 5);
      assert.ok(f1?.importedAt);

      const id = await ref.recordLlmCall({ endpoint: 'http://127.0.0.1:1/v1', model: 'm', purpose: 'verdict', prompt: 'P', response: '{"x":1}', status: 'ok', tokens: 12 });
      await ref.recordLlmCall({ endpoint: 'http://127.0.0.1:1/v1', model: 'm', purpose: 'verdict', prompt: 'Q', response: null, status: 'timeout', tokens: 0 });
      const calls = await ref.llmCalls();
      assert.equal(calls.length, 2);
      assert.equal(calls[1].id, id);
      assert.equal(calls[1].prompt, 'P');
      assert.equal(calls[0].status, 'timeout');
      assert.equal(calls[0].response, null);
    } finally {
      await store.close();
    }
  });
}
