import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, tempDir } from '../support/cli.js';
import { runFuzz } from './trials.js';

/**
 * A fixed-seed hostile corpus (test/reliability/fuzz.ts). Every article is stored or refused
 * with a documented error code that names it — never a JavaScript exception passed off as a
 * reason — `discern ingest` exits 0 or 1 with a sound database, and every posts file is read
 * or refused the same way. `npm run soak` runs thousands of cases.
 */

const COUNT = Number(process.env.DISCERN_FUZZ_CASES ?? 160);
const SEED = Number(process.env.DISCERN_FUZZ_SEED ?? 20261201);
test(`fuzz corpus (${COUNT} cases, seed ${SEED}): only documented exit codes and named errors, a sound database`, { timeout: 300_000 }, async () => {
  const outcome = await runFuzz(COUNT, SEED);
  assert.ok(outcome.stored > 0 && Object.keys(outcome.refused).length > 0, JSON.stringify(outcome));
});

test('discern posts on hostile files exits 0 or 3 and names the file', { timeout: 120_000 }, async () => {
  const dir = tempDir('discern-fuzz-posts-');
  const deep = join(dir, 'deep.jsonl');
  writeFileSync(deep, `{"author":"ana","text":"x"}\n{"author":"ben","text":${'['.repeat(200_000)}}\n`);
  const result = await runCli(['posts', deep]);
  assert.equal(result.code, 3);
  assert.match(result.stderr, new RegExp(`${deep.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: line 2: nested deeper than 64 levels`));
  const excel = join(dir, 'excel.csv');
  writeFileSync(excel, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id\tauthor\ttext\tposted_at\r\n1\tana\thttps://a.example/x shared\t2024-03-01T10:00:00Z\r\n', 'utf16le')]));
  const ok = await runCli(['posts', excel]);
  assert.equal(ok.code, 0, ok.stderr);
});
