import { createHash } from 'node:crypto';
import { absoluteHttpUrl } from '../core/links.js';
import type { Document, Section, Source } from '../core/types.js';
import type { ExtractedDocument } from './extracted.js';

/** The same text is the same document, wherever it came from. */
export function documentId(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}

export function toDocument(extracted: ExtractedDocument, origin: Source): Document {
  const source: Source = { ...emptySource(), ...dropNulls(origin), ...dropNulls(extracted.source) };
  // the last guard: only absolute http(s) URLs are stored (extractors warn when they drop one)
  source.url = absoluteHttpUrl(source.url);
  return {
    id: documentId(extracted.text),
    format: extracted.format,
    source,
    text: extracted.text,
    sections: sortSections(extracted.sections),
  };
}

export function emptySource(): Source {
  return { path: null, url: null, title: null, author: null, outlet: null, publishedAt: null };
}

function dropNulls(source: Source): Source {
  return Object.fromEntries(Object.entries(source).filter(([, v]) => v !== null && v !== undefined)) as Source;
}

/** Sections in text order; `parent` indices are remapped to the new order. */
export function sortSections(sections: Section[]): Section[] {
  const order = sections.map((_, i) => i).sort((a, b) => sections[a].start - sections[b].start || sections[a].end - sections[b].end);
  const newIndex = new Map(order.map((oldIndex, i) => [oldIndex, i]));
  return order.map((oldIndex) => {
    const section = { ...sections[oldIndex] };
    if (typeof section.parent === 'number') section.parent = newIndex.get(section.parent) ?? null;
    return section;
  });
}

/** Text of one section. */
export function sectionText(doc: Pick<Document, 'text'>, section: Section): string {
  return doc.text.slice(section.start, section.end);
}
