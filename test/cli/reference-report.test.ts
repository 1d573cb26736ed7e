import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { SEEDS, haveSeeds } from '../helpers/seeds.js';
import { runCli, tempDir } from '../support/cli.js';
import { startFakeLlm } from '../support/fake-llm.js';

const REFERENCE = join(import.meta.dirname, '..', 'fixtures', 'reference');
const FACTCHECKS = join(import.meta.dirname, '..', 'fixtures', 'factchecks');
const ARTICLE = join(import.meta.dirname, '..', 'fixtures', 'verification-article', 'article.txt');

interface ReportFinding {
  kind: string;
  label: string;
  start: number;
  end: number;
  quote: string;
  explanation: string;
  data?: { evidence?: Array<{ source: string; start: number; end: number; quote: string }>; url?: string; similarity?: number };
}
interface JsonReport {
  documents: Array<{ text: string; findings: ReportFinding[] }>;
}

async function referenceDb(): Promise<string> {
  const db = join(tempDir(), 'ref.db');
  const add = await runCli(['evidence', 'add', join(REFERENCE, 'monitoring-report-2024.txt'), join(REFERENCE, 'ministry-statement.md'), '--db', db, '--issuer', 'Test issuers']);
  assert.equal(add.code, 0, add.stderr);
  const imp = await runCli(['factchecks', 'import', join(FACTCHECKS, 'claimreviews.jsonl'), join(FACTCHECKS, 'page-jsonld.json'), '--db', db]);
  assert.equal(imp.code, 1, 'the malformed records are reported');
  assert.match(imp.stderr, /claimreviews\.jsonl, line 3: has no claimReviewed/);
  assert.match(imp.stdout, /claimreviews\.jsonl: 3 fact-checks added, 0 updated, 3 skipped/);
  assert.match(imp.stdout, /page-jsonld\.json: 1 fact-checks added/);
  return db;
}

async function evidenceTexts(db: string): Promise<Map<string, string>> {
  // the evidence text is not in the article report: read it back through the CLI's JSON list + the store
  const { openSqliteStore } = await import('../../src/store/sqlite.js');
  const store = openSqliteStore(db);
  const out = new Map<string, string>();
  for (const e of await store.reference.listEvidence()) out.set(e.id, (await store.reference.getEvidence(e.id))!.text);
  await store.close();
  return out;
}

function checkSpans(report: JsonReport, texts: Map<string, string>): ReportFinding[] {
  const found: ReportFinding[] = [];
  for (const d of report.documents) {
    for (const f of d.findings.filter((x) => x.kind === 'verification' || x.kind === 'fact-check')) {
      assert.equal(d.text.slice(f.start, f.end), f.quote, 'the finding is on the claim span');
      for (const e of f.data?.evidence ?? []) assert.equal(texts.get(e.source)?.slice(e.start, e.end), e.quote, 'the quote is the passage text');
      found.push(f);
    }
  }
  return found;
}

test('analyze and report add verdicts and fact-check matches on the claims, quoting exact passages', async () => {
  const db = await referenceDb();
  const texts = await evidenceTexts(db);
  const r = await runCli(['analyze', ARTICLE, '--db', db, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const found = checkSpans(JSON.parse(r.stdout) as JsonReport, texts);
  const verdict = (start: string) => found.find((f) => f.kind === 'verification' && f.quote.startsWith(start));
  assert.equal(verdict('The attack on the Kunar checkpoint')?.label, 'contradicted');
  assert.match(verdict('The attack on the Kunar checkpoint')!.explanation, /17 police officers.*40/);
  assert.equal(verdict('ISKP was founded')?.label, 'contradicted');
  assert.equal(verdict('An attack in Kunar province')?.label, 'supported');
  const fc = found.filter((f) => f.kind === 'fact-check');
  assert.ok(fc.some((f) => f.data?.url === 'https://checks.example/kunar-40' && f.label === 'False'), JSON.stringify(fc.map((f) => f.explanation)));

  const md = await runCli(['report', '--db', db, '--format', 'md']);
  assert.equal(md.code, 0, md.stderr);
  assert.match(md.stdout, /contradicted/);
  const html = await runCli(['report', '--db', db, '--format', 'html']);
  assert.match(html.stdout, /verification/);
});

test('discern review takes a fact-check match or a verdict by its id; the report then shows the review, a rejected verdict hidden', async () => {
  const db = await referenceDb();
  const r = await runCli(['analyze', ARTICLE, '--db', db, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  type Found = ReportFinding & { id: string; review?: { status: string } };
  const findings = (JSON.parse(r.stdout) as { documents: Array<{ findings: Found[] }> }).documents[0].findings;
  const match = findings.find((f) => f.kind === 'fact-check' && f.data?.url === 'https://checks.example/kunar-40')!;
  const verdict = findings.find((f) => f.kind === 'verification')!;
  const confirm = await runCli(['review', match.id, '--confirm', '--by', 'ana', '--db', db]);
  assert.equal(confirm.code, 0, confirm.stderr);
  assert.match(confirm.stdout, /fact-check "False"/);
  assert.equal((await runCli(['review', verdict.id, '--reject', '--by', 'ana', '--db', db])).code, 0);
  const missing = await runCli(['review', `${match.id.slice(0, 16)}.f00000000`, '--confirm', '--by', 'ana', '--db', db]);
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /no finding with this id/);

  const report = JSON.parse((await runCli(['report', '--db', db, '--format', 'json'])).stdout) as { documents: Array<{ findings: Found[] }>; reviews?: { orphaned?: unknown[] } };
  const after = report.documents[0].findings;
  assert.equal(after.find((f) => f.id === match.id)?.review?.status, 'confirmed');
  assert.equal(after.find((f) => f.id === verdict.id), undefined, 'a rejected verdict is left out of the report');
  assert.ok(after.some((f) => f.kind === 'claim' && f.start === verdict.start), 'its claim stays');
  const listed = await runCli(['reviews', '--db', db]);
  assert.equal(listed.code, 0, listed.stderr);
  assert.doesNotMatch(listed.stdout, /ORPHANED/);
});

test('the seeds analysed with a small reference set of our own: every verdict on a claim span, every quote exact', { skip: !haveSeeds && 'no ../shared/seeds' }, async () => {
  const db = await referenceDb();
  const texts = await evidenceTexts(db);
  const r = await runCli(['analyze', SEEDS, '--db', db, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as JsonReport;
  const found = checkSpans(report, texts);
  const claims = report.documents.flatMap((d) => d.findings.filter((f) => f.kind === 'claim'));
  const verdicts = found.filter((f) => f.kind === 'verification');
  assert.equal(verdicts.length, claims.length, 'every claim gets a verdict');
  for (const v of verdicts) {
    assert.ok(['supported', 'contradicted', 'not-enough-evidence'].includes(v.label));
    if (v.label !== 'not-enough-evidence') assert.ok((v.data?.evidence ?? []).length > 0);
  }
});

test('report --llm-url: each verdict carries the LLM proposal on the same passages, asked once per claim; off by default', async () => {
  const server = await startFakeLlm(({ messages }) =>
    messages[0].content.includes('Split')
      ? '{"subclaims":["a statement"]}'
      : '{"verdict":"contradicted","explanation":"The passage differs.","quotes":["17 police officers","a quote the passages do not hold"]}',
  );
  const asked = (): string[] => server.requests.map((r) => r.body.messages[1].content);
  const url = server.url;
  try {
    const db = await referenceDb();
    const texts = await evidenceTexts(db);
    const plain = await runCli(['analyze', ARTICLE, '--db', db, '--format', 'json']);
    assert.equal(plain.code, 0, plain.stderr);
    assert.equal(asked().length, 0, 'without --llm-url nothing calls out');
    const withoutLlm = checkSpans(JSON.parse(plain.stdout) as JsonReport, texts).filter((f) => f.kind === 'verification');
    assert.ok(withoutLlm.every((f) => !('llm' in (f.data ?? {}))));

    const r = await runCli(['report', '--db', db, '--format', 'json', '--llm-url', url, '--llm-model', 'test-model']);
    assert.equal(r.code, 0, r.stderr);
    const verdicts = checkSpans(JSON.parse(r.stdout) as JsonReport, texts).filter((f) => f.kind === 'verification');
    assert.ok(verdicts.length > 0);
    type Proposal = { status: string; verdict: string | null; quotes: Array<{ source: string; start: number; end: number; quote: string }> };
    for (const v of verdicts) {
      const llm = (v.data as { llm?: Proposal }).llm;
      assert.ok(llm, `verdict on "${v.quote.slice(0, 40)}" has a proposal`);
      assert.equal(v.label, withoutLlm.find((w) => w.start === v.start)?.label, 'the explainable verdict is unchanged');
      for (const q of llm.quotes) assert.equal(texts.get(q.source)?.slice(q.start, q.end), q.quote, 'an LLM quote is exact passage text');
      assert.ok(llm.quotes.every((q) => q.quote !== 'a quote the passages do not hold'), 'invented quotes are dropped');
    }
    const kunar = verdicts.find((v) => v.quote.startsWith('The attack on the Kunar checkpoint'));
    assert.equal((kunar?.data as { llm?: Proposal }).llm?.status, 'ok');
    const claimsAsked = asked().filter((a) => a.startsWith('Claim:') && !a.includes('Passages:'));
    assert.equal(new Set(claimsAsked).size, claimsAsked.length, 'each claim is decomposed once per report');

    const usage = await runCli(['report', '--db', db, '--llm-url', url]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--llm-url needs --llm-model/);
  } finally {
    await server.close();
  }
});
