import { TextDecoder } from 'node:util';
import { DiscernError } from '../core/errors.js';
import { detectLegacyEncoding, windows1252 } from './detect-encoding.js';

type BomEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

export interface DecodedText {
  text: string;
  /** the encoding the bytes were read in: a BOM's, UTF-8, or a detected or named legacy one (WHATWG name) */
  encoding: string;
  warnings: string[];
}

/**
 * Bytes → text: a byte-order mark decides (UTF-8, UTF-16 LE/BE, UTF-32) and is removed;
 * otherwise strict UTF-8; otherwise — only when the bytes hold no valid multi-byte UTF-8 at
 * all (a file that is mostly UTF-8 with broken sequences is corrupt, and guessing would
 * silently garble it) — a legacy encoding detected by chardet (detect-encoding.ts): Windows-1252
 * for Western text as before, windows-1256 / ISO-8859-6 for Arabic, windows-1251 / KOI8-R /
 * ISO-8859-5 for Cyrillic, ISO-8859-7 for Greek, … — and when the detection is not confident
 * the file is refused, naming the likely encodings for `--encoding`. Line endings become "\n".
 * Nothing else is changed, so offsets computed by other tools on the same file map back exactly.
 *
 * One rule for NUL, wherever it is and whatever the encoding: a text holding U+0000 is
 * binary, not text, and is refused (naming the character offset). A text holding nothing
 * but white space (including no-break, ideographic and zero-width spaces) is empty.
 */
export function decodeText(bytes: Uint8Array, input: string): DecodedText {
  if (bytes.length === 0) throw new DiscernError('INPUT_EMPTY', 'the file is empty (0 bytes)', input);
  const bom = detectBom(bytes);
  if (bom) {
    const body = bytes.subarray(bom.length);
    const text = bom.encoding === 'utf-32le' || bom.encoding === 'utf-32be' ? decodeUtf32(body, bom.encoding, input) : strictDecode(body, bom.encoding, input);
    return finish(text, bom.encoding, [], input);
  }
  if (looksBinary(bytes)) {
    throw new DiscernError('INPUT_BINARY', 'the file is binary (it is full of control bytes), not text', input);
  }
  let utf8: string | null = null;
  try {
    utf8 = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // not UTF-8: decided below
  }
  if (utf8 !== null) return finish(utf8, 'utf-8', [], input);
  const offset = firstInvalidUtf8(bytes);
  if (hasMultibyteUtf8(bytes)) {
    throw new DiscernError(
      'INPUT_ENCODING',
      `invalid UTF-8 at byte ${offset} (the file mixes valid UTF-8 with broken sequences); re-save it as UTF-8 or pass --encoding`,
      input,
    );
  }
  // one byte, one character in every single-byte encoding: the NUL rule before guessing
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new DiscernError('INPUT_BINARY', `the file is binary, not text: it contains a NUL character (at character ${nul})`, input);
  const legacy = detectLegacyEncoding(bytes, input);
  const text = legacy.encoding === 'windows-1252' ? decodeWindows1252(bytes) : new TextDecoder(legacy.encoding).decode(bytes);
  return finish(text, legacy.encoding, [`not valid UTF-8 (first bad byte at ${offset}); decoded as ${legacy.encoding} (detected, confidence ${legacy.confidence}%; pass --encoding to choose another)`], input);
}

/** Decode with an encoding the user named (`--encoding latin1`). */
export function decodeWithEncoding(bytes: Uint8Array, encoding: string, input: string): DecodedText {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new DiscernError('USAGE', `unknown encoding "${encoding}"`, input);
  }
  let text: string;
  try {
    text = decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes);
  } catch {
    throw new DiscernError('INPUT_ENCODING', `the bytes are not valid ${decoder.encoding}`, input);
  }
  return finish(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, decoder.encoding, [`decoded as ${decoder.encoding} as asked`], input);
}

/** Windows-1252 by its real table (Node's TextDecoder reads 0x80–0x9F as C1 controls, losing curly quotes, dashes and €). */
export function decodeWindows1252(bytes: Uint8Array): string {
  return windows1252(bytes);
}

/** UTF-16 after its BOM: an unpaired surrogate is a broken file, not text to guess at. */
function strictDecode(bytes: Uint8Array, encoding: Exclude<BomEncoding, 'utf-32le' | 'utf-32be'>, input: string): string {
  if (encoding !== 'utf-8' && bytes.length % 2 !== 0) {
    throw new DiscernError('INPUT_ENCODING', `the file starts with a ${encoding.toUpperCase()} byte-order mark but has an odd number of bytes`, input);
  }
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new DiscernError('INPUT_ENCODING', `the file starts with a ${encoding.toUpperCase()} byte-order mark but is not valid ${encoding.toUpperCase()}`, input);
  }
}

/** UTF-32 (TextDecoder has none): four bytes per code point, each a Unicode scalar value. */
function decodeUtf32(bytes: Uint8Array, encoding: 'utf-32le' | 'utf-32be', input: string): string {
  if (bytes.length % 4 !== 0) throw new DiscernError('INPUT_ENCODING', `the file starts with a ${encoding.toUpperCase()} byte-order mark but its length is not a multiple of 4 bytes`, input);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = encoding === 'utf-32le';
  const parts: string[] = [];
  const chunk: number[] = [];
  for (let i = 0; i < bytes.length; i += 4) {
    const cp = view.getUint32(i, little);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      throw new DiscernError('INPUT_ENCODING', `invalid ${encoding.toUpperCase()} at byte ${i + 4} (0x${cp.toString(16)} is not a character)`, input);
    }
    chunk.push(cp);
    if (chunk.length === 4096) parts.push(String.fromCodePoint(...chunk.splice(0)));
  }
  if (chunk.length > 0) parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}

/** Only white space, counting the spaces JavaScript's \s leaves out (zero-width space, word joiner). */
const BLANK = /^[\s\u200B\u200C\u200D\u2060]*$/u;

function finish(raw: string, encoding: string, warnings: string[], input: string): DecodedText {
  const nul = raw.indexOf('\u0000');
  if (nul >= 0) throw new DiscernError('INPUT_BINARY', `the file is binary, not text: it contains a NUL character (at character ${nul})`, input);
  const text = normalizeLineEndings(raw);
  if (BLANK.test(text)) throw new DiscernError('INPUT_EMPTY', 'the file holds only white space', input);
  return { text, encoding, warnings };
}

export function normalizeLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

export function hasByteOrderMark(bytes: Uint8Array): boolean {
  return detectBom(bytes) !== null;
}

function detectBom(bytes: Uint8Array): { encoding: BomEncoding; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  // UTF-32 before UTF-16: FF FE 00 00 would otherwise read as UTF-16LE and a NUL
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0x00 && bytes[3] === 0x00) return { encoding: 'utf-32le', length: 4 };
  if (bytes[0] === 0x00 && bytes[1] === 0x00 && bytes[2] === 0xfe && bytes[3] === 0xff) return { encoding: 'utf-32be', length: 4 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * Many C0 control bytes other than tab/newline/CR/form feed in the first 64 KiB: a binary
 * file. (A single NUL anywhere is caught after decoding, by the one NUL rule in finish.)
 */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 65536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b !== 0x00 && b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return control / n > 0.02;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const len = utf8SequenceLength(bytes, i);
    if (len === 0) return i;
    i += len;
  }
  return -1;
}

function hasMultibyteUtf8(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] >= 0xc2 && utf8SequenceLength(bytes, i) > 1) return true;
  }
  return false;
}

/** Length of the well-formed UTF-8 sequence at i, or 0 if it is not one. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  if (b < 0x80) return 1;
  const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
  if (need < 0) return 0;
  for (let k = 1; k <= need; k++) {
    const c = bytes[i + k];
    if (c === undefined || (c & 0xc0) !== 0x80) return 0;
  }
  return need + 1;
}
