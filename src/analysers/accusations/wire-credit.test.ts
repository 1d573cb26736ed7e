import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distinctEdges as edges } from '../../../test/support/accusations.js';
import { inWireCredit } from './actors.js';

/**
 * Issue 14, round 9: a wire credit — "CITY, Date (Agency) --", "(Agency) 09:45, …" — names who
 * distributes the copy, never who speaks in it; the speaker is the person or body the sentence
 * names. Our own wire copy, both sides swapped, with agencies of different countries.
 */

const SIDES: Array<[string, string]> = [['Bolivia', 'Chile'], ['Chile', 'Bolivia']];
const DEMONYM: Record<string, string> = { Bolivia: 'Bolivian', Chile: 'Chilean' };

test('"CITY, Date (Agency) -- A spokesperson said …": the spokesperson\'s body accuses, never the agency', async () => {
  for (const [us, them] of SIDES) {
    for (const agency of ['Xinhua', 'Reuters', 'AFP']) {
      const text = `LA PAZ, Nov. 19 (${agency}) -- A ${DEMONYM[us]} foreign ministry spokesperson on Wednesday said ${them}'s recent provocative remarks seriously undermine relations.`;
      const got = await edges(text);
      assert.ok(got.some((e) => e.endsWith(`> ${them} [reports]`) && e.includes(DEMONYM[us])), `${agency}: ${got.join('; ')}`);
      assert.ok(!got.some((e) => e.startsWith(agency)), `${agency}: ${got.join('; ')}`);
    }
  }
});

test('inWireCredit: the bracketed agency before the dash or the credit time, not a bracketed body inside a sentence', () => {
  const credit = 'SANTIAGO, Nov. 19 (Xinhua) -- The ministry said.';
  const at = credit.indexOf('Xinhua');
  assert.equal(inWireCredit(credit, { start: at, end: at + 6 }), true);
  const line = '(Xinhua) 09:45, December 09, 2025';
  assert.equal(inWireCredit(line, { start: 1, end: 7 }), true);
  const inside = 'The Ministry of Foreign Affairs (MFA) said the talks failed.';
  const mfa = inside.indexOf('MFA');
  assert.equal(inWireCredit(inside, { start: mfa, end: mfa + 3 }), false);
});
