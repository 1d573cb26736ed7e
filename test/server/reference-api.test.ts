import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { readEvidence } from '../../src/reference/evidence/read.js';
import { parseClaimReviews } from '../../src/reference/factchecks/claimreview.js';
import { createApp } from '../../src/server/app.js';
import { openApiDocument } from '../../src/server/openapi.js';
import { makeFixture } from './fixtures.js';
import { startFakeLlm } from '../support/fake-llm.js';

const REFERENCE = join(import.meta.dirname, '..', 'fixtures', 'reference');

/** Our own reference text about the fixture corpus's invented lake (in the monitoring-report style). */
const LAKE_REPORT = `Environmental monitoring note, July 2025

Samples taken from Lake Temmer on 2 June 2025 by the Halden Institute showed lead levels twice the legal limit.

The Daskor Federation did not dump industrial waste into Lake Temmer, according to the joint inspection commission.`;

test('API: evidence list, verdicts, fact-check matches, and verdicts inside the document view', async () => {
  const fixture = await makeFixture();
  try {
    const ref = fixture.store.reference;
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const lake = join(mkdtempSync(join(tmpdir(), 'discern-lake-')), 'lake-note.txt');
    writeFileSync(lake, LAKE_REPORT);
    for await (const l of readEvidence([REFERENCE, lake], fixture.resources.gazetteer, { issuer: 'Test issuers' })) {
      assert.ok(l.ok);
      await ref.addEvidence(l.doc);
    }
    const facts = parseClaimReviews(JSON.stringify({ '@type': 'ClaimReview', claimReviewed: 'Daskor dumped industrial waste into Lake Temmer', url: 'https://checks.example/temmer', author: { name: 'Lake Checkers' }, reviewRating: { alternateName: 'False' } }), 'x.json');
    await ref.addFactChecks(facts.records);
    const app = createApp({ store: fixture.store, resources: fixture.resources, rateLimit: null });
    const post = (path: string, body: unknown) => app.request(`/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    const list = (await (await app.request('/api/v1/evidence')).json()) as { items: Array<{ title: string }>; passages: number };
    assert.equal(list.items.length, 3);
    assert.ok(list.passages > 10);

    const v = await post('/verify', { claims: ['ISKP was founded in 2012.', 'The Helmand dam burst.'] });
    assert.equal(v.status, 200);
    const results = ((await v.json()) as { results: Array<{ verdict: string; evidence: Array<{ quote: string }> }> }).results;
    assert.deepEqual(results.map((r) => r.verdict), ['contradicted', 'not-enough-evidence']);
    assert.equal((await post('/verify', { claims: [] })).status, 400);
    assert.equal((await post('/verify', { claims: [7] })).status, 400);
    assert.equal((await app.request('/api/v1/verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' })).status, 400);

    const m = (await (await post('/factchecks/match', { texts: ['The Daskor Federation dumped waste into Lake Temmer, killing fish'] })).json()) as { results: Array<{ matches: Array<{ url: string }> }> };
    assert.equal(m.results[0].matches[0]?.url, 'https://checks.example/temmer');
    assert.equal((await post('/factchecks/match', { texts: ['x'], top: 99 })).status, 400);

    const doc = (await (await app.request(`/api/v1/documents/${fixture.ids.norvale}`)).json()) as { text: string; findings: Array<{ kind: string; label: string; start: number; end: number; quote: string; data: { evidence?: Array<{ quote: string }> } }> };
    const verdicts = doc.findings.filter((f) => f.kind === 'verification');
    assert.ok(verdicts.length > 0, 'claims in the document view carry verdicts');
    for (const f of verdicts) assert.equal(doc.text.slice(f.start, f.end), f.quote);
    const dumped = verdicts.find((f) => f.quote.includes('dumped industrial waste'));
    assert.equal(dumped?.label, 'contradicted', JSON.stringify(verdicts.map((f) => [f.label, f.quote])));
    assert.ok(doc.findings.some((f) => f.kind === 'fact-check'));

    // verdicts and fact-check matches are reviewed like stored findings, through their ids
    type Reviewed = { id: string; kind: string; review?: { status: string } };
    const match = (doc.findings as unknown as Reviewed[]).find((f) => f.kind === 'fact-check')!;
    const verdict = (doc.findings as unknown as Reviewed[]).find((f) => f.kind === 'verification')!;
    const reviewOf = (id: string, status: string) => post(`/findings/${encodeURIComponent(id)}/reviews`, { status, reviewer: 'ana' });
    assert.equal((await reviewOf(match.id, 'confirmed')).status, 201);
    assert.equal((await reviewOf(verdict.id, 'rejected')).status, 201);
    assert.equal((await reviewOf(`${match.id.slice(0, 16)}.f00000000`, 'confirmed')).status, 404, 'a match that does not exist');
    const again = (await (await app.request(`/api/v1/documents/${fixture.ids.norvale}`)).json()) as { findings: Reviewed[]; orphanedReviews: unknown[] };
    assert.equal(again.findings.find((f) => f.id === match.id)?.review?.status, 'confirmed');
    assert.equal(again.findings.find((f) => f.id === verdict.id)?.review?.status, 'rejected', 'shown flagged in the document view');
    assert.deepEqual(again.orphanedReviews, []);
    const other = (await (await app.request(`/api/v1/documents/${fixture.ids.daskor}`)).json()) as { orphanedReviews: unknown[] };
    assert.deepEqual(other.orphanedReviews, [], 'reviews of another document are not orphans here');

    const paths = Object.keys((openApiDocument() as { paths: Record<string, unknown> }).paths);
    for (const p of ['/evidence', '/verify', '/factchecks', '/factchecks/match']) assert.ok(paths.includes(p), p);
  } finally {
    await fixture.cleanup();
  }
});

test('API with the LLM assist configured: /verify results carry the proposal beside the verdict, asked once per claim', async () => {
  const fixture = await makeFixture();
  const server = await startFakeLlm((body) =>
    body.messages[0].content.includes('Split') ? '{"subclaims":["ISKP was founded in 2012"]}' : '{"verdict":"contradicted","explanation":"Another year.","quotes":["founded in 2015"]}',
  );
  try {
    for await (const l of readEvidence([REFERENCE], fixture.resources.gazetteer, {})) if (l.ok) await fixture.store.reference.addEvidence(l.doc);
    const { OpenAiChatBackend } = await import('../../src/reference/llm/openai.js');
    const { TokenBudget } = await import('../../src/reference/llm/backend.js');
    const { LlmAssist } = await import('../../src/reference/llm/assist.js');
    const backend = new OpenAiChatBackend({ url: server.url, model: 'm', apiKey: null, budget: new TokenBudget(10_000) });
    const app = createApp({ store: fixture.store, resources: fixture.resources, rateLimit: null, llm: new LlmAssist(backend, fixture.store.reference) });
    const ask = async () => {
      const r = await app.request('/api/v1/verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ claim: 'ISKP was founded in 2012.' }) });
      assert.equal(r.status, 200);
      return ((await r.json()) as { results: Array<{ verdict: string; llm: { status: string; verdict: string; quotes: Array<{ quote: string }> } }> }).results[0];
    };
    const first = await ask();
    assert.equal(first.verdict, 'contradicted');
    assert.equal(first.llm.status, 'ok');
    assert.equal(first.llm.quotes[0].quote, 'founded in 2015');
    const asked = server.calls();
    assert.equal(asked, 2, 'a decomposition and a verdict');
    await ask();
    assert.equal(server.calls(), asked, 'the same claim on the same passages is not asked again');
  } finally {
    await server.close();
    await fixture.cleanup();
  }
});
