import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { analyzeCorpus, analyzeDocument } from '../pipeline/analyze.js';
import { SHARED } from '../../test/helpers/seeds.js';
import { plainDocument, testResources } from '../../test/support/context.js';
import { renderHtml } from './html.js';
import { renderJson, writeJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { buildReport, collectReport, memorySource, type Report } from './model.js';
import { renderTerminal } from './terminal.js';

const HOSTILE = [
  'A <script>alert("x")</script> Title',
  '',
  'The Ministry of Water Resources (MWR) said <img src=x onerror=alert(1)> and <a href="javascript:alert(2)">this</a>. The Ministry of Water Resources said so twice and meant it.',
  '',
  'The Ministry of Water Resources said so twice and meant it.',
].join('\n');

async function hostileReport(): Promise<Report> {
  const resources = await testResources();
  const analysed = analyzeDocument(plainDocument(HOSTILE, 'hostile.txt'), resources);
  const corpus = await analyzeCorpus([analysed], resources);
  return buildReport({ documents: [analysed], corpusFindings: corpus.findings, run: { id: 1, inputs: ['hostile.txt'] } });
}

test('JSON report is valid against the shared contract and every quote is its exact span', async () => {
  const rendered = renderJson(await hostileReport());
  const json = JSON.parse(rendered) as { documents: Array<{ text: string; actors?: object; findings: Array<{ start: number; end: number; quote: string; analyzer: string; explanation: string; kind: string }> }> };
  const schema = JSON.parse(readFileSync(join(SHARED, 'contract', 'report.schema.json'), 'utf8'));
  const validate = new Ajv2020({ strict: false }).compile(schema);
  assert.ok(validate(JSON.parse(rendered)), JSON.stringify(validate.errors));
  const [doc] = json.documents;
  assert.ok(doc.findings.length > 0);
  for (const f of doc.findings) {
    assert.equal(doc.text.slice(f.start, f.end), f.quote);
    assert.match(f.analyzer, /^[a-z-]+@\d+\.\d+\.\d+$/);
    assert.ok(f.explanation.length > 10);
  }
  assert.ok(doc.actors, 'profiles appear under their key on the document');
  assert.ok(doc.findings.some((f) => f.kind === 'repetition'));
});

test('HTML report escapes document text, has no script and forbids scripts', async () => {
  const html = renderHtml(await hostileReport());
  assert.ok(!/<script/i.test(html), 'no script element at all');
  assert.ok(!/<img/i.test(html), 'markup from the document is not markup in the report');
  assert.ok(!/<a href="javascript:/i.test(html));
  assert.ok(html.includes('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;'), 'the script text is shown as text');
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
});

test('HTML report highlights each finding at its span with a legend filter per kind', async () => {
  const report = await hostileReport();
  const html = renderHtml(report);
  for (const kind of ['entity', 'repetition']) {
    assert.ok(html.includes(`id="show-${kind}"`), `filter for ${kind}`);
    assert.ok(html.includes(`class="k-${kind}"`), `highlight for ${kind}`);
  }
  const repetition = report.documents[0].findings.find((f) => f.kind === 'repetition');
  assert.ok(repetition && html.includes(`id="f-${repetition.id}"`), 'the finding is anchored in the text');

});

test('Markdown and terminal reports name the document, its actors and its repetition', async () => {
  const report = await hostileReport();
  const md = renderMarkdown(report);
  assert.match(md, /^# Discern report/);
  assert.match(md, /Ministry of Water Resources/);
  assert.match(md, /### repetition \(1\)/);
  assert.ok(!md.includes('<script>'), 'HTML in document text is neutralised in Markdown');
  const terminal = renderTerminal(report);
  assert.match(terminal, /actors: Ministry of Water Resources ×\d/);
  assert.match(terminal, /1 document analysed\./);
});

test('HTML report draws findings under 0.5 faintly and confident ones filled', () => {
  const text = 'Strong claim here. Weak hint there.';
  const finding = (quote: string, score: number) => {
    const start = text.indexOf(quote);
    return { id: `f${start}`, analyzer: 'x@1.0.0', kind: 'technique', label: 'Doubt', start, end: start + quote.length, quote, score, explanation: 'because' };
  };
  const doc = { id: 'd1', format: 'text' as const, source: { path: 'x.txt' }, text, sections: [{ kind: 'body' as const, start: 0, end: text.length }] };
  const html = renderHtml(buildReport({ documents: [{ doc, findings: [finding('Strong claim', 0.9), finding('Weak hint', 0.2)] }], corpusFindings: [], thresholds: { minScore: 0 } }));
  assert.match(html, /<a class="anchor" id="f-f0"><\/a><span class="k-technique" data-score="0.90" title="technique: Casting doubt \(score 0.90\) — because">Strong claim<\/span>/);
  assert.match(html, /<a class="anchor" id="f-f19"><\/a><span class="k-technique weak" data-score="0.20"[^>]*>Weak hint<\/span>/);
  assert.match(html, /every finding stored/);
});

test('display thresholds: findings below them are neither shown nor counted in densities, and the report says so', () => {
  const text = 'Strong claim here. Weak hint there.';
  const finding = (quote: string, score: number) => {
    const start = text.indexOf(quote);
    return { id: `f${start}`, analyzer: 'x@1.0.0', kind: 'technique', label: 'Doubt', start, end: start + quote.length, quote, score, explanation: 'because' };
  };
  const doc = { id: 'd1', format: 'text' as const, source: { path: 'x.txt' }, text, sections: [{ kind: 'body' as const, start: 0, end: text.length }] };
  const input = { documents: [{ doc, findings: [finding('Strong claim', 0.9), finding('Weak hint', 0.15)] }], corpusFindings: [] };
  const byDefault = buildReport(input);
  assert.deepEqual(byDefault.documents[0].findings.map((f) => f.quote), ['Strong claim']);
  assert.equal((byDefault.documents[0].profiles.techniques as { total: number }).total, 1);
  assert.equal(byDefault.thresholds.minScore, null);
  assert.match(renderMarkdown(byDefault), /1 technique spans, [\d.]+ per 1,000 words \(counting spans scored 0\.2 or more\)/);
  assert.match(renderMarkdown(byDefault), /default score \(technique 0\.2/);
  const all = buildReport({ ...input, thresholds: { minScore: 0 } });
  assert.equal((all.documents[0].profiles.techniques as { total: number }).total, 2);
  const strict = buildReport({ ...input, thresholds: { minScore: 0.95 } });
  assert.equal(strict.documents[0].findings.length, 0);
  assert.match(renderMarkdown(strict), /scored 0\.95 or more/);
});

test('the streamed JSON report is the same document as the in-memory one, written in many small chunks', async () => {
  const resources = await testResources();
  // the copied pair gives reuse findings, which the key findings read too (the streamed report once left them out)
  const copied = 'Officials in the river province said 40 people were moved on 3 May 2024. The new levee will take eleven weeks to finish.';
  const documents = ['First piece. The Ministry of Water Resources said so.', 'Second piece on 3 May 2024. It said so again.', copied, `${copied}\n\nA reader wrote: this is all lies.`].map((t, i) => analyzeDocument(plainDocument(t, `${i}.txt`), resources));
  const corpus = await analyzeCorpus(documents, resources);
  assert.ok(corpus.findings.some((f) => f.kind === 'reuse'), 'the copied pair is found');
  const input = { documents, corpusFindings: corpus.findings, run: { id: 7, inputs: ['x'] } };
  const chunks: string[] = [];
  await writeJson(memorySource(input), (chunk) => void chunks.push(chunk));
  assert.ok(chunks.length > documents.length, 'one chunk per document at least');
  const streamed = JSON.parse(chunks.join('')) as Record<string, unknown>;
  const whole = JSON.parse(renderJson(buildReport(input))) as Record<string, unknown>;
  delete streamed.generatedAt;
  delete whole.generatedAt;
  assert.deepEqual(streamed, whole);
  const schema = JSON.parse(readFileSync(join(SHARED, 'contract', 'report.schema.json'), 'utf8'));
  assert.ok(new Ajv2020({ strict: false }).compile(schema)(streamed));
});

test('a capped HTML or Markdown report shows the first documents in full and lists the others', async () => {
  const resources = await testResources();
  const documents = Array.from({ length: 5 }, (_, i) => analyzeDocument(plainDocument(`Piece number ${i + 1}. It says little.`, `piece-${i + 1}.txt`), resources));
  const report = await collectReport(memorySource({ documents, corpusFindings: [] }), { maxDocuments: 2 });
  assert.equal(report.documents.length, 2);
  assert.equal(report.omitted?.total, 5);
  assert.deepEqual(report.omitted?.listed.map((d) => d.title), ['piece-3.txt', 'piece-4.txt', 'piece-5.txt']);
  const html = renderHtml(report);
  assert.match(html, /3 more documents/);
  assert.match(html, /piece-5\.txt/);
  assert.match(renderMarkdown(report), /shows 2 of 5 documents in full/);
  assert.match(renderTerminal(report), /5 documents analysed/);
});

test('a reuse copy group is valid in the JSON report, and the HTML report lists 50 of its passages and counts the rest', async () => {
  const resources = await testResources();
  const passage = 'Engineers said the northern floodgate would be replaced before the autumn storms. The work will take eleven weeks and close the river road to heavy trucks.';
  const analysed = ['a', 'b', 'c'].map((name, i) =>
    analyzeDocument(plainDocument(`Bulletin ${name}\n\nOwn words of bulletin ${name} number ${i} open it here.\n\n${passage}\n\nAnd a closing line only ${name} has.`, `${name}.txt`), resources),
  );
  const corpus = await analyzeCorpus(analysed, resources);
  const group = corpus.findings.find((f) => f.kind === 'reuse');
  assert.ok(group, 'the passage in three documents is one copy group');
  assert.equal(new Set(group.members.map((m) => m.doc)).size, 3);
  const many = { ...group, id: 'many', members: Array.from({ length: 60 }, (_, i) => ({ ...group.members[i % group.members.length] })) };
  const report = buildReport({ documents: analysed, corpusFindings: [group, many], run: { id: 1, inputs: ['a.txt', 'b.txt', 'c.txt'] } });
  const schema = JSON.parse(readFileSync(join(SHARED, 'contract', 'report.schema.json'), 'utf8'));
  assert.ok(new Ajv2020({ strict: false }).compile(schema)(JSON.parse(renderJson(report))));
  const html = renderHtml(report);
  const listed = /<li id="c-many">.*?<\/ul><\/li>/su.exec(html)?.[0] ?? '';
  assert.equal((listed.match(/<li>/gu) ?? []).length, 50);
  assert.match(listed, /… and 10 more passages \(see the JSON report\)/u);
});
