/**
 * `npm run soak`: the long versions of the reliability suite, with figures.
 *   - kill -9 of `discern ingest` at spread-out random points, each followed by a rerun
 *     (DISCERN_SOAK_KILLS trials over DISCERN_SOAK_KILL_DOCS documents; default 25 × 30);
 *   - the fuzz corpus (DISCERN_SOAK_FUZZ cases, default 3000, seed 20261201);
 *   - two concurrent `discern ingest` on one database (DISCERN_SOAK_WRITER_DOCS each, default 100);
 *   - one-line texts of 1, 2 and 4 MB through every document analyser (stays linear);
 *   - read latency while the server analyses a 1 MB text (scripts/reliability-reads.ts).
 * Each part asserts what the test suite asserts; a failure stops the soak with its reason.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../src/core/paths.js';
import { runCli, tempDir } from '../test/support/cli.js';
import { toDocument } from '../src/document/document.js';
import { extractPlainText } from '../src/ingest/plain-text/index.js';
import { loadResources } from '../src/nlp/resources.js';
import { analyzeDocument } from '../src/pipeline/analyze.js';
import { articleText, dbProblems, dbState, writeArticles } from '../test/reliability/support.js';
import { killTrials, runFuzz } from '../test/reliability/trials.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await run();
  console.log(`${label} — ${seconds(Date.now() - started)}`);
  return result;
}

const kills = env('DISCERN_SOAK_KILLS', 25);
const killDocs = env('DISCERN_SOAK_KILL_DOCS', 30);
const kill = await timed(`kill -9: ${kills} trials over ${killDocs} documents`, () => killTrials(kills, killDocs));
console.log(`  clean run ${seconds(kill.cleanMs)}; killed after ${kill.killedAtMs.join(', ')} ms; ${kill.interrupted} runs marked interrupted; every rerun identical to the clean run, all checks clean`);

const fuzzCases = env('DISCERN_SOAK_FUZZ', 3000);
const fuzz = await timed(`fuzz: ${fuzzCases} cases (seed 20261201)`, () => runFuzz(fuzzCases, 20261201));
console.log(`  articles stored ${fuzz.stored}, refused ${JSON.stringify(fuzz.refused)}; posts files read ${fuzz.postsRead}, refused ${JSON.stringify(fuzz.postsRefused)}`);

const perWriter = env('DISCERN_SOAK_WRITER_DOCS', 100);
await timed(`two concurrent discern ingest, ${perWriter} documents each`, async () => {
  const dir = tempDir('discern-soak-writers-');
  const db = join(dir, 'shared.db');
  writeArticles(join(dir, 'a'), perWriter, 0);
  writeArticles(join(dir, 'b'), perWriter, 100_000);
  const [a, b] = await Promise.all([runCli(['ingest', join(dir, 'a'), '--db', db]), runCli(['ingest', join(dir, 'b'), '--db', db])]);
  if (a.code !== 0 || b.code !== 0) throw new Error(`exit ${a.code} / ${b.code}: ${a.stderr}${b.stderr}`);
  const stored = dbState(db).documents;
  const problems = dbProblems(db);
  if (stored !== 2 * perWriter || problems.length > 0) throw new Error(`${stored} of ${2 * perWriter} stored; ${problems.join('; ')}`);
  console.log(`  both exited 0; ${stored} of ${2 * perWriter} documents stored; checks clean`);
});

// one line of text (no line breaks), doubling: each stage should roughly double, not quadruple
await timed('one-line texts of 1, 2 and 4 MB through every document analyser', async () => {
  const resources = await loadResources();
  const line = Array.from({ length: 2000 }, (_, i) => articleText(i).replace(/\n+/g, ' ')).join(' ');
  for (const mb of [1, 2, 4]) {
    let text = '';
    while (text.length < mb * 1_000_000) text += line;
    const doc = toDocument(extractPlainText(text.slice(0, mb * 1_000_000)), { path: `one-line-${mb}mb.txt` });
    const started = Date.now();
    const analysis = analyzeDocument(doc, resources);
    const slowest = Object.entries(analysis.timings).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, ms]) => `${k.split('@')[0]} ${seconds(ms)}`);
    console.log(`  ${mb} MB: ${seconds(Date.now() - started)} (${slowest.join(', ')}), ${analysis.findings.length} findings, ${analysis.failures.length} analyser failures`);
  }
});

await timed('reads while a 1 MB text is ingested', async () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(packageRoot(), 'scripts/reliability-reads.ts')], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`reliability-reads exited ${result.status}`);
});
