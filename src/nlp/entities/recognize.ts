import { readFileSync } from 'node:fs';
import type { Span } from '../../core/types.js';
import { dataPath } from '../../core/paths.js';
import { LONE_WORD_CONFIDENCE, type Candidate } from './candidate.js';
import type { Gazetteer, GazetteerHit } from './gazetteer.js';
import { isAcronym } from './gazetteer.js';
import type { EntityMention, EntityType } from './mentions.js';
import { capitalisedUnitSurfaces, nameUnits, type Unit } from './units.js';
import { definedAcronym, resolveAliases } from './resolve.js';
import { append, minOf } from '../../core/arrays.js';

/**
 * Named entities without a statistical NER (none ships for offline use): gazetteer
 * phrases, capitalised name runs typed by their head word or context, UN document
 * symbols, and acronyms defined in the text. Then alias resolution (resolve.ts) ties
 * every mention to one canonical name.
 */

interface Cues {
  heads: Record<Exclude<EntityType, 'person'>, string[]>;
  lowercaseDocumentHeads: string[];
  titles: string[];
  sourceNouns: string[];
  collectives: string[];
  notNames: string[];
  sentenceStarters: string[];
  organisationNounsBefore?: string[];
  portfolios?: string[];
}

interface CueSets {
  head: Map<string, Exclude<EntityType, 'person'>>;
  lowercaseDocumentHeads: Set<string>;
  titles: Set<string>;
  sourceNouns: Set<string>;
  collectives: Set<string>;
  notNames: Set<string>;
  sentenceStarters: Set<string>;
  organisationNounsBefore: Set<string>;
  portfolios: Set<string>;
  commonWords: Set<string>;
}

let cues: CueSets | null = null;

function loadCues(): CueSets {
  if (cues) return cues;
  const raw = JSON.parse(readFileSync(dataPath('lexicons', 'entity-cues.json'), 'utf8')) as Cues;
  const head = new Map<string, Exclude<EntityType, 'person'>>();
  for (const [type, words] of Object.entries(raw.heads) as Array<[Exclude<EntityType, 'person'>, string[]]>) {
    for (const word of words) if (!head.has(word)) head.set(word, type);
  }
  cues = {
    head,
    lowercaseDocumentHeads: new Set(raw.lowercaseDocumentHeads),
    titles: new Set(raw.titles),
    sourceNouns: new Set(raw.sourceNouns),
    collectives: new Set(raw.collectives),
    notNames: new Set(raw.notNames),
    sentenceStarters: new Set(raw.sentenceStarters),
    organisationNounsBefore: new Set(raw.organisationNounsBefore ?? []),
    portfolios: new Set(raw.portfolios ?? []),
    commonWords: new Set((JSON.parse(readFileSync(dataPath('lexicons', 'common-words.json'), 'utf8')) as { words: string[] }).words),
  };
  return cues;
}

export interface RecognizeOptions {
  /** sentences or other spans to search; Title Case spans (titles, headings) get gazetteer matching only */
  spans: Array<Span & { titleCase?: boolean }>;
}

/** What may stand between two units of one name: a space, a hyphen, a transliteration connector. */
const NAME_GAP = /^(?:[ \-‐]?|[-‐](?:e|i|ul|al|o)[-‐])$/u;
const CONNECTOR_WORDS = new Set(['of', 'the', 'for', 'de', 'del', 'al', 'el', 'bin', 'ibn', 'von', 'van', 'da', 'du', 'la', 'le', '&']);
/** Collective nouns whose possessive stays inside a name: "Tigray People's Liberation Front", "Workers' Party". */
const POSSESSIVE_IN_NAME = new Set(['People', 'Peoples', 'Workers', 'Women', 'Farmers', 'Patriots', 'Martyrs', 'Nations', 'Soldiers']);
/** Verbs and function words a Title-Case headline capitalises: never the last word of a name ("Ali Is “Turning …”"). */
const NOT_LAST_IN_NAME = new Set(['is', 'are', 'was', 'were', 'has', 'have', 'had', 'will', 'would', 'says', 'said', 'claims', 'accuses', 'denies', 'warns', 'blames', 'slams', 'rejects', 'urges', 'calls', 'to', 'and', 'in', 'on', 'at', 'as', 'by', 'with', 'after', 'over']);
const UN_SYMBOL = /\b(?:S|A|E|A\/RES|S\/RES|E\/CN\.\d+|A\/HRC(?:\/RES)?)\/(?:\d{1,4}\/)*\d{1,5}(?:\/(?:Add|Rev|Corr)\.\d+)*\b/gu;
const NUMBERED_DOCUMENT = /\b(?:Resolution|resolution|Article|Decree|Order|Law)\s+(?:No\.\s*)?\d{1,5}(?:\s*\(\d{4}\))?/gu;

export function recognizeEntities(text: string, gazetteer: Gazetteer, options: RecognizeOptions): EntityMention[] {
  const capitalisedElsewhere = capitalisedMidSentence(text, options.spans);
  const candidates: Candidate[] = [];
  for (const span of options.spans) {
    const units = nameUnits(text, span.start, span.end);
    const fromGazetteer = gazetteerCandidates(text, units, gazetteer);
    const fromPatterns = span.titleCase && isTitleCased(units) ? [] : patternCandidates(text, units, gazetteer, capitalisedElsewhere);
    append(append(candidates, merge(text, fromGazetteer, fromPatterns)), documentSymbols(text, span));
  }
  return resolveAliases(text, dedupe(candidates), gazetteer);
}

/**
 * A title or heading capitalises every word only in Title Case ("Ali Is Turning Guyana Into …");
 * a sentence-case headline ("Moroccan Prime Minister, Saad-Eddine El-Othmani, accused Algeria of …",
 * the style of most wires) capitalises names only, so its capitals are evidence like a sentence's.
 */
function isTitleCased(units: Unit[]): boolean {
  const words = units.filter((u) => u.surface.length >= 4 && /^\p{L}/u.test(u.surface));
  if (words.length < 4) return true;
  return words.filter((u) => u.capitalised).length * 2 >= words.length;
}

function gazetteerCandidates(text: string, units: Unit[], gazetteer: Gazetteer): Candidate[] {
  const found: Candidate[] = [];
  for (let i = 0; i < units.length; ) {
    const match = longestPhrase(units, i, gazetteer);
    if (!match) {
      i++;
      continue;
    }
    const first = units[i];
    const last = units[match.end - 1];
    // An alias that ends in a bracket ("X (formerly Twitter)") takes the bracket along.
    const closing = /[)\]]$/.exec(match.hit.alias ?? '');
    found.push({
      start: first.start,
      end: closing && text[last.end] === closing[0] ? last.end + 1 : last.end,
      surface: '',
      type: match.hit.entry.type,
      confidence: match.hit.demonym ? 0.7 : 0.95,
      hit: match.hit,
      typedByHead: false,
    });
    i = match.end;
  }
  return found;
}

function longestPhrase(units: Unit[], i: number, gazetteer: Gazetteer): { end: number; hit: GazetteerHit } | null {
  const first = units[i];
  const firstWord = first.key.split(' ')[0];
  for (const phrase of gazetteer.phrasesStartingWith(firstWord)) {
    if (phrase.alias.length === 1) continue; // single letters ("X") only inside longer aliases
    const end = consume(units, i, phrase.words);
    if (end < 0) continue;
    const surface = units.slice(i, end).map((u) => u.surface).join(' ');
    // "south Korean", "north Korean": a state's own media writes the compass word of a divided
    // country in lower case; the capitalised word after it still names it
    const compassFirst = !first.capitalised && phrase.words.length >= 2 && COMPASS.test(first.surface) && units[i + 1]?.capitalised === true;
    if (phrase.acronym ? !sameAcronym(surface, phrase.alias) : !first.capitalised && !compassFirst && !/^\p{N}/u.test(first.surface)) continue;
    if (!phrase.acronym && phrase.words.length === 1 && first.upper && first.surface.length > 3 && !isAcronym(phrase.alias)) continue;
    return { end, hit: phrase.hit };
  }
  return null;
}

const COMPASS = /^(?:north|south|east|west)$/u;
/** Capitalised particles inside personal names (patronymic, nobiliary, kunya). */
const NAME_PARTICLES = new Set(['Ould', 'Bin', 'Ben', 'Ibn', 'Abu', 'Abdel', 'Abd', 'Sidi', 'Van', 'Von', 'De', 'Da', 'Dos', 'Del', 'Della', 'Le', 'La']);

/** Units from i whose keys spell exactly `words`; returns the end unit index or -1. */
function consume(units: Unit[], i: number, words: string[]): number {
  let w = 0;
  let j = i;
  while (w < words.length && j < units.length) {
    if (j > i && units[j].token !== units[j - 1].token && units[j].start - units[j - 1].end > 3) return -1;
    for (const part of units[j].key.split(' ')) {
      if (part !== words[w]) return -1;
      w++;
    }
    j++;
  }
  return w === words.length ? j : -1;
}

function sameAcronym(surface: string, alias: string): boolean {
  return surface.replace(/\s/g, '-') === alias || surface === alias;
}

/** Capitalised runs, typed by head word, title, apposition or context. */
function patternCandidates(text: string, units: Unit[], gazetteer: Gazetteer, elsewhere: Set<string>): Candidate[] {
  const cue = loadCues();
  const found: Candidate[] = [];
  let i = 0;
  while (i < units.length) {
    if (!startsName(units, i, cue, elsewhere)) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < units.length && (continuesName(text, units, end, cue) || joinsPortfolio(text, units, i, end, gazetteer, cue))) end++;
    while (end - 1 > i && (!units[end - 1].capitalised || NOT_LAST_IN_NAME.has(units[end - 1].surface.toLowerCase()))) end--; // no trailing connector or headline verb
    const candidate = typeRun(text, units, i, end, gazetteer, cue);
    if (candidate) found.push(candidate);
    i = end;
  }
  return found;
}

function startsName(units: Unit[], i: number, cue: CueSets, elsewhere: Set<string>): boolean {
  const unit = units[i];
  const next = units[i + 1];
  const nextJoined = next !== undefined && next.capitalised && next.start - unit.end <= 1;
  if (!unit.capitalised || /^\p{N}/u.test(unit.surface)) return false;
  // "Western" alone is not a name; "Northern Water Authority" is.
  if (cue.notNames.has(unit.surface) && !nextJoined) return false;
  if (i > 0) return true;
  // Sentence-initial capitals prove nothing: common words ("Later", "Despite") never start a name.
  if (cue.sentenceStarters.has(unit.surface) || cue.commonWords.has(unit.surface.toLowerCase())) return false;
  return elsewhere.has(unit.surface) || nextJoined;
}

/** Weekdays continue no name: "the China Coast Guard Sunday" is the coast guard, on Sunday. */
const WEEKDAYS = new Set(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);

function continuesName(text: string, units: Unit[], j: number, cue: CueSets): boolean {
  const unit = units[j];
  if (WEEKDAYS.has(unit.surface)) return false;
  const gap = text.slice(units[j - 1].end, unit.start);
  if (unit.capitalised && /^['’]s? $/u.test(gap) && POSSESSIVE_IN_NAME.has(units[j - 1].surface)) return true;
  if (!NAME_GAP.test(gap)) return false; // punctuation, possessives and line breaks end a name
  if (unit.capitalised) return true;
  const lower = unit.surface.toLowerCase();
  const next = units[j + 1];
  if (!CONNECTOR_WORDS.has(lower) || next === undefined || !/^[ \-‐]?$/u.test(text.slice(unit.end, next.start))) return false;
  if (next.capitalised) return true;
  // "Office of the Government Spokesperson", "Ministry of the Interior": "of the" joins two capitalised parts
  const after = units[j + 2];
  return lower === 'of' && next.surface === 'the' && after !== undefined && after.capitalised && !after.upper && / $/u.test(text.slice(next.end, after.start));
}

/**
 * "Ministry of Foreign Affairs and Defence", "Ministry of Water Resources and Irrigation": "and"
 * joins a second portfolio to a body's "of" phrase, so the body is one name, not a shorter body and
 * a stray word. Only after "<head> of …" in the run, and only before a portfolio word of the cues
 * (data/lexicons/entity-cues.json `portfolios`) — never a person's title ("… and Prime Minister X"),
 * another name ("… and Luis Arce") or a place, person or group the gazetteer lists.
 */
function joinsPortfolio(text: string, units: Unit[], runStart: number, j: number, gazetteer: Gazetteer, cue: CueSets): boolean {
  const unit = units[j];
  const next = units[j + 1];
  if (!/^(?:and|&)$/u.test(unit.surface) || next === undefined || !next.capitalised || next.upper) return false;
  if (!/^ $/u.test(text.slice(units[j - 1].end, unit.start)) || !/^ $/u.test(text.slice(unit.end, next.start))) return false;
  let bodyOf = false;
  // "Ministry of …", and a title's portfolio: "Minister for Water and Energy"
  for (let k = runStart + 1; k < j; k++) if ((units[k].surface === 'of' && cue.head.get(units[k - 1].surface) === 'organisation') || (/^(?:of|for)$/u.test(units[k].surface) && cue.titles.has(units[k - 1].surface))) bodyOf = true;
  if (!bodyOf) return false;
  const portfolio = cue.portfolios.has(next.surface);
  const listed = gazetteer.lookup(next.surface)?.entry.type;
  return portfolio && (listed === undefined || listed === 'organisation');
}

/**
 * "State Minister for Foreign Affairs Ana Rojas", "Minister of Water and Energy Ana Rojas": a title
 * with its portfolio, then the holder's name — the name is the person (the run as a whole is no
 * name, and "Energy Ana Rojas" is not one either). The portfolio is words of the cues' list.
 */
function portfolioHolder(units: Unit[], i: number, end: number, cue: CueSets): Span | null {
  let k = i;
  while (k < end - 1 && !(/^(?:of|for)$/u.test(units[k].surface) && k > i && cue.titles.has(units[k - 1].surface))) k++;
  if (k >= end - 1) return null;
  k++;
  if (!cue.portfolios.has(units[k].surface)) return null;
  while (k < end && (cue.portfolios.has(units[k].surface) || /^(?:and|&|the)$/u.test(units[k].surface))) k++;
  const name = units.slice(k, end);
  if (name.length < 2 || name.length > 4 || !name.every((u) => u.capitalised && !u.upper && !cue.titles.has(u.surface) && !cue.head.has(u.surface))) return null;
  return { start: name[0].start, end: name[name.length - 1].end };
}

function typeRun(text: string, units: Unit[], i: number, end: number, gazetteer: Gazetteer, cue: CueSets): Candidate | null {
  const holder = portfolioHolder(units, i, end, cue);
  if (holder) return { start: holder.start, end: holder.end, surface: text.slice(holder.start, holder.end), hit: null, type: 'person', confidence: 0.8, typedByHead: false };
  let start = i;
  let hadTitle = false;
  // "Ukrainian President Volodymyr Zelenskyy", "Indian Prime Minister …": a country or demonym
  // before a title is the person's country, not part of the name (unless a head word types the
  // whole run: "Chinese Foreign Ministry")
  if (end - i >= 3 && !headOf(units.slice(i, end), cue) && cue.titles.has(units[i + 1].surface) && gazetteer.lookup(units[i].surface)?.entry.type === 'place') start++;
  // "Defense Army", "Foreign Ministry": a title before a lone head word is part of the body's name
  const headOnly = end - start === 2 && cue.head.has(units[end - 1].surface);
  while (!headOnly && start < end - 1 && cue.titles.has(units[start].surface.replace(/\.$/, ''))) {
    start++;
    hadTitle = true;
  }
  const run = units.slice(start, end);
  // "Minister", and "Ministers" ("Chile's Foreign and Defence Ministers"): a title alone, or its plural, names nobody
  if (run.length === 1 && (cue.titles.has(run[0].surface) || cue.titles.has(run[0].surface.replace(/s$/u, '')))) return null;
  // "Minister of Foreign Affairs": a title with its portfolio is a role, not a name
  if (hadTitle && CONNECTOR_WORDS.has(run[0].surface.toLowerCase())) return null;
  const surface = text.slice(run[0].start, run[run.length - 1].end);
  const after = text.slice(run[run.length - 1].end, run[run.length - 1].end + 40);
  const before = text.slice(Math.max(0, run[0].start - 12), run[0].start);
  const nextWord = /^\s+(\p{L}+)/u.exec(after)?.[1] ?? '';
  const headType = headOf(run, cue);
  const base = { start: run[0].start, end: run[run.length - 1].end, surface, hit: null };

  if (headType) return { ...base, type: headType, confidence: 0.8, typedByHead: true };
  if (cue.lowercaseDocumentHeads.has(nextWord) && run.length <= 3) {
    const headEnd = run[run.length - 1].end + after.indexOf(nextWord) + nextWord.length;
    return { ...base, end: headEnd, surface: text.slice(base.start, headEnd), type: 'document', confidence: 0.7, typedByHead: true };
  }
  if (cue.collectives.has(nextWord) && run.length <= 2 && !run.some((u) => u.upper) && !gazetteer.lookup(surface)) {
    const headEnd = run[run.length - 1].end + after.indexOf(nextWord) + nextWord.length;
    return { ...base, end: headEnd, surface: text.slice(base.start, headEnd), type: 'group', confidence: 0.6, typedByHead: true };
  }
  if (cue.sourceNouns.has(nextWord)) return { ...base, type: 'organisation', confidence: 0.6, typedByHead: false };
  if (run.length === 1 && run[0].upper && run[0].surface.length >= 2) {
    return { ...base, type: 'organisation', confidence: 0.45, typedByHead: false };
  }
  const personCue = hadTitle || /^\s*,\s+(?:a|an|the|who|whose)\b/u.test(after) || /^\s+(?:said|says|told|added|noted|wrote|warned|stated|claimed|argued|revealed|disclosed|who)\b/u.test(after);
  const plain = run.every((u) => !u.upper);
  // "Mustafa Salma Ould Sidi Mouloud", "Abdel Fattah al-Burhan": a name particle allows a fifth word
  const longest = run.some((u) => NAME_PARTICLES.has(u.surface)) ? 5 : 4;
  if (personCue && plain && run.length <= longest && (run.length >= 2 || hadTitle)) {
    return { ...base, type: 'person', confidence: 0.8, typedByHead: false };
  }
  if (run.length <= 3 && plain && /\b(?:in|from|near|across|at|to|into|outside|inside)\s+$/u.test(before)) {
    return { ...base, type: 'place', confidence: 0.5, typedByHead: false };
  }
  if (run.length >= 2 && run.length <= longest && plain) return { ...base, type: 'person', confidence: 0.55, typedByHead: false };
  // "nuclear agency Energoatom", "oil giant ExxonMobil": a lower-case organisation noun names it
  const nounBefore = /(\p{Ll}[\p{Ll}’'-]*)\s+$/u.exec(before)?.[1];
  if (run.length <= 2 && nounBefore && cue.organisationNounsBefore.has(nounBefore)) return { ...base, type: 'organisation', confidence: 0.6, typedByHead: false };
  // A lone capitalised word is kept only if it turns out to be the surname of a person
  // named in full elsewhere in the document (resolve.ts drops it otherwise).
  if (run.length === 1 && plain) return { ...base, type: 'person', confidence: LONE_WORD_CONFIDENCE, typedByHead: false };
  return null;
}

function headOf(run: Unit[], cue: CueSets): Exclude<EntityType, 'person'> | null {
  if (run.length < 2) return null; // a head word alone ("Agency") is not a name
  for (let k = run.length - 1; k >= 0; k--) {
    const type = cue.head.get(run[k].surface);
    if (type) return type;
  }
  return null;
}

/**
 * Gazetteer matches win, unless a longer name run is typed by a head word they do not
 * cover ("Pakistan-Afghanistan Joint Chamber of Commerce") or defines an acronym.
 */
function merge(text: string, gazetteerFound: Candidate[], patternFound: Candidate[]): Candidate[] {
  const kept = [...gazetteerFound];
  for (const candidate of patternFound) {
    const overlapping = gazetteerFound.filter((g) => g.start < candidate.end && candidate.start < g.end);
    if (overlapping.length === 0) {
      kept.push(candidate);
      continue;
    }
    const longer = overlapping.every((g) => g.start >= candidate.start && g.end <= candidate.end && g.end - g.start < candidate.end - candidate.start);
    const headUncovered = candidate.typedByHead && overlapping.every((g) => g.end < candidate.end);
    if (longer && (headUncovered || definedAcronym(text, candidate) !== null)) {
      for (const g of overlapping) kept.splice(kept.indexOf(g), 1);
      kept.push(candidate);
      continue;
    }
    // "Ministry of Culture and Tourism of Chile": the joined body stays a name before "of" the state
    // the gazetteer knows (without "and", "Ministry of Foreign Affairs of X" is left to the actor layer as before)
    const owned = candidate.typedByHead ? /^(.+?\s(?:and|&)\s.+?)\s+of\s+(?:the\s+)?$/u.exec(text.slice(candidate.start, minOf(overlapping.map((g) => g.start)))) : null;
    if (owned && overlapping.every((g) => g.end <= candidate.end)) kept.push({ ...candidate, end: candidate.start + owned[1].length, surface: owned[1] });
  }
  return kept.sort((a, b) => a.start - b.start);
}

function documentSymbols(text: string, span: Span): Candidate[] {
  const slice = text.slice(span.start, span.end);
  const found: Candidate[] = [];
  for (const pattern of [UN_SYMBOL, NUMBERED_DOCUMENT]) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(slice); m; m = pattern.exec(slice)) {
      if (pattern === NUMBERED_DOCUMENT && !/^[Rr]esolution/.test(m[0])) continue;
      const start = span.start + m.index;
      found.push({ start, end: start + m[0].length, surface: m[0], type: 'document', confidence: 0.9, hit: null, typedByHead: true });
    }
  }
  return found;
}

/**
 * Overlaps between sources: document symbols ("S/2024/123") win over the name runs their
 * capital letters start; otherwise the longer, then the earlier candidate stays.
 */
function dedupe(candidates: Candidate[]): Candidate[] {
  const symbols = candidates.filter((c) => c.type === 'document' && !c.hit && /\d/.test(c.surface));
  const others = candidates.filter((c) => !symbols.includes(c) && !symbols.some((s) => s.start < c.end && c.start < s.end));
  const sorted = [...symbols, ...others].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Candidate[] = [];
  for (const c of sorted) {
    const last = kept[kept.length - 1];
    if (last && c.start < last.end) continue;
    kept.push(c);
  }
  return kept;
}

/** Words seen capitalised after the start of a sentence: evidence they are names. */
function capitalisedMidSentence(text: string, spans: Array<Span & { titleCase?: boolean }>): Set<string> {
  const words = new Set<string>();
  for (const span of spans) {
    if (span.titleCase) continue;
    capitalisedUnitSurfaces(text, span.start, span.end, (surface, i) => {
      if (i >= 1) words.add(surface);
    });
  }
  return words;
}
