import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clipText } from './clip.js';

test('clipText: one line, at most max characters, "…" only when cut', () => {
  assert.equal(clipText('  a\n\tshort   text ', 40), 'a short text');
  const cut = clipText('The monitoring team counted forty-one checkpoints along the river road', 30);
  assert.ok(cut.length <= 30, cut);
  assert.ok(cut.endsWith('…'));
  assert.equal(cut, 'The monitoring team counted f…');
  assert.equal(clipText('exactly ten', 11), 'exactly ten');
});
