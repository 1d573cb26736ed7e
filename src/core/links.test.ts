import assert from 'node:assert/strict';
import { test } from 'node:test';
import { absoluteHttpUrl } from './links.js';

test('absoluteHttpUrl keeps absolute http(s) URLs and drops every other spelling', () => {
  assert.equal(absoluteHttpUrl(' https://news.example/a?b=1 '), 'https://news.example/a?b=1');
  assert.equal(absoluteHttpUrl('http://news.example'), 'http://news.example/');
  for (const value of ['/\\evil.example/login', '//evil.example/', 'javascript:alert(1)', 'data:text/html,x', 'vbscript:x', 'ftp://x.example/', 'news.example/a', 'http://', '', null, undefined]) {
    assert.equal(absoluteHttpUrl(value), null, JSON.stringify(value));
  }
  assert.equal(absoluteHttpUrl('/story', 'https://news.example/section/'), 'https://news.example/story', 'relative to a page it was found on');
});
