import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { plainDocument, testResources } from '../../test/support/context.js';
import { SEEDS, haveSeeds, seedPath } from '../../test/helpers/seeds.js';
import { createContext } from '../pipeline/context.js';
import { analyzeAccusations, type AccusationData } from './accusations.js';

async function accusations(text: string): Promise<AccusationData[]> {
  const ctx = createContext(plainDocument(text), await testResources());
  return analyzeAccusations(ctx).map((f) => f.data as AccusationData);
}

// the article's own voice is named after its document ("the article (fixture.txt)"); shown as "the article"
const brief = (a: AccusationData): string => `${a.accuser === 'the article (fixture.txt)' ? 'the article' : a.accuser ?? '-'} > ${a.accused}: ${a.allegation} [${a.stance}]`;

test('"X accused Y of Z" is reported with X as accuser', async () => {
  const found = (await accusations('Somalia has accused Kenya of supporting Al-Shabaab through the charcoal trade.')).map(brief);
  assert.deepEqual(found, ['Somalia > Kenya: supports Al-Shabaab [reports]']);
});

test('"by falsely accusing Y of Z, X …" is denied, accuser after the comma', async () => {
  const found = (await accusations('By falsely accusing Niger of harbouring Boko Haram, Nigeria is trying to hide its failures.')).map(brief);
  assert.deepEqual(found, ['Nigeria > Niger: harbours Boko Haram [denies]']);
});

test('an allegation stated as fact has the article as accuser', async () => {
  const found = (await accusations('Niger provides a safe haven for Boko Haram.')).map(brief);
  assert.deepEqual(found, ['the article > Niger: harbours Boko Haram [asserts]']);
});

test('"there is no evidence that Y operates from X" denies X harbours Y; the same rule for both sides', async () => {
  const a = (await accusations('There is no evidence that Boko Haram operates from Niger.')).map(brief);
  const b = (await accusations('There is no evidence that Boko Haram operates from Nigeria.')).map(brief);
  assert.deepEqual(a, ['- > Niger: harbours Boko Haram [denies]']);
  assert.deepEqual(b, ['- > Nigeria: harbours Boko Haram [denies]']);
});

test('"X\'s claims that Y harbours Z collapse" is denied with X as accuser', async () => {
  const found = (await accusations("Somalia's claims that Kenya harbours Al-Shabaab collapse under scrutiny.")).map(brief);
  assert.deepEqual(found, ['Somalia > Kenya: harbours Al-Shabaab [denies]']);
});

test('"it is not X but Y that …" denies X and asserts Y', async () => {
  const found = (await accusations('It is not Iran but Saudi Arabia that has funded armed groups across Yemen.')).map(brief);
  assert.deepEqual(found.sort(), ['- > Iran: supports armed groups [denies]', 'the article > Saudi Arabia: supports armed groups [asserts]']);
});

test('a factive attribution asserts with the source as accuser', async () => {
  const found = (await accusations('Human Rights Watch revealed that Somalia has sheltered Al-Shabaab commanders.')).map(brief);
  assert.deepEqual(found, ['Human Rights Watch > Somalia: harbours Al-Shabaab [asserts]']);
});

test('a next sentence dismissing "these claims" turns a reported accusation into a denial', async () => {
  const found = (await accusations('Kenya has been accused of supporting Al-Shabaab. These claims come without evidence.')).map(brief);
  assert.deepEqual(found, ['- > Kenya: supports Al-Shabaab [denies]']);
});

test('spans point at the text', async () => {
  const text = 'Somalia has accused Kenya of supporting Al-Shabaab.';
  const ctx = createContext(plainDocument(text), await testResources());
  const [f] = analyzeAccusations(ctx);
  assert.equal(text.slice(f.start, f.end), 'Somalia has accused Kenya of supporting Al-Shabaab');
});

test('seeds: each seed yields accusations; the two sides make opposite claims', { skip: !haveSeeds }, async () => {
  const resources = await testResources();
  const bySeed = new Map<string, AccusationData[]>();
  for (const file of readdirSync(SEEDS).sort()) {
    const doc = plainDocument(readFileSync(join(SEEDS, file), 'utf8'), file);
    bySeed.set(file.slice(0, 3), analyzeAccusations(createContext(doc, resources)).map((f) => f.data as AccusationData));
  }
  for (const [seed, list] of bySeed) assert.ok(list.length > 0, `seed ${seed} has accusations`);
  const has = (seed: string, accused: string, relation: string, stance: string): boolean =>
    (bySeed.get(seed) ?? []).some((a) => a.accused === accused && a.relation === relation && a.stance === stance);
  for (const seed of ['000', '001', '002', '003']) {
    assert.ok(has(seed, 'Afghanistan', 'harbours', 'asserts'), `${seed} asserts Afghanistan harbours`);
    assert.ok(has(seed, 'Pakistan', 'harbours', 'denies') || has(seed, 'Pakistan', 'supports', 'denies'), `${seed} denies an allegation against Pakistan`);
  }
  assert.ok(has('004', 'Afghanistan', 'harbours', 'denies'));
  assert.ok(has('004', 'Pakistan', 'harbours', 'asserts'));
  // "by falsely accusing Pakistan of harboring ISIS-K, the Afghan Taliban …"
  assert.ok((bySeed.get('002') ?? []).some((a) => a.accuser === 'Taliban' && a.accused === 'Pakistan' && a.stance === 'denies'));
  void seedPath;
});

test('metonymy: a capital speaks for its government and a region places the allegation in its country, for any side', async () => {
  const a = await accusations('Moscow has accused Kyiv of supporting Boko Haram.');
  assert.deepEqual(a.map(brief), ['Russia > Ukraine: supports Boko Haram [reports]']);
  assert.equal(a[0].accuserVia, 'Moscow');
  assert.equal(a[0].accusedVia, 'Kyiv');
  const b = (await accusations('Kyiv has accused Moscow of supporting Boko Haram.')).map(brief);
  assert.deepEqual(b, ['Ukraine > Russia: supports Boko Haram [reports]']);
  const c = (await accusations('Al-Shabaab operates from Mogadishu.')).map(brief);
  assert.deepEqual(c, ['the article > Somalia: harbours Al-Shabaab [asserts]']);
});

test('lexicon matches stay inside their window, with word boundaries seen across its edges', async () => {
  const { matchesIn } = await import('./accusations/lexicon.js');
  const text = 'They harbour it. Unharboured words; we harbour nothing. They harbour more.';
  const re = /(?<![\p{L}\p{N}])harbour(?![\p{L}\p{N}])/u;
  const second = text.indexOf('we harbour');
  assert.deepEqual(matchesIn(re, text, text.indexOf('Unharboured') + 2, text.indexOf('They harbour more')).map((m) => m.start), [second + 3]);
  assert.deepEqual(matchesIn(re, text, 0, 8).map((m) => m.start), [], 'a match ending past the window is not returned');
  assert.deepEqual(matchesIn(re, text).length, 3);
});
