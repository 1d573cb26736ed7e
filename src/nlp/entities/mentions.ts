import type { Span } from '../../core/types.js';

export type EntityType = 'person' | 'organisation' | 'place' | 'group' | 'document';

/** How a mention was recognised and tied to its canonical entity. */
export type ResolutionPath =
  | 'gazetteer' // a name or alias in a gazetteer
  | 'acronym' // defined in the text, "Long Name (LN)"
  | 'variant' // a spelling variant of a known name ("Tehreek" / "Tehrik")
  | 'partial' // a shorter reference to a name given in full earlier ("Khalilzad")
  | 'pattern'; // a capitalised name, typed by its context

export interface EntityMention extends Span {
  /** the words as written */
  surface: string;
  /** the one name every alias of this actor resolves to */
  canonical: string;
  type: EntityType;
  via: ResolutionPath;
  /** 0..1: how sure the recogniser is that this is an entity of this type */
  confidence: number;
}

/**
 * Mentions inside [start, end), from mentions sorted by start (as the entity layer returns
 * them): a binary search instead of a scan, so per-sentence lookups stay linear overall.
 */
export function mentionsWithin(mentions: readonly EntityMention[], start: number, end: number): EntityMention[] {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid].start < start) lo = mid + 1;
    else hi = mid;
  }
  const out: EntityMention[] = [];
  for (let i = lo; i < mentions.length && mentions[i].start < end; i++) if (mentions[i].end <= end) out.push(mentions[i]);
  return out;
}
