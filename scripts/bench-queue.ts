/**
 * npm run bench:queue — documents per second through the PostgreSQL job queue with 1, 2 and 4
 * worker processes, on the synthetic corpus of scripts/bench.ts (seed 42).
 * Usage: npx tsx scripts/bench-queue.ts [--docs 1000] [--words 800] [--workers 1,2,4] [--db postgres://…/postgres]
 * Without --db it starts a throwaway PostgreSQL cluster on loopback (as the tests do) and
 * deletes it at the end; with --db (an admin URL) it creates one database per measurement.
 * Each measurement: a fresh database, `discern ingest --queue` (timed apart), then N
 * `discern worker --exit-when-idle` processes started together, timed until the last exits.
 * Peak RSS is each process's high-water mark (VmHWM, read from /proc while it runs); the load
 * average is the machine's (1 minute) before and after each row: on a shared machine it says
 * how much of the cores the workers had.
 */
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { maxOf } from '../src/core/arrays.js';
import { packageRoot } from '../src/core/paths.js';
import { postgresForTests } from '../test/support/postgres.js';
import { generate } from './synthetic-corpus.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const docs = Number(option('--docs', '1000'));
const words = Number(option('--words', '800'));
const workerCounts = option('--workers', '1,2,4').split(',').map(Number);
const MAIN = join(packageRoot(), 'src', 'cli', 'main.ts');

/** The process's peak resident set so far (bytes), or 0 once it is gone. */
function peakRss(pid: number | undefined): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The fields of /proc/PID/stat after the command name (which may hold spaces): state is [0], ppid [1], utime [11]. */
function statFields(pid: number | undefined): string[] {
  return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
}

/** CPU seconds (user + system) of a process so far; with `children`, also of its exited children (a postmaster's backends). */
function cpuSeconds(pid: number | undefined, children = false): number {
  try {
    // utime stime cutime cstime (fields 14–17 of the file)
    const fields = statFields(pid);
    const ticks = Number(fields[11]) + Number(fields[12]) + (children ? Number(fields[13]) + Number(fields[14]) : 0);
    return ticks / 100;
  } catch {
    return 0;
  }
}

/** The PostgreSQL server's main process: the parent of this connection's backend. */
async function postmasterPid(url: string): Promise<number | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // read while the backend still exists
    const backend = Number((await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
    return Number(statFields(backend)[1]);
  } catch {
    return undefined;
  } finally {
    await client.end();
  }
}

function cli(cliArgs: string[]): Promise<{ code: number | null; stdout: string; stderr: string; peakRss: number; cpuSeconds: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...cliArgs], { cwd: packageRoot(), env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let peak = 0;
  let cpu = 0;
  // read while it runs: once it has exited its /proc entry is gone (the last 250 ms are lost)
  const poll = setInterval(() => {
    peak = Math.max(peak, peakRss(child.pid));
    cpu = Math.max(cpu, cpuSeconds(child.pid));
  }, 250);
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ code, stdout, stderr, peakRss: peak, cpuSeconds: cpu });
    }),
  );
}

async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function main(): Promise<void> {
  const given = args.includes('--db') ? option('--db', '') : null;
  const cluster = given ? null : await postgresForTests();
  const adminUrl = given ?? cluster?.adminUrl;
  if (!adminUrl) throw new Error('PostgreSQL is not installed: give --db postgres://…/postgres');
  const dir = mkdtempSync(join(tmpdir(), 'discern-bench-queue-'));
  // stopped half-way (Ctrl-C, a timeout): still stop the throwaway cluster and delete the corpus
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cluster?.stop();
      rmSync(dir, { recursive: true, force: true });
      process.exit(130);
    });
  }
  try {
    const bytes = generate(join(dir, 'corpus'), docs, words);
    console.log(`Corpus: ${docs} articles of ~${words} words with comment sections, ${(bytes / 1024 / 1024).toFixed(1)} MiB (scripts/bench.ts, seed 42); ${cpus().length} cores, node ${process.version}`);
    console.log('\n| workers | enqueue | analyse + store + corpus job | documents/s | CPU ms per document: workers · PostgreSQL | peak RSS per worker (largest) | load average before → after |\n|---:|---:|---:|---:|---:|---:|---|');
    for (const workers of workerCounts) {
      const url = await createDatabase(adminUrl, `bench_queue_${workers}`);
      const loadBefore = loadavg()[0];
      const postmaster = await postmasterPid(url);
      const serverCpuBefore = cpuSeconds(postmaster, true);
      const enqueueStarted = performance.now();
      const queued = await cli(['ingest', join(dir, 'corpus'), '--db', url, '--queue', '--json']);
      if (queued.code !== 0) throw new Error(`ingest --queue failed: ${queued.stderr}`);
      const enqueueSeconds = (performance.now() - enqueueStarted) / 1000;
      const started = performance.now();
      const results = await Promise.all(Array.from({ length: workers }, () => cli(['worker', '--db', url, '--exit-when-idle', '--poll', '500ms'])));
      const seconds = (performance.now() - started) / 1000;
      const failed = results.find((r) => r.code !== 0);
      if (failed) throw new Error(`a worker failed: ${failed.stderr}`);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const stored = Number((await client.query('SELECT COUNT(*) AS n FROM documents')).rows[0].n);
      const run = (await client.query('SELECT status FROM runs ORDER BY id DESC LIMIT 1')).rows[0]?.status;
      await client.end();
      if (stored !== docs || run !== 'done') throw new Error(`expected ${docs} documents and a finished run, found ${stored} and ${run}`);
      const peak = maxOf(results.map((r) => r.peakRss));
      // CPU is what the load average does not change much: the cost per document on a shared machine
      const workerMs = (results.reduce((sum, r) => sum + r.cpuSeconds, 0) / docs) * 1000;
      const serverMs = ((cpuSeconds(postmaster, true) - serverCpuBefore) / docs) * 1000;
      console.log(`| ${workers} | ${enqueueSeconds.toFixed(1)} s | ${seconds.toFixed(1)} s | ${(docs / seconds).toFixed(1)} | ${workerMs.toFixed(0)} · ${serverMs.toFixed(0)} | ${(peak / 1024 / 1024).toFixed(0)} MB | ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)} |`);
    }
    console.log('\n(worker time includes each process starting and loading its models, and the run\'s corpus job)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
    cluster?.stop();
  }
}

await main();
