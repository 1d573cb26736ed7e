import type { Gazetteer } from '../nlp/entities/gazetteer.js';
import { foldName } from '../nlp/entities/fold.js';
import { AMBIGUOUS_SHORT, type AliasLookup } from '../store/search-expand.js';
import type { ServableStore } from '../store/queries.js';

/**
 * The aliases a search expands a name to: those of the gazetteers (built-in and the user's
 * --gazetteer files) and those the corpus itself resolved — every written form the entity
 * analyser mapped to one canonical entity in any stored document (an acronym defined in one
 * article counts for every other article that uses it). The corpus's forms are read once per
 * change of the store (a GROUP BY over entity findings) and kept in memory.
 */

const MAX_FORMS = 200_000;

interface CorpusForms {
  /** lower-cased surface or canonical name (and its spelling fold) → canonical names */
  labelsOf: Map<string, Set<string>>;
  /** canonical name → its written forms */
  formsOf: Map<string, Set<string>>;
}

function key(text: string): string[] {
  const lower = text.toLowerCase().trim();
  const folded = foldName(text);
  return folded && folded !== lower ? [lower, folded] : [lower];
}

export class SearchAliases {
  private forms: Promise<CorpusForms> | null = null;
  private token: string | null = null;

  constructor(
    private readonly store: ServableStore,
    private readonly gazetteer: Gazetteer,
  ) {}

  /** A lookup over the current corpus and the gazetteers. */
  async lookup(): Promise<AliasLookup> {
    const token = await this.store.changeToken();
    if (!this.forms || token !== this.token) {
      this.token = token;
      this.forms = this.load();
      this.forms.catch(() => (this.forms = null));
    }
    const corpus = await this.forms;
    return (phrase) => this.aliasesOf(phrase, corpus);
  }

  private async load(): Promise<CorpusForms> {
    const rows = await this.store.queries.entityForms(MAX_FORMS);
    const labelsOf = new Map<string, Set<string>>();
    const formsOf = new Map<string, Set<string>>();
    const link = (text: string, label: string) => {
      for (const k of key(text)) {
        let set = labelsOf.get(k);
        if (!set) labelsOf.set(k, (set = new Set()));
        set.add(label);
      }
    };
    for (const { label, surface } of rows) {
      link(surface, label);
      link(label, label);
      let set = formsOf.get(label);
      if (!set) formsOf.set(label, (set = new Set([label])));
      set.add(surface);
    }
    return { labelsOf, formsOf };
  }

  private gazetteerAliases(text: string): string[] {
    const single = !/\s/.test(text.trim());
    const hit = this.gazetteer.lookup(text) ?? (single && text.length >= 3 ? this.gazetteer.lookup(text.toUpperCase()) : null);
    // a demonym ("Afghan") names people of a country, not the country: not widened to it
    if (!hit || hit.demonym) return [];
    return [hit.entry.name, ...hit.entry.aliases];
  }

  private aliasesOf(phrase: string, corpus: CorpusForms): string[] | null {
    const trimmed = phrase.trim();
    if (!trimmed) return null;
    // "us", "who", "it" typed in lower case are words, not the acronyms US, WHO, IT
    if (AMBIGUOUS_SHORT.has(trimmed) || (trimmed.length <= 2 && trimmed !== trimmed.toUpperCase())) return null;
    const out = new Set<string>();
    const labels = new Set<string>();
    for (const k of key(trimmed)) for (const label of corpus.labelsOf.get(k) ?? []) labels.add(label);
    for (const alias of this.gazetteerAliases(trimmed)) {
      out.add(alias);
      for (const k of key(alias)) for (const label of corpus.labelsOf.get(k) ?? []) labels.add(label);
    }
    for (const label of labels) {
      for (const form of corpus.formsOf.get(label) ?? []) out.add(form);
      for (const alias of this.gazetteerAliases(label)) out.add(alias);
    }
    out.delete(trimmed);
    return out.size > 0 ? [...out].sort() : null;
  }
}
