/**
 * npm run bench:scale — the whole pipeline as users run it (`discern ingest`, then
 * `discern report` in JSON and HTML) on synthetic corpora that double in size, with
 * `--jobs 1` and `--jobs 2`: documents per second, peak RSS of each command, database bytes
 * per document, time per doubling; then the corpus stage after 250 new documents arrive
 * (stored states) against a full recompute (every state re-extracted from the documents).
 * Usage: npx tsx scripts/bench-scale.ts [--sizes 1000,2000,4000] [--words 800]
 *        npx tsx scripts/bench-scale.ts --cumulative 1000,2000,5000,10000 [--jobs 2] [--html]
 *             [--report-sizes 1000,10000] [--dir D]
 *   (one database that grows: each step ingests the next documents, then reports on all of them
 *   — or only at --report-sizes; --dir keeps the corpus and database in D for later runs)
 * Each command runs in a fresh child process, so its peak RSS is its own; times are wall, with
 * the command's CPU (user + system) beside them, which holds when the machine is shared.
 * `--help` prints the options.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { generate } from './synthetic-corpus.js';
import { maxOf } from '../src/core/arrays.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};

interface Measured {
  ms: number;
  /** user + system CPU of the command: what holds when the machine is shared */
  cpuMs: number;
  peakRssMb: number;
}

/** Child: runs the discern CLI in this process and reports its time and peak RSS on stderr's last line. */
async function runCli(cliArgs: string[]): Promise<void> {
  const started = performance.now();
  process.on('exit', (code) => {
    const cpu = process.cpuUsage();
    process.stderr.write(`\n${JSON.stringify({ ms: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024, code })}\n`);
  });
  // main.ts runs itself only as the entry point: call it
  const { main } = await import('../src/cli/main.js');
  process.exitCode = await main([process.argv[0], 'discern', ...cliArgs]);
}

/** Child: the corpus stage on stored states, then after a version bump of every corpus analyser (a full re-extraction). */
async function corpusStage(db: string): Promise<void> {
  const { loadResources } = await import('../src/nlp/resources.js');
  const { openStore } = await import('../src/store/open.js');
  const { analyzeStoredCorpus } = await import('../src/pipeline/corpus-stage.js');
  const { corpusAnalyzers } = await import('../src/analysers/index.js');
  const resources = await loadResources();
  const store = await openStore(db);
  let t = performance.now();
  const discard = { sink: () => undefined };
  const incremental = await analyzeStoredCorpus(store, resources, {}, undefined, discard);
  const incrementalMs = performance.now() - t;
  const rss1 = process.resourceUsage().maxRSS / 1024;
  const bumped = corpusAnalyzers.map((a) => ({ ...a, version: `${a.version}-recompute` }));
  t = performance.now();
  const full = await analyzeStoredCorpus(store, resources, {}, bumped, discard);
  const fullMs = performance.now() - t;
  await store.close();
  process.stdout.write(`${JSON.stringify({ incrementalMs, fullMs, findings: incremental.count, same: full.count === incremental.count, peakRssMb: rss1 })}\n`);
}

/**
 * Child (`--heap DB [--format json|html]`, run with --expose-gc): `discern report` as the CLI
 * runs it (corpus stage into a spool, then the report streamed to a discarding sink), with the
 * live heap and array buffers (after a forced collection, at most every `--every` ms, at store reads) sampled and
 * attributed to what was being read: each corpus analyser's states, then the documents. Prints
 * one JSON line: peak live heap per phase and overall, peak RSS.
 */
async function heapChild(db: string, format: string, everyMs: number): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('--heap needs node --expose-gc');
  const { loadResources } = await import('../src/nlp/resources.js');
  const { openStore } = await import('../src/store/open.js');
  const { analyzeStoredCorpus } = await import('../src/pipeline/corpus-stage.js');
  const { CorpusSpool } = await import('../src/pipeline/corpus-spool.js');
  const { writeJson } = await import('../src/report/json.js');
  const { collectReport } = await import('../src/report/model.js');
  const { render, storeSource, PAGE_DOCUMENTS } = await import('../src/cli/shared.js');
  const resources = await loadResources();
  const store = await openStore(db);
  const peaks: Record<string, number> = {};
  let phase = 'start';
  let last = 0;
  const sample = (force = false): void => {
    const now = performance.now();
    if (!force && now - last < everyMs) return;
    gc();
    last = performance.now();
    // typed arrays (reuse's columns, the pre-count buckets) live outside the V8 heap: counted too
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    const used = heapUsed + arrayBuffers;
    if (used > (peaks[phase] ?? 0)) peaks[phase] = used;
  };
  sample(true);
  const base = peaks.start;
  const sampled = new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (key === 'iterateCorpusStates') {
        return async function* (producer: string, scope: object) {
          phase = producer.split('@')[0];
          for await (const entry of target.iterateCorpusStates(producer, scope)) {
            sample();
            yield entry;
          }
        };
      }
      if (key === 'corpusState' || key === 'getFindings') {
        return async (...a: [string, string]) => {
          sample();
          return (value as (...x: unknown[]) => Promise<unknown>).apply(target, a);
        };
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  const spool = new CorpusSpool();
  const started = performance.now();
  await analyzeStoredCorpus(sampled, resources, {}, undefined, { sink: (found) => { sample(); spool.append(found); } });
  const corpusMs = performance.now() - started;
  phase = 'report';
  const source = { ...storeSource(sampled, {}, { corpusFindings: [], header: { run: null, errors: [], warnings: [], analyzerFailures: [] } }), corpusStream: () => spool.findings() };
  let bytes = 0;
  if (format === 'json') await writeJson(source, (chunk) => { bytes += chunk.length; });
  else bytes = render(await collectReport(source, { maxDocuments: PAGE_DOCUMENTS }), 'html').length;
  sample(true);
  spool.close();
  await store.close();
  const peak = maxOf(Object.values(peaks));
  process.stdout.write(`${JSON.stringify({ base, peak, peaks, corpusMs, reportMs: performance.now() - started - corpusMs, bytes, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

function childJson(childArgs: string[], fromStderr: boolean): Record<string, number> {
  const result = execFileSync(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', fileURLToPath(import.meta.url), ...childArgs], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    stdio: ['ignore', 'pipe', fromStderr ? 'pipe' : 'inherit'],
  });
  return JSON.parse(result.trim().split('\n').pop() ?? '{}') as Record<string, number>;
}

/** Runs `discern …` in a child and returns its time and peak RSS. */
function cli(cliArgs: string[]): Measured {
  const run = spawnSync(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', fileURLToPath(import.meta.url), '--cli', ...cliArgs], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const last = run.stderr.trim().split('\n').pop() ?? '{}';
  const parsed = JSON.parse(last) as Measured & { code: number };
  if (parsed.code !== 0 && parsed.code !== 1) throw new Error(`discern ${cliArgs.join(' ')} exited with ${parsed.code}`);
  return parsed;
}

function dbBytes(db: string): number {
  return ['', '-wal'].reduce((n, suffix) => n + (existsSync(db + suffix) ? statSync(db + suffix).size : 0), 0);
}

const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');

/**
 * One database grown step by step (the synthetic corpus's 1,000-document folders ingested in
 * turn): ingest speed of each step, peak RSS of `report --format json` (and HTML) over the
 * whole database at each size, database bytes per document; then the corpus stage from the
 * stored states against a full recompute on the largest.
 */
async function cumulative(sizes: number[], words: number, jobs: number, html: boolean, reportSizes: Set<number>, keepDir?: string): Promise<void> {
  const dir = keepDir ?? mkdtempSync(join(tmpdir(), 'discern-scale-'));
  mkdirSync(dir, { recursive: true });
  try {
    const corpus = join(dir, 'corpus');
    generate(corpus, sizes[sizes.length - 1], words);
    const db = join(dir, 'scale.db');
    console.log(`Synthetic articles of ~${words} words with comment sections (seed 42); node ${process.version}, ${cpus().length} cores; one SQLite database grown step by step, \`--jobs ${jobs}\`.\n`);
    console.log(`| documents | ingested in this step | ingest | documents/s | ingest peak RSS | report JSON | report JSON peak RSS |${html ? ' report HTML | report HTML peak RSS |' : ''} database per document | load average (1/5/15 min) |`);
    console.log(`|---:|---:|---:|---:|---:|---:|---:|${html ? '---:|---:|' : ''}---:|---|`);
    let from = 0;
    for (const size of sizes) {
      const folders = [];
      for (let f = Math.floor(from / 1000); f < Math.ceil(size / 1000); f++) folders.push(join(corpus, String(f)));
      const ingest = cli(['ingest', ...folders, '--db', db, '--jobs', String(jobs)]);
      const reported = reportSizes.size === 0 || reportSizes.has(size);
      const json = reported ? cli(['report', '--db', db, '--format', 'json', '--out', join(dir, 'report.json')]) : null;
      const page = html && reported ? cli(['report', '--db', db, '--out', join(dir, 'report.html')]) : null;
      const s = (m: Measured) => `${(m.ms / 1000).toFixed(1)} s (CPU ${(m.cpuMs / 1000).toFixed(1)} s)`;
      const r = (m: Measured) => `${m.peakRssMb.toFixed(0)} MB`;
      console.log(`| ${size} | ${size - from} | ${s(ingest)} | ${(((size - from) / ingest.ms) * 1000).toFixed(1)} | ${r(ingest)} | ${json ? s(json) : '—'} | ${json ? r(json) : '—'} |${html ? ` ${page ? s(page) : '—'} | ${page ? r(page) : '—'} |` : ''} ${(dbBytes(db) / size / 1024).toFixed(1)} KB | ${load()} |`);
      from = size;
    }
    const stage = childJson(['--corpus-stage', db], false);
    console.log(`\nCorpus stage on all ${from} documents: ${(stage.incrementalMs / 1000).toFixed(1)} s from the stored states (peak RSS ${stage.peakRssMb.toFixed(0)} MB) vs ${(stage.fullMs / 1000).toFixed(1)} s for a full recompute (every state re-extracted); ${stage.findings} corpus findings${stage.same ? ', the same number both ways' : ' — THE COUNTS DIFFER'}. Load average ${load()}.`);
  } finally {
    if (!keepDir) rmSync(dir, { recursive: true, force: true });
  }
}

const HELP = `npm run bench:scale -- [options]   (or: npx tsx scripts/bench-scale.ts [options])

The whole pipeline as users run it, on synthetic articles (scripts/synthetic-corpus.ts, seed 42):
\`discern ingest\` then \`discern report\` (JSON and HTML), each command in its own child process, with
wall time, CPU (user + system) and peak RSS of each, and database bytes per document.

Doubling corpora (default), each ingested with --jobs 1 and --jobs 2 into fresh SQLite databases:
  --sizes 1000,2000,4000     corpus sizes (documents); then the time per doubling, and the corpus
                             stage after 250 new documents arrive (stored states vs a full recompute)
  --words 800                words per article

One database grown step by step (the synthetic corpus's 1,000-document folders ingested in turn):
  --cumulative 1000,2000,5000,10000   sizes after each step
  --jobs 2                   --jobs of each ingest step
  --html                     also the HTML report at each step
  --report-sizes 10000,...   report only at these sizes (default: every step)
  --dir D                    keep the corpus and database in D (otherwise a temporary folder, removed)

Internal (the children it starts): --cli ARGS..., --corpus-stage DB, --heap DB [--format json] [--every MS]
  (--heap: node --expose-gc --import tsx scripts/bench-scale.ts --heap DB: live heap per corpus phase)

PostgreSQL with 1, 2 and 4 workers is measured by \`npm run bench:queue\` (scripts/bench-queue.ts), not here.
Figures and commands: docs/performance.md ("Scale: the whole pipeline as users run it").
`;

async function main(): Promise<void> {
  if (args[0] !== '--cli' && (args.includes('--help') || args.includes('-h'))) {
    process.stdout.write(HELP);
    return;
  }
  if (args[0] === '--cli') return runCli(args.slice(1));
  if (args[0] === '--corpus-stage') return corpusStage(args[1]);
  if (args[0] === '--heap') return heapChild(args[1], option('--format', 'json'), Number(option('--every', '1000')));
  if (args.includes('--cumulative')) {
    const sizesOf = (list: string) => list.split(',').filter(Boolean).map(Number);
    const keepDir = args.includes('--dir') ? option('--dir', '') : undefined;
    return cumulative(sizesOf(option('--cumulative', '1000,2000,5000,10000')), Number(option('--words', '800')), Number(option('--jobs', '2')), args.includes('--html'), new Set(sizesOf(option('--report-sizes', ''))), keepDir);
  }
  const sizes = option('--sizes', '1000,2000,4000').split(',').map(Number);
  const words = Number(option('--words', '800'));
  const dir = mkdtempSync(join(tmpdir(), 'discern-scale-'));
  try {
    console.log(`Synthetic articles of ~${words} words with comment sections (seed 42); node ${process.version}, ${cpus().length} cores.\n`);
    console.log('| documents | --jobs | ingest | documents/s | ingest peak RSS | report JSON | report JSON peak RSS | report HTML | report HTML peak RSS | database per document |');
    console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    const ingestTimes = new Map<string, number>();
    for (const size of sizes) {
      const corpus = join(dir, `corpus-${size}`);
      generate(corpus, size, words);
      for (const jobs of [1, 2]) {
        const db = join(dir, `scale-${size}-${jobs}.db`);
        const ingest = cli(['ingest', corpus, '--db', db, '--jobs', String(jobs)]);
        ingestTimes.set(`${size}:${jobs}`, ingest.ms);
        const json = cli(['report', '--db', db, '--format', 'json', '--out', join(dir, 'report.json')]);
        const html = cli(['report', '--db', db, '--out', join(dir, 'report.html')]);
        const s = (m: Measured) => `${(m.ms / 1000).toFixed(1)} s (CPU ${(m.cpuMs / 1000).toFixed(1)} s)`;
        const r = (m: Measured) => `${m.peakRssMb.toFixed(0)} MB`;
        console.log(`| ${size} | ${jobs} | ${s(ingest)} | ${((size / ingest.ms) * 1000).toFixed(1)} | ${r(ingest)} | ${s(json)} | ${r(json)} | ${s(html)} | ${r(html)} | ${(dbBytes(db) / size / 1024).toFixed(1)} KB |`);
        if (jobs === 2) rmSync(db, { force: true });
      }
    }
    console.log('\nTime per doubling of the corpus (ingest):');
    for (const jobs of [1, 2]) {
      const ratios = sizes.slice(1).map((size, i) => ((ingestTimes.get(`${size}:${jobs}`) ?? 0) / (ingestTimes.get(`${sizes[i]}:${jobs}`) ?? 1)).toFixed(2));
      console.log(`- --jobs ${jobs}: ${ratios.join(', ')}×`);
    }
    const largest = sizes[sizes.length - 1];
    const db = join(dir, `scale-${largest}-1.db`);
    const extra = join(dir, 'arriving');
    generate(extra, 250, words);
    cli(['ingest', extra, '--db', db, '--jobs', '1']);
    const stage = childJson(['--corpus-stage', db], false);
    console.log(`\nCorpus stage after 250 new documents arrive in a ${largest}-document corpus: ${(stage.incrementalMs / 1000).toFixed(1)} s from the stored states (peak RSS ${stage.peakRssMb.toFixed(0)} MB) vs ${(stage.fullMs / 1000).toFixed(1)} s for a full recompute (every state re-extracted from the documents); ${stage.findings} corpus findings${stage.same ? ', the same number both ways' : ' — THE COUNTS DIFFER'}.`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
