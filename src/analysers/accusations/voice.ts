import type { Document } from '../../core/types.js';

/**
 * The article's own voice as an actor. It is the document's author or outlet, else the site
 * or file it came from — never one "the article" node shared by every document of a corpus.
 */
export function articleVoice(doc: Pick<Document, 'id' | 'source'>): string {
  const s = doc.source;
  // a byline read from "The writer is a freelance columnist …" describes, it does not name
  if (s.author && looksLikeName(s.author)) return s.author;
  if (s.outlet) return s.outlet;
  if (s.url) {
    try {
      return new URL(s.url).hostname.replace(/^www\./u, '');
    } catch {
      // not a URL: fall through
    }
  }
  if (s.path) return `the article (${s.path.split(/[\\/]/u).pop()})`;
  if (s.title) return `the article "${s.title}"`;
  return `the article ${doc.id.slice(0, 8)}`;
}

/** A closing line about the byline ("The writer is a freelance columnist based in …"). */
export function isAboutTheWriter(sentence: string): boolean {
  return /^\s*[(\[*_]*\s*(?:the|this)\s+(?:writer|author|columnist|contributor|op-ed writer|reviewer)s?\s+(?:is|was|are|has|teaches|works|heads|serves)(?![\p{L}])/iu.test(sentence)
    || /^\s*[(\[*_]*\s*(?:[\p{Lu}][\p{L}.'’-]+\s+){1,4}(?:is|was)\s+an?\s+(?:freelance\s+)?(?:columnist|journalist|writer|contributor|analyst|researcher|commentator)\b.{0,120}$/u.test(sentence) && !/\b(?:said|told|accused|says)\b/u.test(sentence);
}

/** "Amina Bello", "Jean-Luc de la Rue", "Staff Reporter" — not "a freelance columnist based in …". */
export function looksLikeName(value: string): boolean {
  const words = value.trim().split(/\s+/u);
  return words.length > 0 && words.length <= 6 && words.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || /^(?:de|da|del|der|van|von|al|el|bin|ibn|la|le|of|and|&)$/u.test(w));
}
