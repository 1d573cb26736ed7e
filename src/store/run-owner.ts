import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * Who owns a 'running' run: its pid, host and a process token. The token is the process's
 * start time where the system tells it (Linux /proc), so that every thread of a process
 * (the analysis pool's workers open the store too) agrees on it, and a later process that
 * got the same pid (containers start each one as pid 1) does not.
 */

function startTime(pid: number | 'self'): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after "(comm)": the 20th of them is the start time, in clock ticks since boot
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function processToken(): string {
  const start = startTime('self');
  if (start) return `start:${start}`;
  // elsewhere: a random token the worker threads inherit through their copy of the environment
  process.env.DISCERN_PROCESS_TOKEN ??= randomUUID();
  return process.env.DISCERN_PROCESS_TOKEN;
}

export const PROCESS_TOKEN = processToken();

/** Is the process that started a run alive? (EPERM: it exists but belongs to someone else.) */
export function ownerAlive(pid: number, token: string | null): boolean {
  if (pid === process.pid) return token === PROCESS_TOKEN;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // a live process with that pid: the owner only if it started when the owner did
  if (token?.startsWith('start:')) {
    const start = startTime(pid);
    if (start !== null) return token === `start:${start}`;
  }
  return true;
}
