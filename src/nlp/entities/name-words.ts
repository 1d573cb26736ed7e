import { tokenize } from '../tokens.js';
import { loadGazetteer } from './gazetteer.js';

/**
 * The words of the built-in gazetteer's names, aliases and demonyms ("pakistan", "afghans",
 * "kabul", "isi"), lower-cased. Models that mask capitalised names (claims, techniques,
 * machine-written text) remove these from the words they would otherwise unmask because they
 * were seen in lower case in training ("pakistan" in a hashtag), so that every listed actor is
 * masked the same way, whichever side it is on. Used at training time; the result is stored
 * in each model's vocabulary.
 */
export async function gazetteerNameWords(): Promise<Set<string>> {
  // without the names added after the vectors were distilled (capitals.json, demonyms.json): the
  // committed vectors and models were built without them; the next distil and retraining takes them in
  const gazetteer = await loadGazetteer([], { laterAdditions: false });
  const out = new Set<string>();
  for (const entry of gazetteer.entries) {
    for (const name of [entry.name, ...entry.aliases, ...(entry.demonyms ?? [])]) {
      for (const t of tokenize(name)) if (/^\p{Lu}/u.test(t.text)) out.add(t.norm);
    }
  }
  return out;
}
