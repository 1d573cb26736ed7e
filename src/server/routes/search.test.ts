import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { CorpusAnalyzer } from '../../analysers/analyzer.js';
import type { CorpusFinding, Document } from '../../core/types.js';
import { loadResources, type Resources } from '../../nlp/resources.js';
import { openSqliteStore, type SqliteStore } from '../../store/sqlite.js';
import { createApp } from '../app.js';

/**
 * GET /search groups documents by camp without computing the corpus findings: the first
 * search of a server reads the camps the newest finished run stored, and uses the corpus
 * findings only once something else (the overview) has computed them for the corpus as it is.
 */

const text = (i: number) => `Report ${i}\n\nThe reservoir ${i} is low, the ministry said on Monday.`;
const doc = (i: number): Document => ({ id: `d${i}`, format: 'text', source: { title: `Report ${i}`, outlet: 'Daskor Daily' }, text: text(i), sections: [{ kind: 'body', start: 0, end: text(i).length }], lang: 'en' });
const camp = (label: string, member: number, listed: number[]): CorpusFinding => ({
  id: `camp-${label}`,
  analyzer: 'camps@1.0.0',
  kind: 'camp',
  label,
  score: 0.8,
  explanation: 'documents on one side',
  members: [{ doc: `d${member}`, start: 0, end: 6, quote: 'Report' }],
  data: { documents: listed.map((i) => `d${i}`) },
});

/** A corpus analyser that only counts how often the corpus stage runs it. */
const calls = { extract: 0, combine: 0 };
const spy: CorpusAnalyzer = {
  scope: 'corpus',
  name: 'spy',
  version: '1.0.0',
  kinds: ['camp'],
  reads: [],
  description: 'counts corpus-stage calls',
  extract: () => {
    calls.extract++;
    return null;
  },
  combine: async () => {
    calls.combine++;
    return [];
  },
};

let resources: Resources;
let store: SqliteStore;
before(async () => {
  resources = await loadResources();
  store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'discern-search-')), 'store.db'));
  for (let i = 1; i <= 3; i++) await store.saveAnalysis({ doc: doc(i), origin: `${i}.txt`, produced: new Map(), failures: [], runId: null });
  const done = await store.startRun({ command: 'analyze', toolVersion: '0', inputs: [], optionsHash: '' });
  await store.finishRun(done, 'done', [camp('camp A', 1, [2])]);
  // a run still going (its corpus stage half-stored) is not read
  const running = await store.startRun({ command: 'analyze', toolVersion: '0', inputs: [], optionsHash: '' });
  await store.addCorpusFindings(running, [camp('camp B', 3, [])]);
});
after(async () => store.close());

type Answer = { camp_source: { from: string; run?: number }; groups: Array<{ doc: { id: string }; camps: string[] }>; facets: { camp: Array<{ value: string; documents: number }> } };

test('the first search reads the stored camps and runs no corpus analyser; once the corpus is computed, its camps are used', async () => {
  const app = createApp({ store, resources, corpusAnalyzers: [spy], rateLimit: null });
  const search = async (q: string) => (await (await app.request(`/api/v1/search?q=${q}`)).json()) as Answer;
  const first = await search('reservoir');
  assert.equal(first.camp_source.from, 'run');
  assert.deepEqual(Object.fromEntries(first.groups.map((g) => [g.doc.id, g.camps])), { d1: ['camp A'], d2: ['camp A'], d3: [] });
  assert.deepEqual(first.facets.camp, [{ value: 'camp A', documents: 2 }]);
  const filtered = (await (await app.request('/api/v1/search?q=reservoir&camp=camp%20A')).json()) as Answer;
  assert.deepEqual(filtered.groups.map((g) => g.doc.id).sort(), ['d1', 'd2']);
  await search('ministry');
  assert.deepEqual(calls, { extract: 0, combine: 0 }, 'no corpus computation for a search');

  // the overview computes the corpus findings (the spy finds no camp): searches now use them
  assert.equal((await app.request('/api/v1/overview')).status, 200);
  assert.equal(calls.combine, 1);
  const later = await search('reservoir');
  assert.equal(later.camp_source.from, 'corpus');
  assert.deepEqual(later.groups.map((g) => g.camps), [[], [], []]);
  // a write moves the store on: back to the stored camps, still without computing
  await store.saveAnalysis({ doc: doc(4), origin: '4.txt', produced: new Map(), failures: [], runId: null });
  assert.equal((await search('reservoir')).camp_source.from, 'run');
  assert.equal(calls.combine, 1);
});

test('without a stored run of camps, search answers with none', async () => {
  const empty = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'discern-search-')), 'store.db'));
  try {
    await empty.saveAnalysis({ doc: doc(1), origin: '1.txt', produced: new Map(), failures: [], runId: null });
    const app = createApp({ store: empty, resources, corpusAnalyzers: [spy], rateLimit: null });
    const answer = (await (await app.request('/api/v1/search?q=reservoir')).json()) as Answer;
    assert.equal(answer.camp_source.from, 'none');
    assert.deepEqual(answer.groups.map((g) => g.camps), [[]]);
  } finally {
    await empty.close();
  }
});
