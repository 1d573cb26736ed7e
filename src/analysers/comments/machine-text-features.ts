import { readFileSync } from 'node:fs';
import { dataPath } from '../../core/paths.js';
import { FUNCTION_WORDS, SUFFIXES } from './function-words.js';

/**
 * Style features of a short text for the machine-written-text model. Topic-independent by
 * construction: every word that is not a function word is replaced by its shape (w, W, WW, wW)
 * plus a common ending (w~ing), links by U, mentions by @, hashtags by #, digits by 0, emoji by
 * E. Character 1–5-grams and word 1–3-grams are taken over that masked text; the rest are
 * bucketed counts (length, punctuation, emoji, type/token ratio, repetition, capitals, links,
 * mentions, function-word share). Each feature has a readable key used in explanations.
 */

export type FeatureGroup = 'char' | 'word' | 'style';

export interface Feature {
  key: string;
  group: FeatureGroup;
  value: number;
}

export interface MaskedToken {
  kind: 'word' | 'function' | 'number' | 'url' | 'mention' | 'hashtag' | 'emoji' | 'punct' | 'newline';
  surface: string;
  mask: string;
}

const TOKEN = /(https?:\/\/\S+|www\.\S+)|(@\w+)|(#\w+)|(\p{L}[\p{L}\p{M}'’]*)|(\p{N}+(?:[.,:]\p{N}+)*)|(\p{Extended_Pictographic}(?:\u200d\p{Extended_Pictographic}|\ufe0f)*)|(\n)|([^\s\p{L}\p{N}])/gu;

function shape(word: string): string {
  const letters = word.replace(/['’]/g, '');
  if (letters.length > 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) return 'WW';
  if (/^\p{Lu}/u.test(letters)) return /\p{Lu}/u.test(letters.slice(1)) ? 'wW' : 'W';
  return /\p{Lu}/u.test(letters) ? 'wW' : 'w';
}

function maskWord(word: string): string {
  const lower = word.toLowerCase().replace(/’/g, "'");
  const ending = lower.length >= 5 ? SUFFIXES.find((s) => lower.endsWith(s)) : undefined;
  return ending ? `${shape(word)}~${ending}` : shape(word);
}

export function maskTokens(text: string): MaskedToken[] {
  const out: MaskedToken[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const surface = m[0];
    if (m[1]) out.push({ kind: 'url', surface, mask: 'U' });
    else if (m[2]) out.push({ kind: 'mention', surface, mask: '@' });
    else if (m[3]) out.push({ kind: 'hashtag', surface, mask: '#' });
    else if (m[4]) {
      const lower = surface.toLowerCase().replace(/’/g, "'");
      if (FUNCTION_WORDS.has(lower)) out.push({ kind: 'function', surface, mask: surface.replace(/’/g, "'") });
      else out.push({ kind: 'word', surface, mask: maskWord(surface) });
    } else if (m[5]) out.push({ kind: 'number', surface, mask: '0' });
    else if (m[6]) out.push({ kind: 'emoji', surface, mask: 'E' });
    else if (m[7]) out.push({ kind: 'newline', surface, mask: '¶' });
    else out.push({ kind: 'punct', surface, mask: surface });
  }
  return out;
}

/** The masked text the character n-grams are taken from, e.g. "I W~ed the w at 0 ! U". */
export function maskedText(tokens: MaskedToken[]): string {
  return tokens.map((t) => t.mask).join(' ');
}

function bucket(value: number, edges: number[]): string {
  for (let i = 0; i < edges.length; i++) if (value < edges[i]) return i === 0 ? `<${edges[0]}` : `${edges[i - 1]}-${edges[i]}`;
  return `>=${edges[edges.length - 1]}`;
}

/** Bucketed style indicators; keys read as "name=bucket". */
export function styleFeatures(text: string, tokens: MaskedToken[]): string[] {
  const out: string[] = [];
  const words = tokens.filter((t) => t.kind === 'word' || t.kind === 'function');
  const lowerWords = words.map((t) => t.surface.toLowerCase());
  const chars = text.length;
  const count = (kind: MaskedToken['kind']): number => tokens.filter((t) => t.kind === kind).length;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const upper = text.match(/\p{Lu}/gu)?.length ?? 0;
  const punct = count('punct');
  out.push(`length=${bucket(chars, [20, 40, 70, 100, 140, 200, 280])}`);
  out.push(`words=${bucket(words.length, [3, 6, 10, 15, 20, 30, 45])}`);
  if (words.length >= 5) out.push(`type-token=${bucket(new Set(lowerWords).size / words.length, [0.6, 0.75, 0.85, 0.95, 1])}`);
  if (words.length > 0) {
    out.push(`function-share=${bucket(words.filter((t) => t.kind === 'function').length / words.length, [0.2, 0.35, 0.5, 0.65])}`);
    out.push(`word-length=${bucket(lowerWords.reduce((a, w) => a + w.length, 0) / words.length, [3.5, 4.5, 5.5, 6.5])}`);
  }
  const bigrams = lowerWords.slice(1).map((w, i) => `${lowerWords[i]} ${w}`);
  if (bigrams.length - new Set(bigrams).size > 0) out.push('repeated-word-pair');
  if (lowerWords.some((w, i) => i > 0 && w === lowerWords[i - 1])) out.push('doubled-word');
  const masks = tokens.map((t) => t.mask);
  const trigrams = masks.slice(2).map((m, i) => `${masks[i]} ${masks[i + 1]} ${m}`);
  if (trigrams.length - new Set(trigrams).size > 0) out.push('repeated-masked-trigram');
  if (tokens.length > 0) out.push(`punctuation-rate=${bucket(punct / tokens.length, [0.05, 0.1, 0.2, 0.3])}`);
  out.push(`exclamations=${bucket((text.match(/!/g) ?? []).length, [1, 2, 4])}`);
  out.push(`questions=${bucket((text.match(/\?/g) ?? []).length, [1, 2])}`);
  if (/[!?]{2,}/.test(text)) out.push('repeated-!?');
  if (/\.\.\.|…/.test(text)) out.push('ellipsis');
  if (/(…|\.\.\.)\s*$/.test(text)) out.push('ends-with-ellipsis');
  out.push(`emoji=${bucket(count('emoji'), [1, 2, 4])}`);
  if (letters > 0) out.push(`capitals-rate=${bucket(upper / letters, [0.03, 0.08, 0.15, 0.3, 0.6])}`);
  out.push(`all-caps-words=${bucket(tokens.filter((t) => t.mask.startsWith('WW')).length, [1, 2, 4])}`);
  const starts = [...text.matchAll(/(?:^|[.!?]\s+)(\p{L})/gu)].map((m) => m[1]);
  if (starts.length > 0) out.push(`sentence-start=${starts.every((c) => c === c.toUpperCase()) ? 'capital' : starts.every((c) => c === c.toLowerCase()) ? 'lower' : 'mixed'}`);
  out.push(`sentences=${bucket(starts.length, [1, 2, 3, 5])}`);
  out.push(`hashtags=${bucket(count('hashtag'), [1, 2, 4])}`);
  out.push(`numbers=${bucket(count('number'), [1, 2, 4])}`);
  if (tokens.length > 0) out.push(`last=${tokens[tokens.length - 1].kind === 'punct' ? `punct ${tokens[tokens.length - 1].surface}` : tokens[tokens.length - 1].kind}`);
  if (count('newline') > 0) out.push('line-breaks');
  if (/&amp;|&gt;|&lt;/.test(text)) out.push('html-entity');
  const opens = (text.match(/[(“]/g) ?? []).length;
  const closes = (text.match(/[)”]/g) ?? []).length;
  if (opens !== closes || (text.match(/"/g) ?? []).length % 2 === 1) out.push('unbalanced-quotes-or-brackets');
  if (/\s[,.!?;:]/.test(text)) out.push('space-before-punctuation');
  if (/[,.;:][^\s\d"'”’)\]]/u.test(text.replace(/https?:\/\/\S+|www\.\S+/g, ''))) out.push('no-space-after-punctuation');
  if (/\b(?:u|ur|im|dont|cant|lol|lmao|omg|gonna|wanna|ya|pls|thx)\b/i.test(text)) out.push('informal-spelling');
  return out;
}

function addNormalised(out: Feature[], keys: Iterable<string>, group: FeatureGroup): void {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return;
  const value = 1 / Math.sqrt(unique.length);
  for (const key of unique) out.push({ key, group, value });
}

export const CHAR_NGRAMS: readonly [number, number] = [1, 5];
export const WORD_NGRAMS: readonly [number, number] = [1, 3];

/**
 * Links, @mentions and a leading "RT" are removed before anything is counted: in tweets they
 * mark the human side (generators of the training data wrote none), which says nothing about
 * a comment on a news site.
 */
export function stripPlatformMarks(text: string): string {
  return text.replace(/https?:\/\/\S+|www\.\S+/g, ' ').replace(/(^|[^\w])@\w+/g, '$1 ').replace(/^\s*RT\b:?/, ' ').replace(/\s+/g, ' ').trim();
}

const CAPITALISED = /\p{Lu}[\p{L}\p{M}'’]*/gu;

let common: ReadonlySet<string> | null = null;
/** Words almost always written in lower case in running text (data/lexicons/common-words.json): the fallback `ordinary` set. */
export function commonWords(): ReadonlySet<string> {
  common ??= new Set((JSON.parse(readFileSync(dataPath('lexicons', 'common-words.json'), 'utf8')) as { words: string[] }).words);
  return common;
}

/**
 * Every capitalised word that is not an ordinary word written with a capital (a function word
 * or a word of `ordinary`: those the model saw written in lower case in its training text) is taken for a name and becomes a
 * stand-in of its shape ("Kabul", "Islamabad" → "Xxxxx"; "ISI" → "XXXXX"), so that no feature
 * — n-gram, ending, length, capital share — depends on which name a comment uses: swapping
 * the sides of a conflict cannot change the score.
 */
export function neutraliseNames(text: string, ordinary: ReadonlySet<string> = commonWords()): string {
  return text.replace(CAPITALISED, (word) => {
    const lower = word.toLowerCase().replace(/’/g, "'");
    if (FUNCTION_WORDS.has(lower) || ordinary.has(lower)) return word;
    const s = shape(word);
    return s === 'WW' ? 'XXXXX' : s === 'wW' ? 'xXxxx' : 'Xxxxx';
  });
}

/** Every feature of the text: character and word n-grams of the masked text, and style indicators; each group L2-normalised. */
export function textFeatures(raw: string, ordinary?: ReadonlySet<string>): Feature[] {
  const text = neutraliseNames(stripPlatformMarks(raw), ordinary);
  const tokens = maskTokens(text);
  const masked = ` ${maskedText(tokens)} `;
  const chars: string[] = [];
  for (let n = CHAR_NGRAMS[0]; n <= CHAR_NGRAMS[1]; n++) for (let i = 0; i + n <= masked.length; i++) chars.push(`c:${masked.slice(i, i + n)}`);
  const seq = ['<s>', ...tokens.map((t) => (t.kind === 'function' ? t.mask.toLowerCase() : t.mask)), '</s>'];
  const words: string[] = [];
  for (let n = WORD_NGRAMS[0]; n <= WORD_NGRAMS[1]; n++) for (let i = 0; i + n <= seq.length; i++) if (n > 1 || (i > 0 && i < seq.length - 1)) words.push(`w:${seq.slice(i, i + n).join(' ')}`);
  const out: Feature[] = [];
  addNormalised(out, chars, 'char');
  addNormalised(out, words, 'word');
  addNormalised(out, styleFeatures(text, tokens).map((s) => `s:${s}`), 'style');
  return out;
}

/** FNV-1a, 32 bits. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A feature key as a person reads it in an explanation. */
export function describeFeature(key: string): string {
  const body = key.slice(2);
  if (key.startsWith('c:')) return `"${body.replace(/^ | $/g, '·')}"`;
  if (key.startsWith('w:')) return `"${body}"`;
  return body;
}
