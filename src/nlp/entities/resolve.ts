import type { Span } from '../../core/types.js';
import type { Gazetteer } from './gazetteer.js';
import { foldName } from './fold.js';
import type { EntityMention, EntityType, ResolutionPath } from './mentions.js';
import { LONE_WORD_CONFIDENCE, type Candidate } from './candidate.js';

/**
 * Alias resolution within a document: every mention gets the one canonical name of its
 * actor. In order of trust: the gazetteer (with spelling variants), acronyms the text
 * defines ("Inter-Services Intelligence (ISI)"), the full form of a person's name for a
 * later surname-only mention, and the first full spelling of a name for its variants —
 * word order included for bodies ("Interim Ethiopian Government" = "Ethiopian Interim
 * Government"), never for people ("Ali Hassan" is not "Hassan Ali").
 */

const ACRONYM_AFTER = /^\s*\(\s*(\p{Lu}[\p{Lu}\p{N}&.\-]{1,9})\s*\)/u;

/** The acronym a name defines right after itself, if its letters fit the name. */
export function definedAcronym(text: string, span: Span): string | null {
  const match = ACRONYM_AFTER.exec(text.slice(span.end, span.end + 16));
  if (!match) return null;
  const acronym = match[1];
  return lettersFit(acronym, text.slice(span.start, span.end)) ? acronym : null;
}

/** Each acronym letter appears, in order, among the name's capital letters. */
function lettersFit(acronym: string, name: string): boolean {
  const capitals = name.replace(/[^\p{Lu}]/gu, '');
  const letters = acronym.replace(/[^\p{L}]/gu, '').toUpperCase();
  let k = 0;
  for (const ch of capitals) if (ch === letters[k]) k++;
  return k === letters.length && letters.length >= 2;
}

interface Known {
  canonical: string;
  type: EntityType;
}

export function resolveAliases(text: string, candidates: Candidate[], gazetteer: Gazetteer): EntityMention[] {
  const acronyms = new Map<string, Known>();
  const byFold = new Map<string, Known>();
  const byBag = new Map<string, Known>();
  const bagOf = (surface: string): string | null => {
    const words = foldName(surface).split(/\s+/u).filter(Boolean);
    return words.length >= 2 ? [...words].sort().join(' ') : null;
  };
  const confidence = new Map<string, number>();
  /** surname → the first full name of a person with it */
  const persons = new Map<string, Known>();
  /** first word → the first full name starting with it: a titled "Mr Zhao" for "Zhao Lijian" (family name first) */
  const leading = new Map<string, Known>();

  const canonicalOf = (c: Candidate): Known => {
    if (c.hit) return { canonical: c.hit.entry.name, type: c.hit.entry.type };
    const surface = text.slice(c.start, c.end);
    const hit = gazetteer.lookup(surface);
    if (hit) return { canonical: hit.entry.name, type: hit.entry.type };
    const bag = c.type === 'organisation' || c.type === 'group' ? bagOf(surface) : null;
    return byFold.get(foldName(surface)) ?? (bag ? byBag.get(bag) : undefined) ?? { canonical: surface, type: c.type };
  };

  // Pass 1: definitions and full names, so that earlier short forms resolve too.
  const definers = new Map<Candidate, Known>();
  for (const c of candidates) {
    let known = canonicalOf(c);
    const acronym = definedAcronym(text, c);
    if (acronym) {
      // "Afghan General Directorate of Intelligence (GDI)": a listed acronym names the entity.
      const listed = gazetteer.lookup(acronym);
      if (listed && !c.hit) known = { canonical: listed.entry.name, type: listed.entry.type };
      if (!acronyms.has(acronym)) acronyms.set(acronym, known);
      definers.set(c, known);
    }
    // The most confident reading of a name decides its type for every mention of it; lone
    // words that are only surname candidates decide nothing.
    const key = foldName(text.slice(c.start, c.end));
    const previous = byFold.get(key);
    if (!c.hit && c.confidence > LONE_WORD_CONFIDENCE && (!previous || c.confidence > (confidence.get(key) ?? 0))) {
      byFold.set(key, previous ? { ...known, canonical: previous.canonical } : known);
      confidence.set(key, c.confidence);
    }
    const bag = known.type === 'organisation' || known.type === 'group' ? bagOf(text.slice(c.start, c.end)) : null;
    if (bag && !c.hit && !byBag.has(bag)) byBag.set(bag, known);
    if (known.type === 'person' && known.canonical.includes(' ')) {
      // the first full name with this surname, as a scan of every person would find it (a map: linear in long texts)
      const surname = known.canonical.split(' ').slice(-1)[0];
      if (!persons.has(surname)) persons.set(surname, known);
      const first = known.canonical.split(' ')[0];
      if (!leading.has(first)) leading.set(first, known);
    }
  }

  const mentions = candidates.map((c): EntityMention => {
    const surface = text.slice(c.start, c.end);
    const definer = definers.get(c);
    const titled = !c.hit && c.type === 'person' && !surface.includes(' ') && c.confidence > LONE_WORD_CONFIDENCE && !persons.has(surface) ? leading.get(surface) : undefined;
    const { known, via } = definer && !c.hit ? { known: definer, via: 'acronym' as const } : titled ? { known: titled, via: 'partial' as const } : resolveOne(c, surface, canonicalOf, acronyms, persons);
    const confidence = via === 'partial' ? Math.max(c.confidence, 0.7) : c.confidence;
    return { start: c.start, end: c.end, surface, canonical: known.canonical, type: known.type, via, confidence };
  });
  return mentions.filter((m) => m.confidence > LONE_WORD_CONFIDENCE);
}

function resolveOne(
  c: Candidate,
  surface: string,
  canonicalOf: (c: Candidate) => Known,
  acronyms: Map<string, Known>,
  persons: Map<string, Known>,
): { known: Known; via: ResolutionPath } {
  if (c.hit) return { known: canonicalOf(c), via: c.hit.alias ? 'gazetteer' : 'variant' };
  const defined = acronyms.get(surface);
  if (defined) return { known: defined, via: 'acronym' };
  if (!surface.includes(' ') && (c.type === 'person' || c.type === 'place')) {
    const person = persons.get(surface);
    if (person) return { known: person, via: 'partial' };
  }
  const known = canonicalOf(c);
  return { known, via: known.canonical === surface ? 'pattern' : 'variant' };
}
