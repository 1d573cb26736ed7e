import { tokenize } from '../../nlp/tokens.js';

/**
 * The gazetteer's one-word names that a model masks whatever their case (train
 * --lower-case-names), without those that are ordinary words too: one letter ("x"), or written
 * in lower case at least twice in the training text (the threshold at which a lower-case word
 * joins the model's `lower` vocabulary: "raw", "poles"). In lower case such a word is the word,
 * not the name, and masking it would only hide a word from the model; capitalised, it stays
 * masked as every name is.
 */
export function pruneLowerCaseNames(names: ReadonlySet<string>, texts: Iterable<string>, minLower = 2): { kept: Set<string>; dropped: string[] } {
  const lower = new Map<string, number>();
  for (const text of texts) {
    for (const t of tokenize(text)) if (names.has(t.norm) && !/\p{Lu}/u.test(t.text)) lower.set(t.norm, (lower.get(t.norm) ?? 0) + 1);
  }
  const kept = new Set<string>();
  const dropped: string[] = [];
  for (const w of names) {
    if ([...w].length > 1 && (lower.get(w) ?? 0) < minLower) kept.add(w);
    else dropped.push(w);
  }
  return { kept, dropped: dropped.sort() };
}
