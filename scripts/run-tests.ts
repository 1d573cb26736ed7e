/**
 * npm test — every *.test.ts under src/ and test/ in node's test runner, with TMPDIR pointed at
 * one fresh directory that is removed afterwards: the tests' databases, spools, corpora and
 * PostgreSQL clusters (theirs and their child processes') never pile up in the system's /tmp.
 * Extra arguments go to `node --test` (e.g. `npm test -- --test-name-pattern=reuse`).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Every *.test.ts under these folders, sorted. */
function testFiles(...dirs: string[]): string[] {
  return dirs.flatMap((dir) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.test.ts')).map((name) => join(dir, name))).sort();
}

const files = testFiles('src', 'test');
const scratch = mkdtempSync(join(tmpdir(), 'discern-tests-'));
// traversable by others: the throwaway PostgreSQL clusters run as the postgres user in their own subdirectory
chmodSync(scratch, 0o755);
let status = 1;
try {
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...process.argv.slice(2), ...files], {
    stdio: 'inherit',
    env: { ...process.env, TMPDIR: scratch },
  });
  status = run.status ?? 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(status);
