import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, tempDir } from '../support/cli.js';

/**
 * The CLI traps of issue 15: a typo in --db never creates an empty database for a command that
 * only reads, an --out that cannot be written fails before the analysis, and quantities carry
 * their units. Each case is a real CLI run.
 */

const ARTICLE = 'Basin Report\n\nThe Serin River Basin Commission published its March figures on Monday, officials said.\n';

const READ_ONLY: Array<[string, string[]]> = [
  ['report', ['report']],
  ['export', ['export', '--format', 'csv']],
  ['reviews', ['reviews']],
  ['review', ['review', '0123456789abcdef', '--confirm']],
  ['jobs', ['jobs']],
  ['evidence list', ['evidence', 'list']],
  ['evidence remove', ['evidence', 'remove', 'abcdef0123']],
  ['verify', ['verify', '-']],
  ['factchecks match', ['factchecks', 'match', '-']],
];

for (const [name, args] of READ_ONLY) {
  test(`${name}: a --db file that does not exist is refused, named, and not created (exit 2)`, async () => {
    const dir = tempDir();
    const db = join(dir, 'typo.db');
    const result = await runCli([...args, '--db', db], { stdin: '{"claim":"x","text":"y"}\n' });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, new RegExp(`there is no database at ${db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    assert.deepEqual(readdirSync(dir), [], 'nothing was created');
  });
}

test('serve: a missing --db is refused before anything listens; DISCERN_DB is named as the source', async () => {
  const dir = tempDir();
  const db = join(dir, 'nope.db');
  const result = await runCli(['serve', '--port', '0'], { env: { DISCERN_DB: db } });
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /there is no database at .*nope\.db \(from DISCERN_DB\)/);
  assert.equal(existsSync(db), false);
});

test('a folder given as --db is refused', async () => {
  const result = await runCli(['report', '--db', tempDir()]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /is a folder, not a database file/);
});

test('analyze, ingest and evidence add may create the database', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'a.txt'), ARTICLE);
  for (const [args, db] of [
    [['ingest', join(dir, 'a.txt')], 'i.db'],
    [['evidence', 'add', join(dir, 'a.txt')], 'e.db'],
  ] as const) {
    const result = await runCli([...args, '--db', join(dir, db)]);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(existsSync(join(dir, db)), `${args[0]} created ${db}`);
  }
  const report = await runCli(['report', '--db', join(dir, 'i.db'), '--format', 'json']);
  assert.equal(report.code, 0, report.stderr);
  assert.equal(JSON.parse(report.stdout).documents.length, 1);
});

test('--out into a missing folder, onto a folder, or under a file fails before any analysis (exit 2), for every command with --out', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'a.txt'), ARTICLE);
  const db = join(dir, 'd.db');
  assert.equal((await runCli(['ingest', join(dir, 'a.txt'), '--db', db])).code, 0);
  const bad: Array<[string, RegExp]> = [
    [join(dir, 'missing', 'report.html'), /the folder .*missing does not exist \(create it first\)/],
    [join(dir, 'a.txt', 'report.html'), /a\.txt is not a folder/],
    [dir, /is a folder: give a file name/],
    ['/proc/discern-report.html', /cannot write in the folder \/proc/],
  ];
  const commands: Array<[string, string[]]> = [
    ['analyze', ['analyze', join(dir, 'a.txt'), '--db', join(dir, 'fresh.db')]],
    ['report', ['report', '--db', db]],
    ['export', ['export', '--format', 'csv', '--db', db]],
  ];
  for (const [name, args] of commands) {
    for (const [out, reason] of bad) {
      const result = await runCli([...args, '--out', out]);
      assert.equal(result.code, 2, `${name} --out ${out}: ${result.stderr}`);
      assert.match(result.stderr, reason, `${name} --out ${out}`);
      assert.doesNotMatch(result.stderr, /Analysing|Report written/);
    }
  }
  assert.equal(existsSync(join(dir, 'fresh.db')), false, 'analyze stopped before opening (and creating) its database');
  const posts = join(dir, 'p.csv');
  writeFileSync(posts, 'id,author,text\n1,a,hello there\n');
  for (const option of ['--graphml', '--csv']) {
    const result = await runCli(['posts', posts, option, join(dir, 'missing', 'net.out')]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, new RegExp(`${option}: cannot write .*the folder .*missing does not exist`));
  }
});

test('quantities need their unit: bare numbers and garbage are usage errors that say what to write', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'a.txt'), ARTICLE);
  const db = join(dir, 'u.db');
  const cases: Array<[string[], RegExp]> = [
    [['analyze', join(dir, 'a.txt'), '--db', db, '--timeout', '15000'], /--timeout needs a duration with its unit: 500ms, 15s, 5m, 2h, 1d — "15000" has no unit \(write 15000s or 15000ms\)/],
    [['analyze', join(dir, 'a.txt'), '--db', db, '--max-bytes', '1048576'], /--max-bytes needs a size with its unit: .* "1048576" has no unit \(write 1048576B for bytes/],
    [['ingest', join(dir, 'a.txt'), '--db', db, '--max-bytes', 'lots'], /--max-bytes needs a size with its unit: .*, not "lots"/],
    [['ingest', join(dir, 'a.txt'), '--db', db, '--timeout', '5x'], /--timeout: unknown unit "x" in "5x"/],
    [['posts', join(dir, 'a.txt'), '--window', '90'], /--window needs a duration with its unit.*"90" has no unit/],
    [['serve', '--db', db, '--rate-limit', '20'], /--rate-limit needs a rate with its unit: 20\/s, 600\/min, or 0 for no limit, not "20"/],
    [['worker', '--db', 'postgres://127.0.0.1:1/x', '--poll', '100ms'], /--poll must be at least 500ms, not "100ms"/],
  ];
  for (const [args, message] of cases) {
    const result = await runCli(args, { stdin: '{"claim":"x"}\n' });
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message, args.join(' '));
  }
  // with units it works, and the unit-less defaults are gone from --help
  const ok = await runCli(['analyze', join(dir, 'a.txt'), '--db', db, '--timeout', '2s', '--max-bytes', '1MB', '--format', 'json']);
  assert.equal(ok.code, 0, ok.stderr);
  const llm = await runCli(['verify', '-', '--db', db, '--llm-url', 'http://127.0.0.1:1/v1', '--llm-model', 'm', '--llm-timeout', '30000'], { stdin: '{"claim":"x"}\n' });
  assert.equal(llm.code, 2, llm.stderr);
  assert.match(llm.stderr, /--llm-timeout needs a duration with its unit/);
  for (const command of ['analyze', 'ingest', 'serve', 'worker', 'posts', 'verify', 'evidence add']) {
    const help = (await runCli([...command.split(' '), '--help'])).stdout;
    for (const [, option, value] of help.matchAll(/(--(?:timeout|max-bytes|window|lease|retry-delay|poll|check-leases|shutdown-timeout|llm-timeout|rate-limit)) <\w+>(?:(?!\n {2}-)[^])*?\(default:\s+"?([^")]*)"?\)/g)) {
      assert.match(value, /^\d+(\.\d+)?(ms|s|m|h|d|B|KB|MB|GB|\/s)$/, `${command} ${option} default "${value}" shows its unit`);
    }
    if (/--timeout|--window|--poll|--llm-timeout/.test(help)) assert.match(help.replace(/\s+/g, ' '), /500ms, 15s, 5m, 2h, 1d/, `${command} --help shows the duration units`);
  }
});
