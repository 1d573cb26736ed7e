/**
 * Side swap per model, on real-style text written for this test (no data set's or seed's
 * text): exchanging the two sides' names, in both directions, must not change any model's
 * score. The name list lives here, never in the product.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeDocument } from '../../src/pipeline/analyze.js';
import { claimsAnalyzer } from '../../src/analysers/claims.js';
import { techniquesAnalyzer } from '../../src/analysers/techniques.js';
import { loadMachineTextModel, scoreText } from '../../src/analysers/comments/machine-text-model.js';
import { plainDocument, testResources } from '../support/context.js';
import { classifyStance, loadStanceModel } from '../../src/corpus/narratives/stance/model.js';

const PAIRS: Array<[string, string]> = [
  ['Pakistan', 'Afghanistan'],
  ['Pakistani', 'Afghan'],
  ['Pakistanis', 'Afghans'],
  ['Islamabad', 'Kabul'],
  ['ISI', 'GDI'],
];
const MAP = new Map(PAIRS.flatMap(([a, b]) => [[a, b], [b, a]] as Array<[string, string]>));
const RE = new RegExp(`\\b(${[...MAP.keys()].sort((a, b) => b.length - a.length).join('|')})\\b`, 'g');
const swap = (text: string): string => text.replace(RE, (m) => MAP.get(m) ?? m);

const ARTICLE = `Border clashes: Islamabad and Kabul trade blame after night of shelling

By a staff correspondent

Pakistan said on Tuesday that Afghan forces had fired mortar rounds at three of its border posts, wounding 14 soldiers and killing two civilians.

Officials in Kabul accused the ISI of sheltering militant commanders in safe houses near the frontier, a charge Islamabad called "baseless propaganda".

"These cowardly terrorists and their masters will pay a heavy price," a Pakistani military spokesman told reporters, adding that the army had "every right" to respond.

Afghanistan closed the main crossing for the second time this month, stranding about 2,000 trucks and sending food prices up by 30 percent in border markets.

According to a GDI statement, the attackers were trained in camps on Pakistani soil and crossed at night with the help of smugglers.

Afghan refugees in Pakistan say police have raided their homes every night since the deadline passed, and aid groups warn that thousands could be deported by the end of the year.

Either Kabul stops the infiltration, or it will face the consequences, the Pakistani foreign minister said, while Afghan officials insisted they were the victims of a smear campaign.

Analysts in Islamabad and Kabul agree on one thing: without talks, the violence will only grow.
`;

const COMMENTS = [
  'Pakistan has always been honest about the border, the Afghans never keep their word.',
  'Another lie from the ISI. Everyone knows who trains these fighters!!!',
  'I live in Kabul and the prices really did go up last week, my family is struggling.',
];

/** Every finding of one analyser as label, score and quote (mapped back through the swap), sorted. */
async function signature(text: string, analyzer: typeof claimsAnalyzer, mapBack: (q: string) => string): Promise<string[]> {
  const doc = plainDocument(text, 'side-swap.txt');
  const { findings } = analyzeDocument(doc, await testResources(), [analyzer]);
  return findings.map((f) => `${f.kind} | ${f.label} | ${f.score} | ${mapBack(text.slice(f.start, f.end))}`).sort();
}

test('the swap is its own inverse and changes the text', () => {
  assert.notEqual(swap(ARTICLE), ARTICLE);
  assert.equal(swap(swap(ARTICLE)), ARTICLE);
  assert.ok((ARTICLE.match(RE) ?? []).length >= 15);
});

for (const [name, analyzer] of [['claims (check-worthiness, claim type, attributions)', claimsAnalyzer], ['techniques', techniquesAnalyzer]] as const) {
  test(`side swap: ${name} findings are identical in both directions`, async () => {
    const original = await signature(ARTICLE, analyzer, (q) => q);
    assert.ok(original.length > 3, `${name} finds something: ${original.length}`);
    assert.deepEqual(await signature(swap(ARTICLE), analyzer, swap), original, 'original → swapped');
    assert.deepEqual(await signature(swap(swap(ARTICLE)), analyzer, (q) => q), original, 'swapped back');
  });
}

test('side swap: machine-written probabilities of comments are identical', () => {
  const model = loadMachineTextModel();
  assert.ok(model, 'the machine-text model is committed');
  for (const comment of COMMENTS) {
    assert.equal(scoreText(model, swap(comment)).probability, scoreText(model, comment).probability, comment);
  }
});

test('side swap: stance of a text towards a claim is identical (label and probability)', () => {
  const model = loadStanceModel();
  assert.ok(model.idf.names && model.idf.names.has('pakistan') && model.idf.names.has('afghan'), 'the stance model masks the gazetteer names');
  const claims = [
    'Afghan forces fired mortar rounds at Pakistani border posts',
    'The ISI shelters militant commanders near the frontier',
    'Pakistan will deport thousands of Afghan refugees by the end of the year',
  ];
  for (const claim of claims) {
    const original = classifyStance(claim, ARTICLE, model);
    const swapped = classifyStance(swap(claim), swap(ARTICLE), model);
    assert.deepEqual(swapped, original, claim);
  }
});
