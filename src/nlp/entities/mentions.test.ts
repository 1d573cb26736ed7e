import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mentionsWithin, type EntityMention } from './mentions.js';

const mention = (start: number, end: number): EntityMention => ({ start, end, surface: 'x', canonical: 'x', type: 'place', via: 'pattern', confidence: 1 });

test('mentionsWithin returns exactly the mentions inside the range', () => {
  const mentions = [mention(0, 3), mention(5, 9), mention(8, 12), mention(15, 20), mention(21, 22)];
  assert.deepEqual(mentionsWithin(mentions, 5, 12), [mentions[1], mentions[2]]);
  assert.deepEqual(mentionsWithin(mentions, 9, 20), [mentions[3]], 'a mention starting before the range is out');
  assert.deepEqual(mentionsWithin(mentions, 13, 15), []);
  assert.deepEqual(mentionsWithin([], 0, 10), []);
});
