/**
 * npm test — every *.test.ts under src/ and test/ in node's test runner, with TMPDIR pointed at
 * one fresh directory that is removed afterwards: the tests' databases, spools, corpora and
 * PostgreSQL clusters (theirs and their child processes') never pile up in the system's /tmp.
 * Extra arguments go to `node --test` (e.g. `npm test -- --test-name-pattern=reuse`).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function testFiles(dir: string, found: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(path).isDirectory()) testFiles(path, found);
    else if (name.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

const files = [...testFiles('src'), ...testFiles('test')].sort();
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
