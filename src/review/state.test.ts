import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Document, Finding } from '../core/types.js';
import { applyReviews, precisionByKind } from './apply.js';
import { reviewDraft } from './record.js';
import { attachReviews, foldReviews } from './state.js';
import type { Review, ReviewDraft } from './types.js';

const text = 'The ministry says the rebels shelled the bridge. Critics call it a lie.';
const doc: Document = { id: 'd1', format: 'text', source: {}, text, sections: [] };
const f = (id: string, kind: string, label: string, start: number, end: number, data?: Record<string, unknown>): Finding => ({
  id, analyzer: 'x@1', kind, label, start, end, quote: text.slice(start, end), score: 0.7, explanation: 'why', ...(data ? { data } : {}),
});
const claim = f('c1', 'claim', 'event', 0, 48);
const accusation = f('a1', 'accusation', 'asserts', 4, 48, { accuser: 'Ministry', accused: 'Rebels', allegation: 'shelled the bridge' });
const technique = f('t1', 'technique', 'Name_Calling,Labeling', 49, 71);

let nextId = 1;
const stored = (draft: ReviewDraft): Review => ({ ...draft, id: nextId++, createdAt: `2026-01-01T00:00:0${nextId}Z` });
const review = (finding: Finding, request: Parameters<typeof reviewDraft>[2]) => stored(reviewDraft('d1', finding, { reviewer: 'ana', ...request }));

test('folding: the latest status counts; a later note or verdict keeps it', () => {
  const history = [review(claim, { status: 'rejected' }), review(claim, { status: 'confirmed' }), review(claim, { verdict: 'false' }), review(claim, { note: 'wire copy agrees', reviewer: 'bo' })];
  const state = foldReviews(history);
  assert.equal(state.status, 'confirmed');
  assert.equal(state.verdict, 'false');
  assert.equal(state.note, 'wire copy agrees');
  assert.equal(state.reviewer, 'bo');
  assert.equal(state.history.length, 4);
  // a confirmation after a correction drops the correction
  const corrected = foldReviews([review(accusation, { accused: 'Army' }), review(accusation, { status: 'confirmed' })]);
  assert.equal(corrected.correction, null);
});

test('requests are checked: verdicts only on claims, actors only on accusations, one judgement at a time', () => {
  assert.throws(() => reviewDraft('d1', technique, { verdict: 'false', reviewer: 'a' }), /only claims take a verdict/);
  assert.throws(() => reviewDraft('d1', claim, { verdict: 'pants-on-fire', reviewer: 'a' }), /must be one of/);
  assert.throws(() => reviewDraft('d1', claim, { accused: 'X', reviewer: 'a' }), /only accusations/);
  assert.throws(() => reviewDraft('d1', claim, { status: 'confirmed', label: 'opinion', reviewer: 'a' }), /not both/);
  assert.throws(() => reviewDraft('d1', claim, { reviewer: 'a' }), /needs a judgement/);
  assert.throws(() => reviewDraft('d1', claim, { status: 'confirmed', reviewer: '' }), /must not be empty/);
  assert.throws(() => reviewDraft('d1', claim, { status: 'confirmed', reviewer: 'a\u0000b' }), /control characters/);
  assert.throws(() => reviewDraft('d1', claim, { note: 'x'.repeat(10_001), reviewer: 'a' }), /longer than/);
  const draft = reviewDraft('d1', accusation, { accused: ' Army ', reviewer: 'ana', verdict: null });
  assert.equal(draft.status, 'corrected');
  assert.deepEqual(draft.correction, { accused: 'Army' });
  assert.deepEqual(draft.target, { doc: 'd1', kind: 'accusation', label: 'asserts', start: 4, end: 48, quote: text.slice(4, 48) });
});

test('re-attaching: exact, relabelled, moved, orphaned — by span and label, never by row id', () => {
  const reviews = [review(claim, { status: 'confirmed' }), review(technique, { status: 'rejected' }), review(accusation, { status: 'confirmed' })];
  // a new analyser version: every id changes; the claim keeps its span and label, the technique is
  // renamed, the accusation's span loses a word at the start; a stray review has no finding left
  const reanalysed = [
    { ...claim, id: 'c2', analyzer: 'x@2' },
    { ...technique, id: 't2', label: 'Loaded_Language' },
    { ...accusation, id: 'a2', start: 8, quote: text.slice(8, 48) },
  ];
  const gone = review(f('e1', 'entity', 'Bridge', 41, 47), { status: 'confirmed' });
  const attached = attachReviews([{ doc, findings: reanalysed }, { doc: { id: 'elsewhere' }, findings: [] }], [...reviews, gone]);
  assert.equal(attached.of('d1', 'c2')?.attachment, 'exact');
  assert.equal(attached.of('d1', 'c2')?.status, 'confirmed');
  assert.equal(attached.of('d1', 't2')?.attachment, 'relabelled');
  assert.equal(attached.of('d1', 'a2')?.attachment, 'moved');
  assert.equal(attached.of('d1', 'c1'), undefined);
  assert.deepEqual(attached.orphans.map((o) => o.target.label), ['Bridge']);
  assert.equal(attached.attached, 3);
  assert.deepEqual(attached.findingOf(reviews[0].target), { findingId: 'c2', attachment: 'exact' });
  // a span that overlaps less than half is not the same finding
  const far = attachReviews([{ doc, findings: [{ ...claim, id: 'c3', start: 40, quote: text.slice(40, 48) }] }], [reviews[0]]);
  assert.equal(far.orphans.length, 1);
});

test('applying: rejected hidden unless asked, corrections applied with the original kept, precision per kind', () => {
  const reviews = [review(technique, { status: 'rejected' }), review(accusation, { accuser: 'Critics', accused: 'Ministry' }), review(claim, { status: 'confirmed' })];
  const shown = applyReviews([{ doc, findings: [claim, accusation, technique] }], reviews);
  assert.equal(shown.hidden, 1);
  const ids = shown.documents[0].findings.map((x) => x.id);
  assert.deepEqual(ids, ['c1', 'a1']);
  const acc = shown.documents[0].findings[1];
  assert.equal(acc.data?.accuser, 'Critics');
  assert.equal(acc.data?.accused, 'Ministry');
  assert.equal(acc.data?.allegation, 'shelled the bridge');
  assert.deepEqual(acc.review?.original, { label: 'asserts', accuser: 'Ministry', accused: 'Rebels' });
  assert.equal(accusation.data?.accused, 'Rebels', 'the stored finding is not mutated');
  const all = applyReviews([{ doc, findings: [claim, accusation, technique, f('c9', 'claim', 'event', 49, 71)] }], reviews, { includeRejected: true });
  assert.equal(all.hidden, 0);
  const precision = precisionByKind(all.documents);
  assert.deepEqual(precision.find((p) => p.kind === 'claim'), { kind: 'claim', findings: 2, reviewed: 1, confirmed: 1, corrected: 0, rejected: 0, confirmedShare: 1 });
  assert.deepEqual(precision.find((p) => p.kind === 'technique'), { kind: 'technique', findings: 1, reviewed: 1, confirmed: 0, corrected: 0, rejected: 1, confirmedShare: 0 });
  assert.equal(precision.find((p) => p.kind === 'accusation')?.corrected, 1);
});

test('re-attaching fact-check matches: two rated alike on one claim are told apart by the reviewed id, also after the claim id changes', () => {
  const match = (id: string, url: string) => f(id, 'fact-check', 'False', 0, 48, { url });
  const first = match('c1.faaaaaaaa', 'https://checks.example/a');
  const second = match('c1.fbbbbbbbb', 'https://checks.example/b');
  const confirmed = review(second, { status: 'confirmed' });
  const now = attachReviews([{ doc, findings: [first, second] }], [confirmed]);
  assert.equal(now.of('d1', 'c1.fbbbbbbbb')?.status, 'confirmed');
  assert.equal(now.of('d1', 'c1.faaaaaaaa'), undefined, 'the other match with the same rating and span is not reviewed');
  // a new claims version changes the claim's id: the part naming the fact-check still decides
  const later = attachReviews([{ doc, findings: [{ ...first, id: 'c9.faaaaaaaa' }, { ...second, id: 'c9.fbbbbbbbb' }] }], [confirmed]);
  assert.equal(later.of('d1', 'c9.fbbbbbbbb')?.attachment, 'exact');
  assert.equal(later.of('d1', 'c9.faaaaaaaa'), undefined);
});

test('reviews of computed kinds are out of scope where those kinds were not computed, not orphaned', () => {
  const match = f('c1.faaaaaaaa', 'fact-check', 'False', 0, 48, { url: 'https://checks.example/a' });
  const confirmed = review(match, { status: 'confirmed' });
  const withoutReference = attachReviews([{ doc, findings: [claim] }], [confirmed]);
  assert.equal(withoutReference.orphans.length, 0);
  // where fact-checks were matched and this one is gone (its fact-check removed), it is orphaned
  const other = f('c1.fcccccccc', 'fact-check', 'True', 0, 30, { url: 'https://checks.example/c' });
  assert.equal(attachReviews([{ doc, findings: [claim, other] }], [confirmed]).orphans.length, 1);
});
