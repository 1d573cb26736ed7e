import type { DocumentContext, Sentence } from '../analysers/analyzer.js';
import type { Document, Section } from '../core/types.js';
import type { EntityMention } from '../nlp/entities/mentions.js';
import { recognizeEntities } from '../nlp/entities/recognize.js';
import type { Resources } from '../nlp/resources.js';
import { splitSentences } from '../nlp/sentences.js';
import { tokenize, type Token } from '../nlp/tokens.js';

/** Sections whose words are the document's own content (not page furniture). */
const CONTENT_KINDS: ReadonlySet<Section['kind']> = new Set(['title', 'heading', 'body', 'comment', 'byline']);
/** Sections analysed for language: the article's prose. */
const PROSE_KINDS: ReadonlySet<Section['kind']> = new Set(['title', 'heading', 'body']);

/**
 * The per-document context analysers read from. Each layer is computed on first use and
 * then shared, so an analyser pays only for what it asks for.
 */
export function createContext(doc: Document, resources: Resources): DocumentContext {
  let sentences: Sentence[] | null = null;
  let entities: EntityMention[] | null = null;
  let language: { code: string | null; score: number } | null = null;
  const tokenCache = new Map<string, Token[]>();

  const context: DocumentContext = {
    doc,
    resources,
    sentences() {
      sentences ??= doc.sections.flatMap((section, index) =>
        CONTENT_KINDS.has(section.kind)
          ? splitSentences(doc.text, section.start, section.end).map((s) => ({ ...s, section: index, sectionKind: section.kind }))
          : [],
      );
      return sentences;
    },
    tokens(start = 0, end = doc.text.length) {
      const key = `${start}:${end}`;
      let tokens = tokenCache.get(key);
      if (!tokens) {
        tokens = tokenize(doc.text, start, end);
        tokenCache.set(key, tokens);
      }
      return tokens;
    },
    entities() {
      entities ??= recognizeEntities(doc.text, resources.gazetteer, {
        spans: context
          .sentences()
          .map((s) => ({ start: s.start, end: s.end, titleCase: s.sectionKind === 'title' || s.sectionKind === 'heading' })),
      });
      return entities;
    },
    language() {
      language ??= resources.language.identify(
        doc.sections
          .filter((s) => PROSE_KINDS.has(s.kind))
          .map((s) => doc.text.slice(s.start, s.end))
          .join('\n'),
      );
      return language;
    },
    sectionsOf(...kinds) {
      return doc.sections.map((section, index) => ({ ...section, index })).filter((s) => kinds.includes(s.kind));
    },
  };
  return context;
}
