import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, tempDir } from '../support/cli.js';

/**
 * --outlet, --date and --manifest on analyze and ingest: documents named by title, outlet and
 * date in the report (key findings included), a manifest that fills what stored documents
 * lack, and hostile manifests refused before anything is stored. Our own invented articles.
 */

const ARTICLE_A = `Minister says factory poisoned the lake

Environment Minister Ilse Varga said on Tuesday that the Daskor Federation had dumped industrial waste into Lake Temmer, killing thousands of fish. "This is a deliberate attack," Varga said.
`;
const ARTICLE_B = `Federation rejects pollution claims

The Daskor Federation on Wednesday rejected claims that its factories polluted Lake Temmer, calling them a fabricated smear. Foreign Minister Arno Pell said Norvale had refused to share its water samples.
`;
const ARTICLE_C = `Inspectors to test the lake

An independent laboratory will test water samples from Lake Temmer next month, officials said on Thursday.
`;

function folder(): string {
  const dir = tempDir('discern-manifest-cli-');
  mkdirSync(join(dir, 'in'));
  writeFileSync(join(dir, 'in', 'a.txt'), ARTICLE_A);
  writeFileSync(join(dir, 'in', 'b.txt'), ARTICLE_B);
  writeFileSync(join(dir, 'in', 'c.txt'), ARTICLE_C);
  return dir;
}

type Json = Record<string, unknown> & { documents: Array<{ id: string; source: Record<string, string | null> }>; corpus: { keyFindings?: { items: Array<{ text: string }> } } };

test('--manifest names each listed file, --outlet and --date the rest; the report names documents, never by hash', async () => {
  const dir = folder();
  writeFileSync(join(dir, 'in', 'sources.csv'), 'path,title,outlet,date\na.txt,Lake poisoned says minister,Lakeside Courier,2025-06-03\nb.txt,,Daskor Daily,2025-06-04\nmissing.txt,Ghost,Nowhere,2025-01-01\n');
  const db = join(dir, 'x.db');
  const run = await runCli(['analyze', join(dir, 'in'), '--manifest', join(dir, 'in', 'sources.csv'), '--outlet', 'Wire Service', '--date', '2025-06-05', '--db', db, '--format', 'json']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /sources\.csv lists .*missing\.txt, which is not among the inputs read/);
  const report = JSON.parse(run.stdout) as Json;
  const bySource = Object.fromEntries(report.documents.map((d) => [String(d.source.path).split('/').pop(), d.source]));
  assert.deepEqual([bySource['a.txt'].title, bySource['a.txt'].outlet, bySource['a.txt'].publishedAt], ['Lake poisoned says minister', 'Lakeside Courier', '2025-06-03']);
  assert.deepEqual([bySource['b.txt'].outlet, bySource['b.txt'].publishedAt], ['Daskor Daily', '2025-06-04'], 'the manifest wins over --outlet/--date');
  assert.deepEqual([bySource['c.txt'].outlet, bySource['c.txt'].publishedAt], ['Wire Service', '2025-06-05']);
  const ids = report.documents.map((d) => d.id);
  const texts = JSON.stringify(report.corpus);
  for (const id of ids) assert.ok(!texts.includes(`in ${id}`) && !texts.includes(`(${id}`), `corpus explanations name ${id} by name`);

  // the Markdown report of the same database names them by title, outlet and date
  const md = await runCli(['report', '--db', db, '--format', 'md']);
  assert.equal(md.code, 0, md.stderr);
  assert.match(md.stdout, /## Lake poisoned says minister \(Lakeside Courier, 2025-06-03\)/);
  assert.match(md.stdout, /## Federation rejects pollution claims \(Daskor Daily, 2025-06-04\)/, "the title the page gives, with the outlet and date the manifest gives");
  assert.match(md.stdout, /## Key findings\n\n- \*\*/);
});

test('a manifest given later fills what stored documents lack; hostile manifests and bad --date are refused before anything is stored', async () => {
  const dir = folder();
  const db = join(dir, 'y.db');
  const first = await runCli(['ingest', join(dir, 'in'), '--db', db, '--json']);
  assert.equal(first.code, 0, first.stderr);
  writeFileSync(join(dir, 'later.json'), JSON.stringify([{ path: 'in/c.txt', title: 'Inspectors to test the lake', outlet: 'Harbour Post', date: '2025-06-06' }]));
  const second = await runCli(['ingest', join(dir, 'in'), '--db', db, '--manifest', join(dir, 'later.json'), '--json']);
  assert.equal(second.code, 0, second.stderr);
  assert.equal(JSON.parse(second.stdout).unchanged, 3, 'nothing re-analysed');
  const report = JSON.parse((await runCli(['report', '--db', db, '--format', 'json'])).stdout) as Json;
  const c = report.documents.find((d) => String(d.source.path).endsWith('c.txt'));
  assert.deepEqual([c?.source.outlet, c?.source.publishedAt], ['Harbour Post', '2025-06-06']);

  writeFileSync(join(dir, 'formula.csv'), 'path,outlet\nin/a.txt,=cmd|\' /C calc\'!A0\n');
  writeFileSync(join(dir, 'columns.csv'), 'file,outlet,stance\nin/a.txt,X,pro\n');
  const fresh = join(dir, 'never.db');
  for (const [args, message] of [
    [['--manifest', join(dir, 'formula.csv')], /formula\.csv, line 2: the outlet cell .*spreadsheet formula/],
    [['--manifest', join(dir, 'columns.csv')], /columns\.csv, line 1: unknown column "stance"/],
    [['--manifest', join(dir, 'absent.csv')], /absent\.csv does not exist/],
    [['--date', 'last Tuesday'], /--date needs a date/],
  ] as Array<[string[], RegExp]>) {
    const r = await runCli(['analyze', join(dir, 'in'), '--db', fresh, ...args]);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.ok(!existsSync(fresh), 'nothing stored, no database created');
  }
});
