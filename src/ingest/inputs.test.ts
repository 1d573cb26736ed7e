import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../../test/support/cli.js';
import { declaredHtmlCharset, loadInputs, sniffFormat } from './inputs.js';

// "Привет, мир. Это тестовая статья о плотине." in windows-1251
const CP1251 = Buffer.from('cf f0 e8 e2 e5 f2 2c 20 ec e8 f0 2e 20 dd f2 ee 20 f2 e5 f1 f2 ee e2 e0 ff 20 f1 f2 e0 f2 fc ff 20 ee 20 ef eb ee f2 e8 ed e5 2e'.replace(/ /g, ''), 'hex');

test('an HTML page in a declared legacy charset is decoded in it', async () => {
  const dir = tempDir('discern-inputs-');
  const page = Buffer.concat([
    Buffer.from('<!doctype html><html><head><meta charset="windows-1251"><title>T</title></head><body><article><h1>Zagolovok</h1><p>'),
    CP1251,
    Buffer.from('</p></article></body></html>'),
  ]);
  writeFileSync(join(dir, 'ru.html'), page);
  const loadedAll = [];
  for await (const item of loadInputs([join(dir, 'ru.html')])) loadedAll.push(item);
  const [loaded] = loadedAll;
  assert.ok(loaded.ok, loaded.ok ? '' : loaded.error.message);
  assert.match(loaded.extracted.text, /Привет, мир\. Это тестовая статья о плотине\./);
});

test('charset declarations: legacy ones are honoured, UTF-8 and unknown ones are left to detection', () => {
  assert.equal(declaredHtmlCharset(Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=KOI8-R">')), 'koi8-r');
  assert.equal(declaredHtmlCharset(Buffer.from('<html><meta charset="utf-8">')), null);
  assert.equal(declaredHtmlCharset(Buffer.from('<html><meta charset="x-made-up">')), null);
  assert.equal(declaredHtmlCharset(Buffer.from('plain text that mentions charset=latin1')), null);
});

test('format sniffing for stdin and unknown extensions', () => {
  assert.equal(sniffFormat('<!DOCTYPE html><html>'), 'html');
  assert.equal(sniffFormat('---\ntitle: x\n---\nbody'), 'markdown');
  assert.equal(sniffFormat('# Heading\n\ntext'), 'markdown');
  assert.equal(sniffFormat('Just a plain article.\n\nWith paragraphs.'), 'text');
});

async function loadOne(path: string) {
  for await (const item of loadInputs([path])) return item;
  throw new Error('nothing loaded');
}

const ARTICLE_P = '<p>The river authority said on Monday that water levels at the northern dam had fallen by a third since spring, and that farmers downstream would be compensated.</p>';

test('an HTML page whose <meta> declares UTF-16 is read as UTF-8, as the HTML standard says', async () => {
  const dir = tempDir('discern-inputs-');
  const path = join(dir, 'u16.html');
  writeFileSync(path, `<!doctype html><html><head><meta charset="utf-16"><title>Dam report – Müller</title></head><body><article><h1>Dam report – Müller</h1>${ARTICLE_P}</article></body></html>`, 'utf8');
  assert.equal(declaredHtmlCharset(new Uint8Array(Buffer.from('<html><head><meta charset="UTF-16LE">'))), null);
  const loaded = await loadOne(path);
  assert.ok(loaded.ok, JSON.stringify(loaded));
  assert.match(loaded.extracted.text, /water levels at the northern dam/);
  assert.match(loaded.extracted.text, /Müller/);
});

test('a byte-order mark wins over the charset a <meta> declares', async () => {
  const dir = tempDir('discern-inputs-');
  const path = join(dir, 'bom.html');
  writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`<html><head><meta charset="windows-1251"></head><body><article><h1>Grüße</h1>${ARTICLE_P}</article></body></html>`, 'utf8')]));
  const loaded = await loadOne(path);
  assert.ok(loaded.ok);
  assert.match(loaded.extracted.text, /Grüße/);
});

test('<!DOCTYPE html [ without its ]> keeps the page (the DOCTYPE ends at its first >)', async () => {
  const dir = tempDir('discern-inputs-');
  const path = join(dir, 'doctype.html');
  writeFileSync(path, `<!DOCTYPE html [\n<html><head><title>Dam report</title></head><body><article><h1>Dam report</h1>${ARTICLE_P}</article></body></html>`);
  const loaded = await loadOne(path);
  assert.ok(loaded.ok, JSON.stringify(loaded));
  assert.match(loaded.extracted.text, /water levels at the northern dam/);
  // a real internal subset is still removed whole, entities and all
  writeFileSync(path, `<!DOCTYPE html [ <!ENTITY boom "BOOM"> ]><html><body><article><h1>Dam report</h1>${ARTICLE_P}</article></body></html>`);
  const subset = await loadOne(path);
  assert.ok(subset.ok);
  assert.doesNotMatch(subset.extracted.text, /BOOM|ENTITY/);
});
