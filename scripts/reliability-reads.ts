/**
 * Read latency while the server analyses a 1 MB text: `discern serve` (from source) on a
 * small database, reads every 50 ms (a document view and the document list) before, during
 * and after one POST /ingest of a 1 MB article; prints p50 / p99 / max of the reads issued
 * while the ingest ran, with the analysis pool (--workers 1) and without it (--workers 0).
 *
 *   npx tsx scripts/reliability-reads.ts [--mb 1] [--workers 1,0]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { maxOf } from '../src/core/arrays.js';
import { packageRoot } from '../src/core/paths.js';
import { articleText, percentile } from '../test/reliability/support.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const megabytes = Number(arg('mb', '1'));
const modes = arg('workers', '1,0').split(',');

function bigText(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const t = articleText(10_000 + i).split('\n').slice(4).join('\n');
    parts.push(t);
    size += t.length;
  }
  return `A long dossier on the river dispute\n\n${parts.join('\n')}`;
}

async function startServer(db: string, workers: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(packageRoot(), 'src/cli/main.ts'), 'serve', '--db', db, '--port', '0', '--rate-limit', '0', '--workers', workers], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d) => {
      stderr += d;
      const m = /Discern workbench on (http:\/\/\S+?)\/ /.exec(stderr);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  child.stderr.on('data', (d) => process.stderr.write(`[serve] ${d}`));
  return { url, stop: () => child.kill('SIGTERM') };
}

async function measure(workers: string, text: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'discern-reads-'));
  const server = await startServer(join(dir, 'reads.db'), workers);
  try {
    const seeded = await (await fetch(`${server.url}/api/v1/ingest`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: articleText(1) })).json() as { id: string };
    const latencies: Array<{ at: number; ms: number }> = [];
    const failures: string[] = [];
    let ingesting = { from: 0, to: 0 };
    let stop = false;
    const reader = (async () => {
      for (let i = 0; !stop; i++) {
        const at = performance.now();
        const path = i % 2 === 0 ? `/api/v1/documents/${seeded.id}` : '/api/v1/documents';
        void fetch(`${server.url}${path}`)
          .then(async (r) => {
            await r.arrayBuffer();
            if (r.status !== 200) failures.push(`${path}: ${r.status}`);
            latencies.push({ at, ms: performance.now() - at });
          })
          .catch((error: Error) => failures.push(`${path}: ${error.message} (${String((error.cause as Error | undefined)?.message)})`));
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await new Promise((r) => setTimeout(r, 1000));
    ingesting.from = performance.now();
    const response = await fetch(`${server.url}/api/v1/ingest`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: text });
    await response.arrayBuffer();
    ingesting.to = performance.now();
    await new Promise((r) => setTimeout(r, 1000));
    stop = true;
    await reader;
    await new Promise((r) => setTimeout(r, 500));
    const during = latencies.filter((l) => l.at >= ingesting.from && l.at <= ingesting.to).map((l) => l.ms);
    const fmt = (n: number) => `${n.toFixed(0)} ms`;
    console.log(
      `--workers ${workers}: ingest of ${(text.length / 1e6).toFixed(2)} MB answered ${response.status} in ${((ingesting.to - ingesting.from) / 1000).toFixed(1)} s; ` +
        `${during.length} reads during it: p50 ${fmt(percentile(during, 50))}, p99 ${fmt(percentile(during, 99))}, max ${fmt(maxOf(during))}` +
        (failures.length > 0 ? `; ${failures.length} reads failed (${failures.slice(0, 3).join('; ')})` : ''),
    );
  } finally {
    server.stop();
  }
}

const text = bigText(megabytes * 1_000_000);
for (const workers of modes) await measure(workers, text);
