import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCountedProgress, createProgress, formatClock, progressLine, type ProgressStream } from './progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  const stream: ProgressStream = { isTTY, columns: 120, write: (s: string | Uint8Array) => writes.push(String(s)) > 0 };
  return { stream, writes };
}

test('on a terminal: done/total, a bar, the rate, the time left and the current input, then cleared', () => {
  const { stream, writes } = fakeStream(true);
  let clock = 0;
  const progress = createProgress('Analysing', stream, { total: 40, now: () => clock });
  clock = 5000;
  progress.update(10, 'examples/a.txt', 1);
  progress.finish();
  assert.equal(writes.length, 2);
  assert.equal(writes[0], '\r\u001b[2KAnalysing 10/40 [█████░░░░░░░░░░░░░░░] 25% · 2.0/s · ETA 0:15 · 1 failed · examples/a.txt');
  assert.equal(writes[1], '\r\u001b[2K');
});

test('redrawn at most every 100 ms, but the last item always', () => {
  const { stream, writes } = fakeStream(true);
  let clock = 0;
  const progress = createProgress('Ingesting', stream, { total: 3, now: () => clock });
  clock = 10;
  progress.update(1, 'a', 0);
  clock = 20;
  progress.update(2, 'b', 0);
  clock = 30;
  progress.update(3, 'c', 0);
  assert.equal(writes.length, 2);
  assert.match(writes[1], /Ingesting 3\/3 \[█{20}\] 100% .* ETA 0:00 · c$/);
});

test('without a total: the count and the rate; a total known later is shown from then on', () => {
  const { stream, writes } = fakeStream(true);
  let clock = 0;
  const progress = createProgress('Analysing', stream, { now: () => clock });
  clock = 2000;
  progress.update(4, 'x', 0);
  progress.setTotal(8);
  clock = 4000;
  progress.update(6, 'y', 0);
  assert.match(writes[0], /^\r\u001b\[2KAnalysing 4 done · 2\.0\/s · x$/);
  assert.match(writes[1], /Analysing 6\/8 \[.*\] 75% · 1\.5\/s · ETA 0:01 · y$/);
});

test('the line is cut to the terminal width', () => {
  const { stream, writes } = fakeStream(true);
  (stream as { columns: number }).columns = 30;
  createProgress('Analysing', stream, { total: 2 }).update(2, 'a/very/long/path/'.repeat(10), 0);
  assert.equal(writes[0].length, '\r\u001b[2K'.length + 29);
});

test('nothing is written when stderr is not a terminal (pipes, CI logs), and nothing is counted', async () => {
  const { stream, writes } = fakeStream(false);
  let counted = false;
  const progress = createCountedProgress('Analysing', async () => {
    counted = true;
    return 3;
  }, stream);
  progress.update(1, 'x', 0);
  progress.finish();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(writes, []);
  assert.equal(counted, false);
});

test('a counted progress on a terminal gets its total from the count', async () => {
  const { stream, writes } = fakeStream(true);
  const progress = createCountedProgress('Indexing', async () => 5, stream);
  await new Promise((r) => setImmediate(r));
  progress.update(5, 'e.txt', 0);
  assert.match(writes[0], /Indexing 5\/5 \[/);
});

test('the time left reads as a clock', () => {
  assert.equal(formatClock(0), '0:00');
  assert.equal(formatClock(75), '1:15');
  assert.equal(formatClock(3725), '1:02:05');
  assert.match(progressLine({ label: 'L', done: 0, total: 9, failed: 0, current: '', elapsedMs: 0 }), /ETA –/);
});
