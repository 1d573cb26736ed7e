import type { Span } from '../core/types.js';

export interface Token extends Span {
  /** the token's text, as in the document */
  text: string;
  /** lower-cased, with typographic apostrophes folded, for lookups */
  norm: string;
}

/**
 * Words, numbers (with their decimal and thousands marks) and acronyms with inner
 * dots or hyphens ("U.S.", "ISIS-K", "S/2025/796" is three tokens). Linear and
 * language-agnostic: any script with letters or marks.
 */
const TOKEN = /\p{N}+(?:[.,]\p{N}+)*|(?:\p{L}\.){2,}|[\p{L}\p{M}]+(?:['’\-][\p{L}\p{M}]+)*/gu;

export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const tokens: Token[] = [];
  const slice = text.slice(start, end);
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(slice); m; m = TOKEN.exec(slice)) {
    const s = start + m.index;
    tokens.push({ start: s, end: s + m[0].length, text: m[0], norm: normalizeWord(m[0]) });
  }
  return tokens;
}

export function normalizeWord(word: string): string {
  const lower = word.toLowerCase();
  // most words hold no typographic apostrophe: skip the replace (a regex run per token, ~2× the cost)
  return lower.indexOf('’') < 0 ? lower : lower.replace(/’/g, "'");
}

/** Word count without building token objects: the cheap path for profiles. */
export function countWords(text: string): number {
  let n = 0;
  TOKEN.lastIndex = 0;
  while (TOKEN.exec(text)) n++;
  return n;
}
