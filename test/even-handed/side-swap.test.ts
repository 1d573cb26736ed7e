/**
 * Side swap per model, on real-style text written for this test (no data set's or seed's
 * text): exchanging the two sides' names, in both directions, must not change any model's
 * score. The name list lives here, never in the product.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeDocument } from '../../src/pipeline/analyze.js';
import { claimsAnalyzer } from '../../src/analysers/claims.js';
import { loadClaimModel, scoreSentence } from '../../src/analysers/claims/model.js';
import { techniquesAnalyzer } from '../../src/analysers/techniques.js';
import { loadMachineTextModel, scoreText } from '../../src/analysers/comments/machine-text-model.js';
import { plainDocument, testResources } from '../support/context.js';
import { classifyStance, loadStanceModel } from '../../src/corpus/narratives/stance/model.js';

/** The two sides' names, both directions; every swap is its own inverse. */
function swapper(pairs: Array<[string, string]>): (text: string) => string {
  const map = new Map(pairs.flatMap(([a, b]) => [[a, b], [b, a]] as Array<[string, string]>));
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(${[...map.keys()].sort((a, b) => b.length - a.length).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  return (text) => text.replace(re, (m) => map.get(m) ?? m);
}

const PAIRS: Array<[string, string]> = [
  ['Pakistan', 'Afghanistan'],
  ['Pakistani', 'Afghan'],
  ['Pakistanis', 'Afghans'],
  ['Islamabad', 'Kabul'],
  ['ISI', 'GDI'],
];
const RE = new RegExp(`\\b(${PAIRS.flat().sort((a, b) => b.length - a.length).join('|')})\\b`, 'g');
const swap = swapper(PAIRS);

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

/**
 * Two more disputes, written for this test in wire style, with names the gazetteer gained after
 * the word vectors were distilled (capitals.json, demonyms.json: Belgrade, Pristina, Accra,
 * Lomé, Ghanaian, Togolese), which the claims model masks since claims 1.4.0.
 */
const OTHER_CONFLICTS: Array<{ name: string; pairs: Array<[string, string]>; article: string }> = [
  {
    name: 'Serbia–Kosovo',
    pairs: [['Serbia', 'Kosovo'], ['Serbian', 'Kosovar'], ['Serbs', 'Kosovars'], ['Belgrade', 'Pristina']],
    article: `Belgrade and Pristina trade charges over a blocked border crossing

Serbia said on Monday that Kosovar police had detained four Serbian truck drivers at the crossing and held them for 19 hours without charge.

Officials in Pristina accused Belgrade of paying protesters to block the road, a claim the Serbian foreign ministry called "a fabrication".

Kosovo's interior minister told parliament that 1,200 officers had been sent to the north since March, up from 300 last year.

"They want to destroy our state and they will fail," a Serbian official said at a rally, according to a video posted online.

Serbs living near the crossing say their pensions have not arrived for two months, while Kosovars in the area complain that the shops have run out of fuel.

The European Union urged both sides to return to talks, warning that trade between Serbia and Kosovo had fallen by 40 percent this year.
`,
  },
  {
    name: 'Ghana–Togo',
    pairs: [['Ghana', 'Togo'], ['Ghanaian', 'Togolese'], ['Accra', 'Lomé']],
    article: `Accra and Lomé dispute who fired first at a fishing village

Ghana said on Thursday that Togolese soldiers had crossed the lagoon at night and burned 30 fishing boats, leaving 200 families without income.

A spokesman in Lomé denied the report and accused Ghanaian smugglers of starting the fire to hide the evidence of their trade.

Togo has closed two border markets since the incident, and traders say the price of fish has doubled in Accra.

"Nobody will take our land," the Ghanaian defence minister told reporters, adding that troops would stay in the area until the end of the year.
`,
  },
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

for (const conflict of OTHER_CONFLICTS) {
  const swapOther = swapper(conflict.pairs);
  test(`side swap, ${conflict.name}: claims findings are identical in both directions`, async () => {
    const article = conflict.article;
    assert.notEqual(swapOther(article), article);
    assert.equal(swapOther(swapOther(article)), article);
    const original = await signature(article, claimsAnalyzer, (q) => q);
    assert.ok(original.filter((f) => f.startsWith('claim |')).length >= 3, `claims found: ${original.length}`);
    assert.deepEqual(await signature(swapOther(article), claimsAnalyzer, swapOther), original);
  });
}

test('side swap in lower case (comments and hashtags typed without capitals): claims findings are identical', async () => {
  // claims 1.6.0 masks the gazetteer's one-word names whatever their case
  const lowerSwap = swapper(PAIRS.map(([a, b]) => [a.toLowerCase(), b.toLowerCase()]));
  const article = ARTICLE.toLowerCase();
  assert.notEqual(lowerSwap(article), article);
  const original = await signature(article, claimsAnalyzer, (q) => q);
  assert.ok(original.filter((f) => f.startsWith('claim |')).length >= 3, `claims found: ${original.length}`);
  assert.deepEqual(await signature(lowerSwap(article), claimsAnalyzer, lowerSwap), original);
  const model = loadClaimModel();
  for (const comment of COMMENTS) {
    const lowered = comment.toLowerCase();
    assert.equal(scoreSentence(lowerSwap(lowered), model), scoreSentence(lowered, model), lowered);
  }
});

test('side swap: check-worthiness of each sentence alone is identical, to the last bit', () => {
  const model = loadClaimModel();
  const sentences = [ARTICLE, ...OTHER_CONFLICTS.map((c) => c.article)].flatMap((a) => a.split('\n').filter((l) => l.length > 20));
  const swaps = [swap, ...OTHER_CONFLICTS.map((c) => swapper(c.pairs))];
  let changed = 0;
  for (const sentence of sentences) {
    for (const s of swaps) {
      if (s(sentence) === sentence) continue;
      changed++;
      assert.equal(scoreSentence(s(sentence), model), scoreSentence(sentence, model), sentence);
    }
  }
  assert.ok(changed >= 20, `sentences with a name swapped: ${changed}`);
});

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
