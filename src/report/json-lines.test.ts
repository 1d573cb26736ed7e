import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { analyzeCorpus, analyzeDocument } from '../pipeline/analyze.js';
import { SHARED } from '../../test/helpers/seeds.js';
import { plainDocument, testResources } from '../../test/support/context.js';
import { renderJson } from './json.js';
import { assembleJsonLines, writeJsonLines } from './json-lines.js';
import { buildReport, memorySource } from './model.js';

const PIECES = [
  'Officials in the river province said 40 people were moved on 3 May 2024. The Ministry of Water Resources said so.',
  'Officials in the river province said 40 people were moved on 3 May 2024. The Ministry of Water Resources said so.\n\nA reader wrote: this is all lies.',
  'A third piece. It claims that the dam "was never inspected", according to the union.',
];

async function input() {
  const resources = await testResources();
  const documents = PIECES.map((t, i) => analyzeDocument(plainDocument(t, `piece-${i}.txt`), resources));
  const corpus = await analyzeCorpus(documents, resources);
  return { documents, corpusFindings: corpus.findings, run: { id: 3, inputs: ['pieces'] } };
}

test('the JSON Lines report is one JSON record per line and reassembles into the JSON report, valid against the contract', async () => {
  const report = await input();
  let text = '';
  await writeJsonLines(memorySource(report), (chunk) => {
    assert.ok(chunk.endsWith('\n') && !chunk.slice(0, -1).includes('\n'), 'each chunk is exactly one line');
    text += chunk;
  });
  const lines = text.trimEnd().split('\n');
  const types = lines.map((l) => (JSON.parse(l) as { type: string }).type);
  assert.equal(types[0], 'head');
  assert.equal(types.at(-1), 'tail');
  assert.equal(types.filter((t) => t === 'document').length, PIECES.length);
  assert.equal(types.filter((t) => t === 'corpus-finding').length, report.corpusFindings.length);
  assert.ok(report.corpusFindings.length > 0, 'the near-copies give corpus findings');

  const assembled = assembleJsonLines(lines);
  const whole = JSON.parse(renderJson(buildReport(report))) as Record<string, unknown>;
  delete assembled.generatedAt;
  delete whole.generatedAt;
  assert.deepEqual(assembled, whole);
  const schema = JSON.parse(readFileSync(join(SHARED, 'contract', 'report.schema.json'), 'utf8'));
  const validate = new Ajv2020({ strict: false }).compile(schema);
  assert.ok(validate(assembled), JSON.stringify(validate.errors?.slice(0, 3)));
});

test('a JSON Lines report cut short is refused with a reason, not read as complete', async () => {
  let text = '';
  await writeJsonLines(memorySource(await input()), (chunk) => void (text += chunk));
  const lines = text.trimEnd().split('\n');
  assert.throws(() => assembleJsonLines(lines.slice(0, -1)), /no tail record/);
  assert.throws(() => assembleJsonLines(['{"type":"surprise"}']), /line 1: unknown record type "surprise"/);
});
