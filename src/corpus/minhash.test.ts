import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DisjointSet,
  LshIndex,
  MinHasher,
  containment,
  jaccard,
  nearDuplicateClusters,
  shingleSet,
} from './minhash.js';

const words = (text: string): string[] => text.toLowerCase().split(/\s+/).filter(Boolean);

test('shingle sets are sorted, unique, and short texts become one shingle', () => {
  const set = shingleSet(words('a b c a b c'), 3);
  // shingles: "a b c", "b c a", "c a b", "a b c" → 3 unique
  assert.equal(set.length, 3);
  for (let i = 1; i < set.length; i++) assert.ok(set[i - 1] < set[i]);
  assert.equal(shingleSet(words('hello there'), 3).length, 1);
  assert.equal(shingleSet([], 3).length, 0);
  assert.deepEqual(shingleSet(words('x y z'), 3), shingleSet(words('x y z'), 3));
});

test('exact Jaccard and containment', () => {
  const a = shingleSet(words('the quick brown fox jumps over the lazy dog'), 2);
  const b = shingleSet(words('the quick brown fox jumps over the lazy cat'), 2);
  // 8 bigrams each, 7 shared → 7 / 9
  assert.equal(jaccard(a, b), 7 / 9);
  const c = shingleSet(words('quick brown fox jumps'), 2);
  assert.equal(containment(a, c), 1);
  assert.equal(jaccard(a, a), 1);
});

test('signatures are deterministic for a seed and estimate Jaccard', () => {
  const h1 = new MinHasher({ bands: 32, rows: 4, seed: 7 });
  const h2 = new MinHasher({ bands: 32, rows: 4, seed: 7 });
  const text = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen';
  const a = shingleSet(words(text), 2);
  const b = shingleSet(words(text.replace('seven', 'SEVEN')), 2);
  assert.deepEqual(h1.signature(a), h2.signature(a));
  const estimate = MinHasher.estimate(h1.signature(a), h1.signature(b));
  const exact = jaccard(a, b); // 11 / 15
  assert.ok(Math.abs(estimate - exact) < 0.2, `estimate ${estimate} vs exact ${exact}`);
  assert.throws(() => new MinHasher({ bands: 0 }), RangeError);
});

test('LSH finds near-duplicates and skips unrelated texts', () => {
  const texts = [
    'breaking the minister has resigned after the budget vote failed in parliament tonight',
    'breaking the minister has resigned after the budget vote failed in parliament today',
    'my cat knocked a glass of water onto the keyboard again this morning',
    'local bakery wins award for the best sourdough in the county this year',
    '',
  ];
  const sets = texts.map((t) => shingleSet(words(t), 3));
  const index = new LshIndex(new MinHasher(), 2); // grows past its capacity
  for (const s of sets) index.add(s);
  assert.equal(index.size, 5);
  const pairs = new Set<string>();
  index.forEachCandidate((a, b) => pairs.add(`${a}-${b}`));
  assert.ok(pairs.has('0-1'));
  assert.ok(!pairs.has('2-3'));
  assert.ok(![...pairs].some((p) => p.includes('4')));
});

test('near-duplicate clusters are verified exactly and joined transitively', () => {
  const base = 'please share this before they delete it the truth about the dam collapse';
  const texts = [
    base,
    base + ' now',
    'now ' + base,
    'completely different words about gardening tomatoes and summer rain showers',
    'please share this before they delete it',
  ];
  const sets = texts.map((t) => shingleSet(words(t), 3));
  const result = nearDuplicateClusters(sets.length, (i) => sets[i], { threshold: 0.7 });
  assert.deepEqual(result.clusters, [[0, 1, 2]]);
  // containment joins the shortened copy
  const withContainment = nearDuplicateClusters(sets.length, (i) => sets[i], {
    threshold: 0.7,
    containmentThreshold: 0.9,
    bands: 32,
    rows: 2,
  });
  assert.deepEqual(withContainment.clusters, [[0, 1, 2, 4]]);
});

test('a large bucket of identical items is linked in linear work', () => {
  const set = shingleSet(words('same text posted by everyone at once'), 3);
  const index = new LshIndex(new MinHasher({ bands: 4, rows: 2 }));
  for (let i = 0; i < 2000; i++) index.add(set);
  let visits = 0;
  const ds = new DisjointSet(2000);
  index.forEachCandidate((a, b) => {
    visits++;
    ds.union(a, b);
  }, 4);
  // per band: member i pairs with min(i, 4) heads → 4·2000 − 10 = 7990 visits
  assert.equal(visits, 4 * 7990);
  assert.equal(ds.groups(2).length, 1);
  assert.equal(ds.groups(2)[0].length, 2000);
});
