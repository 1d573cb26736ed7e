/**
 * npm run bench:write — the SQLite write alone: CPU per document of `saveAnalysis` (document,
 * sections, finding sets, labels, keys, analyser results, corpus states, the documents
 * full-text index), on the synthetic corpus of scripts/synthetic-corpus.ts (seed 42).
 *
 *   npx tsx scripts/bench-write.ts [--docs 200] [--words 800] [--repeat 3]
 *
 * Every document is analysed first (all document analysers and the corpus extracts, as
 * `discern ingest` does), then the analyses are written into a fresh database `--repeat` times
 * (each time a new file); the figure is process.cpuUsage (user + system) around the writes
 * divided by the documents, so it holds on a busy machine where wall time does not. The best of
 * the repeats is reported beside the median.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusAnalyzers, documentAnalyzers } from '../src/analysers/index.js';
import { toDocument } from '../src/document/document.js';
import { decodeText } from '../src/ingest/decode.js';
import { extractPlainText } from '../src/ingest/plain-text/index.js';
import { loadResources } from '../src/nlp/resources.js';
import { analyzeDocument } from '../src/pipeline/analyze.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { generate } from './synthetic-corpus.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const docs = option('--docs', 200);
const words = option('--words', 800);
const repeat = option('--repeat', 3);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.txt') ? [join(dir, e.name)] : [])).sort();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'discern-bench-write-'));
  try {
    generate(join(dir, 'corpus'), docs, words);
    const resources = await loadResources();
    const analyses = files(join(dir, 'corpus')).map((path) => {
      const extracted = extractPlainText(decodeText(readFileSync(path), path).text);
      const doc = toDocument({ ...extracted, source: { ...extracted.source, path } }, {});
      return { path, analysis: analyzeDocument(doc, resources, documentAnalyzers, { corpus: corpusAnalyzers }) };
    });
    const findings = analyses.reduce((n, a) => n + a.analysis.findings.length, 0);
    const perDoc: number[] = [];
    for (let r = 0; r < repeat; r++) {
      const store = openSqliteStore(join(dir, `write-${r}.db`));
      const before = process.cpuUsage();
      for (const { path, analysis } of analyses) {
        await store.saveAnalysis({ doc: analysis.doc, origin: path, produced: analysis.produced, failures: analysis.failures, runId: null, states: analysis.states });
      }
      const used = process.cpuUsage(before);
      await store.close();
      perDoc.push((used.user + used.system) / 1000 / analyses.length);
    }
    perDoc.sort((a, b) => a - b);
    console.log(`${analyses.length} documents, ${(findings / analyses.length).toFixed(0)} findings each; SQLite write CPU per document: best ${perDoc[0].toFixed(2)} ms, median ${perDoc[Math.floor(perDoc.length / 2)].toFixed(2)} ms (${repeat} runs)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
