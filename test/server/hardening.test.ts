import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { createApp } from '../../src/server/app.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { LOOPBACK_HOSTS } from '../../src/server/security.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { runCli, startCli } from '../support/cli.js';
import { ARTICLE_DASKOR, makeFixture, type Fixture } from './fixtures.js';

/** Requests an attacker or a careless client sends: each answered with a 4xx that says why, never a 500. */

interface Json {
  [key: string]: unknown;
}

describe('server hardening', () => {
  let fixture: Fixture;
  let server: RunningServer;

  before(async () => {
    fixture = await makeFixture();
    server = await listen(createApp({ store: fixture.store, resources: fixture.resources, rateLimit: null, allowedHosts: LOOPBACK_HOSTS, token: 'correct-horse-battery-staple' }), '127.0.0.1', 0);
  });
  after(async () => {
    await server.close();
    await fixture.cleanup();
  });

  const auth = { authorization: 'Bearer correct-horse-battery-staple' };
  const B = 'XyZ';
  const part = (headers: string, body: string) => `--${B}\r\n${headers}\r\n\r\n${body}\r\n--${B}--\r\n`;

  test('malformed multipart bodies are 400s naming what is wrong', async () => {
    const cases: Array<[string, string, string, RegExp]> = [
      ['garbage', `multipart/form-data; boundary=${B}`, 'this is not multipart at all', /no part starting with the boundary/],
      ['no boundary', 'multipart/form-data', part('Content-Disposition: form-data; name="text"', 'hello'), /needs a boundary/],
      ['wrong boundary', 'multipart/form-data; boundary=Other', part('Content-Disposition: form-data; name="text"', 'hello'), /no part starting with the boundary/],
      ['truncated', `multipart/form-data; boundary=${B}`, `--${B}\r\nContent-Disposition: form-data; name="text"\r\n\r\nhello wor`, /cut short/],
      ['no Content-Disposition', `multipart/form-data; boundary=${B}`, part('Content-Type: text/plain', 'hello'), /no Content-Disposition/],
      ['no name', `multipart/form-data; boundary=${B}`, part('Content-Disposition: form-data', 'hello'), /no name/],
      ['unescaped quote', `multipart/form-data; boundary=${B}`, part('Content-Disposition: form-data; name="file"; filename="a"b.txt"', 'hello'), /unescaped quote/],
      ['empty', `multipart/form-data; boundary=${B}`, '', /no part/],
      ['headers without a blank line', `multipart/form-data; boundary=${B}`, `--${B}\r\nContent-Disposition: form-data; name="text"\r\nhello\r\n--${B}--\r\n`, /no header block/],
    ];
    for (const [name, type, body, message] of cases) {
      const response = await fetch(`${server.url}/api/v1/ingest`, { method: 'POST', headers: { ...auth, 'content-type': type }, body });
      const json = (await response.json()) as { error: { code: string; message: string } };
      assert.equal(response.status, 400, `${name}: ${JSON.stringify(json)}`);
      assert.equal(json.error.code, 'BAD_REQUEST', name);
      assert.match(json.error.message, message, name);
    }
    const good = await fetch(`${server.url}/api/v1/ingest`, {
      method: 'POST',
      headers: { ...auth, 'content-type': `multipart/form-data; boundary=${B}` },
      body: part('Content-Disposition: form-data; name="file"; filename="dam.txt"\r\nContent-Type: text/plain', 'The minister said the dam opens in May, officials confirmed.'),
    });
    assert.ok(good.status === 201 || good.status === 200, `a well-formed upload still works (${good.status})`);
  });

  test('the token exchange redirects only to a path of this server', async () => {
    for (const path of ['//evil.example/', '/\\evil.example/', '///evil.example/x']) {
      const response = await fetch(`${server.url}${path}?token=correct-horse-battery-staple`, { redirect: 'manual' });
      assert.equal(response.status, 303, path);
      const location = response.headers.get('location') ?? '';
      assert.match(location, /^\/[^/\\]/, `${path} → ${location}`);
      assert.equal(new URL(location, server.url).origin, new URL(server.url).origin, `${path} → ${location}`);
    }
  });

  test('the Origin check compares scheme, host and port', async () => {
    const { port } = new URL(server.url);
    const write = (origin: string) =>
      fetch(`${server.url}/api/v1/ingest`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json', origin }, body: JSON.stringify({ text: ARTICLE_DASKOR }) });
    for (const origin of [`https://127.0.0.1:${port}`, `http://127.0.0.1:${Number(port) + 1}`, 'http://evil.example', 'null']) {
      assert.equal((await write(origin)).status, 403, origin);
    }
    assert.ok([200, 201].includes((await write(`http://127.0.0.1:${port}`)).status), 'our own origin may write');
  });

  test('source URLs other than absolute http(s) are never served, even when a database holds them', async () => {
    const doc = await fixture.store.getDocument(fixture.ids.daskor);
    assert.ok(doc);
    const raw = new Database(fixture.dbPath);
    const planted = ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', '//evil.example/x', '/\\evil.example/login'];
    for (const url of planted) {
      raw.prepare('UPDATE documents SET url = ? WHERE id = ?').run(url, doc.id);
      const one = (await (await fetch(`${server.url}/api/v1/documents/${doc.id}`, { headers: auth })).json()) as { source: { url: string | null } };
      assert.equal(one.source.url, null, url);
      const list = (await (await fetch(`${server.url}/api/v1/documents`, { headers: auth })).json()) as { items: Array<{ id: string; url: string | null }> };
      assert.equal(list.items.find((d) => d.id === doc.id)?.url, null, url);
    }
    raw.prepare('UPDATE documents SET url = ? WHERE id = ?').run('https://daskor.example/story', doc.id);
    raw.close();
    const one = (await (await fetch(`${server.url}/api/v1/documents/${doc.id}`, { headers: auth })).json()) as { source: { url: string | null } };
    assert.equal(one.source.url, 'https://daskor.example/story');
  });

  test('front matter url that is not absolute http(s) is dropped with a warning at ingest', async () => {
    const path = join(fixture.dir, 'evil-link.md');
    writeFileSync(path, '---\ntitle: Dam report\nurl: /\\evil.example/login\n---\n\nThe minister said the dam opens in May, officials confirmed on Monday.\n');
    const db = join(fixture.dir, 'links.db');
    const result = await runCli(['ingest', path, '--db', db, '--json']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr + result.stdout, /not an absolute http\(s\) URL/);
    const store = openSqliteStore(db);
    try {
      const [stored] = await store.listDocuments();
      assert.equal(stored.source.url, null);
      assert.equal(stored.source.title, 'Dam report');
    } finally {
      await store.close();
    }
  });

  test('corpus views follow writes by any process, not only API ingests', async () => {
    const corpus = async () => (await (await fetch(`${server.url}/api/v1/corpus/findings`, { headers: auth })).json()) as Json;
    const before = Number((await corpus()).documents);
    const dir = join(fixture.dir, 'cli-docs');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < 3; i++) writeFileSync(join(dir, `n${i}.txt`), `Report number ${i} on the river\n\nThe ministry said on Monday that water levels in sector ${i} fell by ${10 + i} percent.\n`);
    const result = await runCli(['ingest', dir, '--db', fixture.dbPath]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(Number((await corpus()).documents), before + 3, 'a CLI ingest into the served database shows at once');
  });
});

test('an empty DISCERN_TOKEN is no token: a loopback server starts', async (t) => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const dir = mkdtempSync(join((await import('node:os')).tmpdir(), 'discern-empty-token-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const db = join(dir, 'store.db');
  await openSqliteStore(db).close(); // serve needs an existing database
  const child = startCli(['serve', '--port', '0', '--db', db, '--workers', '1'], { env: { DISCERN_TOKEN: '' } });
  let stderr = '';
  const started = await new Promise<boolean>((resolve) => {
    child.stderr?.on('data', (d) => {
      stderr += d;
      if (stderr.includes('Discern workbench on')) resolve(true);
    });
    child.on('exit', () => resolve(false));
  });
  child.kill('SIGTERM');
  assert.ok(started, stderr);
  assert.doesNotMatch(stderr, /16 characters/);
});
