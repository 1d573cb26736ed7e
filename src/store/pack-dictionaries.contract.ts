import assert from 'node:assert/strict';
import { test as nodeTest } from 'node:test';
import type { CorpusFinding, Document, Finding } from '../core/types.js';
import { openStore } from './open.js';
import { forgetDictionaries, SAMPLES } from './pack-dictionaries.js';
import { PostgresStore } from './postgres.js';
import type { ServableStore } from './queries.js';
import { SqliteStore } from './sqlite.js';

/**
 * Migration 018 (preset dictionaries for packed values) on a real backend: once a purpose has
 * had its samples, its values are stored with the database's dictionary; every finding, state
 * and corpus finding reads back as written, also from a store opened later (another process)
 * that has none of the dictionaries in memory, and that store packs with the stored dictionary
 * from its first value.
 */

async function count(store: ServableStore, sqlite: string, postgres: string): Promise<number> {
  if (store instanceof SqliteStore) return Number((store.db.prepare(sqlite).get() as { n: number }).n);
  if (store instanceof PostgresStore) return Number((await store.pool.query(postgres)).rows[0].n);
  throw new Error('unknown backend');
}

const setsWithDictionary = (store: ServableStore) =>
  count(store, `SELECT COUNT(*) AS n FROM finding_sets WHERE substr(findings, 1, 1) = x'01'`, 'SELECT COUNT(*) AS n FROM finding_sets WHERE get_byte(findings, 0) = 1');

export function packDictionariesContract(name: string, location: () => Promise<string>, options: { skip?: string | false } = {}): void {
  const test = (title: string, body: () => Promise<void>) => nodeTest(title, { skip: options.skip ?? false }, body);
  const text = (i: number) => `Report ${i}. The ministry said the reservoir ${i} is full; critics called it a smear campaign against farmers.`;
  const doc = (i: number): Document => ({ id: `doc-${i}`, format: 'text', source: { title: `Report ${i}`, outlet: 'Daskor Daily' }, text: text(i), sections: [{ kind: 'body', start: 0, end: text(i).length }], lang: 'en' });
  const findings = (i: number): Finding[] => {
    const t = text(i);
    return ['ministry', 'reservoir', 'smear campaign', 'farmers'].map((quote, j) => ({
      id: `f${i}-${j}`,
      analyzer: 'techniques@1.0.0',
      kind: 'technique',
      label: j % 2 ? 'Loaded_Language' : 'Name_Calling',
      start: t.indexOf(quote),
      end: t.indexOf(quote) + quote.length,
      quote,
      score: 0.5 + j / 10,
      explanation: `an emotionally loaded phrase (${quote}): the wording carries a judgement the article does not support`,
      data: { cues: [quote], source: 'model' },
    }));
  };
  const state = (i: number) => ({ candidates: [{ start: 0, end: 9, words: ['ministry', 'reservoir', `n${i}`] }] });
  const corpus = (i: number): CorpusFinding => ({
    id: `c${i}`,
    analyzer: 'narratives@1.0.0',
    kind: 'narrative',
    label: `reservoir ${i}`,
    score: 0.7,
    explanation: 'documents that tell the same story about the reservoir',
    members: [{ doc: `doc-${i}`, start: 0, end: 6, quote: 'Report' }],
    data: { terms: ['reservoir', 'ministry'], documents: [`doc-${i}`] },
  });
  const docs = SAMPLES + 6;

  test(`${name}: packed values use the database's dictionary after its samples and read back the same, in this store and a later one`, async () => {
    const where = await location();
    const store = await openStore(where);
    let later: ServableStore | null = null;
    try {
      const runId = await store.startRun({ command: 'test', toolVersion: '0', inputs: [], optionsHash: '' });
      for (let i = 0; i < docs; i++) {
        const produced = new Map([['techniques@1.0.0', findings(i)]]);
        await store.saveAnalysis({ doc: doc(i), origin: `${i}.txt`, produced, failures: [], runId, states: new Map([['narratives@1.0.0', state(i)]]) });
      }
      await store.addCorpusFindings(runId, Array.from({ length: SAMPLES + 2 }, (_, i) => corpus(i)));
      await store.finishRun(runId, 'done', [corpus(SAMPLES + 2)]);
      assert.equal(await count(store, 'SELECT COUNT(*) AS n FROM pack_dictionaries', 'SELECT COUNT(*) AS n FROM pack_dictionaries'), 4, 'findings, states, members, data');
      assert.equal(await setsWithDictionary(store), docs - SAMPLES, 'every set after the samples');
      const membersWithDictionary = await count(store, `SELECT COUNT(*) AS n FROM corpus_findings WHERE substr(members, 1, 1) = x'01'`, 'SELECT COUNT(*) AS n FROM corpus_findings WHERE get_byte(members, 0) = 1');
      assert.equal(membersWithDictionary, SAMPLES + 3, 'a batch of corpus findings takes its samples from itself, so all of it uses the dictionary');

      const read = async (s: ServableStore) => {
        for (let i = 0; i < docs; i++) {
          assert.deepEqual(await s.getFindings(`doc-${i}`), findings(i));
          assert.deepEqual(await s.corpusState('narratives@1.0.0', `doc-${i}`), state(i));
        }
        const stored = await s.corpusFindings(runId);
        assert.deepEqual(
          stored.map((f) => f.id).sort(),
          Array.from({ length: SAMPLES + 3 }, (_, i) => `c${i}`).sort(),
        );
        for (const f of stored) assert.deepEqual(f, corpus(Number(f.id.slice(1))));
        const hits = await s.queries.searchFindings(await import('./search-expand.js').then((m) => m.expandQuery('smear')), { limit: 50, offset: 0 });
        assert.equal(hits.total, docs);
      };
      await read(store);
      later = await openStore(where);
      // as a new process: no dictionary in memory; values are read through the database's
      forgetDictionaries();
      await read(later);
      await later.saveAnalysis({ doc: doc(99), origin: '99.txt', produced: new Map([['techniques@1.0.0', findings(99)]]), failures: [], runId: null });
      assert.equal(await setsWithDictionary(later), docs - SAMPLES + 1, 'a later store packs with the stored dictionary at once');
      assert.deepEqual(await later.getFindings('doc-99'), findings(99));
    } finally {
      await later?.close();
      await store.close();
    }
  });
}
