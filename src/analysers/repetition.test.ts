import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeDocument } from '../pipeline/analyze.js';
import { haveSeeds, readSeed } from '../../test/helpers/seeds.js';
import { plainDocument, testResources } from '../../test/support/context.js';
import { repetitionAnalyzer } from './repetition.js';

async function repetitions(text: string) {
  const result = analyzeDocument(plainDocument(text), await testResources(), [repetitionAnalyzer]);
  assert.deepEqual(result.failures, []);
  return result.findings;
}

test('a sentence repeated word for word is found, pointing at the first occurrence', async () => {
  const repeated = 'The reservoir has been kept at a low level since January.';
  const text = `${repeated} Farmers noticed it in March. Engineers disputed the figures at length.\n\nLater on, the minister spoke. ${repeated}`;
  const [finding, ...rest] = await repetitions(text);
  assert.equal(rest.length, 0);
  assert.equal(finding.label, 'verbatim');
  assert.equal(finding.quote, repeated);
  assert.equal(finding.start, text.lastIndexOf(repeated));
  assert.deepEqual([finding.data?.firstStart, finding.data?.firstEnd], [0, repeated.length]);
  assert.match(finding.explanation, /word for word/);
});

test('near-verbatim repeats (a word changed) are found; short or different sentences are not', async () => {
  const text = [
    'Pakistan has been at the receiving end of attacks orchestrated from bases across the border.',
    'Yes it has.',
    'The weather was fine and the market was busy that day.',
    'Pakistan has been at the receiving end of attacks orchestrated from camps across the border.',
    'Yes it has.',
  ].join(' ');
  const findings = await repetitions(text);
  assert.equal(findings.length, 1);
  assert.equal(findings[0].label, 'near-verbatim');
  assert.ok(findings[0].score >= 0.7 && findings[0].score < 1);
});

test('consecutive repeated sentences are one passage', async () => {
  const a = 'The first repeated sentence has enough words in it.';
  const b = 'The second repeated sentence also has enough words.';
  const text = `${a} ${b} Something else entirely happens in between here. ${a} ${b}`;
  const findings = await repetitions(text);
  assert.equal(findings.length, 1);
  assert.equal(findings[0].quote, `${a} ${b}`);
  assert.equal(findings[0].data?.sentences, 2);
});

test('seed 003: the repeated sentence is found', { skip: !haveSeeds }, async () => {
  const text = readSeed('003_');
  const findings = await repetitions(text);
  assert.equal(findings.length, 1);
  const { firstStart, firstEnd } = findings[0].data as { firstStart: number; firstEnd: number };
  assert.equal(text.slice(firstStart, firstEnd), findings[0].quote);
  assert.ok(firstStart < findings[0].start);
});
