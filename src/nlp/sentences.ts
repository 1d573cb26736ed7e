import type { Span } from '../core/types.js';
import { spanMemo } from './span-memo.js';

/**
 * A linear, language-agnostic sentence splitter. (Intl.Segmenter is quadratic on long
 * strings in V8, and sentence splitters from NLP libraries split URLs and initials apart.)
 * A boundary is a run of terminal punctuation, optional closing quotes or brackets, then
 * white space — unless the word before it is a known abbreviation or a single initial.
 * Line breaks always end a sentence. A "sentence" longer than MAX_SENTENCE_CHARS (a text
 * without punctuation, a pasted table) is cut at white space into pieces of at most that
 * length, so that analysers that look at pairs of words within a sentence stay linear in
 * the length of the document.
 */

/** Longer than any sentence of real prose (the longest in our evaluation data is ~1,200). */
export const MAX_SENTENCE_CHARS = 2000;

const TERMINAL = '.!?…。！？۔؟';
const CLOSERS = '"\'”’»)]）';
// …and a full stop glued to the next sentence by a scraper ("…Foreign Affairs.Mao Ning said"):
// two lower-case letters, the stop, then a capitalised word
const BOUNDARY = new RegExp(`[${escapeClass(TERMINAL)}]+[${escapeClass(CLOSERS)}]*(?=\\s)|(?<=\\p{Ll}{2})\\.(?=\\p{Lu}\\p{Ll}+[\\s,])|\\n`, 'gu');

/** Words that end in a full stop without ending the sentence (lower-cased, without the stop). */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'gen', 'col', 'lt', 'capt', 'maj', 'sgt', 'adm',
  'gov', 'sen', 'rep', 'pres', 'amb', 'hon', 'rev', 'fr', 'no', 'nos', 'vol', 'vs', 'etc', 'e.g', 'i.e',
  'cf', 'al', 'approx', 'est', 'inc', 'ltd', 'co', 'corp', 'dept', 'fig', 'p', 'pp', 'jan', 'feb', 'mar',
  'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'u.s', 'u.k', 'u.n', 'a.m', 'p.m',
]);

function escapeClass(chars: string): string {
  return chars.replace(/[\]\\^-]/g, '\\$&');
}

function endsWithAbbreviation(text: string, stopIndex: number): boolean {
  if (text[stopIndex] !== '.') return false;
  let i = stopIndex;
  while (i > 0 && /[\p{L}.]/u.test(text[i - 1])) i--;
  const word = text.slice(i, stopIndex);
  if (word.length === 0) return false;
  if (/^\p{Lu}$/u.test(word)) return true; // an initial, as in "Linda Y. Hernandez"
  return ABBREVIATIONS.has(word.toLowerCase());
}

/** Is the text after `index` the start of a new sentence (not a lower-case continuation)? */
function startsNewSentence(text: string, index: number): boolean {
  const rest = /\S/u.exec(text.slice(index, index + 8));
  if (!rest) return true;
  return !/\p{Ll}/u.test(rest[0]);
}

function trimSpan(text: string, start: number, end: number): Span | null {
  while (start < end && /\s/u.test(text[start])) start++;
  while (end > start && /\s/u.test(text[end - 1])) end--;
  return end > start ? { start, end } : null;
}

/** at most this many sentences of the last document are kept (span-memo.ts) */
const MEMO_SENTENCES = 5_000;
const memoSentences = spanMemo(splitSpan, MEMO_SENTENCES);

/** Sentences of `text[start, end)`, as trimmed spans into `text`. */
export function splitSentences(text: string, start = 0, end = text.length): Span[] {
  return memoSentences(text, start, end);
}

function splitSpan(text: string, start: number, end: number): Span[] {
  const slice = text.slice(start, end);
  const spans: Span[] = [];
  let from = 0;
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(slice); m; m = BOUNDARY.exec(slice)) {
    const cut = m.index + m[0].length;
    if (m[0] !== '\n') {
      if (endsWithAbbreviation(slice, m.index + m[0].length - 1) && !/[!?]/.test(m[0])) {
        // "U.S. Army" stays one sentence; "in the U.S. The next" is split only by case.
        // a bounded look back: an abbreviation is short, and the whole prefix would make this quadratic
        const word = slice.slice(Math.max(0, m.index - 40), m.index + 1).match(/[\p{L}.]+$/u)?.[0] ?? '';
        if (!/^\p{Lu}(\.\p{Lu})+\.$/u.test(word) || !startsNewSentence(slice, cut)) continue;
        if (/^(U\.S|U\.K|U\.N)\.$/.test(word)) continue;
      }
      if (!startsNewSentence(slice, cut)) continue;
    }
    pushCapped(text, trimSpan(text, start + from, start + cut), spans);
    from = cut;
  }
  pushCapped(text, trimSpan(text, start + from, end), spans);
  return spans;
}

/** The span, or pieces of it of at most MAX_SENTENCE_CHARS cut after white space (never inside a surrogate pair). */
function pushCapped(text: string, span: Span | null, spans: Span[]): void {
  if (!span) return;
  let from = span.start;
  while (span.end - from > MAX_SENTENCE_CHARS) {
    let cut = from + MAX_SENTENCE_CHARS;
    const space = text.lastIndexOf(' ', cut - 1);
    if (space > from + MAX_SENTENCE_CHARS / 2) cut = space + 1;
    else if (/[\uDC00-\uDFFF]/.test(text[cut])) cut--;
    const piece = trimSpan(text, from, cut);
    if (piece) spans.push(piece);
    from = cut;
  }
  const rest = trimSpan(text, from, span.end);
  if (rest) spans.push(rest);
}
