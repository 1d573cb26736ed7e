/**
 * npm run bench:models — CPU time per document of the model-backed analysers (techniques,
 * claims, entities) on the bench corpus (scripts/bench.ts --generate-only), measured with
 * process.cpuUsage around each call, so the figure holds on a busy shared machine where wall
 * time does not. Usage: npx tsx scripts/bench-models.ts [--docs 150] [--rounds 2]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { toDocument } from '../src/document/document.js';
import { extractPlainText } from '../src/ingest/plain-text/index.js';
import { loadResources } from '../src/nlp/resources.js';
import { createContext } from '../src/pipeline/context.js';
import { claimsAnalyzer } from '../src/analysers/claims.js';
import { entitiesAnalyzer } from '../src/analysers/entities.js';
import { techniquesAnalyzer } from '../src/analysers/techniques.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const docsWanted = option('--docs', 150);
const rounds = option('--rounds', 2);

const dir = mkdtempSync(join(tmpdir(), 'discern-bench-models-'));
try {
  execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./bench.ts', import.meta.url)), '--docs', String(docsWanted), '--generate-only', dir]);
  const files = readdirSync(dir).flatMap((sub) => readdirSync(join(dir, sub)).map((f) => join(dir, sub, f))).sort();
  const docs = files.map((f) => toDocument(extractPlainText(readFileSync(f, 'utf8')), { path: f }));
  const resources = await loadResources();
  console.log(`${docs.length} bench articles (~800 words, comment sections), ${rounds} rounds; CPU time per document:\n`);
  console.log('| analyser | CPU ms per document |\n|---|---:|');
  for (const analyzer of [techniquesAnalyzer, claimsAnalyzer, entitiesAnalyzer]) {
    analyzer.analyze(createContext(docs[0], resources)); // loads the model
    let micros = 0;
    for (let r = 0; r < rounds; r++) {
      for (const doc of docs) {
        const ctx = createContext(doc, resources);
        if (analyzer !== entitiesAnalyzer) ctx.entities(); // shared by the pipeline: not this analyser's cost
        const before = process.cpuUsage();
        analyzer.analyze(ctx);
        const used = process.cpuUsage(before);
        micros += used.user + used.system;
      }
    }
    console.log(`| ${analyzer.name}@${analyzer.version} | ${(micros / 1000 / (rounds * docs.length)).toFixed(2)} |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
