import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seededRandom } from '../../core/random.js';
import { PostingLists, TokenCounts } from './token-table.js';

test('token counts in a typed table equal a Map of the strings, through its growth', () => {
  const rand = seededRandom(3);
  const table = new TokenCounts(16);
  const reference = new Map<string, number>();
  for (let i = 0; i < 20_000; i++) {
    const t = `w${Math.floor(rand() * 5000)}_${Math.floor(rand() * 3)}`;
    table.add(t);
    reference.set(t, (reference.get(t) ?? 0) + 1);
  }
  assert.equal(table.size, reference.size);
  for (const [t, n] of reference) assert.equal(table.get(t), n, t);
  assert.equal(table.get('never-added'), 0);
  assert.equal(table.slot('never-added'), -1);
  // slots are stable and distinct once counting is done
  const slots = new Set([...reference.keys()].map((t) => table.slot(t)));
  assert.equal(slots.size, reference.size);
  for (const t of reference.keys()) assert.equal(table.countAt(table.slot(t)), reference.get(t));
  let total = 0;
  table.forEachCount((_, n) => (total += n));
  assert.equal(total, 20_000);
});

test('posting lists keep the newest `cap` clusters per slot, oldest first, like arrays with shift', () => {
  const rand = seededRandom(5);
  const cap = 4;
  const lists = new PostingLists(50, cap);
  const reference: number[][] = Array.from({ length: 50 }, () => []);
  for (let i = 0; i < 5000; i++) {
    const slot = Math.floor(rand() * 50);
    const cluster = Math.floor(rand() * 12);
    lists.add(slot, cluster);
    const list = reference[slot];
    if (list[list.length - 1] === cluster) continue;
    list.push(cluster);
    if (list.length > cap) list.shift();
  }
  const out: number[] = [];
  for (let s = 0; s < 50; s++) assert.deepEqual([...lists.list(s, out)], reference[s], `slot ${s}`);
  assert.deepEqual(lists.list(-1, out), []);
  // dropped nodes are reused: the node pool stays near slots × cap
  assert.ok(lists.bytes < 50 * 5 + 2 * 4 * 4096 + 1, `${lists.bytes} bytes`);
});
