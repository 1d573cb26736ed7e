/**
 * npm run bench:pipeline — `discern ingest DIR --db (fresh) --jobs N` in this process, with the
 * CPU time of every thread (Linux: /proc/self/task/TID/stat, sampled every 100 ms, so threads
 * that exit — the analysis workers — are counted up to their last sample): the main thread
 * (reading inputs, the single writer), the analysis workers (the N busiest other threads) and
 * the rest (V8's background threads: concurrent GC and compilation; module-loader threads).
 * CPU per document is what compares on the shared machine, where wall time does not; the
 * wall-clock rate is printed beside it with the load average.
 *
 *   npx tsx scripts/bench-pipeline.ts --dir DIR [--jobs 2] [--keep DB]
 *
 * Start-up (loading models in each thread) is included; run on ≥ 500 documents so it is small.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const args = process.argv.slice(2);
const option = (name: string, fallback: string | null = null): string | null => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const dir = option('--dir');
if (!dir) throw new Error('usage: bench-pipeline.ts --dir DIR [--jobs N] [--keep DB]');
const jobs = option('--jobs', '2') as string;
const tmp = mkdtempSync(join(tmpdir(), 'discern-pipeline-'));
const db = option('--keep') ?? join(tmp, 'bench.db');
const documents = readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.txt')).length;

/** USER_HZ: the kernel's clock ticks per second in /proc/…/stat (100 on Linux). */
const TICK_MS = 10;
const cpuByThread = new Map<number, number>();
function sample(): void {
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return;
  }
  for (const tid of tids) {
    try {
      // the fields after the command name (which may hold spaces) start at the last ')'
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpuByThread.set(Number(tid), (Number(fields[11]) + Number(fields[12])) * TICK_MS);
    } catch {
      // the thread exited between the listing and the read
    }
  }
}

const load = loadavg();
const timer = setInterval(sample, 100);
const started = performance.now();
const cpuStart = process.cpuUsage();
const { main } = await import('../src/cli/main.js');
const code = await main([process.argv[0], 'discern', 'ingest', dir, '--db', db, '--jobs', jobs, '--json']);
sample();
clearInterval(timer);
const wall = performance.now() - started;
const cpu = process.cpuUsage(cpuStart);
const total = (cpu.user + cpu.system) / 1000;
const mainMs = cpuByThread.get(process.pid) ?? 0;
const others = [...cpuByThread].filter(([tid]) => tid !== process.pid).map(([, ms]) => ms).sort((a, b) => b - a);
const workerCount = Number(jobs) > 1 ? Number(jobs) : 0;
const workers = others.slice(0, workerCount);
const rest = others.slice(workerCount).reduce((a, b) => a + b, 0);
const per = (ms: number) => (ms / documents).toFixed(2);
process.stderr.write(
  [
    '',
    `ingest of ${documents} documents of ${dir}, --jobs ${jobs}, exit ${code}; load average at start ${load.map((l) => l.toFixed(2)).join(' ')}, at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    `wall ${(wall / 1000).toFixed(1)} s = ${((documents * 1000) / wall).toFixed(1)} documents/s`,
    `| thread | CPU s | CPU ms per document |`,
    `|---|---:|---:|`,
    `| main (inputs, writer) | ${(mainMs / 1000).toFixed(1)} | ${per(mainMs)} |`,
    ...workers.map((ms, i) => `| analysis worker ${i + 1} | ${(ms / 1000).toFixed(1)} | ${per(ms)} |`),
    `| other threads (V8 GC and compiler, loaders) | ${(rest / 1000).toFixed(1)} | ${per(rest)} |`,
    `| **process (cpuUsage)** | **${(total / 1000).toFixed(1)}** | **${per(total)}** |`,
    '',
  ].join('\n'),
);
if (!option('--keep')) rmSync(tmp, { recursive: true, force: true });
process.exit(code);
