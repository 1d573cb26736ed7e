import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Document, FindingDraft } from '../core/types.js';
import { toDocument } from '../document/document.js';
import { extractPlainText } from '../ingest/plain-text/index.js';
import type { Resources } from '../nlp/resources.js';
import { createContext } from '../pipeline/context.js';
import { techniquesAnalyzer, type TechniqueData } from './techniques.js';
import { repoRoot } from './techniques/paths.js';
import { DISARM, isTechnique } from './techniques/taxonomy.js';

const root = repoRoot();
const fixtures = path.join(root, 'test', 'fixtures', 'techniques');
const seedsDir = path.resolve(root, '../shared/seeds');

function docOf(text: string, name: string): Document {
  return toDocument(extractPlainText(text), { path: name });
}

// The analyser reads only sentences and tokens, which need no loaded resources.
const NO_RESOURCES = {} as Resources;

function analyse(doc: Document): FindingDraft[] {
  return techniquesAnalyzer.analyze(createContext(doc, NO_RESOURCES));
}

function quotes(doc: Document, findings: FindingDraft[], label: string): string[] {
  return findings.filter((f) => f.label === label).map((f) => doc.text.slice(f.start, f.end));
}

test('lexicon rules and the model find the techniques written into the fixture, with exact spans', () => {
  const doc = docOf(readFileSync(path.join(fixtures, 'rules.txt'), 'utf8'), 'rules.txt');
  const found = analyse(doc);
  // 'so-called' is found by its rule; where the model marks a wider Doubt span around it, the
  // finding keeps the model's span and adds the rule's cue and reason (detect.ts)
  const doubt = found.find((f) => f.label === 'Doubt' && /\bso-called\b/.test(doc.text.slice(f.start, f.end)));
  assert.ok(doubt, `doubt: ${quotes(doc, found, 'Doubt').join(' | ')}`);
  assert.ok(quotes(doc, found, 'Whataboutism,Straw_Men,Red_Herring').includes('If anything, it is the neighbouring council that has let its own residents down for a decade.'));
  assert.ok(quotes(doc, found, 'Flag-Waving').includes('By the grace of God'));
  assert.ok(quotes(doc, found, 'Flag-Waving').includes('our nation'));
  assert.ok(quotes(doc, found, 'Name_Calling,Labeling').includes('puppet regime'));
  assert.ok(quotes(doc, found, 'Thought-terminating_Cliches').includes('it is what it is'));
  const loaded = quotes(doc, found, 'Loaded_Language');
  assert.ok(loaded.some((q) => q.includes('cowardly')), `loaded language: ${loaded.join(' | ')}`);
  assert.ok(doubt.explanation.startsWith("Casting doubt: 'so-called' signals that the writer does not accept the name or claim that follows"), doubt.explanation);
  assert.deepEqual((doubt.data as TechniqueData).disarm, { id: 'T0075', name: 'Dismiss' });
  assert.equal((doubt.data as TechniqueData).cues[0], 'so-called');
});

test('every finding is a well-formed technique span inside an analysed sentence', () => {
  const doc = docOf(readFileSync(path.join(fixtures, 'rules.txt'), 'utf8'), 'rules.txt');
  const found = analyse(doc);
  assert.ok(found.length >= 7);
  const sentences = createContext(doc, NO_RESOURCES).sentences();
  for (const f of found) {
    const data = f.data as TechniqueData;
    assert.equal(f.kind, 'technique');
    assert.ok(isTechnique(f.label), f.label);
    assert.equal(data.technique, f.label);
    assert.deepEqual(data.disarm, DISARM[data.technique]);
    assert.ok(f.score > 0 && f.score <= 1, String(f.score));
    assert.ok(f.start < f.end);
    assert.ok(sentences.some((s) => s.start <= f.start && f.end <= s.end), 'inside one sentence');
    assert.match(f.explanation, /^[A-Z][^\n]*\.$/);
    assert.ok(['model', 'rule', 'model+rule'].includes(data.source));
  }
});

test('a plain factual notice yields no rule findings and only few model spans', () => {
  const doc = docOf(readFileSync(path.join(fixtures, 'neutral.txt'), 'utf8'), 'neutral.txt');
  const found = analyse(doc);
  assert.deepEqual(found.filter((f) => (f.data as TechniqueData).source !== 'model'), []);
  assert.ok(found.length <= 3, found.map((f) => `${f.label}: ${doc.text.slice(f.start, f.end)}`).join(' | '));
});

test('boilerplate sections are not analysed', () => {
  const text = 'Weekly notes\n\nThe so-called experts were wrong.\n\nShare this: the so-called button';
  const doc: Document = {
    id: 'b',
    format: 'text',
    source: {},
    text,
    sections: [
      { kind: 'title', start: 0, end: 12 },
      { kind: 'body', start: 14, end: 47 },
      { kind: 'boilerplate', start: 49, end: text.length },
    ],
  };
  const doubt = analyse(doc).filter((f) => f.label === 'Doubt' && doc.text.slice(f.start, f.end) === 'so-called');
  assert.deepEqual(doubt.map((f) => f.start), [18]);
});

const seeds = existsSync(seedsDir) ? readdirSync(seedsDir).filter((n) => n.endsWith('.txt')).sort() : [];

test('the seeds show name calling, loaded language, doubt and whataboutism; seed 004 appeals to religion', { skip: seeds.length === 0 && 'no ../shared/seeds' }, () => {
  const labels = new Set<string>();
  for (const name of seeds) {
    const doc = docOf(readFileSync(path.join(seedsDir, name), 'utf8'), name);
    const found = analyse(doc);
    for (const f of found) labels.add(f.label);
    if (name.startsWith('004_')) {
      const flag = found.filter((f) => f.label === 'Flag-Waving');
      assert.ok(flag.some((f) => /grace of (God|Allah)/i.test(doc.text.slice(f.start, f.end))), 'seed 004: appeal to religion');
    }
  }
  for (const label of ['Name_Calling,Labeling', 'Loaded_Language', 'Doubt', 'Whataboutism,Straw_Men,Red_Herring']) assert.ok(labels.has(label), label);
});

// ---- even-handedness: swapping the sides' names must not change any technique finding ----

/** The sides of the seed conflict; this list lives in the test, never in the product. */
const SWAP: Array<[string, string]> = [
  ['Afghanistan', 'Pakistan'],
  ['Afghans', 'Pakistanis'],
  ['Afghan', 'Pakistani'],
  ['Kabul', 'Islamabad'],
  ['Kandahar', 'Rawalpindi'],
  ['GDI', 'ISI'],
];
const SWAP_MAP = new Map(SWAP.flatMap(([a, b]) => [[a, b], [b, a]] as Array<[string, string]>));
const SWAP_RE = new RegExp(`\\b(${[...SWAP_MAP.keys()].sort((a, b) => b.length - a.length).join('|')})\\b`, 'g');
const swapSides = (text: string): string => text.replace(SWAP_RE, (m) => SWAP_MAP.get(m) ?? m);

function signature(doc: Document, findings: FindingDraft[], mapQuote: (q: string) => string): string[] {
  return findings.map((f) => `${f.label} | ${f.score} | ${mapQuote(doc.text.slice(f.start, f.end))}`).sort();
}

test('swapping the sides in the seeds changes no technique finding (labels, scores, quotes mapped back)', { skip: seeds.length === 0 && 'no ../shared/seeds' }, () => {
  let swaps = 0;
  for (const name of seeds) {
    const original = readFileSync(path.join(seedsDir, name), 'utf8');
    const swapped = swapSides(original);
    swaps += (original.match(SWAP_RE) ?? []).length;
    assert.equal(swapSides(swapped), original, 'the swap is its own inverse');
    const a = docOf(original, name);
    const b = docOf(swapped, name);
    const sigA = signature(a, analyse(a), (q) => q);
    const sigB = signature(b, analyse(b), swapSides);
    assert.ok(sigA.length > 0);
    assert.deepEqual(sigB, sigA, name);
  }
  assert.ok(swaps > 20, `names swapped: ${swaps}`);
});

test('the even-handedness comparison does see a change of wording', { skip: seeds.length === 0 && 'no ../shared/seeds' }, () => {
  const name = seeds.find((n) => /\bbaseless\b/.test(readFileSync(path.join(seedsDir, n), 'utf8')));
  assert.ok(name, 'a seed with "baseless"');
  const original = readFileSync(path.join(seedsDir, name), 'utf8');
  const a = docOf(original, name);
  const b = docOf(original.replace(/\bbaseless\b/g, 'disputed'), name);
  assert.notDeepEqual(signature(b, analyse(b), (q) => q), signature(a, analyse(a), (q) => q));
});

// ---- names typed in lower case ("#pakistan", comments without capitals) are names all the same ----

/** Written for this test: how comment sections and hashtags write the sides' names. */
const LOWER_CASE_TEXT = `border talks collapse again

the afghans never keep their word, and everyone in islamabad knows it. #pakistan

another lie from kabul: the so-called peace plan is nothing but a shameful trap for every pakistani family.

pakistan said on tuesday that afghan forces had fired at three border posts, and the isi called the charge baseless propaganda.

either afghanistan stops the infiltration or it will face the consequences, the pakistanis say.
`;
const LOWER_SWAP: Array<[string, string]> = [
  ['afghanistan', 'pakistan'],
  ['afghans', 'pakistanis'],
  ['afghan', 'pakistani'],
  ['kabul', 'islamabad'],
  ['gdi', 'isi'],
];
const LOWER_MAP = new Map(LOWER_SWAP.flatMap(([a, b]) => [[a, b], [b, a]] as Array<[string, string]>));
const LOWER_RE = new RegExp(`\\b(${[...LOWER_MAP.keys()].sort((a, b) => b.length - a.length).join('|')})\\b`, 'g');
const swapLower = (text: string): string => text.replace(LOWER_RE, (m) => LOWER_MAP.get(m) ?? m);

test('with the gazetteer names in the vocabulary (train --lower-case-names), names are masked whatever their case and a lower-case side swap changes no token identity', async () => {
  const { loadTechniqueModel } = await import('./techniques/model.js');
  const { prepare } = await import('./techniques/features.js');
  const { tokenize } = await import('../nlp/tokens.js');
  const { gazetteerWholeNames } = await import('../nlp/entities/name-words.js');
  const { commonWords } = await import('./comments/machine-text-features.js');
  const base = loadTechniqueModel().vocab;
  const vocab = { ...base, names: await gazetteerWholeNames(commonWords(), { laterAdditions: true }) };
  const tokensOf = (text: string) => prepare(text, [{ start: 0, end: text.length, title: false, tokens: tokenize(text) }], vocab, []).tokens;
  const text = 'the afghans and pakistanis in kabul and Islamabad met, ISI and gdi said.';
  const ids = new Map(tokensOf(text).map((t) => [t.text, t]));
  for (const w of ['afghans', 'pakistanis', 'kabul', 'Islamabad', 'ISI', 'gdi']) {
    const t = ids.get(w);
    assert.ok(t?.masked && t.row === -1 && t.id.startsWith('<'), `${w} is masked`);
  }
  for (const w of ['the', 'met', 'said']) assert.equal(ids.get(w)?.masked, false, w);
  assert.equal(ids.get('afghans')?.id, ids.get('pakistanis')?.id, 'one placeholder for either side');
  assert.equal(ids.get('ISI')?.id, '<XX>');
  // the whole lower-case text, swapped: the model sees the same identities, token for token
  const lowered = LOWER_CASE_TEXT;
  assert.notEqual(swapLower(lowered), lowered);
  assert.deepEqual(tokensOf(swapLower(lowered)).map((t) => [t.id, t.masked, t.row]), tokensOf(lowered).map((t) => [t.id, t.masked, t.row]));
  // the committed model (1.7.0) carries the names, pruned of ordinary words (names.ts), and masks them in lower case itself
  for (const w of ['afghans', 'pakistanis', 'kabul', 'islamabad', 'isi']) assert.ok(base.names?.has(w), `${w} in the model's names`);
  for (const w of ['raw', 'x', 'the']) assert.ok(!base.names?.has(w), `${w} is no name`);
  const shipped = prepare(text, [{ start: 0, end: text.length, title: false, tokens: tokenize(text) }], base, []).tokens;
  assert.equal(shipped.find((t) => t.text === 'kabul')?.masked, true);
  // without the names (the 1.6.0 design) a lower-case name is an ordinary word
  const plain = prepare(text, [{ start: 0, end: text.length, title: false, tokens: tokenize(text) }], { ...base, names: new Set<string>() }, []).tokens;
  assert.equal(plain.find((t) => t.text === 'afghans')?.masked, false);
});
