import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from '../../nlp/tokens.js';
import { prepare, type PreparedDoc } from './features.js';
import { tokenHashes } from './hashed.js';
import { trainMulti } from './linear.js';
import { scoreSi, scoreSpanTechnique } from './metrics.js';
import { OUTSIDE, decodeTechnique, insideProbabilities, jointCueWords, jointProbabilities, jointSpans, jointTargets, labelColumn, tuneDecoders } from './joint.js';
import type { PtcSpan } from './ptc.js';

const vocab = {
  lower: new Set('the a of and council cowardly shameful vote was on plan approved monday housing new thugs every patriot will back it members'.split(' ')),
  capitalCues: new Set<string>(),
};
const LABELS = [OUTSIDE, 'Loaded_Language', 'Name_Calling,Labeling'];

function docOf(text: string): PreparedDoc {
  return prepare(text, [{ start: 0, end: text.length, title: false, tokens: tokenize(text) }], vocab, []);
}

function spanOf(text: string, quote: string, technique: string): PtcSpan {
  const start = text.indexOf(quote);
  assert.ok(start >= 0, quote);
  return { start, end: start + quote.length, technique };
}

const always = (): boolean => true;

test('training targets: a token inside two techniques counts half for each, others are outside', () => {
  const text = 'The cowardly thugs approved the plan.';
  const doc = docOf(text);
  const spans = [spanOf(text, 'cowardly thugs', 'Name_Calling,Labeling'), spanOf(text, 'cowardly', 'Loaded_Language')];
  const targets = jointTargets(doc, spans, LABELS);
  assert.equal(targets.length, doc.tokens.length);
  assert.deepEqual(targets[0], [{ y: 0, weight: 1 }]);
  assert.deepEqual(targets[1], [{ y: 1, weight: 0.5 }, { y: 2, weight: 0.5 }]);
  assert.deepEqual(targets[2], [{ y: 2, weight: 1 }]);
  assert.deepEqual(targets[3], [{ y: 0, weight: 1 }]);
});

test("each technique's spans are the best BIO path over its own probabilities", () => {
  const text = 'The council approved the shameful cowardly plan on Monday.';
  const doc = docOf(text);
  const p = Float64Array.from(doc.tokens.map((t) => (t.id === 'shameful' || t.id === 'cowardly' ? 0.7 : t.id === 'plan' ? 0.3 : 0.02)));
  const spans = decodeTechnique(doc, p, 'Loaded_Language', { bias: 0, spanCost: 1, minScore: 0 }, always);
  assert.deepEqual(spans.map((s) => text.slice(s.start, s.end)), ['shameful cowardly']);
  assert.ok(Math.abs(spans[0].score - 0.7) < 1e-9);
  // a bigger inside bias takes the weaker neighbour in; a floor above the mean drops the span
  const wider = decodeTechnique(doc, p, 'Loaded_Language', { bias: 1.5, spanCost: 1, minScore: 0 }, always);
  assert.deepEqual(wider.map((s) => text.slice(s.start, s.end)), ['shameful cowardly plan']);
  assert.deepEqual(decodeTechnique(doc, p, 'Loaded_Language', { bias: 0, spanCost: 1, minScore: 0.8 }, always), []);
});

/** Articles of a small made-up corpus: loaded words and a label, in different sentences. */
function corpus(): Array<{ doc: PreparedDoc; spans: PtcSpan[] }> {
  const texts = [
    ['The shameful vote was on Monday.', 'shameful', 'Loaded_Language'],
    ['The council approved the new housing plan.', '', ''],
    ['Every patriot will back it, the thugs said.', 'thugs', 'Name_Calling,Labeling'],
    ['The cowardly members approved the plan.', 'cowardly', 'Loaded_Language'],
    ['The thugs of the council approved it.', 'thugs', 'Name_Calling,Labeling'],
    ['The vote was on Monday.', '', ''],
  ];
  return texts.map(([text, quote, technique]) => ({ doc: docOf(text), spans: quote ? [spanOf(text, quote, technique)] : [] }));
}

function trainToy(items: Array<{ doc: PreparedDoc; spans: PtcSpan[] }>) {
  const lists: Uint32Array[] = [];
  const ys: number[] = [];
  const ws: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const { doc, spans } of items) {
      const targets = jointTargets(doc, spans, LABELS);
      const { hashes, offsets } = tokenHashes(doc, 0);
      for (let t = 0; t < doc.tokens.length; t++) {
        for (const { y, weight } of targets[t]) {
          lists.push(hashes.subarray(offsets[t], offsets[t + 1]));
          ys.push(y);
          ws.push(weight);
        }
      }
    }
  }
  return trainMulti(lists, ys, LABELS, { epochs: 8, learningRate: 0.2, l2: 1e-6, seed: 3, dim: 1 << 14, minCount: 1, minAbs: 0 }, ws);
}

test('the trained joint tagger gives each token a distribution over outside and the techniques, and finds its spans', () => {
  const items = corpus();
  const model = trainToy(items);
  const { doc } = items[0];
  const probs = jointProbabilities(model, doc);
  assert.equal(probs.length, doc.tokens.length * LABELS.length);
  for (let i = 0; i < doc.tokens.length; i++) {
    let sum = 0;
    for (let c = 0; c < LABELS.length; c++) sum += probs[i * LABELS.length + c];
    assert.ok(Math.abs(sum - 1) < 1e-9);
  }
  const shameful = doc.tokens.findIndex((t) => t.id === 'shameful');
  const loaded = labelColumn(probs, LABELS.length, 1);
  assert.ok(loaded[shameful] > 0.5, String(loaded[shameful]));
  assert.ok(loaded[0] < 0.2, String(loaded[0]));
  assert.ok(insideProbabilities(model, probs)[shameful] > insideProbabilities(model, probs)[0]);
  const tagger = { model, decoders: { Loaded_Language: { bias: 0, spanCost: 0.5, minScore: 0 }, 'Name_Calling,Labeling': { bias: 0, spanCost: 0.5, minScore: 0 } } };
  const found = jointSpans(tagger, items[2].doc, jointProbabilities(model, items[2].doc), always);
  assert.deepEqual(found.map((s) => [items[2].doc.text.slice(s.start, s.end), s.technique]), [['thugs', 'Name_Calling,Labeling']]);
  assert.deepEqual(jointCueWords(model, doc, { start: 0, end: doc.text.length }, 'Loaded_Language', 1), ['shameful']);
});

test('decoders tuned on a split do at least as well there as the starting point, and find the gold spans', () => {
  const items = corpus();
  const model = trainToy(items);
  const set = { docs: items.map((x) => x.doc), probs: items.map((x) => jointProbabilities(model, x.doc)), gold: items.map((x) => x.spans) };
  const { decoders, f1 } = tuneDecoders(LABELS, set, always, scoreSi, 1);
  assert.deepEqual(Object.keys(decoders).sort(), ['Loaded_Language', 'Name_Calling,Labeling']);
  const predicted = new Map(items.map((x, i) => [String(i), jointSpans({ model, decoders }, x.doc, set.probs[i], always)]));
  const gold = new Map(items.map((x, i) => [String(i), x.spans]));
  const measured = scoreSpanTechnique(predicted, gold).f1;
  assert.ok(Math.abs(measured - f1) < 1e-9, `${measured} vs ${f1}`);
  assert.ok(f1 > 0.9, String(f1));
});

test('side swap: the committed joint tagger gives the same probabilities whichever side is named', async () => {
  const { loadTechniqueModel } = await import('./model.js');
  const model = loadTechniqueModel();
  assert.ok(model.joint, 'the committed model has a joint tagger');
  const pairs: Array<[string, string]> = [['Pakistan', 'Afghanistan'], ['Pakistani', 'Afghan'], ['Islamabad', 'Kabul'], ['ISI', 'GDI']];
  const map = new Map(pairs.flatMap(([a, b]) => [[a, b], [b, a]] as Array<[string, string]>));
  const swap = (t: string): string => t.replace(/\b(Pakistani|Pakistan|Afghanistan|Afghan|Islamabad|Kabul|ISI|GDI)\b/g, (m) => map.get(m) ?? m);
  const text = 'These cowardly Afghan terrorists and their masters in Kabul will pay a heavy price, the Pakistani spokesman said, while the ISI called the charge baseless propaganda from Islamabad.';
  const prepared = (t: string) => prepare(t, [{ start: 0, end: t.length, title: false, tokens: tokenize(t) }], model.vocab, []);
  const joint = model.joint;
  const a = jointProbabilities(joint.model, prepared(text));
  const b = jointProbabilities(joint.model, prepared(swap(text)));
  assert.deepEqual([...b], [...a]);
  const keep = (): boolean => true;
  const spans = jointSpans(joint, prepared(text), a, keep);
  assert.ok(spans.length > 0, 'the joint tagger marks something in the sentence');
  // the same spans, quotes mapped back through the swap (the names differ in length)
  const swapped = swap(text);
  assert.deepEqual(
    jointSpans(joint, prepared(swapped), b, keep).map((s) => [swap(swapped.slice(s.start, s.end)), s.technique, s.score]),
    spans.map((s) => [text.slice(s.start, s.end), s.technique, s.score]),
  );
  // and the swap is not a no-op for the tagger's input: a changed ordinary word changes the probabilities
  assert.notDeepEqual([...jointProbabilities(joint.model, prepared(text.replace('cowardly', 'local')))], [...a]);
});

test('skipping sentences no token of which can be inside changes no decoded span', async () => {
  const { decodeProbabilities } = await import('../../nlp/sequence.js');
  const { seededRandom } = await import('../../core/random.js');
  const random = seededRandom(5);
  const text = 'The council approved the shameful cowardly plan on Monday and the vote was on.';
  const doc = docOf(text);
  let skipped = 0;
  for (let round = 0; round < 200; round++) {
    // every other round a quiet sentence, where the skip applies
    const scale = round % 2 === 0 ? 1 : 0.05;
    const p = Float64Array.from(doc.tokens.map(() => scale * random() ** 3));
    const decoder = { bias: -1 + 5 * random(), spanCost: 4 * random(), minScore: 0 };
    if (p.every((v) => v < 1 / (1 + Math.exp(decoder.bias)))) skipped++;
    const expected = decodeProbabilities(p, 0, doc.tokens.length, decoder.bias, decoder.spanCost).map(([i, j]) => [doc.tokens[i].start, doc.tokens[j - 1].end]);
    assert.deepEqual(decodeTechnique(doc, p, 'Loaded_Language', decoder, always).map((s) => [s.start, s.end]), expected);
  }
  assert.ok(skipped > 10, `skipped ${skipped}`);
});

test('spans beside the joint tagger overlap none of its spans; with mix 1 they come from its P(inside) and the two-stage tagger is not run', async () => {
  const { loadTechniqueModel, fromStored } = await import('./model.js');
  const { detectRaw } = await import('./detect.js');
  const { readFileSync } = await import('node:fs');
  const { modelPath } = await import('./paths.js');
  const model = loadTechniqueModel();
  assert.ok(model.joint);
  const text = 'These cowardly thugs will pay a heavy price, the spokesman said. Either the council stops this shameful plan, or the town will die. The vote was on Monday.';
  const doc = prepare(text, [
    { start: 0, end: 64, title: false, tokens: tokenize(text, 0, 64) },
    { start: 65, end: 131, title: false, tokens: tokenize(text, 65, 131) },
    { start: 132, end: text.length, title: false, tokens: tokenize(text, 132, text.length) },
  ], model.vocab, []);
  assert.equal(text.slice(65, 131), 'Either the council stops this shameful plan, or the town will die.');
  const withMix = (mix: number, tagger = model.tagger) => ({ ...model, tagger, joint: { ...model.joint!, extraFloor: 0, extraSpans: { mix, threshold: 0.05, gapThreshold: 0.05, minScore: 0 } } });
  const found = detectRaw(doc, { model: withMix(1), rules: [], useRules: false });
  const joint = jointSpans(model.joint, doc, jointProbabilities(model.joint.model, doc), () => true);
  const isJoint = (d: { start: number; end: number; technique: string }) => joint.some((j) => j.start === d.start && j.end === d.end && j.technique === d.technique);
  const beside = found.filter((d) => !isJoint(d));
  assert.ok(beside.length > 0, 'a low threshold adds spans beside the joint ones');
  for (const d of beside) assert.ok(!joint.some((j) => j.start < d.end && d.start < j.end), `${text.slice(d.start, d.end)} overlaps a joint span`);
  // a broken two-stage tagger changes nothing at mix 1, and does at mix 0
  const broken = { ...model.tagger, bias: Number.NaN };
  assert.deepEqual(detectRaw(doc, { model: withMix(1, broken), rules: [], useRules: false }), found);
  assert.notDeepEqual(detectRaw(doc, { model: withMix(0, broken), rules: [], useRules: false }), detectRaw(doc, { model: withMix(0), rules: [], useRules: false }));
  // the stored mix must be a weight
  const stored = JSON.parse(readFileSync(modelPath(), 'utf8'));
  stored.joint.extraSpans = { mix: 2, threshold: 0.1, gapThreshold: 0.1, minScore: 0 };
  assert.throws(() => fromStored(stored), /mix must be in \[0, 1\]/);
});

test('the committed joint tagger is int8 and its int8 sums give the float table probabilities bit for bit', async () => {
  const { loadTechniqueModel } = await import('./model.js');
  const { HashedWeights } = await import('../../nlp/hashing.js');
  const model = loadTechniqueModel();
  assert.ok(model.joint);
  const w = model.joint.model.weights;
  assert.ok(w.int8 && w.int8.block === model.joint.model.labels.length, 'one scale per row');
  const float = { ...model.joint.model, weights: new HashedWeights(w.dim, w.buckets, w.weights, w.width) };
  const text = 'These cowardly thugs and their puppet masters will pay a heavy price for this shameful betrayal of every patriot.';
  const doc = prepare(text, [{ start: 0, end: text.length, title: false, tokens: tokenize(text) }], model.vocab, []);
  const a = jointProbabilities(model.joint.model, doc);
  assert.deepEqual([...jointProbabilities(float, doc)], [...a]);
  assert.ok(a.some((p, i) => i % model.joint!.model.labels.length !== 0 && p > 0.2), 'some technique is likely somewhere');
});
