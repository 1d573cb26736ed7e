import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EntityMention } from '../../nlp/entities/mentions.js';
import { findAttributions, newMemory, strengthOf, strongest, type AttributionMemory } from './attribution.js';
import { loadClaimLexicons } from './lexicons.js';

const lex = loadClaimLexicons();

interface Row {
  quote: string;
  label: string;
  verb: string | null;
  sourceName: string | null;
  role?: string | null;
}

function attributions(sentence: string, entities: EntityMention[] = [], memory: AttributionMemory = newMemory()): Row[] {
  return findAttributions(sentence, { start: 0, end: sentence.length }, entities, lex, memory).map((m) => ({
    quote: sentence.slice(m.start, m.end),
    label: m.label,
    verb: m.verb,
    sourceName: m.sourceName,
    role: m.role,
  }));
}

const entity = (text: string, surface: string, type: EntityMention['type'], canonical = surface): EntityMention => {
  const start = text.indexOf(surface);
  return { start, end: start + surface.length, surface, canonical, type, via: 'gazetteer', confidence: 0.9 };
};

const valid: Array<[string, Row[]]> = [
  ['The Harbour Board said that shipping fell sharply.', [{ quote: 'The Harbour Board', label: 'organisation', verb: 'said', sourceName: 'Harbour Board', role: null }]],
  ['Lena Ortiz revealed that the plant had closed.', [{ quote: 'Lena Ortiz', label: 'named-person', verb: 'revealed', sourceName: 'Lena Ortiz', role: null }]],
  ['“The plant is closed,” said Tomas Berg, a welder from Lund who worked there.', [{ quote: 'Tomas Berg', label: 'named-person', verb: 'said', sourceName: 'Tomas Berg', role: 'a welder from Lund' }]],
  ['“Nobody told us,” notes a local official who requested anonymity because of the inquiry.', [{ quote: 'a local official who requested anonymity', label: 'anonymous', verb: 'notes', sourceName: null, role: 'a local official' }]],
  ['Exports reached a record according to the National Statistics Office, officials added.', [
    { quote: 'the National Statistics Office', label: 'organisation', verb: 'according to', sourceName: 'National Statistics Office', role: null },
    { quote: 'officials', label: 'anonymous', verb: 'added', sourceName: null, role: null },
  ]],
  ['Resolution 2593 of the Security Council demands it.', [{ quote: 'Resolution 2593', label: 'document', verb: null, sourceName: 'Resolution 2593', role: null }]],
  ['UN reports, including document S/2024/111, confirm the figures.', [{ quote: 'document S/2024/111', label: 'document', verb: 'confirm', sourceName: 'S/2024/111', role: null }]],
  ['The data are at https://example.org/stats/2024 for anyone to check.', [{ quote: 'https://example.org/stats/2024', label: 'document', verb: null, sourceName: 'https://example.org/stats/2024', role: null }]],
  ['Rumours circulating on Telegram channels say the bridge collapsed.', [{ quote: 'Telegram channels', label: 'social-media', verb: 'say', sourceName: 'Telegram', role: null }]],
  ['Sources said the talks had failed.', [{ quote: 'Sources said', label: 'anonymous', verb: 'said', sourceName: null, role: null }]],
  ['The mayor has been accused of taking bribes.', [{ quote: 'has been accused', label: 'none', verb: 'accused', sourceName: null, role: null }]],
  ['It is no secret that the port is failing.', [{ quote: 'It is no secret', label: 'vague', verb: null, sourceName: null, role: null }]],
  ['Multiple independent reports have confirmed the outbreak.', [{ quote: 'Multiple independent reports', label: 'vague', verb: 'confirmed', sourceName: null, role: null }]],
  ['While the council denied it, evidence suggests otherwise.', [
    { quote: 'the council', label: 'organisation', verb: 'denied', sourceName: 'council', role: null },
    { quote: 'evidence suggests', label: 'vague', verb: 'suggests', sourceName: null, role: null },
  ]],
  ['International observers note that the vote was calm.', [{ quote: 'International observers note', label: 'vague', verb: 'note', sourceName: null, role: null }]],
  ['The danger has been widely acknowledged by aid groups.', [{ quote: 'has been widely acknowledged', label: 'vague', verb: 'acknowledged', sourceName: null, role: null }]],
];

const invalid = [
  'The claim that the port closed is false.', // "claim" as a noun
  'These claims, circulating widely, are baseless.',
  'By falsely accusing the mayor, rivals hoped to win.', // a participle: the speaker is not read from it
  'Our efforts over the decade tell a different story.', // "efforts" is not a source
  'The Islamic State Province grew quickly.', // "State" is not the verb "state"
  'What matters is the separation of facts from politically convenient claims.',
  'The city has maintained a firm stance on water prices.', // "maintain" in its non-speech sense
  'The council called for calm after the vote.',
];

test('attributions: each source type with its exact span, verb, name and role', () => {
  for (const [sentence, expected] of valid) assert.deepEqual(attributions(sentence), expected, sentence);
});

test('attributions: nouns, participles and non-sources are not attributions', () => {
  for (const sentence of invalid) assert.deepEqual(attributions(sentence), [], sentence);
});

test('attributions: entities give canonical names; a social-media post belongs to its named author', () => {
  const text = 'In a post on his official X (formerly Twitter) account, Berg revealed that the plant would close.';
  const rows = attributions(text, [entity(text, 'Berg', 'person', 'Tomas Berg')]);
  assert.deepEqual(rows, [
    { quote: 'his official X (formerly Twitter) account', label: 'social-media', verb: 'revealed', sourceName: 'Tomas Berg', role: null },
    { quote: 'Berg', label: 'named-person', verb: 'revealed', sourceName: 'Tomas Berg', role: null },
  ]);
  const named = 'Opposition leader Dina Roe accused the government of negligence.';
  assert.deepEqual(attributions(named, [entity(named, 'Dina Roe', 'person')]), [
    { quote: 'Opposition leader Dina Roe', label: 'named-person', verb: 'accused', sourceName: 'Dina Roe', role: 'Opposition leader' },
  ]);
});

test('attributions: "he" refers back to the last named person of the document', () => {
  const memory = newMemory();
  attributions('Lena Ortiz said the plant had closed.', [], memory);
  assert.deepEqual(attributions('He also disclosed that wages were cut.', [], memory), [
    { quote: 'He', label: 'named-person', verb: 'disclosed', sourceName: 'Lena Ortiz', role: null },
  ]);
  assert.deepEqual(attributions('He also disclosed that wages were cut.'), [], 'no antecedent, no attribution');
});

test('evidence strength: verifiable > named > anonymous > vague-appeal > unsupported', () => {
  const base = { verifiable: false, sourceName: null, platform: null };
  assert.equal(strengthOf({ ...base, label: 'document', verifiable: true }), 'verifiable');
  assert.equal(strengthOf({ ...base, label: 'document' }), 'named');
  assert.equal(strengthOf({ ...base, label: 'named-person' }), 'named');
  assert.equal(strengthOf({ ...base, label: 'social-media', sourceName: 'Telegram', platform: 'Telegram' }), 'vague-appeal');
  assert.equal(strengthOf({ ...base, label: 'social-media', sourceName: 'Tomas Berg', platform: 'X' }), 'named');
  assert.equal(strengthOf({ ...base, label: 'anonymous' }), 'anonymous');
  assert.equal(strengthOf({ ...base, label: 'vague' }), 'vague-appeal');
  assert.equal(strengthOf({ ...base, label: 'none' }), 'unsupported');
  assert.equal(strongest(['vague-appeal', 'anonymous', 'unsupported']), 'anonymous');
  assert.equal(strongest([]), 'unsupported');
});

test('a dateline glued before the subject is no part of it; "informed X that" names the addressee, not the speaker', () => {
  const dated = ' date 2025-08-10 Army spokesman Idrissa Mahamat said that two soldiers were hurt.';
  const got = attributions(dated, [entity(dated, 'Idrissa Mahamat', 'person')]);
  assert.ok(got.some((r) => r.sourceName === 'Idrissa Mahamat' && r.verb === 'said'), JSON.stringify(got));
  const told = 'The army spokesperson, Ahmed Issa, informed Sahel Tribune that the attack failed.';
  const rows = attributions(told, [entity(told, 'Ahmed Issa', 'person'), entity(told, 'Sahel Tribune', 'organisation')]);
  assert.ok(!rows.some((r) => r.sourceName === 'Sahel Tribune'), JSON.stringify(rows));
});
