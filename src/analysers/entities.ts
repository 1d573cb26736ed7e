import type { DocumentAnalyzer } from './analyzer.js';

const HOW: Record<string, string> = {
  gazetteer: 'listed in the gazetteer',
  acronym: 'an acronym the text defines',
  variant: 'a spelling variant of a known name',
  partial: 'a short form of a name given in full earlier',
  pattern: 'a capitalised name typed by its context',
};

/** Named actors, with every alias resolved to one canonical name (the finding's label). */
export const entitiesAnalyzer: DocumentAnalyzer = {
  scope: 'document',
  name: 'entities',
  version: '1.6.0',
  kinds: ['entity'],
  description: 'People, organisations, places, groups and documents, with acronyms, spelling variants and surnames resolved to one canonical entity.',
  analyze(ctx) {
    return ctx.entities().map((mention) => ({
      kind: 'entity',
      label: mention.canonical,
      start: mention.start,
      end: mention.end,
      score: mention.confidence,
      explanation:
        mention.surface === mention.canonical
          ? `"${mention.surface}" is a ${mention.type}: ${HOW[mention.via]}.`
          : `"${mention.surface}" refers to ${mention.canonical} (${mention.type}): ${HOW[mention.via]}.`,
      data: { type: mention.type, canonical: mention.canonical, via: mention.via },
    }));
  },
};
