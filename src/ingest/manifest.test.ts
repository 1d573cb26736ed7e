import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isDiscernError } from '../core/errors.js';
import { metadataFor, readManifest, sourceMetadataFromCli, unmatchedEntries } from './manifest.js';

const dir = mkdtempSync(join(tmpdir(), 'discern-manifest-'));
const write = (name: string, text: string | Buffer): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

/** The error a manifest gives, checked to be a usage error that names the file. */
async function refusal(file: string): Promise<string> {
  try {
    await readManifest(file);
  } catch (error) {
    assert.ok(isDiscernError(error) && error.code === 'USAGE', String(error));
    assert.ok(error.message.includes(file), `names the file: ${error.message}`);
    return error.message;
  }
  assert.fail(`${file} was accepted`);
}

test('a CSV manifest gives each file its title, outlet, date and author; paths are relative to the manifest', async () => {
  const file = write('sources.csv', '\uFEFFPath,Title,Outlet,Date,Author\r\na.txt,"Lake poisoned, says minister",Lakeside Courier,2025-06-03,Mira Okafor\r\nsub/b.txt,Daskor rejects claims,Daskor Daily,2025-06-04T09:30Z,\r\n\r\n');
  const m = await readManifest(file);
  assert.deepEqual(metadataFor(m, join(dir, 'a.txt')), { title: 'Lake poisoned, says minister', outlet: 'Lakeside Courier', publishedAt: '2025-06-03', author: 'Mira Okafor' });
  assert.deepEqual(metadataFor(m, join(dir, 'sub', 'b.txt')), { title: 'Daskor rejects claims', outlet: 'Daskor Daily', publishedAt: '2025-06-04T09:30Z' });
  assert.deepEqual(metadataFor(m, join(dir, 'c.txt')), {}, 'a file not listed gets nothing');
  assert.deepEqual(unmatchedEntries(m, [join(dir, 'a.txt')]), [join(dir, 'sub', 'b.txt')]);
});

test('semicolon CSV, JSON lists and JSON objects are read alike; URLs match as given', async () => {
  const semi = await readManifest(write('semi.csv', 'file;outlet;published\na.txt;Harbour Post;2024-05\n'));
  assert.deepEqual(metadataFor(semi, join(dir, 'a.txt')), { outlet: 'Harbour Post', publishedAt: '2024-05' });
  const list = await readManifest(write('list.json', JSON.stringify([{ url: 'https://news.example/a', outlet: 'Example News', date: '2024-01-02' }])));
  assert.deepEqual(metadataFor(list, 'https://news.example/a'), { outlet: 'Example News', publishedAt: '2024-01-02' });
  assert.deepEqual(metadataFor(list, 'https://other.example/x', 'https://news.example/a'), { outlet: 'Example News', publishedAt: '2024-01-02' }, 'matched on the final URL after redirects');
  const byPath = await readManifest(write('map.json', JSON.stringify({ 'a.txt': { title: 'T', outlet: 'O' } })));
  assert.deepEqual(metadataFor(byPath, join(dir, 'a.txt')), { title: 'T', outlet: 'O' });
});

test('--outlet and --date apply to every input; a manifest entry wins over them', async () => {
  const file = write('one.csv', 'path,outlet\na.txt,Lakeside Courier\n');
  const m = await sourceMetadataFromCli({ outlet: 'Wire', date: '2025-01-31', manifest: file });
  assert.ok(m);
  assert.deepEqual(metadataFor(m, join(dir, 'a.txt')), { outlet: 'Lakeside Courier', publishedAt: '2025-01-31' });
  assert.deepEqual(metadataFor(m, join(dir, 'z.txt')), { outlet: 'Wire', publishedAt: '2025-01-31' });
  assert.equal(await sourceMetadataFromCli({}), null);
  for (const bad of [{ date: '31/01/2025' }, { date: '2025-02-30' }, { date: '2025-13' }, { outlet: '  ' }]) {
    await assert.rejects(sourceMetadataFromCli(bad), (e: unknown) => isDiscernError(e) && e.code === 'USAGE' && /--(date|outlet)/.test(e.message));
  }
});

test('hostile or broken manifests are refused with the file and the line', async () => {
  assert.match(await refusal(write('formula.csv', 'path,outlet\na.txt,"=HYPERLINK(""http://evil.example"",""x"")"\n')), /line 2: the outlet cell .* spreadsheet formula/);
  assert.match(await refusal(write('plus.csv', 'path,title\na.txt,+cmd|calc\n')), /line 2: .*formula/);
  assert.match(await refusal(write('at.csv', 'path,author\na.txt,@SUM(A1)\n')), /formula/);
  assert.match(await refusal(write('minus.csv', 'path,title\na.txt,-2+3\n')), /formula/);
  assert.match(await refusal(write('cols.csv', 'path,outlet,colour\na.txt,O,red\n')), /line 1: unknown column "colour"/);
  assert.match(await refusal(write('nokey.csv', 'title,outlet\nT,O\n')), /no path or url column/);
  assert.match(await refusal(write('count.csv', 'path,outlet\na.txt,O,extra\n')), /line 2: 3 cells where the header has 2/);
  assert.match(await refusal(write('date.csv', 'path,date\na.txt,yesterday\n')), /line 2: "yesterday" is not a date/);
  assert.match(await refusal(write('twice.csv', 'path,outlet\na.txt,O\n./a.txt,P\n')), /line 3: the path "\.\/a\.txt" is listed twice/);
  assert.match(await refusal(write('quote.csv', 'path,outlet\na.txt,"never closed\n')), /never closed/);
  assert.match(await refusal(write('empty.csv', '  \n')), /empty/);
  assert.match(await refusal(write('binary.csv', Buffer.from([0x70, 0x61, 0x74, 0x68, 0x00, 0x01]))), /manifest/);
  assert.match(await refusal(write('bad.json', '{"a.txt": ')), /not valid JSON/);
  assert.match(await refusal(write('field.json', JSON.stringify([{ path: 'a.txt', side: 'A' }]))), /unknown field "side"/);
  assert.match(await refusal(write('url.json', JSON.stringify([{ url: 'javascript:alert(1)' }]))), /unknown field|not an http/);
  assert.match(await refusal(join(dir, 'missing.csv')), /does not exist/);
  assert.match(await refusal(dir), /is a folder/);
});
