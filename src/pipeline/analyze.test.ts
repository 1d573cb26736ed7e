import assert from 'node:assert/strict';
import { test } from 'node:test';
import { corpusAnalyzers, documentAnalyzers } from '../analysers/index.js';
import { plainDocument, testResources } from '../../test/support/context.js';
import { analyzeDocument, MAX_ANALYSED_CHARS, producerOf } from './analyze.js';

const TEXT = 'The ministry said on Monday that the commission had reported new figures from the river basin. '.repeat(30);

test('a document longer than the analysed limit is stored with sentences and language; every other analyser names why it did not run', async () => {
  const resources = await testResources();
  const doc = plainDocument(TEXT);
  const limit = 1_000;
  const capped = analyzeDocument(doc, resources, documentAnalyzers, { corpus: corpusAnalyzers, maxChars: limit });
  assert.deepEqual([...capped.produced.keys()].sort(), ['language', 'sentences'].map((n) => producerOf(documentAnalyzers.find((a) => a.name === n)!)).sort());
  assert.ok(capped.findings.some((f) => f.kind === 'sentence'));
  assert.equal(capped.doc.lang, 'en');
  const refused = [...documentAnalyzers.filter((a) => a.name !== 'sentences' && a.name !== 'language'), ...corpusAnalyzers].map(producerOf);
  assert.deepEqual(capped.failures.map((f) => f.analyzer).sort(), refused.sort());
  const expected = `the text is ${doc.text.length.toLocaleString('en')} characters, over the 1,000 this analyser reads in one document (its memory grows with the text); split the document to analyse it`;
  for (const f of capped.failures) assert.equal(f.message, expected);
  assert.equal(capped.states.size, 0);

  const full = analyzeDocument(doc, resources, documentAnalyzers, { corpus: corpusAnalyzers });
  assert.deepEqual(full.failures, []);
  assert.equal(full.produced.size, documentAnalyzers.length);
  assert.ok(TEXT.length < MAX_ANALYSED_CHARS);
});
