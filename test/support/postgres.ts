import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL cluster on loopback for tests: initdb into a temporary folder,
 * start it on a free port with fsync off, give every test its own database, stop and delete
 * it when the test process ends. One cluster per test process (node --test runs each file in
 * its own process); started on first use.
 *
 * Without `initdb` on the machine, `postgresForTests()` returns null and the caller skips with
 * the printed reason; under CI (CI=true) a missing PostgreSQL is an error, never a skip.
 */

export interface TestCluster {
  /** postgres://… of a new, empty database on the cluster */
  createDatabase(): Promise<string>;
  /** the cluster's base URL (database `postgres`) */
  readonly adminUrl: string;
  stop(): void;
}

let started: Promise<TestCluster | null> | null = null;

export const POSTGRES_SKIP_REASON = 'PostgreSQL (initdb) is not installed: the PostgreSQL tests are skipped (apt-get install postgresql)';

/** The shared cluster, or null (with the reason printed once) when PostgreSQL is not installed outside CI. */
export function postgresForTests(): Promise<TestCluster | null> {
  started ??= start();
  return started;
}

/** For `test(name, { skip }, …)`: the skip reason, or false when the cluster can run. */
export function postgresSkip(): string | false {
  if (findPgBin()) return false;
  if (process.env.CI) throw new Error('CI must run the PostgreSQL tests, but initdb is not installed (see .ci/run)');
  return POSTGRES_SKIP_REASON;
}

function findPgBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb')));
    versions.sort((a, b) => Number(a) - Number(b));
    if (versions.length > 0) return join(root, versions[versions.length - 1], 'bin');
  }
  try {
    const initdb = execFileSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).trim();
    return initdb ? join(initdb, '..') : null;
  } catch {
    return null;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function start(): Promise<TestCluster | null> {
  const bin = findPgBin();
  if (!bin) {
    if (process.env.CI) throw new Error('CI must run the PostgreSQL tests, but initdb is not installed (see .ci/run)');
    process.stderr.write(`# ${POSTGRES_SKIP_REASON}\n`);
    return null;
  }
  const data = mkdtempSync(join(tmpdir(), 'discern-pg-'));
  // initdb refuses to run as root: run the server binaries as the postgres user then
  const asRoot = userInfo().uid === 0;
  const run = (program: string, args: string[]) => {
    const command = join(bin, program);
    if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe' });
    else execFileSync(command, args, { stdio: 'pipe' });
  };
  if (asRoot) {
    const { uid, gid } = postgresUser();
    chownSync(data, uid, gid);
    chmodSync(data, 0o700);
  }
  let port = 0;
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
    // a port another process takes between the probe and the start: try a few
    for (let attempt = 0; ; attempt++) {
      port = await freePort();
      try {
        run('pg_ctl', ['-D', data, '-l', join(data, 'log'), '-w', '-t', '60', '-o', `-p ${port} -k ${data} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`, 'start']);
        break;
      } catch (error) {
        if (attempt >= 2) throw error;
      }
    }
  } catch (error) {
    rmSync(data, { recursive: true, force: true });
    throw new Error(`could not start a test PostgreSQL cluster: ${(error as Error).message}`);
  }
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // already down
    }
    rmSync(data, { recursive: true, force: true });
  };
  process.once('exit', stop);
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let counter = 0;
  return {
    adminUrl,
    async createDatabase() {
      const name = `t${process.pid}_${++counter}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
      } finally {
        await admin.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop,
  };
}

function postgresUser(): { uid: number; gid: number } {
  const line = execFileSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' }).trim();
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}
