import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distinctEdges as edges } from '../../../test/support/accusations.js';

/**
 * Issue 14, round 9: speech as a participle after its speaker's clause — "X reiterated its
 * objections, saying Y's remarks were …", "X addressed parliament, telling lawmakers that Y …".
 * The participle has no subject of its own: the party its clause opens with speaks, never the
 * object before the comma and never the article. Our own wire copy, both sides swapped.
 */

const SIDES: Array<[string, string]> = [['Bolivia', 'Chile'], ['Chile', 'Bolivia']];
const DEMONYM: Record<string, string> = { Bolivia: 'Bolivian', Chile: 'Chilean' };

test('"X reiterated Z\'s objections, saying Y\'s remarks were "provocative"": X accuses Y, not Z', async () => {
  for (const [us, them] of SIDES) {
    const text = `Ambassador Luis Vega reiterated ${us}'s objections, saying ${them}'s remarks were "blatantly provocative" and "crossed a red line."`;
    const got = await edges(text);
    assert.ok(got.includes(`Luis Vega > ${them} [reports]`), got.join('; '));
    assert.ok(!got.some((e) => e.endsWith(`> ${us} [reports]`)), `the object before the comma is not the accused: ${got.join('; ')}`);
  }
});

test('"X addressed parliament, telling lawmakers that Y was behind the killing": X speaks, not the article', async () => {
  for (const [us, them] of SIDES) {
    const text = `Prime Minister Ana Ruiz addressed parliament on Monday, telling lawmakers that ${DEMONYM[them]} agents were behind the killing of a dissident in ${us}.`;
    const got = await edges(text);
    assert.ok(got.includes(`Ana Ruiz > ${them} [reports]`), got.join('; '));
    assert.ok(!got.some((e) => e.startsWith('-') || e.startsWith('the article')), `the accuser is named: ${got.join('; ')}`);
    const adding = `Foreign Minister Ana Ruiz met the press in the capital, adding that ${them} was involved in the attack on the convoy.`;
    assert.ok((await edges(adding)).includes(`Ana Ruiz > ${them} [reports]`), (await edges(adding)).join('; '));
  }
});

test('a participle with nothing charged in its words accuses nobody', async () => {
  for (const [us, them] of SIDES) {
    const text = `Foreign Minister Ana Ruiz met her ${DEMONYM[them]} counterpart in ${us}, saying the talks on the river had gone well.`;
    assert.deepEqual(await edges(text), []);
  }
});

test('the new predicates of both sides: "were provocative", "crossed a red line", "involved in the killing", "engaged in clandestine activities"', async () => {
  for (const [us, them] of SIDES) {
    for (const charge of [`${them}'s remarks were provocative`, `${them} had crossed a red line`, `${them} was involved in the killing of a journalist`, `${DEMONYM[them]} diplomats engaged in clandestine activities`]) {
      const text = `${us} said ${charge}.`;
      const got = await edges(text);
      assert.ok(got.includes(`${us} > ${them} [reports]`), `${text} → ${got.join('; ')}`);
    }
  }
  // "provocative" as a plain adjective of a book title, or a red line nobody crossed, is no charge
  assert.deepEqual(await edges('Chile said the exhibition was a provocative take on the war.'), []);
});

test('a diplomatic protest is a charge against the party it is made to, or the author of what it is about', async () => {
  for (const [us, them] of SIDES) {
    const to = `The ${DEMONYM[us]} government protested to ${them} through diplomatic channels on Saturday, calling it a very dangerous act that could lead to unexpected incidents.`;
    const t = await edges(to);
    assert.ok(t.some((e) => e.endsWith(`> ${them} [reports]`) && (e.startsWith(us) || e.includes(DEMONYM[us]))), t.join('; '));
    assert.ok(!t.some((e) => e.endsWith(`> ${us} [reports]`)), t.join('; '));
    const lodged = `${us} lodged a strong protest with ${them} over the detention of two fishermen.`;
    assert.ok((await edges(lodged)).includes(`${us} > ${them} [reports]`), (await edges(lodged)).join('; '));
    const regarding = `Deputy Foreign Minister Marco Diaz summoned the ${DEMONYM[them]} ambassador, delivering a strong protest regarding ${them}'s "highly inappropriate" statements.`;
    assert.ok((await edges(regarding)).includes(`Marco Diaz > ${them} [reports]`), (await edges(regarding)).join('; '));
  }
  // a protest over a killing names its victim, not its author; a street protest names nobody
  assert.deepEqual(await edges('Chile protested over the killing of Pedro Salas.'), []);
  assert.deepEqual(await edges('Hundreds of farmers protested against the new law in La Paz.'), []);
});

test('a protest to a forum is no charge against the forum', async () => {
  for (const [us, them] of SIDES) {
    const text = `Foreign Minister Ana Ruiz submitted a formal protest to the UN Security Council, protesting to the Security Council against ${them}'s dam.`;
    const got = await edges(text);
    assert.ok(!got.some((e) => /Security Council|United Nations/u.test(e)), got.join('; '));
    void us;
  }
});

test('a summons to protest: "X summoned Y\'s ambassador over …", "…summoned Ambassador Z of Y, delivering a protest …"', async () => {
  for (const [us, them] of SIDES) {
    const over = `${us} on Friday summoned ${them}'s ambassador over the remarks of a consul.`;
    const o = await edges(over);
    assert.ok(o.includes(`${us} > ${them} [reports]`), o.join('; '));
    assert.ok(!o.some((e) => e.endsWith(`> ${us} [reports]`)), o.join('; '));
    const delivering = `Vice Foreign Minister Marco Diaz summoned the ${DEMONYM[them]} ambassador, delivering a strong protest regarding the consul's "highly inappropriate" statements.`;
    assert.ok((await edges(delivering)).some((e) => e.startsWith('Marco Diaz >') && e.endsWith(`> ${them} [reports]`)), (await edges(delivering)).join('; '));
  }
  // a summons with no protest named (a meeting, a hearing) is no charge
  assert.deepEqual(await edges('Chile summoned Bolivia\'s ambassador for talks on the new railway.'), []);
});

test('a quotation inside the participle\'s words is the speaker\'s, and no unnamed reading of it is left', async () => {
  for (const [us, them] of SIDES) {
    const text = `Prime Minister Ana Ruiz had dropped a bombshell, telling parliament that agencies "have been pursuing allegations of a potential link between agents of the government of ${them}" and the killing of a ${DEMONYM[us]} citizen.`;
    const got = await edges(text);
    assert.ok(got.includes(`Ana Ruiz > ${them} [reports]`), got.join('; '));
    assert.ok(!got.some((e) => e.startsWith('-') || e.startsWith('the article')), got.join('; '));
  }
});

test('"warned by Y about threats": the one who warns of threats is not charged with them', async () => {
  for (const [, them] of SIDES) {
    const text = `A lawyer told reporters that his client had been warned by the ${DEMONYM[them]} police about threats to his life.`;
    assert.ok(!(await edges(text)).some((e) => e.endsWith(`> ${them} [reports]`)), (await edges(text)).join('; '));
  }
});
