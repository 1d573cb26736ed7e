import { readFileSync } from 'node:fs';
import type { Span } from '../../core/types.js';
import { dataPath } from '../../core/paths.js';

/**
 * "Terrorist" said of a group on a UN Security Council sanctions list describes its
 * designation, not name-calling (data/gazetteer/designations.json: UN lists only, the same
 * list for every side). Only a span that is nothing but the label ("terrorists", "the
 * terrorist group") right beside such a group — by its name or a gazetteer alias — is spared;
 * any other wording stays a finding. Plain string matching: the techniques analyser reads no
 * entity layer.
 */

interface Designated {
  name: string;
  /** the name and its aliases, longest first */
  surfaces: string[];
}

let designated: Designated[] | null = null;

export function designatedGroups(): Designated[] {
  if (designated) return designated;
  const raw = JSON.parse(readFileSync(dataPath('gazetteer', 'designations.json'), 'utf8')) as { entries: Array<{ name: string; list: string }> };
  const actors = JSON.parse(readFileSync(dataPath('gazetteer', 'actors.json'), 'utf8')) as { entries: Array<{ name: string; aliases?: string[] }> };
  const aliases = new Map(actors.entries.map((e) => [e.name, e.aliases ?? []]));
  designated = raw.entries.map((e) => ({ name: e.name, surfaces: [e.name, ...(aliases.get(e.name) ?? [])].filter((x) => x.length >= 3).sort((a, b) => b.length - a.length) }));
  return designated;
}

const LABEL_ONLY = /^(?:the\s+|a\s+)?(?:terrorists?|terrorism|terrorist\s+(?:group|organi[sz]ation|outfit|network|movement|militia|fighters?))$/iu;
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/** The designated group a bare "terrorist" label describes, if one is named right beside it. */
export function describesDesignatedGroup(text: string, span: Span): string | null {
  if (!LABEL_ONLY.test(text.slice(span.start, span.end).trim())) return null;
  const before = text.slice(Math.max(0, span.start - 60), span.start);
  const after = text.slice(span.end, span.end + 60);
  for (const g of designatedGroups()) {
    for (const surface of g.surfaces) {
      const name = escape(surface);
      // "ISKP terrorists", "Al-Shabaab's terrorists", "Al-Shabaab, a terrorist group"
      if (new RegExp(`(?<![\\p{L}\\p{N}])${name}(?:['’]s)?(?:,\\s*(?:a|an|the))?\\s*$`, 'u').test(before)) return g.name;
      // "the terrorist group Boko Haram", "terrorists of Al-Shabaab"
      if (new RegExp(`^\\s*(?:(?:of|from|belonging to|linked to)\\s+)?(?:the\\s+)?${name}(?![\\p{L}\\p{N}])`, 'u').test(after)) return g.name;
    }
  }
  return null;
}
