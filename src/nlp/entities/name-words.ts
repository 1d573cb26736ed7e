import { tokenize } from '../tokens.js';
import { loadGazetteer } from './gazetteer.js';

/**
 * The words of the built-in gazetteer's names, aliases and demonyms ("pakistan", "afghans",
 * "kabul", "isi"), lower-cased. Models that mask capitalised names (claims, techniques,
 * machine-written text) remove these from the words they would otherwise unmask because they
 * were seen in lower case in training ("pakistan" in a hashtag), so that every listed actor is
 * masked the same way, whichever side it is on. Used at training time; the result is stored
 * in each model's vocabulary.
 *
 * `laterAdditions` (default false): also the names added after the word vectors were distilled
 * (capitals.json, demonyms.json). The vectors and the models trained before them were built
 * without them; a model retrained since (claims 1.4.0) takes them in. The distil script keeps
 * the default, so the committed vectors' word list does not change.
 */
export async function gazetteerNameWords(options: { laterAdditions?: boolean } = {}): Promise<Set<string>> {
  const gazetteer = await loadGazetteer([], { laterAdditions: options.laterAdditions ?? false });
  const out = new Set<string>();
  for (const entry of gazetteer.entries) {
    for (const name of [entry.name, ...entry.aliases, ...(entry.demonyms ?? [])]) {
      for (const t of tokenize(name)) if (/^\p{Lu}/u.test(t.text)) out.add(t.norm);
    }
  }
  return out;
}
