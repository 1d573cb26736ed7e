import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distinctEdges as edges } from '../../../test/support/accusations.js';

/**
 * Issue 14, fifth round: the shapes the heldout-5 real pages showed (voice, actors, denial),
 * each written here as our own wire copy, and each run with the two sides swapped.
 */

const SIDES: Array<[string, string]> = [['Tunisia', 'Libya'], ['Libya', 'Tunisia']];
const DEMONYM: Record<string, string> = { Tunisia: 'Tunisian', Libya: 'Libyan' };
const CAPITAL: Record<string, string> = { Tunisia: 'Tunis', Libya: 'Tripoli' };

test('"accusing its neighbour of …": the other state of the story, never the possessor\'s own', async () => {
  for (const [us, them] of SIDES) {
    const text = `${us} has severed all ties with ${them}, accusing its North African neighbour of “hostile acts”.`;
    const got = await edges(text);
    assert.ok(got.some((e) => e.startsWith(`${us} > ${them} [reports]`)), got.join('; '));
    assert.ok(!got.some((e) => e.includes('North African')), `the words of the phrase are no party: ${got.join('; ')}`);
    assert.ok(!got.some((e) => e.startsWith(`${us} > ${us}`)), got.join('; '));
  }
});

test('a capital possessor: "X-capital accused its neighbour" names the state last named that is not X', async () => {
  for (const [us, them] of SIDES) {
    const text = `The ${DEMONYM[us]} foreign minister announced the decision to cut ties with ${them} on Tuesday.\n\n${CAPITAL[us]} accused its neighbour of providing support to an armed separatist movement.`;
    const got = await edges(text);
    assert.ok(got.some((e) => e.startsWith(`${us} > ${them} [reports]`)), got.join('; '));
  }
});

test('"Country, Foreign Minister X said": the minister is not the country of the clause before the comma', async () => {
  for (const [us, them] of SIDES) {
    const text = `${us} is cutting diplomatic relations with ${them}, Foreign Minister Karim Bensalem said on Tuesday at a news conference, accusing its neighbour of hostile actions.\n\nHe explained that ${them}'s foreign minister was the true mastermind behind the campaign, according to Reuters.`;
    const got = await edges(text);
    assert.ok(got.some((e) => e.startsWith(`Karim Bensalem > ${them} [reports]`)), got.join('; '));
    assert.ok(!got.some((e) => e.startsWith('Reuters >')), `the wire relays the minister's words: ${got.join('; ')}`);
    assert.ok(!got.some((e) => e.includes('> Karim Bensalem')), `he is not the other side's minister: ${got.join('; ')}`);
  }
});

test('"X further accused Y": an adverb ending in "her" is no possessive', async () => {
  for (const [us, them] of SIDES) {
    const text = `${DEMONYM[us]} Foreign Minister Karim Bensalem spoke in ${CAPITAL[us]}. Bensalem further accused ${them} of spying on ${DEMONYM[us]} officials, the agency reported.`;
    const got = await edges(text);
    assert.ok(got.some((e) => e.startsWith(`Karim Bensalem > ${them} [reports]`)), got.join('; '));
  }
});

test('"X is accusing Y": the progressive is no passive', async () => {
  for (const [us, them] of SIDES) {
    const got = await edges(`${us}'s military is accusing ${them} of orchestrating attacks by an armed group along the border.`);
    assert.ok(got.some((e) => e.startsWith(`${us} > ${them} [reports]`)), got.join('; '));
    assert.ok(!got.some((e) => e.endsWith(`> ${us} [reports]`)), `the accuser is not the accused: ${got.join('; ')}`);
  }
});

test('"X, considered close to Y, accused Z": the party inside the apposition is not the accuser', async () => {
  for (const [us, them] of SIDES) {
    const text = `${us}'s state news agency Wafa News, considered close to the National Security Council, accused ${them} of being involved in the attack.`;
    const got = await edges(text);
    assert.ok(got.some((e) => e.startsWith(`Wafa News > ${them}`)), got.join('; '));
    assert.ok(!got.some((e) => e.startsWith('National Security Council') || e.startsWith('United Nations Security Council')), got.join('; '));
  }
});

test('"accused Country-based groups of …": where a group is based is not whom the charge names', async () => {
  for (const [us, them] of SIDES) {
    const got = await edges(`${us}'s interior ministry accused ${them}-based opposition groups of smuggling explosives.`);
    assert.ok(!got.some((e) => e.includes(`> ${them} `)), got.join('; '));
  }
});

test('"not supported by any country except X": the exception is affirmed, not denied', async () => {
  for (const [us, them] of SIDES) {
    const text = `“The destabilising actions of the rebels have not been supported by any country except ${them},” the ${DEMONYM[us]} prime minister said.`;
    const got = await edges(text);
    assert.ok(got.some((e) => e.includes(`> ${them} [reports]`)), got.join('; '));
    assert.ok(!got.some((e) => e.endsWith(`> ${them} [denies]`)), got.join('; '));
  }
  // a plain negation still denies
  const plain = await edges('The rebels have not been supported by Libya, the report concluded.');
  assert.ok(!plain.some((e) => e.endsWith('> Libya [reports]') || e.endsWith('> Libya [asserts]')), plain.join('; '));
});

test('background "X backs Y" in a wire that quotes the parties is not the outlet\'s own accusation', async () => {
  for (const [us, them] of SIDES) {
    const wire = `“We have decided to sever relations with ${them},” ${us}'s foreign minister said at a press conference.\n\nThe two countries have long had a fractious relationship. ${us} backs the Sahel Liberation Front, which seeks independence for a border region.`;
    const got = await edges(wire);
    assert.ok(!got.some((e) => e.endsWith(`> ${us} [asserts]`)), got.join('; '));
    // a sentence that attributes the support is no background: "…, the United Nations confirmed"
    const confirmed = await edges(`“We have decided to sever relations,” the foreign minister said.\n\n${us} has supported the Sahel Liberation Front's operations, the United Nations confirmed.`);
    assert.ok(confirmed.some((e) => e.endsWith(`> ${us} [asserts]`)), confirmed.join('; '));
  }
});

test('"Kim Jong Un" is a person, not the UN', async () => {
  // the gazetteer's "the UN" folded to "un" and matched the last word of the name
  const got = await edges('According to the North\'s state-run media, leader Kim Jong Un watched a drone attack drill on a simulated target.');
  assert.ok(!got.some((e) => e.includes('United Nations')), got.join('; '));
});

test('"It added that …": a sentence opened by a pronoun and a speech verb carries on the last speaker', async () => {
  for (const [us, them] of SIDES) {
    const text = `The newspaper Al Watan Daily said the claim that the drones came from ${us} was a farce. It added that ${CAPITAL[them]} is trying to provoke a war.`;
    const got = await edges(text);
    assert.ok(got.includes(`Al Watan Daily > ${them} [reports]`), got.join('; '));
  }
});

test('"a drone attack drill": a rehearsal is no attack', async () => {
  for (const [us] of SIDES) {
    const got = await edges(`According to ${us}'s state-run media, leader Kais Ben Salem watched a drone attack drill on a simulated target.`);
    assert.ok(!got.some((e) => e.includes('[reports]') || e.includes('[asserts]')), got.join('; '));
  }
});

test('the article\'s own voice: falsehoods it charges a party with, and a provocation beside its own condemning word', async () => {
  for (const [us, them] of SIDES) {
    const own = await edges(`${us}’s government has been using its press channels to share fake news about an imaginary war.`);
    assert.ok(own.some((e) => e.endsWith(`> ${us} [asserts]`)), own.join('; '));
    const loaded = await edges(`The reckless provocations of the ${DEMONYM[them]} regime threaten the whole region.`);
    assert.ok(loaded.some((e) => e.endsWith(`> ${them} [asserts]`)), loaded.join('; '));
    // a provocation in plain words stays event reporting
    const plain = await edges(`The talks broke down after the provocations of the ${DEMONYM[them]} regime at the border.`);
    assert.ok(!plain.some((e) => e.endsWith(`> ${them} [asserts]`)), plain.join('; '));
  }
});

test('"The court dismisses X\'s case alleging Y funded Z": the owner of the filing accuses, not the court', async () => {
  for (const [us, them] of SIDES) {
    const got = await edges(`The International Court of Justice dismisses ${us}'s genocide case alleging ${DEMONYM[them]} officials funded the rebels.`);
    assert.ok(got.some((e) => e.startsWith(`${us} > ${them}`)), got.join('; '));
    assert.ok(!got.some((e) => e.startsWith('International Court of Justice')), got.join('; '));
  }
});

test('a charge word closed by a quotation mark ("… had “water cannoned” one of its vessels") is still read', async () => {
  for (const [us, them] of SIDES) {
    const got = await edges(`The Armed Forces of ${us} said the ${DEMONYM[them]} coast guard had “blocked and water cannoned” one of its chartered vessels.`);
    assert.ok(got.some((e) => e.startsWith(`${us} > ${them} [reports]`)), got.join('; '));
  }
});

test('"In a statement it accused Y …": "it" / "they" is the body that spoke last, never a person', async () => {
  for (const [us, them] of SIDES) {
    const body = await edges(`The ${DEMONYM[us]} Foreign Ministry said the repeated hostile actions against ${us} necessitate a review of relations.\nIn a statement it accused ${them} of continuous hostile acts against ${us}.`);
    assert.ok(body.some((e) => e.startsWith(`${DEMONYM[us]} Foreign Ministry > ${them} [reports]`)), body.join('; '));
    const person = await edges(`Karim Bensalem said the talks had failed.\nIn a statement they accused ${them} of continuous hostile acts against ${us}.`);
    assert.ok(!person.some((e) => e.startsWith('Karim Bensalem >')), person.join('; '));
  }
});
