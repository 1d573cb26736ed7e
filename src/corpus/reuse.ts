import type { CorpusAnalyzer, CorpusState, DocumentRef } from '../analysers/analyzer.js';
import type { CorpusFindingDraft, CorpusMember, Document, Finding } from '../core/types.js';
import { splitSentences } from '../nlp/sentences.js';
import { tokenize } from '../nlp/tokens.js';
import { fmix32, hashString, intersectionSize, shingleSet } from './minhash.js';
import { fold, portableAnchor, portableNumber } from './portable-anchors.js';
import { documentRef, fillMemberQuotesFrom } from './state.js';
import { KeyTable, type KeyGroups } from './reuse-keys.js';
import { copyGroups, SentenceClusters, SentenceIndex, type CopyGroup } from './reuse-groups.js';
import { documentName } from '../document/names.js';
import { mostlyQuoted, quotedSpans } from './reuse-quotes.js';

/**
 * Text reuse across documents. Two methods, both sentence-aligned so every shared passage
 * is shown in both documents:
 * - copy: sentences whose word 3-grams match once names and numbers are masked (robust to
 *   small edits, reordered sentences and changed names);
 * - rewrite: an order-preserving chain of sentences that carry the same facts — numbers,
 *   names and entities — even when almost no wording survives. The chain must run through
 *   most of both documents, which is what separates a rewrite from two independent reports
 *   that merely mention the same event, people and figures;
 * - rewrite across languages: the same chain over anchors that survive translation (countries
 *   in any language, months, numbers, names without accents), for two documents whose
 *   vocabularies share almost nothing — the same article in two languages.
 * Copies are reported per group (reuse-groups.ts): one finding for a source document and every
 * document that reproduces its sentences, not one per pair, so a passage repeated across a
 * thousand documents is one finding. Rewrites stay pairs (a chain of facts between two texts).
 */

export interface ReuseOptions {
  /** Dice of masked word 3-grams at which two sentences are the same sentence */
  sentenceSimilarity?: number;
  /** aligned anchor-bearing sentences a paraphrase needs */
  minChain?: number;
  /** share of each document's anchor-bearing sentences the chain must cover */
  minCoverage?: number;
  /** shingles in more than this share of documents are boilerplate, not reuse (from 4 documents) */
  maxDocumentFrequency?: number;
  /** share of their most frequent words two documents have in common under which they are in different languages */
  crossLanguageVocabulary?: number;
}

interface SentenceInfo {
  start: number;
  end: number;
  words: number;
  /** masked word 3-gram hashes; null until re-derived from the text (stored states keep only the blocking keys) */
  shingles: Uint32Array | null;
  /** the copy blocking keys: the whole masked sentence's hash (8 words or more) and its bottom-k shingles (6 or more) */
  copyKeys: Uint32Array;
  /**
   * a second, independent 32-bit hash of the whole masked sentence (0 under 8 words): two
   * sentences are identical when both their whole-sentence key and this agree — a 30-bit key
   * alone collides about once per billion sentence pairs, hundreds of times in a large corpus
   */
  check: number;
  /** numbers, names and entities, lower-cased */
  anchors: Set<string>;
  /** most of its words are inside a quotation (reuse-quotes.ts): shared, it shows a shared quotation, not a copy */
  quoted: boolean;
}

interface DocInfo {
  doc: DocumentRef;
  sentences: SentenceInfo[];
  chars: number;
  time: number | null;
  /** hashes of the document's most frequent lower-case words (sorted): its function words, so its language */
  vocabulary: Uint32Array;
  /** the language the document analysers identified, when they did */
  lang: string | null;
  /** the document's text, to re-derive sentence shingles of candidate pairs (null: not read) */
  text: string | null;
}

/**
 * What reuse keeps of one document, per prose sentence: its span, length, copy blocking keys
 * and anchors. Version 2 keeps them in columns — `spans` holds four numbers per sentence
 * (gap from the previous sentence's end, length, words, number of copy keys), `keys` every
 * sentence's copy keys in order (base64), `anchors` one list per sentence — and not the
 * sentence's full shingle set (3/4 of the old state): combine re-derives it from the text for
 * the sentences of candidate pairs. Version 1.x states (`sentences`, with `shingles`) are
 * still read: the keys are derived from their shingles.
 */
export interface ReuseState {
  v?: 2;
  spans?: number[];
  keys?: string;
  /** per sentence the whole-sentence check hash (base64), from reuse 2.1.0 */
  checks?: string;
  anchors?: string[][];
  /** the sentences that rest on a quotation (their indices), from reuse 2.2.0 */
  quoted?: number[];
  sentences?: Array<{ start: number; end: number; words: number; shingles: string; anchors: string[] }>;
  chars: number;
  time: number | null;
  vocabulary?: string;
  lang?: string | null;
}

/** Shingle hashes travel as base64 of their 32-bit values: a quarter of the size of a JSON number list. */
function encodeHashes(hashes: Uint32Array): string {
  return Buffer.from(hashes.buffer, hashes.byteOffset, hashes.byteLength).toString('base64');
}

function decodeHashes(text: string): Uint32Array {
  const bytes = Buffer.from(text, 'base64');
  const out = new Uint32Array(bytes.length >>> 2);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readUInt32LE(i * 4);
  return out;
}

export function reuseState(doc: Document, entityFindings: Finding[]): ReuseState {
  const info = prepare(doc, entityFindings);
  const spans: number[] = [];
  let previous = 0;
  for (const s of info.sentences) {
    spans.push(s.start - previous, s.end - s.start, s.words, s.copyKeys.length);
    previous = s.end;
  }
  const keys = new Uint32Array(info.sentences.reduce((n, s) => n + s.copyKeys.length, 0));
  let at = 0;
  for (const s of info.sentences) {
    keys.set(s.copyKeys, at);
    at += s.copyKeys.length;
  }
  const quoted = info.sentences.flatMap((s, i) => (s.quoted ? [i] : []));
  return { v: 2, spans, keys: encodeHashes(keys), checks: encodeHashes(Uint32Array.from(info.sentences, (s) => s.check)), anchors: info.sentences.map((s) => [...s.anchors]), ...(quoted.length ? { quoted } : {}), chars: info.chars, time: info.time, vocabulary: encodeHashes(info.vocabulary), lang: info.lang };
}

/** The state as reuse 1.x stored it (every sentence's shingles): what old databases hold, for their tests. */
export function legacyReuseState(doc: Document, entityFindings: Finding[]): ReuseState {
  const info = prepare(doc, entityFindings);
  return {
    sentences: info.sentences.map((s) => ({ start: s.start, end: s.end, words: s.words, shingles: encodeHashes(s.shingles ?? new Uint32Array(0)), anchors: [...s.anchors] })),
    chars: info.chars,
    time: info.time,
    vocabulary: encodeHashes(info.vocabulary),
    lang: info.lang,
  };
}

function fromState(doc: DocumentRef, state: ReuseState, text: string | null = null): DocInfo {
  return { doc, sentences: sentencesOf(state), chars: state.chars, time: state.time, vocabulary: state.vocabulary ? decodeHashes(state.vocabulary) : new Uint32Array(0), lang: state.lang ?? null, text };
}

function sentencesOf(state: ReuseState): SentenceInfo[] {
  if (state.sentences) {
    return state.sentences.map((s) => {
      const shingles = decodeHashes(s.shingles);
      return { start: s.start, end: s.end, words: s.words, shingles, copyKeys: copyKeysOf(s.words, shingles), check: checkOf(s.words, shingles), anchors: new Set(s.anchors), quoted: false };
    });
  }
  const spans = state.spans ?? [];
  const keys = decodeHashes(state.keys ?? '');
  // 2.0.0 states kept no check: their sentences are never taken as identical unseen
  const checks = decodeHashes(state.checks ?? '');
  const quoted = new Set(state.quoted ?? []);
  const out: SentenceInfo[] = [];
  let previous = 0;
  let at = 0;
  for (let x = 0; x + 3 < spans.length; x += 4) {
    const start = previous + spans[x];
    const end = start + spans[x + 1];
    out.push({ start, end, words: spans[x + 2], shingles: null, copyKeys: keys.subarray(at, at + spans[x + 3]), check: checks[out.length] ?? 0, anchors: new Set(state.anchors?.[out.length] ?? []), quoted: quoted.has(out.length) });
    previous = end;
    at += spans[x + 3];
  }
  return out;
}

/** A sentence's masked shingles, re-derived from the document text when the state did not keep them. */
function shinglesOf(info: DocInfo, i: number): Uint32Array {
  const s = info.sentences[i];
  if (s.shingles === null) s.shingles = info.text === null ? new Uint32Array(0) : shingleSet(maskSentence(info.text, s.start, s.end).masked, 3);
  return s.shingles;
}

const BODY_KINDS = new Set(['title', 'heading', 'body']);
const round = (x: number): number => Math.round(x * 1000) / 1000;

/** Words that start sentences or are capitalised by convention, not names. */
const NOT_NAMES = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'it', 'he', 'she', 'they', 'we', 'i', 'but', 'and', 'or', 'in', 'on', 'at', 'for', 'of', 'by', 'with', 'when', 'while', 'after', 'before', 'under', 'according', 'some', 'about', 'around', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);

/** Lower-case words (neither names nor numbers) a sentence needs to be compared as a copy: at least this many, and a quarter of its words. */
const MIN_OWN_WORDS = 3;

/** The most frequent lower-case words kept per document: in any language mostly function words. */
const VOCABULARY_SKETCH = 24;

interface MaskedSentence {
  tokens: number;
  /** the sentence's words with names masked as N and numbers as # */
  masked: string[];
  anchors: Set<string>;
  /** lower-case words (not names, not numbers): the document's vocabulary sketch */
  lower: string[];
}

/**
 * One sentence's masked words and anchors. Depends on the sentence's text only, so combine
 * re-derives the same shingles from the stored text that extract computed.
 */
function maskSentence(text: string, start: number, end: number): MaskedSentence {
  const tokens = tokenize(text, start, end);
  // "l'Égypte", "dell'Italia": the elided article is not part of the name
  const words = tokens.map((t) => ({ text: t.text.replace(/^\p{L}{1,4}['’](?=\p{Lu})/u, '') }));
  const masked: string[] = [];
  const lower: string[] = [];
  const anchors = new Set<string>();
  let skip = 0;
  tokens.forEach((t, i) => {
    if (/^\p{N}/u.test(t.text)) {
      masked.push('#');
      if (skip > 0) {
        skip--;
        return;
      }
      // "5 150" (a space between thousands) is one number
      const next = tokens[i + 1];
      if (next && /^\d{1,3}$/u.test(t.text) && /^\d{3}$/u.test(next.text) && /^[ \u00a0\u202f]$/u.test(text.slice(t.end, next.start))) {
        anchors.add(`${t.text}${next.text}`);
        skip = 1;
      } else anchors.add(portableNumber(t.text));
      return;
    }
    if (/^\p{Lu}/u.test(words[i].text)) masked.push('N');
    else {
      masked.push(t.norm);
      lower.push(t.norm);
    }
    if (skip > 0) {
      skip--;
      return;
    }
    // countries and months in any language, as one anchor each
    const portable = portableAnchor(words, i);
    if (portable) {
      anchors.add(portable.anchor);
      skip = portable.span - 1;
    } else if (/^\p{Lu}/u.test(words[i].text) && !NOT_NAMES.has(t.norm) && (i > 0 || t.text.length > 1)) anchors.add(fold(words[i].text));
  });
  return { tokens: tokens.length, masked, anchors, lower };
}

function prepare(doc: Document, entityFindings: Finding[]): DocInfo {
  const sentences: SentenceInfo[] = [];
  const vocabulary = new Map<number, number>();
  let chars = 0;
  for (const section of doc.sections) {
    if (!BODY_KINDS.has(section.kind)) continue;
    const quotes = quotedSpans(doc.text, section.start, section.end);
    for (const s of splitSentences(doc.text, section.start, section.end)) {
      const { tokens, masked, anchors, lower } = maskSentence(doc.text, s.start, s.end);
      const quoted = mostlyQuoted(tokenize(doc.text, s.start, s.end), quotes);
      for (const w of lower) {
        const h = hashString(w);
        vocabulary.set(h, (vocabulary.get(h) ?? 0) + 1);
      }
      for (const e of entityFindings) {
        if (e.start >= s.start && e.end <= s.end) anchors.add(portableAnchor([{ text: e.label }], 0)?.anchor ?? e.label.toLowerCase());
      }
      chars += s.end - s.start;
      const shingles = shingleSet(masked, 3);
      // a sentence of names and numbers ("(Name Name/Agency via AP)", a headline in title case)
      // masks to "N N N …": it would match any other such line, so it is no copy evidence
      const worded = lower.length >= MIN_OWN_WORDS && lower.length * 4 >= tokens;
      sentences.push({ start: s.start, end: s.end, words: tokens, shingles, copyKeys: worded ? copyKeysOf(tokens, shingles) : new Uint32Array(0), check: worded ? checkOf(tokens, shingles) : 0, anchors, quoted });
    }
  }
  const parsed = doc.source.publishedAt ? Date.parse(doc.source.publishedAt) : Number.NaN;
  const frequent = [...vocabulary].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, VOCABULARY_SKETCH).map(([h]) => h);
  const sketch = Uint32Array.from(frequent).sort();
  return { doc: documentRef(doc), sentences, chars, time: Number.isNaN(parsed) ? null : parsed, vocabulary: sketch, lang: doc.lang ?? null, text: doc.text };
}

/** Share of the smaller list of most frequent words that the other document's list holds too. */
function vocabularySimilarity(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 || b.length === 0) return 1; // unknown: treat as one language
  return intersectionSize(a, b) / Math.min(a.length, b.length);
}

function dice(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  return (2 * intersectionSize(a, b)) / (a.length + b.length);
}

interface SentencePair {
  a: number;
  b: number;
  similarity: number;
}

/** One-to-one sentence matches by masked 3-gram overlap, best first, among the candidates. */
function copyPairs(A: DocInfo, B: DocInfo, candidates: number[], threshold: number): SentencePair[] {
  const all: SentencePair[] = [];
  for (const packed of new Set(candidates)) {
    const [i, j] = unpackSentences(packed);
    const sa = A.sentences[i];
    const sb = B.sentences[j];
    if (sa.words < 6 || sb.words < 6) continue;
    const sim = dice(shinglesOf(A, i), shinglesOf(B, j));
    if (sim >= threshold) all.push({ a: i, b: j, similarity: sim });
  }
  return oneToOne(all);
}

function unpackSentences(packed: number): [number, number] {
  return [Math.floor(packed / (MAX_SENTENCES + 1)), packed % (MAX_SENTENCES + 1)];
}

function oneToOne(pairs: SentencePair[]): SentencePair[] {
  pairs.sort((p, q) => q.similarity - p.similarity || p.a - q.a || p.b - q.b);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const out: SentencePair[] = [];
  for (const p of pairs) {
    if (usedA.has(p.a) || usedB.has(p.b)) continue;
    usedA.add(p.a);
    usedB.add(p.b);
    out.push(p);
  }
  return out.sort((p, q) => p.a - q.a);
}

function anchorSimilarity(a: Set<string>, b: Set<string>): { shared: string[]; jaccard: number } {
  const shared = [...a].filter((x) => b.has(x));
  const union = a.size + b.size - shared.length;
  return { shared, jaccard: union === 0 ? 0 : shared.length / union };
}

/**
 * An anchor that can tell one report from another: not a date's part (a month, a year, a day
 * of the month). Two reports of one week share "June", "2023" and "18" in sentence after
 * sentence without one rewriting the other; aligned sentences need a name, an entity or
 * another number in common.
 */
function isFact(anchor: string): boolean {
  if (/^@m\d{1,2}$/u.test(anchor)) return false;
  if (/^\d{1,2}$/u.test(anchor) && Number(anchor) >= 1 && Number(anchor) <= 31) return false;
  return !/^(?:1[89]|20)\d\d$/u.test(anchor);
}

/** Longest order-preserving chain of sentence pairs that carry the same anchors. */
function paraphraseChain(A: DocInfo, B: DocInfo, sentencePairs: number[]): Array<SentencePair & { shared: string[] }> {
  const candidates: Array<SentencePair & { shared: string[] }> = [];
  for (const packed of new Set(sentencePairs)) {
    const [i, j] = unpackSentences(packed);
    const { shared, jaccard } = anchorSimilarity(A.sentences[i].anchors, B.sentences[j].anchors);
    if (shared.length >= 2 && jaccard >= 0.4 && shared.some(isFact)) candidates.push({ a: i, b: j, similarity: jaccard, shared });
  }
  return longestChain(candidates);
}

/** Longest chain of pairs strictly increasing in both documents (LIS over (a, b)). */
function longestChain<T extends SentencePair>(candidates: T[]): T[] {
  candidates.sort((p, q) => p.a - q.a || q.b - p.b);
  const best: number[] = new Array(candidates.length).fill(1);
  const prev: number[] = new Array(candidates.length).fill(-1);
  for (let x = 0; x < candidates.length; x++) {
    for (let y = 0; y < x; y++) {
      if (candidates[y].a < candidates[x].a && candidates[y].b < candidates[x].b && best[y] + 1 > best[x]) {
        best[x] = best[y] + 1;
        prev[x] = y;
      }
    }
  }
  let end = -1;
  for (let x = 0; x < candidates.length; x++) if (end < 0 || best[x] > best[end]) end = x;
  const chain: T[] = [];
  for (let x = end; x >= 0; x = prev[x]) chain.unshift(candidates[x]);
  return chain;
}

/** Adjacent matched sentences (adjacent in both documents) become one passage. */
function passages(pairs: SentencePair[]): Array<{ a: [number, number]; b: [number, number]; similarity: number }> {
  const out: Array<{ a: [number, number]; b: [number, number]; sims: number[] }> = [];
  for (const p of pairs) {
    const last = out[out.length - 1];
    if (last && p.a === last.a[1] + 1 && p.b === last.b[1] + 1) {
      last.a[1] = p.a;
      last.b[1] = p.b;
      last.sims.push(p.similarity);
    } else out.push({ a: [p.a, p.a], b: [p.b, p.b], sims: [p.similarity] });
  }
  return out.map((o) => ({ a: o.a, b: o.b, similarity: round(o.sims.reduce((x, y) => x + y, 0) / o.sims.length) }));
}

/**
 * Candidate sentence pairs without comparing all pairs. Every sentence gets blocking keys:
 * - `copy` keys: the hash of the whole masked sentence (verbatim copies, even pushed
 *   through hundreds of outlets) and its bottom-k shingles (edited copies);
 * - `anchor` keys: pairs of its anchors (names, numbers), for paraphrased rewrites.
 * (key, document, sentence) triples are packed into one 64-bit integer each and sorted, so
 * sentences sharing a key sit together; keys shared by more documents than their cap say
 * nothing about a particular pair and are skipped. Work and memory stay near-linear.
 */
const SENTENCE_KEY_CAP = 1000;
const RARE_KEY_CAP = 20;
const SKETCH = 4;
const MAX_ANCHORS = 5;
const MIN_SHARED_KEYS = 2;
const SENTENCE_BITS = 12;
const MAX_SENTENCES = (1 << SENTENCE_BITS) - 1;

type KeyKind = 0 | 1; // 0: copy, 1: anchor

interface CandidatePair {
  copy: number[];
  anchor: number[];
  keys: number;
}

/** (key, kind) → 32-bit key with the kind in its lowest bit and the cap in the next. */
function packKey(hash: number, kind: KeyKind, wholeSentence: boolean): number {
  return ((hash & ~3) | (wholeSentence ? 2 : 0) | kind) >>> 0;
}

/** The copy keys of a sentence of `words` words with these masked shingles (what the state keeps). */
function copyKeysOf(words: number, shingles: Uint32Array): Uint32Array {
  const keys: number[] = [];
  if (words >= 8) keys.push(packKey(hashArray(shingles), 0, true));
  if (words >= 6) for (const h of bottomK(shingles, SKETCH)) keys.push(packKey(h, 0, false));
  return Uint32Array.from(keys);
}

/** The whole-sentence check hash (another basis and multiplier than the key, then a finaliser); never 0 from 8 words. */
function checkOf(words: number, shingles: Uint32Array): number {
  if (words < 8) return 0;
  let h = 0x9747b28c;
  for (const v of shingles) h = Math.imul(h ^ v, 0x5bd1e995) >>> 0;
  return fmix32(h) || 1;
}

/** Whole-sentence keys: identical masked sentences, joined as copies without comparing pairs. */
const isWholeKey = (key: number): boolean => (key & 3) === 2;

function wholeKeyOf(s: SentenceInfo): number {
  for (const key of s.copyKeys) if (isWholeKey(key)) return key;
  return 0;
}

function sentenceKeys(s: SentenceInfo): number[] {
  const keys: number[] = [...s.copyKeys];
  const anchors = [...s.anchors].sort().slice(0, MAX_ANCHORS);
  for (let i = 0; i < anchors.length; i++) {
    for (let j = i + 1; j < anchors.length; j++) keys.push(packKey(hashString(`${anchors[i]}|${anchors[j]}`), 1, false));
  }
  return keys;
}

function bottomK(hashes: Uint32Array, k: number): Uint32Array {
  return hashes.length <= k ? hashes : hashes.slice(0, k); // shingle sets are sorted ascending
}

function hashArray(values: Uint32Array): number {
  let h = 0x811c9dc5;
  for (const v of values) h = Math.imul(h ^ v, 0x01000193) >>> 0;
  return h;
}

/** Every sentence's blocking keys into the table, each packed with its document and sentence. */
function addKeys(table: KeyTable, doc: number, info: DocInfo): void {
  info.sentences.slice(0, MAX_SENTENCES + 1).forEach((s, i) => {
    const entry = doc * (MAX_SENTENCES + 1) + i;
    for (const key of new Set(sentenceKeys(s))) table.add(key, entry);
  });
}

/** The keys that can make a pair: shared by two documents at least and by no more than the key's cap. */
function candidateGroups(table: KeyTable, n: number, maxDf: number): KeyGroups {
  const fractionCap = n >= 4 ? Math.max(2, Math.floor(maxDf * n)) : n;
  return table.groups((key, group) => {
    const docs = distinctDocs(group);
    return docs >= 2 && docs <= Math.min(key & 2 ? SENTENCE_KEY_CAP : RARE_KEY_CAP, fractionCap);
  });
}

/** First documents whose candidate pairs are gathered at once: memory follows the block, not the corpus. */
export const PAIR_BLOCK = 64;
/**
 * Later documents compared with one document at most, those sharing the most keys (as the
 * watch compares a new document with its 100 best candidates): with it the pairs compared
 * grow linearly with the corpus, whatever its repeated sentences.
 */
export const MAX_PARTNERS = 100;

/**
 * Candidate pairs in order of their first document, then their second, a block of first
 * documents at a time: for each document its groups (an index from document to the groups it
 * is in), and in each group the pairs it opens with the documents after it. The same pairs,
 * sentence pairs and shared-key counts as gathering every pair of the corpus at once.
 */
function* candidateBlocks(groups: KeyGroups, n: number, block = PAIR_BLOCK, partners = MAX_PARTNERS, minChain = 4): Generator<Array<[number, number, CandidatePair]>> {
  const { starts, entries, keys } = groups;
  // document → the groups it is in (compressed rows); whole-sentence groups make clusters, not pairs
  const rowStart = new Uint32Array(n + 1);
  for (let g = 0; g < groups.count; g++) {
    if (isWholeKey(keys[g])) continue;
    for (let x = starts[g]; x < starts[g + 1]; x++) if (x === starts[g] || docOf(entries[x]) !== docOf(entries[x - 1])) rowStart[docOf(entries[x]) + 1]++;
  }
  for (let d = 0; d < n; d++) rowStart[d + 1] += rowStart[d];
  const rows = new Uint32Array(rowStart[n]);
  const fill = rowStart.slice(0, n);
  for (let g = 0; g < groups.count; g++) {
    if (isWholeKey(keys[g])) continue;
    for (let x = starts[g]; x < starts[g + 1]; x++) if (x === starts[g] || docOf(entries[x]) !== docOf(entries[x - 1])) rows[fill[docOf(entries[x])]++] = g;
  }
  const touched = new Int32Array(groups.count).fill(-1);
  for (let lo = 0; lo < n; lo += block) {
    const hi = Math.min(n, lo + block);
    const inBlock: number[] = [];
    for (let d = lo; d < hi; d++) {
      for (let r = rowStart[d]; r < rowStart[d + 1]; r++) {
        if (touched[rows[r]] === lo) continue;
        touched[rows[r]] = lo;
        inBlock.push(rows[r]);
      }
    }
    inBlock.sort((x, y) => x - y);
    // first the shared keys of each pair are counted (copy hits + anchor hits · 2^16): most
    // pairs share two or three keys by chance and are dropped before any list is built
    const counts = new Map<number, number>();
    const eachPair = (visit: (key: number, x: number, y: number, anchor: boolean) => void): void => {
      for (const g of inBlock) {
        const anchor = (keys[g] & 1) === 1;
        for (let x = starts[g]; x < starts[g + 1]; x++) {
          const a = docOf(entries[x]);
          if (a < lo) continue;
          if (a >= hi) break;
          for (let y = x + 1; y < starts[g + 1]; y++) {
            const b = docOf(entries[y]);
            if (a !== b) visit(a * n + b, x, y, anchor);
          }
        }
      }
    };
    eachPair((key, _x, _y, anchor) => counts.set(key, (counts.get(key) ?? 0) + (anchor ? 65536 : 1)));
    const worth: Array<[number, number]> = [];
    for (const [key, count] of counts) {
      const copyHits = count % 65536;
      const anchorHits = Math.floor(count / 65536);
      if (copyHits + anchorHits >= MIN_SHARED_KEYS && (copyHits >= 2 || anchorHits >= minChain)) worth.push([key, copyHits + anchorHits]);
    }
    counts.clear();
    // each first document's best partners: most shared keys, then corpus order
    worth.sort((p, q) => Math.floor(p[0] / n) - Math.floor(q[0] / n) || q[1] - p[1] || p[0] - q[0]);
    const pairs = new Map<number, CandidatePair>();
    worth.forEach(([key, count], i) => {
      if (i < partners || Math.floor(worth[i - partners][0] / n) !== Math.floor(key / n)) pairs.set(key, { copy: [], anchor: [], keys: count });
    });
    eachPair((key, x, y, anchor) => pairs.get(key)?.[anchor ? 'anchor' : 'copy'].push(sentenceOf(entries[x]) * (MAX_SENTENCES + 1) + sentenceOf(entries[y])));
    const out: Array<[number, number, CandidatePair]> = [];
    for (const [key, pair] of pairs) out.push([Math.floor(key / n), key % n, pair]);
    yield out.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  }
}

const docOf = (entry: number) => Math.floor(entry / (MAX_SENTENCES + 1));
const sentenceOf = (entry: number) => entry % (MAX_SENTENCES + 1);

function distinctDocs(group: ArrayLike<number>): number {
  let count = 0;
  for (let k = 0; k < group.length; k++) if (k === 0 || docOf(group[k]) !== docOf(group[k - 1])) count++;
  return count;
}

/** Reuse among analysed documents (tests and evaluation; the analyser reads stored state). */
export function findReuse(documents: Array<{ doc: Document; findings: Finding[] }>, options: ReuseOptions & { block?: number; partners?: number } = {}): CorpusFindingDraft[] {
  const infos = documents.map(({ doc, findings }) => prepare(doc, findings.filter((f) => f.kind === 'entity')));
  const texts = new Map(documents.map(({ doc }) => [doc.id, doc.text]));
  const combiner = new ReuseCombiner(new KeyTable(), options);
  infos.forEach((info) => combiner.add(info));
  const out: CorpusFindingDraft[] = [];
  for (const block of combiner.pairBlocks()) {
    for (const [a, b, pair] of block) {
      const finding = combiner.comparePair(a, infos[a], b, infos[b], pair);
      if (finding) out.push(finding);
    }
  }
  for (const group of combiner.groups()) out.push(combiner.groupFinding(group, (d) => infos[d]));
  return fillMemberQuotesFrom(out, texts);
}

/**
 * The corpus step's state between its passes, the same for stored states (reuseOf) and for
 * documents in memory (findReuse): the key table, the sentence index and the copy clusters.
 * 1. `add` each document (its blocking keys into the table, its sentences into the index);
 * 2. `pairBlocks`: whole-sentence key groups join their sentences into copy clusters at once;
 *    the other keys (edited copies' bottom-k shingles, rewrites' anchor pairs, each shared by
 *    at most RARE_KEY_CAP documents) make candidate pairs, each document's MAX_PARTNERS best;
 * 3. `comparePair` on each: aligned copied sentences join the clusters, and a pair that is not
 *    a copy may be a rewrite (a pair finding);
 * 4. `groups` then `groupFinding`: one copy finding per source document and its copiers.
 */
class ReuseCombiner {
  readonly refs: DocumentRef[] = [];
  private readonly index = new SentenceIndex();
  private clusters: SentenceClusters | null = null;

  constructor(
    private readonly table: KeyTable,
    private readonly options: ReuseOptions & { block?: number; partners?: number },
  ) {}

  add(info: DocInfo): void {
    const doc = this.refs.length;
    addKeys(this.table, doc, info);
    const kept = info.sentences.slice(0, MAX_SENTENCES + 1);
    this.index.addDocument(
      kept.map((s) => ({ start: s.start, end: s.end, words: s.words, whole: s.check === 0 ? 0 : wholeKeyOf(s), check: s.check, quoted: s.quoted })),
      info.chars,
      info.time,
    );
    this.refs.push(info.doc);
  }

  private get n(): number {
    return this.refs.length;
  }

  /** Identical sentences clustered, then the candidate pairs a block of first documents at a time. */
  *pairBlocks(): Generator<Array<[number, number, CandidatePair]>> {
    const groups = candidateGroups(this.table, this.n, this.options.maxDocumentFrequency ?? 0.5);
    const clusters = new SentenceClusters(this.index.sentences);
    this.clusters = clusters;
    for (let g = 0; g < groups.count; g++) {
      if (!isWholeKey(groups.keys[g])) continue;
      // the sentences of one key that also agree on the check hash are identical (the others collided)
      const members = Array.from(groups.entries.subarray(groups.starts[g], groups.starts[g + 1]), (entry) => this.globalOf(entry));
      members.sort((x, y) => this.index.check(x) - this.index.check(y) || x - y);
      for (let x = 1; x < members.length; x++) if (this.index.check(members[x]) !== 0 && this.index.check(members[x]) === this.index.check(members[x - 1])) clusters.union(members[x - 1], members[x]);
    }
    yield* candidateBlocks(groups, this.n, this.options.block, this.options.partners, this.options.minChain);
  }

  private globalOf(entry: number): number {
    return this.index.global(docOf(entry), sentenceOf(entry));
  }

  /**
   * What a candidate pair can still be, from its shared keys alone (before either state is
   * read): edited copies need two copy-key hits (identical sentences are clustered already),
   * a rewrite needs anchor keys on `minChain` sentences of the first document at least. Most
   * candidate pairs of a large corpus share two or three keys by chance and are neither.
   */
  worthComparing(pair: CandidatePair): { copies: boolean; rewrite: boolean } {
    const minChain = this.options.minChain ?? 4;
    const sentences = new Set<number>();
    for (const packed of pair.anchor) {
      sentences.add(Math.floor(packed / (MAX_SENTENCES + 1)));
      if (sentences.size >= minChain) break;
    }
    return { copies: pair.copy.length >= 2, rewrite: sentences.size >= minChain };
  }

  /** A rewrite between two candidate documents, or null; their copied sentences join the clusters. */
  comparePair(a: number, A: DocInfo, b: number, B: DocInfo, pair: CandidatePair): CorpusFindingDraft | null {
    if (!this.clusters) throw new Error('pairBlocks first');
    if (A.doc.id === B.doc.id) return null;
    const worth = this.worthComparing(pair);
    const copies = worth.copies ? copyPairs(A, B, pair.copy, this.options.sentenceSimilarity ?? 0.5) : [];
    for (const p of copies) this.clusters.union(this.index.global(a, p.a), this.index.global(b, p.b));
    if (!worth.rewrite) return null;
    const rewrite = rewriteBetween(A, B, pair, this.options);
    if (!rewrite) return null;
    // sentences the two share verbatim (also those too frequent to make a candidate pair): a copy, not a rewrite
    const identity = (g: number): string => `${this.index.whole(g)}:${this.index.check(g)}`;
    const theirs = new Set<string>();
    for (let j = 0; j < B.sentences.length && j <= MAX_SENTENCES; j++) if (this.index.whole(this.index.global(b, j)) !== 0) theirs.add(identity(this.index.global(b, j)));
    // a shared quotation is no copy (copyEvidence)
    const copied = new Set(copies.filter((p) => !A.sentences[p.a].quoted && !B.sentences[p.b].quoted).map((p) => p.a));
    for (let i = 0; i < A.sentences.length && i <= MAX_SENTENCES; i++) if (!A.sentences[i].quoted && this.index.whole(this.index.global(a, i)) !== 0 && theirs.has(identity(this.index.global(a, i)))) copied.add(i);
    const copiedWords = [...copied].reduce((acc, i) => acc + A.sentences[i].words, 0);
    return copied.size >= 2 || copiedWords >= 25 ? null : rewrite;
  }

  /** Copy groups, in order of their source document (after every pair block). */
  groups(): Generator<CopyGroup> {
    if (!this.clusters) throw new Error('pairBlocks first');
    const n = this.n;
    const maxDf = this.options.maxDocumentFrequency ?? 0.5;
    return copyGroups(this.index, this.clusters, { maxDocuments: n >= 4 ? Math.max(2, Math.floor(maxDf * n)) : n });
  }

  /** Documents of a group whose aligned sentences are not identical: their similarity needs their texts' shingles. */
  textsNeeded(group: CopyGroup): number[] {
    const out = new Set<number>();
    for (const m of group.members) {
      for (const [s, own] of m.pairs) {
        if (this.index.identical(s, own)) continue;
        out.add(group.source);
        out.add(m.doc);
      }
    }
    return [...out];
  }

  /** The finding of one copy group; `info` gives the decoded documents `textsNeeded` listed. */
  groupFinding(group: CopyGroup, info: (doc: number) => DocInfo): CorpusFindingDraft {
    const similarity = (s: number, own: number, doc: number): number => {
      if (this.index.identical(s, own)) return 1;
      return dice(shinglesOf(info(group.source), s - this.index.first(group.source)), shinglesOf(info(doc), own - this.index.first(doc)));
    };
    const view = (doc: number): CopyView => ({ doc: this.refs[doc], chars: this.index.chars(doc), time: this.index.time(doc), span: (g) => ({ start: this.index.start(g), end: this.index.end(g) }) });
    const source = view(group.source);
    const copiers = group.members.map((m) => ({
      view: view(m.doc),
      pairs: m.pairs.map(([s, own]) => ({ a: s, b: own, similarity: similarity(s, own, m.doc) })),
    }));
    if (copiers.length === 1) {
      // two documents: the pair finding, the first in corpus order as A
      const [only] = copiers;
      const [A, B, pairs] = group.source < group.members[0].doc ? [source, only.view, only.pairs] : [only.view, source, only.pairs.map((p) => ({ a: p.b, b: p.a, similarity: p.similarity }))];
      return reuseFinding('copy', A, B, pairs.sort((p, q) => p.a - q.a), []);
    }
    return copyGroupFinding(source, copiers);
  }

  close(): void {
    this.table.close();
  }
}

/** A paraphrase of the same facts in the same order, in the same or another language, or null. */
function rewriteBetween(A: DocInfo, B: DocInfo, pair: CandidatePair, options: ReuseOptions): CorpusFindingDraft | null {
  const minChain = options.minChain ?? 4;
  const minCoverage = options.minCoverage ?? 0.6;
  // the same article in another language: almost no shared words, the same anchors in order
  if (differentLanguages(A, B, options)) {
    const translated = crossLanguageChain(A, B);
    const own = translated.chain.filter((p) => !A.sentences[p.a].quoted && !B.sentences[p.b].quoted).length;
    if (translated.chain.length >= minChain && translated.coverage >= minCoverage && own >= Math.ceil(minChain / 2)) {
      return reuseFinding('rewrite', infoView(A), infoView(B), translated.chain, [...new Set(translated.chain.flatMap((p) => p.shared))], round(translated.coverage), true);
    }
    return null;
  }
  const chain = paraphraseChain(A, B, pair.anchor);
  // one statement quoted by both, sentence by sentence, is a shared quotation, not a rewrite:
  // half the chain at least must be the outlets' own sentences
  if (chain.filter((p) => !A.sentences[p.a].quoted && !B.sentences[p.b].quoted).length < Math.ceil(minChain / 2)) return null;
  const anchoredA = A.sentences.filter((s) => s.anchors.size >= 2).length;
  const anchoredB = B.sentences.filter((s) => s.anchors.size >= 2).length;
  const coverage = Math.min(chain.length / Math.max(1, anchoredA), chain.length / Math.max(1, anchoredB));
  if (chain.length >= minChain && coverage >= minCoverage) {
    return reuseFinding('rewrite', infoView(A), infoView(B), chain, [...new Set(chain.flatMap((p) => p.shared))], round(coverage));
  }
  return null;
}

/** A copy or a paraphrase between two documents, or null (the watch's pair comparison). */
function comparePair(A: DocInfo, B: DocInfo, pair: CandidatePair, options: ReuseOptions): CorpusFindingDraft | null {
  if (A.doc.id === B.doc.id) return null;
  const copies = copyPairs(A, B, pair.copy, options.sentenceSimilarity ?? 0.5);
  if (copyEvidence(copies, A, B)) return reuseFinding('copy', infoView(A), infoView(B), copies, []);
  return rewriteBetween(A, B, pair, options);
}

/**
 * Whether aligned sentences make two documents copies: two of them, or 25 words, outside
 * quotations. Sentences resting on a quotation are shown with a copy but never make one:
 * outlets quoting the same statement of a minister print the same words independently.
 */
function copyEvidence(copies: SentencePair[], A: DocInfo, B: DocInfo): boolean {
  const own = copies.filter((p) => !A.sentences[p.a].quoted && !B.sentences[p.b].quoted);
  return own.length >= 2 || own.reduce((acc, p) => acc + A.sentences[p.a].words, 0) >= 25;
}

/** Languages identified by the document analysers decide; without them, the documents' most frequent words do. */
function differentLanguages(A: DocInfo, B: DocInfo, options: ReuseOptions): boolean {
  if (A.lang && B.lang) return A.lang !== B.lang;
  return vocabularySimilarity(A.vocabulary, B.vocabulary) < (options.crossLanguageVocabulary ?? 0.2);
}

/** Sentences compared across languages at most (each side): enough for any news article. */
const MAX_CROSS_SENTENCES = 400;

/**
 * The order-preserving chain of sentence pairs of two documents in different languages, over
 * the anchors both documents contain (a word only one language capitalises cannot align).
 * Coverage counts the sentences of each document that hold two such anchors.
 */
function crossLanguageChain(A: DocInfo, B: DocInfo): { chain: Array<SentencePair & { shared: string[] }>; coverage: number } {
  const inA = new Set(A.sentences.flatMap((s) => [...s.anchors]));
  const common = new Set(B.sentences.flatMap((s) => [...s.anchors]).filter((x) => inA.has(x)));
  const restrict = (info: DocInfo): Array<Set<string>> => info.sentences.slice(0, MAX_CROSS_SENTENCES).map((s) => new Set([...s.anchors].filter((x) => common.has(x))));
  const a = restrict(A);
  const b = restrict(B);
  const pairs: Array<SentencePair & { shared: string[] }> = [];
  a.forEach((x, i) => {
    if (x.size < 2) return;
    b.forEach((y, j) => {
      if (y.size < 2) return;
      const { shared, jaccard } = anchorSimilarity(x, y);
      if (shared.length >= 2 && jaccard >= 0.5 && shared.some(isFact)) pairs.push({ a: i, b: j, similarity: jaccard, shared });
    });
  });
  const chain = longestChain(pairs);
  const anchoredA = a.filter((x) => x.size >= 2).length;
  const anchoredB = b.filter((x) => x.size >= 2).length;
  return { chain, coverage: Math.min(chain.length / Math.max(1, anchoredA), chain.length / Math.max(1, anchoredB)) };
}

/** Decoded states of recently compared documents: candidate pairs are sorted by their first document. */
const INFO_CACHE = 2048;

/**
 * The corpus step in bounded passes: one pass over the stored states writes every sentence's
 * blocking keys to the key table (which spills to files past SPILL_AT entries) and every
 * sentence's span to the sentence index (18 bytes a sentence); candidate pairs are gathered
 * PAIR_BLOCK first documents at a time, both states of each pair read back from the store
 * (an LRU of decoded states; a document's text is read only when a pair has copy candidates,
 * to re-derive the shingles of those sentences), rewrites handed over block by block, then
 * the copy groups one at a time. Nothing holds every document's state.
 */
export async function* reuseOf(state: CorpusState<ReuseState>, options: ReuseOptions & { spillAt?: number; block?: number; partners?: number } = {}): AsyncIterable<CorpusFindingDraft[]> {
  const combiner = new ReuseCombiner(new KeyTable(options.spillAt), options);
  try {
    for await (const { doc, state: kept } of state.entries()) {
      if (kept) combiner.add(fromState(doc, kept));
    }
    const refs = combiner.refs;
    const cache = new Map<number, DocInfo>();
    const info = async (i: number, withText: boolean): Promise<DocInfo> => {
      let hit = cache.get(i);
      if (hit) {
        cache.delete(i);
        cache.set(i, hit); // most recently used last
      } else {
        hit = fromState(refs[i], (await state.get(refs[i].id)) as ReuseState);
        cache.set(i, hit);
        if (cache.size > INFO_CACHE) cache.delete(cache.keys().next().value as number);
      }
      if (withText && hit.text === null && hit.sentences.some((s) => s.shingles === null)) hit.text = await state.slice(refs[i].id, 0, Number.MAX_SAFE_INTEGER);
      return hit;
    };
    for (const block of combiner.pairBlocks()) {
      const out: CorpusFindingDraft[] = [];
      for (const [a, b, pair] of block) {
        const worth = combiner.worthComparing(pair);
        if (!worth.copies && !worth.rewrite) continue;
        const withText = worth.copies;
        const finding = combiner.comparePair(a, await info(a, withText), b, await info(b, withText), pair);
        // member quotes are cut by the corpus stage: the state keeps spans only
        if (finding) out.push(finding);
      }
      if (out.length) yield out;
    }
    let out: CorpusFindingDraft[] = [];
    for (const group of combiner.groups()) {
      const decoded = new Map<number, DocInfo>();
      for (const d of combiner.textsNeeded(group)) decoded.set(d, await info(d, true));
      out.push(
        combiner.groupFinding(group, (d) => {
          const hit = decoded.get(d);
          if (!hit) throw new Error(`document ${d} of a copy group was not read`);
          return hit;
        }),
      );
      if (out.length >= GROUP_BATCH) {
        yield out;
        out = [];
      }
    }
    if (out.length) yield out;
  } finally {
    combiner.close();
  }
}

/** Copy group findings handed over at once. */
const GROUP_BATCH = 256;

/**
 * Incremental use (discern watch): one stored state decoded once with its blocking keys
 * (key → its sentences), so a new document's candidate partners are found by index look-ups
 * and each pair is compared without re-deriving either side.
 */
export interface PreparedReuse {
  readonly info: DocInfo;
  readonly keys: ReadonlyMap<number, number[]>;
}

/** `text`: the document's text, needed to compare copied sentences when the state keeps keys only (version 2). */
export function prepareReuse(doc: DocumentRef, state: ReuseState, text: string | null = null): PreparedReuse {
  const info = fromState(doc, state, text);
  const keys = new Map<number, number[]>();
  info.sentences.slice(0, MAX_SENTENCES + 1).forEach((s, i) => {
    for (const key of new Set(sentenceKeys(s))) {
      const list = keys.get(key);
      if (list) list.push(i);
      else keys.set(key, [i]);
    }
  });
  return { info, keys };
}

/**
 * Whether comparing two prepared documents needs their texts: they share a copy key (not
 * boilerplate) and a state keeps keys only, so the copied sentences' shingles come from the
 * text. The watch reads a text only then.
 */
export function reuseNeedsText(a: PreparedReuse, b: PreparedReuse, boilerplate: ReadonlySet<number> = new Set()): boolean {
  const lacking = (p: PreparedReuse): boolean => p.info.text === null && p.info.sentences.some((s) => s.shingles === null);
  if (!lacking(a) && !lacking(b)) return false;
  for (const key of a.keys.keys()) if (!(key & 1) && !boilerplate.has(key) && b.keys.has(key)) return true;
  return false;
}

/** Gives a prepared document its text (read when `reuseNeedsText` says so). */
export function withReuseText(p: PreparedReuse, text: string | null): void {
  if (p.info.text === null) p.info.text = text;
}

/**
 * The document-frequency cap of a blocking key in a corpus of `n` documents, as in the corpus
 * step: whole-sentence keys may be shared by up to SENTENCE_KEY_CAP documents, the others by
 * up to RARE_KEY_CAP, and none by more than half the corpus; above it the key is boilerplate.
 */
export function reuseKeyCap(key: number, n: number, maxDocumentFrequency = 0.5): number {
  const fractionCap = n >= 4 ? Math.max(2, Math.floor(maxDocumentFrequency * n)) : n;
  return Math.min(key & 2 ? SENTENCE_KEY_CAP : RARE_KEY_CAP, fractionCap);
}

/**
 * Reuse between two prepared documents, judged as the corpus step judges a candidate pair
 * (the same sentence pairs from their shared keys, at least MIN_SHARED_KEYS of them);
 * `boilerplate` keys (over their cap in the whole corpus) are left out as the corpus step
 * leaves them out. The finding's members carry spans, not quotes.
 */
export function reuseBetween(a: PreparedReuse, b: PreparedReuse, boilerplate: ReadonlySet<number> = new Set(), options: ReuseOptions = {}): CorpusFindingDraft | null {
  const pair: CandidatePair = { copy: [], anchor: [], keys: 0 };
  for (const [key, mine] of a.keys) {
    if (boilerplate.has(key)) continue;
    const theirs = b.keys.get(key);
    if (!theirs) continue;
    const list = key & 1 ? pair.anchor : pair.copy;
    for (const i of mine) {
      for (const j of theirs) {
        pair.keys++;
        list.push(i * (MAX_SENTENCES + 1) + j);
      }
    }
  }
  return pair.keys < MIN_SHARED_KEYS ? null : comparePair(a.info, b.info, pair, options);
}

/** What a finding needs of a document: its ref, length, date and the span of sentence i. */
interface CopyView {
  doc: DocumentRef;
  chars: number;
  time: number | null;
  span(i: number): { start: number; end: number };
}

function infoView(info: DocInfo): CopyView {
  return { doc: info.doc, chars: info.chars, time: info.time, span: (i) => info.sentences[i] };
}

/** Share of a document's prose that these sentences cover. */
function shareOf(view: CopyView, sentences: readonly number[]): number {
  return round(sentences.reduce((acc, i) => acc + (view.span(i).end - view.span(i).start), 0) / Math.max(1, view.chars));
}

/** A pair finding: a copy between two documents, or a rewrite. */
function reuseFinding(
  label: 'copy' | 'rewrite',
  A: CopyView,
  B: CopyView,
  pairs: SentencePair[],
  rawAnchors: string[],
  coverage?: number,
  crossLanguage = false,
): CorpusFindingDraft {
  const anchors = rawAnchors.map(anchorLabel);
  const blocks = passages(pairs);
  const share = { [A.doc.id]: shareOf(A, pairs.map((p) => p.a)), [B.doc.id]: shareOf(B, pairs.map((p) => p.b)) };
  let earliest: string | null = null;
  if (A.time !== null && B.time !== null && A.time !== B.time) earliest = A.time < B.time ? A.doc.id : B.doc.id;
  const role = (view: CopyView): string => (earliest === null ? 'shared' : earliest === view.doc.id ? 'earlier' : 'later');
  const members: CorpusMember[] = [];
  const span = (view: CopyView, [from, to]: [number, number]): CorpusMember => ({ doc: view.doc.id, start: view.span(from).start, end: view.span(to).end, role: role(view) });
  for (const block of blocks) members.push(span(A, block.a), span(B, block.b));
  const maxShare = Math.max(share[A.doc.id], share[B.doc.id]);
  const names = (view: CopyView): string => documentName(view.doc);
  const when = earliest ? `; ${names(earliest === A.doc.id ? A : B)} is earlier` : '';
  const explanation =
    label === 'copy'
      ? `${pairs.length} sentence${pairs.length === 1 ? '' : 's'} of "${names(A)}" reappear${pairs.length === 1 ? 's' : ''} nearly verbatim in "${names(B)}" (${Math.round(share[A.doc.id] * 100)}% and ${Math.round(share[B.doc.id] * 100)}% of the texts)${when}.`
      : `"${names(earliest === B.doc.id ? A : B)}" rewrites "${names(earliest === B.doc.id ? B : A)}"${crossLanguage ? ' in another language' : ''}: the same facts in the same order in ${pairs.length} sentences, in ${crossLanguage ? 'translation' : 'different words'} — ${anchors.slice(0, 10).join(' → ')} — covering ${Math.round((coverage ?? 0) * 100)}% of both${when}.`;
  return {
    kind: 'reuse',
    label,
    score: label === 'copy' ? round(Math.min(1, 0.5 + maxShare)) : round(Math.min(1, coverage ?? 0)),
    explanation,
    members,
    data: {
      documents: [A.doc.id, B.doc.id],
      share,
      earliest,
      passages: blocks.map((b) => ({
        [A.doc.id]: { start: A.span(b.a[0]).start, end: A.span(b.a[1]).end },
        [B.doc.id]: { start: B.span(b.b[0]).start, end: B.span(b.b[1]).end },
        similarity: b.similarity,
      })),
      ...(label === 'rewrite' ? { anchors, coverage, ...(crossLanguage ? { crossLanguage: true } : {}) } : {}),
    },
  };
}

/** Copiers named in a group's explanation; the members list them all. */
const NAMED_COPIERS = 5;

/**
 * One finding for a source document and the documents that reproduce its sentences: the
 * source's copied passages, then each copier's, every member a span; `data.passages` aligns
 * each copier's passage with the source's. The explanation names the source, how many of its
 * sentences recur, the first copiers with how much of each, and whether the source is earliest.
 */
function copyGroupFinding(source: CopyView, copiers: Array<{ view: CopyView; pairs: SentencePair[] }>): CorpusFindingDraft {
  const copied = [...new Set(copiers.flatMap((c) => c.pairs.map((p) => p.a)))].sort((x, y) => x - y);
  const share: Record<string, number> = { [source.doc.id]: shareOf(source, copied) };
  for (const c of copiers) share[c.view.doc.id] = shareOf(c.view, c.pairs.map((p) => p.b));
  const later = (c: CopyView): boolean => source.time !== null && c.time !== null && c.time > source.time;
  const earliest = copiers.every((c) => later(c.view)) ? source.doc.id : null;
  const members: CorpusMember[] = [];
  // the source's passages: runs of adjacent copied sentences
  for (const block of passages(copied.map((a) => ({ a, b: a, similarity: 1 })))) {
    members.push({ doc: source.doc.id, start: source.span(block.a[0]).start, end: source.span(block.a[1]).end, role: earliest ? 'earlier' : 'shared' });
  }
  const aligned: Array<Record<string, { start: number; end: number } | number>> = [];
  for (const c of copiers) {
    for (const block of passages(c.pairs)) {
      members.push({ doc: c.view.doc.id, start: c.view.span(block.b[0]).start, end: c.view.span(block.b[1]).end, role: later(c.view) ? 'later' : 'shared' });
      aligned.push({
        [source.doc.id]: { start: source.span(block.a[0]).start, end: source.span(block.a[1]).end },
        [c.view.doc.id]: { start: c.view.span(block.b[0]).start, end: c.view.span(block.b[1]).end },
        similarity: block.similarity,
      });
    }
  }
  const names = (view: CopyView): string => documentName(view.doc);
  const listed = copiers
    .slice(0, NAMED_COPIERS)
    .map((c) => `"${names(c.view)}" (${c.pairs.length} sentence${c.pairs.length === 1 ? '' : 's'}, ${Math.round(share[c.view.doc.id] * 100)}% of its text)`);
  const more = copiers.length > NAMED_COPIERS ? ` and ${copiers.length - NAMED_COPIERS} more` : '';
  const explanation =
    `${copied.length} sentence${copied.length === 1 ? '' : 's'} of "${names(source)}" (${Math.round(share[source.doc.id] * 100)}% of its text) reappear${copied.length === 1 ? 's' : ''} nearly verbatim in ${copiers.length} other documents: ` +
    `${listed.join(', ')}${more}${earliest ? `; "${names(source)}" is the earliest` : ''}.`;
  return {
    kind: 'reuse',
    label: 'copy',
    score: round(Math.min(1, 0.5 + Object.values(share).reduce((x, y) => Math.max(x, y), 0))),
    explanation,
    members,
    data: {
      documents: [source.doc.id, ...copiers.map((c) => c.view.doc.id)],
      source: source.doc.id,
      sentences: copied.length,
      share,
      earliest,
      passages: aligned,
    },
  };
}

const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });
const MONTHS = new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' });

/** "@RU" → "Russia", "@m3" → "March": portable anchors as a reader sees them. */
function anchorLabel(anchor: string): string {
  const month = /^@m(\d{1,2})$/u.exec(anchor);
  if (month) return MONTHS.format(new Date(Date.UTC(2020, Number(month[1]) - 1, 15)));
  if (/^@[A-Z]{2}$/u.test(anchor)) return REGION_NAMES.of(anchor.slice(1)) ?? anchor;
  return anchor;
}

export const reuseAnalyzer: CorpusAnalyzer<ReuseState> = {
  scope: 'corpus',
  name: 'reuse',
  version: '2.2.0',
  kinds: ['reuse'],
  reads: ['entity'],
  description: 'Passages shared across documents: copied (robust to edits, reordering, changed names), or rewritten — the same facts, numbers and names in the same order, in other words or in another language.',
  extract: ({ doc, findings }) => reuseState(doc, findings.filter((f) => f.kind === 'entity')),
  combine: (state) => reuseOf(state),
};

export default reuseAnalyzer;
