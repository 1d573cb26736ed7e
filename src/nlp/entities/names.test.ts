import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import { dataPath } from '../../core/paths.js';
import { splitSentences } from '../sentences.js';
import { loadGazetteer, type Gazetteer } from './gazetteer.js';
import { recognizeEntities } from './recognize.js';

/**
 * Issue 14, class 2 (actors), names the held-out real pages broke: a capital letter written
 * against a number ("M23", "G7"), "of the" inside a body's name, "PM" as a title, and every
 * capital that the narratives lexicon lets stand for its government known as a place, so a
 * capital opening a sentence is found for every country alike.
 */

let gazetteer: Gazetteer;
before(async () => {
  gazetteer = await loadGazetteer();
});

function names(text: string): Array<[string, string]> {
  return recognizeEntities(text, gazetteer, { spans: splitSentences(text) }).map((m) => [m.surface, m.type]);
}

test('a capital written against a number is one name: "M23", "G7", not "M" and "23"', () => {
  const got = names('The army fought the M23 rebels for a week. Later the G7 ministers met.');
  assert.ok(got.some(([s]) => s === 'M23'), JSON.stringify(got));
  assert.ok(got.some(([s]) => s === 'G7'), JSON.stringify(got));
  assert.ok(!got.some(([s]) => s === 'M'), JSON.stringify(got));
});

test('"of the" inside a body\'s name: "Office of the Government Spokesperson", "Ministry of the Interior"', () => {
  const got = names('A statement from the Office of the Government Spokesperson was read. Then the Ministry of the Interior replied.');
  assert.ok(got.some(([s, t]) => s === 'Office of the Government Spokesperson' && t === 'organisation'), JSON.stringify(got));
  assert.ok(got.some(([s]) => s === 'Ministry of the Interior'), JSON.stringify(got));
});

test('"PM" and "Premier" are titles: the person after them is named', () => {
  for (const title of ['PM', 'Premier']) {
    const got = names(`He blamed the crisis on Chadian ${title} Ali Mahamat, officials said.`);
    assert.ok(got.some(([s, t]) => s === 'Ali Mahamat' && t === 'person'), `${title}: ${JSON.stringify(got)}`);
  }
});

test('every capital the narratives lexicon reads as its government is a gazetteer place (no country left out)', () => {
  const metonyms = JSON.parse(readFileSync(dataPath('lexicons', 'narratives', 'metonyms.json'), 'utf8')) as { entries: Array<{ place: string; kind: string }> };
  const capitals = metonyms.entries.filter((e) => e.kind === 'capital');
  assert.ok(capitals.length > 100);
  const missing = capitals.filter((c) => gazetteer.lookup(c.place)?.entry.type !== 'place').map((c) => c.place);
  assert.deepEqual(missing, []);
  for (const capital of ['Belgrade', 'Pristina', 'Kigali', 'Kinshasa', 'Bangkok', 'Phnom Penh']) {
    const got = names(`${capital} rejected the claim on Monday.`);
    assert.ok(got.some(([s, t]) => s === capital && t === 'place'), `${capital} opening a sentence: ${JSON.stringify(got)}`);
  }
});
