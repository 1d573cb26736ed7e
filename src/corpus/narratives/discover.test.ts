import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentWith, plainDocument, testResources } from '../../../test/support/context.js';
import type { Finding } from '../../core/types.js';
import type { AnalysedDocument } from '../../analysers/analyzer.js';
import { accusationsAnalyzer } from '../../analysers/accusations.js';
import { loadNarrativeLexicons } from '../../analysers/accusations/lexicon.js';
import { entitiesAnalyzer } from '../../analysers/entities.js';
import { analyzeDocument } from '../../pipeline/analyze.js';
import { discoverFrames, frameCandidates } from './discover.js';
import { narrativeFindings } from './frames.js';

async function corpus(texts: Array<[string, string]>): Promise<AnalysedDocument[]> {
  const resources = await testResources();
  return texts.map(([name, text]) => {
    const a = analyzeDocument(plainDocument(text, name), resources, [entitiesAnalyzer, accusationsAnalyzer]);
    return { doc: a.doc, findings: a.findings };
  });
}

// one frame ("the allegations are timed to the other side's election") said by both sides of two conflicts
const TEXTS: Array<[string, string]> = [
  ['a.txt', 'The allegations against Kenya are timed to coincide with the election campaign in Somalia. Rain fell over the coast.'],
  ['b.txt', 'Officials noted that the allegations against Somalia were timed to coincide with the coming election campaign in Kenya.'],
  ['c.txt', 'These allegations against Iran are clearly timed to coincide with an election campaign in Saudi Arabia. Markets were calm.'],
  ['d.txt', 'The allegations about the dam in Ethiopia concern water rights and the flow of the river. Farmers worry about the harvest.'],
];

test('discovery: one frame across sides and conflicts, names masked to roles; an unrelated allegation stays out', async () => {
  const docs = await corpus(TEXTS);
  const frames = (await discoverFrames(docs, loadNarrativeLexicons()));
  assert.equal(frames.length, 1);
  const f = frames[0];
  const path = (id: string): string => docs.find((d) => d.doc.id === id)?.doc.source.path ?? '';
  assert.deepEqual(f.documents.map(path).sort(), ['a.txt', 'b.txt', 'c.txt']);
  for (const w of ['timed', 'coincide', 'election', 'campaign']) assert.ok(f.keywords.includes(w), w);
  assert.doesNotMatch(f.label, /Kenya|Somalia|Iran|Saudi/u);
  assert.match(f.label, /\[(?:accused|accuser|party)\]/u);
  for (const m of f.members) assert.equal(docs.find((d) => d.doc.id === m.doc)?.doc.text.slice(m.start, m.end), m.quote);
});

test('discovery: a single document repeating itself is no narrative', async () => {
  const docs = await corpus([['a.txt', TEXTS[0][1] + ' ' + TEXTS[0][1].replace('Kenya', 'Uganda')], ['d.txt', TEXTS[3][1]]]);
  assert.deepEqual((await discoverFrames(docs, loadNarrativeLexicons())), []);
});

test('narratives: a discovered frame is reported with its camps; lexicon frames keep their label', async () => {
  const docs = await corpus([...TEXTS, ['e.txt', 'The campaign is a diversion from failures at home.'], ['f.txt', 'The accusation serves to deflect attention from abuses.']]);
  const found = await narrativeFindings(docs, loadNarrativeLexicons());
  const discovered = found.filter((f) => (f.data as { source: string }).source === 'discovered');
  assert.equal(discovered.length, 1);
  assert.equal((discovered[0].data as { documents: string[] }).documents.length, 3);
  const diversion = found.find((f) => (f.data as { frame: string }).frame === 'diversion');
  assert.equal(diversion?.label, "the accusations are a diversion from the accuser's own failures");
});

test('discovery: one press release quoted by three outlets is reuse, not a recurring narrative', async () => {
  const release = '“The allegations against Kenya are timed to coincide with the election campaign in Somalia,” the ministry said in a statement.';
  const docs = await corpus([
    ['a.txt', `${release} Rain fell over the coast.`],
    ['b.txt', `Markets were calm. ${release}`],
    ['c.txt', `${release.replace('the ministry said', 'the ministry said on Monday')} Farmers worry about the harvest.`],
  ]);
  assert.deepEqual((await discoverFrames(docs, loadNarrativeLexicons())), []);
  // the same frame in the words of independent outlets still is one
  assert.equal((await discoverFrames(await corpus(TEXTS), loadNarrativeLexicons())).length, 1);
});

test('frame candidates of one long document: every sentence against every finding would not finish', { timeout: 30_000 }, () => {
  // 60,000 sentences that are no candidates, then one that is, holding 400,000 claim findings
  // (duplicates, as a hostile input may produce). A scan of the finding list per sentence (as
  // before) makes 2.4e10 comparisons here — minutes; the span index answers each sentence in log time.
  const sentence = 'Rain fell here. ';
  const tail = 'Officials said the allegations against the river commission were timed to coincide with the election campaign.';
  const text = sentence.repeat(60_000) + tail;
  const doc = documentWith(text, [{ kind: 'body', start: 0, end: text.length }]);
  const start = text.length - tail.length;
  const claim: Finding = { id: 'c', analyzer: 'claims@test', kind: 'claim', label: 'other', start, end: text.length, score: 0.9, explanation: 'test', quote: tail };
  const findings = Array.from({ length: 400_000 }, (_, i) => ({ ...claim, id: `c${i}` }));
  const found = frameCandidates({ doc, findings }, loadNarrativeLexicons());
  assert.deepEqual(found.map((c) => [c.start, c.end]), [[start, text.length]]);
});
