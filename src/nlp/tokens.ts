import type { Span } from '../core/types.js';
import { spanMemo } from './span-memo.js';

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

/** at most this many tokens of the last document are kept (span-memo.ts) */
const MEMO_TOKENS = 50_000;
const memoTokens = spanMemo(tokenizeSpan, MEMO_TOKENS);

export function tokenize(text: string, start = 0, end = text.length): Token[] {
  return memoTokens(text, start, end);
}

function tokenizeSpan(text: string, start: number, end: number): Token[] {
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
