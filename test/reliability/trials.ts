import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ERROR_CODES, isDiscernError } from '../../src/core/errors.js';
import { seededRandom } from '../../src/core/random.js';
import { loadInputs } from '../../src/ingest/inputs.js';
import { readPosts } from '../../src/ingest/posts.js';
import { runCli, startCli, tempDir } from '../support/cli.js';
import { fuzzCorpus } from './fuzz.js';
import { dbProblems, dbState, runStatuses, writeArticles } from './support.js';

/**
 * The long-running reliability procedures, shared by the test suite (small counts) and
 * `npm run soak` (large counts): kill -9 trials and the fuzz corpus. Each asserts as it goes.
 */

export async function killTrials(trials: number, docs: number, seed = 12): Promise<{ killedAtMs: number[]; interrupted: number; cleanMs: number }> {
  const dir = tempDir('discern-kill-');
  writeArticles(join(dir, 'in'), docs);
  const cleanDb = join(dir, 'clean.db');
  const started = Date.now();
  const clean = await runCli(['ingest', join(dir, 'in'), '--db', cleanDb]);
  const cleanMs = Date.now() - started;
  assert.equal(clean.code, 0, clean.stderr);
  const expected = dbState(cleanDb);
  assert.equal(expected.documents, docs);
  const random = seededRandom(seed);
  const killedAtMs: number[] = [];
  let interrupted = 0;
  for (let trial = 0; trial < trials; trial++) {
    const db = join(dir, `trial-${trial}.db`);
    // kill points spread over the whole run, startup included; the last trial waits until
    // the run has stored a document, so that one kill lands mid-run however loaded the machine
    const delay = Math.round(cleanMs * (trial + random()) / trials);
    const child = startCli(['ingest', join(dir, 'in'), '--db', db]);
    let running = true;
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => { running = false; resolve(code); }));
    if (trial === trials - 1 && trials > 1) {
      while (running && !storedSome(db)) await new Promise((resolve) => setTimeout(resolve, 20));
    } else {
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    child.kill('SIGKILL');
    await exited;
    killedAtMs.push(delay);
    const rerun = await runCli(['ingest', join(dir, 'in'), '--db', db]);
    assert.equal(rerun.code, 0, `trial ${trial} (killed after ${delay} ms): rerun failed: ${rerun.stderr}`);
    assert.deepEqual(dbProblems(db), [], `trial ${trial} (killed after ${delay} ms)`);
    const state = dbState(db);
    assert.equal(state.documents, expected.documents, `trial ${trial}: documents`);
    assert.equal(state.findings, expected.findings, `trial ${trial}: findings`);
    assert.deepEqual(state.byDocument, expected.byDocument, `trial ${trial}: the same findings on every document as a clean run`);
    assert.equal(state.failedResults, 0);
    const statuses = runStatuses(db);
    assert.equal(statuses.running ?? 0, 0, `trial ${trial}: no run left running (${JSON.stringify(statuses)})`);
    interrupted += statuses.interrupted ?? 0;
  }
  return { killedAtMs, interrupted, cleanMs };
}

/** The run's database exists and holds at least one document (read-only, never blocks the writer). */
function storedSome(path: string): boolean {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n > 0;
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

/** messages that are a JavaScript failure, not a reason a person can act on */
const RAW_EXCEPTION = /Cannot read propert|is not a function|is not defined|Maximum call stack|undefined|Invalid array length|Invalid string length|out of memory/i;

export interface FuzzOutcome {
  cases: number;
  stored: number;
  refused: Record<string, number>;
  postsRead: number;
  postsRefused: Record<string, number>;
}

export async function runFuzz(count: number, seed: number): Promise<FuzzOutcome> {
  const dir = tempDir('discern-fuzz-');
  const articles = join(dir, 'articles');
  mkdirSync(articles);
  const cases = fuzzCorpus(count, seed);
  const outcome: FuzzOutcome = { cases: cases.length, stored: 0, refused: {}, postsRead: 0, postsRefused: {} };
  const files = new Set<string>();
  for (const c of cases) {
    const path = join(c.kind === 'article' ? articles : dir, c.name);
    writeFileSync(path, c.bytes);
    if (c.kind === 'article') files.add(path);
  }

  // 1. reading: stored or refused with a named, documented error
  for await (const loaded of loadInputs([articles])) {
    if (loaded.ok) continue;
    const { error } = loaded;
    assert.ok(isDiscernError(error) && error.code in ERROR_CODES, `${loaded.input}: undocumented error ${String(error)}`);
    assert.ok(files.has(error.input ?? ''), `${loaded.input}: the error names its input (${error.input})`);
    assert.doesNotMatch(error.message, RAW_EXCEPTION, `${loaded.input}: a reason, not an exception`);
    const cause = (error as { cause?: unknown }).cause;
    assert.ok(!(cause instanceof TypeError || cause instanceof RangeError), `${loaded.input}: ${String(cause)}`);
  }

  // 2. the CLI: a documented exit code, each failure named, a sound database, no analyser failures
  const db = join(dir, 'fuzz.db');
  const result = await runCli(['ingest', articles, '--db', db, '--json']);
  assert.ok(result.code === 0 || result.code === 1, `exit ${result.code}: ${result.stderr.slice(0, 2000)}`);
  const summary = JSON.parse(result.stdout) as { errors: Array<{ input: string; code: string; message: string }> };
  for (const e of summary.errors) {
    assert.ok(e.code in ERROR_CODES, `${e.input}: code ${e.code}`);
    assert.ok(files.has(e.input), `error names a fuzz file: ${e.input}`);
    outcome.refused[e.code] = (outcome.refused[e.code] ?? 0) + 1;
  }
  assert.deepEqual(dbProblems(db), []);
  const state = dbState(db);
  assert.equal(state.failedResults, 0, 'no analyser failed on any stored fuzz document');
  const raw = new Database(db, { readonly: true });
  const origins = new Set((raw.prepare('SELECT origin FROM document_origins').all() as Array<{ origin: string }>).map((r) => r.origin));
  raw.close();
  outcome.stored = origins.size;
  for (const file of files) assert.ok(origins.has(file) || summary.errors.some((e) => e.input === file), `${file} is stored or reported`);

  // 3. posts files
  for (const c of cases.filter((k) => k.kind === 'posts')) {
    const path = join(dir, c.name);
    try {
      await readPosts(path);
      outcome.postsRead++;
    } catch (error) {
      assert.ok(isDiscernError(error) && error.code in ERROR_CODES, `${c.name}: undocumented error ${String(error)}`);
      assert.equal(error.input, path, `${c.name}: the error names the file`);
      assert.doesNotMatch(error.message, RAW_EXCEPTION, `${c.name}: ${error.message}`);
      outcome.postsRefused[error.code] = (outcome.postsRefused[error.code] ?? 0) + 1;
    }
  }
  return outcome;
}

