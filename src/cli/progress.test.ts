import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createProgress } from './progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  const stream = { isTTY, columns: 60, write: (s: string) => writes.push(s) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, writes };
}

test('progress is drawn on a terminal, one redrawn line, and cleared at the end', () => {
  const { stream, writes } = fakeStream(true);
  const progress = createProgress('Analysing', stream);
  progress.update(3, 'examples/a.txt', 1);
  progress.finish();
  assert.equal(writes.length, 2);
  assert.match(writes[0], /^\r\u001b\[2KAnalysing 3 done, 1 failed · [\d.–]+\/s · examples\/a\.txt$/);
  assert.equal(writes[1], '\r\u001b[2K');
});

test('nothing is written when stderr is not a terminal (pipes, CI logs)', () => {
  const { stream, writes } = fakeStream(false);
  const progress = createProgress('Analysing', stream);
  progress.update(1, 'x', 0);
  progress.finish();
  assert.deepEqual(writes, []);
});
