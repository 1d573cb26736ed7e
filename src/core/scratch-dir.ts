import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A temporary directory for one process's scratch files (spooled corpus findings, spilled
 * key tables), named `<prefix><pid>-XXXXXX`. A process killed before it cleans up (SIGKILL,
 * out of memory) leaves its directory behind; the next one made with the same prefix removes
 * the directories of processes that no longer exist and that nothing has written to for an
 * hour (a process in another PID namespace sharing /tmp looks dead from here). Directories of
 * live processes, of processes this user may not signal, and any other name are left alone.
 */

const QUIET_MS = 60 * 60 * 1000;
export function scratchDir(prefix: string, parent = tmpdir()): string {
  removeOrphans(prefix, parent);
  return mkdtempSync(join(parent, `${prefix}${process.pid}-`));
}

export function removeOrphans(prefix: string, parent = tmpdir()): string[] {
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\d+)-[A-Za-z0-9]{6}$`);
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return removed;
  }
  for (const name of names) {
    const pid = Number(pattern.exec(name)?.[1] ?? 0);
    if (!pid || pid === process.pid || alive(pid) || recentlyWritten(join(parent, name))) continue;
    try {
      rmSync(join(parent, name), { recursive: true, force: true });
      removed.push(name);
    } catch {
      // another user's directory, or removed meanwhile: not ours to insist on
    }
  }
  return removed;
}

function recentlyWritten(dir: string): boolean {
  try {
    const since = Date.now() - QUIET_MS;
    if (statSync(dir).mtimeMs > since) return true;
    return readdirSync(dir).some((f) => statSync(join(dir, f)).mtimeMs > since);
  } catch {
    return true;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
