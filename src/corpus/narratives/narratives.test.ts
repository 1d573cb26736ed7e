import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { plainDocument, testResources } from '../../../test/support/context.js';
import { SEEDS, haveSeeds } from '../../../test/helpers/seeds.js';
import type { AnalysedDocument } from '../../analysers/analyzer.js';
import { accusationsAnalyzer } from '../../analysers/accusations.js';
import { loadNarrativeLexicons } from '../../analysers/accusations/lexicon.js';
import { entitiesAnalyzer } from '../../analysers/entities.js';
import { analyzeDocument } from '../../pipeline/analyze.js';
import { stanceAndCampFindings } from './camps.js';
import { factFindings } from './facts.js';
import { narrativeFindings } from './frames.js';
import { provenanceFindings } from './provenance.js';
import { timelineFindings } from './timeline.js';

async function corpus(texts: Array<[string, string]>): Promise<AnalysedDocument[]> {
  const resources = await testResources();
  return texts.map(([name, text]) => {
    const a = analyzeDocument(plainDocument(text, name), resources, [entitiesAnalyzer, accusationsAnalyzer]);
    return { doc: a.doc, findings: a.findings };
  });
}

const SMALL: Array<[string, string]> = [
  ['a.txt', 'Niger provides a safe haven for Boko Haram. Boko Haram was founded in 2002. The campaign is a diversion from failures at home.'],
  ['b.txt', 'Boko Haram thrives in Niger, officials in Abuja note. Boko Haram came into existence in 2002.'],
  ['c.txt', 'There is no evidence that Boko Haram operates from Niger. Boko Haram thrives in Nigeria. Boko Haram was founded in 2009. The accusation serves to deflect attention from abuses.'],
];

test('camps: documents on opposite sides of a proposition fall in opposite camps', async () => {
  const findings = stanceAndCampFindings(await corpus(SMALL));
  const camps = findings.filter((f) => f.kind === 'camp').map((f) => (f.data as { documents: string[] }).documents.length).sort();
  assert.deepEqual(camps, [1, 2]);
  const stances = findings.filter((f) => f.kind === 'stance' && (f.data as { proposition: string }).proposition === 'Niger|harbours').map((f) => f.label).sort();
  assert.deepEqual(stances, ['opposes', 'supports', 'supports']);
});

test('camps: one-sided reporting leans, a wire reporting both sides does not — the same rule for each side', async () => {
  const docs = await corpus([
    ['one.txt', 'Azerbaijan accused Armenia of shelling Tavush overnight. “Armenian units violated the truce again,” the Azerbaijani Defence Ministry said.'],
    ['two.txt', 'The Azerbaijani Foreign Ministry said Armenian forces had violated the ceasefire near Tavush.'],
    ['three.txt', 'Armenia accused Azerbaijan of shelling Kapan overnight. “Azerbaijani units violated the truce again,” the Armenian Defence Ministry said.'],
    ['four.txt', 'The Armenian Foreign Ministry said Azerbaijani forces had violated the ceasefire near Kapan.'],
    ['wire.txt', 'Armenia and Azerbaijan accused each other of violating the ceasefire overnight.'],
  ]);
  const findings = stanceAndCampFindings(docs);
  const nameOf = new Map(docs.map((d) => [d.doc.id, d.doc.source.path]));
  const camps = findings.filter((f) => f.kind === 'camp').map((f) => (f.data as { documents: string[] }).documents.map((d) => nameOf.get(d)).sort().join(' '));
  assert.deepEqual(camps.sort(), ['four.txt three.txt', 'one.txt two.txt'], 'two camps, one per side; the wire in neither');
  const leaning = findings.filter((f) => f.kind === 'stance' && (f.data as { leans: string }).leans === 'supports').map((f) => nameOf.get((f.data as { doc: string }).doc));
  assert.ok(!leaning.includes('wire.txt'));
  for (const f of findings.filter((x) => x.kind === 'stance')) assert.equal(f.label === 'supports', false, 'reporting alone never makes a document support a proposition');
});

test('contradiction on a founding year; corroboration only across camps', async () => {
  const docs = await corpus(SMALL);
  const findings = factFindings(docs, loadNarrativeLexicons());
  const contra = findings.filter((f) => f.kind === 'contradiction');
  assert.equal(contra.length, 1);
  assert.equal(contra[0].label, 'Boko Haram: founded');
  // a and b give 2002 but are of one camp: no corroboration
  assert.equal(findings.filter((f) => f.kind === 'corroboration').length, 0);
});

test('events in one town in different years are not merged', async () => {
  const docs = await corpus([
    ['x.txt', 'A bombing in Peshawar in 2014 killed 40 people.'],
    ['y.txt', 'A bombing in Peshawar in 2019 killed 12 people.'],
  ]);
  assert.equal(factFindings(docs, loadNarrativeLexicons()).filter((f) => f.kind === 'contradiction').length, 0);
});

test('narrative: the diversion frame in different words across documents', async () => {
  const findings = (await narrativeFindings(await corpus(SMALL), loadNarrativeLexicons()));
  const diversion = findings.find((f) => (f.data as { frame: string }).frame === 'diversion');
  assert.ok(diversion);
  assert.equal((diversion.data as { documents: string[] }).documents.length, 2);
});

test('timeline is ordered and month-only dates come last', async () => {
  const events = timelineFindings(await corpus([['t.txt', 'In mid-March, Niger closed a border post. In 2009 Boko Haram rose up. In 2002 Boko Haram was founded.']]));
  assert.deepEqual(events.map((e) => (e.data as { date: string }).date), ['2002', '2009', '--03']);
});

async function seeds(): Promise<AnalysedDocument[]> {
  return corpus(readdirSync(SEEDS).sort().map((f) => [f, readFileSync(join(SEEDS, f), 'utf8')] as [string, string]));
}

test('seeds: one camp against the other four; founding-year contradiction; diversion narrative; provenance chain', { skip: !haveSeeds }, async () => {
  const docs = await seeds();
  const seedOf = new Map(docs.map((d) => [d.doc.id, (d.doc.source.path ?? '').slice(0, 3)]));
  const camps = stanceAndCampFindings(docs)
    .filter((f) => f.kind === 'camp')
    .map((f) => (f.data as { documents: string[] }).documents.map((d) => seedOf.get(d)).sort().join(','))
    .sort();
  assert.deepEqual(camps, ['000,001,002,003', '004']);

  const contra = factFindings(docs, loadNarrativeLexicons()).filter((f) => f.kind === 'contradiction');
  const founding = contra.find((f) => f.label.endsWith(': founded'));
  assert.ok(founding);
  assert.deepEqual(founding.members.map((m) => seedOf.get(m.doc)).sort(), ['002', '003']);
  assert.deepEqual((founding.data as { values: Array<{ value: string }> }).values.map((v) => v.value).sort(), ['2014', '2015']);

  const diversion = (await narrativeFindings(docs, loadNarrativeLexicons())).find((f) => (f.data as { frame: string }).frame === 'diversion');
  assert.ok(diversion);
  assert.ok((diversion.data as { documents: string[] }).documents.length >= 3);

  // discovered frames: several documents each, names masked, every span quoting the text
  const discovered = (await narrativeFindings(docs, loadNarrativeLexicons())).filter((f) => (f.data as { source: string }).source === 'discovered');
  assert.ok(discovered.length >= 1);
  for (const f of discovered) {
    assert.ok((f.data as { documents: string[] }).documents.length >= 2);
    for (const m of f.members) assert.equal(docs.find((d) => d.doc.id === m.doc)?.doc.text.slice(m.start, m.end), m.quote);
  }

  const chains = provenanceFindings(docs, loadNarrativeLexicons()).filter((f) => seedOf.get(f.members[0].doc) === '000');
  assert.equal(chains.length, 1);
  const roles = (chains[0].data as { chain: Array<{ role: string; entity: string }> }).chain.map((l) => l.role);
  assert.deepEqual(roles, ['origin', 'amplifier', 'audience']);
  for (const m of chains[0].members) assert.equal(docs.find((d) => d.doc.id === m.doc)?.doc.text.slice(m.start, m.end), m.quote);
});
