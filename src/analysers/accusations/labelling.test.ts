import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distinctEdges as edges } from '../../../test/support/accusations.js';

/**
 * The labelling frame (issue 14, voice): "X labelled / branded / described / characterised Y's act
 * as a violation / aggression / provocation" is X's charge against Y — the act's owner is a
 * possessor ("Y's engagement in the border zone") or an actor inside the object ("the Y
 * deployment"), and a participle ("…, labelling Y's operation …") takes the clause's opening party
 * as its subject. Our own wire copy, each run with the two sides swapped.
 */

const SIDES: Array<[string, string]> = [['Bolivia', 'Chile'], ['Chile', 'Bolivia']];
const DEMONYM: Record<string, string> = { Bolivia: 'Bolivian', Chile: 'Chilean' };

test('"X branded / described Y\'s <any act> (as) <charge>": X accuses Y, the article reports it', async () => {
  for (const [us, them] of SIDES) {
    const branded = await edges(`The ${DEMONYM[us]} government branded ${them}'s engagement in the border zone an act of aggression.`);
    assert.ok(branded.includes(`${us} > ${them} [reports]`), branded.join('; '));
    const described = await edges(`${us}'s defence minister described ${them}'s naval manoeuvres near the islands as a flagrant violation of the treaty.`);
    assert.ok(described.some((e) => e.endsWith(`> ${them} [reports]`) && !e.startsWith('-')), described.join('; '));
    assert.ok(!described.some((e) => e.endsWith(`> ${us} [reports]`)), described.join('; '));
  }
});

test('a demonym inside the object owns the act: "labelled the Y deployment a provocation"', async () => {
  for (const [us, them] of SIDES) {
    const got = await edges(`Ana Rojas, the foreign minister of ${us}, labelled the ${DEMONYM[them]} deployment a provocation.`);
    assert.ok(got.includes(`Ana Rojas > ${them} [reports]`), got.join('; '));
  }
});

test('a participle takes the party its clause opens with: "X submitted a protest to the Council labelling Y\'s operation …"', async () => {
  for (const [us, them] of SIDES) {
    const got = await edges(`${DEMONYM[us]} Foreign Minister Ana Rojas submitted a formal protest to the UN Security Council labelling ${them}'s operation of the canal an "unlawful unilateral act".`);
    assert.ok(got.includes(`Ana Rojas > ${them} [reports]`), got.join('; '));
    assert.ok(!got.some((e) => e.includes('Security Council >')), `the addressee is no accuser: ${got.join('; ')}`);
  }
});

test('inside a statement the article calls false, the labelling is that statement\'s and the article denies it', async () => {
  for (const [us, them] of SIDES) {
    const got = await edges(`The Foreign Ministry of ${us} issued a statement packed with distortions, claiming that ${them} is running a campaign to destabilize the region, and describing ${them}'s position on the river as a colonial mentality.`);
    assert.ok(got.some((e) => e.endsWith(`> ${them} [denies]`)), got.join('; '));
    assert.ok(!got.some((e) => e.endsWith(`> ${them} [reports]`)), `no reading of it is merely reported: ${got.join('; ')}`);
  }
});

test('no charge in the label, or the speaker\'s own act: no accusation', async () => {
  for (const [us, them] of SIDES) {
    assert.deepEqual(await edges(`${us}'s foreign minister described ${them}'s proposal on the canal as constructive and timely.`), []);
    assert.deepEqual(await edges(`The ${DEMONYM[us]} president called ${them}'s ambassador to thank him for the flood relief.`), []);
    assert.deepEqual(await edges(`${us} labelled its own deployment near the border a routine exercise.`), []);
    // "so-called" is no labelling verb
    assert.deepEqual(await edges(`Reporters visited the so-called ${DEMONYM[them]} zone on Monday.`), []);
  }
});
