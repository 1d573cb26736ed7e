import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DiscernError } from '../core/errors.js';
import { parseCsv, parsePosts, readPosts } from './posts.js';

test('CSV with BOM, quotes, doubled quotes, embedded newlines and CRLF', () => {
  const csv =
    '\ufeffid,author,text,url,posted_at\r\n' +
    '1,ana,"hello, world",https://a.example/x,2024-03-01T10:00:00Z\r\n' +
    '2,ben,"she said ""no""\nthen left",,2024-03-01 10:00:30\r\n' +
    '3,cy,plain text,,1709287260\r\n';
  const posts = parsePosts(csv, 'posts.csv');
  assert.equal(posts.length, 3);
  assert.deepEqual(posts[0], {
    id: '1',
    author: 'ana',
    text: 'hello, world',
    url: 'https://a.example/x',
    postedAt: '2024-03-01T10:00:00Z',
    time: Date.UTC(2024, 2, 1, 10, 0, 0),
    parent: null,
    platform: null,
  });
  assert.equal(posts[1].text, 'she said "no"\nthen left');
  assert.equal(posts[1].time, Date.UTC(2024, 2, 1, 10, 0, 30)); // no zone → UTC
  assert.equal(posts[2].time, 1709287260 * 1000);
});

test('records remember the line they start on', () => {
  const records = parseCsv('a,b\n"x\ny",z\nq,r\n', 'f.csv');
  assert.deepEqual(
    records.map((r) => r.line),
    [1, 2, 4],
  );
});

test('column mapping, aliases and a detected semicolon separator', () => {
  const csv = 'screen_name;text;account.type\nbob;hi there;human\n';
  const auto = parsePosts(csv, 't.csv');
  assert.equal(auto[0].author, 'bob');
  assert.equal(auto[0].id, 't.csv:2');
  const mapped = parsePosts('tweet_id,user,body,when\n9,zed,yo,2020-01-01T00:00:00Z\n', 'm.csv', {
    columns: { id: 'tweet_id', author: 'user', text: 'body', posted_at: 'when' },
  });
  assert.equal(mapped[0].id, '9');
  assert.equal(mapped[0].time, Date.UTC(2020, 0, 1));
});

test('JSON Lines', () => {
  const jsonl =
    '{"id": 1, "author": "a", "text": "x", "posted_at": "2024-01-01T00:00:00Z", "platform": "tw"}\n\n' +
    '{"id": 2, "author": "b", "text": "y", "parent": 1}\n';
  const posts = parsePosts(jsonl, 'p.jsonl', { format: 'jsonl' });
  assert.equal(posts.length, 2);
  assert.equal(posts[0].platform, 'tw');
  assert.equal(posts[1].parent, '1');
  assert.equal(posts[1].time, null);
});

function errorOf(fn: () => unknown): DiscernError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof DiscernError);
    return error;
  }
  assert.fail('expected an error');
}

test('errors name the file and the line', () => {
  const open = errorOf(() => parsePosts('author,text\nx,"never closed\nmore\n', 'bad.csv'));
  assert.equal(open.code, 'INPUT_MALFORMED');
  assert.equal(open.input, 'bad.csv');
  assert.equal(open.message, 'line 2: a quoted field is never closed');

  const count = errorOf(() => parsePosts('author,text\nx,y\nonly-one\n', 'bad.csv'));
  assert.equal(count.message, 'line 3: 1 fields where the header has 2');

  const after = errorOf(() => parsePosts('author,text\nx,"y"z\n', 'bad.csv'));
  assert.match(after.message, /^line 2: unexpected text after a closing quote/);

  const time = errorOf(() => parsePosts('author,text,date\nx,y,yesterday\n', 'bad.csv'));
  assert.equal(time.message, 'line 2: cannot read the time "yesterday" (use ISO 8601 or epoch seconds)');

  const missing = errorOf(() => parsePosts('user_id,words\n1,2\n', 'bad.csv'));
  assert.match(missing.message, /^no author column: name one with --columns author=COLUMN/);

  const mapping = errorOf(() => parsePosts('author,text\nx,y\n', 'bad.csv', { columns: { id: 'nope' } }));
  assert.match(mapping.message, /the column "nope" given for id is not in the header/);

  const json = errorOf(() => parsePosts('{"author":"a","text":"b"}\n{oops\n', 'bad.jsonl', { format: 'jsonl' }));
  assert.match(json.message, /^line 2: not valid JSON/);

  assert.equal(errorOf(() => parsePosts('\ufeff \n', 'empty.csv')).code, 'INPUT_EMPTY');
});

test('readPosts picks the format from the extension and reports missing files', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'posts-'));
  try {
    const file = path.join(dir, 'a.ndjson');
    await writeFile(file, '{"author":"a","text":"b"}\n');
    const posts = await readPosts(file);
    assert.equal(posts[0].text, 'b');
    await assert.rejects(readPosts(path.join(dir, 'none.csv')), (e: unknown) => e instanceof DiscernError && e.code === 'INPUT_NOT_FOUND');
  } finally {
    await rm(dir, { recursive: true });
  }
});

test('reads the real tweepfake export (semicolon CSV with embedded newlines) when present', async (t) => {
  const file = path.resolve(import.meta.dirname, '../../../shared/data/tweepfake/validation.csv');
  let posts;
  try {
    posts = await readPosts(file);
  } catch (error) {
    if (error instanceof DiscernError && error.code === 'INPUT_NOT_FOUND') return t.skip('shared data not present');
    throw error;
  }
  assert.equal(posts.length, 2302); // SOURCE.md: validation 2,302
});

async function withFile(name: string, bytes: Buffer, run: (file: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'discern-posts-'));
  try {
    const file = path.join(dir, name);
    await writeFile(file, bytes);
    await run(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('an Excel "Unicode text" export (UTF-16LE with BOM, tab-separated) is read', async () => {
  const tsv = 'id\tauthor\ttext\turl\tposted_at\r\n1\tana\tGrüße aus Kabul\thttps://a.example/x\t2024-03-01T10:00:00Z\r\n2\tben\t"quoted, text"\t\t2024-03-01T10:01:00Z\r\n';
  await withFile('export.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]), async (file) => {
    const posts = await readPosts(file);
    assert.deepEqual(posts.map((p) => [p.author, p.text]), [['ana', 'Grüße aus Kabul'], ['ben', 'quoted, text']]);
  });
});

test('invalid UTF-8 in a posts file is refused as article ingest refuses it, naming the byte', async () => {
  const bytes = Buffer.concat([Buffer.from('id,author,text\n1,ana,café '), Buffer.from([0xc3, 0x28]), Buffer.from(' ok\n')]);
  await withFile('bad.csv', bytes, async (file) => {
    await assert.rejects(readPosts(file), (e: unknown) => e instanceof DiscernError && e.code === 'INPUT_ENCODING' && e.input === file && /invalid UTF-8 at byte 27/.test(e.message));
  });
  await withFile('nul.jsonl', Buffer.from('{"author":"ana","text":"a\u0000b"}\n'), async (file) => {
    // a raw NUL byte: the same one rule as for articles
    await assert.rejects(readPosts(file), (e: unknown) => e instanceof DiscernError && e.code === 'INPUT_BINARY');
  });
});

test('deeply nested JSON Lines are refused with the file and line, not a stack overflow', async () => {
  const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
  const jsonl = `{"author":"ana","text":"fine"}\n{"author":"ben","text":"x","extra":${deep}}\n`;
  await withFile('deep.jsonl', Buffer.from(jsonl), async (file) => {
    await assert.rejects(readPosts(file), (e: unknown) => e instanceof DiscernError && e.code === 'INPUT_MALFORMED' && e.input === file && /^line 2: nested deeper than 64 levels$/.test(e.message));
  });
  // brackets inside strings are text, not nesting
  const posts = parsePosts(`{"author":"ana","text":"${'['.repeat(500)}"}\n`, 'ok.jsonl', { format: 'jsonl' });
  assert.equal(posts[0].text.length, 500);
});
