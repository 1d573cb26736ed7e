import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { AnalysedDocument, CorpusState } from '../analysers/analyzer.js';
import { accusationsAnalyzer } from '../analysers/accusations.js';
import { loadNarrativeLexicons } from '../analysers/accusations/lexicon.js';
import { entitiesAnalyzer } from '../analysers/entities.js';
import { packageRoot } from '../core/paths.js';
import type { CorpusFindingDraft } from '../core/types.js';
import { analyzeDocument } from '../pipeline/analyze.js';
import { plainDocument, testResources } from '../../test/support/context.js';
import { clusterFrames, documentFrequencies, expandedTokens, frameCandidates, pruneCentroid, type DiscoveryStats, type FrameCandidate } from './narratives/discover.js';
import { seededRandom } from '../core/random.js';
import { datedMentions, timelineFindings, timelineInPasses, type DatedMention } from './narratives/timeline.js';
import { KeyTable } from './reuse-keys.js';
import { findReuse, reuseAnalyzer, reuseOf, type ReuseState } from './reuse.js';
import { fillMemberQuotesFrom, memoryState } from './state.js';

/**
 * The corpus analysers' combine steps work in bounded passes (timeline: groups of dates;
 * reuse: a key table that spills to files and pairs gathered a block of documents at a time;
 * narratives: discovery in streaming passes). Forced to their smallest bounds, they must give
 * exactly what one pass over everything gives.
 */

async function fixtureCorpus(): Promise<AnalysedDocument[]> {
  const resources = await testResources();
  const articles = (JSON.parse(readFileSync(join(packageRoot(), 'test/fixtures/narratives/articles.json'), 'utf8')) as { articles: Array<{ id: string; text: string }> }).articles;
  const texts: Array<[string, string]> = articles.map((a) => [`${a.id}.txt`, a.text]);
  // copies with an edited first sentence and with the sentences reordered: reuse to find
  articles.slice(0, 4).forEach((a) => texts.push([`${a.id}-copy.txt`, a.text.replace(/^[^.]+\./u, 'A report repeated the claim today.')]));
  articles.slice(4, 6).forEach((a) => texts.push([`${a.id}-reordered.txt`, a.text.split('. ').reverse().join('. ')]));
  return texts.map(([name, text]) => {
    const a = analyzeDocument(plainDocument(text, name), resources, [entitiesAnalyzer, accusationsAnalyzer]);
    return { doc: a.doc, findings: a.findings };
  });
}

function stateOf<S>(docs: AnalysedDocument[], name: string, extract: (d: AnalysedDocument) => S | null): CorpusState<S> & { passes: number } {
  const states = new Map([[name, new Map(docs.map((d) => [d.doc.id, extract(d)]))]]);
  const inner = memoryState<S>(
    docs.map((d) => d.doc),
    states,
    name,
  );
  const counted = {
    ...inner,
    passes: 0,
    entries() {
      counted.passes++;
      return inner.entries();
    },
  };
  return counted;
}

async function drain(batches: AsyncIterable<CorpusFindingDraft[]>): Promise<CorpusFindingDraft[][]> {
  const out: CorpusFindingDraft[][] = [];
  for await (const batch of batches) out.push(batch);
  return out;
}

test('timeline in passes of one date each gives the events of one pass over every mention, in the same order', async () => {
  const docs = await fixtureCorpus();
  const whole = timelineFindings(docs);
  assert.ok(new Set(whole.map((e) => (e.data as { date: string }).date)).size >= 3, 'the fixture corpus mentions several dates');
  const state = stateOf<DatedMention[]>(docs, 'timeline', (d) => datedMentions(d));
  const batches = await drain(timelineInPasses(state, 1));
  // one date per pass (a date is never split), one count pass first
  for (const batch of batches) assert.equal(new Set(batch.map((e) => (e.data as { date: string }).date)).size, 1);
  assert.equal(state.passes, batches.length + 1);
  assert.deepEqual(batches.flat(), whole);
  // and one big pass gives the same again
  assert.deepEqual((await drain(timelineInPasses(stateOf<DatedMention[]>(docs, 'timeline', (d) => datedMentions(d))))).flat(), whole);
});

test('reuse with a spilling key table and one first document per block finds exactly the pairs of the in-memory step', async () => {
  const docs = await fixtureCorpus();
  const resources = await testResources();
  const whole = findReuse(docs);
  assert.ok(whole.filter((f) => f.label === 'copy').length >= 4, 'the copies are found');
  const texts = new Map(docs.map((d) => [d.doc.id, d.doc.text]));
  const before = readdirSync(tmpdir()).filter((f) => f.startsWith('discern-reuse-keys-')).length;
  for (const options of [{}, { spillAt: 1, block: 1 }, { spillAt: 50, block: 3 }]) {
    const state = stateOf<ReuseState>(docs, 'reuse', (d) => reuseAnalyzer.extract(d, resources));
    const found = (await drain(reuseOf(state, options))).flat();
    assert.deepEqual(fillMemberQuotesFrom(found, texts), whole, JSON.stringify(options));
  }
  assert.equal(readdirSync(tmpdir()).filter((f) => f.startsWith('discern-reuse-keys-')).length, before, 'the spilled key files are removed');
});

test('the key table gives the same groups whether it spills to files or not', () => {
  const entries: Array<[number, number]> = [];
  let seed = 7;
  const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  for (let i = 0; i < 5000; i++) entries.push([next() % 300 | (next() & 0xfc000000), next() % 2000]);
  const groupsOf = (spillAt: number) => {
    const table = new KeyTable(spillAt);
    for (const [key, entry] of entries) table.add(key, entry);
    const groups = table.groups((key, group) => group.length <= 40 && key % 3 !== 0);
    return { keys: [...groups.keys], starts: [...groups.starts], entries: [...groups.entries] };
  };
  const inMemory = groupsOf(1 << 20);
  assert.ok(inMemory.keys.length > 10);
  // ascending keys, entries ascending within a group
  for (let g = 1; g < inMemory.keys.length; g++) assert.ok(inMemory.keys[g - 1] < inMemory.keys[g]);
  assert.deepEqual(groupsOf(100), inMemory);
  assert.deepEqual(groupsOf(1), inMemory);
});

test('narrative discovery streams its candidates in three passes and, under its sample bound, finds the frames of one pass', async () => {
  const lex = loadNarrativeLexicons();
  const dir = join(packageRoot(), 'test/fixtures/narratives');
  const wires = (JSON.parse(readFileSync(join(dir, 'wires.json'), 'utf8')) as { articles: Array<{ text: string }> }).articles;
  const docs = [...(await fixtureCorpus())];
  const resources = await testResources();
  for (const [i, w] of wires.entries()) {
    const a = analyzeDocument(plainDocument(w.text, `wire-${i}.txt`), resources, [entitiesAnalyzer, accusationsAnalyzer]);
    docs.push({ doc: a.doc, findings: a.findings });
  }
  const perDocument = docs.map((d) => ({ doc: d.doc.id, source: d.doc.source.path ?? d.doc.id, candidates: frameCandidates(d, lex) }));
  const total = perDocument.reduce((n, d) => n + d.candidates.length, 0);
  assert.ok(total > 10, 'the corpus has candidate sentences');
  let passes = 0;
  async function* stream(): AsyncIterable<{ doc: string; source: string; candidates: FrameCandidate[] }> {
    passes++;
    for (const d of perDocument) yield d;
  }
  const fromArray = await clusterFrames(() => perDocument);
  const fromStream = await clusterFrames(stream);
  assert.equal(passes, 3);
  assert.deepEqual(fromStream, fromArray);
  assert.ok(fromArray.length >= 1, 'frames are discovered');
  // the sample bound: at the corpus size nothing changes, with no candidate allowed to start a cluster nothing is found
  assert.deepEqual(await clusterFrames(() => perDocument, { sample: total }), fromArray);
  assert.deepEqual(await clusterFrames(() => perDocument, { sample: 0 }), []);
  // members kept in pass 3 for the most-spread cluster only: the others are read again in a fourth pass, same frames
  passes = 0;
  assert.deepEqual(await clusterFrames(stream, { keptClusters: 1 }), fromArray);
  assert.ok(passes > 3, `${passes} passes`);
  // document frequencies past the exact bound (hash-bucket pre-count, then an exact pass over the rest): the same count for every token held twice or more
  const exact = await documentFrequencies(() => perDocument, Infinity);
  const bounded = await documentFrequencies(() => perDocument, 3);
  assert.equal(bounded.candidates, total);
  const tokens = new Map<string, number>();
  for (const d of perDocument) for (const c of d.candidates) for (const t of new Set(expandedTokens(c))) tokens.set(t, (tokens.get(t) ?? 0) + 1);
  assert.equal(exact.counts.size, tokens.size);
  const twice = [...tokens].filter(([, n]) => n >= 2);
  assert.ok(twice.length > 20);
  for (const [t, n] of tokens) {
    assert.equal(exact.counts.get(t), n, t);
    // held twice or more: counted exactly; once: left out
    assert.equal(bounded.counts.get(t), n >= 2 ? n : 0, t);
  }
  assert.equal(bounded.counts.size, twice.length, 'tokens held by one candidate are left out');
});

test('narrative discovery past its sample keeps bounded centroids: the terms it holds stay flat from N to 2N documents', async () => {
  // 12 topics; a sentence has 8 of its topic's 10 core words (so it joins the topic's cluster) and a tail word that one other document of its topic shares (so it weighs): every new pair of documents brings a new term
  const rand = seededRandom(11);
  const corpus = (documents: number) =>
    Array.from({ length: documents }, (_, d) => ({
      doc: `d${d}`,
      source: `outlet${d % 7}`,
      candidates: Array.from({ length: 3 }, (_, c) => {
        const t = d % 12;
        const words = [...Array.from({ length: 8 }, () => `t${t}core${Math.floor(rand() * 10)}`), `t${t}tail${Math.floor(d / 24)}`];
        return { start: c * 100, end: c * 100 + 80, words, frames: [], masked: words.join(' ') };
      }),
    }));
  const held = async (documents: number, centroidTerms: number) => {
    const stats: DiscoveryStats = { clusters: 0, centroidTerms: 0 };
    const docs = corpus(documents);
    await clusterFrames(() => docs, { sample: 60, centroidTerms, stats });
    return stats;
  };
  const [n, twice] = [await held(400, 6), await held(800, 6)];
  assert.ok(n.clusters > 5 && twice.clusters > 5);
  // every centroid holds at most twice the kept terms, and the sample bounds the clusters
  assert.ok(n.centroidTerms <= n.clusters * 12 && twice.centroidTerms <= twice.clusters * 12);
  assert.ok(twice.centroidTerms < n.centroidTerms * 1.5, `${n.centroidTerms} -> ${twice.centroidTerms} terms`);
  // without the bound the centroids grow with the corpus
  const [free, freeTwice] = [await held(400, Infinity), await held(800, Infinity)];
  assert.ok(freeTwice.centroidTerms > free.centroidTerms * 1.2, `${free.centroidTerms} -> ${freeTwice.centroidTerms} terms; bounded ${n.centroidTerms} -> ${twice.centroidTerms}`);
  // under the sample nothing is pruned: the frames of clustering everything
  const small = corpus(30);
  assert.deepEqual(await clusterFrames(() => small, { centroidTerms: 1 }), await clusterFrames(() => small));
});

test('a centroid keeps its heaviest terms, ties by term, with its norm recomputed', () => {
  const cl = { sum: new Map([['b', 1], ['a', 1], ['c', 3], ['d', 0.5]]), sumSquares: 11.25 };
  pruneCentroid(cl, 2);
  assert.deepEqual([...cl.sum], [['c', 3], ['a', 1]]);
  assert.equal(cl.sumSquares, 10);
});
