import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { runCli, startCli, tempDir } from '../support/cli.js';

let server: Server;
let port = 0;

before(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html><body><article><h1>Local</h1><p>A page served on loopback for the private-address test.</p></article></body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
after(() => new Promise<void>((resolve) => {
  server.closeAllConnections();
  server.close(() => resolve());
}));

test('each bad input gets a clear message naming it; the rest of the batch is stored; exit 1', async () => {
  const dir = tempDir();
  const good = join(dir, 'good.txt');
  writeFileSync(good, 'A Good Article\n\nThe Serin River Basin Commission published its figures on Monday.\n');
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
  writeFileSync(join(dir, 'big.txt'), 'word '.repeat(400));
  writeFileSync(join(dir, 'broken.txt'), Buffer.concat([Buffer.from('café '), Buffer.from([0xc3, 0x28]), Buffer.from(' end')]));
  writeFileSync(join(dir, 'hostile.html'), '<html><body><article><h1>Hi</h1><p>Text <script>alert(1)</script> with <img src=x onerror=alert(2)> more text here to read.</p></article></body></html>');
  mkdirSync(join(dir, 'no-text-here'));
  writeFileSync(join(dir, 'no-text-here', 'image.png'), 'not really');
  const db = join(dir, 'batch.db');
  const inputs = ['empty.txt', 'binary.txt', 'big.txt', 'broken.txt', 'missing.txt', 'no-text-here', 'hostile.html', 'good.txt'].map((f) => join(dir, f));
  const result = await runCli(['analyze', ...inputs, `http://127.0.0.1:${port}/page`, '--db', db, '--max-bytes', '1KB', '--format', 'json']);
  assert.equal(result.code, 1, result.stderr);
  const expectations: Array<[string, RegExp]> = [
    ['empty.txt', /empty/],
    ['binary.txt', /binary/],
    ['big.txt', /over the 1\.0 KiB limit/],
    ['broken.txt', /invalid UTF-8 at byte 6/],
    ['missing.txt', /no such file or folder/],
    ['no-text-here', /no .* files/],
    [`127.0.0.1:${port}`, /private, loopback or link-local/],
  ];
  for (const [input, reason] of expectations) {
    const line = result.stderr.split('\n').find((l) => l.includes(input));
    assert.ok(line, `a message names ${input}`);
    assert.match(line, reason);
  }
  const report = JSON.parse(result.stdout) as { documents: Array<{ source: { path: string }; text: string }>; errors: unknown[] };
  assert.equal(report.errors.length, expectations.length);
  assert.deepEqual(report.documents.map((d) => d.source.path.split('/').pop()).sort(), ['good.txt', 'hostile.html']);
  const hostile = report.documents.find((d) => d.source.path.endsWith('hostile.html'));
  assert.ok(hostile && !hostile.text.includes('alert(1)'), 'script content never reaches the text');
});

test('--allow-private lets a loopback URL through', async () => {
  const result = await runCli(['analyze', `http://127.0.0.1:${port}/page`, '--allow-private', '--db', join(tempDir(), 'p.db'), '--format', 'json']);
  assert.equal(result.code, 0, result.stderr);
  const report = JSON.parse(result.stdout) as { documents: Array<{ source: { url: string } }> };
  assert.equal(report.documents[0].source.url, `http://127.0.0.1:${port}/page`);
});

test('the same content twice is stored once; a second run finds it unchanged', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'a.txt'), 'Same Story\n\nThe same body text appears in two files.\n');
  writeFileSync(join(dir, 'b.txt'), 'Same Story\n\nThe same body text appears in two files.\n');
  const db = join(dir, 'idem.db');
  const first = await runCli(['ingest', dir, '--db', db, '--json']);
  assert.equal(first.code, 0, first.stderr);
  const one = JSON.parse(first.stdout);
  assert.equal(one.documents.length, 1);
  assert.deepEqual([one.created, one.unchanged], [1, 1]);
  const second = JSON.parse((await runCli(['ingest', dir, '--db', db, '--json'])).stdout);
  assert.deepEqual([second.created, second.updated, second.unchanged], [0, 0, 2]);
});

test('a run killed half-way loses nothing stored, and a rerun completes the rest', async () => {
  const dir = tempDir();
  const corpus = join(dir, 'corpus');
  mkdirSync(corpus);
  const total = 400;
  for (let i = 0; i < total; i++) {
    writeFileSync(join(corpus, `doc-${String(i).padStart(4, '0')}.txt`), `Report ${i}\n\nThe Karstan Herald said on day ${i} that the Serin River Basin Commission reported ${i * 3} readings. ${'More words follow here. '.repeat(20)}\n`);
  }
  const db = join(dir, 'kill.db');
  const child = startCli(['ingest', corpus, '--db', db]);
  const storedCount = () => {
    try {
      const reader = new Database(db, { readonly: true, fileMustExist: true });
      const n = (reader.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n;
      reader.close();
      return n;
    } catch {
      return 0;
    }
  };
  const deadline = Date.now() + 60_000;
  while (storedCount() < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  child.kill('SIGKILL');
  await new Promise((resolve) => child.on('close', resolve));
  const afterKill = storedCount();
  assert.ok(afterKill >= 20, `documents stored before the kill: ${afterKill}`);

  const check = new Database(db, { readonly: true });
  assert.equal((check.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check, 'ok');
  const orphanFindings = check.prepare('SELECT COUNT(*) AS n FROM finding_sets WHERE doc_key NOT IN (SELECT key FROM documents)').get() as { n: number };
  assert.equal(orphanFindings.n, 0);
  const unfinished = check.prepare('SELECT COUNT(*) AS n FROM documents d WHERE NOT EXISTS (SELECT 1 FROM analyzer_results r WHERE r.doc_key = d.key)').get() as { n: number };
  assert.equal(unfinished.n, 0, 'every stored document has its analysis: one transaction each');
  check.close();

  const rerun = await runCli(['ingest', corpus, '--db', db, '--json']);
  assert.equal(rerun.code, 0, rerun.stderr);
  const summary = JSON.parse(rerun.stdout);
  assert.equal(summary.documents.length, total);
  assert.ok(summary.unchanged >= afterKill, 'documents stored before the kill are not redone');
  assert.equal(summary.created + summary.unchanged, total);
  assert.equal(storedCount(), total);
});
