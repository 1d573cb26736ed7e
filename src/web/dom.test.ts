import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSafeLink } from './dom.js';

test('isSafeLink: own routes and absolute http(s) links only', () => {
  for (const ok of ['#/doc/abc', '/api/v1/documents', '/?q=x', 'http://example.org/a', 'HTTPS://example.org/']) assert.ok(isSafeLink(ok), ok);
  const bad = [
    '/\\evil.example/login', // Chromium reads "/\" as "//": another host
    '/\t/evil.example/',
    '/\n/evil.example/',
    '//evil.example/',
    '\\\\evil.example/',
    'javascript:alert(1)',
    ' javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'evil.example/login',
    'http:/\\evil.example',
    '',
  ];
  for (const value of bad) assert.equal(isSafeLink(value), false, JSON.stringify(value));
});
