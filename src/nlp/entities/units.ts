import type { Span } from '../../core/types.js';
import { tokenize } from '../tokens.js';
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

export function nameUnits(text: string, start: number, end: number): Unit[] {
  const units: Unit[] = [];
  tokenize(text, start, end).forEach((token, tokenIndex) => {
    const core = token.text.replace(/['’]s$/u, '');
    const parts = splitHyphenated(core);
    let offset = token.start;
    parts.forEach((part, i) => {
      const partStart = offset;
      offset += part.length + 1;
      const internal = i > 0 && i < parts.length - 1;
      if (internal && CONNECTORS.has(part.toLowerCase())) return;
      if (part.length === 0) return;
      units.push(makeUnit(part, partStart, tokenIndex));
    });
  });
  return units;
}

/** Keep acronym suffixes like "ISIS-K" and "ISIS-KP" whole; split other compounds. */
function splitHyphenated(word: string): string[] {
  const parts = word.split(/[-‐]/u);
  const merged: string[] = [];
  for (const part of parts) {
    const prev = merged[merged.length - 1];
    if (prev !== undefined && /^\p{Lu}{1,2}$/u.test(part) && /^\p{Lu}{2,}$/u.test(prev)) merged[merged.length - 1] = `${prev}-${part}`;
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
    capitalised: /^[\p{Lu}\p{Lt}]/u.test(surface),
    upper: letters.length > 0 && letters === letters.toUpperCase() && /\p{Lu}/u.test(letters),
  };
}

/** The gazetteer's fold of one word: "ISIS-K" → "isis k" is two words there, one unit here. */
export function keyOf(surface: string): string {
  return surface
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(foldWord)
    .join(' ');
}
