import { decodeWindows1252 } from '../../src/ingest/decode.js';

/**
 * Text → bytes in a legacy single-byte encoding (windows-1256, KOI8-R, ISO-8859-7, …), for
 * fixtures the tests write themselves: the table is Node's own decoder run backwards over the
 * 256 byte values, so no iconv and no network is needed.
 */
export function encodeSingleByte(text: string, encoding: string): Buffer {
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) {
    const one = new Uint8Array([b]);
    const ch = encoding === 'windows-1252' ? decodeWindows1252(one) : new TextDecoder(encoding).decode(one);
    if (ch !== '\ufffd' && !table.has(ch)) table.set(ch, b);
  }
  return Buffer.from(
    [...text].map((ch) => {
      const b = table.get(ch);
      if (b === undefined) throw new Error(`${encoding} has no byte for ${JSON.stringify(ch)}`);
      return b;
    }),
  );
}
