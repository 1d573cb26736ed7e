import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distinctEdges as edges } from '../../../test/support/accusations.js';

/**
 * Sentence-final attribution (issue 14, voice): a reported accusation whose speaker comes at the
 * end — "…, X, the ministry's spokesperson, said on Monday.", "…, X, a spokeswoman for … and
 * former ambassador to …, said Tuesday.", "…, X told reporters.", "…, the spokesman said." — is
 * that speaker's, and the article only reports it. Our own wire copy, with the two sides swapped.
 */

const SIDES: Array<[string, string]> = [['Bolivia', 'Chile'], ['Chile', 'Bolivia']];
const DEMONYM: Record<string, string> = { Bolivia: 'Bolivian', Chile: 'Chilean' };

test('a name, its apposition, then the verb and a time: the name is the speaker', async () => {
  for (const [us, them] of SIDES) {
    const monday = await edges(`${them} violated the ceasefire twice this week, Ana Rojas, the foreign ministry's spokesperson, said on Monday.`);
    assert.deepEqual(monday, [`Ana Rojas > ${them} [reports]`]);
    const tuesday = await edges(`${DEMONYM[them]} troops shelled two border villages, Ana Rojas, a spokeswoman for the ${DEMONYM[us]} ministry and former ambassador to Peru, said Tuesday.`);
    assert.ok(tuesday.includes(`Ana Rojas > ${them} [reports]`), tuesday.join('; '));
    assert.ok(!tuesday.some((e) => e.startsWith('Tuesday')), `a weekday is no speaker: ${tuesday.join('; ')}`);
  }
});

test('"…, X told reporters." and "…, X told Reuters on Monday."', async () => {
  for (const [us, them] of SIDES) {
    const reporters = await edges(`${them} violated the ceasefire twice this week, ${DEMONYM[us]} Foreign Minister Ana Rojas told reporters.`);
    assert.ok(reporters.includes(`Ana Rojas > ${them} [reports]`), reporters.join('; '));
    const outlet = await edges(`${DEMONYM[them]} troops shelled two border villages overnight, Ana Rojas told Reuters on Monday.`);
    assert.ok(outlet.includes(`Ana Rojas > ${them} [reports]`), outlet.join('; '));
  }
});

test('"…, the spokesman said.": the spokesman the document named', async () => {
  for (const [us, them] of SIDES) {
    const got = await edges(`${us}'s foreign ministry spokesman Ana Rojas spoke to reporters on Monday. ${them} violated the ceasefire twice this week, the spokesman said.`);
    assert.ok(got.includes(`Ana Rojas > ${them} [reports]`), got.join('; '));
  }
});

test('no charge, no speaker, or the speaker\'s own state: no accusation', async () => {
  for (const [us, them] of SIDES) {
    assert.deepEqual(await edges(`The talks on the lake will resume in March, Ana Rojas, the foreign ministry's spokesperson, said on Monday.`), []);
    assert.deepEqual(await edges(`${us}, ${them} and Peru, the three neighbours of the lake, said on Monday they would meet.`), []);
    // a speaker tied to the accused state by the apposition does not accuse it
    assert.ok(!(await edges(`${us} violated the ceasefire twice, Ana Rojas, the ${DEMONYM[us]} foreign ministry's spokesperson, said on Monday.`)).some((e) => e.startsWith('Ana Rojas >')));
  }
});
