import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distinctEdges as edges } from '../../../test/support/accusations.js';

/**
 * Issue 14, round 9: edges that are not accusations — a case weighed ("a Y attack on Z could
 * constitute …", "if Y attacked …, it would …") and a claim of sovereignty ("rejects Y's
 * claims") — and a charge whose owner is a demonym ("rejected a Y allegation that it …": Y
 * accuses, "it" is the rejecter). Our own wire copy, both sides swapped.
 */

const SIDES: Array<[string, string]> = [['Bolivia', 'Chile'], ['Chile', 'Bolivia']];
const DEMONYM: Record<string, string> = { Bolivia: 'Bolivian', Chile: 'Chilean' };

test('a hypothetical is no accusation: "a Y attack on Z could constitute …", "if Y attacked Z, it would …"', async () => {
  for (const [us, them] of SIDES) {
    const modal = `Prime Minister Ana Ruiz said a ${DEMONYM[them]} attack on the islands could constitute a survival-threatening situation for ${us}.`;
    assert.deepEqual(await edges(modal), [], modal);
    const conditional = `Ana Ruiz said that if ${them} attacked the islands, ${us} would respond with force.`;
    assert.deepEqual(await edges(conditional), [], conditional);
    const should = `"Should ${them} dare to intervene militarily, it will constitute an act of aggression," Ana Ruiz said.`;
    assert.ok(!(await edges(should)).some((e) => e.includes(`> ${them}`)), (await edges(should)).join('; '));
    // a charge stated of what happened still counts, modal or not after it
    const real = `Ana Ruiz said the ${DEMONYM[them]} attack on the islands was planned in advance.`;
    assert.ok((await edges(real)).includes(`Ana Ruiz > ${them} [reports]`), (await edges(real)).join('; '));
    // a condition that presupposes the act goes on keeps the charge
    const goesOn = `Ana Ruiz said that if ${them} continues its provocations, talks will end.`;
    assert.ok((await edges(goesOn)).some((e) => e.endsWith(`> ${them} [reports]`)), (await edges(goesOn)).join('; '));
  }
});

test('"rejects Y\'s claims" with no charge named is a dispute over sovereignty; "rejected Y\'s claims that X shelled …" is Y\'s charge', async () => {
  for (const [us, them] of SIDES) {
    const sovereignty = `The government of ${us} rejects ${them}'s claims and says only its people can decide the island's future.`;
    assert.deepEqual(await edges(sovereignty), [], sovereignty);
    const territory = `${us} rejected ${them}'s claims to the islands.`;
    assert.deepEqual(await edges(territory), [], territory);
    const charge = `${us} rejected ${them}'s claims that ${us} had shelled the border villages.`;
    assert.ok((await edges(charge)).includes(`${them} > ${us} [reports]`), (await edges(charge)).join('; '));
    const accusations = `${us} rejected ${them}'s accusations.`;
    assert.ok((await edges(accusations)).includes(`${them} > ${us} [reports]`), (await edges(accusations)).join('; '));
  }
});

test('"X rejected a Y allegation that it may have been involved in the killing": Y accuses X, never the reverse', async () => {
  for (const [us, them] of SIDES) {
    const text = `${us} on Tuesday rejected a ${DEMONYM[them]} allegation that it may have been involved in the killing of an activist, calling the suggestion "absurd."`;
    const got = await edges(text);
    assert.ok(got.includes(`${them} > ${us} [reports]`), got.join('; '));
    assert.ok(!got.some((e) => e.endsWith(`> ${them} [reports]`) || e.endsWith(`> ${them} [denies]`) || e.startsWith('-')), got.join('; '));
  }
});
