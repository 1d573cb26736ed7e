import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { corpusAnalyzers, documentAnalyzers } from '../../src/analysers/index.js';
import { packageRoot } from '../../src/core/paths.js';
import { loadResources } from '../../src/nlp/resources.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { loadExportReport } from '../../src/export/load.js';
import { listReviewEntries, type ReviewEntry } from '../../src/review/listing.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { runCli, tempDir } from '../support/cli.js';

/**
 * Reviews through the CLI, surviving `--force` re-analysis and an analyser version bump;
 * a review whose finding disappears is listed as orphaned.
 */

/** our own articles: the bundled examples and a short one with an accusation */
const INPUTS = [join(packageRoot(), 'examples'), join(packageRoot(), 'test', 'fixtures', 'review')];

interface JsonFinding { id: string; kind: string; label: string; quote: string; start: number; data?: Record<string, unknown>; review?: { status: string; verdict: string | null; original?: unknown } }
interface JsonReport { documents: Array<{ id: string; findings: JsonFinding[] }>; reviews?: { hiddenRejected: number; orphaned: unknown[] } }

async function report(db: string, ...extra: string[]): Promise<JsonReport> {
  const out = await runCli(['report', '--db', db, '--format', 'json', ...extra]);
  assert.equal(out.code, 0, out.stderr);
  return JSON.parse(out.stdout) as JsonReport;
}

/** What `discern reviews --json` lists (in-process: the CLI itself is run once below). */
async function reviews(db: string): Promise<ReviewEntry[]> {
  const store = openSqliteStore(db);
  try {
    return await listReviewEntries(store);
  } finally {
    await store.close();
  }
}

/** The report model with reviews honoured, as `discern report` builds it (in-process). */
async function reviewedReport(db: string, includeRejected = false): Promise<JsonReport> {
  const store = openSqliteStore(db);
  try {
    return JSON.parse(JSON.stringify(await loadExportReport(store, { includeRejected }))) as JsonReport;
  } finally {
    await store.close();
  }
}

test('review CLI: confirm, reject, correct and verdict survive --force and an analyser version bump', { timeout: 300_000 }, async () => {
  const db = join(tempDir(), 'r.db');
  assert.equal((await runCli(['analyze', ...INPUTS, '--db', db, '--format', 'json'])).code, 0);
  const first = await report(db);
  const all = first.documents.flatMap((d) => d.findings);
  const claim = all.find((f) => f.kind === 'claim');
  const technique = all.find((f) => f.kind === 'technique');
  const accusation = all.find((f) => f.kind === 'accusation');
  assert.ok(claim && technique && accusation, 'the examples have claims, techniques and accusations');

  const ok = async (args: string[]) => {
    const out = await runCli(['review', ...args, '--db', db, '--by', 'ana']);
    assert.equal(out.code, 0, out.stderr);
    return out;
  };
  await ok([claim.id, '--confirm']);
  await ok([claim.id, '--verdict', 'misleading', '--note', 'the figure is from another year']);
  await ok([technique.id, '--reject']);
  await ok([accusation.id, '--accused', 'Somebody Else']);

  // refusals name the input and change nothing
  const bad = await runCli(['review', technique.id, '--verdict', 'false', '--db', db]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /verdict: only claims take a verdict/);
  const missing = await runCli(['review', 'no-such-finding', '--confirm', '--db', db]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no-such-finding: no finding with this id/);
  assert.equal((await reviews(db)).length, 3);

  const honoured = async (label: string) => {
    const r = await reviewedReport(db);
    const findings = r.documents.flatMap((d) => d.findings);
    assert.equal(findings.some((f) => f.kind === 'technique' && f.start === technique.start && f.label === technique.label), false, `${label}: rejected technique hidden`);
    const c = findings.find((f) => f.kind === 'claim' && f.start === claim.start && f.quote === claim.quote);
    assert.equal(c?.review?.status, 'confirmed', label);
    assert.equal(c?.review?.verdict, 'misleading', label);
    const a = findings.find((f) => f.kind === 'accusation' && f.start === accusation.start && f.quote === accusation.quote);
    assert.equal(a?.data?.accused, 'Somebody Else', `${label}: corrected accused`);
    assert.equal(r.reviews?.hiddenRejected, 1, label);
    const withRejected = await reviewedReport(db, true);
    assert.ok(withRejected.documents.flatMap((d) => d.findings).some((f) => f.kind === 'technique' && f.start === technique.start && f.review?.status === 'rejected'));
    return c;
  };
  await honoured('before');
  const cliJson = await report(db);
  assert.equal(cliJson.documents.flatMap((d) => d.findings).some((f) => f.kind === 'technique' && f.start === technique.start && f.label === technique.label), false, 'discern report hides it too');
  const cliShown = await report(db, '--show-rejected');
  assert.ok(cliShown.documents.flatMap((d) => d.findings).some((f) => f.review?.status === 'rejected'));
  const listedJson = await runCli(['reviews', '--db', db, '--json']);
  assert.equal((JSON.parse(listedJson.stdout) as { reviewed: number }).reviewed, 3);
  const md = await runCli(['report', '--db', db, '--format', 'md']);
  assert.match(md.stdout, /_\[analyst: confirmed, verdict misleading, note: the figure is from another year \(ana\)\]_/);
  assert.match(md.stdout, /> Analyst reviews: 1 finding rejected by analysts left out/);
  const html = await runCli(['report', '--db', db, '--format', 'html']);
  assert.match(html.stdout, /<em>analyst: corrected, corrected to accused Somebody Else \(ana\)<\/em>/);

  assert.equal((await runCli(['analyze', ...INPUTS, '--db', db, '--force'])).code, 0);
  await honoured('after --force');
  for (const e of await reviews(db)) assert.equal(e.attachment, 'exact');

  // an analyser version bump: every claim id changes, the reviews follow the span
  const store = openSqliteStore(db);
  const bump = (name: string, version: string, keep = (_f: { start: number; kind: string }) => true) =>
    documentAnalyzers.map((a) => (a.name === name ? { ...a, version, analyze: (ctx: Parameters<typeof a.analyze>[0]) => a.analyze(ctx).filter(keep) } : a));
  try {
    await runPipeline({ command: 'analyze', inputs: INPUTS, store, resources: await loadResources(), analyzers: { document: bump('claims', '99.0.0'), corpus: corpusAnalyzers } });
  } finally {
    await store.close();
  }
  const bumped = await honoured('after a version bump');
  assert.notEqual(bumped?.id, claim.id, 'a new version gives new finding ids');
  const entries = await reviews(db);
  const claimEntry = entries.find((e) => e.target.kind === 'claim');
  assert.equal(claimEntry?.findingId, bumped?.id);
  assert.equal(claimEntry?.history[0].findingId, claim.id);

  // a version that no longer finds the reviewed technique: the review is orphaned, not lost
  const again = openSqliteStore(db);
  try {
    await runPipeline({
      command: 'analyze', inputs: INPUTS, store: again, resources: await loadResources(),
      analyzers: { document: bump('techniques', '99.0.0', (f) => !(f.kind === 'technique' && f.start === technique.start)), corpus: corpusAnalyzers },
    });
  } finally {
    await again.close();
  }
  const orphaned = (await reviews(db)).filter((e) => e.attachment === 'orphaned');
  assert.deepEqual(orphaned.map((e) => [e.target.kind, e.target.quote, e.status]), [['technique', technique.quote, 'rejected']]);
  const listing = await runCli(['reviews', '--db', db]);
  assert.match(listing.stdout, /ORPHANED/);
  assert.equal((await reviewedReport(db)).reviews?.orphaned.length, 1);
});
