import { TextDecoder } from 'node:util';
import { DiscernError } from '../core/errors.js';

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  warnings: string[];
}

/**
 * Bytes → text, as the issue asks: a byte-order mark decides (UTF-8, UTF-16 LE/BE) and is
 * removed; otherwise strict UTF-8; otherwise Windows-1252 — but only when the bytes hold no
 * valid multi-byte UTF-8 at all (a file that is mostly UTF-8 with broken sequences is
 * corrupt, and guessing would silently garble it). Line endings become "\n". Nothing else
 * is changed, so offsets computed by other tools on the same file map back exactly.
 */
export function decodeText(bytes: Uint8Array, input: string): DecodedText {
  if (bytes.length === 0) throw new DiscernError('INPUT_EMPTY', 'the file is empty (0 bytes)', input);
  const bom = detectBom(bytes);
  if (bom) {
    const text = new TextDecoder(bom.encoding, { fatal: false }).decode(bytes.subarray(bom.length));
    return finish(text, bom.encoding, [], input);
  }
  if (looksBinary(bytes)) {
    throw new DiscernError('INPUT_BINARY', 'the file is binary (it contains NUL or control bytes), not text', input);
  }
  try {
    return finish(new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'utf-8', [], input);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    if (hasMultibyteUtf8(bytes)) {
      throw new DiscernError(
        'INPUT_ENCODING',
        `invalid UTF-8 at byte ${offset} (the file mixes valid UTF-8 with broken sequences); re-save it as UTF-8 or pass --encoding`,
        input,
      );
    }
    const text = decodeWindows1252(bytes);
    return finish(text, 'windows-1252', [`not valid UTF-8 (first bad byte at ${offset}); decoded as Windows-1252`], input);
  }
}

/** Decode with an encoding the user named (`--encoding latin1`). */
export function decodeWithEncoding(bytes: Uint8Array, encoding: string, input: string): DecodedText {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new DiscernError('USAGE', `unknown encoding "${encoding}"`, input);
  }
  try {
    return finish(decoder.decode(bytes), 'utf-8', [`decoded as ${decoder.encoding} as asked`], input);
  } catch {
    throw new DiscernError('INPUT_ENCODING', `the bytes are not valid ${decoder.encoding}`, input);
  }
}

/**
 * Windows-1252 by hand: Node's TextDecoder decodes 0x80–0x9F as Latin-1 control
 * characters, losing curly quotes, dashes and the euro sign.
 */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b))).join('');
  }
  return out;
}

function finish(raw: string, encoding: DecodedText['encoding'], warnings: string[], input: string): DecodedText {
  const text = normalizeLineEndings(raw);
  if (text.trim().length === 0) throw new DiscernError('INPUT_EMPTY', 'the file holds only white space', input);
  return { text, encoding, warnings };
}

export function normalizeLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

function detectBom(bytes: Uint8Array): { encoding: DecodedText['encoding']; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** NUL bytes, or many C0 control bytes other than tab/newline/CR/form feed, in the first 64 KiB. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 65536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
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
