import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distinctEdges as edges } from '../../../test/support/accusations.js';

/**
 * Issue 14, voice and actors: a speaker inside a noun phrase ("X's accusation at the Assembly
 * characterising Y's actions as …"), a speaker cited or quoted by an outlet ("media cited X as
 * saying …": X's words, the outlet relays them), and a body joined to a titled person ("The
 * Ministry of Defence and Prime Minister X accused …": both accuse). Our own wire copy, with the
 * two sides swapped.
 */

const SIDES: Array<[string, string]> = [['Bolivia', 'Chile'], ['Chile', 'Bolivia']];
const DEMONYM: Record<string, string> = { Bolivia: 'Bolivian', Chile: 'Chilean' };

test('the possessor of an accusation speaks its participle: "X\'s accusation … characterising Y\'s actions as …"', async () => {
  for (const [, them] of SIDES) {
    const got = await edges(`Ana Rojas' accusation at the UN General Assembly characterizing ${them}'s actions as a primary threat to regional peace drew a sharp response.`);
    assert.ok(got.includes(`Ana Rojas > ${them} [reports]`), got.join('; '));
    assert.ok(!got.some((e) => e.includes('General Assembly >')), got.join('; '));
    // mid-sentence, after other parties: the possessor of the speech act, not the clause's first party
    const mid = await edges(`Tensions rose after weeks of protests from Lima, including Foreign Minister Ana Rojas’ speech at the regional summit in May labelling ${them}'s deployment a threat to the stability of the region.`);
    assert.ok(mid.includes(`Ana Rojas > ${them} [reports]`), mid.join('; '));
    assert.ok(!mid.some((e) => e.startsWith('Peru >') || e.startsWith('Lima >')), mid.join('; '));
  }
});

test('"cited / quoted X as saying …": X speaks, the article reports', async () => {
  for (const [, them] of SIDES) {
    const cited = await edges(`Regional media cited Ana Rojas as saying that ${them} had violated the agreement twice.`);
    assert.deepEqual(cited, [`Ana Rojas > ${them} [reports]`]);
    const quoted = await edges(`State television quoted Foreign Minister Ana Rojas as saying ${DEMONYM[them]} troops shelled the village overnight.`);
    assert.ok(quoted.includes(`Ana Rojas > ${them} [reports]`), quoted.join('; '));
    assert.ok(!quoted.some((e) => e.endsWith('[asserts]')), `the article states nothing as fact: ${quoted.join('; ')}`);
  }
});

test('"The Ministry of Defence and Prime Minister X accused Y": the body accuses too', async () => {
  for (const [, them] of SIDES) {
    const got = await edges(`The Ministry of Defence and Prime Minister Luis Arce accused ${them} of aggression on the border.`);
    assert.ok(got.includes(`Luis Arce > ${them} [reports]`), got.join('; '));
    assert.ok(got.some((e) => e.startsWith('Ministry of Defence') && e.endsWith(`> ${them} [reports]`)), got.join('; '));
  }
});

test('"an allegation by X that Y …", "X\'s claim that Y …": the owner of the charge accuses, not the one who rejects it', async () => {
  for (const [us, them] of SIDES) {
    const by = await edges(`${us} rejected an allegation by ${them}'s deputy foreign minister Ana Rojas that ${us} had violated the ceasefire on the lake.`);
    assert.ok(by.includes(`Ana Rojas > ${us} [reports]`), by.join('; '));
    const owned = await edges(`${them}'s accusation that ${us} violated the ceasefire was repeated on Monday.`);
    assert.ok(owned.includes(`${them} > ${us} [reports]`), owned.join('; '));
    // the party that dismisses a claim naming someone else is not its accused
    const dismissed = await edges(`Peru dismissed Ana Rojas' claim that ${DEMONYM[them]} troops had shelled the border posts.`);
    assert.ok(dismissed.includes(`Ana Rojas > ${them} [reports]`), dismissed.join('; '));
    assert.ok(!dismissed.some((e) => e.endsWith('> Peru [reports]')), dismissed.join('; '));
  }
});

test('a threat discussed, not charged: no accusation', async () => {
  for (const [us, them] of SIDES) {
    assert.deepEqual(await edges(`${us} and ${them} discussed the threat to regional stability posed by drought.`), []);
  }
});
