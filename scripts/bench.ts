/**
 * npm run bench — throughput and peak memory of ingest + analyse + store on a synthetic
 * corpus of articles with comment sections, beside the floor: plain tokenisation of the
 * same text. Usage: npx tsx scripts/bench.ts [--docs 10000] [--words 800] [--generate-only DIR]
 * Each measurement runs in a fresh child process so peak RSS is its own.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../src/core/random.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};


const FUNCTION_WORDS = 'the of and to in a is that for on was with as by at from said would could has been were their its which after'.split(' ');
/** A Zipf-distributed vocabulary of pseudo-words, so that word n-grams repeat about as rarely as in real text. */
function vocabulary(rand: () => number, size: number): string[] {
  const syllables = 'ka ri to men sa lo vi de ra un ter po li an es mo ba ne ti sol'.split(' ');
  return Array.from({ length: size }, () => Array.from({ length: 2 + Math.floor(rand() * 2) }, () => syllables[Math.floor(rand() * syllables.length)]).join(''));
}
function zipfPick(rand: () => number, words: string[]): string {
  return words[Math.min(words.length - 1, Math.floor(words.length ** rand()) - 1)];
}
const NAMES = ['Northern Water Authority', 'Serin River Basin Commission', 'United Nations', 'World Bank', 'Karstan Herald', 'Tomas Halloran', 'Leyla Demir', 'Ostrava', 'Geneva', 'European Union'];
const COMMENTS = ['This article raises important questions about the evidence.', 'I disagree, the numbers from the gauge were 12% lower last week.', 'Absolutely. A balanced approach is essential.', 'Where is the source for the 40 percent figure?'];

function article(rand: () => number, words: number, index: number, vocab: string[]): string {
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
  const paragraphs: string[] = [`Report ${index}: ${pick(NAMES)} and the ${pick(NAMES)}`, `By Writer ${index % 97}`];
  let count = 0;
  while (count < words) {
    const sentences: string[] = [];
    for (let s = 0; s < 5; s++) {
      const n = 12 + Math.floor(rand() * 14);
      const body = Array.from({ length: n }, () => (rand() < 0.06 ? pick(NAMES) : rand() < 0.45 ? pick(FUNCTION_WORDS) : zipfPick(rand, vocab)));
      body.splice(3, 0, String(Math.floor(rand() * 2000)));
      sentences.push(`${body.join(' ')}.`.replace(/^./, (c) => c.toUpperCase()));
      count += n + 1;
    }
    paragraphs.push(sentences.join(' '));
  }
  const comments = Array.from({ length: 3 + Math.floor(rand() * 6) }, (_, i) => `  ${i + 1}. ${pick(COMMENTS)}`);
  return `${paragraphs.join('\n\n')}\n\n${comments.length} Comments\n\n${comments.join('\n\n')}\n\nLeave a Reply\n`;
}

/** Writes the synthetic corpus (1,000 files per folder); returns its size in bytes. Reused by bench-queue.ts and bench-store.ts. */
export function generate(dir: string, docs: number, words: number): number {
  const rand = seededRandom(42);
  const vocab = vocabulary(rand, 20_000);
  let bytes = 0;
  for (let i = 0; i < docs; i++) {
    const sub = join(dir, String(Math.floor(i / 1000)));
    if (i % 1000 === 0) mkdirSync(sub, { recursive: true });
    const text = article(rand, words, i, vocab);
    bytes += Buffer.byteLength(text);
    writeFileSync(join(sub, `article-${i}.txt`), text);
  }
  return bytes;
}

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
  const row = reader.prepare("SELECT COUNT(*) AS n FROM findings WHERE kind = 'sentence' AND label = 'body'").get() as { n: number };
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

// run only when started as a script, not when another bench imports the generator
if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
