/**
 * Results of a function of (text, start, end) for spans of the last document text seen: the
 * pipeline's shared context, reuse's and narratives' extracts, claims' attribution, entity
 * units and the comment signals each split and tokenise the same sections and sentences of a
 * document again. Only spans of a text of at least MIN_TEXT characters are kept (a document,
 * not a phrase or a sentence string), at most `maxItems` items in all, and only for the most
 * recent such text, so what stays alive after a document is bounded. Callers get their own
 * array; the items in it are shared (no caller modifies them).
 */
const MIN_TEXT = 1000;
/** start and end in one number: spans end before 2^26 (inputs are at most 50 MB of text). */
const SPAN_KEY = 2 ** 26;

export function spanMemo<T>(compute: (text: string, start: number, end: number) => T[], maxItems: number): (text: string, start: number, end: number) => T[] {
  let current: string | null = null;
  const known = new Map<number, T[]>();
  let items = 0;
  return (text, start, end) => {
    if (text.length < MIN_TEXT || end > SPAN_KEY || start < 0) return compute(text, start, end);
    if (text !== current) {
      current = text;
      known.clear();
      items = 0;
    }
    const key = start * SPAN_KEY + end;
    const hit = known.get(key);
    if (hit) return hit.slice();
    const result = compute(text, start, end);
    if (items + result.length > maxItems) return result;
    known.set(key, result);
    items += result.length;
    return result.slice();
  };
}
