import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '../../core/random.js';
import { FEATURES, FactCheckMatcher, loadMatchModel, names } from './match.js';
import { byScoreThenText, competitionRanks, topTied } from './ranking.js';

test('a cut at k keeps the whole tie it falls in, and nothing scored 0', () => {
  const scores = [0.2, 0.9, 0.5, 0.5, 0.5, 0, 0.1];
  assert.deepEqual(topTied(scores, 2), [1, 2, 3, 4]);
  assert.deepEqual(topTied(scores, 1), [1]);
  assert.deepEqual(topTied(scores, 5), [1, 2, 3, 4, 0]);
  assert.deepEqual(topTied(scores, 10), [1, 2, 3, 4, 0, 6]);
  assert.deepEqual(topTied(scores, 0), []);
  assert.deepEqual(topTied([0, 0], 3), []);
});

test('equal scores share one rank (competition ranking), whatever the pool order', () => {
  const scores = [0.3, 0.9, 0.5, 0.5, 0.1];
  const expected = new Map([[1, 1], [2, 2], [3, 2], [0, 4], [4, 5]]);
  for (const pool of [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [3, 0, 4, 1, 2]]) {
    const ranks = competitionRanks(scores, pool);
    for (const [index, rank] of expected) assert.equal(ranks.get(index), rank, `${index} in ${pool.join(',')}`);
  }
});

test('equal scores are ordered by the texts, not by position; identical texts by index', () => {
  const texts = ['b', 'a', 'c', 'a'];
  const order = [{ index: 0, score: 1 }, { index: 2, score: 2 }, { index: 3, score: 1 }, { index: 1, score: 1 }].sort(byScoreThenText(texts)).map((c) => c.index);
  assert.deepEqual(order, [2, 1, 3, 0]);
});

test('a closing quote mark is no part of a name', () => {
  assert.deepEqual([...names("Agents called the plane 'Broomstick One' again")], ['one']);
  assert.deepEqual([...names('Agents called the plane "Broomstick One" again')], ['one']);
  assert.deepEqual([...names("We met O'Neill's team")], ["o'neill's"]);
});

// A collection with twins (the same claim but for its quote marks, as CheckThat! 2020's file has
// 179 groups of) and near misses, with a recorded appearance on one of them.
const COLLECTION = [
  'Officials said "the border crossing" at the mountain pass would be closed for a month.',
  "Officials said 'the border crossing' at the mountain pass would be closed for a month.",
  'The mountain pass border crossing reopened after a week of snow.',
  'The vaccine contains microchips that let governments track people.',
  'A photograph shows a shark swimming on a flooded motorway after the storm.',
  'Border guards at the northern crossing were given a month of leave.',
  "The 'Mountain Pass' festival was closed for a month after the flood.",
  'The "Mountain Pass" festival was closed for a month after the flood.',
];
const APPEARANCES = [[], [], [], [], ['Shark on the motorway after the storm!!'], [], [], []];
const QUERIES = [
  'The mountain pass border crossing will be closed for a month, officials say.',
  'Look: a shark swimming on the motorway after the storm',
  'Mountain Pass festival closed for a month',
];

function shuffled(seed: number): number[] {
  const random = seededRandom(seed);
  const order = COLLECTION.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

test('the ranking, the scores and the features do not depend on the order of the collection', () => {
  // a pool of 2 cuts inside the twins' tie: both must be kept, in every order
  for (const model of [loadMatchModel(), { ...loadMatchModel(), candidates: 2 }]) {
    const run = (order: number[]) => {
      const matcher = new FactCheckMatcher(order.map((i) => COLLECTION[i]), model, order.map((i) => APPEARANCES[i]));
      return QUERIES.map((q) => ({
        matches: matcher.match(q, Infinity, 0).map((c) => ({ text: matcher.texts[c.index], score: c.score, shared: c.shared, appearance: c.appearance })),
        features: new Map(matcher.candidateFeatures(q).map((c) => [matcher.texts[c.index], c.x])),
      }));
    };
    const reference = run(COLLECTION.map((_, i) => i));
    for (const seed of [1, 2, 3, 4, 5]) {
      const other = run(shuffled(seed));
      other.forEach((r, q) => {
        assert.deepEqual(r.matches, reference[q].matches, `query ${q}, seed ${seed}`);
        assert.deepEqual(r.features, reference[q].features, `query ${q}, seed ${seed}`);
      });
    }
    // twins are true ties: the same features (ranks included) and the same score
    const [first] = reference;
    assert.deepEqual(first.features.get(COLLECTION[0]), first.features.get(COLLECTION[1]));
    const twins = first.matches.filter((m) => m.text === COLLECTION[0] || m.text === COLLECTION[1]);
    assert.equal(twins.length, 2);
    assert.equal(twins[0].score, twins[1].score);
    const rank = FEATURES.indexOf('char-rank');
    assert.equal(first.features.get(COLLECTION[0])![rank], first.features.get(COLLECTION[1])![rank]);
  }
});

test('the baseline keeps a tie at its cut and orders it by text', () => {
  const matcher = new FactCheckMatcher(COLLECTION);
  const reversed = new FactCheckMatcher([...COLLECTION].reverse());
  const a = matcher.baseline(QUERIES[0], 1).map((c) => [matcher.texts[c.index], c.score]);
  const b = reversed.baseline(QUERIES[0], 1).map((c) => [reversed.texts[c.index], c.score]);
  assert.deepEqual(a, b);
  assert.equal(a.length, 2, 'both twins');
});
