import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDictionaryLoader, DictionaryPacker, dictionaryHash, forgetDictionaries, MissingDictionaryError, namedDictionary, SAMPLES, unknownDictionaries, unpackBytes } from './pack-dictionaries.js';

/** Templated values, as analysers write them: the same keys and explanations, different spans. */
const value = (i: number) => Array.from({ length: 12 }, (_, j) => [0, 'technique', 'Loaded_Language', i * 100 + j, i * 100 + j + 7, 0.5, `a loaded phrase: emotionally charged wording (cue ${j % 3})`, { cues: ['charged'], source: 'model' }]);
const json = (v: unknown) => JSON.parse(unpackBytes(v as Buffer).toString('utf8')) as unknown;

test('the first values of a purpose are sampled, then packed with the dictionary they make, smaller and read back the same', () => {
  const packer = new DictionaryPacker();
  const early = Array.from({ length: SAMPLES }, (_, i) => packer.pack('findings techniques@1', value(i)));
  for (const [i, packed] of early.entries()) {
    assert.equal(packed[0], 0x00, 'plain deflate while sampling');
    assert.deepEqual(json(packed), value(i));
  }
  const [pending] = packer.pending();
  assert.equal(pending.purpose, 'findings techniques@1');
  assert.equal(pending.hash, dictionaryHash(pending.bytes));
  // not stored yet: values stay plain, so none names a dictionary that might never be stored
  assert.equal(packer.pack('findings techniques@1', value(50))[0], 0x00);
  packer.adopt(pending);
  assert.deepEqual(packer.pending(), []);
  const later = packer.pack('findings techniques@1', value(60));
  assert.equal(later[0], 0x01);
  assert.equal(namedDictionary(later), pending.hash);
  assert.ok(later.length * 2 < packer.pack('another purpose', value(60)).length, `${later.length} bytes with the dictionary`);
  assert.deepEqual(json(later), value(60));
});

test('a value naming a dictionary this process has not seen is read through a loader, or fails saying which', () => {
  const writer = new DictionaryPacker();
  for (let i = 0; i < SAMPLES; i++) writer.pack('state narratives@1', value(i));
  const [dictionary] = writer.pending();
  writer.adopt(dictionary);
  const packed = writer.pack('state narratives@1', value(9));
  forgetDictionaries();
  assert.deepEqual(unknownDictionaries([{ state: packed, other: 'text', n: 1 }]), [dictionary.hash]);
  assert.throws(() => unpackBytes(packed), (e: unknown) => e instanceof MissingDictionaryError && e.hash === dictionary.hash);
  // a loader that answers with other bytes is not believed
  const wrong = addDictionaryLoader(() => Buffer.from('not it'));
  assert.throws(() => unpackBytes(packed), MissingDictionaryError);
  wrong();
  const remove = addDictionaryLoader((hash) => (hash === dictionary.hash ? dictionary.bytes : null));
  assert.deepEqual(json(packed), value(9));
  remove();
  assert.deepEqual(unknownDictionaries([{ state: packed }]), [], 'registered once read');
});

test('a packer adopts the dictionary its store already has for a purpose instead of sampling', () => {
  const first = new DictionaryPacker();
  for (let i = 0; i < SAMPLES; i++) first.pack('p', value(i));
  const [stored] = first.pending();
  let lookups = 0;
  const second = new DictionaryPacker((purpose) => {
    lookups++;
    return purpose === 'p' ? stored : null;
  });
  assert.equal(second.pack('p', value(1))[0], 0x01);
  second.pack('p', value(2));
  second.pack('q', value(2));
  second.pack('q', value(3));
  assert.equal(lookups, 2, 'one lookup per purpose');
  assert.deepEqual(second.pending(), []);
});
