import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiscernError } from '../../core/errors.js';
import { FEATURES, FactCheckMatcher, checkMatchModel, contentWords, loadMatchModel, matchText, matcherFor, postBody, standingWeight } from './match.js';

// A user's own small collection: five fact-checks on unrelated subjects.
const CHECKS = [
  'A photograph shows a shark swimming on a flooded motorway after the storm.',
  'The vaccine contains microchips that let governments track people.',
  'The minister said the mountain border crossing would be closed for a month.',
  'Ten thousand soldiers were deployed to the northern province in spring 2021.',
  'The armed group was founded in 2015 in the eastern hills of Veldoria.',
];

test('a small collection reports no match for claims on other subjects', () => {
  const matcher = new FactCheckMatcher(CHECKS);
  for (const claim of ['Prices of bread rose by 20 percent in the capital.', 'The football final was postponed because of heavy rain.', 'Teachers went on strike over unpaid salaries.']) {
    assert.deepEqual(matcher.match(claim, 3), [], claim);
  }
});

test('a restated fact-checked claim is matched, and the match names the words it rests on', () => {
  const matcher = new FactCheckMatcher(CHECKS);
  const [best] = matcher.match('Experts warn the vaccine has microchips so governments can track people.', 3);
  assert.equal(best?.index, 1);
  assert.ok(best.score >= loadMatchModel().threshold);
  assert.ok(best.shared.includes('microchips') && best.shared.includes('track'), best.shared.join(' '));
  const [founded] = matcher.match('Officials say the group was founded in Veldoria in 2015.', 3);
  assert.equal(founded?.index, 4);
});

test('a pair that shares no content word is never reported, however close its characters', () => {
  const matcher = new FactCheckMatcher(['The ministry said it would publish the report.']);
  // only function words and character n-grams ("said", "the", "publish…") in common
  const matches = matcher.match('They said the published ones were it.', 3, 0.01);
  assert.deepEqual(matches, []);
  // ranking every candidate (minimum 0) still lists it, for evaluation
  assert.equal(matcher.match('They said the published ones were it.', 3, 0).length, 1);
});

test('content words leave out function words and words every fact-check uses', () => {
  assert.deepEqual([...contentWords('The photo shows that the army said it moved 40 tanks.')], ['army', 'moved', 'tanks']);
});

test("a candidate's standing counts less in a small collection", () => {
  assert.equal(standingWeight(0), 0);
  assert.ok(standingWeight(10) < standingWeight(100) && standingWeight(100) < standingWeight(1000));
  assert.equal(standingWeight(50_000), 1);
});

test('a model file trained on other features is refused with a message naming it', () => {
  const model = loadMatchModel();
  assert.equal(checkMatchModel(model, 'x'), model);
  assert.throws(
    () => checkMatchModel({ ...model, features: FEATURES.slice(0, -1), weights: model.weights.slice(0, -1) }, 'models/old.json'),
    (error: unknown) => error instanceof DiscernError && error.code === 'INPUT_MALFORMED' && /train:factcheck-match/.test(error.message),
  );
});

test('a text worded like a recorded appearance of the claim is matched through it, and says so', () => {
  const checks = [...CHECKS, 'The dam operator released water at night without warning the villages downstream.'];
  const text = 'Floodgates opened at midnight while the hamlets slept: nobody sounded a siren.';
  const plain = new FactCheckMatcher(checks);
  const withAppearances = new FactCheckMatcher(checks, undefined, [[], [], [], [], [], ['BREAKING: floodgates opened at midnight, no siren sounded for the hamlets!!']]);
  const [best] = withAppearances.match(text, 3);
  assert.equal(best?.index, 5);
  assert.equal(best.appearance, 'BREAKING: floodgates opened at midnight, no siren sounded for the hamlets!!');
  assert.ok(best.shared.includes('floodgates') && best.shared.includes('midnight'), best.shared.join(' '));
  const before = plain.match(text, 3, 0).find((c) => c.index === 5)?.score ?? 0;
  assert.ok(best.score > before, `${best.score} > ${before}`);
  assert.ok(plain.match(text, 3).every((c) => c.index !== 5), 'without the appearance the fact-checker\'s own wording is too far');
});

test('the matched text is the claim and the review headline; stored fact-checks bring their appearances', () => {
  assert.equal(matchText({ claimReviewed: 'X was closed.', headline: 'Was X closed?' }), 'X was closed. Was X closed?');
  assert.equal(matchText({ claimReviewed: 'X was closed.', headline: null }), 'X was closed.');
  const m = matcherFor([{ id: 'a', claimReviewed: CHECKS[0], headline: null, rating: null, ratingValue: null, bestRating: null, worstRating: null, url: null, publisher: null, datePublished: null, itemReviewed: { appearance: { text: 'Shark on the motorway!!' } }, origin: 'o', importedAt: 'now' }]);
  assert.equal(m.match('Look, a shark on the motorway', 1, 0)[0]?.appearance, 'Shark on the motorway!!');
});

test("a copied post's trailers (— name (@handle) date) are cut from its body, and nothing else", () => {
  assert.equal(postBody('Floods closed the pass again. — Ana Reyes (@anareyes) March 3, 2021'), 'Floods closed the pass again.');
  // a post quoting another carries two trailers
  assert.equal(
    postBody('So they admit it. https://t.co/x — Tom Vale (@tomvale) July 2, 2019 Will you delete this? — Kim Oro (@kim_oro) July 3, 2019'),
    'So they admit it. https://t.co/x   Will you delete this?',
  );
  for (const plain of ['The minister — a former general — resigned on May 4, 2020.', 'Write to @desk about it — June 1, 2020', 'No trailer here.']) assert.equal(postBody(plain), plain);
});

test("a post whose account shares a name with another fact-check's subject is matched on its body", () => {
  const checks = [...CHECKS, 'Marlow Penn said his book was pulled from the shelves of every Penn bookstore.'];
  const post = 'Experts warn the vaccine has microchips so governments can track people. — Marlow Penn (@marlowpenn) May 3, 2021';
  const matcher = new FactCheckMatcher(checks);
  const features = new Map(matcher.candidateFeatures(post).map((c) => [c.index, c.x]));
  const at = (name: (typeof FEATURES)[number]) => FEATURES.indexOf(name);
  // the namesake's fact-check is close to the whole post through the trailer only
  const namesake = features.get(5)!;
  assert.ok(namesake[at('body-char-cosine')] < namesake[at('char-cosine')] / 2, `${namesake[at('body-char-cosine')]} vs ${namesake[at('char-cosine')]}`);
  const vaccine = features.get(1)!;
  assert.ok(vaccine[at('body-char-cosine')] > vaccine[at('char-cosine')]);
  const [best] = matcher.match(post, 3);
  assert.equal(best?.index, 1);
});
