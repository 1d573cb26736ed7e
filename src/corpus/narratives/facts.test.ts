import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plainDocument, testResources } from '../../../test/support/context.js';
import type { AnalysedDocument } from '../../analysers/analyzer.js';
import { accusationsAnalyzer } from '../../analysers/accusations.js';
import { loadNarrativeLexicons } from '../../analysers/accusations/lexicon.js';
import { entitiesAnalyzer } from '../../analysers/entities.js';
import { analyzeDocument } from '../../pipeline/analyze.js';
import { extractFacts, factFindings } from './facts.js';

async function corpus(texts: string[]): Promise<AnalysedDocument[]> {
  const resources = await testResources();
  return texts.map((text, i) => {
    const a = analyzeDocument(plainDocument(text, `d${i}.txt`), resources, [entitiesAnalyzer, accusationsAnalyzer]);
    return { doc: a.doc, findings: a.findings };
  });
}

async function contradictions(texts: string[]): Promise<Array<{ label: string; values: string[] }>> {
  const docs = await corpus(texts);
  return factFindings(docs, loadNarrativeLexicons())
    .filter((f) => f.kind === 'contradiction')
    .map((f) => ({ label: f.label, values: (f.data as { values: Array<{ value: string }> }).values.map((v) => v.value).sort() }));
}

test('facts: a casualty count of one event, told apart from the other figures of the sentence', async () => {
  const [d] = await corpus(['A suicide bombing at a mosque in Peshawar on 30 January 2023 killed 84 people.']);
  const facts = extractFacts(d, loadNarrativeLexicons()).map((f) => `${f.subject}|${f.attribute}|${f.value}|${f.venue}|${f.month}`);
  assert.deepEqual(facts.sort(), ['bombing in Peshawar, 2023|date|2023-01-30|mosque|01', 'bombing in Peshawar, 2023|killed|84|mosque|01']);
});

test('contradiction: the same bombing, different death tolls', async () => {
  const found = await contradictions([
    'A suicide bombing at a mosque in Peshawar on 30 January 2023 killed 84 people.',
    'The bombing of a mosque in Peshawar in January 2023 killed 101 worshippers.',
  ]);
  assert.deepEqual(found, [{ label: 'bombing in Peshawar, 2023: killed', values: ['101', '84'] }]);
});

test('contradiction: the day of an event, and arrests after a raid', async () => {
  assert.deepEqual(
    await contradictions(['A bombing at a market in Quetta on 12 March 2021 killed 9 people.', 'A bombing at a market in Quetta on 14 March 2021 killed 9 people.']),
    [{ label: 'bombing in Quetta, 2021: date', values: ['2021-03-12', '2021-03-14'] }],
  );
  assert.deepEqual(
    await contradictions(['Police arrested 40 suspects in a raid in Lahore in June 2022.', 'Police arrested 25 suspects in a raid in Lahore in June 2022.']),
    [{ label: 'raid in Lahore, 2022: arrested', values: ['25', '40'] }],
  );
});

test('contradiction: the date of a named event; a year and a day within it agree', async () => {
  assert.deepEqual(
    await contradictions(['The Doha Agreement was signed on 29 February 2020 in Qatar.', 'The Doha Agreement was signed in March 2020.']),
    [{ label: 'Doha Agreement: date', values: ['2020-02-29', '2020-03'] }],
  );
  assert.deepEqual(await contradictions(['The Doha Agreement was signed on 29 February 2020.', 'The Doha Agreement was signed in 2020.']), []);
});

test('contradiction: who leads a group; a former leader is no contradiction', async () => {
  assert.deepEqual(
    await contradictions(['Al-Shabaab, led by Ahmed Diriye, controls much of the south.', 'Al-Shabaab, led by Mahad Karate, controls much of the south.']),
    [{ label: 'Al-Shabaab: leader', values: ['Ahmed Diriye', 'Mahad Karate'] }],
  );
  assert.deepEqual(await contradictions(['Al-Shabaab, led by Ahmed Diriye, controls much of the south.', 'The former leader of Al-Shabaab, Mahad Karate, fled.']), []);
});

test('no false merge: different venues, months or kinds of event in one town and year', async () => {
  assert.deepEqual(await contradictions(['A bombing at a mosque in Peshawar in March 2023 killed 50 people.', 'A bombing at a market in Peshawar in March 2023 killed 12 people.']), []);
  assert.deepEqual(await contradictions(['A bombing in Peshawar in March 2023 killed 50 people.', 'A bombing in Peshawar in October 2023 killed 12 people.']), []);
  assert.deepEqual(await contradictions(['A blast in Mastung in 2023 killed 60 people.', 'A raid on a camp in Mastung in 2023 killed 30 militants.']), []);
  // a third report naming neither venue nor month cannot tell which of two events it means: left out
  assert.deepEqual(
    await contradictions(['A bombing at a mosque in Peshawar in March 2023 killed 50 people.', 'A bombing at a market in Peshawar in March 2023 killed 12 people.', 'A bombing in Peshawar in 2023 killed 7 people.']),
    [],
  );
});

test('leader: only from a predication about the group, never from two names in one sentence', async () => {
  const found = await contradictions([
    'Envoy Laura Keane said the leader of Boko Haram, Abu Musa Idris, had fled.',
    'Boko Haram, led by Abu Musa Idris, struck again.',
    'Mamadou Sow is the leader of Boko Haram, according to the army.',
  ]);
  assert.deepEqual(found, [{ label: 'Boko Haram: leader', values: ['Abu Musa Idris', 'Mamadou Sow'] }], 'the envoy is never the leader');
});

test('status of a person: killed in one place vs hiding in another; arrested agrees with arrested in a place', async () => {
  const found = await contradictions([
    'Commander Abu Musa Idris was killed in Maiduguri on 3 March 2024, the army said.',
    'Abu Musa Idris is hiding in Diffa, according to local sources.',
    'Rebel spokesman Jean Kabila was arrested in Goma.',
    'Jean Kabila, the movement\'s spokesman, was arrested on Monday.',
  ]);
  assert.deepEqual(found, [{ label: 'Abu Musa Idris: status', values: ['hiding in Diffa', 'killed in Maiduguri'] }], 'the two arrest reports agree');
});
