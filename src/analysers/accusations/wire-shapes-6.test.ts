import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distinctEdges as edges } from '../../../test/support/accusations.js';

/**
 * Issue 14, sixth round: the shapes the heldout-6a real pages (China–Taiwan, Russia–Georgia) and
 * the rest of heldout-5 showed — inverted unquoted speech, speakers carried on by a pronoun or a
 * colon, a role set off by commas, "called it …", a second verb sharing the subject, a charge
 * rejected by the accused, the charged party of a "by …ing" means — each written here as our own
 * wire copy, and each run with the two sides swapped.
 */

const SIDES: Array<[string, string]> = [['Armenia', 'Azerbaijan'], ['Azerbaijan', 'Armenia']];
const DEMONYM: Record<string, string> = { Armenia: 'Armenian', Azerbaijan: 'Azerbaijani' };
const CAPITAL: Record<string, string> = { Armenia: 'Yerevan', Azerbaijan: 'Baku' };

test('inverted unquoted speech: "…, the ministry said on Monday." holds the words before the comma', async () => {
  for (const [us, them] of SIDES) {
    const text = `${DEMONYM[us]} Foreign Ministry spokesman Karen Aliyan spoke to reporters.\n\n${them} has made illegal border crossings more frequent, Aliyan said on Monday.`;
    const got = await edges(text);
    assert.ok(got.some((e) => e.startsWith(`Karen Aliyan > ${them} [reports]`)), got.join('; '));
    assert.ok(!got.some((e) => e.includes(`> ${us}`)), got.join('; '));
  }
});

test('inverted unquoted speech by a body or a document: "…, the report said."', async () => {
  for (const [us, them] of SIDES) {
    const text = `A ${DEMONYM[us]} National Security Service report to parliament was published on Tuesday.\n\n${them} is also trying to squeeze ${DEMONYM[us]} farmers by weaponizing the economy, the report said.`;
    const got = await edges(text);
    assert.ok(got.some((e) => e.endsWith(`> ${them} [reports]`) && !e.startsWith('-')), `the speaker accuses ${them}, the subject of the means: ${got.join('; ')}`);
    assert.ok(!got.some((e) => e.endsWith(`> ${us} [reports]`)), `the farmers' state is not the accused: ${got.join('; ')}`);
  }
});

test('not inverted: "…, the ministry said that Y …" keeps the claim after the verb; a relay keeps its speaker', async () => {
  for (const [us, them] of SIDES) {
    const text = `In a statement on Monday, the ${DEMONYM[us]} ministry said that ${them} had shelled the border villages.\n\nForeign Minister Karen Aliyan accused ${them} of spying on officials, the agency reported.`;
    const got = await edges(text);
    assert.ok(got.some((e) => e.endsWith(`> ${them} [reports]`) && e.includes(us.slice(0, 5))), got.join('; '));
    assert.ok(got.some((e) => e.startsWith(`Karen Aliyan > ${them} [reports]`)), got.join('; '));
    assert.ok(!got.some((e) => e.startsWith('agency >')), `the agency relays the minister: ${got.join('; ')}`);
  }
});

test('"…, it added." at the end of a sentence carries on the last speaker, not a name inside the words', async () => {
  for (const [us, them] of SIDES) {
    const text = `The ${DEMONYM[us]} Foreign Ministry said ${them} had violated the ceasefire overnight.\n\nDiplomatically, ${them} is stepping up efforts to malign and distort UN Resolution 884 and emphasize that the region is its own, it added.`;
    const got = await edges(text);
    assert.ok(got.some((e) => e.includes(`${DEMONYM[us]} Foreign Ministry > ${them}`) || e.includes(`${us} Foreign Ministry > ${them}`)), got.join('; '));
    assert.ok(!got.some((e) => e.startsWith('Resolution')), `a resolution is not a speaker: ${got.join('; ')}`);
  }
});

test('"The spokesman, Name, said …": a role set off by commas before the name', async () => {
  for (const [us, them] of SIDES) {
    const text = `The ${DEMONYM[us]} defence ministry's spokeswoman, Lilit Harutyunyan, said ${them} had violated the agreement on the line of contact.`;
    const got = await edges(text);
    assert.ok(got.some((e) => e.startsWith(`Lilit Harutyunyan > ${them} [reports]`)), got.join('; '));
    assert.ok(!got.some((e) => e.startsWith(`${them} had`)), `the claim is not a source: ${got.join('; ')}`);
  }
});

test('"The minister called it “another provocation by X”": the role resolves to the person named with it', async () => {
  for (const [us, them] of SIDES) {
    const text = `${us}’s task is to stay on course, said Anna Petrosyan, ${us}’s defense minister, commenting on a new banner near the border villages.\n\nThe minister called it “another provocation by ${them}” and said ${us} must remain calm.`;
    const got = await edges(text);
    assert.ok(got.some((e) => e.startsWith(`Anna Petrosyan > ${them} [reports]`)), got.join('; '));
  }
});

test('"X says it is concerned by …, and accuses Y of …": the second verb shares the subject; "and the Z" joins the objects', async () => {
  for (const [us, them] of SIDES) {
    const text = `${us} says it is concerned by the more frequent provocative statements of ${them} towards the border regions, and accuses the ${DEMONYM[them]} Foreign Ministry and the European Union of ‘provocative activities.’`;
    const got = await edges(text);
    assert.ok(got.some((e) => e.startsWith(`${us} > ${them}`)), got.join('; '));
    assert.ok(got.some((e) => e.startsWith(`${us} > European Union [reports]`)), got.join('; '));
  }
});

test('"X condemns the provocative steps of Y": the condemner is not the one who took the steps', async () => {
  for (const [us, them] of SIDES) {
    const text = `“The Foreign Ministry condemns the provocative steps of ${CAPITAL[them]} that constitute a threat to security,” the ${DEMONYM[us]} Foreign Ministry said in a statement.`;
    const got = await edges(text);
    assert.ok(got.some((e) => e.endsWith(`> ${them} [reports]`) && e.includes('Foreign Ministry')), got.join('; '));
    assert.ok(!got.some((e) => e.includes('> Foreign Ministry') || e.endsWith(`Foreign Ministry [reports]`)), got.join('; '));
  }
});

test('"Y denied accusations from X that it …", "Y rejected X\'s claims": X accuses Y, the article reports it', async () => {
  for (const [us, them] of SIDES) {
    const got = await edges(`${them} on Friday denied accusations from ${us} that it sent unarmed drones over the border.\n\n${them} rejected ${us}'s claims of shelling near the river.`);
    assert.ok(got.some((e) => e.startsWith(`${us} > ${them} [reports]`)), got.join('; '));
    assert.ok(!got.some((e) => e.startsWith(`${them} > ${us}`)), got.join('; '));
  }
  const court = await edges('The court rejected Armenia\'s claims of shelling near the river.');
  assert.ok(!court.some((e) => e.includes('> court') || e.includes('Court')), `a court ruling on a claim is not accused: ${court.join('; ')}`);
});

test('"criticized the country for …": a nominal anaphor names the sentence\'s last state; a long name with a particle is a person', async () => {
  for (const [us, them] of SIDES) {
    const text = `Reacting to ${them}’s relentless salvo of fake news, former ${DEMONYM[us]} envoy Mustafa Salma Ould Sidi Mouloud criticized the country for being in denial.`;
    const got = await edges(text);
    assert.ok(got.some((e) => e.startsWith(`Mustafa Salma Ould Sidi Mouloud > ${them} [reports]`)), got.join('; '));
  }
});

test('"Polisario\'s alleged attacks": an adjective after a possessive is no accusation act', async () => {
  for (const [us, them] of SIDES) {
    const got = await edges(`${DEMONYM[us]} state media's border section is full of content regarding ${them}’s alleged attacks on the army.`);
    assert.ok(!got.some((e) => e.includes(`> ${us}`) || e.startsWith('border')), got.join('; '));
  }
});

test('"It goes on:" hands the following sentences to the commentary\'s speaker, not the outlet', async () => {
  for (const [us, them] of SIDES) {
    const text = `The ${DEMONYM[us]} daily Azatutyun says in a commentary that this brings to light the sinister intention of the warmongers.\n\nIt goes on:\n\nThe reckless provocation moves of the ${DEMONYM[them]} military are fanning up the war hysteria of ${them}.`;
    const got = await edges(text);
    assert.ok(got.some((e) => e.startsWith(`Azatutyun > ${them} [reports]`)), got.join('; '));
    assert.ok(!got.some((e) => e.startsWith('wire.txt') || e.includes('[asserts]')), `not the outlet's own assertion: ${got.join('; ')}`);
  }
});

test('a state\'s own lower-case compass word: "south Korean puppet military" is South Korea, "north Korean" North Korea', async () => {
  for (const [x, y] of [['south', 'North'], ['north', 'South']]) {
    const text = `${y} Korea's Defence Ministry spokesman Kim Min-jun said the ${x} Korean military had violated the agreement.`;
    const got = await edges(text);
    const them = `${x[0].toUpperCase()}${x.slice(1)} Korea`;
    assert.ok(got.some((e) => e.startsWith('Kim Min-jun >') && e.includes(`> ${them} [reports]`)), got.join('; '));
  }
});

test('a sentence-case headline names its people; "“…,” the prime minister said" is the person named with that role', async () => {
  for (const [us, them] of SIDES) {
    const text = `${DEMONYM[us]} Prime Minister, Vahan Karapetyan, yesterday accused ${them} of spreading false news about the situation in the border districts.\n\n"The destabilising actions carried out by the Lachin rebels have not been supported by any country except ${them}," the prime minister said.`;
    const got = await edges(text);
    assert.ok(got.some((e) => e.startsWith(`Vahan Karapetyan > ${them} [reports]`)), got.join('; '));
    assert.ok(!got.some((e) => e.startsWith('-') || e.startsWith('null')), `the quotation has its speaker: ${got.join('; ')}`);
  }
});

test('"the statement said" speaks for the body that issued it', async () => {
  for (const [us, them] of SIDES) {
    const text = `The ${DEMONYM[us]} Foreign Ministry said in a statement that the situation at the border was tense.\n\nThe situation worsened when ${them} shelled the border units overnight, the statement said.`;
    const got = await edges(text);
    assert.ok(got.some((e) => e.includes(`Foreign Ministry > ${them} [reports]`)), got.join('; '));
    assert.ok(!got.some((e) => e.startsWith('statement >')), got.join('; '));
  }
});

test('a fronted means ("By colluding with external forces …, X opposes …, said Z") charges the subject after its comma', async () => {
  for (const [us, them] of SIDES) {
    const text = `Karen Aliyan, a spokesperson for the ${DEMONYM[us]} Foreign Ministry, spoke at a press conference.\n\nBy colluding with external forces and acting as a pawn in a foreign scheme, the ${DEMONYM[them]} government opposes the whole region, said Aliyan.`;
    const got = await edges(text);
    assert.ok(got.some((e) => e.startsWith(`Karen Aliyan > ${them} [reports]`)), got.join('; '));
  }
});

test('a scare-quoted word before the comma of an inverted attribution keeps the clause: \'… seeking "independence," Aliyan said.\'', async () => {
  for (const [us, them] of SIDES) {
    const text = `Karen Aliyan spoke for the ${DEMONYM[us]} government.\n\n${them} is setting itself against the whole region with its provocative actions seeking "independence," Aliyan said on Friday.`;
    const got = await edges(text);
    assert.ok(got.some((e) => e.startsWith(`Karen Aliyan > ${them} [reports]`)), got.join('; '));
  }
});

test('a speaker, a colon, then the words ("The embassy at the end of May: ‘… forces have erected unauthorised fences …’")', async () => {
  for (const [us, them] of SIDES) {
    const text = `The ${DEMONYM[us]} embassy at the end of May: ‘over the past two weeks ${DEMONYM[them]}-led security forces have erected unauthorised fences near 12 villages.’`;
    const got = await edges(text);
    assert.ok(got.some((e) => e.startsWith(`${DEMONYM[us]} Embassy > ${them} [reports]`)), got.join('; '));
  }
  const got = await edges('The US embassy said on Monday it was concerned. US embassy at the end of May: ‘over the past two weeks Armenian forces have erected unauthorised fences near the villages.’');
  assert.ok(got.some((e) => e.startsWith('US Embassy > Armenia')), `an abbreviation keeps its written form, the name a capitalised "US Embassy" gets: ${got.join('; ')}`);
});

test("a commentary's own voice: 'the X puppet military warmongers are getting more frantic in their rackets of confrontation against Y'", async () => {
  for (const [us, them] of SIDES) {
    const text = `Recently, the ${DEMONYM[them]} puppet military warmongers are getting more frantic in their rackets of confrontation against ${us}.`;
    const got = await edges(text);
    assert.ok(got.some((e) => e.endsWith(`> ${them} [asserts]`)), got.join('; '));
    assert.ok(!got.some((e) => e.includes(`> ${us}`)), got.join('; '));
  }
});

test('"anti-Y propaganda": Y is the target of the propaganda, not its author', async () => {
  for (const [us, them] of SIDES) {
    const got = await edges(`“${us} dropped a huge number of anti-${them} propaganda leaflets over the capital,” the ${DEMONYM[them]} Foreign Ministry said.`);
    assert.ok(!got.some((e) => e.endsWith(`> ${them} [reports]`)), got.join('; '));
  }
});

test('"denounced the collusion between the X authorities in Z and external forces including W": W is accused too, Z is where', async () => {
  for (const [us, them] of SIDES) {
    const text = `A ${DEMONYM[us]} Foreign Ministry spokesperson, Karen Aliyan, on Wednesday denounced the collusion between the Lachin Council (LC) authorities in ${them} and external forces including the European Union.`;
    const got = await edges(text);
    assert.ok(got.some((e) => e.startsWith('Karen Aliyan > European Union [reports]')), got.join('; '));
    assert.ok(got.some((e) => e.startsWith('Karen Aliyan > Lachin Council')), got.join('; '));
  }
});
