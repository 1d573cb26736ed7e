import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, tempDir } from '../support/cli.js';
import { encodeSingleByte } from '../support/legacy-encodings.js';

/**
 * Files in legacy encodings of other scripts, written by the test: analyze stores their real
 * text (not Windows-1252 mojibake), refuses one it cannot tell with a message naming it and
 * --encoding, and --encoding then reads it; evidence add takes --encoding too.
 */

const ARABIC = 'بيان الوزارة\n\nقال المتحدث باسم الوزارة إن الحكومة سترد على الاتهامات في مؤتمر صحفي يوم الاثنين.\n';
const RUSSIAN = 'Заявление министерства\n\nМинистерство заявило, что правительство ответит на обвинения на пресс-конференции в понедельник.\n';
const GREEK = 'Ανακοίνωση\n\nΤο υπουργείο δήλωσε ότι η κυβέρνηση θα απαντήσει στις κατηγορίες σε συνέντευξη Τύπου τη Δευτέρα.\n';

test('analyze: Arabic, Cyrillic and Greek legacy files are stored as their own text; an unclear one is refused by name (exit 1)', async () => {
  const dir = tempDir();
  const input = join(dir, 'in');
  mkdirSync(input);
  writeFileSync(join(input, 'arabic-1256.txt'), encodeSingleByte(ARABIC, 'windows-1256'));
  writeFileSync(join(input, 'russian-koi8.txt'), encodeSingleByte(RUSSIAN, 'koi8-r'));
  writeFileSync(join(input, 'russian-1251.txt'), encodeSingleByte(RUSSIAN.replace('понедельник', 'среду'), 'windows-1251'));
  writeFileSync(join(input, 'greek-8859-7.txt'), encodeSingleByte(GREEK, 'iso-8859-7'));
  writeFileSync(join(input, 'unclear.txt'), Buffer.from([0xc1, 0xe2, 0xd7, 0x0a]));
  const db = join(dir, 'enc.db');
  const result = await runCli(['analyze', input, '--db', db, '--format', 'json']);
  assert.equal(result.code, 1, result.stderr);
  const refusal = result.stderr.split('\n').find((l) => l.includes('unclear.txt'));
  assert.ok(refusal, result.stderr);
  assert.match(refusal, /legacy encoding is not clear.*pass --encoding NAME/);
  const report = JSON.parse(result.stdout) as { documents: Array<{ text: string; source: { path: string } }>; warnings: Array<{ input: string; message: string }> };
  const text = (name: string) => report.documents.find((d) => d.source.path.endsWith(name))?.text;
  assert.equal(text('arabic-1256.txt'), ARABIC);
  assert.equal(text('russian-koi8.txt'), RUSSIAN);
  assert.equal(text('russian-1251.txt'), RUSSIAN.replace('понедельник', 'среду'));
  assert.equal(text('greek-8859-7.txt'), GREEK);
  assert.ok(report.warnings.some((w) => w.input.endsWith('arabic-1256.txt') && /decoded as windows-1256 \(detected/.test(w.message)));

  const forced = await runCli(['analyze', join(input, 'unclear.txt'), '--db', db, '--encoding', 'koi8-r', '--format', 'json']);
  assert.equal(forced.code, 0, forced.stderr);
  assert.equal((JSON.parse(forced.stdout) as typeof report).documents[0].text, 'аБв\n');
});

test('evidence add --encoding reads a legacy file the detection would refuse', async () => {
  const dir = tempDir();
  const file = join(dir, 'note.txt');
  writeFileSync(file, Buffer.from([0xc1, 0xe2, 0xd7, 0x0a]));
  const db = join(dir, 'ev.db');
  const refused = await runCli(['evidence', 'add', file, '--db', db]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /note\.txt: not UTF-8, and its legacy encoding is not clear/);
  const added = await runCli(['evidence', 'add', file, '--db', db, '--encoding', 'koi8-r', '--json']);
  assert.equal(added.code, 0, added.stderr);
  assert.equal(JSON.parse(added.stdout).passages, 1);
});
