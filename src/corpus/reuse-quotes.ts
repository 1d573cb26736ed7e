/**
 * Quotations for reuse: outlets that quote the same public statement print the same words
 * without copying one another, so reuse counts quoted words apart (reuse.ts). A quotation is
 * text between paired quotation marks in one paragraph — “…”, «…», „…“, 「…」, 『…』 or
 * straight "…" — of at least MIN_QUOTED_WORDS words: a statement, not a scare-quoted term
 * ("so-called “interference”"). Marks only, no speech verbs: the same in every language.
 */

export interface QuotedSpan {
  start: number;
  end: number;
}

/** Words a quotation needs to be a statement rather than a quoted term. */
export const MIN_QUOTED_WORDS = 4;

const CLOSERS: Record<string, string> = { '“': '”', '«': '»', '„': '“”', '「': '」', '『': '』', '"': '"' };
const WORD = /[\p{L}\p{N}]+/gu;

/** Quotations of `text[start, end)` (a paragraph break ends an unclosed quotation). */
export function quotedSpans(text: string, start = 0, end = text.length): QuotedSpan[] {
  const out: QuotedSpan[] = [];
  let open = -1;
  let closers = '';
  for (let i = start; i < end; i++) {
    const ch = text[i];
    if (open >= 0 && closers.includes(ch)) {
      const inner = text.slice(open + 1, i);
      if ((inner.match(WORD)?.length ?? 0) >= MIN_QUOTED_WORDS) out.push({ start: open, end: i + 1 });
      open = -1;
    } else if (open < 0 && ch in CLOSERS) {
      open = i;
      closers = CLOSERS[ch];
    } else if (ch === '\n' && text[i + 1] === '\n') open = -1;
  }
  return out;
}

/** Whether most of the tokens are inside the quotations (sorted, disjoint): the sentence rests on a quotation. */
export function mostlyQuoted(tokens: ReadonlyArray<{ start: number; end: number }>, quotes: readonly QuotedSpan[]): boolean {
  if (tokens.length === 0 || quotes.length === 0) return false;
  let inside = 0;
  let q = 0;
  for (const t of tokens) {
    while (q < quotes.length && quotes[q].end <= t.start) q++;
    if (q < quotes.length && quotes[q].start <= t.start && t.end <= quotes[q].end) inside++;
  }
  return inside * 2 > tokens.length;
}
