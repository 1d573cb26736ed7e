import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Document } from '../core/types.js';
import { analyzeCorpus } from '../pipeline/analyze.js';
import type { Resources } from '../nlp/resources.js';
import { commentSectionsAnalyzer, assessSection } from './comment-sections.js';
import type { MachineTextModel } from '../analysers/comments/machine-text-model.js';
import { FIXTURE_DIR, fixtureDocument, loadFixture } from '../../test/fixtures/coordination/comments/build-doc.js';
import { extractPlainText } from '../ingest/plain-text/index.js';
import { toDocument } from '../document/document.js';

const SEEDS = path.resolve(import.meta.dirname, '../../../shared/seeds');

async function sections(docs: Document[]) {
  return (await analyzeCorpus(docs.map((doc) => ({ doc, findings: [] })), {} as unknown as Resources, [commentSectionsAnalyzer])).findings;
}

test('every labelled comment-section fixture gets its verdict', () => {
  const files = readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.json')).sort();
  assert.equal(files.length, 7);
  for (const file of files) {
    const fixture = loadFixture(file);
    const verdict = assessSection(fixtureDocument(fixture, file))?.verdict;
    assert.equal(verdict, fixture.label, file);
  }
});

test('human discussions with disagreement, specifics and typos are organic with no comment flagged', () => {
  for (const file of ['organic-bike-lane.json', 'organic-stadium.json', 'organic-hospital-breach.json', 'organic-recipe-forum.json']) {
    const a = assessSection(fixtureDocument(loadFixture(file)));
    assert.ok(a);
    assert.equal(a.verdict, 'organic', file);
    assert.equal(a.flagged, 0, file);
    assert.equal(a.score, 0, file);
  }
});

test('near-identical praise comments form one skeleton cluster', () => {
  const a = assessSection(fixtureDocument(loadFixture('templated-praise-spam.json')));
  assert.ok(a);
  assert.deepEqual(a.clusters, [[0, 1, 2, 3, 4, 5]]);
  // names (N) and the article's words (T: Governor, state) are masked in the shared skeleton
  assert.equal(a.comments[0].skeleton, 'great news for N T N is delivering real results for our T keep up the good work');
});

test('the corpus finding quotes every comment exactly', async () => {
  const doc = fixtureDocument(loadFixture('mixed-ferry.json'), 'ferry');
  const [finding] = await sections([doc, fixtureDocument(loadFixture('organic-stadium.json'), 'x')]);
  assert.equal(finding.kind, 'comment-cluster');
  assert.equal(finding.label, 'mixed');
  assert.equal(finding.score, 0.429);
  assert.equal(finding.members.length, 7);
  for (const m of finding.members) {
    assert.equal(m.doc, 'ferry');
    assert.equal(m.quote, doc.text.slice(m.start, m.end));
  }
  assert.deepEqual(
    finding.members.map((m) => m.role),
    ['comment', 'comment', 'inauthentic: generic-praise', 'inauthentic: bare-affirmation', 'comment', 'inauthentic: generic-praise', 'comment'],
  );
  assert.match(finding.explanation, /^3 of 7 comments carry strong signs/);
});

test('documents without comments produce no section finding', async () => {
  const doc: Document = { id: 'd', format: 'text', source: {}, text: 'Just an article.', sections: [{ kind: 'body', start: 0, end: 16 }] };
  assert.deepEqual(await sections([doc]), []);
});

test('seed 001: the section is templated and all nine comments are flagged', async (t) => {
  const file = existsSync(SEEDS) ? readdirSync(SEEDS).find((f) => f.startsWith('001_')) : undefined;
  if (!file) return t.skip('shared seeds not present');
  const doc = toDocument(extractPlainText(readFileSync(path.join(SEEDS, file), 'utf8')), { path: file });
  const [finding] = await sections([doc]);
  assert.equal(finding.label, 'templated');
  assert.equal(finding.score, 1);
  assert.equal(finding.members.length, 9);
  assert.ok(finding.members.every((m) => m.role?.startsWith('inauthentic: ')));
  for (const m of finding.members) assert.equal(m.quote, doc.text.slice(m.start, m.end));
});

test('a section whose comments read as machine-written on average is at least mixed, never templated by that alone', async () => {
  const eager: MachineTextModel = { bits: 4, weights: new Float32Array(16), bias: 2, threshold: 0.95, sectionThreshold: 0.85, meta: {} };
  const doc = fixtureDocument(loadFixture('organic-stadium.json'));
  const a = assessSection(doc, eager);
  assert.ok(a?.machine);
  assert.equal(a.machine.mean, 0.881);
  assert.equal(a.machine.above, true);
  assert.equal(a.verdict, 'mixed');
  assert.equal(a.flagged, 0);
  const [finding] = await sections([doc]);
  assert.equal(finding.label, 'organic', 'the analyser uses the shipped model');
  const calm = assessSection(doc, { ...eager, bias: 1 });
  assert.equal(calm?.machine?.above, false);
  assert.equal(calm?.verdict, 'organic');
});

test('the shipped model keeps every human discussion fixture below its section threshold', () => {
  for (const file of readdirSync(FIXTURE_DIR).filter((f) => f.startsWith('organic'))) {
    const a = assessSection(fixtureDocument(loadFixture(file)));
    assert.ok(a?.machine, file);
    assert.equal(a.machine.above, false, file);
    assert.ok(a.machine.mean < a.machine.threshold - 0.1, `${file}: mean ${a.machine.mean} within 0.1 of ${a.machine.threshold}`);
  }
});
