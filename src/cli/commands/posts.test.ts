import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { DiscernError } from '../../core/errors.js';
import { parseColumns, parseWindow, registerPostsCommand } from './posts.js';

test('window and column options', () => {
  assert.equal(parseWindow('60s'), 60);
  assert.equal(parseWindow('5m'), 300);
  assert.equal(parseWindow('1h'), 3600);
  assert.equal(parseWindow('90s'), 90);
  assert.throws(() => parseWindow('90'), (e: unknown) => e instanceof DiscernError && e.code === 'USAGE' && /has no unit/.test(e.message));
  assert.throws(() => parseWindow('5x'), (e: unknown) => e instanceof DiscernError && e.code === 'USAGE');
  assert.deepEqual(parseColumns('id=tweet_id, author=user'), { id: 'tweet_id', author: 'user' });
  assert.throws(() => parseColumns('who=user'), /FIELD one of id, author, text/);
});

test('discern posts writes a report, GraphML and CSV', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'posts-cli-'));
  const out: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  try {
    const input = path.join(dir, 'p.csv');
    await writeFile(
      input,
      'tweet_id;user;body;when\n' +
        '1;a;look at https://x.example/1?utm_source=t;2024-01-01T00:00:00Z\n' +
        '2;b;same https://x.example/1;2024-01-01T00:00:20Z\n' +
        '3;a;and https://x.example/2;2024-01-01T01:00:00Z\n' +
        '4;b;again https://www.x.example/2/;2024-01-01T01:00:30Z\n' +
        '5;c;unrelated;2024-01-01T01:00:30Z\n',
    );
    const program = new Command('discern').exitOverride();
    registerPostsCommand(program);
    process.stdout.write = ((chunk: string) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
    await program.parseAsync(
      ['posts', input, '--columns', 'id=tweet_id,author=user,text=body,posted_at=when', '--format', 'md', '--graphml', path.join(dir, 'n.graphml'), '--csv', path.join(dir, 'n.csv')],
      { from: 'user' },
    );
    process.stdout.write = write;
    const md = out.join('');
    assert.match(md, /^# Coordination\n\n5 posts by 3 accounts/);
    assert.match(md, /## Cluster 1: 2 accounts \(link-sharing, score 0\.75\)/);
    assert.equal(
      await readFile(path.join(dir, 'n.csv'), 'utf8'),
      'source,target,weight,shared_links,shared_texts,first_at,last_at,cluster\na,b,2,2,0,2024-01-01T00:00:00.000Z,2024-01-01T01:00:30.000Z,0\n',
    );
    const graphml = await readFile(path.join(dir, 'n.graphml'), 'utf8');
    assert.match(graphml, /<edge id="e0" source="a" target="b">/);
    // the shared items behind the edge, as network tools show them
    assert.match(graphml, /<data key="shared">link: x\.example\/1\nlink: x\.example\/2<\/data>/);
  } finally {
    process.stdout.write = write;
    await rm(dir, { recursive: true });
  }
});
