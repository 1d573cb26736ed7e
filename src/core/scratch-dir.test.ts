import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { scratchDir } from './scratch-dir.js';

test("a killed process's quiet scratch directory is removed by the next one; live, recent and other names stay", () => {
  const parent = mkdtempSync(join(tmpdir(), 'scratch-test-'));
  try {
    // a pid that existed and has exited
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const orphan = join(parent, `discern-x-${dead}-abc123`);
    const live = join(parent, `discern-x-${process.ppid}-def456`);
    const other = join(parent, `discern-x-notapid`);
    const otherPrefix = join(parent, `discern-y-${dead}-ghi789`);
    const recent = join(parent, `discern-x-${dead}-jkl012`);
    for (const d of [orphan, live, other, otherPrefix, recent]) mkdirSync(d);
    // the orphan was last written two hours ago; `recent` (same dead pid) just now
    writeFileSync(join(orphan, 'spool.jsonl'), '{}\n');
    const old = (Date.now() - 2 * 3600_000) / 1000;
    utimesSync(join(orphan, 'spool.jsonl'), old, old);
    utimesSync(orphan, old, old);
    writeFileSync(join(recent, 'spool.jsonl'), '{}\n');
    const mine = scratchDir('discern-x-', parent);
    assert.ok(existsSync(mine) && mine.includes(`discern-x-${process.pid}-`), mine);
    assert.equal(existsSync(orphan), false, 'the dead process\'s directory is removed');
    assert.ok(existsSync(live) && existsSync(other) && existsSync(otherPrefix));
    assert.ok(existsSync(recent), 'a directory written to within the hour may belong to a process we cannot see');
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});
