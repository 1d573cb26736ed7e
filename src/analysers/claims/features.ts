import { tokenize, type Token } from '../../nlp/tokens.js';
import type { Embeddings } from '../../nlp/embeddings.js';

/**
 * Sentence → sparse feature vector for the check-worthiness model, by the hashing trick:
 * word 1–2-grams, character 3–5-grams inside words, and a few cues a linear model uses well
 * (numbers, dates, capitalised names, verbs of saying and accusing, modality, person).
 * The cue word lists are part of the model (changing them changes what the weights mean),
 * so they live here and not in the user-extendable lexicons.
 */

export interface SparseVector {
  indices: Uint32Array;
  values: Float32Array;
}

export const SAY_VERBS = new Set([
  'say', 'says', 'said', 'tell', 'tells', 'told', 'note', 'notes', 'noted', 'reveal', 'reveals', 'revealed',
  'warn', 'warns', 'warned', 'claim', 'claims', 'claimed', 'confirm', 'confirms', 'confirmed', 'state', 'states',
  'stated', 'report', 'reports', 'reported', 'announce', 'announced', 'disclose', 'disclosed', 'admit', 'admitted',
  'according', 'testified', 'wrote', 'writes', 'added', 'argued', 'insisted', 'acknowledged',
]);
export const ACCUSE_VERBS = new Set([
  'accuse', 'accuses', 'accused', 'allege', 'alleges', 'alleged', 'blame', 'blames', 'blamed', 'deny', 'denies',
  'denied', 'charge', 'charged', 'lied', 'lie', 'lies', 'false', 'wrong',
]);
const MODALS = new Set(['may', 'might', 'could', 'should', 'would', 'must', 'can', 'ought']);
const FUTURE = new Set(['will', "won't", "'ll", 'going', 'plan', 'plans', 'expect', 'expects', 'expected']);
const NEGATIONS = new Set(['not', 'no', 'never', "n't", "don't", "didn't", "doesn't", "isn't", "wasn't", 'nothing']);
const FIRST_PERSON = new Set(['i', 'me', 'my', "i'm", "i've", "i'll", "i'd"]);
const WE = new Set(['we', 'us', 'our', "we're", "we've", "we'll"]);
const YOU = new Set(['you', 'your', "you're", "you've"]);
const MONTHS = new Set([
  'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
]);
const SCALE = new Set(['thousand', 'thousands', 'million', 'millions', 'billion', 'billions', 'trillion', 'trillions']);
const PERCENT = new Set(['percent', 'per', '%']);
const COMPARATIVE = new Set(['more', 'less', 'fewer', 'most', 'least', 'highest', 'lowest', 'largest', 'biggest', 'increase', 'increased', 'decrease', 'decreased', 'doubled', 'tripled', 'rose', 'fell']);

export interface FeatureOptions {
  /** number of hash buckets (a power of two) */
  dim: number;
  /**
   * Words seen written in lower case in the training text. A capitalised word not in it is a
   * name (of a person, country, party, agency) and the model sees only its shape, `<Xx>` or
   * `<XX>`: it cannot learn which side a sentence names. Without it nothing is masked.
   */
  lower?: ReadonlySet<string>;
  /**
   * Names masked whatever their case (the gazetteer's one-word names, src/nlp/entities/name-words.ts
   * `gazetteerWholeNames`): "pakistan" typed in lower case is `<Xx>` like "Pakistan".
   */
  names?: ReadonlySet<string>;
  /** inverse document frequency per bucket (length `dim`): words and n-grams weighted by rarity */
  idf?: Float32Array;
  /**
   * Word vectors (src/nlp/embeddings.ts): each unmasked word's coarse and fine cluster ids
   * (and fine-cluster bigrams) as hashed features, and the sentence's mean and max pooled
   * vectors as dense features at [dim, dim + 2·dims). Masked names have no vector.
   */
  embeddings?: Embeddings;
}

/** Weights a model over `options` needs: the hashed space plus the dense pooled vectors. */
export function featureSpace(options: FeatureOptions): number {
  return options.dim + (options.embeddings ? 2 * options.embeddings.dims : 0);
}

/** Dense pooled vectors are multiplied by this: mean components are ≈ 0.1, the hashed blocks' ≈ 0.2. */
const DENSE_SCALE = 1.5;

/** FNV-1a, 32 bit: fast, stable across platforms, good enough spread for hashing features. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** FNV-1a continued from `hash` over `text` (so a prefix and a key hash without joining strings). */
function fnvMore(hash: number, text: string): number {
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

const WORD_SEED = fnvMore(0x811c9dc5, 'w:');
const BIGRAM_SEED = fnvMore(0x811c9dc5, 'b:');
const CHAR_SEED = fnvMore(0x811c9dc5, 'c:');
const CLUSTER_SEEDS = [fnvMore(0x811c9dc5, 'k0:'), fnvMore(0x811c9dc5, 'k1:'), fnvMore(0x811c9dc5, 'k2:')];
const CLUSTER_BIGRAM_SEED = fnvMore(0x811c9dc5, 'kb:');

/**
 * Sparse accumulators over the hashed space without Maps: sums in a small open-addressing
 * table (grown as a sentence needs, reused), touched buckets listed in first-touch order (so
 * sums and output order are exactly what a Map would give), reset after use. One per block,
 * allocated once per dimension. A dense array of `dim` sums gave the same figures, but each
 * sentence's buckets were cache misses spread over megabytes (four blocks of 2 MB at 2^18
 * buckets); a sentence's few hundred buckets fit a table of a few kilobytes.
 */
const FIRST_BITS = 10;
export class Accumulator {
  /** slot → bucket (−1: empty) */
  private keys = new Int32Array(1 << FIRST_BITS).fill(-1);
  /** slot → sum */
  private sums = new Float64Array(1 << FIRST_BITS);
  private bits = FIRST_BITS;
  private distinct = 0;
  /** buckets in first-touch order, and the slot of each */
  private readonly touched: Uint32Array;
  private readonly slots: Uint32Array;
  size = 0;
  constructor(capacity: number) {
    this.touched = new Uint32Array(capacity);
    this.slots = new Uint32Array(capacity);
  }
  get capacity(): number {
    return this.touched.length;
  }
  private find(index: number): number {
    const keys = this.keys;
    const mask = keys.length - 1;
    let s = Math.imul(index, 0x9e3779b1) >>> (32 - this.bits);
    for (;;) {
      const k = keys[s];
      if (k === index || k === -1) return s;
      s = (s + 1) & mask;
    }
  }
  /** Doubles the table (kept at most half full), carrying the sums to their new slots. */
  private grow(): void {
    const sums = this.sums;
    this.bits++;
    this.keys = new Int32Array(1 << this.bits).fill(-1);
    this.sums = new Float64Array(1 << this.bits);
    for (let i = 0; i < this.size; i++) {
      const s = this.find(this.touched[i]);
      if (this.keys[s] === -1) {
        this.keys[s] = this.touched[i];
        this.sums[s] = sums[this.slots[i]];
      }
      this.slots[i] = s;
    }
  }
  add(index: number, weight = 1): void {
    let s = this.find(index);
    const v = this.sums[s];
    // a bucket whose sum is 0 is (re)listed, as the dense array's accumulator did
    if (v === 0) {
      if (this.size === this.touched.length) throw new Error('feature accumulator overflow');
      if (this.keys[s] === -1) {
        if (2 * (this.distinct + 1) > this.keys.length) {
          this.grow();
          s = this.find(index);
        }
        this.keys[s] = index;
        this.distinct++;
      }
      this.touched[this.size] = index;
      this.slots[this.size] = s;
      this.size++;
    }
    this.sums[s] = v + weight;
  }
  /** The bucket, sum and new sum of the i-th listed bucket. */
  indexAt(i: number): number {
    return this.touched[i];
  }
  valueAt(i: number): number {
    return this.sums[this.slots[i]];
  }
  setAt(i: number, value: number): void {
    this.sums[this.slots[i]] = value;
  }
  clear(): void {
    for (let i = 0; i < this.size; i++) {
      const s = this.slots[i];
      this.keys[s] = -1;
      this.sums[s] = 0;
    }
    this.size = 0;
    this.distinct = 0;
  }
}

interface Scratch {
  words: Accumulator;
  chars: Accumulator;
  clusters: Accumulator;
  out: Accumulator;
}
const scratches = new Map<number, Scratch>();
function scratchFor(dim: number, tokens: number): Scratch {
  // capacity: every token gives at most 2 word keys, 3·(length + 2) char n-grams, 4 cluster keys
  let s = scratches.get(dim);
  const need = Math.min(dim, 64 + tokens * 64);
  if (!s || s.chars.capacity < need) {
    s = { words: new Accumulator(need), chars: new Accumulator(need), clusters: new Accumulator(need), out: new Accumulator(Math.min(dim, 3 * need + 64)) };
    scratches.set(dim, s);
  }
  return s;
}

/** Sublinear term frequency times IDF (when given), L2-normalised to `scale`, added into `out`; clears `counts`. */
function normalise(counts: Accumulator, out: Accumulator, scale: number, idf: Float32Array | undefined): void {
  let norm = 0;
  for (let i = 0; i < counts.size; i++) {
    const k = counts.indexAt(i);
    const c = counts.valueAt(i);
    const v = idf ? (1 + Math.log(c)) * idf[k] : c;
    counts.setAt(i, v);
    norm += v * v;
  }
  if (norm !== 0) {
    const factor = scale / Math.sqrt(norm);
    for (let i = 0; i < counts.size; i++) {
      const v = counts.valueAt(i);
      if (v !== 0) out.add(counts.indexAt(i), v * factor);
    }
  }
  counts.clear();
}

const cueHashes = new Map<string, number>();
function cueHash(cue: string): number {
  let h = cueHashes.get(cue);
  if (h === undefined) cueHashes.set(cue, (h = fnv1a(`f:${cue}`)));
  return h;
}

function lengthBucket(n: number): string {
  if (n < 5) return 'xs';
  if (n < 10) return 's';
  if (n < 20) return 'm';
  if (n < 35) return 'l';
  return 'xl';
}

/** The cue features of a sentence, by name (also used by tests and docs). */
export function cueFeatures(text: string, tokens: Token[] = tokenize(text)): string[] {
  const cues = new Set<string>();
  let capitalised = 0;
  tokens.forEach((t, i) => {
    const norm = t.norm;
    if (/^\p{N}/u.test(t.text)) {
      const digits = t.text.replace(/[.,]/g, '');
      if (/^(1[89]|20)\d\d$/.test(digits) && !t.text.includes(',')) cues.add('year');
      else cues.add('number');
    }
    if (SCALE.has(norm)) cues.add('scale');
    if (PERCENT.has(norm)) cues.add('percent');
    if (MONTHS.has(norm) && /^\p{Lu}/u.test(t.text)) cues.add('month');
    if (i > 0 && /^\p{Lu}/u.test(t.text) && !FIRST_PERSON.has(norm)) capitalised++;
    if (SAY_VERBS.has(norm)) cues.add('say');
    if (ACCUSE_VERBS.has(norm)) cues.add('accuse');
    if (MODALS.has(norm)) cues.add('modal');
    if (FUTURE.has(norm)) cues.add('future');
    if (NEGATIONS.has(norm)) cues.add('negation');
    if (FIRST_PERSON.has(norm)) cues.add('first-person');
    if (WE.has(norm)) cues.add('we');
    if (YOU.has(norm)) cues.add('you');
    if (COMPARATIVE.has(norm)) cues.add('comparative');
  });
  if (/[$€£¥]\s?\d/.test(text)) cues.add('money');
  if (/\d\s?%/.test(text)) cues.add('percent');
  if (/\?\s*["”’]?$/.test(text.trim())) cues.add('question');
  if (/!\s*["”’]?$/.test(text.trim())) cues.add('exclamation');
  cues.add(`caps:${Math.min(capitalised, 3)}`);
  cues.add(`len:${lengthBucket(tokens.length)}`);
  cues.add('bias-cue');
  return [...cues];
}

const NUMBER = /^\p{N}/u;
const YEAR = /^(1[89]|20)\d\d$/;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;

/**
 * Word keys: numbers folded to their shape, so "700,000" and "9" share weight; names masked
 * to their shape when `lower` is given ("Kabul" and "Islamabad" are both `<Xx>`), and the
 * gazetteer's one-word names in `names` whatever their case ("kabul" too).
 */
export function wordKeys(tokens: readonly Token[], lower?: ReadonlySet<string>, names?: ReadonlySet<string>): string[] {
  return tokens.map((t) => {
    if (NUMBER.test(t.text)) return YEAR.test(t.text) ? '<year>' : '<num>';
    if (lower && UPPER.test(t.text) && t.norm !== 'i' && !lower.has(t.norm)) return LOWER.test(t.text) ? '<Xx>' : '<XX>';
    // a gazetteer name in lower case is the name all the same, masked as if capitalised
    if (names?.has(t.norm)) return '<Xx>';
    return t.norm;
  });
}

/**
 * What both feature sets of a sentence are made from, computed once per sentence: tokens,
 * word keys (names masked), cues, the rows of the words that have a vector and their mean
 * and max pooled vectors.
 */
export interface SentenceParts {
  tokens: Token[];
  words: string[];
  cues: string[];
  /** per word key: its vector's row, −1 for none (masked names, numbers, unknown words) */
  rows: Int32Array;
  /** mean and component-wise max of the vectors, float32; null when no word has one */
  mean: Float32Array | null;
  max: Float32Array | null;
}

export function sentenceParts(text: string, lower: ReadonlySet<string> | undefined, e: Embeddings | undefined, names?: ReadonlySet<string>): SentenceParts {
  const tokens = tokenize(text);
  const words = wordKeys(tokens, lower, names);
  const rows = new Int32Array(words.length).fill(-1);
  let mean: Float32Array | null = null;
  let max: Float32Array | null = null;
  if (e) {
    // plain loops over locals: this runs for every sentence of every document
    const { dims, vectors, scales, index } = e;
    let n = 0;
    const sum = new Float32Array(dims);
    const top = new Float32Array(dims).fill(-Infinity);
    for (let i = 0; i < words.length; i++) {
      const word = words[i];
      const r = word.charCodeAt(0) === 0x3c ? -1 : (index.get(word) ?? -1);
      rows[i] = r;
      if (r < 0) continue;
      n++;
      const base = r * dims;
      const scale = scales[r];
      for (let d = 0; d < dims; d++) {
        const v = vectors[base + d] * scale;
        sum[d] += v;
        if (v > top[d]) top[d] = v;
      }
    }
    if (n > 0) {
      for (let d = 0; d < dims; d++) sum[d] /= n;
      mean = sum;
      max = top;
    }
  }
  return { tokens, words, cues: cueFeatures(text, tokens), rows, mean, max };
}

export function featurize(text: string, options: FeatureOptions, parts: SentenceParts = sentenceParts(text, options.lower, options.embeddings, options.names)): SparseVector {
  const mask = options.dim - 1;
  const { words } = parts;
  let letters = 0;
  for (const word of words) letters += word.length;
  const scratch = scratchFor(options.dim, words.length + letters);
  const wordCounts = scratch.words;
  const out = scratch.out;
  for (let i = 0; i < words.length; i++) {
    wordCounts.add((fnvMore(WORD_SEED, words[i]) >>> 0) & mask);
    if (i + 1 < words.length) wordCounts.add((fnvMore(fnvMore(BIGRAM_SEED, words[i]) ^ 0x20, words[i + 1]) >>> 0) & mask);
  }
  const charCounts = scratch.chars;
  for (const word of words) {
    // masked names give no character n-grams: their letters would say who they are
    if (word.charCodeAt(0) === 0x3c) continue;
    const padded = ` ${word.replace(/\p{N}/gu, '0')} `;
    for (let s = 0; s < padded.length; s++) {
      let h = CHAR_SEED;
      for (let n = 1; n <= 5 && s + n <= padded.length; n++) {
        h = Math.imul(h ^ padded.charCodeAt(s + n - 1), 0x01000193);
        if (n >= 3) charCounts.add((h >>> 0) & mask);
      }
    }
  }
  normalise(wordCounts, out, 1, options.idf);
  normalise(charCounts, out, 1, options.idf);
  const e = options.embeddings;
  if (e) {
    const clusterCounts = scratch.clusters;
    let previous = -1;
    const fineLevel = e.clusters[e.clusters.length - 1];
    for (let i = 0; i < words.length; i++) {
      const r = parts.rows[i];
      if (r < 0) {
        previous = -1;
        continue;
      }
      for (let level = 0; level < e.clusters.length; level++) clusterCounts.add((Math.imul(CLUSTER_SEEDS[level] ^ e.clusters[level][r], 0x01000193) >>> 0) & mask);
      const fine = fineLevel[r];
      if (previous >= 0) clusterCounts.add((Math.imul(Math.imul(CLUSTER_BIGRAM_SEED ^ previous, 0x01000193) ^ fine, 0x01000193) >>> 0) & mask);
      previous = fine;
    }
    normalise(clusterCounts, out, 1, options.idf);
  }
  for (const cue of parts.cues) out.add(cueHash(cue) & mask, 0.5);
  const pooled = e && parts.mean && parts.max ? [parts.mean, parts.max] : null;
  const extra = pooled ? 2 * pooled[0].length : 0;
  const indices = new Uint32Array(out.size + extra);
  const values = new Float32Array(out.size + extra);
  for (let i = 0; i < out.size; i++) {
    indices[i] = out.indexAt(i);
    values[i] = out.valueAt(i);
  }
  let i = out.size;
  out.clear();
  if (pooled) {
    const dims = pooled[0].length;
    for (let d = 0; d < extra; d++) {
      indices[i] = options.dim + d;
      values[i] = (d < dims ? pooled[0][d] : pooled[1][d - dims]) * DENSE_SCALE;
      i++;
    }
  }
  return { indices, values };
}

/** IDF per bucket from training sentences (smoothed, as scikit-learn's TfidfTransformer). */
export function fitIdf(texts: readonly string[], options: FeatureOptions): Float32Array {
  const df = new Uint32Array(options.dim);
  const seen = new Uint32Array(options.dim);
  texts.forEach((text, d) => {
    const x = featurize(text, { dim: options.dim, lower: options.lower, names: options.names, embeddings: options.embeddings });
    for (const k of x.indices) {
      if (k >= options.dim) continue;
      if (seen[k] === d + 1) continue;
      seen[k] = d + 1;
      df[k]++;
    }
  });
  const idf = new Float32Array(options.dim);
  const n = texts.length;
  for (let k = 0; k < options.dim; k++) idf[k] = Math.log((1 + n) / (1 + df[k])) + 1;
  return idf;
}

/** The cues of `cueFeatures` that the dense input of the network sees, in a fixed order. */
const DENSE_CUES = [
  'year', 'number', 'scale', 'percent', 'month', 'money', 'say', 'accuse', 'modal', 'future', 'negation', 'first-person',
  'we', 'you', 'comparative', 'question', 'exclamation', 'caps:0', 'caps:1', 'caps:2', 'caps:3', 'len:xs', 'len:s', 'len:m', 'len:l', 'len:xl',
];

/** Length of `denseFeatures`' vector for these vectors. */
export function denseSize(e: Embeddings): number {
  return 2 * e.dims + DENSE_CUES.length + 1;
}

/**
 * The dense input of the check-worthiness network: mean and max pooled vectors of the
 * unmasked words, the cues as 0/1, and the share of words with a vector. Names are masked
 * exactly as in `featurize`.
 */
export function denseFeatures(text: string, e: Embeddings, lower?: ReadonlySet<string>, names?: ReadonlySet<string>, parts: SentenceParts = sentenceParts(text, lower, e, names)): Float32Array {
  const out = new Float32Array(denseSize(e));
  if (parts.mean && parts.max) {
    for (let d = 0; d < e.dims; d++) {
      out[d] = parts.mean[d] * 4;
      out[e.dims + d] = parts.max[d] * 2;
    }
  }
  const cues = new Set(parts.cues);
  DENSE_CUES.forEach((c, i) => {
    if (cues.has(c)) out[2 * e.dims + i] = 1;
  });
  let n = 0;
  for (const r of parts.rows) if (r >= 0) n++;
  out[out.length - 1] = parts.words.length > 0 ? n / parts.words.length : 0;
  return out;
}
