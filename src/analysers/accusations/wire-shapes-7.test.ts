import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distinctEdges as edges } from '../../../test/support/accusations.js';

/**
 * Issue 14, seventh round: the shapes the heldout-6b and heldout-7 real pages (Greece–Turkey,
 * Kyrgyzstan–Tajikistan) showed once their error lines were read — a present-tense inverted
 * source, a statement or protest issued before "accusing …", "accusing it of", a document speaking
 * for its issuer, a clash "planned in advance by" the other side, raising tension, the finger of
 * blame, guillemets, "according to it", a body "of" its state, a regional adjective that is no
 * person and a place that is no party — each written here as our own wire copy, and each run with
 * the two sides swapped.
 */

const SIDES: Array<[string, string]> = [['Bolivia', 'Chile'], ['Chile', 'Bolivia']];
const DEMONYM: Record<string, string> = { Bolivia: 'Bolivian', Chile: 'Chilean' };

test('present-tense inverted source: "…, the State Committee of X says." and the headline "…, says X chief"', async () => {
  for (const [us, them] of SIDES) {
    const text = `${DEMONYM[them]} border guards opened fire at ${DEMONYM[us]} herders, fortunately nobody was hurt, the National Security Council of ${us} says.`;
    const got = await edges(text);
    assert.ok(got.some((e) => e.endsWith(`> ${them} [reports]`) && !e.startsWith('-')), got.join('; '));
    assert.ok(!got.some((e) => e.endsWith(`> ${us} [reports]`)), got.join('; '));
    const headline = `${them} using every opportunity to fuel tension with 'provocative actions,' says ${DEMONYM[us]} defence chief`;
    const h = await edges(headline);
    assert.ok(h.some((e) => e.endsWith(`> ${them} [reports]`) && e.includes(us.slice(0, 4))), h.join('; '));
  }
});

test('a statement or protest issued before "accusing": its issuer accuses, "it" is the other party', async () => {
  for (const [us, them] of SIDES) {
    const text = `The Office of the Border Directorate of ${us} in the northern province released a statement on October 19 accusing ${them} of targeted actions to escalate the situation.`;
    const got = await edges(text);
    assert.ok(got.some((e) => e.startsWith(`${us} > ${them} [reports]`)), got.join('; '));
    assert.ok(!got.some((e) => e.startsWith('-')), `the issuer is named: ${got.join('; ')}`);
    const protest = `${us} made on Wednesday a formal protest to ${them} accusing it of conducting unauthorised military flights over its islands.`;
    const p = await edges(protest);
    assert.ok(p.some((e) => e.startsWith(`${us} > ${them} [reports]`)), p.join('; '));
    assert.ok(!p.some((e) => e.endsWith(`> ${us} [reports]`)), p.join('; '));
  }
});

test('a document speaks for its issuer: "X has sent a letter … The letter accuses Y of …"', async () => {
  for (const [us, them] of SIDES) {
    const text = `${us} has sent a letter to the UN Security Council. The letter accuses ${them} of frustrating every effort to reach an agreement on the river.`;
    const got = await edges(text);
    assert.ok(got.some((e) => e.startsWith(`${us} > ${them} [reports]`)), got.join('; '));
  }
});

test('escalation words of both sides: planned in advance by, caused the escalation, raise tensions, the finger of blame', async () => {
  for (const [us, them] of SIDES) {
    const planned = `${DEMONYM[us]} authorities say the clash was a military operation planned in advance by the ${DEMONYM[them]} side.`;
    assert.ok((await edges(planned)).some((e) => e.startsWith(`${us} > ${them} [reports]`)), (await edges(planned)).join('; '));
    const caused = `${us} said that ${DEMONYM[them]} troops caused the escalation on the border.`;
    assert.ok((await edges(caused)).some((e) => e.startsWith(`${us} > ${them} [reports]`)), (await edges(caused)).join('; '));
    const raise = `Defence Minister Ana Rojas said: "${them} is making every attempt to increase the tension with unlawful demands."`;
    assert.ok((await edges(raise)).some((e) => e.startsWith(`Ana Rojas > ${them} [reports]`)), (await edges(raise)).join('; '));
    const finger = `${us} rejected the accusations on Thursday, pointing the finger of the blame at ${them} over provocative flights.`;
    assert.ok((await edges(finger)).some((e) => e.startsWith(`${us} > ${them} [reports]`)), (await edges(finger)).join('; '));
    // a plan that is no clash stays no charge
    const plan = `${us} said ${them} planned to build a new port next year.`;
    assert.ok(!(await edges(plan)).some((e) => e.includes(`> ${them}`)), (await edges(plan)).join('; '));
  }
});

test('guillemets, "according to it" and a body "of" its state', async () => {
  for (const [us, them] of SIDES) {
    const quoted = `«Shots were fired from the territory of ${them} only. ${them} violated the agreement on the border,» the State Border Service of ${us} commented.`;
    const q = await edges(quoted);
    assert.ok(q.some((e) => e.endsWith(`> ${them} [reports]`) && !e.startsWith('-')), q.join('; '));
    const according = `The State Border Service of ${us} issued a denial. Press service of the State Border Service reported.\n\nAccording to it, the comment of the press center of the Border Forces of the Republic of ${them} completely distorts the real situation on the border.`;
    const a = await edges(according);
    assert.ok(a.some((e) => e.endsWith(`> ${them} [reports]`) && e.includes('Border Service')), a.join('; '));
  }
});

test('a regional adjective is no person, a place is no party', async () => {
  for (const [us, them] of SIDES) {
    const rival = `${us} accused South American rival ${them} of firing on its troops on Thursday.`;
    const r = await edges(rival);
    assert.ok(r.some((e) => e.startsWith(`${us} > ${them} [reports]`)), r.join('; '));
    assert.ok(!r.some((e) => e.includes('South American')), r.join('; '));
    const place = `"The ${DEMONYM[them]} side treacherously attacked the border posts in the Lauca District of the Parinacota Region in violation of all agreements," the ${DEMONYM[us]} border service said.`;
    const p = await edges(place);
    assert.ok(p.some((e) => e.endsWith(`> ${them} [reports]`)), p.join('; '));
    assert.ok(!p.some((e) => e.includes('Lauca') || e.includes('Parinacota')), p.join('; '));
  }
});

test('an adverb between the source and its verb: "X initially claimed that Y …"', async () => {
  for (const [us, them] of SIDES) {
    const text = `${us} initially claimed that ${DEMONYM[them]} troops caused the escalation, but an adviser to its president hinted that a third party could be responsible.`;
    const got = await edges(text);
    assert.ok(got.some((e) => e.startsWith(`${us} > ${them} [reports]`)), got.join('; '));
    assert.ok(!got.some((e) => e.endsWith(`> ${us} [reports]`)), got.join('; '));
  }
  // the adverb after a preposition's object is no source: "officials from X later said" names officials, not a charge
  assert.deepEqual(await edges('Officials from Chile later said that the meeting went well.'), []);
});

test("an op-ed's cleft charges its focus in the writer's voice: \"it is X that violates …\", for either side", async () => {
  for (const [us, them] of SIDES) {
    const text = `Why ${us} will not bow\n\nBy Ana Rojas\n\n${us} has never threatened its neighbour. It is ${them} that invited foreign warships into disputed waters, and it is ${them} that violates the status quo.\n\nThe writer is a political analyst.`;
    const got = await edges(text);
    assert.ok(got.some((e) => (e.startsWith('the article') || e.startsWith('Ana Rojas')) && e.endsWith(`> ${them} [asserts]`)), `the writer (the byline) charges ${them}: ${got.join('; ')}`);
    assert.ok(!got.some((e) => e.endsWith(`> ${us} [asserts]`)), got.join('; '));
  }
  // no cleft, no loaded word: the article's plain report of a border event charges nobody
  assert.deepEqual(await edges('Chile and Bolivia held talks on the river. It is the first meeting in a year.'), []);
});

test('"That is absurd." after a reported claim: the writer denies it, for either side', async () => {
  for (const [us, them] of SIDES) {
    const text = `${us}'s border agency claims that ${them} violated the river agreement. That is absurd: the agreement was never signed.`;
    const got = await edges(text);
    assert.ok(got.some((e) => e.endsWith(`> ${them} [denies]`)), got.join('; '));
    const plain = `${us}'s border agency claims that ${them} violated the river agreement. That is the third such claim this year.`;
    assert.ok((await edges(plain)).some((e) => e.endsWith(`> ${them} [reports]`)), (await edges(plain)).join('; '));
  }
});

test('a party opening its clause with "calls upon" / "urges" speaks the rest; "called X\'s statements … an attempt to mislead" charges X', async () => {
  for (const [us, them] of SIDES) {
    const calls = `The Ministry of Foreign Affairs of ${us} calls upon all concerned actors to take note of ${them}’s flagrant violation of principles of international relations.`;
    const c = await edges(calls);
    assert.ok(c.some((e) => e.endsWith(`> ${them} [reports]`) && e.includes(us)), c.join('; '));
    assert.ok(!c.some((e) => e.startsWith('the article')), `the ministry's words, not the article's: ${c.join('; ')}`);
    const called = `In a statement published on Saturday, ${us}'s water ministry called ${them}'s statements "false and defamatory" and an attempt to "mislead the international community".`;
    const k = await edges(called);
    assert.ok(k.some((e) => e.startsWith(`${us} > ${them} [reports]`)), k.join('; '));
  }
});

test('"issued a statement packed with accusations and distortions, claiming that Y …": the speaker accuses Y, the article denies it', async () => {
  for (const [us, them] of SIDES) {
    const text = `The ${DEMONYM[us]} Ministry of Foreign Affairs has issued a statement packed with accusations and distortions, claiming that ${them} is running a campaign to destabilize the region.`;
    const got = await edges(text);
    assert.ok(got.some((e) => e.endsWith(`> ${them} [denies]`) && e.includes('Ministry')), got.join('; '));
    const plain = `The ${DEMONYM[us]} Ministry of Foreign Affairs has issued a long statement, claiming that ${them} is running a campaign to destabilize the region.`;
    assert.ok((await edges(plain)).some((e) => e.endsWith(`> ${them} [reports]`)), (await edges(plain)).join('; '));
  }
});

test('"X, the state minister, had said “Y\'s attempt to politicise …”": an apposition, then a perfect tense', async () => {
  for (const [us, them] of SIDES) {
    const text = `State Minister Mario Rojas spoke on Tuesday.\n\nRojas, the ${DEMONYM[us]} state minister, had said "${them}'s attempt to politicise the river water will not benefit any party".`;
    const got = await edges(text);
    assert.ok(got.some((e) => e.endsWith(`> ${them} [reports]`) && !e.startsWith('-') && !e.startsWith('the article')), got.join('; '));
  }
});
