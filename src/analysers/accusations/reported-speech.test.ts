import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distinctEdges as edges } from '../../../test/support/accusations.js';

/**
 * Issue 14, classes 1 and 2 (voice, actors), third round: the shapes the held-out real pages
 * showed, each written here as our own wire, statement or report, and each run with the two
 * sides swapped (the same rule must hold for either party of a dispute).
 */

/** Both orders of a pair of parties. */
const SIDES: Array<[string, string]> = [['Niger', 'Chad'], ['Chad', 'Niger']];
const DEMONYM: Record<string, string> = { Niger: 'Nigerien', Chad: 'Chadian' };

test('a relation inside quotation marks is the quoted speaker\'s words: the article reports them, it does not assert them', async () => {
  for (const [us, them] of SIDES) {
    const text = `The ${DEMONYM[us]} government issued a note on Tuesday.\n\n“The content of the letter shows that ${them} clearly acknowledges its support for the Wagga rebels,” reads the note signed by Amadou Sidibe, the government spokesman.`;
    const got = await edges(text);
    assert.ok(got.includes(`Amadou Sidibe > ${them} [reports]`), got.join('; '));
    assert.ok(!got.some((e) => e.endsWith('[asserts]')), `nothing is the article's own: ${got.join('; ')}`);
  }
});

test('a quoted denial by the accused\'s own side is no accusation of itself', async () => {
  for (const [us] of SIDES) {
    const text = `A statement from the Office of the ${DEMONYM[us]} Government Spokesperson was published on Wednesday.\n\n“It is a mistake to conflate the measures that ${us} has put in place to guard its borders with support for any armed group,” the statement reads.`;
    const got = await edges(text);
    assert.ok(!got.some((e) => e.endsWith(`> ${us} [asserts]`) || e.endsWith(`> ${us} [reports]`) && !e.startsWith('-')), got.join('; '));
  }
});

test('"claims by X and Y of Z supporting …": X and Y make the claim', async () => {
  for (const [us, them] of SIDES) {
    const text = `The statement follows renewed claims by France and Belgium of ${them} supporting the rebels who took up arms against ${us}.`;
    const got = await edges(text);
    assert.ok(got.includes(`France > ${them} [reports]`) && got.includes(`Belgium > ${them} [reports]`), got.join('; '));
    assert.ok(!got.some((e) => e.endsWith('[asserts]')), got.join('; '));
  }
});

test('"X said that accusing Y of … is wrong": a gerund subject names no accuser, and X does not accuse himself', async () => {
  for (const [us] of SIDES) {
    const text = `A statement from the ${DEMONYM[us]} Foreign Ministry on Wednesday said that accusing ${us} of support to the armed group is wrong.`;
    const got = await edges(text);
    assert.ok(!got.some((e) => e.startsWith(`${DEMONYM[us]} Foreign Ministry >`)), got.join('; '));
  }
});

test('"the statement reads" is the body named as the statement\'s source, even paragraphs later', async () => {
  for (const [us, them] of SIDES) {
    const text = `A statement from the ${DEMONYM[us]} Interior Ministry on Friday gave its account.\n\nThe statement follows renewed tension along the river.\n\n“The border posts were attacked by ${DEMONYM[them]} forces at dawn,” the statement reads.`;
    const got = await edges(text);
    assert.ok(got.includes(`${DEMONYM[us]} Interior Ministry > ${them} [reports]`), got.join('; '));
  }
});

test('quoted paragraphs that follow a signed quotation unsigned are the same speaker\'s; an unclosed one runs to its paragraph\'s end', async () => {
  for (const [us, them] of SIDES) {
    const text = `“We will defend our citizens,” said Moussa Kone, the ${DEMONYM[us]} defence minister.\n\n“Our territory has been repeatedly violated over the years by ${DEMONYM[them]} forces and their militias, including a raid that killed nine villagers.`;
    const got = await edges(text);
    assert.ok(got.includes(`Moussa Kone > ${them} [reports]`), got.join('; '));
    assert.ok(!got.some((e) => e.endsWith(`> ${us} [reports]`)), `the passive's subject suffered it: ${got.join('; ')}`);
  }
});

test('"“…,” he said" after a that-clause naming someone else is the person who spoke in his own clause', async () => {
  for (const [us, them] of SIDES) {
    const text = `${DEMONYM[us]} Prime Minister Ali Mahamat claimed that the raid was planned and recalled that the militia leader Idriss Hamid was often seen next to ${DEMONYM[them]} President Oumar Saleh. “The ${DEMONYM[them]} President is behind the attack,” he said.`;
    const got = await edges(text);
    assert.ok(got.includes(`Ali Mahamat > Oumar Saleh [reports]`), got.join('; '));
    assert.ok(!got.some((e) => e.startsWith('Idriss Hamid') || e.startsWith('Oumar Saleh > Oumar Saleh')), got.join('; '));
  }
});

test('a subject pronoun inside a quotation stands for the claim\'s party of its kind, not the nearest name', async () => {
  for (const [us, them] of SIDES) {
    const text = `“${them} does not want peace, it does not want to join the African Union but it does want to destabilize our country,” ${DEMONYM[us]} President Oumar Saleh said.`;
    const got = await edges(text);
    assert.ok(got.includes(`Oumar Saleh > ${them} [reports]`), got.join('; '));
    assert.ok(!got.some((e) => e.includes('> African Union')), got.join('; '));
  }
  const person = `“All this is organised by Ali Mahamat, who wants a clash between the herders and the African Union, and he is the only one guilty of what is happening,” Oumar Saleh said.`;
  const got = await edges(person);
  assert.ok(got.includes('Oumar Saleh > Ali Mahamat [reports]'), got.join('; '));
  assert.ok(!got.some((e) => e.includes('> African Union')), got.join('; '));
});

test('"accused the “premier” of X of …": a scare-quoted role of a state, resolved to the holder the text names later', async () => {
  for (const [us, them] of SIDES) {
    const text = `The ${DEMONYM[us]} authorities accused the “premier” of ${them} of trying to occupy the north of the region.\n\n${DEMONYM[them]} Prime Minister Ali Mahamat rejected the charge.`;
    const got = await edges(text);
    assert.ok(got.includes(`${us} > Ali Mahamat [reports]`), got.join('; '));
  }
});

test('"accused the EU\'s rule of law mission (EULEX) of not …": the body in brackets is accused, not its owner; "holds X PM Y responsible" blames Y', async () => {
  for (const [us, them] of SIDES) {
    const text = `${DEMONYM[us]} President Oumar Saleh on Sunday accused the African Union's monitoring mission in ${them} (AUMIS) of not conducting appropriate monitoring and not helping de-escalate tensions, for which he holds ${them} PM Ali Mahamat responsible.`;
    const got = await edges(text);
    assert.ok(got.includes(`Oumar Saleh > AUMIS [reports]`), got.join('; '));
    assert.ok(got.includes(`Oumar Saleh > Ali Mahamat [reports]`), got.join('; '));
    assert.ok(!got.some((e) => e.includes('> African Union')), got.join('; '));
  }
});

test('the object of "in Northern X" is where something happened, not who did it', async () => {
  for (const [us, them] of SIDES) {
    const text = `“Our forces were attacked in October by ${DEMONYM[them]} troops, in a raid in Northern ${us} that killed nine villagers,” said Moussa Kone, the ${DEMONYM[us]} defence minister.`;
    const got = await edges(text);
    assert.ok(got.includes(`Moussa Kone > ${them} [reports]`), got.join('; '));
    assert.ok(!got.some((e) => e.endsWith(`> ${us} [reports]`)), got.join('; '));
  }
});

test('capitals of every country stand for their government at the start of a sentence too', async () => {
  const pairs: Array<[string, string, string, string]> = [['Belgrade', 'Pristina', 'Serbia', 'Kosovo'], ['Kigali', 'Kinshasa', 'Rwanda', 'Congo - Kinshasa'], ['Phnom Penh', 'Bangkok', 'Cambodia', 'Thailand']];
  for (const [a, b, sa, sb] of pairs) {
    for (const [x, y, sx, sy] of [[a, b, sa, sb], [b, a, sb, sa]]) {
      const got = await edges(`${x} accused ${y} of provoking clashes along the border.`);
      assert.ok(got.includes(`${sx} > ${sy} [reports]`), `${x} / ${y}: ${got.join('; ')}`);
    }
  }
});

test('"X, a spokesman for Y, said that …" and a later "according to the spokesperson": both are X speaking', async () => {
  for (const [us, them] of SIDES) {
    const text = `Idriss Hamid, a spokesman for the ${DEMONYM[us]} Coast Guard, said that the ${DEMONYM[them]} convoy forcibly intruded into the area.\n\nAccording to the spokesperson, ${them} broke its promise by sending two supply boats.`;
    const got = await edges(text);
    assert.ok(got.includes(`Idriss Hamid > ${them} [reports]`), got.join('; '));
    assert.ok(!got.some((e) => e.startsWith('- >')), `the spokesperson is named: ${got.join('; ')}`);
  }
});

test('a full stop glued to the next sentence by a scraper still ends the sentence: the next speaker is not the last one', async () => {
  for (const [us, them] of SIDES) {
    const text = `The coast guard acted in accordance with the law, according to a spokesperson from the ${DEMONYM[us]} Ministry of Foreign Affairs.Ali Mahamat, the spokesperson, said that the two ${DEMONYM[them]} vessels barged into the waters off the Wagga Reef.`;
    const got = await edges(text);
    assert.ok(got.includes(`Ali Mahamat > ${them} [reports]`), got.join('; '));
    assert.ok(!got.some((e) => e.includes('Wagga Reef')), `a reef is a place, not a party: ${got.join('; ')}`);
  }
});

test('"accused the X Coast Guard Sunday of …": a weekday ends the name', async () => {
  for (const [us, them] of SIDES) {
    const got = await edges(`MANILA - ${us} accused the ${them} Coast Guard Sunday of firing water cannon at its vessels.`);
    assert.ok(got.some((e) => e.startsWith(`${us} > ${them} Coast Guard [`)), got.join('; '));
    assert.ok(!got.some((e) => e.includes('Sunday')), got.join('; '));
  }
});

// Round 4: structural shapes of reported speech, each for either party

test('"urged X to halt these …": the party asked to stop is the one accused', async () => {
  for (const [us, them] of SIDES) {
    const got = await edges(`Health Minister Moussa Traore said civilians had been killed in ${us}. “We urge the ${DEMONYM[them]} government to immediately halt these war criminal actions,” he said.`);
    assert.ok(got.some((e) => e.startsWith('Moussa Traore > ') && (e.endsWith(`> ${DEMONYM[them]} government [reports]`) || e.endsWith(`> ${them} [reports]`))), got.join('; '));
  }
});

test('"X persists in its armed aggression": the owner of "its" is the party of the clause', async () => {
  for (const [us, them] of SIDES) {
    const got = await edges(`The ${DEMONYM[us]} Foreign Ministry said it was prepared to act if ${them} persists in its armed aggression.`);
    assert.ok(got.includes(`${DEMONYM[us]} Foreign Ministry > ${them} [reports]`), got.join('; '));
    // a backer named by "its sponsors" is someone else, not the owner of "its"
    const sponsors = await edges(`The ${DEMONYM[us]} Foreign Ministry said that responsibility for everything that the ${DEMONYM[them]} regime does lies with its sponsors and founders in Paris.`);
    assert.ok(sponsors.some((e) => /> (?:France|Paris) \[/u.test(e)), sponsors.join('; '));
  }
});

test('a dateline glued before the first sentence is not part of its speaker', async () => {
  for (const [us, them] of SIDES) {
    const got = await edges(` date 2025-08-10 ${DEMONYM[us]} Army spokesman Colonel Idrissa Mahamat said that on August 9 two soldiers stepped on a mine.\nHe alleged that ${DEMONYM[them]} forces had covertly planted the mines near the base.`);
    assert.ok(got.includes(`Idrissa Mahamat > ${them} [reports]`), got.join('; '));
  }
});

test('"Role, Name, informed an outlet that …": the named person speaks, not the outlet told', async () => {
  for (const [us, them] of SIDES) {
    const got = await edges(`The ${DEMONYM[us]} army spokesperson, Ahmed Saleh Issa, informed Sahel Tribune that “the army thwarted the largest drone attack carried out by ${them} on the city.”`);
    assert.ok(got.includes(`Ahmed Saleh Issa > ${them} [reports]`), got.join('; '));
    assert.ok(!got.some((e) => e.startsWith('Sahel Tribune')), got.join('; '));
  }
});

test('the article\'s distance from a charge it relays ("the alleged …", "X claimed that …") is marked on the finding, for either side', async () => {
  const { analyzeAccusations } = await import('../accusations.js');
  const { createContext } = await import('../../pipeline/context.js');
  const { plainDocument, testResources } = await import('../../../test/support/context.js');
  for (const [us, them] of SIDES) {
    const marked = async (text: string): Promise<boolean[]> =>
      analyzeAccusations(createContext(plainDocument(text), await testResources())).map((f) => (f.data as { distanced?: boolean }).distanced === true);
    assert.deepEqual(await marked(`${them} claimed that ${us} had shelled the border villages.`), [true]);
    assert.deepEqual(await marked(`${them} accused ${us} of the alleged drone incursion over the capital.`), [true]);
    assert.deepEqual(await marked(`${them} said that ${us} had shelled the border villages.`), [false]);
  }
});

test('the article\'s own loaded charge is its accusation; plain event reporting and quoted words are not', async () => {
  for (const [us, them] of SIDES) {
    const own = await edges(`The spokesman spoke on Saturday, the third day of ${them}'s aggression against ${DEMONYM[us]} sovereignty.\n\nIn a heinous crime, the ${DEMONYM[them]} army committed a massacre against defenceless civilians in the village.`, 'statement.txt');
    assert.ok(own.some((e) => e.endsWith(`> ${them} [asserts]`)), own.join('; '));
    assert.ok(!own.some((e) => e.endsWith(`> ${us} [asserts]`)), own.join('; '));
    const plain = await edges(`${us} said on Monday that its border posts had come under fire.\n\nThe ${DEMONYM[them]} army shelled two villages overnight.`, 'wire.txt');
    assert.ok(!plain.some((e) => e.endsWith('[asserts]')), `plain event reporting in a text that attributes: ${plain.join('; ')}`);
    const quoted = await edges(`“The ${DEMONYM[them]} army committed a heinous massacre,” the ${DEMONYM[us]} government said.`, 'wire.txt');
    assert.ok(!quoted.some((e) => e.endsWith('[asserts]')), quoted.join('; '));
  }
});

test('"X, Y\'s Minister of Foreign Affairs, said …", "accused A and neighbouring states including B and C of …", "X and Y are working with …", an outlet glued before the speaker', async () => {
  for (const [us, them] of SIDES) {
    const apposition = await edges(`Moussa Traore, ${us}'s Minister of Foreign Affairs, said there is credible evidence that ${them} and the Wagga rebels are working closely with armed groups.`);
    assert.ok(apposition.includes(`Moussa Traore > ${them} [reports]`), apposition.join('; '));
    assert.ok(apposition.some((e) => e.startsWith('Moussa Traore > ') && e.includes('Wagga')), `each party of the subject: ${apposition.join('; ')}`);
    const list = await edges(`${us}'s government has accused Libya and neighbouring African states including ${them} and Mali of supporting the rebels.`);
    for (const x of ['Libya', them, 'Mali']) assert.ok(list.some((e) => e.startsWith(us) && e.endsWith(`> ${x} [reports]`)), `${x}: ${list.join('; ')}`);
    const glued = await edges(`Sahel Wire/ The ${DEMONYM[us]} Ministry of Foreign Affairs has urged the world to end attacks by ${them}.`);
    assert.ok(glued.some((e) => e.includes('Ministry of Foreign Affairs >') && e.endsWith(`> ${them} [reports]`)), glued.join('; '));
    assert.ok(!glued.some((e) => e.startsWith('Sahel Wire')), glued.join('; '));
  }
});

test('"X\'s repeated aggressive and illegal actions in the Y Sea": X is accused, the sea is only where', async () => {
  for (const [us, them] of SIDES) {
    const got = await edges(`${DEMONYM[us]} Coast Guard spokesperson Amadou Sidibe said the demand is an attempt to deflect attention from ${them}'s repeated aggressive and illegal actions in the West Sahel Sea.`);
    assert.ok(got.includes(`Amadou Sidibe > ${them} [reports]`), got.join('; '));
    assert.ok(!got.some((e) => e.includes('Sahel Sea')), got.join('; '));
  }
});
