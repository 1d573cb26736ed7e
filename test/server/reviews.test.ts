import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { XMLValidator } from 'fast-xml-parser';
import { createApp } from '../../src/server/app.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { LOOPBACK_HOSTS } from '../../src/server/security.js';
import { makeFixture, type Fixture } from './fixtures.js';

interface Json { [key: string]: any }

describe('reviews and exports over the REST API', () => {
  let fixture: Fixture;
  let server: RunningServer;
  const call = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${server.url}${path}`, init);
    return { status: response.status, headers: response.headers, body: (await response.json()) as Json };
  };
  const review = (id: string, body: unknown) => call(`/api/v1/findings/${id}/reviews`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  before(async () => {
    fixture = await makeFixture();
    server = await listen(createApp({ store: fixture.store, resources: fixture.resources, rateLimit: null, allowedHosts: LOOPBACK_HOSTS }), '127.0.0.1', 0);
  });
  after(async () => {
    await server.close();
    await fixture.cleanup();
  });

  test('a review is stored, shown on the document, honoured by the graph and counted in the summary', async () => {
    const doc = (await call(`/api/v1/documents/${fixture.ids.norvale}`)).body;
    const accusation = doc.findings.find((f: Json) => f.kind === 'accusation');
    const technique = doc.findings.find((f: Json) => f.kind === 'technique');
    assert.ok(accusation && technique);
    const corrected = await review(accusation.id, { accused: 'Halden Institute', reviewer: 'ana', note: 'misread subject' });
    assert.equal(corrected.status, 201);
    assert.equal(corrected.body.status, 'corrected');
    assert.equal((await review(technique.id, { status: 'rejected', reviewer: 'ana' })).status, 201);

    const again = (await call(`/api/v1/documents/${fixture.ids.norvale}`)).body;
    const shown = again.findings.find((f: Json) => f.id === accusation.id);
    assert.equal(shown.review.status, 'corrected');
    assert.equal(shown.data.accused, 'Halden Institute');
    assert.equal(again.findings.find((f: Json) => f.id === technique.id).review.status, 'rejected', 'rejected ones are sent, flagged');

    const graph = (await call('/api/v1/graph/accusations')).body;
    assert.ok(graph.edges.some((e: Json) => e.source === 'Ilse Varga' && e.target === 'Halden Institute'));
    assert.equal(graph.edges.some((e: Json) => e.source === 'Ilse Varga' && e.target === 'Daskor Federation'), false);

    const summary = (await call('/api/v1/reviews/summary')).body;
    assert.deepEqual(summary.kinds.find((k: Json) => k.kind === 'technique'), { kind: 'technique', reviewed: 1, confirmed: 0, corrected: 0, rejected: 1, confirmedShare: 0 });
    const listed = (await call('/api/v1/reviews')).body;
    assert.equal(listed.reviewed, 2);
    assert.equal(listed.orphaned, 0);
  });

  test('bad reviews are refused with the field at fault', async () => {
    const doc = (await call(`/api/v1/documents/${fixture.ids.norvale}`)).body;
    const technique = doc.findings.find((f: Json) => f.kind === 'technique');
    const cases: Array<[unknown, number, string]> = [
      [{ status: 'maybe', reviewer: 'a' }, 400, 'status'],
      [{ verdict: 'false', reviewer: 'a' }, 400, 'verdict'],
      [{ status: 'confirmed' }, 400, 'reviewer'],
      [{ status: 'confirmed', reviewer: 7 }, 400, 'reviewer'],
    ];
    for (const [body, status, input] of cases) {
      const r = await review(technique.id, body);
      assert.equal(r.status, status, JSON.stringify(body));
      assert.equal(r.body.error.input, input);
    }
    assert.equal((await review('nope', { status: 'confirmed', reviewer: 'a' })).status, 404);
    const text = await call(`/api/v1/findings/${technique.id}/reviews`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'confirm' });
    assert.equal(text.status, 415);
    const cross = await call(`/api/v1/findings/${technique.id}/reviews`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: '{"status":"confirmed","reviewer":"x"}' });
    assert.equal(cross.status, 403);
  });

  test('exports download with their media type, per corpus and per document', async () => {
    const stix = await fetch(`${server.url}/api/v1/export/stix`);
    assert.equal(stix.status, 200);
    assert.match(stix.headers.get('content-type') ?? '', /application\/stix\+json/);
    assert.match(stix.headers.get('content-disposition') ?? '', /attachment; filename="discern\.stix\.json"/);
    const bundle = (await stix.json()) as Json;
    assert.equal(bundle.objects.filter((o: Json) => o.type === 'report').length, 2);
    const one = (await (await fetch(`${server.url}/api/v1/export/stix?doc=${fixture.ids.daskor}`)).json()) as Json;
    assert.equal(one.objects.filter((o: Json) => o.type === 'report').length, 1);
    const xml = await (await fetch(`${server.url}/api/v1/export/graphml`)).text();
    assert.equal(XMLValidator.validate(xml), true);
    assert.match(xml, /Halden Institute/);
    const csv = await fetch(`${server.url}/api/v1/export/csv?min_score=0.5`);
    assert.match(await csv.text(), /^scope,document,title/);
    assert.equal((await call('/api/v1/export/pdf')).status, 404);
    assert.equal((await call('/api/v1/export/csv?min_score=7')).status, 400);
    assert.equal((await call('/api/v1/export/csv?doc=nope')).status, 404);
  });
});
