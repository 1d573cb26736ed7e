import type { Span } from '../../core/types.js';
import { recognizeEntities } from '../../nlp/entities/recognize.js';
import type { Gazetteer } from '../../nlp/entities/gazetteer.js';
import type { EntityMention } from '../../nlp/entities/mentions.js';
import { splitSentences } from '../../nlp/sentences.js';
import type { PassageDraft } from '../../store/reference.js';

/**
 * Cuts a reference text into passages: paragraphs (blank-line separated), long paragraphs
 * into windows of whole sentences, so every verdict can quote a readable unit. Passages
 * never cross a paragraph and are exact spans of the text.
 */

export const PASSAGE_MAX_CHARS = 700;

export function paragraphs(text: string): Span[] {
  const spans: Span[] = [];
  const re = /\n[ \t]*\n/g;
  let from = 0;
  for (let m = re.exec(text); ; m = re.exec(text)) {
    const to = m ? m.index : text.length;
    let s = from;
    let e = to;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) spans.push({ start: s, end: e });
    if (!m) break;
    from = m.index + m[0].length;
  }
  return spans;
}

export function passageSpans(text: string, maxChars = PASSAGE_MAX_CHARS): Span[] {
  const out: Span[] = [];
  for (const para of paragraphs(text)) {
    if (para.end - para.start <= maxChars) {
      out.push(para);
      continue;
    }
    let current: Span | null = null;
    for (const sentence of splitSentences(text, para.start, para.end)) {
      if (current && sentence.end - current.start > maxChars) {
        out.push(current);
        current = null;
      }
      current = current ? { start: current.start, end: sentence.end } : { ...sentence };
    }
    if (current) out.push(current);
  }
  return out;
}

/** Entities of a text (gazetteer, aliases resolved), as the article analysers see them. */
export function entitiesOf(text: string, gazetteer: Gazetteer): EntityMention[] {
  return recognizeEntities(text, gazetteer, { spans: splitSentences(text) });
}

/** Every alias the gazetteer knows for a canonical name (the name itself included). */
export function aliasesOf(canonical: string, gazetteer: Gazetteer): string[] {
  const hit = gazetteer.lookup(canonical);
  const entry = hit && hit.entry.name === canonical ? hit.entry : gazetteer.entries.find((e) => e.name === canonical);
  return entry ? [...new Set([entry.name, ...entry.aliases])] : [canonical];
}

export function buildPassages(text: string, gazetteer: Gazetteer): PassageDraft[] {
  const mentions = entitiesOf(text, gazetteer).filter((m) => m.confidence >= 0.5);
  return passageSpans(text).map((span) => {
    const inside = mentions.filter((m) => m.start >= span.start && m.end <= span.end);
    const entities = [...new Set(inside.map((m) => m.canonical))];
    const aliases = [...new Set(entities.flatMap((c) => aliasesOf(c, gazetteer)))];
    return { start: span.start, end: span.end, entities, aliases };
  });
}
