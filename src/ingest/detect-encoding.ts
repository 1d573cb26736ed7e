import { analyse, type Match } from 'chardet';
import { TextDecoder } from 'node:util';
import { DiscernError } from '../core/errors.js';

/**
 * Which legacy encoding a file that is not UTF-8 is in. chardet (ICU's detector: byte n-gram
 * statistics per language and encoding, pure JavaScript, no network) ranks candidates; each is
 * decoded, candidates that read the same are one reading (Windows-1250 and Windows-1252 read
 * "café" alike), and the best reading is taken only when it is confident and clearly ahead of
 * the next different one. Otherwise the file is refused with the likely encodings named, so
 * the user passes `--encoding NAME` rather than getting mojibake stored as evidence.
 */

export interface DetectedEncoding {
  /** WHATWG name TextDecoder takes ("windows-1256", "koi8-r", "iso-8859-7", …) */
  encoding: string;
  /** chardet's confidence, 0–100 */
  confidence: number;
}

/** The best reading must score at least this… */
export const MIN_CONFIDENCE = 50;
/** …and this much more than the next reading that gives a different text. */
export const MIN_MARGIN = 20;
/** Bytes chardet looks at: windows around non-ASCII bytes (it is slow on whole large files). */
const SAMPLE_BYTES = 32 * 1024;
const WINDOW_BEFORE = 48;
const WINDOW_AFTER = 208;

/**
 * chardet's names → TextDecoder's. When a strict decode fails (a byte the ISO table leaves
 * undefined), the Windows code page that shares its letters is tried.
 */
const SUPERSET: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  'iso-8859-7': 'windows-1253',
  'iso-8859-8': 'windows-1255',
  'iso-8859-9': 'windows-1254',
};

export function detectLegacyEncoding(bytes: Uint8Array, input: string): DetectedEncoding {
  const sample = highByteSample(bytes);
  const readings: Array<{ encoding: string; confidence: number; text: string }> = [];
  for (const match of analyse(sample)) {
    const reading = readAs(sample, match);
    if (!reading) continue;
    const same = readings.find((r) => r.text === reading.text);
    if (same) {
      // one reading, several names: keep the best confidence and the Western default's name
      same.confidence = Math.max(same.confidence, match.confidence);
      if (reading.encoding === 'windows-1252') same.encoding = 'windows-1252';
    } else readings.push({ ...reading, confidence: match.confidence });
  }
  readings.sort((a, b) => b.confidence - a.confidence);
  const [best, next] = readings;
  if (best && best.confidence >= MIN_CONFIDENCE && best.confidence - (next?.confidence ?? 0) >= MIN_MARGIN) {
    // the sample decoded; the whole file must too (a sample can miss an undefined byte)
    if (best.encoding === 'windows-1252' || strictOk(bytes, best.encoding)) return { encoding: best.encoding, confidence: best.confidence };
  }
  const likely = readings.slice(0, 3).map((r) => `${r.encoding} (${r.confidence}%)`);
  throw new DiscernError(
    'INPUT_ENCODING',
    `not UTF-8, and its legacy encoding is not clear${likely.length > 0 ? ` (likely: ${likely.join(', ')})` : ''}: ` +
      `pass --encoding NAME (e.g. --encoding ${readings[0]?.encoding ?? 'windows-1252'}) or re-save the file as UTF-8`,
    input,
  );
}

/** The candidate's text of the sample, or null when TextDecoder has no such encoding or the bytes are not valid in it. */
function readAs(sample: Uint8Array, match: Match): { encoding: string; text: string } | null {
  const name = decoderName(match.name);
  if (!name) return null;
  for (const encoding of [name, SUPERSET[name]].filter((e): e is string => e !== undefined)) {
    if (encoding === 'windows-1252') return { encoding, text: windows1252(sample) };
    try {
      return { encoding, text: new TextDecoder(encoding, { fatal: true }).decode(sample) };
    } catch {
      // not valid in this one: try the superset, if any
    }
  }
  return null;
}

/** chardet reports Unicode and ISO-2022 forms too; only the legacy encodings TextDecoder reads are candidates here. */
function decoderName(name: string): string | null {
  if (/^(UTF-|ASCII$|ISO_2022$|mbcs$|sbcs$)/.test(name)) return null;
  try {
    return new TextDecoder(name).encoding;
  } catch {
    return null;
  }
}

function strictOk(bytes: Uint8Array, encoding: string): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Up to SAMPLE_BYTES of the file: windows around its non-ASCII bytes (where encodings differ),
 * with some ASCII context, in file order; small files whole.
 */
export function highByteSample(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= SAMPLE_BYTES) return bytes;
  const parts: Uint8Array[] = [];
  let size = 0;
  let covered = 0;
  for (let i = 0; i < bytes.length && size < SAMPLE_BYTES; i++) {
    if (bytes[i] < 0x80 || i < covered) continue;
    const start = Math.max(covered, i - WINDOW_BEFORE);
    const end = Math.min(bytes.length, i + WINDOW_AFTER, start + (SAMPLE_BYTES - size));
    parts.push(bytes.subarray(start, end));
    size += end - start;
    covered = end;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Node's TextDecoder reads 0x80–0x9F of "windows-1252" as C1 controls (Latin-1): the real table. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

export function windows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192) {
    parts.push(Array.from(bytes.subarray(i, i + 8192), (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b))).join(''));
  }
  return parts.join('');
}
