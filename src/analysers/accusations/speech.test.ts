import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accusationEdges as edges } from '../../../test/support/accusations.js';

/** Class 1 (voice) and class 2 (actors) of issue 14: who speaks, and who the parties are. */

const unique = (xs: string[]): string[] => [...new Set(xs)].sort();

test('voice: a postposed quotation belongs to its speaker, reported by the article — for both sides', async () => {
  assert.deepEqual(unique(await edges('“Armenian units shelled our positions near the border overnight,” the Azerbaijani Defence Ministry said in a statement.')), ['Azerbaijani Defence Ministry > Armenia [reports]']);
  assert.deepEqual(unique(await edges('“Azerbaijani units shelled our positions near the border overnight,” the Armenian Defence Ministry said in a statement.')), ['Armenian Defence Ministry > Azerbaijan [reports]']);
});

test('voice: "…,” said X, a member of …" — the subject before the quotation is part of the claim', async () => {
  assert.deepEqual(unique(await edges('Georgian forces “once again struck the dam,” said Ivan Petrenko, a member of the regional council.')), ['Ivan Petrenko > Georgia [reports]']);
});

test('voice: a quotation over two sentences, then "he added", goes to the person last named', async () => {
  const text = 'Foreign Minister Lina Okafor spoke to reporters on Monday. “The talks went well. But Chad violated the agreement twice this month,” she added.';
  assert.deepEqual(unique(await edges(text)), ['Lina Okafor > Chad [reports]']);
});

test('voice: "X said that Y …" and "according to X" name the speaker, not the article', async () => {
  assert.deepEqual(unique(await edges('Guyana’s foreign ministry said that Venezuela had violated the 1966 agreement.')), ['Guyanese Foreign Ministry > Venezuela [reports]']);
  const a = unique(await edges('According to the Indian Army, Chinese troops crossed the Line of Actual Control on Monday.'));
  assert.deepEqual(a, ['Indian Army > China [reports]']);
});

test('voice: a denial inside the quotation is the speaker\'s; the article\'s own "falsely" is the article\'s', async () => {
  const quoted = await edges('“These reports are completely false; it was Azerbaijan that violated the ceasefire,” the Armenian Defence Ministry said.');
  assert.ok(!quoted.some((e) => e.endsWith('[denies]')), `the article denies nothing: ${quoted.join('; ')}`);
  assert.ok(quoted.includes('Armenian Defence Ministry > Azerbaijan [reports]'), quoted.join('; '));
  assert.deepEqual(unique(await edges('Azerbaijan falsely accused Armenia of shelling Tovuz.')), ['Azerbaijan > Armenia [denies]']);
});

test('voice: reciprocal accusations give an edge each way; "blamed Z on Y"; ", accusing Y of"', async () => {
  assert.deepEqual(unique(await edges('India and China accused each other of violating the border agreement.')), ['China > India [reports]', 'India > China [reports]']);
  assert.deepEqual(unique(await edges('Moscow and Kyiv traded blame for the strike on the dam.')), ['Russia > Ukraine [reports]', 'Ukraine > Russia [reports]']);
  assert.deepEqual(unique(await edges('Venezuela blamed the blackout on Guyana.')), ['Venezuela > Guyana [reports]']);
  assert.deepEqual(unique(await edges('“Our villages are being shelled,” said spokesman Artur Sargsyan, accusing Azerbaijan of violating the truce.')), ['Artur Sargsyan > Azerbaijan [reports]']);
});

test('actors: nobody accuses himself or his own state', async () => {
  const found = await edges('Moscow said Russia would respond to any provocation. Russian officials accused Russia of nothing.');
  assert.ok(!found.some((e) => /^Russia > Russia/u.test(e)), found.join('; '));
});

test('actors: "a statement from X\'s foreign ministry" speaks as that ministry; forces stand for their state', async () => {
  assert.deepEqual(unique(await edges('A statement from Ethiopia’s foreign ministry accused Eritrea of arming rebels.')), ['Ethiopian Foreign Ministry > Eritrea [reports]']);
  assert.deepEqual(unique(await edges('The Chinese Foreign Ministry said Indian troops had crossed the border.')), ['Chinese Foreign Ministry > India [reports]']);
});

test('actors: a role resolves to the person the text names in it', async () => {
  const text = 'Kenya’s Defence Minister Aden Duale said on Monday that Somalia had violated the truce. On Tuesday Kenya’s Defence Minister accused Somalia of shelling Mandera.';
  assert.deepEqual(unique(await edges(text)), ['Aden Duale > Somalia [reports]']);
});

test('actors: "ethnic" or "pro-" before a demonym is a community, not the state', async () => {
  const found = unique(await edges('Ethnic Armenian forces accused Azerbaijan of launching an offensive.'));
  assert.ok(!found.includes('Armenia > Azerbaijan [reports]'), found.join('; '));
  assert.equal(found.length, 1);
});

test('actors: the byline note is never an actor, and the article voice is its own document\'s', async () => {
  const text = 'Chad has funded armed groups across the border for a decade.\n\nThe writer is a freelance columnist who accused Chad of nothing; Amina Bello is a journalist based in Niamey.';
  const a = await edges(text, 'one.txt');
  const b = await edges(text, 'two.txt');
  assert.deepEqual(a, ['the article (one.txt) > Chad [asserts]']);
  assert.deepEqual(b, ['the article (two.txt) > Chad [asserts]'], 'two documents never share one "the article" node');
});

test('actors: word-order variants of a body are one actor', async () => {
  const found = unique(await edges('The Ethiopian Interim Government accused Eritrea of arming rebels. The Interim Ethiopian Government later said Eritrea had violated the truce.'));
  assert.deepEqual(found, ['Ethiopian Interim Government > Eritrea [reports]']);
});
