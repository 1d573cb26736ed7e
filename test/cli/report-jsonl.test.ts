import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { packageRoot } from '../../src/core/paths.js';
import { assembleJsonLines } from '../../src/report/json-lines.js';
import { runCli, tempDir } from '../support/cli.js';

test('report --out FILE.jsonl writes JSON Lines (by the extension) that hold what --format json holds', async () => {
  const dir = tempDir();
  const db = join(dir, 'x.db');
  const analysed = await runCli(['analyze', join(packageRoot(), 'examples'), '--db', db, '--out', join(dir, 'a.md')]);
  assert.equal(analysed.code, 0, analysed.stderr);
  const out = join(dir, 'r.jsonl');
  const lines = await runCli(['report', '--db', db, '--out', out]);
  assert.equal(lines.code, 0, lines.stderr);
  const text = readFileSync(out, 'utf8').trimEnd().split('\n');
  assert.equal(text.filter((l) => l.startsWith('{"type":"document"')).length, 4);
  const json = await runCli(['report', '--db', db, '--format', 'json']);
  assert.equal(json.code, 0, json.stderr);
  const whole = JSON.parse(json.stdout) as Record<string, unknown>;
  const assembled = assembleJsonLines(text);
  delete whole.generatedAt;
  delete assembled.generatedAt;
  assert.deepEqual(assembled, whole);
  const bad = await runCli(['report', '--db', db, '--format', 'xml']);
  assert.equal(bad.code !== 0, true);
  assert.match(bad.stderr, /jsonl/);
});
