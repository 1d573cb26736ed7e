import { seededRandom } from '../../src/core/random.js';
import { articleText } from './support.js';

/**
 * A hostile-input corpus generated from a seed (so every failure can be replayed): malformed
 * HTML, byte-level encoding damage, front matter, plain-text oddities, and CSV / JSON Lines
 * posts. Each case is a file name (its extension picks the reader) and its bytes.
 */

export interface FuzzCase {
  name: string;
  bytes: Buffer;
  /** articles go through `discern ingest`, posts through `discern posts` */
  kind: 'article' | 'posts';
}

type Random = () => number;

const int = (r: Random, n: number) => Math.floor(r() * n);
const pick = <T>(r: Random, items: readonly T[]): T => items[int(r, items.length)];

const HTML_PIECES = [
  '<p>', '</p>', '<div>', '</div>', '<article>', '</article>', '<h1>', '</h1>', '<b>', '</i>', '<table><tr><td>', '</td>',
  '<script>window.__x=1</script>', '<script>', '<style>p{}</style>', '<!--', '-->', '<![CDATA[', ']]>', '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">', '<a href="/\\evil.example/">', '</a>', '<meta charset="utf-16">', '<meta charset="utf-32">', '<meta charset="bogus-9">',
  '<meta charset="windows-1251">', '<meta http-equiv="refresh" content="0;url=http://evil.example">', '<base href="http://evil.example/">',
  '<!DOCTYPE html [', '<!DOCTYPE html>', '<!ENTITY x "xxxxxxxxxx">', ']>', '&amp;', '&#0;', '&#xD800;', '&nosuch;', '&#99999999;', '<x y="unclosed>',
  '<svg><foreignObject><p>', '<template><p>', '<noscript><p>', '<iframe src="http://evil.example">', '<form action="http://evil.example">', '<select><option>',
  '\u0000', '\u202e', '\ufeff', '<p class="comment">', '<li class="comment"><cite>Name</cite>', '<time datetime="not-a-date">',
];

function htmlCase(r: Random, i: number): FuzzCase {
  const parts: string[] = [];
  if (r() < 0.5) parts.push(pick(r, ['<!doctype html>', '<!DOCTYPE html [', '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" [ <!ENTITY a "b"> ]>', '<?xml version="1.0"?>', '']));
  const n = 5 + int(r, 60);
  for (let k = 0; k < n; k++) parts.push(r() < 0.45 ? pick(r, HTML_PIECES) : articleText(i * 31 + k).slice(0, 40 + int(r, 400)));
  if (r() < 0.1) parts.push('<div>'.repeat(2000 + int(r, 6000)));
  if (r() < 0.05) parts.push(`<p title="${'"'.repeat(int(r, 3))}${'a'.repeat(100_000)}">`);
  return { name: `html-${i}.html`, bytes: Buffer.from(parts.join(r() < 0.3 ? '\n' : ''), 'utf8'), kind: 'article' };
}

function encode(r: Random, text: string): Buffer {
  switch (int(r, 9)) {
    case 0:
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 1: {
      const b = Buffer.from(text, 'utf16le');
      b.swap16();
      return Buffer.concat([Buffer.from([0xfe, 0xff]), b]);
    }
    case 2: {
      const cps = [...text].map((c) => c.codePointAt(0)!);
      const b = Buffer.alloc(4 + cps.length * 4);
      b.writeUInt32LE(0xfeff, 0);
      cps.forEach((cp, k) => b.writeUInt32LE(cp, 4 + k * 4));
      return b;
    }
    case 3:
      return Buffer.from(text, 'latin1');
    case 4: // UTF-16 without a BOM
      return Buffer.from(text, 'utf16le');
    case 5: {
      // invalid bytes dropped into UTF-8
      const b = Buffer.from(text, 'utf8');
      for (let k = 0; k < 1 + int(r, 4); k++) b[int(r, b.length)] = pick(r, [0xc3, 0xff, 0x80, 0xed, 0xf8]);
      return b;
    }
    case 6: // truncated after a BOM
      return Buffer.concat([pick(r, [Buffer.from([0xff, 0xfe]), Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from([0xef, 0xbb, 0xbf])]), Buffer.from(text, 'utf16le').subarray(0, 1 + int(r, 9))]);
    case 7: {
      // a NUL somewhere, maybe past the first 64 KiB
      const b = Buffer.from(text.length < 70_000 && r() < 0.3 ? text + ' '.repeat(70_000) + 'tail' : text, 'utf8');
      b[int(r, b.length)] = 0;
      return b;
    }
    default:
      return Buffer.from(text, 'utf8');
  }
}

function encodingCase(r: Random, i: number): FuzzCase {
  const text = pick(r, [articleText(i), 'Grüße aus Kabul — “quoted” 😀\n'.repeat(1 + int(r, 50)), '\u00a0\u3000\n'.repeat(1 + int(r, 10)), articleText(i).replace(/ /g, '\u00a0')]);
  return { name: `enc-${i}.${pick(r, ['txt', 'md', 'html'])}`, bytes: encode(r, text), kind: 'article' };
}

function frontMatterCase(r: Random, i: number): FuzzCase {
  const value = () =>
    pick(r, [
      ' '.repeat(int(r, 200_000)),
      'javascript:alert(1)',
      '/\\evil.example/login',
      '//evil.example',
      'https://news.example/a',
      '"unbalanced',
      "'single'",
      '2025-13-45',
      'x'.repeat(int(r, 50_000)),
      '',
      '\u0000',
      '<script>alert(1)</script>',
    ]);
  const keys = ['title', 'url', 'date', 'author', 'outlet', 'tags', ': ', 'published'];
  const lines = ['---'];
  for (let k = 0; k < 1 + int(r, 8); k++) lines.push(`${pick(r, keys)}: ${value()}`);
  if (r() < 0.8) lines.push(pick(r, ['---', '...']));
  lines.push('', articleText(i));
  return { name: `fm-${i}.md`, bytes: Buffer.from(lines.join('\n'), 'utf8'), kind: 'article' };
}

function plainCase(r: Random, i: number): FuzzCase {
  const text = pick(r, [
    () => ' \n\t'.repeat(int(r, 100)),
    () => articleText(i).replace(/\n/g, ' ').repeat(1 + int(r, 40)),
    () => '\n'.repeat(int(r, 50_000)) + articleText(i),
    () => articleText(i).replace(/[aeiou]/g, (c) => c + '\u0301'),
    () => '\u202e' + articleText(i),
    () => String.fromCharCode(...Array.from({ length: 2000 }, () => int(r, 32))),
    () => '9 Comments\n\n' + '  1. x\n'.repeat(int(r, 3000)),
    () => 'word '.repeat(int(r, 100_000)),
  ])();
  return { name: `plain-${i}.txt`, bytes: Buffer.from(text, 'utf8'), kind: 'article' };
}

function csvCase(r: Random, i: number): FuzzCase {
  const header = pick(r, ['id,author,text,url,posted_at', 'author,text', 'id;author;text', 'id\tauthor\ttext\tposted_at', 'user,content,created_at', 'text', 'author,author,text', '']);
  const sep = header.includes(';') ? ';' : header.includes('\t') ? '\t' : ',';
  const fields = header.split(sep).length;
  const rows = [header];
  for (let k = 0; k < int(r, 30); k++) {
    const cells = Array.from({ length: fields + (r() < 0.1 ? pick(r, [-1, 1]) : 0) }, () =>
      pick(r, ['ana', 'ben', '"quoted, text"', '"unclosed', '"a""b"', '=HYPERLINK("http://evil.example")', '2024-03-01T10:00:00Z', 'not a date', '1709287260', 'https://a.example/x', '']),
    );
    rows.push(cells.join(sep));
  }
  const text = rows.join(pick(r, ['\n', '\r\n']));
  const bytes = r() < 0.2 ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) : r() < 0.1 ? encode(r, text) : Buffer.from(text, 'utf8');
  return { name: `posts-${i}.csv`, bytes, kind: 'posts' };
}

function jsonlCase(r: Random, i: number): FuzzCase {
  const lines: string[] = [];
  for (let k = 0; k < 1 + int(r, 20); k++) {
    lines.push(
      pick(r, [
        () => JSON.stringify({ author: pick(r, ['ana', 'ben']), text: articleText(k).slice(0, 80), posted_at: '2024-03-01T10:00:00Z' }),
        () => `{"author":"ana","text":"x","extra":${'['.repeat(1000 + int(r, 100_000))}${']'.repeat(10)}`,
        () => '{"author": "ana", "text": ',
        () => '[1,2,3]',
        () => 'null',
        () => `{"author":"ana","text":"${'\\u0000'}"}`,
        () => `{"author":${'9'.repeat(400)},"text":"big number"}`,
        () => `{"author":"ana","text":{"nested":{"deep":[1,{"a":2}]}}}`,
        () => '',
      ])(),
    );
  }
  return { name: `posts-${i}.jsonl`, bytes: Buffer.from(lines.join('\n'), 'utf8'), kind: 'posts' };
}

const GENERATORS = [htmlCase, htmlCase, encodingCase, encodingCase, frontMatterCase, plainCase, csvCase, jsonlCase];

export function fuzzCorpus(count: number, seed = 20261201): FuzzCase[] {
  const r = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => pick(r, GENERATORS)(r, i));
}
