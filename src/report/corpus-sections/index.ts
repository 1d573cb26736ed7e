import type { CorpusSection } from './section.js';

/** Corpus-wide report sections, in the order reports show them. Adding one: one module, one line. */
export const corpusSections: readonly CorpusSection[] = [];
