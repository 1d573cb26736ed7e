import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CorpusFinding, Finding } from '../core/types.js';
import { commentBanners, KEY_FINDING_CAPS, KeyFindingGatherer, keyFindings, type DocFinding } from './key-findings.js';

/** Invented corpus: four outlets of two fictional countries (Norvale, Daskor). */
const names = new Map([
  ['d1', 'Lake poisoned, says minister (Lakeside Courier, 2025-06-03)'],
  ['d2', 'Daskor rejects claims (Daskor Daily, 2025-06-04)'],
  ['d3', 'Inspectors find lead (Harbour Post, 2025-06-05)'],
  ['d4', 'The lake affair (Valley Times, 2025-06-06)'],
]);

let seq = 0;
const corpus = (kind: string, label: string, score: number, members: CorpusFinding['members'], data: Record<string, unknown> = {}, explanation = `${kind} ${label}`): CorpusFinding => ({ id: `c${++seq}`, analyzer: 'x@1.0.0', kind, label, score, explanation, members, data });
const finding = (doc: string, kind: string, score: number, data: Record<string, unknown>, quote = `${kind} quote in ${doc}`, start = 10): DocFinding => ({ doc, id: `f${++seq}`, analyzer: 'x@1.0.0', kind, label: String(data.stance ?? 'claim'), start, end: start + quote.length, quote, score, explanation: 'why', data });

const stance = (doc: string, text: string, s: string, start: number) => corpus('stance', s === 'supports' ? 'supports' : 'opposes', 0.7, [{ doc, start, end: start + 20, quote: `${doc} on ${text}`, role: s === 'supports' ? 'asserts' : 'denies' }], { text, doc, stance: s, camp: null });

function fixture() {
  seq = 0;
  const corpusFindings: CorpusFinding[] = [
    corpus('comment-cluster', 'organic', 0.1, [{ doc: 'd3', start: 500, end: 540, quote: 'a real comment', role: 'comment' }], {}, '5 of 5 comments show no strong sign of templating.'),
    corpus('comment-cluster', 'mixed', 0.4, [{ doc: 'd2', start: 300, end: 330, quote: 'nice post', role: 'inauthentic: generic-praise' }], {}, '2 of 5 comments carry strong signs of templated or inauthentic writing.'),
    corpus('comment-cluster', 'templated', 1, [{ doc: 'd1', start: 900, end: 940, quote: 'Great article, thanks for sharing', role: 'inauthentic: generic-praise (cluster 1)' }], {}, '3 of 3 comments carry strong signs of templated or inauthentic writing.'),
    corpus('reuse', 'copy', 0.9, [{ doc: 'd3', start: 0, end: 50, role: 'earlier', quote: 'copied passage' }, { doc: 'd4', start: 5, end: 55, role: 'later', quote: 'copied passage' }], {}, '4 sentences of "d3" reappear nearly verbatim in "d4".'),
    corpus('contradiction', 'Lake Temmer: deaths', 0.6, [{ doc: 'd1', start: 40, end: 80, quote: 'thousands of fish died' }, { doc: 'd2', start: 60, end: 90, quote: 'no fish died' }], {}, 'Documents disagree on "deaths".'),
    stance('d1', 'Daskor pollutes the lake', 'supports', 100),
    stance('d3', 'Daskor pollutes the lake', 'supports', 120),
    stance('d2', 'Daskor pollutes the lake', 'opposes', 140),
    corpus('camp', 'camp A', 1, [{ doc: 'd1', role: 'member' }, { doc: 'd3', role: 'member' }], { documents: ['d1', 'd3'], positions: [{ text: 'Daskor pollutes the lake', stance: 'supports', documents: 2 }], dividing: ['Daskor pollutes the lake'] }),
    corpus('camp', 'camp B', 0.7, [{ doc: 'd2', role: 'member' }], { documents: ['d2'], positions: [{ text: 'Daskor pollutes the lake', stance: 'opposes', documents: 1 }], dividing: ['Daskor pollutes the lake'] }),
    corpus('provenance', 'Channel 9 → Ilse Varga → wire services', 0.85, [{ doc: 'd4', start: 200, end: 260, quote: 'first aired on Channel 9' }]),
  ];
  const accusations: DocFinding[] = [
    finding('d1', 'accusation', 0.7, { accuser: 'Ilse Varga', accused: 'Daskor Federation', allegation: 'pollutes Lake Temmer', stance: 'asserts' }),
    finding('d3', 'accusation', 0.9, { accuser: 'Ilse Varga', accused: 'Daskor Federation', allegation: 'pollutes Lake Temmer', stance: 'reports' }, 'Varga said Daskor dumped waste', 30),
    finding('d2', 'accusation', 0.6, { accuser: 'Ilse Varga', accused: 'Daskor Federation', allegation: 'pollutes Lake Temmer', stance: 'denies' }),
    finding('d2', 'accusation', 0.8, { accuser: 'Arno Pell', accused: 'Norvale', allegation: 'fabricates evidence', stance: 'asserts' }),
    finding('d4', 'accusation', 0.9, { accuser: null, accused: 'Norvale', allegation: 'hides samples', stance: 'asserts' }),
  ];
  const claims: DocFinding[] = [
    finding('d1', 'claim', 0.95, { evidence: { strength: 'unsupported' } }, 'Thousands of fish died overnight.'),
    finding('d1', 'claim', 0.7, { evidence: { strength: 'vague-appeal' } }, 'Experts say the lake is dead.'),
    finding('d2', 'claim', 0.99, { evidence: { strength: 'named' } }, 'Pell said the factories passed inspection.'),
    finding('d3', 'claim', 0.3, { evidence: { strength: 'unsupported' } }, 'Below the claim threshold.'),
    finding('d4', 'claim', 0.8, { evidence: { strength: 'anonymous' } }, 'An official who asked not to be named said so.'),
  ];
  return { corpusFindings, accusations, claims };
}

test('key findings come in the order an analyst acts on them, named by title, outlet and date', () => {
  const { corpusFindings, accusations, claims } = fixture();
  const items = keyFindings({ corpus: corpusFindings, names, accusations, claims });
  const kinds = items.map((k) => k.kind);
  const order = ['comments', 'reuse', 'contradiction', 'accusation', 'camp', 'division', 'provenance', 'sourcing'];
  assert.deepEqual([...new Set(kinds)], order, 'every kind present, in rank order');
  for (const k of items) assert.ok(!/\bd[1-4]\b/.test(k.text.replace(/"d[34]"/g, '')), `no bare ids in: ${k.text}`);
  // templated before mixed; organic is not a key finding
  const comments = items.filter((k) => k.kind === 'comments');
  assert.deepEqual(comments.map((k) => k.tag), ['Templated comments', 'Partly templated comments']);
  assert.match(comments[0].text, /^Lake poisoned, says minister \(Lakeside Courier, 2025-06-03\): 3 of 3 comments/);
  assert.deepEqual(comments[0].evidence, { doc: 'd1', view: 'comments', corpusFinding: corpusFindings[2].id, start: 900, end: 940 });
});

test('who accuses whom: the edge most documents take a stance on first, with each stance and the strongest passage', () => {
  const { corpusFindings, accusations, claims } = fixture();
  const edges = keyFindings({ corpus: corpusFindings, names, accusations, claims }).filter((k) => k.kind === 'accusation');
  assert.equal(edges[0].text, 'Ilse Varga → Daskor Federation: pollutes Lake Temmer — asserted in Lake poisoned, says minister (Lakeside Courier, 2025-06-03); denied in Daskor rejects claims (Daskor Daily, 2025-06-04); reported in Inspectors find lead (Harbour Post, 2025-06-05)');
  assert.deepEqual(edges[0].docs.sort(), ['d1', 'd2', 'd3']);
  assert.equal(edges[0].evidence.finding, accusations[1].id, 'the highest-scored mention is the evidence');
  assert.equal(edges[0].quote, 'Varga said Daskor dumped waste');
  assert.equal(edges.length, 3);
  assert.ok(edges.some((e) => e.text.startsWith('unnamed sources → Norvale')), 'an unnamed accuser is said so');
});

test('camps with their positions, and what divides them with both sides named', () => {
  const { corpusFindings, accusations, claims } = fixture();
  const items = keyFindings({ corpus: corpusFindings, names, accusations, claims });
  const camps = items.filter((k) => k.kind === 'camp');
  assert.deepEqual(camps.map((c) => c.text.split(' (')[0]), ['camp A', 'camp B']);
  assert.match(camps[0].text, /2 documents: Inspectors find lead .*Lake poisoned.*\) supports “Daskor pollutes the lake”/);
  assert.equal(camps[0].evidence.start, 100, 'the camp points at a member taking its first position');
  const division = items.find((k) => k.kind === 'division');
  assert.ok(division);
  assert.match(division.text, /^“Daskor pollutes the lake” — supported by .*Inspectors.*; opposed by Daskor rejects claims/);
  assert.equal(division.evidence.doc, 'd2', 'the minority side is the passage to read');
});

test('weakest sourcing: the most check-worthy weakly sourced claim of each document; named sources and sub-threshold claims are not weak', () => {
  const { corpusFindings, accusations, claims } = fixture();
  const sourcing = keyFindings({ corpus: corpusFindings, names, accusations, claims }).filter((k) => k.kind === 'sourcing');
  assert.deepEqual(sourcing.map((k) => k.evidence.doc), ['d1', 'd4']);
  assert.equal(sourcing[0].quote, 'Thousands of fish died overnight.');
  assert.match(sourcing[0].text, /no source given/);
  assert.match(sourcing[1].text, /an anonymous source/);
  // --min-score 0 lets the weak d3 claim in
  const all = keyFindings({ corpus: corpusFindings, names, accusations, claims, thresholds: { minScore: 0 } }).filter((k) => k.kind === 'sourcing');
  assert.ok(all.some((k) => k.evidence.doc === 'd3'));
});

test('rejected findings are left out; caps keep the block short; one document keeps its own items', () => {
  const { corpusFindings, accusations, claims } = fixture();
  const rejected = accusations.map((f) => (f.data?.accuser === 'Arno Pell' ? ({ ...f, review: { status: 'rejected' } } as Finding & { doc: string }) : f));
  const items = keyFindings({ corpus: corpusFindings, names, accusations: rejected, claims });
  assert.ok(!items.some((k) => k.text.startsWith('Arno Pell')));
  const many = Array.from({ length: 10 }, (_, i) => finding(`d${(i % 4) + 1}`, 'accusation', 0.7, { accuser: `Person ${i}`, accused: 'Norvale', allegation: 'lies', stance: 'asserts' }));
  const capped = keyFindings({ corpus: corpusFindings, names, accusations: many, claims });
  assert.equal(capped.filter((k) => k.kind === 'accusation').length, KEY_FINDING_CAPS.accusation);
  const banners = commentBanners(corpusFindings);
  assert.deepEqual([...banners.keys()].sort(), ['d1', 'd2']);
  assert.equal(banners.get('d1')?.verdict, 'templated');
  assert.match(banners.get('d1')?.text ?? '', /^Templated comment section: 3 of 3 comments/);
});

test('nothing about a topic: the same ranking with the sides swapped swaps the names, not the order of kinds', () => {
  const { corpusFindings, accusations, claims } = fixture();
  const swap = (s: string) => s.replace(/Norvale|Daskor/g, (m) => (m === 'Norvale' ? 'Daskor' : 'Norvale'));
  const swapped = accusations.map((f) => ({ ...f, data: Object.fromEntries(Object.entries(f.data ?? {}).map(([k, v]) => [k, typeof v === 'string' ? swap(v) : v])) }));
  const a = keyFindings({ corpus: corpusFindings, names, accusations, claims }).filter((k) => k.kind === 'accusation');
  const b = keyFindings({ corpus: corpusFindings, names, accusations: swapped, claims }).filter((k) => k.kind === 'accusation');
  const edge = (text: string) => text.split(' — ')[0];
  assert.deepEqual(b.map((k) => edge(k.text)), a.map((k) => swap(edge(k.text))));
  assert.deepEqual(b.map((k) => k.docs), a.map((k) => k.docs), 'the same documents, ranked the same');
});

test('a copy group of many documents names its first three and counts the others', () => {
  seq = 0;
  const members = ['d1', 'd2', 'd3', 'd4', 'd5'].map((doc, i) => ({ doc, start: 0, end: 20, role: i === 0 ? 'earlier' : 'later', quote: 'the copied passage' }));
  const group = corpus('reuse', 'copy', 0.8, members, { documents: members.map((m) => m.doc) }, '1 sentence of "d1" reappears nearly verbatim in 4 other documents.');
  const [item] = keyFindings({ corpus: [group], names, accusations: [], claims: [] }).filter((k) => k.kind === 'reuse');
  assert.ok(item.text.startsWith(`${names.get('d1')}, ${names.get('d2')}, ${names.get('d3')} and 2 more: 1 sentence of`), item.text);
  assert.deepEqual(item.docs, ['d1', 'd2', 'd3', 'd4', 'd5']);
});

test('a report keeps the weakest-sourced claims of a bounded number of documents: the same items, flat from N to 2N documents', () => {
  const names = new Map<string, string>();
  const run = (documents: number, maxWeakest?: number) => {
    const gatherer = new KeyFindingGatherer(undefined, { maxWeakest });
    for (let d = 0; d < documents; d++) {
      const doc = `doc${String(d).padStart(5, '0')}`;
      names.set(doc, `Report ${d}`);
      // distinct weights, the heaviest spread through the corpus
      gatherer.add(doc, [finding(doc, 'claim', 0.4 + ((d * 7919) % documents) / (2 * documents), { evidence: { strength: 'unsupported' } }, `claim of ${doc}`)]);
    }
    return { held: gatherer.documentIds().size, items: gatherer.result([], names).filter((k) => k.kind === 'sourcing') };
  };
  const [n, twice, all] = [run(2_000, 100), run(4_000, 100), run(4_000)];
  assert.ok(n.held <= 200 && twice.held <= 200, `${n.held}, ${twice.held} documents held`);
  assert.equal(all.held, 4_000);
  assert.equal(twice.items.length, KEY_FINDING_CAPS.sourcing);
  // the same documents, claims and order (finding ids differ between the runs of this test only)
  assert.deepEqual(twice.items.map((k) => [k.docs, k.quote, k.score, k.text]), all.items.map((k) => [k.docs, k.quote, k.score, k.text]));
});
