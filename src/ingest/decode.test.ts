import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiscernError } from '../core/errors.js';
import { decodeText, decodeWithEncoding } from './decode.js';
import { encodeSingleByte } from '../../test/support/legacy-encodings.js';

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

test('plain UTF-8 is kept exactly, only line endings normalised', () => {
  const decoded = decodeText(utf8('  Title\r\n\r\nBody “quoted”\rend  '), 'a.txt');
  assert.equal(decoded.text, '  Title\n\nBody “quoted”\nend  ');
  assert.equal(decoded.encoding, 'utf-8');
});

test('a UTF-8 byte-order mark is removed', () => {
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Hello')]);
  assert.equal(decodeText(bytes, 'bom.txt').text, 'Hello');
});

test('UTF-16 LE and BE with BOM', () => {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Grüße\r\n', 'utf16le')]);
  assert.equal(decodeText(new Uint8Array(le), 'le.txt').text, 'Grüße\n');
  const be = Buffer.from(le);
  be.swap16();
  assert.equal(decodeText(new Uint8Array(be), 'be.txt').text, 'Grüße\n');
});

test('Windows-1252 when the bytes hold no UTF-8 at all, with a warning', () => {
  const bytes = new Uint8Array([0x93, 0x48, 0x69, 0x94, 0x20, 0x63, 0x61, 0x66, 0xe9]); // “Hi” café
  const decoded = decodeText(bytes, 'cp.txt');
  assert.equal(decoded.text, '“Hi” café');
  assert.equal(decoded.encoding, 'windows-1252');
  assert.match(decoded.warnings[0], /decoded as windows-1252 \(detected/);
});

const invalid: Array<[string, Uint8Array, string]> = [
  ['empty', new Uint8Array(), 'INPUT_EMPTY'],
  ['white space only', utf8(' \n\t\n'), 'INPUT_EMPTY'],
  ['binary (NUL bytes)', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]), 'INPUT_BINARY'],
  ['broken UTF-8 among valid UTF-8', new Uint8Array([...utf8('café '), 0xc3, 0x28, ...utf8(' ok')]), 'INPUT_ENCODING'],
];
for (const [name, bytes, code] of invalid) {
  test(`refuses ${name} with ${code}, naming the input`, () => {
    assert.throws(
      () => decodeText(bytes, 'bad.txt'),
      (error: unknown) => error instanceof DiscernError && error.code === code && error.input === 'bad.txt',
    );
  });
}

test('a named encoding is honoured; an unknown one is a usage error', () => {
  assert.equal(decodeWithEncoding(new Uint8Array([0x63, 0x61, 0x66, 0xe9]), 'latin1', 'x').text, 'café');
  assert.throws(() => decodeWithEncoding(utf8('x'), 'no-such-enc', 'x'), (e: unknown) => e instanceof DiscernError && e.code === 'USAGE');
});

test('one NUL rule wherever the NUL is: first bytes, past 64 KiB, after a BOM, in UTF-16', () => {
  const late = new Uint8Array([...utf8('a'.repeat(70_000)), 0x00, ...utf8(' tail')]);
  const afterBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Hello'), 0x00, ...utf8(' world')]);
  const utf16 = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Hello\u0000 world', 'utf16le')]));
  const early = new Uint8Array([...utf8('Hello'), 0x00, ...utf8(' world')]);
  const cp1252 = new Uint8Array([0x93, 0x48, 0x69, 0x94, 0x00, 0x20]);
  for (const [name, bytes] of Object.entries({ late, afterBom, utf16, early, cp1252 })) {
    assert.throws(() => decodeText(bytes, `${name}.txt`), (e: unknown) => e instanceof DiscernError && e.code === 'INPUT_BINARY' && /NUL character/.test(e.message), name);
  }
});

test('UTF-32 with a BOM is decoded as UTF-32 (LE and BE), not as UTF-16 full of NULs', () => {
  const text = 'Grüße 😀 from Kabul\r\n';
  const le = Buffer.alloc(4 + [...text].length * 4);
  le.writeUInt32LE(0xfeff, 0);
  [...text].forEach((ch, i) => le.writeUInt32LE(ch.codePointAt(0)!, 4 + i * 4));
  const decoded = decodeText(new Uint8Array(le), 'le32.txt');
  assert.equal(decoded.text, 'Grüße 😀 from Kabul\n');
  assert.equal(decoded.encoding, 'utf-32le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 4) be.writeUInt32BE(le.readUInt32LE(i), i);
  assert.equal(decodeText(new Uint8Array(be), 'be32.txt').text, 'Grüße 😀 from Kabul\n');
  assert.throws(() => decodeText(new Uint8Array(le.subarray(0, le.length - 1)), 'cut.txt'), (e: unknown) => e instanceof DiscernError && e.code === 'INPUT_ENCODING');
});

test('a file of only no-break, ideographic or zero-width spaces holds only white space', () => {
  for (const blank of ['\u00a0\u00a0\n', '\u3000\u3000', '\u200b\u2060 \n', '\ufeff\u00a0']) {
    assert.throws(
      () => decodeText(utf8(blank), 'blank.txt'),
      (e: unknown) => e instanceof DiscernError && e.code === 'INPUT_EMPTY' && /only white space/.test(e.message),
      JSON.stringify(blank),
    );
  }
});

// Legacy encodings of other scripts: our own sentences, encoded by Node's decoder tables run
// backwards (test/support/legacy-encodings.ts), detected by chardet and decoded exactly.
const LEGACY: Array<[string, string]> = [
  ['windows-1256', 'قال المتحدث باسم الوزارة إن الحكومة سترد على الاتهامات في مؤتمر صحفي يوم الاثنين.'],
  ['iso-8859-6', 'قال المتحدث باسم الوزارة إن الحكومة سترد على الاتهامات في مؤتمر صحفي يوم الاثنين، وأضاف أن الوزارة ستنشر التقرير الكامل.'],
  ['windows-1251', 'Министерство заявило, что правительство ответит на обвинения на пресс-конференции в понедельник.'],
  ['koi8-r', 'Министерство заявило, что правительство ответит на обвинения на пресс-конференции в понедельник.'],
  ['iso-8859-5', 'Министерство заявило, что правительство ответит на обвинения на пресс-конференции в понедельник.'],
  ['iso-8859-7', 'Το υπουργείο δήλωσε ότι η κυβέρνηση θα απαντήσει στις κατηγορίες σε συνέντευξη Τύπου τη Δευτέρα.'],
  ['windows-1252', 'Le ministère a déclaré que le gouvernement répondra aux accusations lors d’une conférence de presse lundi.'],
  ['windows-1252', 'Das Ministerium erklärte, die Regierung werde am Montag auf einer Pressekonferenz auf die Vorwürfe antworten.'],
];
for (const [encoding, sentence] of LEGACY) {
  test(`${encoding} is detected and decoded, not read as Windows-1252: ${sentence.slice(0, 24)}…`, () => {
    const decoded = decodeText(new Uint8Array(encodeSingleByte(`${sentence}\r\n`, encoding)), 'legacy.txt');
    assert.equal(decoded.text, `${sentence}\n`);
    assert.equal(decoded.encoding, encoding);
    assert.match(decoded.warnings[0], new RegExp(`decoded as ${encoding} \\(detected, confidence \\d+%; pass --encoding`));
  });
}

test('a legacy script far into a large file is still detected (the sample holds the non-ASCII bytes)', () => {
  const cyrillic = 'Министерство заявило, что правительство ответит на обвинения в понедельник. ';
  const bytes = Buffer.concat([Buffer.from('Plain ASCII words. '.repeat(20_000)), encodeSingleByte(cyrillic.repeat(50), 'koi8-r')]);
  const decoded = decodeText(new Uint8Array(bytes), 'big.txt');
  assert.equal(decoded.encoding, 'koi8-r');
  assert.ok(decoded.text.endsWith(cyrillic.repeat(50)));
});

test('when the detection is not confident the file is refused, named, with --encoding suggested', () => {
  for (const bytes of [new Uint8Array([0x43, 0x61, 0x66, 0xe9]), new Uint8Array([0xc1, 0xe2, 0xd7, 0x20, 0xcb])]) {
    assert.throws(
      () => decodeText(bytes, 'short.txt'),
      (e: unknown) => e instanceof DiscernError && e.code === 'INPUT_ENCODING' && e.input === 'short.txt' && /legacy encoding is not clear.*pass --encoding NAME \(e\.g\. --encoding [\w-]+\)/.test(e.message),
    );
  }
  // the user's choice then decides
  assert.equal(decodeWithEncoding(new Uint8Array([0x43, 0x61, 0x66, 0xe9]), 'windows-1252', 'short.txt').text, 'Café');
});

test('--encoding windows-1252 uses the real table: curly quotes, dashes and € survive', () => {
  const decoded = decodeWithEncoding(new Uint8Array([0x93, 0x48, 0x69, 0x94, 0x20, 0x96, 0x20, 0x80, 0x35]), 'windows-1252', 'x');
  assert.equal(decoded.text, '“Hi” – €5');
  assert.equal(decoded.encoding, 'windows-1252');
});
