import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DiscernError } from '../../core/errors.js';
import { tokenize } from '../../nlp/tokens.js';
import { lexiconDir } from './paths.js';
import { isTechnique, type Technique } from './taxonomy.js';
import { append } from '../../core/arrays.js';

/**
 * Rule lexicons (data/lexicons/techniques/*.json): phrases and patterns a person can read,
 * check and extend. Each entry says why it signals its technique.
 *
 *   { "technique": "Doubt", "entries": [
 *       { "phrase": "so-called", "reason": "…" },
 *       { "pattern": "\\bwhat about (?<span>.+)", "reason": "…", "extent": "sentence", "score": 0.6 } ] }
 *
 * A phrase matches whole words, case-insensitively. A pattern is a JavaScript regular
 * expression (flags i and u) run on each sentence; the span is its `span` group if present,
 * else the whole match, or the whole sentence with "extent": "sentence".
 * A file with "capitalisedCues" lists capitalised words the model may see (not a rule).
 */

export interface LexiconRule {
  technique: Technique;
  reason: string;
  score: number;
  extent: 'match' | 'sentence';
  /** normalised words, for phrases */
  words?: string[];
  regex?: RegExp;
  /**
   * the same pattern without the `u` flag, four times faster in V8, for sentences where the two
   * cannot differ (rules.ts `plainSafe`); absent when the pattern needs `u` (see plainTwin)
   */
  plainRegex?: RegExp;
  /** the entry as written, for explanations */
  source: string;
  file: string;
}

export interface Lexicons {
  rules: LexiconRule[];
  capitalCues: string[];
}

interface RawEntry {
  phrase?: unknown;
  pattern?: unknown;
  reason?: unknown;
  score?: unknown;
  extent?: unknown;
  word?: unknown;
}

function malformed(file: string, message: string): DiscernError {
  return new DiscernError('INPUT_MALFORMED', `technique lexicon: ${message}`, file);
}

export function parseLexicon(file: string, json: unknown): Lexicons {
  if (typeof json !== 'object' || json === null) throw malformed(file, 'not a JSON object');
  const obj = json as { technique?: unknown; entries?: unknown; capitalisedCues?: unknown };
  const out: Lexicons = { rules: [], capitalCues: [] };
  if (Array.isArray(obj.capitalisedCues)) {
    for (const e of obj.capitalisedCues as RawEntry[]) {
      if (typeof e?.word !== 'string' || typeof e.reason !== 'string') throw malformed(file, 'each capitalised cue needs "word" and "reason"');
      out.capitalCues.push(e.word.toLowerCase());
    }
    return out;
  }
  if (typeof obj.technique !== 'string' || !isTechnique(obj.technique)) throw malformed(file, `unknown technique ${String(obj.technique)}`);
  if (!Array.isArray(obj.entries)) throw malformed(file, '"entries" must be a list');
  const technique = obj.technique;
  for (const e of obj.entries as RawEntry[]) {
    if (typeof e?.reason !== 'string' || e.reason.length === 0) throw malformed(file, 'every entry needs a "reason"');
    const score = e.score === undefined ? 0.5 : Number(e.score);
    if (!(score > 0 && score <= 1)) throw malformed(file, `score must be in (0, 1]: ${String(e.score)}`);
    const extent = e.extent === 'sentence' ? 'sentence' : 'match';
    if (typeof e.phrase === 'string') {
      const words = tokenize(e.phrase).map((t) => t.norm);
      if (words.length === 0) throw malformed(file, `phrase without words: ${e.phrase}`);
      out.rules.push({ technique, reason: e.reason, score, extent, words, source: e.phrase, file });
    } else if (typeof e.pattern === 'string') {
      let regex: RegExp;
      try {
        regex = new RegExp(e.pattern, 'giu');
      } catch (error) {
        throw malformed(file, `bad pattern ${e.pattern}: ${(error as Error).message}`);
      }
      const plainRegex = plainTwin(e.pattern);
      out.rules.push({ technique, reason: e.reason, score, extent, regex, ...(plainRegex ? { plainRegex } : {}), source: e.pattern, file });
    } else {
      throw malformed(file, 'every entry needs a "phrase" or a "pattern"');
    }
  }
  return out;
}

/**
 * The pattern compiled with flags `gi` instead of `giu`, when that cannot change what it
 * matches on a sentence of BMP characters without U+017F (ſ) and U+212A (Kelvin sign): the
 * pattern has no Unicode property or code-point escape and no character with case outside
 * ASCII. Then the two modes differ only in surrogate pairs (none in such a sentence) and in
 * case folding, where /iu alone lets ſ match s and the Kelvin sign match k (and \w, \b see
 * them as word characters). rules.test.ts checks the two give the same hits.
 */
export function plainTwin(pattern: string): RegExp | undefined {
  if (/\\[pPu]\{|\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}|\\c/.test(pattern)) return undefined;
  for (const ch of pattern) {
    if (ch.charCodeAt(0) < 0x80) continue;
    // a non-ASCII character is safe only if it has no case (quotes, dashes)
    if (ch.toLowerCase() !== ch || ch.toUpperCase() !== ch || ch.length > 1) return undefined;
  }
  try {
    return new RegExp(pattern, 'gi');
  } catch {
    return undefined;
  }
}

export function loadLexiconFiles(dir: string): Lexicons {
  const all: Lexicons = { rules: [], capitalCues: [] };
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const file = path.join(dir, name);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw malformed(file, (error as Error).message);
    }
    const lex = parseLexicon(file, json);
    append(all.rules, lex.rules);
    append(all.capitalCues, lex.capitalCues);
  }
  return all;
}

let cached: Lexicons | null = null;

/** The built-in lexicons, loaded once. */
export function loadLexicons(): Lexicons {
  cached ??= loadLexiconFiles(lexiconDir());
  return cached;
}
