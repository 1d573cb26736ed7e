/**
 * Rankings that do not depend on where an item sits in its file. Fact-check collections hold
 * near-duplicates (CheckThat! 2020's claims file has 179 groups of claims identical up to
 * quote marks, which every tokeniser that drops punctuation scores alike): if ties were broken
 * by position, a candidate's rank features — and through them the re-ranker's score — would
 * carry the file's order, and reordering the same collection would change the matches.
 *
 * So: tied scores share one rank (competition ranking, "1 2 2 4"), a cut at k never splits a
 * tie (the whole tie is kept), and an ordering that must be total breaks ties by the items'
 * own text, never by their index, except between identical texts (which nothing can tell apart).
 */

/** Indices of the k largest positive scores, best first, and every further index tied with the k-th. */
export function topTied(scores: ArrayLike<number>, k: number): number[] {
  const idx: number[] = [];
  for (let i = 0; i < scores.length; i++) if (scores[i] > 0) idx.push(i);
  // index order here only lays out equal scores; which of them are kept does not depend on it
  idx.sort((a, b) => scores[b] - scores[a] || a - b);
  if (k <= 0) return [];
  let end = Math.min(k, idx.length);
  while (end < idx.length && end > 0 && scores[idx[end]] === scores[idx[end - 1]]) end++;
  return idx.slice(0, end);
}

/** Each pool member's competition rank by score: 1 + how many members score strictly higher. */
export function competitionRanks(scores: ArrayLike<number>, pool: readonly number[]): Map<number, number> {
  const sorted = [...pool].sort((a, b) => scores[b] - scores[a]);
  const ranks = new Map<number, number>();
  sorted.forEach((index, r) => {
    const previous = r > 0 ? sorted[r - 1] : -1;
    ranks.set(index, r > 0 && scores[index] === scores[previous] ? ranks.get(previous)! : r + 1);
  });
  return ranks;
}

/** Code-unit order of two strings (locale-free, so the same on every machine). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Best first by score; equal scores by the candidates' texts, then (identical texts only) by index. */
export function byScoreThenText<T extends { index: number; score: number }>(texts: readonly string[]): (a: T, b: T) => number {
  return (a, b) => b.score - a.score || compareText(texts[a.index], texts[b.index]) || a.index - b.index;
}
