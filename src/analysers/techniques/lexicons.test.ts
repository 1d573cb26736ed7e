import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from '../../nlp/tokens.js';
import { DiscernError } from '../../core/errors.js';
import { loadLexicons, parseLexicon } from './lexicons.js';
import { applyRules } from './rules.js';

test('the built-in lexicons load, every entry with a reason', () => {
  const lex = loadLexicons();
  assert.ok(lex.rules.length > 100, String(lex.rules.length));
  for (const r of lex.rules) assert.ok(r.reason.length > 10, r.source);
  assert.ok(lex.capitalCues.includes('god'));
});

test('an entry without a reason or with an unknown technique is refused', () => {
  assert.throws(() => parseLexicon('x.json', { technique: 'Doubt', entries: [{ phrase: 'so-called' }] }), DiscernError);
  assert.throws(() => parseLexicon('x.json', { technique: 'Propaganda', entries: [] }), /unknown technique/);
  assert.throws(() => parseLexicon('x.json', { technique: 'Doubt', entries: [{ pattern: '(', reason: 'broken' }] }), /bad pattern/);
});

test('phrases match whole words; patterns give their span group or the whole sentence', () => {
  const lex = parseLexicon('t.json', {
    technique: 'Whataboutism,Straw_Men,Red_Herring',
    entries: [
      { phrase: 'what about', reason: 'deflects', extent: 'sentence' },
      { pattern: 'blame (?<span>the \\p{L}+)', reason: 'names a scapegoat', score: 0.4 },
    ],
  });
  const text = 'They talk. But what about the old bridge? Somewhat aboutface. They blame the weather.';
  const sentences = [
    { start: 0, end: 10 },
    { start: 11, end: 41 },
    { start: 42, end: 61 },
    { start: 62, end: 85 },
  ].map((s) => ({ ...s, tokens: tokenize(text, s.start, s.end) }));
  const hits = sentences.flatMap((s) => applyRules(text, s, lex.rules));
  assert.deepEqual(
    hits.map((h) => [text.slice(h.start, h.end), h.cue, h.score]),
    [
      ['But what about the old bridge?', 'what about', 0.5],
      ['the weather', 'the weather', 0.4],
    ],
  );
});
