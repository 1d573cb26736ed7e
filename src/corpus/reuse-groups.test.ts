import { test } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import assert from 'node:assert/strict';
import type { CorpusState, DocumentRef } from '../analysers/analyzer.js';
import type { CorpusFindingDraft, Document } from '../core/types.js';
import { seededRandom } from '../core/random.js';
import { articleDocument } from '../../test/fixtures/coordination/reuse/build-article.js';
import { findReuse, legacyReuseState, reuseOf, reuseState, type ReuseState } from './reuse.js';
import { SentenceClusters, SentenceIndex } from './reuse-groups.js';
import { fillMemberQuotesFrom } from './state.js';

/**
 * Copies are reported per group, not per pair. The corpus here is written for this test: 90
 * short bulletins of pseudo-words (nothing shared by chance), of which
 * - 40 reproduce the same three-sentence wire passage (the first, dated earliest, is its source),
 * - 30 others end with the same two-sentence sign-off (a passage under the boilerplate cap),
 * - all 90 carry one standing line (in every document: boilerplate, never reuse).
 * Pairs would make 780 + 435 copy findings; groups make two.
 */

const WIRE = [
  'Engineers at the northern pumping station said the old floodgate would be replaced before the autumn storms arrive.',
  'The replacement will cost about 4 million and take eleven weeks, according to the regional works office.',
  'Residents living near the embankment were asked to keep the access road clear while heavy trucks pass.',
];
const SIGN_OFF = [
  'Readers who want these bulletins every morning can ask for the printed sheet at any library counter.',
  'Letters about this bulletin are read by the editors and may be shortened before they are printed here.',
];
const STANDING = 'This bulletin is compiled by volunteers and carries no advertising of any kind whatsoever.';

function corpus(): Document[] {
  const rand = seededRandom(5);
  const syllables = 'ka ri to men sa lo vi de ra un ter po li an es mo ba ne ti sol'.split(' ');
  const word = (): string => Array.from({ length: 2 + Math.floor(rand() * 3) }, () => syllables[Math.floor(rand() * syllables.length)]).join('');
  const sentence = (): string => {
    const words = Array.from({ length: 12 + Math.floor(rand() * 8) }, word);
    return `${words.join(' ').replace(/^./u, (c) => c.toUpperCase())}.`;
  };
  return Array.from({ length: 90 }, (_, i) => {
    const own = Array.from({ length: 5 }, sentence);
    const body = [own.slice(0, 2).join(' ')];
    if (i < 40) body.push(WIRE.join(' '));
    body.push(own.slice(2).join(' '));
    if (i >= 40 && i < 70) body.push(SIGN_OFF.join(' '));
    body.push(STANDING);
    const day = String(1 + (i % 28)).padStart(2, '0');
    return articleDocument({ title: `Bulletin ${i}`, outlet: `Outlet ${i}`, publishedAt: `2026-0${1 + Math.floor(i / 28)}-${day}`, body }, `doc-${String(i).padStart(2, '0')}`);
  });
}

const documents = (f: CorpusFindingDraft): string[] => (f.data as { documents: string[] }).documents;

function assertExactQuotes(findings: CorpusFindingDraft[], docs: Document[]): void {
  const byId = new Map(docs.map((d) => [d.id, d]));
  for (const f of findings) {
    for (const m of f.members) {
      assert.ok(m.start !== undefined && m.end !== undefined, 'every member is a span');
      assert.equal(m.quote, byId.get(m.doc)?.text.slice(m.start, m.end), `${m.doc} ${m.start}-${m.end}`);
    }
  }
}

test('a passage repeated in many documents is one group finding, not a finding per pair', () => {
  const docs = corpus();
  const findings = findReuse(docs.map((doc) => ({ doc, findings: [] })));
  assert.equal(findings.length, 2, findings.map((f) => f.explanation).join('\n'));
  const [wire, signOff] = findings;
  assert.deepEqual(documents(wire), docs.slice(0, 40).map((d) => d.id));
  assert.deepEqual(documents(signOff), docs.slice(40, 70).map((d) => d.id));
  for (const f of findings) assert.equal(f.label, 'copy');
  // each member is one document's span of the shared passage (adjacent sentences merged)
  assert.equal(wire.members.length, 40);
  for (const m of wire.members) assert.equal(m.quote, WIRE.join(' '));
  for (const m of signOff.members) assert.equal(m.quote, SIGN_OFF.join(' '));
  assertExactQuotes(findings, docs);
  // the explanation names the source, what of it recurs, the first copiers and the earliest
  assert.match(wire.explanation, /^3 sentences of "Bulletin 0 \(Outlet 0, 2026-01-01\)" \(\d+% of its text\) reappear nearly verbatim in 39 other documents: "Bulletin 1 \(Outlet 1, 2026-01-02\)" \(3 sentences, \d+% of its text\)/u);
  assert.match(wire.explanation, / and 34 more; "Bulletin 0 \(Outlet 0, 2026-01-01\)" is the earliest\.$/u);
  assert.equal((wire.data as { earliest: string }).earliest, 'doc-00');
  assert.deepEqual(
    wire.members.slice(0, 2).map((m) => m.role),
    ['earlier', 'later'],
  );
  // the standing line in every document is boilerplate: no member quotes it
  for (const f of findings) for (const m of f.members) assert.ok(!(m.quote ?? '').includes(STANDING));
});

function stateOf(docs: Document[], states: Map<string, ReuseState>): CorpusState<ReuseState> {
  const ref = (d: Document): DocumentRef => ({ id: d.id, title: d.source.title ?? null, outlet: d.source.outlet ?? null, path: null, url: null, publishedAt: d.source.publishedAt ?? null });
  const byId = new Map(docs.map((d) => [d.id, d]));
  return {
    size: docs.length,
    async *entries() {
      for (const d of docs) yield { doc: ref(d), state: states.get(d.id) ?? null };
    },
    get: async (id) => states.get(id) ?? null,
    slice: async (id, start, end) => byId.get(id)?.text.slice(start, end) ?? '',
    of: () => {
      throw new Error('not used');
    },
  };
}

async function combined(docs: Document[], states: Map<string, ReuseState>, options = {}): Promise<CorpusFindingDraft[]> {
  const found: CorpusFindingDraft[] = [];
  for await (const batch of reuseOf(stateOf(docs, states), options)) for (const f of batch) found.push(f);
  return fillMemberQuotesFrom(found, new Map(docs.map((d) => [d.id, d.text])));
}

test('from stored states (keys only, shingles re-derived from the text) the groups are the same; old states with shingles are still read', async () => {
  const docs = corpus();
  const whole = findReuse(docs.map((doc) => ({ doc, findings: [] })));
  const compact = new Map(docs.map((d) => [d.id, reuseState(d, [])]));
  assert.ok(compact.get('doc-00')?.sentences === undefined && typeof compact.get('doc-00')?.keys === 'string', 'the state keeps blocking keys, not shingles');
  assert.deepEqual(await combined(docs, compact), whole);
  // one document per block and a partner cap of one: still two groups (whole-sentence clusters need no pairs)
  assert.deepEqual(await combined(docs, compact, { block: 1, partners: 1 }), whole);
  const legacy = new Map(docs.map((d) => [d.id, legacyReuseState(d, [])]));
  assert.deepEqual(await combined(docs, legacy), whole);
  // the compact state is well under the old one as stored (deflated JSON)
  const bytes = (m: Map<string, ReuseState>): number => [...m.values()].reduce((n, s) => n + deflateRawSync(JSON.stringify(s)).length, 0);
  assert.ok(bytes(compact) < 0.65 * bytes(legacy), `${bytes(compact)} vs ${bytes(legacy)}`);
});

test('an edited copy of a passage few documents share joins its group with the alignment of its sentences', async () => {
  const docs = corpus().slice(60, 90);
  // three of the documents without the sign-off take the wire passage, one with a word changed and a name added
  const edited = WIRE.map((s) => s.replace('old floodgate', 'rusted floodgate').replace('Residents', 'Residents of Marrow'));
  const withWire = docs.map((d, i) => (i >= 10 && i < 13 ? articleDocument({ title: d.source.title ?? '', outlet: d.source.outlet ?? '', publishedAt: d.source.publishedAt ?? null, body: [i === 12 ? edited.join(' ') : WIRE.join(' '), 'Nothing else was said.'] }, d.id) : d));
  const findings = findReuse(withWire.map((doc) => ({ doc, findings: [] })));
  const wire = findings.find((f) => documents(f).includes('doc-70'));
  assert.ok(wire, findings.map((f) => f.explanation).join('\n'));
  assert.deepEqual(documents(wire), ['doc-70', 'doc-71', 'doc-72']);
  const passages = (wire.data as { passages: Array<Record<string, unknown> & { similarity: number }> }).passages;
  assert.equal(passages.length, 2);
  assert.equal(passages[0].similarity, 1);
  assert.ok(passages[1].similarity < 1 && passages[1].similarity >= 0.5, String(passages[1].similarity));
  assertExactQuotes(findings, withWire);
  const states = new Map(withWire.map((d) => [d.id, reuseState(d, [])]));
  assert.deepEqual(await combined(withWire, states), findings);
});

test('sentences whose whole-sentence keys collide are not taken as copies: the second hash must agree too', async () => {
  const docs = corpus().slice(70, 74); // four bulletins without a shared passage (the standing line is in all four: boilerplate under 4 documents is not)
  const states = new Map(docs.map((d) => [d.id, reuseState(d, [])]));
  const [a, b] = [states.get(docs[0].id), states.get(docs[1].id)];
  assert.ok(a?.spans && a.keys && a.checks && b?.spans && b.keys && b.checks);
  const decode = (text: string): Uint32Array => {
    const bytes = Buffer.from(text, 'base64');
    return new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  };
  const encode = (values: Uint32Array): string => Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
  // the whole-sentence key is each long sentence's first copy key: give b's first two sentences a's keys
  const firstKeys = (spans: number[]): number[] => {
    const out: number[] = [];
    for (let x = 0, at = 0; x + 3 < spans.length; at += spans[x + 3], x += 4) out.push(at);
    return out;
  };
  const [aKeys, bKeys] = [decode(a.keys), decode(b.keys)];
  const [aAt, bAt] = [firstKeys(a.spans), firstKeys(b.spans)];
  for (const k of [0, 1]) bKeys[bAt[k + 1]] = aKeys[aAt[k + 1]]; // sentences 1 and 2 (0 is the title)
  states.set(docs[1].id, { ...b, keys: encode(bKeys) });
  const collided = await combined(docs, states);
  assert.deepEqual(collided, [], 'a collision of the 30-bit key alone links nothing');
  // with the check hashes made equal as well, the two are taken as identical sentences: the check is what decides
  const [aChecks, bChecks] = [decode(a.checks), decode(b.checks)];
  for (const k of [1, 2]) bChecks[k] = aChecks[k];
  states.set(docs[1].id, { ...b, keys: encode(bKeys), checks: encode(bChecks) });
  assert.deepEqual((await combined(docs, states)).map(documents), [[docs[0].id, docs[1].id]]);
});

test('sentence clusters come out the same whether sorted packed in float64s or by comparison (past 2^26 sentences)', () => {
  const build = (packedLimit: number): { members: number[]; starts: number[] } => {
    const rand = seededRandom(11);
    const clusters = new SentenceClusters(5000, packedLimit);
    for (let k = 0; k < 3000; k++) clusters.union(Math.floor(rand() * 5000), Math.floor(rand() * 5000));
    const out = clusters.clusters();
    return { members: [...out.members], starts: [...out.starts] };
  };
  const packed = build(2 ** 26);
  const compared = build(0);
  assert.ok(packed.starts.length > 10);
  assert.deepEqual(compared, packed);
});

test('the sentence index keeps every sentence and document through its columns\' growth', () => {
  const index = new SentenceIndex();
  const perDoc = (d: number): number => 50 + (d % 90);
  let total = 0;
  for (let d = 0; d < 150; d++) {
    index.addDocument(Array.from({ length: perDoc(d) }, (_, s) => ({ start: s * 10, end: s * 10 + 9, words: (s % 30) + 1, whole: d * 1000 + s, check: s + 1 })), d * 7, d % 3 === 0 ? null : d * 1e9);
    total += perDoc(d);
  }
  assert.ok(total > 4096 * 2, 'past the columns\' first sizes');
  assert.equal(index.sentences, total);
  assert.equal(index.documents, 150);
  for (let d = 0; d < 150; d++) {
    assert.equal(index.chars(d), d * 7);
    assert.equal(index.time(d), d % 3 === 0 ? null : d * 1e9);
    for (const s of [0, perDoc(d) - 1]) {
      const g = index.global(d, s);
      assert.equal(index.docOf(g), d);
      assert.deepEqual([index.start(g), index.end(g), index.words(g), index.whole(g), index.check(g)], [s * 10, s * 10 + 9, (s % 30) + 1, d * 1000 + s, s + 1]);
    }
  }
});
