import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from '../../nlp/tokens.js';
import { prepare, type PreparedDoc } from './features.js';
import { detectRaw } from './detect.js';
import { jointProbabilities, jointSpans } from './joint.js';
import { loadLexicons } from './lexicons.js';
import { hasContentWord, loadTechniqueModel } from './model.js';
import { scoreSi, scoreSpanTechnique, type LabelledSpan } from './metrics.js';
import { combineFindings, siTuningDoc, tuneDecodersForSi } from './tune-si.js';

const TEXTS = [
  'These cowardly thugs will pay a heavy price, the spokesman said. Either the council stops this shameful plan, or the town will die. The vote was on Monday.',
  'The so-called experts have a lot to answer for. Every true patriot will back the new harbour! Prices rose solely because of the new bus lanes.',
  'The report was published on Tuesday. It lists the costs of the bridge. What about the reckless, disgraceful waste of the last ten years?',
];

function docOf(text: string, vocab: ReturnType<typeof loadTechniqueModel>['vocab']): PreparedDoc {
  const sentences: Array<{ start: number; end: number }> = [];
  for (const m of text.matchAll(/[^.!?]+[.!?]/g)) {
    const start = m.index + (m[0].length - m[0].trimStart().length);
    sentences.push({ start, end: m.index + m[0].length });
  }
  return prepare(text, sentences.map((s) => ({ ...s, title: false, tokens: tokenize(text, s.start, s.end) })), vocab, loadLexicons().rules);
}

const key = (s: LabelledSpan): string => `${s.start}:${s.end}:${s.technique}`;

test('combined findings: spans beside the joint ones only where none overlaps, rules only where no model finding of their technique does', () => {
  const joint = [{ start: 0, end: 10, technique: 'Loaded_Language' as const, score: 0.5 }];
  const candidates = [{ start: 5, end: 20, technique: 'Doubt' }, { start: 30, end: 40, technique: 'Doubt' }];
  const rules = [{ start: 2, end: 4, technique: 'Loaded_Language' }, { start: 2, end: 4, technique: 'Flag-Waving' }, { start: 32, end: 35, technique: 'Doubt' }, { start: 50, end: 55, technique: 'Slogans' }];
  assert.deepEqual(combineFindings(joint, candidates, rules).map(key), ['0:10:Loaded_Language', '30:40:Doubt', '2:4:Flag-Waving', '50:55:Slogans']);
});

test('the tuning view of an article gives the findings detect.ts gives (spans and techniques)', () => {
  const model = loadTechniqueModel();
  assert.ok(model.joint);
  const rules = loadLexicons().rules;
  let compared = 0;
  for (const text of TEXTS) {
    const doc = docOf(text, model.vocab);
    const view = siTuningDoc(model, doc, []);
    const combined = combineFindings(jointSpans(model.joint, doc, jointProbabilities(model.joint.model, doc), hasContentWord), view.candidates, view.rules);
    const detected = detectRaw(doc, { model, rules });
    assert.deepEqual(combined.map(key).sort(), [...new Set(detected.map(key))].sort(), text);
    compared += detected.length;
  }
  assert.ok(compared > 5, `findings compared: ${compared}`);
});

test('decoders re-chosen for SI + span-technique never score lower there than where they started, and score as reported', () => {
  const model = loadTechniqueModel();
  const joint = model.joint;
  assert.ok(joint);
  // gold of our own: whole loaded phrases and the false dilemma
  const gold = (text: string): LabelledSpan[] => {
    const out: LabelledSpan[] = [];
    for (const [quote, technique] of [['cowardly thugs', 'Name_Calling,Labeling'], ['Either the council stops this shameful plan, or the town will die', 'Black-and-White_Fallacy'], ['so-called experts', 'Doubt'], ['Every true patriot', 'Flag-Waving'], ['solely because of the new bus lanes', 'Causal_Oversimplification'], ['reckless, disgraceful waste', 'Loaded_Language']] as const) {
      const at = text.indexOf(quote);
      if (at >= 0) out.push({ start: at, end: at + quote.length, technique });
    }
    return out;
  };
  const docs = TEXTS.map((t) => siTuningDoc(model, docOf(t, model.vocab), gold(t)));
  const r = tuneDecodersForSi(joint.model.labels, docs, joint.decoders, hasContentWord, scoreSi, scoreSpanTechnique, 1);
  assert.ok(r.si + r.flc >= r.startSi + r.startFlc, `${r.si + r.flc} < ${r.startSi + r.startFlc}`);
  assert.deepEqual(Object.keys(r.decoders).sort(), Object.keys(joint.decoders).sort());
  const predicted = new Map(docs.map((d, i) => [String(i), combineFindings(jointSpans({ model: joint.model, decoders: r.decoders }, d.doc, d.probs, hasContentWord), d.candidates, d.rules)]));
  const goldMap = new Map(docs.map((d, i) => [String(i), d.gold]));
  assert.ok(Math.abs(scoreSi(predicted, goldMap).f1 - r.si) < 1e-12);
  assert.ok(Math.abs(scoreSpanTechnique(predicted, goldMap).f1 - r.flc) < 1e-12);
});
