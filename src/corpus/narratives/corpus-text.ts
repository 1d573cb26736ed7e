import type { AnalysedDocument } from '../../analysers/analyzer.js';
import { nameOf } from '../../document/names.js';
import type { Span } from '../../core/types.js';
import type { EntityType } from '../../nlp/entities/mentions.js';
import { splitSentences } from '../../nlp/sentences.js';

/** What the corpus analysers read of one document: its prose sentences and entity mentions. */

export interface Mention extends Span {
  canonical: string;
  type: EntityType;
}

export interface ProseSentence extends Span {
  text: string;
  mentions: Mention[];
}

const PROSE = new Set(['title', 'heading', 'body']);

export function mentionsOf(doc: AnalysedDocument): Mention[] {
  return doc.findings
    .filter((f) => f.kind === 'entity')
    .map((f) => ({ start: f.start, end: f.end, canonical: f.label, type: ((f.data as { type?: EntityType } | undefined)?.type ?? 'organisation') }))
    .sort((a, b) => a.start - b.start);
}

/** Body sentences with the entity mentions inside each (mentions sorted: one linear merge). */
export function proseSentences(doc: AnalysedDocument): ProseSentence[] {
  const mentions = mentionsOf(doc);
  const out: ProseSentence[] = [];
  let k = 0;
  for (const section of doc.doc.sections) {
    if (!PROSE.has(section.kind)) continue;
    for (const s of splitSentences(doc.doc.text, section.start, section.end)) {
      while (k < mentions.length && mentions[k].start < s.start) k++;
      const inside: Mention[] = [];
      for (let j = k; j < mentions.length && mentions[j].start < s.end; j++) if (mentions[j].end <= s.end) inside.push(mentions[j]);
      out.push({ start: s.start, end: s.end, text: doc.doc.text.slice(s.start, s.end), mentions: inside });
    }
  }
  return out;
}

/** A short name for a document in explanations. */
export function docName(doc: AnalysedDocument): string {
  return nameOf(doc.doc);
}

export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
