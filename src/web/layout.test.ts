import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forceLayout } from './layout.js';

test('the layout keeps nodes inside the box, apart, and is the same every time', () => {
  const ids = ['a', 'b', 'c', 'd', 'e'];
  const links = [
    { source: 'a', target: 'b' },
    { source: 'b', target: 'c' },
    { source: 'd', target: 'e' },
  ];
  const first = forceLayout(ids, links, { width: 800, height: 600 });
  const second = forceLayout(ids, links, { width: 800, height: 600 });
  assert.deepEqual([...first.values()], [...second.values()]);
  for (const p of first.values()) {
    assert.ok(p.x >= 0 && p.x <= 800 && p.y >= 0 && p.y <= 600, `${p.id} at ${p.x},${p.y}`);
  }
  const points = [...first.values()];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      assert.ok(Math.hypot(points[i].x - points[j].x, points[i].y - points[j].y) > 20, `${points[i].id} and ${points[j].id} overlap`);
    }
  }
  // linked nodes end up nearer each other than unlinked ones, on average
  const d = (a: string, b: string) => Math.hypot(first.get(a)!.x - first.get(b)!.x, first.get(a)!.y - first.get(b)!.y);
  assert.ok(d('a', 'b') < d('a', 'e'));
});
