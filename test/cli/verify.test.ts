import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { makePdf } from '../support/pdf.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { runCli, tempDir } from '../support/cli.js';
import { startFakeLlm } from '../support/fake-llm.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'reference');

test('evidence add (text, Markdown, PDF; a broken PDF named), list, verify, remove', async () => {
  const dir = tempDir();
  const db = join(dir, 'ref.db');
  const pdf = join(dir, 'court-record.pdf');
  writeFileSync(pdf, makePdf(['Court record of the Provincial Court, 2 February 2023.', 'The court found that Karim Nadir was detained on 14 January 2023 in Herat.']));
  const broken = join(dir, 'broken.pdf');
  writeFileSync(broken, '%PDF-1.4\nthis is not really a pdf\n');

  const add = await runCli(['evidence', 'add', FIXTURES, pdf, broken, join(dir, 'missing.txt'), '--db', db, '--issuer', 'Test issuers', '--json']);
  assert.equal(add.code, 1, add.stderr);
  assert.match(add.stderr, /broken\.pdf: not a readable PDF/);
  assert.match(add.stderr, /missing\.txt: no such file/);
  const added = add.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; format: string; passages: number; issuer: string });
  assert.deepEqual(added.map((a) => a.format).sort(), ['markdown', 'pdf', 'text']);
  assert.ok(added.every((a) => a.passages > 0 && a.issuer === 'Test issuers'));

  const again = await runCli(['evidence', 'add', pdf, '--db', db]);
  assert.equal(again.code, 0);
  assert.match(again.stdout, /already indexed/);

  const list = await runCli(['evidence', 'list', '--db', db, '--json']);
  assert.equal((JSON.parse(list.stdout) as unknown[]).length, 3);

  const claims = [
    JSON.stringify({ id: 'a', claim: 'Karim Nadir was detained in Herat on 14 January 2023.' }),
    JSON.stringify({ id: 'b', claim: 'The attack on the Kunar checkpoint on 3 May 2024 killed 40 police officers.' }),
    'The dam on the Helmand river burst in August 2023.',
  ].join('\n');
  const verify = await runCli(['verify', '--db', db, '--top', '2'], { stdin: claims });
  assert.equal(verify.code, 0, verify.stderr);
  const out = verify.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id?: string; verdict: string; evidence: Array<{ quote: string; start: number; end: number; title: string }> });
  assert.deepEqual(out.map((o) => o.verdict), ['supported', 'contradicted', 'not-enough-evidence']);
  assert.equal(out[0].id, 'a');
  assert.match(out[0].evidence[0].quote, /Karim Nadir was detained on 14 January 2023 in Herat/);
  assert.ok(out[1].evidence.length <= 2);

  const bad = await runCli(['verify', '--db', db], { stdin: '{"claim": 5}\n' });
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /line 1: a JSON line needs a non-empty string "claim" field/);

  const pdfId = added.find((a) => a.format === 'pdf')!.id;
  const remove = await runCli(['evidence', 'remove', pdfId.slice(0, 10), '--db', db]);
  assert.equal(remove.code, 0, remove.stderr);
  const after = await runCli(['verify', '--db', db], { stdin: 'Karim Nadir was detained in Herat on 14 January 2023.\n' });
  assert.equal((JSON.parse(after.stdout) as { verdict: string }).verdict, 'not-enough-evidence');
  const none = await runCli(['evidence', 'remove', 'ffffffffffff', '--db', db]);
  assert.equal(none.code, 2);
});

test('verify on an empty reference corpus says so and gives not-enough-evidence; a bad --date is a usage error', async () => {
  const dir = tempDir();
  await openSqliteStore(join(dir, 'empty.db')).close(); // verify reads an existing database
  const r = await runCli(['verify', '--db', join(dir, 'empty.db')], { stdin: '{"claim":"ISKP was founded in 2012."}\n' });
  assert.equal(r.code, 0);
  assert.match(r.stderr, /reference corpus is empty/);
  assert.equal((JSON.parse(r.stdout) as { verdict: string }).verdict, 'not-enough-evidence');
  const d = await runCli(['evidence', 'add', FIXTURES, '--db', join(dir, 'x.db'), '--date', 'last Tuesday']);
  assert.equal(d.code, 2);
  assert.match(d.stderr, /--date needs an ISO date/);
});

test('verify --llm-url: the proposal sits beside the explainable verdict and is audited; nothing calls out without it', async () => {
  const server = await startFakeLlm((body) =>
    body.messages[0].content.includes('Split') ? '{"subclaims":["ISKP was founded","in 2012"]}' : '{"verdict":"contradicted","explanation":"The report gives 2015.","quotes":["ISKP was founded in 2015"]}',
  );
  try {
    const db = join(tempDir(), 'ref.db');
    assert.equal((await runCli(['evidence', 'add', join(FIXTURES, 'monitoring-report-2024.txt'), '--db', db])).code, 0);
    const plain = await runCli(['verify', '--db', db], { stdin: 'ISKP was founded in 2012.\n' });
    assert.equal((JSON.parse(plain.stdout) as { llm?: unknown }).llm, undefined);
    assert.equal(server.calls(), 0, 'without --llm-url nothing calls out');
    const r = await runCli(['verify', '--db', db, '--llm-url', server.url, '--llm-model', 'test-model'], { stdin: 'ISKP was founded in 2012.\n' });
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { verdict: string; llm: { status: string; verdict: string; subclaims: string[]; quotes: Array<{ quote: string }> } };
    assert.equal(out.verdict, 'contradicted');
    assert.equal(out.llm.status, 'ok');
    assert.equal(out.llm.verdict, 'contradicted');
    assert.deepEqual(out.llm.subclaims, ['ISKP was founded', 'in 2012']);
    assert.equal(out.llm.quotes[0].quote, 'ISKP was founded in 2015');
    assert.equal(server.calls(), 2);
    const usage = await runCli(['verify', '--db', db, '--llm-url', server.url], { stdin: 'x\n' });
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--llm-url needs --llm-model/);
  } finally {
    await server.close();
  }
});
