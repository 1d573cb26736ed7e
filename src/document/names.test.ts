import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentName, nameOf } from './names.js';

test('a document is named by title, outlet and date; else by file name, URL, and only last by id', () => {
  const id = 'a3f9c2d41b7e6f80';
  assert.equal(documentName({ id, title: 'Border talks stall', outlet: 'Harbour Post', publishedAt: '2024-05-02T10:30:00Z', path: '/x/a.txt' }), 'Border talks stall (Harbour Post, 2024-05-02)');
  assert.equal(documentName({ id, title: 'Border talks stall', path: '/x/a.txt' }), 'Border talks stall');
  assert.equal(documentName({ id, outlet: 'Harbour Post', path: '/data/2024/report-7.txt' }), 'report-7.txt (Harbour Post)');
  assert.equal(documentName({ id, path: 'C:\\data\\report-7.txt', publishedAt: '2024-05' }), 'report-7.txt (2024-05)');
  assert.equal(documentName({ id, url: 'https://www.example.org/news/2024/border-talks' }), 'example.org/…/border-talks');
  assert.equal(documentName({ id, path: '-' }), 'standard input');
  assert.equal(documentName({ id }), 'a3f9c2d41b7e');
  assert.equal(documentName({ id, title: '   ', outlet: '' , path: 'b.md' }), 'b.md', 'blank fields do not count');
});

test('long titles are cut, whitespace folded', () => {
  const title = `A ${'very '.repeat(40)}long title`;
  const name = documentName({ id: 'x', title, outlet: 'O' });
  assert.ok(name.length < 110, name);
  assert.match(name, /… \(O\)$/);
  assert.equal(documentName({ id: 'x', title: 'Two\n  lines' }), 'Two lines');
});

test('nameOf reads a Document', () => {
  assert.equal(nameOf({ id: 'd', source: { title: 'T', outlet: 'O', publishedAt: '2025-01-09', path: 'p.txt' } }), 'T (O, 2025-01-09)');
});
