import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Document, Section } from '../core/types.js';
import type { DocumentContext } from './analyzer.js';
import { assessComments, commentSignalsAnalyzer } from './comments.js';
import type { MachineTextModel } from './comments/machine-text-model.js';

function thread(title: string, body: string, comments: Array<[string | null, string, number?]>): Document {
  let text = `${title}\n\n${body}`;
  const sections: Section[] = [
    { kind: 'title', start: 0, end: title.length },
    { kind: 'body', start: title.length + 2, end: text.length },
  ];
  for (const [author, comment, parent] of comments) {
    text += '\n\n';
    sections.push({ kind: 'comment', start: text.length, end: text.length + comment.length, author, parent: parent ?? null });
    text += comment;
  }
  return { id: 't', format: 'text', source: {}, text, sections };
}

const TITLE = 'City raises bus fares by 20 percent from March';
const BODY = 'The transport authority said fares will rise from 2.50 to 3.00 because fuel costs and driver wages have grown.';

const ctx = (doc: Document): DocumentContext => ({ doc }) as unknown as DocumentContext;

test('generic praise, bare affirmation and headline echo are named with their evidence', () => {
  const doc = thread(TITLE, BODY, [
    [null, 'This article raises important questions about bus fares. A balanced and nuanced approach is essential.'],
    ['Mary Smith', 'Absolutely. A comprehensive and objective discussion is crucial for effective solutions.', 2],
    ['kev_77', 'my bus was 40 min late on tuesday, paying 3 quid for that is a joke lol'],
  ]);
  const [generic, affirmation, organic] = assessComments(doc);
  assert.equal(generic.label, 'generic-praise');
  assert.match(generic.signals[0].evidence, /"raises important questions", "nuanced", "balanced", "is essential", "this article"$/);
  assert.equal(affirmation.label, 'bare-affirmation');
  assert.equal(affirmation.signals[0].evidence, 'opens with "Absolutely." and then restates in general terms');
  assert.equal(affirmation.signals.find((s) => s.name === 'name-pattern')?.score, 0.325);
  assert.equal(organic.label, 'none');
  assert.equal(organic.score, 0);
  assert.ok(organic.counter.includes('informal: "lol"'));
  assert.ok(organic.counter.includes('own numbers: 40, 3'));
});

test('the analyser emits one finding per suspicious comment, spanning the comment', () => {
  const doc = thread(TITLE, BODY, [
    [null, 'Great article, very informative and thought-provoking. Thanks for sharing!'],
    ['ana', 'Fares went up in 2019 as well and ridership fell 8% the year after, I doubt this will be different?'],
    [null, 'Check out my channel for bus videos, like and subscribe https://example.com/bus'],
  ]);
  const findings = commentSignalsAnalyzer.analyze(ctx(doc));
  assert.deepEqual(
    findings.map((f) => [f.label, doc.text.slice(f.start, f.end).slice(0, 20)]),
    [
      ['generic-praise', 'Great article, very '],
      ['self-promotion', 'Check out my channel'],
    ],
  );
  assert.equal(findings[0].kind, 'inauthentic-signal');
  const data = findings[1].data as { signals: Array<{ name: string; score: number; evidence: string }>; skeleton: string };
  assert.equal(data.signals[0].evidence, 'calls to action: "check out my", "my channel", "like and subscribe", a link');
  assert.equal(typeof data.skeleton, 'string');
});

test('a document without comments yields nothing', () => {
  assert.deepEqual(commentSignalsAnalyzer.analyze(ctx(thread(TITLE, BODY, []))), []);
});

/** A model that calls every text machine-written with probability sigmoid(6) ≈ 0.998. */
const eager = (): MachineTextModel => ({ bits: 4, weights: new Float32Array(16), bias: 6, threshold: 0.7, sectionThreshold: 0.6, meta: {} });

test('machine-written: scored when the model is sure, explained by features, and never flags a comment alone', () => {
  const doc = thread(TITLE, BODY, [
    [null, 'Public transport is the backbone of every city and it deserves steady funding.'],
    [null, 'too short'],
    [null, 'Der Stadtrat hat die Fahrpreise gestern deutlich erhöht.'],
  ]);
  const [english, short, german] = assessComments(doc, undefined, eager());
  assert.equal(english.machine, 0.998);
  const signal = english.signals.find((s) => s.name === 'machine-written');
  assert.ok(signal);
  assert.equal(signal.score, 0.996);
  assert.match(signal.evidence, /^style typical of generated text \(100% by the model\)/);
  // weight 0.45 × 0.996: below the flag threshold when it is the only signal
  assert.equal(english.score, 0.448);
  assert.equal(english.label, 'machine-written');
  assert.equal(short.machine, null);
  assert.equal(german.machine, null);
  assert.ok(!german.signals.some((s) => s.name === 'machine-written'));
});

test('machine-written: below the model threshold there is no signal, and without a model nothing is scored', () => {
  const doc = thread(TITLE, BODY, [[null, 'Public transport is the backbone of every city and it deserves steady funding.']]);
  const doubtful: MachineTextModel = { ...eager(), bias: 0 };
  const [a] = assessComments(doc, undefined, doubtful);
  assert.equal(a.machine, 0.5);
  assert.deepEqual(a.signals, []);
  const [b] = assessComments(doc, undefined, null);
  assert.equal(b.machine, null);
});

test('a document whose comments were assessed is not assessed again (the corpus extract reuses the analyser\'s assessment), until what it reads changes', () => {
  const doc = thread(TITLE, BODY, [
    [null, 'This article raises important questions about bus fares. A balanced and nuanced approach is essential.'],
    ['kev_77', 'my bus was 40 min late on tuesday, paying 3 quid for that is a joke lol'],
  ]);
  const first = assessComments(doc);
  assert.equal(assessComments(doc), first, 'the same document: the same assessment');
  // the pipeline hands the corpus extracts a copy with the language set, sharing the sections
  assert.equal(assessComments({ ...doc, lang: 'en' }), first);
  assert.notEqual(assessComments(doc, undefined, null), first, 'another model: assessed again');
  const retitled = assessComments({ ...doc, source: { title: 'Bus fares' } });
  assert.notEqual(retitled, first, 'another title (headline terms): assessed again');
  // a section edited in place: the shape differs, so the cached assessment is not used
  doc.sections[3] = { ...doc.sections[3], end: doc.sections[3].end - 4 };
  const edited = assessComments(doc);
  assert.notEqual(edited, first);
  assert.equal(edited[1].end, doc.sections[3].end);
  assert.deepEqual(assessComments({ ...doc, sections: [...doc.sections] }), edited, 'a fresh computation gives what the cache gave');
});
