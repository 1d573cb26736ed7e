import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Document, Finding } from '../../core/types.js';
import { techniquesProfile } from './techniques.js';

const text = 'Title here\n\nThe so-called experts lied again and again. Ten words of plain body text follow here now.';
const doc: Document = { id: 'd', format: 'text', source: {}, text, sections: [{ kind: 'title', start: 0, end: 10 }, { kind: 'body', start: 12, end: text.length }] };
const technique = (label: string, quote: string, score: number): Finding => {
  const start = text.indexOf(quote);
  return { id: label + start, analyzer: 'techniques@1', kind: 'technique', label, start, end: start + quote.length, quote, score, explanation: 'x' };
};

test('technique profile: counts, density per 1,000 words, strongest spans first', () => {
  const profile = techniquesProfile.compute(doc, [technique('Doubt', 'so-called', 0.9), technique('Loaded_Language', 'lied', 0.4), technique('Doubt', 'experts', 0.2)]);
  assert.ok(profile);
  assert.equal(profile.words, 19);
  assert.equal(profile.total, 3);
  assert.equal(profile.density, 157.9);
  assert.deepEqual(profile.techniques.map((t) => [t.technique, t.count]), [['Doubt', 2], ['Loaded_Language', 1]]);
  assert.deepEqual(profile.top.map((t) => t.quote), ['so-called', 'lied', 'experts']);
  assert.match(techniquesProfile.html(profile, (s) => s.replace(/</g, '&lt;')), /157\.9 per 1,000 words/);
});

test('no technique findings, no profile', () => {
  assert.equal(techniquesProfile.compute(doc, []), null);
});

test('technique profile: the comment section is counted apart and never raises the article density; labels shown by name', () => {
  const body = 'The so-called experts lied again.';
  const comment = 'Traitors! Traitors everywhere, wake up people.';
  const t = `${body}\n\n${comment}`;
  const d: Document = { id: 'c', format: 'text', source: {}, text: t, sections: [{ kind: 'body', start: 0, end: body.length }, { kind: 'comment', start: body.length + 2, end: t.length, author: 'x' }] };
  const at = (label: string, quote: string): Finding => {
    const start = t.indexOf(quote);
    return { id: label + start, analyzer: 'techniques@1', kind: 'technique', label, start, end: start + quote.length, quote, score: 0.8, explanation: 'x' };
  };
  const profile = techniquesProfile.compute(d, [at('Doubt', 'so-called'), at('Name_Calling,Labeling', 'Traitors'), at('Slogans', 'wake up people')]);
  assert.ok(profile);
  assert.equal(profile.total, 1, 'only the article span counts for the article');
  assert.equal(profile.words, 6);
  assert.equal(profile.density, 166.7);
  assert.ok(profile.comments);
  assert.equal(profile.comments.total, 2);
  assert.equal(profile.comments.words, 6);
  const md = techniquesProfile.markdown(profile);
  assert.match(md, /\| Casting doubt \| 1 \|/);
  assert.match(md, /Comment section, counted apart: 2 technique spans in 6 words .*Name calling or labelling 1/);
  assert.doesNotMatch(md, /Name_Calling/);
});
