import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { Command } from 'commander';
import { registerServeCommand } from '../../src/cli/commands/serve.js';
import { DiscernError } from '../../src/core/errors.js';
import { createApp } from '../../src/server/app.js';
import { errorResponse } from '../../src/server/errors.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { openApiDocument } from '../../src/server/openapi.js';
import { CONTENT_SECURITY_POLICY, LOOPBACK_HOSTS } from '../../src/server/security.js';
import { ftsQuery } from '../../src/store/queries.js';
import { postgresForTests, postgresSkip } from '../support/postgres.js';
import { ARTICLE_DASKOR, makeFixture, type Backend, type Fixture } from './fixtures.js';

const here = dirname(fileURLToPath(import.meta.url));
const contractPath = join(here, '..', '..', '..', 'shared', 'contract', 'report.schema.json');

interface Json {
  [key: string]: unknown;
}

apiSuite('sqlite');
apiSuite('postgres');

/** The whole API suite on one backend: `discern serve` must answer the same on SQLite and PostgreSQL. */
function apiSuite(backend: Backend): void {
const skip = backend === 'postgres' ? postgresSkip() : false;
describe(`REST API on a real server and database (${backend})`, { skip }, () => {
  let fixture: Fixture;
  let server: RunningServer;
  let privateServer: RunningServer;
  let site: Server;
  let siteUrl: string;

  const get = async (path: string, init: RequestInit = {}, base = server.url) => {
    const response = await fetch(`${base}${path}`, init);
    return { status: response.status, headers: response.headers, body: (await response.json()) as Json };
  };
  const post = (path: string, body: unknown, base = server.url) =>
    get(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, base);

  before(async () => {
    fixture = await makeFixture(backend);
    const options = { store: fixture.store, resources: fixture.resources, rateLimit: null, allowedHosts: LOOPBACK_HOSTS };
    server = await listen(createApp(options), '127.0.0.1', 0);
    privateServer = await listen(createApp({ ...options, allowPrivate: true }), '127.0.0.1', 0);
    site = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Orchard Prices Fall in Velden\n\nVELDEN, May 2 - Apple prices in Velden fell by a third this spring, the Velden Growers Union said on Friday.\n');
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/orchard.txt`;
  });

  after(async () => {
    await server.close();
    await privateServer.close();
    await new Promise((resolve) => site.close(resolve));
    await fixture.cleanup();
    if (backend === 'postgres') (await postgresForTests())?.stop();
  });

  test('the OpenAPI document is 3.1 and describes every API route', async () => {
    const { status, body } = await get('/api/v1/openapi.json');
    assert.equal(status, 200);
    assert.equal(body.openapi, '3.1.0');
    const documented = new Set(Object.keys(body.paths as Json).map((p) => `/api/v1${p}`));
    const app = createApp({ store: fixture.store, resources: fixture.resources });
    const served = new Set(app.routes.filter((r) => r.path.startsWith('/api/v1/') && r.method !== 'ALL').map((r) => r.path.replace(/:(\w+)/g, '{$1}')));
    assert.deepEqual([...served].sort(), [...documented].sort());
    // every $ref resolves
    const refs = JSON.stringify(openApiDocument()).match(/#\/components\/(schemas|responses)\/\w+/g) ?? [];
    const components = openApiDocument().components as Record<string, Json>;
    for (const ref of refs) {
      const [, , group, name] = ref.split('/');
      assert.ok(components[group][name], `${ref} is defined`);
    }
  });

  test('documents: newest first, filters by outlet and date, pages', async () => {
    const all = await get('/api/v1/documents');
    assert.equal(all.status, 200);
    assert.equal(all.body.total, 2);
    const items = all.body.items as Json[];
    assert.deepEqual(items.map((d) => d.outlet), ['Daskor Daily', 'Lakeside Courier']);
    assert.equal((items[1].findings as Json).accusation, 1);
    const outlet = await get('/api/v1/documents?outlet=Lakeside%20Courier');
    assert.deepEqual((outlet.body.items as Json[]).map((d) => d.id), [fixture.ids.norvale]);
    const dated = await get('/api/v1/documents?from=2025-06-04');
    assert.deepEqual((dated.body.items as Json[]).map((d) => d.id), [fixture.ids.daskor]);
    const before = await get('/api/v1/documents?to=2025-06-03');
    assert.deepEqual((before.body.items as Json[]).map((d) => d.id), [fixture.ids.norvale]);
    const page = await get('/api/v1/documents?limit=1&offset=1');
    assert.deepEqual([page.body.total, (page.body.items as Json[]).length, (page.body.items as Json[])[0].id], [2, 1, fixture.ids.norvale]);
    const bad = await get('/api/v1/documents?limit=0');
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body, { error: { code: 'BAD_REQUEST', message: 'limit must be a whole number from 1 to 500', input: 'limit' } });
    assert.equal((await get('/api/v1/documents?from=June')).status, 400);
  });

  test('one document in the report contract shape, every quote exact', async () => {
    const { status, body } = await get(`/api/v1/documents/${fixture.ids.norvale}`);
    assert.equal(status, 200);
    const text = body.text as string;
    const findings = body.findings as Array<{ start: number; end: number; quote: string }>;
    assert.ok(findings.length > 10);
    for (const f of findings) assert.equal(text.slice(f.start, f.end), f.quote);
    assert.ok((body.sections as Json[]).some((s) => s.kind === 'comment'));
    assert.ok(body.actors && body.sourcing, 'profiles under their keys');
    if (existsSync(contractPath)) {
      const schema = JSON.parse(readFileSync(contractPath, 'utf8')) as Json;
      const ajv = new Ajv2020({ strict: false });
      ajv.addSchema(schema);
      const valid = ajv.validate({ $ref: 'discern-report-v1#/$defs/document' }, body);
      assert.ok(valid, JSON.stringify(ajv.errors));
    }
    const missing = await get('/api/v1/documents/0000000000000000');
    assert.equal(missing.status, 404);
    assert.equal((missing.body.error as Json).code, 'NOT_FOUND');
  });

  test('ingesting a text is idempotent and the text becomes searchable', async () => {
    const text = 'Bridge Repairs Delayed in Ostrava Vale\n\nOSTRAVA VALE, April 8 - Repairs to the Kettle Bridge will take two more months, the city council said on Monday, blaming a shortage of steel.\n';
    const first = await post('/api/v1/ingest', { text, outlet: 'Vale Gazette' });
    assert.equal(first.status, 201);
    const id = first.body.id as string;
    assert.match(id, /^[0-9a-f]{16}$/);
    assert.deepEqual((first.body.documents as Json[]).map((d) => [d.state, d.title]), [['created', 'Bridge Repairs Delayed in Ostrava Vale']]);
    const again = await post('/api/v1/ingest', { text, outlet: 'Vale Gazette' });
    assert.equal(again.status, 200);
    assert.equal(again.body.id, id);
    assert.equal((again.body.documents as Json[])[0].state, 'unchanged');
    const doc = await get(`/api/v1/documents/${id}`);
    assert.equal((doc.body.source as Json).outlet, 'Vale Gazette');
    const search = await get('/api/v1/search?q=kettle%20bridge');
    assert.deepEqual(((search.body.documents as Json).items as Json[]).map((d) => d.id), [id]);
    const markers = search.body.markers as { start: string; end: string };
    assert.ok((((search.body.documents as Json).items as Json[])[0].snippet as string).includes(`${markers.start}Kettle${markers.end}`));
    // the corpus findings are recomputed after an ingest
    const corpus = await get('/api/v1/corpus/findings');
    assert.equal(corpus.body.documents, 3);
  });

  test('ingesting uploaded files and raw bodies', async () => {
    const form = new FormData();
    form.append('file', new Blob(['# Harvest Festival Cancelled\n\nThe Lindow harvest festival was cancelled after heavy rain, organisers said.\n'], { type: 'text/markdown' }), 'harvest.md');
    form.append('file', new Blob(['<html><head><title>Tram Line Opens</title></head><body><article><h1>Tram Line Opens</h1><p>The new tram line in Brenmoor opened on Sunday, carrying 4,000 passengers on its first day, the operator said.</p></article></body></html>'], { type: 'text/html' }), 'tram.html');
    const upload = await get('/api/v1/ingest', { method: 'POST', body: form });
    assert.equal(upload.status, 201);
    const docs = upload.body.documents as Json[];
    assert.deepEqual(docs.map((d) => [d.input, d.state]), [['upload:harvest.md', 'created'], ['upload:tram.html', 'created']]);
    const tram = await get(`/api/v1/documents/${docs[1].id as string}`);
    assert.equal(tram.body.format, 'html');
    assert.equal((tram.body.source as Json).title, 'Tram Line Opens');
    const raw = await get('/api/v1/ingest', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'Dockworkers in Sallow Bay voted on Tuesday to accept a new contract, their union said.' });
    assert.equal(raw.status, 201);
    const unsupported = await get('/api/v1/ingest', { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: '%PDF-1.4' });
    assert.equal(unsupported.status, 415);
    const empty = await post('/api/v1/ingest', {});
    assert.equal(empty.status, 400);
    const both = await post('/api/v1/ingest', { text: 'some text here', url: siteUrl });
    assert.equal(both.status, 400);
    const blank = await post('/api/v1/ingest', { text: 'x', format: 'pdf' });
    assert.deepEqual(blank.body, { error: { code: 'BAD_REQUEST', message: 'format must be text, markdown or html', input: 'format' } });
  });

  test('URL ingest refuses private addresses unless --allow-private, and anything but http(s)', async () => {
    const refused = await post('/api/v1/ingest', { url: siteUrl });
    assert.equal(refused.status, 403);
    assert.equal((refused.body.error as Json).code, 'URL_PRIVATE');
    for (const url of ['file:///etc/passwd', '/etc/passwd', 'ftp://127.0.0.1/x', '-']) {
      const bad = await post('/api/v1/ingest', { url });
      assert.equal(bad.status, 400, url);
      assert.equal((bad.body.error as Json).code, 'URL_INVALID', url);
    }
    const allowed = await post('/api/v1/ingest', { url: siteUrl }, privateServer.url);
    assert.equal(allowed.status, 201);
    const doc = await get(`/api/v1/documents/${allowed.body.id as string}`);
    assert.equal((doc.body.source as Json).url, siteUrl);
    assert.equal((doc.body.source as Json).title, 'Orchard Prices Fall in Velden');
  });

  test('request bodies over the limit are refused with 413', async () => {
    const small = await listen(createApp({ store: fixture.store, resources: fixture.resources, maxBodyBytes: 1000, rateLimit: null }), '127.0.0.1', 0);
    try {
      const response = await post('/api/v1/ingest', { text: 'word '.repeat(400) }, small.url);
      assert.equal(response.status, 413);
      assert.equal((response.body.error as Json).code, 'PAYLOAD_TOO_LARGE');
    } finally {
      await small.close();
    }
  });

  test('findings and documents filtered by min_score; a bad min_score is a 400 naming it', async () => {
    const all = await get('/api/v1/findings?kind=entity&limit=500');
    const scores = (all.body.items as Json[]).map((f) => f.score as number);
    const cut = [...scores].sort((a, b) => a - b)[Math.floor(scores.length / 2)];
    const high = await get(`/api/v1/findings?kind=entity&limit=2&min_score=${cut}`);
    assert.equal(high.body.total, scores.filter((s) => s >= cut).length);
    assert.ok((high.body.items as Json[]).length <= 2);
    for (const f of high.body.items as Json[]) assert.ok((f.score as number) >= cut);
    const bad = await get('/api/v1/findings?min_score=2');
    assert.equal(bad.status, 400);
    assert.equal((bad.body.error as Json).code, 'BAD_REQUEST');
    const id = (all.body.items as Json[])[0].doc as string;
    const full = await get(`/api/v1/documents/${id}`);
    const strict = await get(`/api/v1/documents/${id}?min_score=0.99`);
    assert.equal(strict.status, 200);
    const strictFindings = strict.body.findings as Json[];
    assert.ok(strictFindings.every((f) => (f.score as number) >= 0.99));
    assert.equal(strictFindings.length, (full.body.findings as Json[]).filter((f) => (f.score as number) >= 0.99).length);
  });

  test('findings by kind and label, entities with aliases, the accusation graph', async () => {
    const accusations = await get('/api/v1/findings?kind=accusation&label=asserts');
    assert.equal(accusations.body.total, 2);
    assert.deepEqual(((accusations.body.items as Json[]).map((f) => f.docTitle) as string[]).sort(), ['Daskor Rejects Lake Temmer Claims as Fabricated', 'Norvale Accuses Daskor of Poisoning the Lake']);
    const labels = await get('/api/v1/findings/labels?kind=accusation');
    assert.deepEqual(labels.body.labels, [
      { kind: 'accusation', label: 'asserts', count: 2, documents: 2 },
      { kind: 'accusation', label: 'denies', count: 1, documents: 1 },
    ]);
    const pell = await get('/api/v1/entities?q=pell');
    const entity = (pell.body.items as Json[])[0];
    assert.equal(entity.name, 'Arno Pell');
    assert.deepEqual(entity.aliases, [
      { text: 'Arno Pell', count: 1 },
      { text: 'Pell', count: 1 },
    ]);
    const one = await get(`/api/v1/entities/${encodeURIComponent('Arno Pell')}`);
    assert.deepEqual((one.body.inDocuments as Json[]).map((d) => d.id), [fixture.ids.daskor]);
    assert.equal((await get('/api/v1/entities/Nobody%20At%20All')).status, 404);
    const graph = await get('/api/v1/graph/accusations');
    const edges = graph.body.edges as Json[];
    assert.deepEqual(
      edges.map((e) => [e.source, e.target, e.stance, e.count]),
      [
        ['Ilse Varga', 'Daskor Federation', 'asserts', 1],
        ['Daskor Federation', 'Norvale', 'denies', 1],
        ['Daskor Federation', 'Norvale', 'asserts', 1],
      ],
    );
    assert.equal(((edges[0].mentions as Json[])[0] as Json).quote, 'the Daskor Federation had dumped industrial waste into Lake Temmer');
    assert.equal((graph.body.nodes as Json[]).find((n) => n.id === 'Daskor Federation')?.type, 'organisation');
  });

  test('search: findings too, and FTS syntax in the query is plain text', async () => {
    const result = await get('/api/v1/search?q=smear&in=findings');
    const items = (result.body.findings as Json).items as Json[];
    assert.ok(items.some((f) => f.kind === 'accusation' && f.doc === fixture.ids.daskor));
    assert.equal(((result.body.documents as Json).total), 0);
    for (const q of ['"unbalanced', 'NEAR(a b)', 'title:x', 'a OR b AND', '*', '-', '^lake']) {
      const response = await get(`/api/v1/search?q=${encodeURIComponent(q)}`);
      assert.equal(response.status, 200, q);
    }
    assert.equal((await get('/api/v1/search?q=')).status, 400);
    assert.equal(ftsQuery('lake "smear campaign" temm'), '"lake" "smear campaign" "temm"*');
    assert.equal(ftsQuery('NEAR(a b)'), '"NEAR a" "b"');
    assert.equal(ftsQuery('*** ---'), null);
  });

  test('corpus findings include the comment clusters; overview counts outlets', async () => {
    const corpus = await get('/api/v1/corpus/findings?kind=comment-cluster');
    const clusters = corpus.body.findings as Json[];
    assert.equal(clusters.length, 1);
    assert.equal(((clusters[0].data as Json).clusters as Json[]).length, 1);
    assert.equal((corpus.body.documentTitles as Json)[fixture.ids.norvale], 'Norvale Accuses Daskor of Poisoning the Lake');
    const overview = await get('/api/v1/overview');
    const outlets = overview.body.outlets as Json[];
    const courier = outlets.find((o) => o.outlet === 'Lakeside Courier')!;
    assert.equal(courier.documents, 1);
    assert.deepEqual(courier.byDate, [{ date: '2025-06-03', documents: 1 }]);
    assert.equal((await get('/api/v1/corpus/findings?run=999')).status, 404);
  });

  test('the job queue: its state on PostgreSQL, "not available" on SQLite', async () => {
    const { status, body } = await get('/api/v1/jobs');
    assert.equal(status, 200);
    assert.equal(body.available, backend === 'postgres');
    if (backend === 'postgres') {
      assert.deepEqual((body.queues as Json[]).map((q) => q.queue).sort(), ['discern-corpus', 'discern-dead', 'discern-document', 'discern-watch']);
      assert.deepEqual([body.dead, body.runs], [[], []]);
    } else assert.deepEqual([body.queues, body.dead, body.runs], [[], [], []]);
  });

  test('strict headers on pages and API answers; unknown paths are JSON 404s', async () => {
    const page = await fetch(`${server.url}/`);
    assert.equal(page.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.ok(!CONTENT_SECURITY_POLICY.includes('unsafe-inline'));
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
    const api = await get('/api/v1/nothing-here');
    assert.equal(api.status, 404);
    assert.equal(api.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.equal((api.body.error as Json).code, 'NOT_FOUND');
    assert.equal((await fetch(`${server.url}/favicon.ico`)).status, 204, 'no 404 noise for the favicon');
  });

  test('a foreign Host header and cross-origin writes are refused', async () => {
    // fetch() will not send a foreign Host header: use node:http as a rebinding page's browser would
    const rebinding = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${server.url}/api/v1/documents`, { headers: { host: 'attacker.example:80' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(rebinding, 403);
    const crossSite = await get('/api/v1/ingest', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://attacker.example' }, body: JSON.stringify({ text: 'planted text' }) });
    assert.equal(crossSite.status, 403);
    const sameSite = await get('/api/v1/ingest', { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify({ text: ARTICLE_DASKOR }) });
    assert.equal(sameSite.status, 200);
  });

  test('with a token, every request must carry it', async () => {
    const token = 'correct-horse-battery-staple';
    const guarded = await listen(createApp({ store: fixture.store, resources: fixture.resources, token, rateLimit: null }), '127.0.0.1', 0);
    try {
      const none = await get('/api/v1/documents', {}, guarded.url);
      assert.equal(none.status, 401);
      assert.equal((none.body.error as Json).code, 'UNAUTHORIZED');
      assert.equal((await get('/api/v1/documents', { headers: { authorization: 'Bearer wrong-token-wrong-token' } }, guarded.url)).status, 401);
      assert.equal((await get('/api/v1/documents', { headers: { authorization: `Bearer ${token}` } }, guarded.url)).status, 200);
      assert.equal((await get(`/api/v1/documents?token=${token}`, {}, guarded.url)).status, 401, 'API calls do not take the token in the URL');
      const page = await fetch(`${guarded.url}/`, { redirect: 'manual' });
      assert.equal(page.status, 401);
      const exchange = await fetch(`${guarded.url}/?token=${token}`, { redirect: 'manual' });
      assert.equal(exchange.status, 303);
      assert.equal(exchange.headers.get('location'), '/');
      const cookie = exchange.headers.get('set-cookie') ?? '';
      assert.match(cookie, /^discern_token=[^;]+; Path=\/; HttpOnly; SameSite=Strict$/);
      const withCookie = await get('/api/v1/documents', { headers: { cookie: cookie.split(';')[0] } }, guarded.url);
      assert.equal(withCookie.status, 200);
    } finally {
      await guarded.close();
    }
  });

  test('the rate limit answers 429 with Retry-After', async () => {
    const limited = await listen(createApp({ store: fixture.store, resources: fixture.resources, rateLimit: { perSecond: 0.5, burst: 3 } }), '127.0.0.1', 0);
    try {
      const statuses: number[] = [];
      let retry: string | null = null;
      for (let i = 0; i < 4; i++) {
        const response = await fetch(`${limited.url}/api/v1/outlets`);
        statuses.push(response.status);
        retry = response.headers.get('retry-after') ?? retry;
        await response.body?.cancel();
      }
      assert.deepEqual(statuses, [200, 200, 200, 429]);
      assert.equal(retry, '2');
    } finally {
      await limited.close();
    }
  });

  test('error codes map to statuses in one place; server faults keep their details', () => {
    assert.equal(errorResponse(new DiscernError('URL_TIMEOUT', 'slow', 'http://x')).status, 504);
    assert.equal(errorResponse(new DiscernError('INPUT_TOO_LARGE', 'big')).status, 413);
    const store = errorResponse(new DiscernError('STORE', 'SQLITE_CORRUPT at /secret/path.db', '/secret/path.db'));
    assert.deepEqual(store, { status: 500, body: { error: { code: 'STORE', message: 'the database could not be read or written' } } });
    assert.deepEqual(errorResponse(new Error('boom')), { status: 500, body: { error: { code: 'INTERNAL', message: 'the server failed on this request' } } });
    const busy = errorResponse(new DiscernError('BUSY', 'locked', '/secret/path.db'));
    assert.deepEqual(busy, { status: 503, headers: { 'Retry-After': '1' }, body: { error: { code: 'BUSY', message: 'the database is busy with another writer; try again shortly' } } });
  });

  test('discern serve refuses a non-loopback address without a token', async () => {
    const program = new Command().exitOverride();
    registerServeCommand(program);
    await assert.rejects(
      program.parseAsync(['node', 'discern', 'serve', '--host', '0.0.0.0', '--db', join(fixture.dir, 'other.db')]),
      (error: unknown) => error instanceof DiscernError && error.code === 'USAGE' && /--token/.test(error.message),
    );
    await assert.rejects(
      program.parseAsync(['node', 'discern', 'serve', '--token', 'short', '--db', join(fixture.dir, 'other.db')]),
      (error: unknown) => error instanceof DiscernError && error.code === 'USAGE' && /16 characters/.test(error.message),
    );
  });
});
}
