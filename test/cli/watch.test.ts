import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli, tempDir } from '../support/cli.js';
import { articleHtml, rss, send, startFeedServer, type FeedServer } from '../support/watch-fixtures.js';

/** `discern watch --once` as cron runs it: alerts as JSON Lines on stdout, exit codes, a second run quiet. */

let server: FeedServer;
before(async () => {
  server = await startFeedServer();
  const topics = ['the budget', 'the bridge', 'the mayor', 'the council', 'the port'];
  server.route('/feed.xml', send('application/rss+xml', rss('Port Daily', [{ title: 'Council approves bridge budget', url: `${server.base}/1.html`, guid: 'pd-1' }])));
  server.route('/1.html', send('text/html', articleHtml({
    title: 'Council approves bridge budget', outlet: 'Port Daily', author: 'Nils Aaberg', date: '2026-04-03',
    paragraphs: ['The city council approved on Thursday a budget of forty million crowns for the new harbour bridge, after a debate that lasted six hours.', 'Construction is due to begin in the autumn and to end in three years, the council said.'],
    comments: [...topics.map((t, i) => ({ author: `fan${i}`, text: `Wonderful news! Our city is finally doing the right thing about ${t}. Everybody should support this today.` })), { author: 'Greta L', text: 'Six hours and still nobody asked who pays for the maintenance.' }],
  })));
});
after(() => server.close());

test('discern watch --once prints each alert as a JSON line, exits 0, and a second run stores and prints nothing new', async () => {
  const dir = tempDir('discern-watch-cli-');
  const config = join(dir, 'sources.yaml');
  writeFileSync(config, `sources:\n  - url: ${server.base}/feed.xml\n    name: Port Daily\nsettings:\n  hostDelay: 0\n`);
  const db = join(dir, 'w.db');
  const refusedPrivate = await runCli(['watch', config, '--once', '--db', db]);
  assert.equal(refusedPrivate.code, 3, 'the only source is on loopback: refused without --allow-private');
  assert.match(refusedPrivate.stderr, /private, loopback or link-local.*--allow-private/);

  const run = await runCli(['watch', config, '--once', '--db', db, '--allow-private']);
  assert.equal(run.code, 0, run.stderr);
  const alerts = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; summary: string; documents: Array<{ source: string }>; evidence: Array<{ quote: string }> });
  const comments = alerts.find((a) => a.type === 'comment-section');
  assert.ok(comments, `a comment-section alert in ${run.stdout}`);
  assert.equal(comments.documents[0].source, 'Port Daily');
  assert.ok(comments.evidence.some((e) => e.quote.startsWith('Wonderful news!')));
  assert.match(run.stderr, /polled 1 sources \(1 ok.*1 new documents/);

  const again = await runCli(['watch', config, '--once', '--db', db, '--allow-private']);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(again.stdout, '', 'nothing new, no alert');
  assert.match(again.stderr, /0 new documents, 0 alerts/);
  assert.equal(server.hits.get('/1.html'), 1);

  writeFileSync(config, 'sources:\n  - url: ftp://files.example/feed\n');
  const bad = await runCli(['watch', config, '--once', '--db', db]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /sources\.yaml: sources\[0\]\.url: must be an absolute http\(s\) URL/);
});
