import type { Span } from '../../core/types.js';
import type { Token } from '../../nlp/tokens.js';
import type { LexiconRule } from './lexicons.js';
import { applyRules, type RuleHit } from './rules.js';
import { minOf } from '../../core/arrays.js';
import type { Embeddings } from '../../nlp/embeddings.js';

/**
 * Feature extraction shared by training and analysis, so both see exactly the same thing.
 *
 * Even-handedness by construction: a capitalised word's identity (names of people, places,
 * parties, agencies, groups) is hidden from the model unless it is an ordinary word written
 * with a capital (sentence start, headline case, all caps) or listed as a capitalised cue in
 * the model. So the model cannot learn who a side is, only how it is written about.
 */

export interface PreparedSentence extends Span {
  /** title or heading: headline case, so capitals say little */
  title: boolean;
  tokens: Token[];
}

export interface PreparedToken extends Token {
  /** the identity the model sees: lower-cased word, or a shape placeholder for names */
  id: string;
  masked: boolean;
  sentence: number;
  /** index within its sentence */
  index: number;
  /** row of its word vector (src/nlp/embeddings.ts), −1 when it has none or is masked */
  row: number;
}

export interface PreparedDoc {
  text: string;
  sentences: PreparedSentence[];
  /** all tokens of all sentences, in order */
  tokens: PreparedToken[];
  /** first token index of each sentence in `tokens` */
  sentenceStart: number[];
  /** how often each identity occurs in the document */
  counts: Map<string, number>;
  /** where each identity occurs (indices into `tokens`) */
  positions: Map<string, number[]>;
  /** lexicon rule hits of each sentence (also features of the tagger) */
  ruleHits: RuleHit[][];
  /** the word vectors whose cluster ids are features, when the model uses them */
  embeddings: Embeddings | null;
  /**
   * per sentence, the sentence network's probability that it holds a technique span
   * (sentence.ts): set by the model before the token features are computed (out of fold in
   * training); undefined until then, and the features leave it out
   */
  sentenceSignal?: Float64Array;
}

export interface Vocabularies {
  /** words seen written in lower case in the training text: safe to unmask when capitalised */
  lower: ReadonlySet<string>;
  /** capitalised words whose identity the model may use (religion, historical-analogy cues) */
  capitalCues: ReadonlySet<string>;
  /** word vectors: their cluster ids are features of unmasked words (never of names) */
  embeddings?: Embeddings | null;
  /**
   * the gazetteer's one-word names, masked whatever their case (src/nlp/entities/name-words.ts
   * `gazetteerWholeNames`): "pakistan" or "afghans" typed in lower case is `<Xx>` like "Pakistan"
   */
  names?: ReadonlySet<string>;
}

const UPPER = /\p{Lu}/u;

export function shape(text: string): string {
  let out = '';
  let last = '';
  for (const ch of text) {
    const c = ch !== ch.toLowerCase() ? 'X' : ch !== ch.toUpperCase() ? 'x' : ch >= '0' && ch <= '9' ? 'd' : ch;
    if (c === last) continue;
    out += c;
    last = c;
    if (out.length === 4) break;
  }
  return out;
}

function identity(token: Token, first: boolean, title: boolean, vocab: Vocabularies): { id: string; masked: boolean } {
  // a side's name in lower case ("#pakistan", a comment typed without capitals) is a name all the same
  if (vocab.names?.has(token.norm)) return { id: UPPER.test(token.text) && !/\p{Ll}/u.test(token.text) ? '<XX>' : '<Xx>', masked: true };
  if (!UPPER.test(token.text)) return { id: token.norm, masked: false };
  if (vocab.capitalCues.has(token.norm)) return { id: token.norm, masked: false };
  const allCaps = !/\p{Ll}/u.test(token.text);
  if ((first || title || (allCaps && token.text.length > 3)) && vocab.lower.has(token.norm)) return { id: token.norm, masked: false };
  return { id: allCaps ? '<XX>' : '<Xx>', masked: true };
}

const OPENERS = ':“"‘';
const SPACE = /\s/;

/** `/[:“"‘]\s*$/.test(text.slice(from, to))` without the slice: the gap ends in an opener and white space. */
function opensBefore(text: string, from: number, to: number): boolean {
  for (let k = to - 1; k >= from; k--) {
    const c = text[k];
    if (SPACE.test(c)) continue;
    return OPENERS.includes(c);
  }
  return false;
}

export function prepare(text: string, sentences: PreparedSentence[], vocab: Vocabularies, rules: readonly LexiconRule[]): PreparedDoc {
  const tokens: PreparedToken[] = [];
  const sentenceStart: number[] = [];
  const counts = new Map<string, number>();
  const positions = new Map<string, number[]>();
  sentences.forEach((s, si) => {
    sentenceStart.push(tokens.length);
    s.tokens.forEach((t, i) => {
      // after an opening quote or colon a capital is also a sentence start
      const first = i === 0 || opensBefore(text, s.tokens[i - 1].end, t.start);
      const { id, masked } = identity(t, first, s.title, vocab);
      const at = positions.get(id);
      if (at) at.push(tokens.length);
      else positions.set(id, [tokens.length]);
      const row = masked || !vocab.embeddings ? -1 : (vocab.embeddings.index.get(id) ?? -1);
      tokens.push({ start: t.start, end: t.end, text: t.text, norm: t.norm, id, masked, sentence: si, index: i, row });
      counts.set(id, (counts.get(id) ?? 0) + 1);
    });
  });
  const ruleHits = sentences.map((s) => applyRules(text, s, rules));
  return { text, sentences, tokens, sentenceStart, counts, positions, ruleHits, embeddings: vocab.embeddings ?? null };
}

/** The non-space characters between two offsets (punctuation only when both are token edges), at most three. */
function gapText(text: string, from: number, to: number, keep: 'first' | 'last'): string {
  if (to <= from) return '';
  const s = text.slice(from, to).replace(/\s+/g, '');
  if (s.length <= 3) return s;
  return keep === 'last' ? s.slice(-3) : s.slice(0, 3);
}

function bucket(n: number, edges: number[]): string {
  for (let i = 0; i < edges.length; i++) if (n <= edges[i]) return String(edges[i]);
  return `>${edges[edges.length - 1]}`;
}

function isContent(t: PreparedToken): boolean {
  return !t.masked && t.id.length > 3;
}

/* The span tagger's per-token features are in hashed.ts (integers, no strings). */

/** Token index range [a, b) of the document's tokens that overlap a span. */
export function tokenRange(doc: PreparedDoc, span: Span): [number, number] {
  const toks = doc.tokens;
  let lo = 0;
  let hi = toks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (toks[mid].end <= span.start) lo = mid + 1;
    else hi = mid;
  }
  let b = lo;
  while (b < toks.length && toks[b].start < span.end) b++;
  return [lo, b];
}

/** Occurrences of the anchor word checked per span, at most: keeps degenerate texts linear. */
const MAX_SEQUENCE_CANDIDATES = 256;

/** How many times the span's word sequence occurs elsewhere in the document, counted up to `cap`. */
function sameSequenceCount(doc: PreparedDoc, a: number, b: number, cap = 3): number {
  const len = b - a;
  if (len === 0) return 0;
  const toks = doc.tokens;
  // Anchor on the span's rarest word: its positions are the fewest candidates to check
  // (anchoring on a first word like "the" made long documents quadratic).
  let anchor = a;
  for (let k = a + 1; k < b; k++) {
    if ((doc.positions.get(toks[k].id)?.length ?? 0) < (doc.positions.get(toks[anchor].id)?.length ?? 0)) anchor = k;
  }
  let count = 0;
  let checked = 0;
  for (const p of doc.positions.get(toks[anchor].id) ?? []) {
    // a bound for texts made of a handful of words repeated: the anchor then occurs everywhere
    if (++checked > MAX_SEQUENCE_CANDIDATES) break;
    const i = p - (anchor - a);
    if (i === a || i < 0 || i + len > toks.length) continue;
    let same = true;
    for (let j = 0; j < len; j++) {
      if (toks[i + j].id !== toks[a + j].id) {
        same = false;
        break;
      }
    }
    if (same && ++count >= cap) return count; // the feature buckets everything above 2 together
  }
  return count;
}

/** Features of a span and its context, for the technique classifier. `sameText` counts other candidate spans with the same words. */
export function spanFeatures(doc: PreparedDoc, span: Span, sameText: number): string[] {
  const [a, b] = tokenRange(doc, span);
  const toks = doc.tokens;
  const text = doc.text;
  const quote = text.slice(span.start, span.end);
  const f: string[] = [];
  const idAt = (i: number): string => (i < 0 ? '<s>' : i >= toks.length ? '</s>' : toks[i].id);
  const n = b - a;
  f.push(`n=${bucket(n, [1, 2, 3, 5, 9, 15, 25])}`);
  if (n > 0) {
    f.push(`f=${toks[a].id}`, `l=${toks[b - 1].id}`);
    const clusters = doc.embeddings?.clusters;
    for (let i = a; i < b; i++) {
      f.push(`w=${toks[i].id}`);
      if (clusters && toks[i].row >= 0) f.push(`k0=${clusters[0][toks[i].row]}`, `k1=${clusters[1][toks[i].row]}`);
      if (!toks[i].masked && toks[i].id.length > 4) f.push(`suf=${toks[i].id.slice(-3)}`);
      if (i + 1 < b) f.push(`b=${toks[i].id}|${toks[i + 1].id}`);
      if (!toks[i].masked && toks[i].text.length > 1 && !/\p{Ll}/u.test(toks[i].text)) f.push('caps');
      if (/\p{N}/u.test(toks[i].text)) f.push('digit');
    }
    f.push(`L1=${idAt(a - 1)}`, `L2=${idAt(a - 2)}|${idAt(a - 1)}`, `R1=${idAt(b)}`, `R2=${idAt(b)}|${idAt(b + 1)}`);
    const si = toks[a].sentence;
    const s = doc.sentences[si];
    const from = doc.sentenceStart[si];
    const sn = s.tokens.length;
    for (let i = from; i < from + sn; i++) if ((i < a || i >= b) && !toks[i].masked) f.push(`sw=${toks[i].id}`);
    f.push(`cov=${bucket(Math.round((10 * Math.min(n, sn)) / Math.max(sn, 1)), [2, 5, 8, 9])}`);
    if (s.title) f.push('title');
    // lexicon rules that match inside the span, and elsewhere in its sentence
    for (const h of doc.ruleHits[si]) f.push(h.start < span.end && span.start < h.end ? `rin=${h.technique}` : `rout=${h.technique}`);
    // repetition: the same words elsewhere in the article
    f.push(`same=${bucket(sameSequenceCount(doc, a, b), [0, 1, 2])}`);
    const content = toks.slice(a, b).filter(isContent);
    if (content.length > 0) {
      const reps = content.map((t) => (doc.counts.get(t.id) ?? 1) - 1);
      f.push(`repmin=${bucket(minOf(reps), [0, 1, 3])}`);
      f.push(`repfrac=${bucket(Math.round((4 * reps.filter((r) => r > 0).length) / reps.length), [0, 1, 2, 3])}`);
    }
  }
  f.push(`sametext=${bucket(sameText, [0, 1, 2])}`);
  if (quote.includes('!')) f.push('has!');
  if (quote.includes('?')) f.push('has?');
  if (/["“”‘’«»]/.test(quote)) f.push('hasq');
  // punctuation right outside the span: from the previous token's end and up to the next token's start,
  // so that no letters of a neighbouring word (a name, say) leak in
  const prevEnd = a > 0 ? Math.min(toks[a - 1].end, span.start) : Math.max(0, span.start - 3);
  const nextStart = b < toks.length ? Math.max(toks[b].start, span.end) : Math.min(text.length, span.end + 3);
  f.push(`pb=${gapText(text, prevEnd, span.start, 'last')}`, `pa=${gapText(text, span.end, nextStart, 'first')}`);
  return f;
}

/** Normalised words of a span, to count other spans with the same wording. */
export function spanKey(doc: PreparedDoc, span: Span): string {
  const [a, b] = tokenRange(doc, span);
  return doc.tokens.slice(a, b).map((t) => t.id).join(' ');
}
