import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distinctEdges as edges } from '../../../test/support/accusations.js';

/**
 * Issue 14, round 9: nominal and nested reports — "X's allegation last year that Y …", "X's
 * pronouncement in parliament that, “…”", "X says agencies are investigating allegations that
 * Y …" — and the author of criticised words ("criticized remarks made by Y as …", "told a press
 * conference that Y's remarks represented a “crude interference”"). Our own wire copy, both
 * sides swapped.
 */

const SIDES: Array<[string, string]> = [['Bolivia', 'Chile'], ['Chile', 'Bolivia']];
const DEMONYM: Record<string, string> = { Bolivia: 'Bolivian', Chile: 'Chilean' };

test('"X\'s allegation last year that Y was behind …", "X\'s pronouncement … that, “…”": X accuses Y', async () => {
  for (const [, them] of SIDES) {
    const allegation = `The expulsions follow Prime Minister Ana Ruiz's allegation last year that ${them} was behind the assassination of a dissident.`;
    assert.ok((await edges(allegation)).includes(`Ana Ruiz > ${them} [reports]`), (await edges(allegation)).join('; '));
    const pronouncement = `Ana Ruiz's pronouncement in parliament on Monday that, "${DEMONYM[them]} agents were behind the killing," shed light on the tense summit.`;
    assert.ok((await edges(pronouncement)).includes(`Ana Ruiz > ${them} [reports]`), (await edges(pronouncement)).join('; '));
  }
});

test('"X says agencies are investigating allegations that Y were involved in …": X reports the charge, not someone unnamed', async () => {
  for (const [, them] of SIDES) {
    const text = `Prime Minister Ana Ruiz says agencies are investigating allegations that ${DEMONYM[them]} agents were involved in the killing of a dissident.`;
    const got = await edges(text);
    assert.ok(got.includes(`Ana Ruiz > ${them} [reports]`), got.join('; '));
    assert.ok(!got.some((e) => e.startsWith('-')), got.join('; '));
  }
  // "says" after a name is the verb, with nothing charged no accusation
  assert.deepEqual(await edges('Prime Minister Ana Ruiz says agencies are investigating the flood damage.'), []);
});

test('"X criticized remarks made by Y as …", "X told a press conference that Y\'s remarks represented a “crude interference”": Y is the accused', async () => {
  for (const [us, them] of SIDES) {
    const criticized = `Consul General Pedro Salas also criticized past remarks made by former Prime Minister Ana Ruiz and other ${DEMONYM[them]} lawmakers as "blatant interference in internal affairs."`;
    const c = await edges(criticized);
    assert.ok(c.some((e) => /Pedro Salas > Ana Ruiz \[reports\]$/u.test(e)), c.join('; '));
    const told = `Foreign ministry spokesperson Pedro Salas told a press conference that ${them}'s remarks represented a "crude interference" in ${us}'s internal affairs.`;
    const t = await edges(told);
    assert.ok(t.some((e) => e.endsWith(`Pedro Salas > ${them} [reports]`)), t.join('; '));
    assert.ok(!t.some((e) => e.endsWith(`> ${us} [reports]`)), t.join('; '));
  }
});

test('"allegations of a potential link between agents of the government of Y and the killing": Y is charged, by the speaker', async () => {
  for (const [us, them] of SIDES) {
    const quoted = `"Our agencies have been pursuing credible allegations of a potential link between agents of the government of ${them} and the killing of a ${DEMONYM[us]} citizen," Ana Ruiz told parliament.`;
    const q = await edges(quoted);
    assert.ok(q.includes(`Ana Ruiz > ${them} [reports]`), q.join('; '));
    assert.ok(!q.some((e) => e.endsWith(`> ${us} [reports]`)), q.join('; '));
    const plain = `Ana Ruiz said there is a link between ${them} and the killing of a journalist.`;
    assert.ok((await edges(plain)).includes(`Ana Ruiz > ${them} [reports]`), (await edges(plain)).join('; '));
  }
  // a link between two places and a trade deal charges nobody
  assert.deepEqual(await edges('Ana Ruiz said a new rail link between Chile and Bolivia will open in May.'), []);
});

test('"The police commissioner said …" after "Police Commissioner X …": the commissioner speaks, whichever side', async () => {
  for (const [us, them] of SIDES) {
    const text = `Police Commissioner Mario Rojas told a news conference in ${us} that the force had warned the public. The police commissioner said investigations revealed that ${DEMONYM[them]} diplomats leveraged their official positions to engage in clandestine activities.`;
    const got = await edges(text);
    assert.ok(got.some((e) => /Mario Rojas > /u.test(e) && e.endsWith(`> ${them} [reports]`)), got.join('; '));
  }
});
