import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/main.js';
import { commandPath } from '../../src/cli/help.js';
import { packageRoot } from '../../src/core/paths.js';
import { unpackFindings } from '../../src/store/finding-sets.js';
import { readLikeTheStore, unpackText } from '../../src/store/sqlite-text.js';
import { makePdf } from '../support/pdf.js';
import { MAIN, tempDir } from '../support/cli.js';
import { postgresForTests, postgresSkip } from '../support/postgres.js';
import { encodeSingleByte } from '../support/legacy-encodings.js';
import { articleHtml, rss, send, startFeedServer, type FeedServer } from '../support/watch-fixtures.js';
import { startFakeLlm, type FakeLlm } from '../support/fake-llm.js';

/**
 * Every example line of every `--help` — the main help and each command's — is run as shown,
 * through /bin/sh, in a folder holding the files the examples name (written here), with
 * `discern` on the PATH. Each must exit 0; where the help shows the output ("$ command"
 * followed by output lines) the output must be that (… matches anything, numbers within 0.1),
 * and a file an example writes (--out FILE, > FILE) must exist and not be empty.
 *
 * The only substitutions: finding ids (`<finding-id>`, `<claim-id>`, `<accusation-id>`, which
 * the help says to take from a report) are ids from the database the earlier examples filled,
 * `postgres://localhost/discern` is a throwaway cluster's database (that part runs only where
 * PostgreSQL is installed), the LLM endpoint of the verify example is a stand-in server, and
 * the watch examples poll a feed this test serves on loopback (so they get --allow-private, and
 * their webhook URL is this server's).
 * Long-running commands (`serve`, `watch` and `worker` without --once / --exit-when-idle) must print that they are
 * up, and then stop cleanly on SIGTERM with exit 0.
 */

interface Example {
  /** "analyze", "evidence add", "" for the main help */
  where: string;
  command: string;
  expected: string[];
}

function helpOf(command: Command): string {
  let text = '';
  command.configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) });
  command.outputHelp();
  return text;
}

function allCommands(program: Command): Command[] {
  const out: Command[] = [program];
  const visit = (c: Command) => {
    for (const sub of c.commands) {
      if (sub.name() === 'help') continue;
      out.push(sub);
      visit(sub);
    }
  };
  visit(program);
  return out;
}

const COMMAND_LINE = /^(?:[A-Z_]+=\S+\s+)*discern(?:\s|$)/;

export function extractExamples(help: string, where: string): Example[] {
  const examples: Example[] = [];
  const lines = help.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const trimmed = line.trim();
    if (!/^\s/.test(line)) continue; // "Usage: discern …" and prose start at column 0
    if (trimmed.startsWith('$ ')) {
      const expected: string[] = [];
      while (i + 1 < lines.length && lines[i + 1].trim() !== '' && !lines[i + 1].trim().startsWith('$ ') && !COMMAND_LINE.test(lines[i + 1].trim()) && /^\s/.test(lines[i + 1])) {
        expected.push(lines[++i].trim());
      }
      examples.push({ where, command: trimmed.slice(2), expected });
    } else if (COMMAND_LINE.test(trimmed)) {
      examples.push({ where, command: trimmed.split(/\s{2,}/)[0], expected: [] });
    }
  }
  return examples;
}

/** "…" matches anything; every number matches a number within 0.1 of it. */
export function outputMatches(expected: string, actual: string): boolean {
  const parts = expected.split(/(…|-?\d+(?:\.\d+)?)/);
  const numbers: number[] = [];
  let pattern = '^';
  for (const part of parts) {
    if (part === '…') pattern += '[\\s\\S]*?';
    else if (/^-?\d+(?:\.\d+)?$/.test(part)) {
      numbers.push(Number(part));
      pattern += '(-?\\d+(?:\\.\\d+)?(?:e-?\\d+)?)';
    } else pattern += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  const match = new RegExp(`${pattern}$`).exec(actual);
  if (!match) return false;
  return numbers.every((n, k) => Math.abs(Number(match[k + 1]) - n) <= 0.1 + 1e-9);
}

const program = buildProgram();
const examples = allCommands(program).flatMap((c) => extractExamples(helpOf(c), c === program ? '' : commandPath(c)));
const PG_URL = 'postgres://localhost/discern';
const LLM_URL = 'http://127.0.0.1:11434/v1';
const WEBHOOK_URL = 'https://hooks.example.org/discern';
let feeds: FeedServer;

let dir = '';
let bin = '';
let llm: FakeLlm;
let llmUrl = '';

function writeFixtures(root: string): void {
  cpSync(join(packageRoot(), 'examples'), join(root, 'examples'), { recursive: true });
  writeFileSync(
    join(root, 'article.txt'),
    'Ministry Accuses Rebels Over Dam Attack\n\nThe Veloria Interior Ministry accused the Northern Front of shelling the Serin dam on Monday, a spokesman said. ' +
      'The Northern Front denied the accusation and blamed government troops. According to the Serin River Basin Commission, water levels fell by 12 percent in March.\n',
  );
  writeFileSync(
    join(root, 'statement.txt'),
    encodeSingleByte('بيان وزارة الداخلية\n\nقال المتحدث باسم الوزارة إن الحكومة سترد على الاتهامات في مؤتمر صحفي يوم الاثنين.\n', 'windows-1256'),
  );
  writeFileSync(join(root, 'sentences.jsonl'), '{"text":"Unemployment rose 4 percent in 2023.","id":7}\n{"text":"Thank you all for coming.","id":8}\n');
  writeFileSync(join(root, 'pairs.jsonl'), '{"claim":"Mayor resigns","text":"The mayor resigned on Tuesday, his office confirmed."}\n');
  writeFileSync(join(root, 'claims.jsonl'), '{"claim":"The Serin River Basin Commission was founded in 2012."}\n{"claim":"Water levels fell by 12 percent in 2023."}\n');
  const csv = (rows: string[][]) => `${['id', 'author', 'text', 'url', 'posted_at'].join(',')}\n${rows.map((r) => r.join(',')).join('\n')}\n`;
  const rows: string[][] = [];
  for (let i = 0; i < 4; i++) {
    const t = `2024-03-0${i + 1}T10:00:`;
    rows.push([`${i}a`, 'acct_one', `Share this now ${i}`, `https://news.example/story-${i}`, `${t}00Z`]);
    rows.push([`${i}b`, 'acct_two', `Read this ${i}`, `https://news.example/story-${i}?utm_source=x`, `${t}40Z`]);
    rows.push([`${i}c`, 'acct_three', `Look ${i}`, `https://news.example/story-${i}`, `${t}50Z`]);
  }
  writeFileSync(join(root, 'tweets.csv'), csv(rows));
  writeFileSync(join(root, 'a.csv'), csv(rows.slice(0, 6)));
  writeFileSync(join(root, 'b.csv'), csv(rows.slice(6)));
  writeFileSync(
    join(root, 'export.jsonl'),
    rows.map(([id, author, text, url, at]) => JSON.stringify({ id, text, url, created_at: at, user: { screen_name: author, followers: 10 } })).join('\n') + '\n',
  );
  mkdirSync(join(root, 'reports'));
  writeFileSync(
    join(root, 'reports', 'commission-review.md'),
    '# Annual review of the Serin River Basin Commission\n\nThe Serin River Basin Commission was founded in 2015 by the three riparian states to share data on water levels.\n' +
      'Its secretariat is based in Karstan and publishes monthly readings from forty gauging stations.\n',
  );
  writeFileSync(join(root, 'statement.pdf'), makePdf(['Statement of the Ministry of the Interior', 'The ministry said the dam was inspected on 9 March 2024 and found intact.']));
  const review = (url: string, claim: string, rating: string) => ({
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url,
    claimReviewed: claim,
    reviewRating: { '@type': 'Rating', alternateName: rating },
    author: { '@type': 'Organization', name: 'Example Fact Check' },
    datePublished: '2021-05-04',
  });
  writeFileSync(join(root, 'claimreviews.jsonl'), `${JSON.stringify(review('https://factcheck.example.org/microchips', 'Vaccines contain microchips that track people', 'False'))}\n`);
  writeFileSync(join(root, 'page-jsonld.json'), JSON.stringify(review('https://factcheck.example.org/dam', 'The Serin dam collapsed in March', 'False')));
  writeFileSync(join(root, 'sources.yaml'), `sources:\n  - url: ${feeds.base}/rss.xml\n    name: Example News\n    side: north\nalerts:\n  watchlist: [Veloria Interior Ministry]\n`);
  writeFileSync(join(root, 'aggregator-dump.json'), JSON.stringify({ '@graph': [review('https://factcheck.example.org/flow', 'River flow fell by half in 2023', 'Misleading')] }));
}

before(async () => {
  feeds = await startFeedServer();
  feeds.route('/rss.xml', send('application/rss+xml', rss('Example News', [{ title: 'Dam statement', url: `${feeds.base}/a/1.html`, date: '2026-03-02T08:00:00Z' }])));
  feeds.route('/a/1.html', send('text/html; charset=utf-8', articleHtml({ title: 'Dam statement', outlet: 'Example News', author: 'A. Writer', date: '2026-03-02', paragraphs: ['The Veloria Interior Ministry accused the Northern Front of shelling the Serin dam on Monday, a spokesman said.', 'The Northern Front denied it.'] })));
  feeds.route('/hook', send('application/json', '{}'));
  dir = tempDir('discern-help-examples-');
  writeFixtures(dir);
  bin = join(dir, '.bin');
  mkdirSync(bin);
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  writeFileSync(join(bin, 'discern'), `#!/bin/sh\nexec "${process.execPath}" --import "${tsx}" "${MAIN}" "$@"\n`);
  chmodSync(join(bin, 'discern'), 0o755);
  llm = await startFakeLlm(() => JSON.stringify({ subclaims: ['the commission was founded in 2012'], verdict: 'not-enough-evidence', explanation: 'stand-in model', quotes: [] }));
  llmUrl = llm.url;
});
after(async () => {
  await llm.close();
  await feeds.close();
  await (await postgresForTests())?.stop();
});

function env(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}:${process.env.PATH}`, NO_COLOR: '1' };
  delete e.DISCERN_DB;
  delete e.DISCERN_TOKEN;
  return e;
}

const LONG_RUNNING = (command: string) =>
  /\bdiscern serve\b/.test(command) || (/\bdiscern worker\b/.test(command) && !command.includes('--exit-when-idle')) || (/\bdiscern watch\b/.test(command) && !command.includes('--once'));

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string): Promise<Ran> {
  const long = LONG_RUNNING(command);
  // a long-running command is exec'd, so SIGTERM reaches discern itself, not the shell
  const script = long ? command.replace(/^((?:[A-Z_]+=\S+\s+)*)/, (m) => (m ? `export ${m.trim()}; exec ` : 'exec ')) : command;
  const child = spawn('/bin/sh', ['-c', script], { cwd: dir, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  let stopped = false;
  child.stderr.on('data', (d) => {
    stderr += d;
    if (long && !stopped && /workbench on http|discern worker on|discern watch: \d+ sources/.test(stderr)) {
      stopped = true;
      child.kill('SIGTERM');
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

function substitute(command: string, ids: Record<string, string>, pgUrl: string | null): string {
  let out = command.replaceAll(LLM_URL, llmUrl).replaceAll(WEBHOOK_URL, `${feeds.base}/hook`);
  if (/\bdiscern watch\b/.test(out)) out += ' --allow-private';
  if (pgUrl) out = out.replaceAll(PG_URL, pgUrl);
  for (const [placeholder, id] of Object.entries(ids)) out = out.replaceAll(placeholder, id);
  return out;
}

function findingIds(): Record<string, string> {
  const db = new Database(join(dir, 'discern.db'), { readonly: true });
  const forget = readLikeTheStore(db);
  try {
    // findings are stored as packed sets per document and analyser (src/store/finding-sets.ts)
    const rows = db.prepare('SELECT d.id AS doc_id, s.analyzer, s.version, s.findings, d.text FROM finding_sets s JOIN documents d ON d.key = s.doc_key').all() as Array<Record<string, string>>;
    const all = rows.flatMap((r) => unpackFindings(r.findings, r.doc_id, r.analyzer, r.version, unpackText(r.text) ?? '')).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const one = (kind: string | null) => all.find((f) => kind === null || f.kind === kind)?.id;
    const ids = { '<finding-id>': one('entity'), '<claim-id>': one('claim'), '<accusation-id>': one('accusation') };
    for (const [k, v] of Object.entries(ids)) assert.ok(v, `the examples' database holds a finding for ${k}`);
    return ids as Record<string, string>;
  } finally {
    forget();
    db.close();
  }
}

/** Files an example writes: --out FILE, --graphml FILE, --csv FILE, > FILE. */
function writtenFiles(command: string): string[] {
  return [...command.matchAll(/(?:--out|--graphml|--csv|>)\s+(\S+)/g)].map((m) => m[1]);
}

async function check(example: Example, ids: Record<string, string>, pgUrl: string | null): Promise<void> {
  const command = substitute(example.command, ids, pgUrl);
  assert.doesNotMatch(command, /<[a-z-]+>/, `an example with a placeholder nobody fills: ${example.command}`);
  const label = `discern ${example.where} --help: ${example.command}`;
  const result = await run(command);
  assert.equal(result.code, 0, `${label}\nexit ${result.code}\n${result.stderr.slice(-2000)}`);
  if (example.expected.length > 0) {
    const actual = result.stdout.split('\n').filter((l) => l.trim() !== '');
    assert.equal(actual.length, example.expected.length, `${label}: ${example.expected.length} output lines shown, got:\n${result.stdout}`);
    example.expected.forEach((line, k) => assert.ok(outputMatches(line, actual[k]), `${label}\nthe help says:\n  ${line}\nit prints:\n  ${actual[k]}`));
  }
  for (const file of writtenFiles(command)) {
    const path = join(dir, file);
    assert.ok(existsSync(path) && statSync(path).size > 0, `${label}: ${file} is written`);
  }
}

test('the help matcher: … matches anything, numbers within 0.1, the rest literally', () => {
  assert.ok(outputMatches('{"label":"agree","score":0.61}', '{"label":"agree","score":0.569}'));
  assert.ok(!outputMatches('{"label":"disagree","score":0.61}', '{"label":"agree","score":0.569}'));
  assert.ok(!outputMatches('{"score":0.9}', '{"score":0.5}'));
  assert.ok(outputMatches('{"url":"https://…","n":1}', '{"url":"https://x.example/a","n":1}'));
  assert.deepEqual(extractExamples('Examples:\n  $ echo x | discern a\n  out1\n  discern b --c d   what it does\nUsage: discern z\n', 'a'), [
    { where: 'a', command: 'echo x | discern a', expected: ['out1'] },
    { where: 'a', command: 'discern b --c d', expected: [] },
  ]);
});

test('every command has examples in its --help, and exit codes', () => {
  for (const command of allCommands(program)) {
    const help = helpOf(command);
    const where = command === program ? 'the main help' : commandPath(command);
    assert.match(help, /Exit codes:\n\s+0\s.*\n(?:.*\n)*\s+2\s+usage error.*\n(?:.*\n)*\s+3\s+nothing could be done/, `${where}: exit codes 0, 2, 3 explained`);
    if (command.commands.length === 0) assert.ok(extractExamples(help, where).length > 0, `${where} has an example`);
  }
});

test('every --help example runs as shown (SQLite)', { timeout: 900_000 }, async () => {
  let ids: Record<string, string> = {};
  const local = examples.filter((e) => !e.command.includes(PG_URL));
  assert.ok(local.length >= 30, `found ${local.length} examples`);
  for (const example of local) {
    if (/<[a-z-]+-id>/.test(example.command) && Object.keys(ids).length === 0) ids = findingIds();
    await check(example, ids, null);
  }
});

test('every --help example on PostgreSQL runs as shown', { skip: postgresSkip(), timeout: 300_000 }, async () => {
  const pg = examples.filter((e) => e.command.includes(PG_URL));
  assert.ok(pg.length >= 4, `found ${pg.length} PostgreSQL examples`);
  const url = await (await postgresForTests())!.createDatabase();
  // ingest --queue first (it creates the queue), then the workers and the job listing
  const ordered = [...pg.filter((e) => e.command.includes('--queue')), ...pg.filter((e) => !e.command.includes('--queue'))];
  for (const example of ordered) await check(example, {}, url);
});
