import { readFileSync } from 'node:fs';
import { dataPath } from '../core/paths.js';
import type { Span } from '../core/types.js';
import { findCertaintyMarkers } from '../analysers/claims/certainty.js';
import { extractDates, type DateMention } from '../analysers/claims/dates.js';
import { loadClaimLexicons } from '../analysers/claims/lexicons.js';
import { extractNumbers, type NumberMention } from '../analysers/claims/numbers.js';
import type { Gazetteer } from '../nlp/entities/gazetteer.js';
import type { EntityMention } from '../nlp/entities/mentions.js';
import { tokenize, type Token } from '../nlp/tokens.js';
import { entitiesOf } from './evidence/passages.js';

/**
 * What the verdict checks compare in a claim and in a passage: content words (stemmed),
 * entities (aliases resolved to one canonical name), numbers with the words they count,
 * dates with the words they date, negation and hedges. Offsets are into the text given.
 */

interface WordList {
  reason: string;
  words: string[];
}
interface VerificationLexicon {
  stopwords: WordList;
  negations: WordList;
  passageHedges: WordList;
  roles: WordList;
  deaths: WordList;
  living: WordList;
}

export interface Lexicon {
  stopwords: Set<string>;
  negations: Set<string>;
  passageHedges: RegExp;
  roles: Set<string>;
  deaths: Set<string>;
  living: Set<string>;
}

let lexicon: Lexicon | null = null;

export function verificationLexicon(): Lexicon {
  if (lexicon) return lexicon;
  const raw = JSON.parse(readFileSync(dataPath('lexicons', 'verification.json'), 'utf8')) as VerificationLexicon;
  const set = (l: WordList) => new Set(l.words.map((w) => w.toLowerCase()));
  const phrases = raw.passageHedges.words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
  lexicon = {
    stopwords: set(raw.stopwords),
    negations: set(raw.negations),
    passageHedges: new RegExp(`\\b(?:${phrases.join('|')})\\b`, 'iu'),
    roles: set(raw.roles),
    deaths: set(raw.deaths),
    living: set(raw.living),
  };
  return lexicon;
}

/** A light suffix stripper, enough to match "killed"/"killing"/"kills" and "officers"/"officer". */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/['’]s$/, '');
  if (w.length <= 3) return w;
  for (const [suffix, keep] of [['ies', 'y'], ['ied', 'y'], ['ing', ''], ['ed', ''], ['es', ''], ['s', '']] as const) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length) + keep;
      break;
    }
  }
  if (/(.)\1$/.test(w) && !/(ll|ss)$/.test(w)) w = w.slice(0, -1); // "stopped" → "stop"
  return w;
}

export interface CountedNumber extends NumberMention {
  /** stems of the words the number counts ("17 police officers killed" → police, officer, kill) */
  about: string[];
}

export interface PlacedDate extends DateMention {
  /** stems of the words just before and after the date ("founded in 2015" → found) */
  about: string[];
}

export interface TextFacts {
  text: string;
  tokens: Token[];
  /** content words, stemmed, in order */
  stems: string[];
  stemSet: Set<string>;
  entities: EntityMention[];
  /** canonical names of the entities, confident ones only */
  canonicals: Set<string>;
  numbers: CountedNumber[];
  dates: PlacedDate[];
  negations: Token[];
  /** hedges in the text (claims: the certainty lexicon; passages: that plus unconfirmed-report words) */
  hedges: Array<Span & { text: string }>;
}

const NUMBER_WINDOW = 4;
const DATE_WINDOW = 3;

export function textFacts(text: string, gazetteer: Gazetteer, kind: 'claim' | 'passage'): TextFacts {
  const lex = verificationLexicon();
  const tokens = tokenize(text);
  const content = tokens.filter((t) => isContent(t, lex));
  const stems = content.map((t) => stem(t.norm));
  const entities = entitiesOf(text, gazetteer);
  const canonicals = new Set(entities.filter((e) => e.confidence >= 0.5).map((e) => e.canonical));
  const dates = extractDates(text);
  const numbers = extractNumbers(text).filter((n) => !dates.some((d) => d.start <= n.start && n.end <= d.end));
  const negations = tokens.filter((t) => lex.negations.has(t.norm) || t.norm.endsWith("n't"));
  const hedges = findCertaintyMarkers(text, { start: 0, end: text.length }, loadClaimLexicons().certainty)
    .filter((m) => m.label === 'hedge')
    .map((m) => ({ start: m.start, end: m.end, text: m.text }));
  if (kind === 'passage') {
    const m = lex.passageHedges.exec(text);
    if (m && !hedges.some((h) => h.start <= m.index && m.index < h.end)) hedges.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return {
    text,
    tokens,
    stems,
    stemSet: new Set(stems),
    entities,
    canonicals,
    numbers: numbers.map((n) => ({ ...n, about: around(content, n, 0, NUMBER_WINDOW) })),
    dates: dates.map((d) => ({ ...d, about: around(content, d, DATE_WINDOW, DATE_WINDOW) })),
    negations,
    hedges,
  };
}

function isContent(t: Token, lex: Lexicon): boolean {
  return !lex.stopwords.has(t.norm) && !/^\p{N}/u.test(t.text) && t.norm.length > 1;
}

/** Stems of content words within `before` words before and `after` words after the span. */
function around(content: Token[], span: Span, before: number, after: number): string[] {
  const firstAfter = content.findIndex((t) => t.start >= span.end);
  const lastBefore = (firstAfter < 0 ? content.length : firstAfter) - 1;
  const out: string[] = [];
  for (let i = Math.max(0, lastBefore - before + 1); i <= lastBefore; i++) if (content[i].end <= span.start) out.push(stem(content[i].norm));
  if (firstAfter >= 0) for (let i = firstAfter; i < Math.min(content.length, firstAfter + after); i++) out.push(stem(content[i].norm));
  return out;
}

/** The content words a search for this claim should use: its words plus every alias of its entities. */
export function queryTerms(facts: TextFacts, aliases: (canonical: string) => string[]): string[] {
  const words = facts.tokens.filter((t) => isContent(t, verificationLexicon())).map((t) => t.norm);
  const names = [...facts.canonicals].flatMap((c) => aliases(c));
  const numbers = facts.numbers.map((n) => String(n.value)).concat(facts.dates.map((d) => d.text));
  return [...new Set([...words, ...names, ...numbers])].slice(0, 64);
}

const DATELINE = /^[\p{Lu}][\p{Lu} .'-]{1,40},\s[^-–—]{0,60}?\s[-–—]\s/u;
const REPORTED = /\b(?:said|says|told\s[^,.;]{1,40}?|stated|claimed|alleged|reported|announced|added|wrote|insisted|warned)(?:\s+on\s+\p{Lu}\p{Ll}+)?(?:\s+that)?\s+/u;
const TRAILING = /,\s+(?:[^,.;]{0,80}?\s)?(?:said|says|told reporters|told\s[^,.;]{1,40}|according to\s[^,.;]{1,60}|claimed|reported)(?:\s+on\s+\p{Lu}\p{Ll}+)?\s*[.!]?$/u;

/**
 * The proposition a reported claim makes, without its dateline and reporting frame:
 * "PORT X, June 3 (Outlet) - The minister said on Tuesday that A did B." → "A did B.";
 * "A did B, officials said." → "A did B". Returns the span in the claim's text.
 */
export function claimCore(text: string): { start: number; end: number } {
  let start = 0;
  let end = text.length;
  const dateline = DATELINE.exec(text);
  if (dateline) start = dateline[0].length;
  const reported = REPORTED.exec(text.slice(start));
  if (reported && reported.index < 120) {
    const after = start + reported.index + reported[0].length;
    if (text.slice(after).split(/\s+/).length >= 4) start = after;
  }
  const trailing = TRAILING.exec(text.slice(start, end));
  if (trailing && trailing.index > 15) end = start + trailing.index;
  return { start, end };
}
