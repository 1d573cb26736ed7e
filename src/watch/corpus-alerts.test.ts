import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { testResources } from '../../test/support/context.js';
import { extractPlainText } from '../ingest/plain-text/index.js';
import type { Resources } from '../nlp/resources.js';
import { toDocument } from '../document/document.js';
import { analyzeDocument } from '../pipeline/analyze.js';
import { analyzeStoredCorpus } from '../pipeline/corpus-stage.js';
import { ingestOne } from '../pipeline/ingest-one.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/store.js';
import type { AlertInput } from '../store/watch.js';
import { PRODUCERS } from './alert-index.js';
import { computeAlerts } from './alerts.js';
import { parseWatchConfig } from './config.js';

/**
 * The incremental alert rules against the corpus stage: what the corpus analysers find over
 * the whole stored corpus involving the new documents is what the alerts report, while the
 * alert step reads the states of related documents only.
 */

let resources: Resources;
before(async () => {
  resources = await testResources();
});

const rules = parseWatchConfig('sources: [https://feeds.example/rss.xml]\nalerts:\n  watchlist: [Freedom Front]\n  reuse: { outlets: 2, hours: 48 }\n', 'w.yaml').alerts;

async function add(store: Store, title: string, outlet: string, date: string, body: string): Promise<string> {
  const result = await ingestOne({ extracted: extractPlainText(`${title}\n\n${body}\n`), origin: { title, outlet, publishedAt: date }, input: `test:${title}`, store, resources });
  return result.id;
}

const WIRE = [
  'Engineers inspecting the Orsk dam found hairline cracks along the western spillway wall on Monday morning.',
  'The regional water authority said the reservoir would be lowered by two metres while divers examined the foundations.',
  'Farmers downstream were told to move livestock away from the riverbanks until the inspection is finished.',
  'An independent panel of hydrologists will publish its findings before the spring floods arrive in the valley.',
].join(' ');

const EARLIER: Array<[string, string, string, string]> = [
  ['Mosque bombing toll rises', 'North Courier', '2026-04-01', 'A suicide bombing at a mosque in Peshawar on 30 January 2023 killed 84 people. Officials said the ministry was trying to divert attention from its own failures.'],
  ['Opposition rejects report', 'Eastern Ledger', '2026-04-01', 'The opposition dismissed the report as baseless claims meant to frighten voters before the vote in the provinces.'],
  ['Council answers critics', 'Valley Post', '2026-04-02', 'The council said the fabricated claims about its budget were spread by rivals who want to take control of the port.'],
  ['Dam inspection under way', 'Wire One', '2026-04-02', WIRE],
];

const NEW: Array<[string, string, string, string]> = [
  ['Peshawar attack revisited', 'Harbor Times', '2026-04-03', 'The bombing of a mosque in Peshawar in January 2023 killed 101 worshippers. Critics said the accusations were a way to divert attention from the security failures, and called the official version baseless claims.'],
  ['Cracks found at Orsk dam', 'Wire Two', '2026-04-03', WIRE],
];

const FILLER_TOPICS = ['orchard', 'library', 'ferry', 'bakery', 'museum', 'stadium', 'vineyard', 'observatory', 'lighthouse', 'market hall', 'tram line', 'botanical garden'];

function filler(i: number): string {
  const topic = FILLER_TOPICS[i % FILLER_TOPICS.length];
  return `Residents of district ${i + 3} gathered on a quiet evening to celebrate the reopening of the ${topic}. Volunteer number ${i * 7 + 2} painted benches while children of class ${i + 11} planted ${i + 5} young trees along the path. Organisers thanked ${i + 40} neighbours for donating tools.`;
}

const docsOf = (alerts: AlertInput[], type: string) => alerts.filter((a) => a.type === type);

test('incremental alerts report what the corpus stage finds involving the new documents: contradictions, new narratives, reuse', async () => {
  const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'discern-incremental-')), 'w.db'));
  try {
    const earlier: string[] = [];
    for (const [title, outlet, date, body] of EARLIER) earlier.push(await add(store, title, outlet, date, body));
    // the frames that were narratives before the new documents (the corpus stage on the earlier corpus)
    const framesBefore = new Set((await analyzeStoredCorpus(store, resources)).findings.filter((f) => f.kind === 'narrative').map((f) => String((f.data as { frame?: string }).frame)));
    await computeAlerts(earlier, { store, resources, rules });

    const fresh: string[] = [];
    for (const [title, outlet, date, body] of NEW) fresh.push(await add(store, title, outlet, date, body));
    const alerts = await computeAlerts(fresh, { store, resources, rules });
    const touches = (members: Array<{ doc: string }>) => members.some((m) => fresh.includes(m.doc));
    const full = (await analyzeStoredCorpus(store, resources)).findings.filter((f) => touches(f.members));

    const expectedContradictions = full.filter((f) => f.kind === 'contradiction').map((f) => f.label).sort();
    assert.ok(expectedContradictions.includes('bombing in Peshawar, 2023: killed'), `the fixture has a contradiction, got ${expectedContradictions.join('; ')}`);
    assert.deepEqual(docsOf(alerts, 'new-contradiction').map((a) => a.data?.label).sort(), expectedContradictions);
    const toll = docsOf(alerts, 'new-contradiction').find((a) => a.data?.label === 'bombing in Peshawar, 2023: killed');
    assert.deepEqual(toll?.documents.map((d) => d.source).sort(), ['Harbor Times', 'North Courier']);
    assert.deepEqual(toll?.evidence.map((e) => e.role).sort(), ['101', '84']);

    const expectedNarratives = full.filter((f) => f.kind === 'narrative').map((f) => String((f.data as { frame?: string }).frame)).filter((frame) => !framesBefore.has(frame)).sort();
    assert.ok(expectedNarratives.includes('diversion'), `"diversion" becomes a narrative (one earlier use, one new), got ${expectedNarratives.join(', ')}`);
    assert.ok(framesBefore.has('fabrication'), 'two earlier documents made "fabrication" a narrative already');
    assert.deepEqual(docsOf(alerts, 'new-narrative').map((a) => a.data?.frame).sort(), expectedNarratives);
    const diversion = docsOf(alerts, 'new-narrative').find((a) => a.data?.frame === 'diversion');
    assert.deepEqual(diversion?.documents.map((d) => d.source).sort(), ['Harbor Times', 'North Courier']);
    assert.match(diversion?.evidence[0].quote ?? '', /divert attention from the security failures/, 'the new document\'s span comes first');

    const expectedPairs = full.filter((f) => f.kind === 'reuse').map((f) => [...new Set(f.members.map((m) => m.doc))].sort().join(','));
    assert.deepEqual(expectedPairs, [[earlier[3], fresh[1]].sort().join(',')]);
    const [burst] = docsOf(alerts, 'reuse-burst');
    assert.deepEqual((burst?.data?.outlets as string[]).sort(), ['Wire One', 'Wire Two']);
    assert.ok(burst.evidence.some((e) => e.quote.includes('hairline cracks')));

    for (const alert of alerts) for (const e of alert.evidence) assert.equal((await store.documentText(e.doc))?.slice(e.start, e.end), e.quote, `${alert.type}: the quote is the span`);
  } finally {
    await store.close();
  }
});

test('the alert step reads the states of related documents only: unrelated earlier documents are never read', async () => {
  const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'discern-incremental-')), 'w.db'));
  try {
    const earlier: string[] = [];
    for (const [title, outlet, date, body] of EARLIER) earlier.push(await add(store, title, outlet, date, body));
    const fillers: string[] = [];
    for (let i = 0; i < 24; i++) fillers.push(await add(store, `District ${i + 3} celebrates`, `Local ${i}`, '2026-03-20', filler(i)));
    // the first poll indexes the backlog once
    await computeAlerts([...earlier, ...fillers], { store, resources, rules });

    const read = new Set<string>();
    const watched = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop === 'corpusState') return (producer: string, doc: string) => (read.add(doc), target.corpusState(producer, doc));
        if (prop === 'getDocument') return (doc: string) => (read.add(doc), target.getDocument(doc));
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const fresh: string[] = [];
    for (const [title, outlet, date, body] of NEW) fresh.push(await add(store, title, outlet, date, body));
    const alerts = await computeAlerts(fresh, { store: watched, resources, rules });
    assert.ok(docsOf(alerts, 'new-contradiction').length > 0 && docsOf(alerts, 'reuse-burst').length > 0, 'the related documents are found');
    assert.deepEqual(fillers.filter((d) => read.has(d)), [], 'no unrelated document is read');
    for (const d of fresh) assert.ok(read.has(d));
    assert.ok(read.has(earlier[0]) && read.has(earlier[3]), 'the documents the new ones relate to are read');
  } finally {
    await store.close();
  }
});

test('a camp change is judged on reviewed findings: rejecting the earlier article\'s accusations removes the side it took', async () => {
  const earlierText = 'The Freedom Front shelters armed fighters in the northern hills, according to documents seen by this newspaper. The Freedom Front supports militants who attacked two police posts.';
  const newText = 'The ministry falsely claimed that the Freedom Front shelters armed fighters. There is no evidence that the Freedom Front supports militants, and the accusation has been debunked.';
  for (const reject of [false, true]) {
    const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'discern-incremental-')), 'w.db'));
    try {
      const before = await add(store, 'Front shelters fighters', 'Hill Gazette', '2026-04-05', earlierText);
      await add(store, 'Police posts attacked', 'Plain Times', '2026-04-05', 'The Freedom Front shelters armed fighters near the border, officials said. The Freedom Front supports militants in the region, the interior minister said.');
      await computeAlerts([before], { store, resources, rules });
      if (reject) {
        for (const f of (await store.getFindings(before)).filter((x) => x.kind === 'accusation')) {
          await store.addReview({ target: { doc: before, kind: f.kind, label: f.label, start: f.start, end: f.end, quote: f.quote }, findingId: f.id, analyzer: f.analyzer, status: 'rejected', correction: null, verdict: null, note: 'misread', reviewer: 'test' });
        }
      }
      const now = await add(store, 'Ministry claims about the Front are false', 'Hill Gazette', '2026-04-06', newText);
      const changes = docsOf(await computeAlerts([now], { store, resources, rules }), 'camp-change');
      if (!reject) {
        assert.equal(changes.length, 1, 'the outlet opposes what it supported');
        assert.deepEqual([changes[0].data?.outlet, changes[0].data?.before, changes[0].data?.now], ['Hill Gazette', 'supports', 'opposes']);
        assert.deepEqual(changes[0].documents.map((d) => d.id), [before, now]);
        assert.ok(changes[0].evidence.some((e) => e.doc === before && e.role === 'before: supports' && e.quote.includes('shelters armed fighters')));
        for (const e of changes[0].evidence) assert.equal((await store.documentText(e.doc))?.slice(e.start, e.end), e.quote);
      } else assert.deepEqual(changes, [], 'with its accusations rejected, the earlier article took no side');
    } finally {
      await store.close();
    }
  }
});

test('documents stored without corpus states (an older database) get them when indexed, and count as earlier documents', async () => {
  const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'discern-incremental-')), 'w.db'));
  try {
    const [title, outlet, date, body] = EARLIER[0];
    const old = toDocument(extractPlainText(`${title}\n\n${body}\n`), { title, outlet, publishedAt: date, path: 'old.txt' });
    const analysed = analyzeDocument(old, resources);
    // stored as a database from before the corpus states: findings, no states
    await store.saveAnalysis({ doc: analysed.doc, origin: 'old.txt', produced: analysed.produced, failures: [], runId: null });
    assert.equal(await store.corpusState(PRODUCERS.facts, old.id), null);
    const fresh = await add(store, ...NEW[0]);
    const alerts = await computeAlerts([fresh], { store, resources, rules });
    assert.ok(docsOf(alerts, 'new-contradiction').some((a) => a.data?.label === 'bombing in Peshawar, 2023: killed' && a.documents.some((d) => d.id === old.id)), `the old document's facts are compared, got ${alerts.map((a) => a.type).join(', ')}`);
    assert.ok(((await store.corpusState(PRODUCERS.facts, old.id)) as unknown[] | null)?.length, 'its state was stored');
  } finally {
    await store.close();
  }
});
