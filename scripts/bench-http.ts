/**
 * npm run bench:http — HTTP load on the workbench API over loopback: requests per second
 * and p99 latency for a document view and for a search, on a database of 10,000 documents.
 *
 *   npx tsx scripts/bench-http.ts [--docs 10000] [--seconds 10] [--connections 10] [--timeout 60] [--rounds 3] [--db FILE]
 *
 * Besides autocannon's load (requests/s and latency percentiles at N connections) the searches
 * are also timed one request at a time (--rounds times each query): p50/p95 of what one analyst
 * waits, both for the grouped search and for the flat list of finding hits (`in=findings`).
 *
 * The first search of the fresh server is timed apart (wall clock and the server process's CPU
 * time, which holds under load), then the same query again: search reads stored camps and
 * never computes the corpus findings, so the first costs what later ones cost.
 *
 * The database is built once (bench-out/http-<docs>.db, reused when it already holds the
 * documents): 200 distinct synthetic articles go through the real analysers, and the other
 * documents are copies of them with a different serial number in the title (every later
 * span shifted by the same amount, so quotes stay exact) stored by saveAnalysis. The
 * server runs in a child process so that autocannon does not share its event loop.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { get } from 'node:http';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { Finding } from '../src/core/types.js';
import { extractPlainText } from '../src/ingest/plain-text/index.js';
import { loadResources } from '../src/nlp/resources.js';
import { analyzeDocument } from '../src/pipeline/analyze.js';
import { createApp } from '../src/server/app.js';
import { listen } from '../src/server/listen.js';
import { toDocument } from '../src/document/document.js';
import { openSqliteStore, type SqliteStore } from '../src/store/sqlite.js';
import { seededRandom } from '../src/core/random.js';

const root = resolve(fileURLToPath(import.meta.url), '..', '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};


const OUTLETS = ['Northbank Post', 'Valley Courier', 'Coastal Wire', 'Harbour Daily', 'Eastgate Times', 'Midland Herald'];
const PEOPLE = ['Minister Ilse Varga', 'General Tomas Reyk', 'Mayor Dana Holt', 'Professor Ali Sen', 'Spokesman Karl Odin', 'Senator Rhea Moss'];
const ORGS = ['the Halden Institute', 'the Port Authority', 'the Farmers Union', 'the Daskor Federation', 'the Water Board', 'the Transit Agency'];
const TOPICS = ['water prices', 'the harbour contract', 'grain exports', 'the rail strike', 'flood defences', 'the fishing quota'];
const SENTENCES = [
  '{P} said on {D} that {O} had misled the public about {T}.',
  '"This is a disgraceful betrayal of every family in the region," {P} told reporters.',
  'According to figures from {O}, costs rose by {N} percent last year.',
  '{O} denied the claims and called them baseless.',
  'Critics say the plan will cost {N} million and deliver nothing.',
  'Everyone knows that {O} cannot be trusted on {T}.',
  'Officials said an independent review of {T} would be published next month.',
  'Some experts believe the numbers were inflated, but no evidence was offered.',
];
const COMMENTS = ['Great article, thanks for sharing the truth!', 'Great article, thanks for sharing the facts!', 'Where is the source for these figures?', 'I live nearby and nothing has changed since spring.'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

function article(rand: () => number, index: number): { text: string; outlet: string; date: string } {
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
  const fill = (s: string) => s.replace('{P}', pick(PEOPLE)).replace('{O}', pick(ORGS)).replace('{T}', pick(TOPICS)).replace('{D}', pick(DAYS)).replace('{N}', String(2 + Math.floor(rand() * 60)));
  const topic = pick(TOPICS);
  const paragraphs = [`${pick(ORGS).replace(/^the /, 'The ')} Under Fire Over ${topic.replace(/^the /, '')} (${index})`, `By Reporter ${index % 37}`, fill(SENTENCES[0])];
  for (let p = 0; p < 6; p++) paragraphs.push(Array.from({ length: 3 }, () => fill(pick(SENTENCES))).join(' '));
  const comments = Array.from({ length: 2 + Math.floor(rand() * 4) }, (_, i) => `${['Anna Berg', 'Piotr Lind', 'Carla Moss', 'Ed Cole', 'Devi Raman'][i]} on June 3, 2025 at 9:1${i} am\n${pick(COMMENTS)}`);
  const month = 1 + Math.floor(rand() * 12);
  const day = 1 + Math.floor(rand() * 28);
  return { text: `${paragraphs.join('\n\n')}\n\n${comments.length} Comments\n\n${comments.join('\n\n')}\n`, outlet: pick(OUTLETS), date: `2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

async function buildDatabase(path: string, docs: number): Promise<SqliteStore> {
  const store = openSqliteStore(path);
  const have = await store.countDocuments();
  if (have >= docs) return store;
  const resources = await loadResources();
  const rand = seededRandom(7);
  const started = performance.now();
  const templates: Array<{ analysed: ReturnType<typeof analyzeDocument>; outlet: string; date: string }> = [];
  for (let i = 0; i < Math.min(200, docs); i++) {
    const { text, outlet, date } = article(rand, i);
    const extracted = extractPlainText(text);
    const doc = toDocument({ ...extracted, source: { ...extracted.source, outlet, publishedAt: date } }, {});
    templates.push({ analysed: analyzeDocument(doc, resources), outlet, date });
  }
  const analysedAt = performance.now();
  for (let i = have; i < docs; i++) {
    const { analysed } = templates[i % templates.length];
    // a different serial in the title makes a different document (content-derived id)
    const text = analysed.doc.text.replace(/\((\d+)\)\n/, `(${String(i).padStart(6, '0')})\n`);
    const doc = { ...analysed.doc, id: toDocument({ format: 'text', text, sections: [], source: {} }, {}).id, text };
    const shift = text.length - analysed.doc.text.length;
    const titleEnd = analysed.doc.text.indexOf('\n');
    // the title grew by `shift` characters: move every span after it
    const move = (n: number) => (n >= titleEnd ? n + shift : n);
    doc.sections = analysed.doc.sections.map((s) => ({ ...s, start: move(s.start), end: move(s.end) }));
    const produced = new Map<string, Finding[]>();
    for (const [producer, findings] of analysed.produced) {
      produced.set(
        producer,
        findings.map((f) => {
          const start = move(f.start);
          const end = move(f.end);
          return { ...f, start, end, quote: text.slice(start, end) };
        }),
      );
    }
    await store.saveAnalysis({ doc, origin: `bench:${i}`, produced, failures: [], runId: null });
  }
  const stored = performance.now();
  process.stderr.write(
    `built ${docs - have} documents: ${templates.length} analysed in ${((analysedAt - started) / 1000).toFixed(1)} s, stored in ${((stored - analysedAt) / 1000).toFixed(1)} s\n`,
  );
  return store;
}

/** Child-process mode: serve the database on loopback and print the URL. */
async function serve(db: string): Promise<void> {
  const store = openSqliteStore(db);
  const app = createApp({ store, resources: await loadResources(), rateLimit: null });
  const server = await listen(app, '127.0.0.1', 0);
  process.stdout.write(`${server.url}\n`);
  // the parent asks (over the IPC channel) for this process's CPU time, user + system, ms
  process.on('message', () => {
    const cpu = process.cpuUsage();
    process.send?.((cpu.user + cpu.system) / 1000);
  });
  process.on('SIGTERM', () => void server.close().then(() => store.close()).then(() => process.exit(0)));
}

async function measure(url: string, name: string, paths: string[], seconds: number, connections: number, timeout: number) {
  let i = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    timeout,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[i++ % paths.length] }) }],
  });
  const line = `${name.padEnd(16)} ${result.requests.average.toFixed(1).padStart(7)} req/s   p50 ${String(result.latency.p50).padStart(5)} ms   p97.5 ${String(result.latency.p97_5).padStart(5)} ms   p99 ${String(result.latency.p99).padStart(5)} ms   errors ${result.errors + result.non2xx}   (${connections} connections, ${seconds} s)`;
  process.stdout.write(`${line}\n`);
  return result;
}

/** GET without a client-side timeout (fetch gives up on headers after 300 s); the body as text. */
function getWithoutTimeout(url: string): Promise<string> {
  return new Promise((resolveGet, reject) => {
    get(url, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => (response.statusCode === 200 ? resolveGet(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`${url}: HTTP ${response.statusCode}`))));
    }).on('error', reject);
  });
}

/**
 * One request at a time, each path in turn, `rounds` times: requests/s of one client and the
 * p50/p95 of single-request latency (what one analyst waits), independent of queueing.
 */
async function sequential(url: string, name: string, paths: string[], rounds: number) {
  const times: number[] = [];
  const started = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const path of paths) {
      const t = performance.now();
      const response = await fetch(url + path);
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      await response.arrayBuffer();
      times.push(performance.now() - t);
    }
  }
  const total = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(0);
  process.stdout.write(`${name.padEnd(16)} ${(times.length / total).toFixed(1).padStart(7)} req/s   p50 ${at(0.5).padStart(5)} ms   p95 ${at(0.95).padStart(5)} ms   max ${at(1).padStart(5)} ms   (one request at a time, ${times.length} requests)\n`);
}

async function main(): Promise<void> {
  if (args[0] === '--serve') return serve(args[1]);
  const docs = Number(option('--docs', '10000'));
  const seconds = Number(option('--seconds', '10'));
  const connections = Number(option('--connections', '10'));
  // seconds before autocannon counts a request as failed (its default, 10, is too short for slow searches)
  const timeout = Number(option('--timeout', '60'));
  const rounds = Number(option('--rounds', '3'));
  mkdirSync(join(root, 'bench-out'), { recursive: true });
  const db = option('--db', join(root, 'bench-out', `http-${docs}.db`));
  const fresh = !existsSync(db);
  const store = await buildDatabase(db, docs);
  const ids = (store.db.prepare('SELECT id FROM documents ORDER BY random() LIMIT 200').all() as Array<{ id: string }>).map((r) => r.id);
  const count = await store.countDocuments();
  const findings = Number((store.db.prepare('SELECT COALESCE(SUM(n), 0) AS n FROM finding_labels').get() as { n: number }).n);
  await store.close();
  process.stdout.write(`database: ${count} documents, ${findings} findings${fresh ? '' : ' (reused)'}\n`);

  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve', db], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'], cwd: root });
  try {
    const stdout = child.stdout;
    if (!stdout) throw new Error('the server has no stdout');
    const url = await new Promise<string>((resolveUrl, reject) => {
      stdout.once('data', (chunk: Buffer) => resolveUrl(chunk.toString().trim()));
      child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    /** the server's CPU time so far, ms */
    const serverCpu = () =>
      new Promise<number>((resolveCpu) => {
        child.once('message', (ms) => resolveCpu(Number(ms)));
        child.send('cpu');
      });
    const words = ['harbour', 'baseless', 'water prices', '"independent review"', 'disgraceful', 'quota', 'inflated', 'Varga'];
    const search = words.map((w) => `/api/v1/search?q=${encodeURIComponent(w)}`);
    const findings = words.map((w) => `/api/v1/search?in=findings&q=${encodeURIComponent(w)}`);
    process.stdout.write(`load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min)\n`);
    // the first search of a fresh server, then the same again: wall clock and the server's CPU time
    for (const label of ['first search', 'same search again']) {
      const cpu = await serverCpu();
      const wall = performance.now();
      const body = JSON.parse(await getWithoutTimeout(url + search[0])) as { total: number; camp_source?: { from: string } };
      const took = performance.now() - wall;
      const cpuMs = (await serverCpu()) - cpu;
      process.stdout.write(`${label.padEnd(18)} ${search[0]}: ${took.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms server CPU (${body.total} documents, camps from ${body.camp_source?.from ?? '?'})\n`);
    }
    // one at a time first: requests autocannon leaves in flight would still be running
    await sequential(url, 'search', search, rounds);
    await sequential(url, 'finding search', findings, rounds);
    await measure(url, 'document view', ids.map((id) => `/api/v1/documents/${id}`), seconds, connections, timeout);
    await measure(url, 'search', search, seconds, connections, timeout);
    process.stdout.write(`load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min)\n`);
  } finally {
    child.kill('SIGTERM');
  }
}

await main();
