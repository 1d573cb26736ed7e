import type { Span } from '../../core/types.js';
import { tokenize, type Token } from '../tokens.js';
import { foldWord } from './fold.js';

/**
 * Name units: tokens, with hyphenated compounds split into their parts ("ISI-ISIS-K",
 * "Pakistan-Afghanistan", "GDI-affiliated") and transliteration connectors dropped
 * ("Tehrik-i-Taliban" → Tehrik, Taliban), possessives cut off ("ISIS-K’s" → ISIS-K).
 */
export interface Unit extends Span {
  surface: string;
  /** foldWord(lower case) — compared with gazetteer phrases */
  key: string;
  /** index of the token this unit came from: units of one token are hyphen-joined */
  token: number;
  capitalised: boolean;
  /** all letters upper case (an acronym, or a shouted word) */
  upper: boolean;
}

const CONNECTORS = new Set(['e', 'i', 'ul', 'al', 'o']);
const CAPITALISED = /^[\p{Lu}\p{Lt}]/u;

export function nameUnits(text: string, start: number, end: number): Unit[] {
  const units: Unit[] = [];
  forEachUnitPart(text, start, end, (part, partStart, tokenIndex) => {
    units.push(makeUnit(part, partStart, tokenIndex));
  });
  return units;
}

/**
 * The surfaces of `nameUnits` that are capitalised, in order, with their unit index — without
 * building the units (no gazetteer keys): for the document-wide pass that only asks which
 * words are seen capitalised.
 */
export function capitalisedUnitSurfaces(text: string, start: number, end: number, visit: (surface: string, unitIndex: number) => void): void {
  let index = 0;
  forEachUnitPart(text, start, end, (part) => {
    if (CAPITALISED.test(part)) visit(part, index);
    index++;
  });
}

/** Each unit's surface, start and token index, as nameUnits makes them. */
function forEachUnitPart(text: string, start: number, end: number, visit: (part: string, partStart: number, tokenIndex: number) => void): void {
  joinLetterDigits(tokenize(text, start, end)).forEach((token, tokenIndex) => {
    const core = token.text.replace(/['’]s$/u, '');
    const parts = splitHyphenated(core);
    let offset = token.start;
    parts.forEach((part, i) => {
      const partStart = offset;
      offset += part.length + 1;
      const internal = i > 0 && i < parts.length - 1;
      if (internal && CONNECTORS.has(part.toLowerCase())) return;
      if (part.length === 0) return;
      visit(part, partStart, tokenIndex);
    });
  });
}

/** "M23", "G7", "T-72": capitals written against a number are one name ("M" and "23" are not two). */
function joinLetterDigits(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    const prev = out[out.length - 1];
    if (prev && prev.end === t.start && /^\p{N}+$/u.test(t.text) && /(?:^|-)\p{Lu}{1,4}$/u.test(prev.text)) {
      out[out.length - 1] = { start: prev.start, end: t.end, text: prev.text + t.text, norm: prev.norm + t.norm };
    } else out.push(t);
  }
  return out;
}

/** Lower-case words that follow a name in English compounds ("Iran-backed", "US-made", "Kyiv-held"). */
const COMPOUND_TAILS = new Set(['led', 'run', 'made', 'held', 'born', 'based', 'backed', 'linked', 'owned', 'built', 'style', 'wide', 'era', 'type', 'class', 'like', 'free', 'ruled', 'bound', 'due', 'sized', 'level', 'only', 'first', 'mad', 'proof', 'ready', 'side', 'year', 'day', 'week', 'aided', 'armed', 'fed', 'tied', 'area', 'zone', 'range', 'scale', 'grade']);

/** Keep acronym suffixes like "ISIS-K" and "ISIS-KP" whole; split other compounds. */
function splitHyphenated(word: string): string[] {
  const parts = word.split(/[-‐]/u);
  const merged: string[] = [];
  for (const part of parts) {
    const prev = merged[merged.length - 1];
    if (prev !== undefined && /^\p{Lu}{1,2}$/u.test(part) && /^\p{Lu}{2,}$/u.test(prev)) merged[merged.length - 1] = `${prev}-${part}`;
    // "Min-jun", "Ching-te", "Yo-jong": a capitalised syllable and a short lower-case one are one given name
    // (not "Iran-backed", "Russia-led", "Hamas-run": English words after a name)
    else if (prev !== undefined && /^\p{Lu}\p{Ll}{1,5}$/u.test(prev) && /^\p{Ll}{1,5}$/u.test(part) && !COMPOUND_TAILS.has(part)) merged[merged.length - 1] = `${prev}-${part}`;
    else merged.push(part);
  }
  return merged;
}

function makeUnit(surface: string, start: number, token: number): Unit {
  const letters = surface.replace(/[^\p{L}]/gu, '');
  return {
    start,
    end: start + surface.length,
    surface,
    key: keyOf(surface),
    token,
    capitalised: CAPITALISED.test(surface),
    upper: letters.length > 0 && letters === letters.toUpperCase() && /\p{Lu}/u.test(letters),
  };
}

/** The gazetteer's fold of one word: "ISIS-K" → "isis k" is two words there, one unit here. */
export function keyOf(surface: string): string {
  // longer surfaces may be slices that keep a whole document alive: never memoised
  if (surface.length > MAX_MEMO_LENGTH) return foldKey(surface);
  let key = keys.get(surface);
  if (key === undefined) {
    key = foldKey(surface);
    // a bounded memo: the same words recur throughout a document and across documents
    if (keys.size >= MAX_MEMO_KEYS) keys.clear();
    keys.set(surface, key);
  }
  return key;
}

const MAX_MEMO_KEYS = 50_000;
/** V8 copies substrings shorter than 13 characters; longer ones point into their parent string. */
const MAX_MEMO_LENGTH = 12;
const keys = new Map<string, string>();

function foldKey(surface: string): string {
  return surface
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(foldWord)
    .join(' ');
}
