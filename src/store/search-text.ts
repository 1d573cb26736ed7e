import type { Finding } from '../core/types.js';

/**
 * What the stores keep of a finding besides its span, and what the search indexes hold —
 * shared by every backend so that they store and find the same things.
 *
 * Findings store spans, not copies of the text: the quote is `text.slice(start, end)` of the
 * stored document, derived when read. Entity mentions keep their surface form (a few bytes)
 * because the API groups and searches entity aliases by it in SQL.
 *
 * The findings search (GET /search?in=findings) matches a finding's label, explanation and
 * marked passage. Structural findings whose passage is the text itself (sentences, the
 * document's language) are not indexed: the text is searched through the documents index.
 */

export const UNSEARCHED_KINDS: ReadonlySet<string> = new Set(['sentence', 'language']);

/** The surface form kept beside the span (entity mentions only), else null. */
export function storedSurface(f: Finding): string | null {
  return f.kind === 'entity' ? f.quote : null;
}

export interface FindingSearchText {
  label: string;
  quote: string;
  explanation: string;
}

/** What the findings index holds for this finding, or null when it is not searched. */
export function findingSearchText(f: Finding): FindingSearchText | null {
  if (UNSEARCHED_KINDS.has(f.kind)) return null;
  return { label: f.label, quote: f.quote, explanation: f.explanation };
}

/** One required term of a search: a word or a quoted phrase; the last bare word may be a prefix. */
export interface SearchTerm {
  words: string[];
  prefix: boolean;
}

/**
 * A user's search text as terms: "quoted phrases" and words, every one required; letters,
 * digits and underscores only (so no search syntax of any backend gets through); the last
 * bare word of five or more characters also matches as a prefix, for search as you type.
 */
export function searchTerms(input: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const pattern = /"([^"]*)"|([^\s"]+)/g;
  let match: RegExpExecArray | null;
  let lastBare = -1;
  while ((match = pattern.exec(input)) !== null) {
    const phrase = match[1] ?? match[2];
    const words = phrase.match(/[\p{L}\p{N}_]+/gu);
    if (!words) continue;
    terms.push({ words, prefix: false });
    lastBare = match[2] !== undefined && words.length === 1 ? terms.length - 1 : -1;
  }
  if (lastBare >= 0 && lastBare === terms.length - 1 && terms[lastBare].words[0].length >= 3) terms[lastBare].prefix = true;
  return terms;
}

/** Snippet markers: private-use characters, so the client can mark hits without parsing HTML. */
export const HIT_START = '\uE000';
export const HIT_END = '\uE001';

/**
 * Text around the first hit with every hit marked, at most `maxWords` words, '…' where it is
 * cut: how finding hits are shown, the same on every backend.
 */
export function highlight(text: string, terms: SearchTerm[], maxWords = 16): string | null {
  const wanted = terms.flatMap((t) => t.words.map((w, i) => ({ word: w.toLowerCase(), prefix: t.prefix && i === t.words.length - 1 })));
  if (wanted.length === 0) return null;
  const tokens = [...text.matchAll(/[\p{L}\p{N}_]+/gu)];
  const hits = tokens.map((m) => {
    const word = m[0].toLowerCase();
    return wanted.some((w) => (w.prefix ? word.startsWith(w.word) : word === w.word));
  });
  return markedWindow(text, tokens, hits, maxWords);
}

/**
 * The window of at most `maxWords` tokens around the first hit, hits wrapped in the markers,
 * '…' where it is cut; null when nothing is hit. Shared by every highlighter.
 */
export function markedWindow(text: string, tokens: RegExpMatchArray[], hits: boolean[], maxWords: number): string | null {
  const first = hits.indexOf(true);
  if (first < 0) return null;
  const from = Math.max(0, first - Math.floor(maxWords / 3));
  const to = Math.min(tokens.length, from + maxWords);
  const startChar = from === 0 ? 0 : tokens[from].index!;
  const endChar = to === tokens.length ? text.length : tokens[to - 1].index! + tokens[to - 1][0].length;
  let out = from > 0 ? '…' : '';
  let cursor = startChar;
  for (let i = from; i < to; i++) {
    if (!hits[i]) continue;
    const at = tokens[i].index!;
    out += `${text.slice(cursor, at)}${HIT_START}${tokens[i][0]}${HIT_END}`;
    cursor = at + tokens[i][0].length;
  }
  out += text.slice(cursor, endChar);
  if (to < tokens.length) out += '…';
  return out;
}

/** The snippet of a finding hit: its passage, else its explanation, else its label, where a term matches. */
export function findingSnippet(f: FindingSearchText, terms: SearchTerm[]): string {
  return highlight(f.quote, terms) ?? highlight(f.explanation, terms) ?? highlight(f.label, terms) ?? '';
}
