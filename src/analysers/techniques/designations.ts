import { readFileSync } from 'node:fs';
import type { Span } from '../../core/types.js';
import { dataPath } from '../../core/paths.js';
import type { EntityMention } from '../../nlp/entities/mentions.js';

/**
 * "Terrorist" said of a group on a UN Security Council sanctions list describes its
 * designation, not name-calling (data/gazetteer/designations.json: UN lists only, the same
 * list for every side). Only a span that is nothing but the label ("terrorists", "the
 * terrorist group") next to such a group is spared; any other wording stays a finding.
 */

let designated: Map<string, string> | null = null;

export function designatedGroups(): Map<string, string> {
  if (designated) return designated;
  const raw = JSON.parse(readFileSync(dataPath('gazetteer', 'designations.json'), 'utf8')) as { entries: Array<{ name: string; list: string }> };
  designated = new Map(raw.entries.map((e) => [e.name, e.list]));
  return designated;
}

const LABEL_ONLY = /^(?:the\s+|a\s+)?(?:terrorists?|terrorism|terrorist\s+(?:group|organi[sz]ation|outfit|network|movement|militia|fighters?))$/iu;

/** The designated group a bare "terrorist" label describes, if one stands right beside it. */
export function describesDesignatedGroup(text: string, span: Span, mentions: readonly EntityMention[]): string | null {
  if (!LABEL_ONLY.test(text.slice(span.start, span.end).trim())) return null;
  const groups = designatedGroups();
  for (const m of mentions) {
    if (m.end < span.start - 40 || m.start > span.end + 40) continue;
    if (!groups.has(m.canonical)) continue;
    const gap = m.end <= span.start ? text.slice(m.end, span.start) : text.slice(span.end, m.start);
    // "ISKP terrorists", "the terrorist group Boko Haram", "terrorists of Al-Shabaab", "Al-Shabaab, a terrorist group"
    if (/^\s*(?:,\s*(?:a|an|the)\s*)?$|^\s*(?:of|from|belonging to|linked to)?\s*(?:the\s+)?$|^['’]s\s*$/iu.test(gap)) return m.canonical;
  }
  return null;
}
