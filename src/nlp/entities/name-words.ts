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

/**
 * The gazetteer's names, aliases and demonyms that are one word on their own ("pakistan",
 * "afghans", "kabul", "isi"), lower-cased, minus `ordinary` words that running English writes
 * in lower case ("us", "who": data/lexicons/common-words.json). A model that masks capitalised
 * names also masks these when written in lower case ("#pakistan", a comment typed without
 * capitals), so a side's name never reaches the features in any case. Words that are only
 * parts of longer names ("united", "state", "army") stay words when written in lower case:
 * alone they name no side. Used at training time; stored in the model.
 */
export async function gazetteerWholeNames(ordinary: ReadonlySet<string>, options: { laterAdditions?: boolean } = {}): Promise<Set<string>> {
  const gazetteer = await loadGazetteer([], { laterAdditions: options.laterAdditions ?? false });
  const out = new Set<string>();
  for (const entry of gazetteer.entries) {
    for (const name of [entry.name, ...entry.aliases, ...(entry.demonyms ?? [])]) {
      const tokens = tokenize(name);
      if (tokens.length === 1 && /^\p{Lu}/u.test(tokens[0].text) && !ordinary.has(tokens[0].norm)) out.add(tokens[0].norm);
    }
  }
  return out;
}
