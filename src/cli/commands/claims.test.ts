import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSentences, scoreText } from './claims.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');

test('input lines: plain sentences and JSON Lines, auto-detected per line, blanks skipped', () => {
  assert.deepEqual(parseSentences('First one.\n\n{"text": "Second one.", "id": 2}\r\n  Third.  \n', 'in.txt'), ['First one.', 'Second one.', 'Third.']);
  assert.throws(() => parseSentences('ok\n{"txt": 1}\n', 'in.jsonl'), { code: 'INPUT_MALFORMED', input: 'in.jsonl', message: 'line 2: a JSON line needs a string "text" field' });
  assert.throws(() => parseSentences('{broken\n', 'in.jsonl'), { message: 'line 1 starts with "{" but is not valid JSON' });
});

test('scores: check-worthy sentences get their claim type, others not-check-worthy', () => {
  const claim = scoreText('Unemployment rose by 4 percent in 2023, to 9.1 million people.');
  assert.equal(claim.label, 'statistic');
  assert.ok(claim.score >= 0.5);
  const chatter = scoreText('Thank you all for coming tonight.');
  assert.equal(chatter.label, 'not-check-worthy');
  assert.ok(chatter.score < 0.5);
});

/** Runs the command through a tiny program (the real CLI wires the same function). */
function run(args: string[], stdin = ''): { status: number | null; stdout: string; stderr: string } {
  const script = `
    import { Command, CommanderError } from 'commander';
    import { registerClaimsCommand } from './src/cli/commands/claims.ts';
    const program = new Command('discern').exitOverride();
    registerClaimsCommand(program);
    for (const c of program.commands) c.exitOverride();
    try { await program.parseAsync(process.argv.slice(1), { from: 'user' }); }
    catch (e) { if (e instanceof CommanderError) process.exitCode = e.exitCode === 0 ? 0 : 2; else { process.stderr.write(String(e.message) + '\\n'); process.exitCode = e.code === 'USAGE' ? 2 : 3; } }
  `;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, '--', ...args], { cwd: root, input: stdin, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('discern claims score: JSON Lines out, in order, from a file or standard input', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'claims-cli-'));
  const file = path.join(dir, 'in.jsonl');
  writeFileSync(file, '{"text":"Exports fell 12 percent in 2022.","id":1}\nGood evening.\n');
  const fromFile = run(['claims', 'score', file]);
  assert.equal(fromFile.status, 0, fromFile.stderr);
  const rows = fromFile.stdout.trim().split('\n').map((l) => JSON.parse(l) as { text: string; score: number; label: string });
  assert.deepEqual(rows.map((r) => [r.text, r.label]), [['Exports fell 12 percent in 2022.', 'statistic'], ['Good evening.', 'not-check-worthy']]);
  const fromStdin = run(['claims', 'score', '-'], 'Exports fell 12 percent in 2022.\n');
  assert.equal(fromStdin.stdout, `${JSON.stringify(rows[0])}\n`);
});

test('discern claims score: errors name the input; 1 for unreadable input, 2 for usage', () => {
  const missing = run(['claims', 'score', 'no-such-file.txt']);
  assert.equal(missing.status, 1);
  assert.equal(missing.stderr, 'discern claims score: no-such-file.txt: no such file\n');
  assert.equal(missing.stdout, '');
  const folder = run(['claims', 'score', 'src']);
  assert.equal(folder.status, 1);
  assert.match(folder.stderr, /src: is a folder/);
  const usage = run(['claims', 'score', 'a.txt', 'b.txt']);
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /too many arguments/);
  const help = run(['claims', 'score', '--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Examples:\n {2}\$ printf/);
});

test('discern claims score --in-context: the lines are one text, so neighbours move each score; without it each line is alone', async () => {
  const { scoreInContext, scoreSentence, loadClaimModel } = await import('../../analysers/claims/model.js');
  const lines = ['Exports fell by 14 percent in 2023, to $2.1 billion, the lowest level since 2009.', 'The factory closed after the government stopped buying its trucks.', 'Thank you all for coming this evening.'];
  const parse = (out: string): Array<{ score: number }> => out.trim().split('\n').map((l) => JSON.parse(l) as { score: number });
  const alone = run(['claims', 'score', '-'], `${lines.join('\n')}\n`);
  const context = run(['claims', 'score', '--in-context', '-'], `${lines.join('\n')}\n`);
  assert.equal(context.status, 0, context.stderr);
  const model = loadClaimModel();
  const expectedAlone = lines.map((l) => scoreSentence(l, model));
  const expectedContext = scoreInContext(expectedAlone, model);
  assert.deepEqual(parse(alone.stdout).map((r) => r.score), expectedAlone.map((p) => Math.round(p * 10000) / 10000));
  assert.deepEqual(parse(context.stdout).map((r) => r.score), expectedContext.map((p) => Math.round(p * 10000) / 10000));
  assert.ok(parse(context.stdout)[1].score > parse(alone.stdout)[1].score, 'the sentence after a statistic is raised');
});
