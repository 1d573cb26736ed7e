import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from '../../nlp/tokens.js';
import { trainMlp, type DenseExample } from '../../nlp/mlp.js';
import { prepare, type PreparedDoc } from './features.js';
import { loadTechniqueModel } from './model.js';
import { loadLexicons } from './lexicons.js';
import { sentenceInputs, sentenceInputSize, sentenceSignal } from './sentence.js';
import { signalHashes, tokenHashes } from './hashed.js';

function docOf(sentences: string[]): PreparedDoc {
  const model = loadTechniqueModel();
  let text = '';
  const spans = sentences.map((s) => {
    const start = text.length;
    text += `${s}\n`;
    return { start, end: start + s.length };
  });
  return prepare(text, spans.map((s) => ({ ...s, title: false, tokens: tokenize(text, s.start, s.end) })), model.vocab, loadLexicons().rules);
}

// written for this test
const SENTENCES = [
  'These cowardly Afghan terrorists and their masters in Kabul will pay a heavy price!',
  'Officials in Islamabad said the ISI had met the delegation on Tuesday.',
  'The so-called peace plan of the Pakistani government is a shameful betrayal of every family.',
  'the afghans never keep their word, everyone in islamabad knows it.',
];
const PAIRS = new Map([
  ['Afghan', 'Pakistani'], ['Pakistani', 'Afghan'], ['Kabul', 'Islamabad'], ['Islamabad', 'Kabul'], ['ISI', 'GDI'], ['GDI', 'ISI'],
  ['afghans', 'pakistanis'], ['pakistanis', 'afghans'], ['islamabad', 'kabul'], ['kabul', 'islamabad'],
]);
const swap = (t: string): string => t.replace(/\b(Afghan|Pakistani|Kabul|Islamabad|ISI|GDI|afghans|pakistanis|islamabad|kabul)\b/g, (m) => PAIRS.get(m) ?? m);

/** A small network on these sentences' inputs (seeded: the same weights every run). */
function network(doc: PreparedDoc) {
  const e = doc.embeddings;
  assert.ok(e, 'word vectors');
  const examples: DenseExample[] = sentenceInputs(doc, e).map((x, i) => ({ x, y: i % 2 === 0 ? 1 : 0 }));
  return trainMlp(examples, sentenceInputSize(e), { hidden: 8, epochs: 20, learningRate: 0.01, l2: 1e-5, seed: 3 });
}

test('side swap, either case: the sentence network sees the same inputs and gives the same probabilities', () => {
  const a = docOf(SENTENCES);
  const b = docOf(SENTENCES.map(swap));
  assert.notEqual(b.text, a.text);
  const e = a.embeddings;
  assert.ok(e);
  const inputs = sentenceInputs(a, e);
  assert.equal(inputs[0].length, sentenceInputSize(e));
  assert.deepEqual(sentenceInputs(b, e).map((x) => [...x]), inputs.map((x) => [...x]));
  const net = network(a);
  const p = sentenceSignal(net, a);
  for (const v of p) assert.ok(v > 0 && v < 1, String(v));
  assert.deepEqual([...sentenceSignal(net, b)], [...p]);
  // a change of wording does change them
  const c = docOf(SENTENCES.map((s) => s.replace('cowardly', 'local')));
  assert.notDeepEqual([...sentenceInputs(c, e)[0]], [...inputs[0]]);
});

test('the signal is a sentence-level feature of the joint tagger and the second stage only, when a document has one', () => {
  const doc = docOf(SENTENCES);
  assert.equal(signalHashes(doc, 0).length, 0, 'no signal: no features');
  const before = tokenHashes(doc, 0).hashes.slice();
  doc.sentenceSignal = sentenceSignal(network(doc), doc);
  assert.equal(signalHashes(doc, 0).length, 5);
  assert.deepEqual([...tokenHashes(doc, 0).hashes], [...before], 'the first stage does not see it');
  // neighbours and the document's mean are part of it: the same sentence elsewhere differs
  const other = docOf([SENTENCES[0]]);
  other.sentenceSignal = Float64Array.of(doc.sentenceSignal[0]);
  assert.notDeepEqual([...signalHashes(other, 0)], [...signalHashes(doc, 0)]);
});
