/**
 * npm run bench:stages — documents through every stage, CPU time and live heap per stage, so
 * that growth per stage can be fitted across sizes (docs/reliability.md, "One-line texts") and
 * the per-document cost of each stage read off a corpus (docs/performance.md).
 *
 *   npx tsx scripts/bench-stages.ts --mb 1 [--mb 2 ...]   one-line texts of that size (the text
 *                                                           of scripts/make-one-line-text.ts)
 *   npx tsx scripts/bench-stages.ts --file F              one file
 *   npx tsx scripts/bench-stages.ts --dir D               every .txt under D, summed per stage
 *   [--no-store]                                          without the SQLite write
 *
 * Each input runs in its own child process so heap figures are its own. CPU is
 * process.cpuUsage around each stage (user + system), so figures hold on a busy machine where
 * wall time does not. For one text the heap is heapUsed after a forced collection at the end
 * of each stage (live memory); the shared layers (sentences, tokens, entities) are timed apart
 * first, so no analyser is billed for them, then the pipeline's own run (a fresh context, with
 * the corpus extracts) gives the total.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { corpusAnalyzers, documentAnalyzers } from '../src/analysers/index.js';
import { toDocument } from '../src/document/document.js';
import { decodeText } from '../src/ingest/decode.js';
import { extractPlainText } from '../src/ingest/plain-text/index.js';
import { loadResources } from '../src/nlp/resources.js';
import { analyzeDocument, producerOf, withUses } from '../src/pipeline/analyze.js';
import { createContext } from '../src/pipeline/context.js';
import { stampFindings } from '../src/pipeline/stamp.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { oneLineText } from './lib/one-line-text.js';

const args = process.argv.slice(2);
const values = (name: string): string[] => args.flatMap((a, i) => (a === name && args[i + 1] ? [args[i + 1]] : []));
const child = args.includes('--child');

if (!child) {
  const sizes = values('--mb');
  const files = values('--file');
  const dirs = values('--dir');
  const runs = [...sizes.map((mb) => ['--mb', mb]), ...files.map((f) => ['--file', f]), ...dirs.map((d) => ['--dir', d])];
  if (runs.length === 0) throw new Error('usage: bench-long-text.ts --mb N [--mb M ...] [--file F] [--no-store]');
  for (const run of runs) {
    execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=16384', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', ...run, ...(args.includes('--no-store') ? ['--no-store'] : [])], { stdio: 'inherit' });
  }
  process.exit(0);
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
/** per stage: CPU seconds summed over the documents, live heap after its last run */
const totals = new Map<string, { cpu: number; heap: number; peak: number }>();
const collect = !args.includes('--dir');
function record(name: string, used: NodeJS.CpuUsage): void {
  // a forced collection per stage is affordable for one long text, not for hundreds of documents
  if (collect) gc();
  const row = totals.get(name) ?? { cpu: 0, heap: 0, peak: 0 };
  row.cpu += (used.user + used.system) / 1e6;
  row.heap = process.memoryUsage().heapUsed / 1e6;
  row.peak = process.resourceUsage().maxRSS / 1024;
  totals.set(name, row);
}
function stage<T>(name: string, run: () => T): T {
  const before = process.cpuUsage();
  const result = run();
  record(name, process.cpuUsage(before));
  return result;
}

const dirArg = values('--dir')[0];
const inputs: Array<{ label: string; bytes: Uint8Array }> = dirArg
  ? listTexts(dirArg).map((f) => ({ label: f, bytes: readFileSync(f) }))
  : [{ label: values('--file')[0] ?? `${values('--mb')[0]} MB one-line text`, bytes: values('--file')[0] ? readFileSync(values('--file')[0]) : new TextEncoder().encode(oneLineText(Number(values('--mb')[0]))) }];
const label = dirArg ? `${inputs.length} documents of ${dirArg}` : inputs[0].label;
const resources = await loadResources();
gc();
const baseHeap = process.memoryUsage().heapUsed / 1e6;
const storeDir = mkdtempSync(join(tmpdir(), 'discern-stages-'));
const store = args.includes('--no-store') ? null : openSqliteStore(join(storeDir, 'stages.db'));
let findings = 0;
let characters = 0;
const failures = new Map<string, string>();
try {
  for (const input of inputs) {
    const decoded = stage('decode', () => decodeText(input.bytes, input.label));
    const doc = stage('sectioning (plain text)', () => toDocument(extractPlainText(decoded.text), { path: input.label }));
    characters += doc.text.length;
    // the shared layers, timed apart so no analyser is billed for them
    const ctx = createContext(doc, resources);
    stage('sentence splitting', () => ctx.sentences().length);
    stage('tokenising (sentences)', () => ctx.sentences().reduce((n, s) => n + ctx.tokens(s.start, s.end).length, 0));
    stage('entity recognition', () => ctx.entities().length);
    const drafts = documentAnalyzers.map((analyzer) => ({ analyzer, drafts: stage(analyzer.name, () => analyzer.analyze(ctx)) }));
    const stamped = stage('stamping findings (ids, quotes)', () => drafts.flatMap(({ analyzer, drafts: d }) => stampFindings(doc, producerOf(analyzer), d)));
    // each corpus analyser's per-document state, from the findings just made (as the pipeline does)
    const analysed = { doc: { ...doc, lang: ctx.language().code }, findings: stamped };
    for (const analyzer of withUses(corpusAnalyzers)) stage(`corpus extract: ${analyzer.name}`, () => analyzer.extract(analysed, resources));
    // the pipeline's own run (fresh context) gives what the store and corpus extracts see
    const analysis = stage('all document analysers + corpus extracts (pipeline)', () => analyzeDocument(doc, resources, documentAnalyzers, { corpus: corpusAnalyzers }));
    findings += analysis.findings.length;
    // what --jobs N costs on top: the analysis crosses from a worker thread to the writer (structured clone)
    const cloned = stage('structured clone of the analysis (worker → writer)', () => deserialize(serialize(analysis)) as typeof analysis);
    void cloned;
    for (const f of analysis.failures) failures.set(f.analyzer, f.message);
    if (store) {
      const before = process.cpuUsage();
      await store.saveAnalysis({ doc: analysis.doc, origin: input.label, produced: analysis.produced, failures: analysis.failures, runId: null, states: analysis.states });
      record('store write (SQLite)', process.cpuUsage(before));
    }
  }
} finally {
  await store?.close();
  rmSync(storeDir, { recursive: true, force: true });
}
console.log(`\n${label}: ${characters.toLocaleString('en')} characters, ${findings.toLocaleString('en')} findings, failures: ${[...failures.keys()].join(', ') || 'none'}`);
console.log(`heap before the text: ${baseHeap.toFixed(0)} MB; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);
// peak RSS is the process's high-water mark so far: a stage that raises it is where memory peaks
console.log(`| stage | CPU s${dirArg ? ' | CPU ms per document' : ''} | live heap after (MB) | peak RSS after (MB) |\n|---|---:|${dirArg ? '---:|' : ''}---:|---:|`);
for (const [name, r] of totals) console.log(`| ${name} | ${r.cpu.toFixed(2)}${dirArg ? ` | ${((r.cpu * 1000) / inputs.length).toFixed(2)}` : ''} | ${r.heap.toFixed(0)} | ${r.peak.toFixed(0)} |`);
for (const [name, message] of failures) console.log(`failure: ${name}: ${message}`);

function listTexts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.txt'))
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .sort();
}
