import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { haveSeeds, SEEDS, SHARED } from '../helpers/seeds.js';
import { runCli, tempDir } from '../support/cli.js';

interface JsonFinding { kind: string; label: string; quote: string; start: number; end: number; data?: Record<string, unknown> }
interface JsonDoc {
  id: string;
  text: string;
  source: { path: string | null; author: string | null };
  sections: Array<{ kind: string; start: number; end: number; author?: string | null; parent?: number | null }>;
  findings: JsonFinding[];
}

let seedReport: { documents: JsonDoc[] } & Record<string, unknown>;
let seedRun: { code: number | null; stderr: string };

before(async () => {
  if (!haveSeeds) return;
  const db = join(tempDir(), 'seeds.db');
  const result = await runCli(['analyze', SEEDS, '--db', db, '--format', 'json']);
  seedRun = result;
  seedReport = JSON.parse(result.stdout);
});

const bySeed = (prefix: string): JsonDoc => {
  const doc = seedReport.documents.find((d) => d.source.path?.includes(`/${prefix}`));
  assert.ok(doc, `seed ${prefix} in the report`);
  return doc;
};

test('analyze on the seeds: exit 0 and JSON valid against the shared contract', { skip: !haveSeeds }, () => {
  assert.equal(seedRun.code, 0, seedRun.stderr);
  const schema = JSON.parse(readFileSync(join(SHARED, 'contract', 'report.schema.json'), 'utf8'));
  const validate = new Ajv2020({ strict: false }).compile(schema);
  assert.ok(validate(seedReport), JSON.stringify(validate.errors?.slice(0, 3)));
  assert.equal(seedReport.documents.length, 5);
  for (const doc of seedReport.documents) {
    for (const f of doc.findings) assert.equal(doc.text.slice(f.start, f.end), f.quote);
  }
});

test('seed 001: nine comments, two replies linked to their parents, none in the body', { skip: !haveSeeds }, () => {
  const doc = bySeed('001_');
  const comments = doc.sections.filter((s) => s.kind === 'comment');
  assert.equal(comments.length, 9);
  const replies = comments.filter((c) => typeof c.parent === 'number');
  assert.equal(replies.length, 2);
  for (const r of replies) assert.equal(doc.sections[r.parent as number].kind, 'comment');
  const bodyEnd = Math.max(...doc.sections.filter((s) => s.kind === 'body').map((s) => s.end));
  assert.ok(comments.every((c) => c.start > bodyEnd));
});

test('seed 004: author; seed 003: repetition', { skip: !haveSeeds }, () => {
  assert.equal(bySeed('004_').source.author, 'Ahmad Safi');
  const repetitions = bySeed('003_').findings.filter((f) => f.kind === 'repetition');
  assert.equal(repetitions.length, 1);
});

test('aliases resolve across the seeds: ISKP/ISIS-K, ISI, TTP spellings', { skip: !haveSeeds }, () => {
  const entities = seedReport.documents.flatMap((d) => d.findings.filter((f) => f.kind === 'entity'));
  const labelOf = (surface: string) => new Set(entities.filter((f) => f.quote === surface).map((f) => f.label));
  const iskp = labelOf('ISKP');
  assert.equal(iskp.size, 1);
  assert.deepEqual(labelOf('ISIS-K'), iskp);
  assert.deepEqual(labelOf('Islamic State-Khorasan Province'), iskp);
  const ttp = labelOf('TTP');
  assert.equal(ttp.size, 1);
  for (const spelling of ['Tehreek-i-Taliban Pakistan', 'Tehrik-e-Taliban Pakistan', 'Tehrik-i-Taliban Pakistan']) assert.deepEqual(labelOf(spelling), ttp, spelling);
  assert.deepEqual(labelOf('Inter-Services Intelligence'), labelOf('ISI'));
});

test('the bundled examples: every part of the report, in all three formats', async () => {
  const dir = tempDir();
  for (const format of ['html', 'md', 'json']) {
    const out = join(dir, `report.${format}`);
    const result = await runCli(['analyze', 'examples', '--db', join(dir, 'ex.db'), '--out', out]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /Report written to/);
    const text = readFileSync(out, 'utf8');
    assert.ok(text.length > 1000, `${format} report has content`);
  }
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { documents: JsonDoc[] };
  assert.equal(report.documents.length, 4);
  const kinds = new Set(report.documents.flatMap((d) => d.sections.map((s) => s.kind)));
  for (const kind of ['title', 'byline', 'heading', 'body', 'comment', 'boilerplate']) assert.ok(kinds.has(kind), `examples show ${kind}`);
  const findingKinds = new Set(report.documents.flatMap((d) => d.findings.map((f) => f.kind)));
  for (const kind of ['entity', 'repetition']) assert.ok(findingKinds.has(kind), `examples show ${kind}`);
});

test('standard input is read with "-"', async () => {
  const result = await runCli(['analyze', '-', '--db', join(tempDir(), 's.db'), '--format', 'json'], { stdin: 'Title Line\n\nThe Northern Water Authority (NWA) said the NWA would act.' });
  assert.equal(result.code, 0, result.stderr);
  const [doc] = (JSON.parse(result.stdout) as { documents: JsonDoc[] }).documents;
  assert.equal(doc.source.path, '-');
  assert.ok(doc.findings.some((f) => f.kind === 'entity' && f.quote === 'NWA' && f.label === 'Northern Water Authority'));
});

test('--help teaches, --version answers, a wrong option is a usage error (exit 2)', async () => {
  const help = await runCli(['analyze', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Examples:/);
  assert.match(help.stdout, /Exit codes:/);
  const version = await runCli(['--version']);
  assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+$/);
  const wrong = await runCli(['analyze', 'examples', '--no-such-option']);
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /unknown option/);
  const badFormat = await runCli(['analyze', 'examples', '--format', 'pdf']);
  assert.equal(badFormat.code, 2);
});

test('--gazetteer adds actors from a YAML file; a broken gazetteer is a clear error', async () => {
  const dir = tempDir();
  const gazetteer = join(dir, 'actors.yaml');
  writeFileSync(gazetteer, '- name: Serin River Basin Commission\n  type: organisation\n  aliases: [SRBC]\n');
  const input = join(dir, 'a.txt');
  writeFileSync(input, 'Basin Report\n\nThe SRBC published its March figures on Monday.\n');
  const result = await runCli(['analyze', input, '--db', join(dir, 'g.db'), '--gazetteer', gazetteer, '--format', 'json']);
  assert.equal(result.code, 0, result.stderr);
  const [doc] = (JSON.parse(result.stdout) as { documents: JsonDoc[] }).documents;
  assert.ok(doc.findings.some((f) => f.kind === 'entity' && f.quote === 'SRBC' && f.label === 'Serin River Basin Commission'));

  writeFileSync(gazetteer, '- name: Nameless\n  type: planet\n');
  const broken = await runCli(['analyze', input, '--db', join(dir, 'g.db'), '--gazetteer', gazetteer]);
  assert.equal(broken.code, 3);
  assert.match(broken.stderr, /actors\.yaml entry 1: "type" must be one of/);
});

test('--min-score: a bad value is a usage error; 0 reports every stored finding, the default hides weak technique spans', { skip: !haveSeeds }, async () => {
  const bad = await runCli(['analyze', SEEDS, '--db', join(tempDir(), 'bad.db'), '--min-score', '1.5']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--min-score needs a score from 0 to 1, not "1\.5"/);
  const db = join(tempDir(), 'all.db');
  const all = JSON.parse((await runCli(['analyze', SEEDS, '--db', db, '--format', 'json', '--min-score', '0'])).stdout) as typeof seedReport;
  assert.equal((all.thresholds as { minScore: number }).minScore, 0);
  const techniques = (r: typeof seedReport): JsonFinding[] => r.documents.flatMap((d) => d.findings.filter((f) => f.kind === 'technique'));
  const shown = techniques(seedReport);
  assert.ok(techniques(all).length > shown.length, 'the default threshold hides some weak spans');
  assert.ok(shown.every((f) => (f as unknown as { score: number }).score >= 0.2));
  const report = await runCli(['report', '--db', db, '--format', 'md', '--min-score', '0.9']);
  assert.equal(report.code, 0, report.stderr);
  assert.match(report.stdout, /findings scored 0\.9 or more/);
});
