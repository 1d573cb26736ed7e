/**
 * npm run bench — throughput and peak memory of ingest + analyse + store on a synthetic
 * corpus of articles with comment sections, beside the floor: plain tokenisation of the
 * same text. Usage: npx tsx scripts/bench.ts [--docs 10000] [--words 800] [--generate-only DIR]
 * Each measurement runs in a fresh child process so peak RSS is its own.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { generate } from './synthetic-corpus.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};


/** Child: the floor — read every file and tokenise it, nothing else. */
async function measureTokenise(dir: string): Promise<void> {
  const { tokenize } = await import('../src/nlp/tokens.js');
  const started = performance.now();
  let files = 0;
  let tokens = 0;
  for (const sub of readdirSync(dir)) {
    for (const file of readdirSync(join(dir, sub))) {
      tokens += tokenize(readFileSync(join(dir, sub, file), 'utf8')).length;
      files++;
    }
  }
  report({ files, tokens, ms: performance.now() - started });
}

/** Child: the real thing — the pipeline with every analyser, into a SQLite file. */
async function measurePipeline(dir: string, db: string): Promise<void> {
  const { loadResources } = await import('../src/nlp/resources.js');
  const { openStore } = await import('../src/store/open.js');
  const { runPipeline } = await import('../src/pipeline/run.js');
  const resources = await loadResources();
  const store = await openStore(db);
  const started = performance.now();
  const result = await runPipeline({ command: 'bench', inputs: [dir], store, resources });
  const ms = performance.now() - started;
  const sentences = await countBodySentences(db);
  await store.close();
  const timing = (name: string) => Object.entries(result.timings).find(([p]) => p.startsWith(`${name}@`))?.[1] ?? 0;
  report({
    files: result.documents.length,
    errors: result.errors.length,
    ms,
    corpusMs: Object.values(result.corpus.timings).reduce((a, b) => a + b, 0),
    claimsMs: timing('claims'),
    bodySentences: sentences,
    ...Object.fromEntries(Object.entries(result.timings).map(([p, t]) => [`t:${p}`, t])),
  });
}

/** Body sentences: what the claim analyser scores. */
async function countBodySentences(db: string): Promise<number> {
  const { default: Database } = await import('better-sqlite3');
  const reader = new Database(db, { readonly: true });
  const row = reader.prepare("SELECT COALESCE(SUM(n), 0) AS n FROM finding_labels WHERE kind = 'sentence' AND label = 'body'").get() as { n: number };
  reader.close();
  return row.n;
}

function report(values: Record<string, number>): void {
  process.stdout.write(`${JSON.stringify({ ...values, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

function child(mode: string, ...rest: string[]): Record<string, number> {
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', mode, ...rest], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, number>;
}

async function main(): Promise<void> {
  const childMode = args.indexOf('--child');
  if (childMode >= 0) {
    const [mode, dir, db] = args.slice(childMode + 1);
    if (mode === 'tokenise') await measureTokenise(dir);
    else await measurePipeline(dir, db);
    return;
  }
  const docs = option('--docs', 10_000);
  const words = option('--words', 800);
  const only = args.indexOf('--generate-only');
  if (only >= 0) {
    // For profiling: write the corpus to a folder and stop.
    generate(args[only + 1], docs, words);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'discern-bench-'));
  try {
    const bytes = generate(join(dir, 'corpus'), docs, words);
    console.log(`Corpus: ${docs} articles of ~${words} words with comment sections, ${(bytes / 1024 / 1024).toFixed(1)} MiB (deterministic, seed 42)`);
    const floor = child('tokenise', join(dir, 'corpus'));
    const pipeline = child('pipeline', join(dir, 'corpus'), join(dir, 'bench.db'));
    const row = (name: string, r: Record<string, number>) =>
      `| ${name} | ${r.files} | ${(r.ms / 1000).toFixed(2)} s | ${((r.files / r.ms) * 1000).toFixed(0)} docs/s | ${(bytes / 1024 / 1024 / (r.ms / 1000)).toFixed(2)} MiB/s | ${r.peakRssMb.toFixed(0)} MB |`;
    console.log('\n| stage | documents | time | documents/s | text/s | peak RSS |\n|---|---:|---:|---:|---:|---:|');
    console.log(row('read + tokenise (floor)', floor));
    console.log(row('ingest + analyse + store (SQLite)', pipeline));
    console.log(`\ncorpus analysers: ${(pipeline.corpusMs / 1000).toFixed(1)} s of the pipeline time; errors: ${pipeline.errors}`);
    console.log(`claim analyser: ${pipeline.bodySentences} body sentences in ${(pipeline.claimsMs / 1000).toFixed(1)} s = ${((pipeline.bodySentences / pipeline.claimsMs) * 1000).toFixed(0)} sentences/s`);
    console.log('\n| analyser | total time | per document |\n|---|---:|---:|');
    for (const [key, value] of Object.entries(pipeline).filter(([k]) => k.startsWith('t:')).sort((a, b) => b[1] - a[1])) {
      console.log(`| ${key.slice(2)} | ${(value / 1000).toFixed(1)} s | ${(value / pipeline.files).toFixed(2)} ms |`);
    }
    console.log(`node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
