import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Document } from '../core/types.js';
import { articleDocument, type ArticleFixture } from '../../test/fixtures/coordination/reuse/build-article.js';
import { findReuse, prepareReuse, reuseAnalyzer, reuseBetween, reuseState } from './reuse.js';
import { analyzeCorpus } from '../pipeline/analyze.js';
import type { Resources } from '../nlp/resources.js';
import { mostlyQuoted, quotedSpans } from './reuse-quotes.js';
import { tokenize } from '../nlp/tokens.js';

/**
 * Issue 14, classes 5 and 6 on real pages: outlets quoting the same public statement are not
 * copies of one another; a copy with quotations inside, and a rewrite that keeps a quotation,
 * still are. Fixtures written for this test (an invented dispute between Norland and
 * Southmark); the quotation marks vary by outlet as they do in real pages.
 */

const QUOTE_1 = 'Our investigators have found credible evidence that agents of the Southmark government were involved in the sabotage of the Kessel pipeline';
const QUOTE_2 = 'We will not allow any foreign power to threaten the security of the energy supply of our citizens';

const ledger: ArticleFixture = {
  title: 'Norland blames Southmark agents for pipeline blast',
  outlet: 'The Harbour Ledger',
  publishedAt: '2031-03-04T08:00:00Z',
  body: [
    'The government of Norland on Tuesday accused its southern neighbour of a role in the explosion that shut the Kessel pipeline last month.',
    `“${QUOTE_1},” Interior Minister Lena Vasquez told parliament in a statement that drew loud applause from the benches.`,
    `“${QUOTE_2},” she added.`,
    'The pipeline carries about a third of the gas burned in the country, and repairs are expected to take at least six more weeks.',
    'Opposition leaders called for a full inquiry, while several deputies asked whether the evidence would be shared with allies.',
  ],
};

const courier: ArticleFixture = {
  title: 'Southmark rejects sabotage charge as tensions rise',
  outlet: 'Southmark Courier',
  publishedAt: '2031-03-04T15:00:00Z',
  body: [
    'Officials in the capital dismissed the accusation within hours and said no evidence had been presented to them through diplomatic channels.',
    `Speaking to lawmakers, Vasquez said: "${QUOTE_1}."`,
    `"${QUOTE_2}," the minister went on.`,
    'Traders said gas prices in the region rose sharply after the speech, reversing the fall of the previous week.',
    'A spokesman for the foreign ministry called the remarks an attempt to distract voters from rising prices before the autumn vote.',
  ],
};

/** The Ledger's story republished with a new headline and a trimmed ending: a copy, quotations and all. */
const republished: ArticleFixture = {
  title: 'Pipeline blast: Norland points at its neighbour',
  outlet: 'Regional Digest',
  publishedAt: '2031-03-04T11:00:00Z',
  body: ledger.body.slice(0, 4).map((p) => p.replace('on Tuesday', 'this week')),
};

const docsOf = (fixtures: Array<[string, ArticleFixture]>): Document[] => fixtures.map(([id, f]) => articleDocument(f, id));
const links = (docs: Document[]): string[] => findReuse(docs.map((doc) => ({ doc, findings: [] }))).map((f) => `${f.label} ${(f.data as { documents: string[] }).documents.join(' ~ ')}`);

test('quotations: statements between paired marks, not scare-quoted terms; a paragraph break ends one', () => {
  const text = 'He called it “interference” and said: «Nous ne céderons jamais à ces menaces» before „wir werden das nicht hinnehmen“ and "this is plainly false, all of it".\n\n“An open quotation';
  const spans = quotedSpans(text).map((s) => text.slice(s.start, s.end));
  assert.deepEqual(spans, ['«Nous ne céderons jamais à ces menaces»', '„wir werden das nicht hinnehmen“', '"this is plainly false, all of it"']);
  const sentence = `“${QUOTE_2},” she added.`;
  assert.equal(mostlyQuoted(tokenize(sentence), quotedSpans(sentence)), true);
  const reported = `The minister, speaking after a long cabinet meeting in the capital on the crisis, said “we will not yield”.`;
  assert.equal(mostlyQuoted(tokenize(reported), quotedSpans(reported)), false);
});

test('two outlets quoting the same statement of a minister, with their own reporting around it, are not linked', () => {
  assert.deepEqual(links(docsOf([['ledger', ledger], ['courier', courier]])), []);
  // the control: the same sentences without quotation marks are the outlets' own words, a copy
  const unquoted = (f: ArticleFixture): ArticleFixture => ({ ...f, body: f.body.map((p) => p.replace(/[“”"]/gu, '')) });
  assert.deepEqual(links(docsOf([['ledger', unquoted(ledger)], ['courier', unquoted(courier)]])), ['copy ledger ~ courier']);
});

test('a copy with quotations inside is still a copy, and its quoted sentences are shown with it', () => {
  const docs = docsOf([['ledger', ledger], ['courier', courier], ['republished', republished]]);
  const found = findReuse(docs.map((doc) => ({ doc, findings: [] })));
  assert.deepEqual(found.map((f) => `${f.label} ${(f.data as { documents: string[] }).documents.join(' ~ ')}`), ['copy ledger ~ republished']);
  const quotes = found[0].members.filter((m) => m.doc === 'republished').map((m) => m.quote ?? '');
  assert.ok(quotes.some((q) => q.includes(QUOTE_1)), 'the quoted sentences belong to the copied passage');
});

test('the watch path (stored states) judges quotations as the corpus step does', () => {
  const [a, b, c] = docsOf([['ledger', ledger], ['courier', courier], ['republished', republished]]).map((d) => prepareReuse({ id: d.id, title: null, outlet: null, path: null, url: null, publishedAt: d.source.publishedAt ?? null }, reuseState(d, []), d.text));
  assert.equal(reuseBetween(a, b), null);
  assert.equal(reuseBetween(a, c)?.label, 'copy');
});

test('the corpus step over stored states keeps the quotations apart too', async () => {
  const docs = docsOf([['ledger', ledger], ['courier', courier], ['republished', republished]]);
  assert.deepEqual(reuseState(docs[0], []).quoted, [2, 3], 'the two quoted sentences of the body (the title is sentence 0)');
  const { findings } = await analyzeCorpus(docs.map((doc) => ({ doc, findings: [] })), {} as unknown as Resources, [reuseAnalyzer]);
  assert.deepEqual(findings.map((f) => `${f.label} ${(f.data as { documents: string[] }).documents.join(' ~ ')}`), ['copy ledger ~ republished']);
});

test('lines of names only (photo credits, headlines in title case) are no copy evidence', () => {
  const one: ArticleFixture = {
    title: 'Norland Rejects Allegations By Southmark Over Kessel Pipeline Blast',
    outlet: 'Ledger',
    publishedAt: null,
    body: ['Norland Rejects Allegations By Southmark Over Kessel Pipeline Blast', 'The foreign ministry said on Wednesday that the claims were baseless and that it had offered to help the inquiry.', '(Jonas Brandt/Harbour Wire via AP)'],
  };
  const two: ArticleFixture = {
    title: 'Coastguard Ship Enters Disputed Waters Near Vell Islands',
    outlet: 'Island Post',
    publishedAt: null,
    body: ['(Mara Lindqvist/Island Post via AP)', 'Fishing crews reported seeing the vessel at dawn, about four nautical miles from the main harbour of the islands.', '(Tomas Ekberg/Island Post via AP)'],
  };
  assert.deepEqual(links(docsOf([['one', one], ['two', two]])), []);
});

test('a paraphrase with the same facts in the same order, keeping the quotation, is still a rewrite', () => {
  const original: ArticleFixture = {
    title: 'Fact check: the Kessel pipeline figures',
    outlet: 'Checkpoint Norland',
    publishedAt: '2031-03-06T09:00:00Z',
    body: [
      'Posts shared 40,000 times claim that the Kessel pipeline lost 7,200 cubic metres of gas in the blast near Orvik.',
      'The operator Baltgas puts the loss at 2,150 cubic metres, according to its filing with the regulator in Tessaly.',
      'Engineer Piet Halvorsen, who inspected the site, found a breach of 14 centimetres on the eastern section.',
      `Lena Vasquez told parliament: “${QUOTE_1}.”`,
      'The regulator in Tessaly has opened an inquiry and expects to publish its findings within 90 days.',
      'Claims that 300 homes lost heating in Orvik are false: Baltgas reported 38 households cut off for two days.',
    ],
  };
  const rewritten: ArticleFixture = {
    title: 'Viral pipeline numbers do not add up',
    outlet: 'Southmark Daily',
    publishedAt: '2031-03-07T12:00:00Z',
    body: [
      'A claim circulating online, reposted some 40,000 times, says 7,200 cubic metres escaped from the Kessel line at Orvik.',
      'In its report to the authority in Tessaly, Baltgas gives a much lower figure of 2,150 cubic metres.',
      'After visiting the damaged pipe, Piet Halvorsen measured a gap of 14 centimetres along its eastern part.',
      `In parliament, Vasquez had said "${QUOTE_1}".`,
      'Tessaly officials are investigating, with conclusions due in 90 days.',
      'Only 38 households in Orvik went without heating, for two days, not 300 homes as the posts say, Baltgas said.',
    ],
  };
  assert.deepEqual(links(docsOf([['original', original], ['rewritten', rewritten]])), ['rewrite original ~ rewritten']);
});

test('reports sharing only dates in the same order are not rewrites of one another', () => {
  const days = [3, 5, 9, 12, 20];
  const council: ArticleFixture = {
    title: 'A month at the council',
    outlet: 'Brenfield Gazette',
    publishedAt: null,
    body: days.map((d, i) => `On June ${d}, 2031, the council ${['voted on the budget', 'closed the old library', 'hired two new teachers', 'approved a cycle lane', 'debated the harbour fees'][i]}.`),
  };
  const river: ArticleFixture = {
    title: 'A month of weather',
    outlet: 'Valley Times',
    publishedAt: null,
    body: days.map((d, i) => `On June ${d}, 2031, ${['the river flooded the lower town', 'a storm felled trees on the ridge', 'hail damaged the orchards', 'the heat broke records', 'fog closed the mountain road'][i]}.`),
  };
  assert.deepEqual(links(docsOf([['council', council], ['river', river]])), []);
});
