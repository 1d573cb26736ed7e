import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plainDocument, testResources } from '../../../test/support/context.js';
import { createContext } from '../../pipeline/context.js';
import { analyzeAccusations, type AccusationData } from '../accusations.js';
import { loadLexicons } from '../techniques/lexicons.js';
import { applyRules } from '../techniques/rules.js';
import { tokenize } from '../../nlp/tokens.js';
import { describesDesignatedGroup } from '../techniques/designations.js';
import { readFileSync } from 'node:fs';
import { dataPath } from '../../core/paths.js';

/**
 * Class 3 of issue 14: both sides' vocabulary. Each class lists the phrasings one side uses
 * and the phrasings the other side uses of the same thing ("harbours" / "created", "safe
 * haven" / "a tool of"); every phrasing must be read, with either country in either role.
 */

async function accusations(text: string): Promise<AccusationData[]> {
  const ctx = createContext(plainDocument(text), await testResources());
  return analyzeAccusations(ctx).map((f) => f.data as AccusationData);
}

const PAIRS: Array<[string, string]> = [['Niger', 'Chad'], ['Chad', 'Niger']];

const CLASSES: Record<string, { relation: string; phrasings: string[] }> = {
  'harbouring (the framing of the side that suffers the attacks)': {
    relation: 'harbours',
    phrasings: ['{X} shelters Boko Haram commanders.', '{X} provides a safe haven for Boko Haram.', 'Boko Haram operates from {X}.', '{X} gives refuge to Boko Haram.', 'Boko Haram has camps in {X}.', '{X} turns a blind eye to Boko Haram.', '{X} tolerates Boko Haram.'],
  },
  'creating and running a proxy (the framing of the side accused of harbouring)': {
    relation: 'supports',
    phrasings: [
      '{X} created Boko Haram.', '{X} trains Boko Haram fighters.', '{X} finances Boko Haram.', '{X} uses Boko Haram as a proxy.', '{X} installed Boko Haram in the border districts.',
      '{X} nurtured Boko Haram for years.', 'Boko Haram is a tool of {X}.', 'Boko Haram, backed by {X}, struck again.', 'Boko Haram is a proxy of {X}.', '{X} arms Boko Haram.',
    ],
  },
  'contacts': { relation: 'engages with', phrasings: ['{X} colludes with Boko Haram.', '{X} has ties with Boko Haram.'] },
  'falsehoods': { relation: 'spreads disinformation', phrasings: ['{X} spreads disinformation about the war.', '{X} peddles propaganda about the border.'] },
};

for (const [name, { relation, phrasings }] of Object.entries(CLASSES)) {
  test(`both sides' vocabulary: ${name}`, async () => {
    for (const phrasing of phrasings) {
      for (const [x] of PAIRS) {
        const found = await accusations(phrasing.replace('{X}', x));
        assert.ok(found.some((a) => a.accused === x && a.relation === relation), `"${phrasing.replace('{X}', x)}" → ${x} ${relation}; got ${found.map((a) => `${a.accused} ${a.relation}`).join('; ') || 'nothing'}`);
      }
    }
  });
}

const VOICE: Array<{ phrasing: string; relation: string }> = [
  { phrasing: '“{X} shelled our positions overnight,” the {Y} Defence Ministry said.', relation: 'attacks' },
  { phrasing: '{Y} said {X} had violated the ceasefire.', relation: 'violates agreements' },
  { phrasing: '{Y} accused {X} of deliberate provocation.', relation: 'provokes' },
  { phrasing: '“{X} is spreading false information,” the {Y} government said.', relation: 'spreads disinformation' },
  { phrasing: "“We reject {X}'s propaganda about the border,” the {Y} government said.", relation: 'spreads disinformation' },
  { phrasing: '{Y} accused {X} of war crimes.', relation: 'commits atrocities' },
  { phrasing: '{Y} blamed the attack on {X}.', relation: 'attacks' },
  // the wording of border disputes, used by both sides of each
  { phrasing: '{Y} said {X} had opened indiscriminate fire on border villages.', relation: 'attacks' },
  { phrasing: '“{X} has launched a war of aggression,” the {Y} government said.', relation: 'attacks' },
  { phrasing: '{Y} said {X} had planted new landmines along the patrol route.', relation: 'attacks' },
  { phrasing: '{Y} said {X} had departed from the consensus reached in June.', relation: 'violates agreements' },
  { phrasing: '{Y} said {X} had reneged on the 2013 agreement.', relation: 'violates agreements' },
  { phrasing: '“{X} unilaterally changed the status quo,” the {Y} Foreign Ministry said.', relation: 'provokes' },
  // organising or standing behind violence, guilt, occupation, incursion, abuse: what each side says of the other
  { phrasing: '{Y} said {X} had organised the clashes in the north.', relation: 'provokes' },
  { phrasing: '“{X} is behind the attack,” the {Y} government said.', relation: 'attacks' },
  { phrasing: '“{X} is the only one guilty of what is happening,” the {Y} government said.', relation: 'wrongdoing' },
  { phrasing: '{Y} said {X} was trying to occupy the north of the region.', relation: 'violates agreements' },
  { phrasing: '“{X} keeps sending troops into our border villages,” the {Y} Defence Ministry said.', relation: 'violates agreements' },
  { phrasing: '{Y} said {X} had abducted two shepherds near the river.', relation: 'attacks' },
  { phrasing: '{Y} holds {X} responsible for the shelling of the market.', relation: 'attacks' },
  // maritime and border confrontations short of war: the intruder's charge and the harassed side's charge
  { phrasing: '{Y} said {X} vessels intruded into the waters off the reef.', relation: 'violates agreements' },
  { phrasing: '“{X} broke its promise and illegally entered our waters,” the {Y} Coast Guard said.', relation: 'violates agreements' },
  { phrasing: '{Y} said {X} ships fired water cannon at its supply boats.', relation: 'attacks' },
  { phrasing: '“{X} vessels rammed our patrol boat,” the {Y} Defence Ministry said.', relation: 'attacks' },
  { phrasing: '“{X} deliberately stirred up trouble near the shoal,” the {Y} government said.', relation: 'provokes' },
  { phrasing: "“We condemn {X}'s dangerous manoeuvres,” the {Y} Foreign Ministry said.", relation: 'provokes' },
];

test("both sides' vocabulary: a prefix joined by a hyphen makes another word (\"de-escalate\" is no escalation)", async () => {
  for (const [x, y] of PAIRS) {
    const found = await accusations(`${y} said ${x} had helped de-escalate tensions along the river.`);
    assert.ok(!found.some((a) => a.accused === x && a.relation === 'provokes'), found.map((a) => `${a.accused} ${a.relation}`).join('; '));
  }
});

test("both sides' vocabulary: what each party says of the other, reported by the article", async () => {
  const demonym: Record<string, string> = { Niger: 'Nigerien', Chad: 'Chadian' };
  for (const { phrasing, relation } of VOICE) {
    for (const [x, y] of PAIRS) {
      const text = phrasing.replace('{X}', x).replace('the {Y}', `the ${demonym[y]}`).replace('{Y}', y);
      const found = await accusations(text);
      assert.ok(found.some((a) => a.accused === x && a.relation === relation && a.stance === 'reports' && a.accuser !== null && a.accuser.includes(y === 'Niger' ? 'Nige' : 'Chad')), `"${text}" → ${y} accuses ${x} (${relation}); got ${found.map((a) => `${a.accuser} > ${a.accused} ${a.relation} [${a.stance}]`).join('; ') || 'nothing'}`);
    }
  }
});

test("both sides' vocabulary: the article's own denial words, whichever side's they are", async () => {
  const denials = ["{Y}'s baseless claims that {X} shelters Boko Haram collapse under scrutiny.", "{Y}'s claims that {X} created Boko Haram are a false-flag hoax.", "{Y}'s claims that {X} finances Boko Haram are fabricated propaganda."];
  for (const phrasing of denials) {
    for (const [x, y] of PAIRS) {
      const text = phrasing.replace('{X}', x).replace('{Y}', y);
      const found = await accusations(text);
      assert.ok(found.some((a) => a.accused === x && a.stance === 'denies'), `"${text}" → denies; got ${found.map((a) => `${a.accused} [${a.stance}]`).join('; ')}`);
    }
  }
});

test("both sides' loaded labels are name-calling; 'terrorist' beside a UN-designated group is description", async () => {
  const rules = loadLexicons().rules;
  const nameCalling = (text: string): string[] =>
    applyRules(text, { start: 0, end: text.length, tokens: tokenize(text, 0, text.length) }, rules).filter((h) => h.technique === 'Name_Calling,Labeling').map((h) => h.cue.toLowerCase());
  for (const label of ['thugs', 'mercenaries', 'puppet', 'regime', 'fascists', 'junta', 'occupiers', 'bandits', 'traitors', 'terrorists']) {
    assert.ok(nameCalling(`The ${label} in the capital lied again.`).some((c) => c.includes(label)), `"${label}" is a label`);
  }
  const text = 'Boko Haram terrorists attacked the market. The terrorists of the Sahel Brigade fled. ISKP terrorists struck. The terrorist group TTP claimed it.';
  const at = (word: string, from = 0): { start: number; end: number } => ({ start: text.indexOf(word, from), end: text.indexOf(word, from) + word.length });
  assert.equal(describesDesignatedGroup(text, at('terrorists')), 'Boko Haram', 'Boko Haram is on a UN list');
  assert.equal(describesDesignatedGroup(text, at('terrorists', 30)), null, 'a group on no UN list stays name-calling');
  assert.equal(describesDesignatedGroup(text, at('terrorists', text.indexOf('ISKP'))), 'Islamic State Khorasan Province', 'an alias names the group');
  assert.equal(describesDesignatedGroup(text, at('terrorist group')), 'Tehrik-i-Taliban Pakistan');
});

/**
 * Round 4: wrongdoing by CLASS of confrontation (data/lexicons/narratives/wrongdoing_classes.json).
 * Each class lists what each side of such a confrontation says of the other — the attacker's and
 * the attacked side's words, the state's and the armed group's, the sanctioning and the sanctioned
 * side's — and every phrasing is run with either party as the accuser.
 */
const CONFRONTATION: Record<string, Array<{ phrasing: string; relation: string }>> = {
  military: [
    { phrasing: '{Y} said {X} carried out drone strikes on border villages.', relation: 'attacks' },
    { phrasing: '“{X} dropped bombs on the market,” the {Y} Defence Ministry said.', relation: 'attacks' },
    { phrasing: '{Y} said {X} fired rockets at its border posts.', relation: 'attacks' },
    { phrasing: '“{X} is planning attacks on our capital,” the {Y} government said.', relation: 'attacks' },
    { phrasing: '{Y} said {X} had sent drones over the capital at night.', relation: 'violates agreements' },
    { phrasing: "{Y} condemned {X}'s airstrikes on the town.", relation: 'attacks' },
    { phrasing: '“We condemn the hostile acts of {X},” the {Y} Foreign Ministry said.', relation: 'provokes' },
    { phrasing: '{Y} said {X} was inciting war against its people.', relation: 'provokes' },
    { phrasing: '“{X} keeps up its rackets of confrontation along the border,” the {Y} Defence Ministry said.', relation: 'provokes' },
    { phrasing: "{Y} said {X}'s war hysteria threatened the region.", relation: 'provokes' },
    { phrasing: "“The collision was caused by {X}'s reckless behaviour,” the {Y} Coast Guard said.", relation: 'provokes' },
    { phrasing: '{Y} said {X} posed a grave threat to regional peace.', relation: 'provokes' },
    { phrasing: "{Y} described {X}'s troop build-up as a threat to the stability of the region.", relation: 'provokes' },
  ],
  maritime: [
    { phrasing: '{Y} said {X} vessels seized two fishing boats near the reef.', relation: 'violates agreements' },
    { phrasing: '“{X} ships blocked our resupply mission,” the {Y} Coast Guard said.', relation: 'violates agreements' },
    { phrasing: '{Y} said {X} boarded a cargo ship in its waters.', relation: 'violates agreements' },
    { phrasing: '{Y} said {X} had militarised the island.', relation: 'violates agreements' },
    { phrasing: '“The blockade by {X} must end,” the {Y} Foreign Ministry said.', relation: 'violates agreements' },
  ],
  'paramilitary and civil war': [
    { phrasing: '{Y} said {X} forces looted the market and burned villages.', relation: 'commits atrocities' },
    { phrasing: '“{X} has besieged the city for months,” the {Y} government said.', relation: 'commits atrocities' },
    { phrasing: '{Y} said {X} targeted civilians in the camps.', relation: 'commits atrocities' },
    { phrasing: '{Y} accused {X} of indiscriminate bombing of residential areas.', relation: 'commits atrocities' },
    { phrasing: '{Y} said {X} recruited child soldiers.', relation: 'commits atrocities' },
    { phrasing: '{Y} said it had reviewed the report on the war waged by {X} on its people.', relation: 'provokes' },
  ],
  cyber: [
    { phrasing: '{Y} said {X} hacked the servers of the election commission.', relation: 'conducts cyberattacks' },
    { phrasing: '“{X} is behind the cyberattacks on our banks,” the {Y} government said.', relation: 'conducts cyberattacks' },
    { phrasing: '{Y} said {X} spied on its diplomats.', relation: 'spies' },
    { phrasing: '{Y} accused {X} of espionage.', relation: 'spies' },
    { phrasing: '{Y} said {X} jammed GPS signals over the border.', relation: 'conducts cyberattacks' },
  ],
  'election interference': [
    { phrasing: '{Y} said {X} tried to rig the elections.', relation: 'interferes' },
    { phrasing: '“{X} is bankrolling the opposition,” the {Y} government said.', relation: 'interferes' },
    { phrasing: '{Y} said {X} had staged a coup.', relation: 'interferes' },
    { phrasing: '{Y} accused {X} of election interference.', relation: 'interferes' },
  ],
  'economic coercion': [
    { phrasing: '{Y} said {X} was weaponising gas supplies.', relation: 'coerces' },
    { phrasing: '“{X} is blackmailing us with tariffs,” the {Y} government said.', relation: 'coerces' },
    { phrasing: '{Y} said {X} imposed illegal sanctions on its banks.', relation: 'coerces' },
    { phrasing: '{Y} accused {X} of economic coercion.', relation: 'coerces' },
    { phrasing: '{Y} said {X} cut off gas supplies in winter.', relation: 'coerces' },
    { phrasing: '{Y} said {X} was weaponizing the economy against its farmers.', relation: 'coerces' },
  ],
  'human rights': [
    { phrasing: '{Y} said {X} persecutes its minorities.', relation: 'abuses rights' },
    { phrasing: '“{X} tortured the detainees,” the {Y} Foreign Ministry said.', relation: 'abuses rights' },
    { phrasing: '{Y} accused {X} of arbitrary detentions of journalists.', relation: 'abuses rights' },
    { phrasing: '{Y} condemned the repression by {X}.', relation: 'abuses rights' },
    { phrasing: '{Y} said {X} cracked down on peaceful protesters.', relation: 'abuses rights' },
  ],
  // round 6: influence and collusion — the words a state uses of a rival's influence operations and
  // the words the other side uses of collusion with foreign powers; falsifying the record
  subversion: [
    { phrasing: '{Y} said {X} was trying to sow division in its society.', relation: 'interferes' },
    { phrasing: '“{X} employed cognitive warfare during the drills,” the {Y} government said.', relation: 'interferes' },
    { phrasing: '{Y} said {X} was colluding with external forces against it.', relation: 'interferes' },
    { phrasing: "“{X}'s authorities act as a pawn in a foreign scheme,” the {Y} Foreign Ministry said.", relation: 'interferes' },
    { phrasing: '{Y} said {X} was stepping up efforts to malign and distort the historical record.', relation: 'spreads disinformation' },
    { phrasing: '“{X} runs a smear campaign against our army,” the {Y} Defence Ministry said.', relation: 'spreads disinformation' },
  ],
  // round 6: moving or crossing a dividing line — the words of the side whose line is moved and of the side whose line is crossed
  borders: [
    { phrasing: '{Y} said {X} had moved the dividing line deeper into its villages.', relation: 'violates agreements' },
    { phrasing: '“{X} continues its illegal borderization,” the {Y} Foreign Ministry said.', relation: 'violates agreements' },
    { phrasing: '{Y} said {X} had made illegal border crossings more frequent.', relation: 'violates agreements' },
    { phrasing: '{Y} said {X} had erected unauthorised fences near the villages.', relation: 'violates agreements' },
    { phrasing: '{Y} said {X} warplanes flew over its inhabited islands.', relation: 'violates agreements' },
    { phrasing: "“We condemn {X}'s provocative statements and actions,” the {Y} Foreign Ministry said.", relation: 'provokes' },
    { phrasing: '{Y} said {X} conducted provocative flights near its coast.', relation: 'provokes' },
  ],
  // round 7: starting a clash or raising tension, and a clash planned by the other side — what each side of a border dispute says of the other
  escalation: [
    { phrasing: '{Y} said {X} caused the escalation on the border.', relation: 'provokes' },
    { phrasing: '“{X} never misses a chance to raise tensions,” the {Y} Defence Ministry said.', relation: 'provokes' },
    { phrasing: '{Y} said the clash was a military operation planned in advance by {X}.', relation: 'provokes' },
    { phrasing: '“The conflict was planned by {X} and its border guards,” the {Y} Foreign Ministry said.', relation: 'provokes' },
    { phrasing: '{Y} said {X} had sparked the clashes at the river.', relation: 'provokes' },
    { phrasing: '{Y} said {X} had invited foreign warships into the disputed waters.', relation: 'provokes' },
  ],
  // round 7: the charges of a stalled negotiation (a dam, a port deal, a treaty) — each side's of the other
  diplomacy: [
    { phrasing: '{Y} said {X} uses the talks to divert the attention of its people from internal problems.', relation: 'spreads disinformation' },
    { phrasing: '“{X} is trying to mislead the international community,” the {Y} Foreign Ministry said.', relation: 'spreads disinformation' },
    { phrasing: '{Y} said {X} was politicising the water issue.', relation: 'spreads disinformation' },
    { phrasing: '{Y} rejected the unilateral measures of {X} on the river.', relation: 'violates agreements' },
    { phrasing: "“The continuation of the talks without result is evidence of {X}'s intransigence,” the {Y} Foreign Ministry said.", relation: 'violates agreements' },
    { phrasing: '{Y} said {X} had obstructed the negotiations for years.', relation: 'violates agreements' },
    { phrasing: "{Y} said {X}'s colonial mentality blocks any solution.", relation: 'violates agreements' },
  ],
  'proxies and support': [
    { phrasing: '{Y} said {X} provided support to the separatists.', relation: 'supports' },
    { phrasing: '{Y} said {X} backs the separatist movement in the north.', relation: 'supports' },
    { phrasing: '{Y} said {X} hired mercenaries for the rebels.', relation: 'supports' },
    { phrasing: '“The rebels attacked under the direction and backing of {X},” the {Y} army said.', relation: 'supports' },
    { phrasing: '{Y} accused {X} of using militants against its neighbours.', relation: 'supports' },
    { phrasing: '{Y} said {X} orchestrated the attacks by the rebels.', relation: 'supports' },
    { phrasing: '{Y} said {X} supplied the rebels with drones and ammunition.', relation: 'supports' },
  ],
};

for (const [name, phrasings] of Object.entries(CONFRONTATION)) {
  test(`both sides' vocabulary by class of confrontation: ${name}`, async () => {
    const demonym: Record<string, string> = { Niger: 'Nigerien', Chad: 'Chadian' };
    for (const { phrasing, relation } of phrasings) {
      for (const [x, y] of PAIRS) {
        const text = phrasing.replace('{X}', x).replace('the {Y}', `the ${demonym[y]}`).replace('{Y}', y);
        const found = await accusations(text);
        assert.ok(
          found.some((a) => a.accused === x && a.relation === relation && a.stance === 'reports' && a.accuser !== null && a.accuser.includes(y === 'Niger' ? 'Nige' : 'Chad')),
          `"${text}" → ${y} accuses ${x} (${relation}); got ${found.map((a) => `${a.accuser} > ${a.accused} ${a.relation} [${a.stance}]`).join('; ') || 'nothing'}`,
        );
      }
    }
  });
}

test('every class of wrongdoing_classes.json has phrasings of both sides in this test', () => {
  const file = JSON.parse(readFileSync(dataPath('lexicons', 'narratives', 'wrongdoing_classes.json'), 'utf8')) as { entries: Array<{ class: string; relation: string }> };
  const tested = new Map([['military', 'military'], ['maritime', 'maritime'], ['paramilitary', 'paramilitary and civil war'], ['cyber', 'cyber'], ['election', 'election interference'], ['economic', 'economic coercion'], ['human rights', 'human rights'], ['proxies', 'proxies and support'], ['subversion', 'subversion'], ['borders', 'borders'], ['escalation', 'escalation'], ['diplomacy', 'diplomacy']]);
  for (const e of file.entries) {
    const name = tested.get(e.class);
    assert.ok(name && CONFRONTATION[name], `class "${e.class}" has no phrasings here`);
    assert.ok(CONFRONTATION[name].some((p) => p.relation === e.relation), `class "${e.class}", relation "${e.relation}": no phrasing tests it`);
  }
});

test('wrongdoing words are read only in a party\'s voice: the article\'s own report of an event accuses nobody', async () => {
  for (const [x] of PAIRS) {
    const found = await accusations(`Fighters looted the market in ${x} on Monday. Banks in ${x} said hackers had hit their servers.`);
    assert.ok(!found.some((a) => a.accused === x), found.map((a) => `${a.accuser} > ${a.accused} ${a.relation}`).join('; '));
  }
});
