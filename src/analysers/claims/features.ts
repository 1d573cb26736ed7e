import { tokenize, type Token } from '../../nlp/tokens.js';

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
  /** inverse document frequency per bucket (length `dim`): words and n-grams weighted by rarity */
  idf?: Float32Array;
}

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

function add(counts: Map<number, number>, index: number, weight = 1): void {
  counts.set(index, (counts.get(index) ?? 0) + weight);
}

/** Sublinear term frequency times IDF (when given), L2-normalised to `scale`, added into `out`. */
function normalise(counts: Map<number, number>, out: Map<number, number>, scale: number, idf: Float32Array | undefined): void {
  let norm = 0;
  for (const [k, c] of counts) {
    const v = idf ? (1 + Math.log(c)) * idf[k] : c;
    counts.set(k, v);
    norm += v * v;
  }
  if (norm === 0) return;
  const factor = scale / Math.sqrt(norm);
  for (const [k, v] of counts) if (v !== 0) out.set(k, (out.get(k) ?? 0) + v * factor);
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
 * to their shape when `lower` is given ("Kabul" and "Islamabad" are both `<Xx>`).
 */
export function wordKeys(tokens: readonly Token[], lower?: ReadonlySet<string>): string[] {
  return tokens.map((t) => {
    if (NUMBER.test(t.text)) return YEAR.test(t.text) ? '<year>' : '<num>';
    if (lower && UPPER.test(t.text) && t.norm !== 'i' && !lower.has(t.norm)) return LOWER.test(t.text) ? '<Xx>' : '<XX>';
    return t.norm;
  });
}

export function featurize(text: string, options: FeatureOptions): SparseVector {
  const mask = options.dim - 1;
  const tokens = tokenize(text);
  const words = wordKeys(tokens, options.lower);
  const wordCounts = new Map<number, number>();
  for (let i = 0; i < words.length; i++) {
    add(wordCounts, (fnvMore(WORD_SEED, words[i]) >>> 0) & mask);
    if (i + 1 < words.length) add(wordCounts, (fnvMore(fnvMore(BIGRAM_SEED, words[i]) ^ 0x20, words[i + 1]) >>> 0) & mask);
  }
  const charCounts = new Map<number, number>();
  for (const word of words) {
    // masked names give no character n-grams: their letters would say who they are
    if (word.charCodeAt(0) === 0x3c) continue;
    const padded = ` ${word.replace(/\p{N}/gu, '0')} `;
    for (let s = 0; s < padded.length; s++) {
      let h = CHAR_SEED;
      for (let n = 1; n <= 5 && s + n <= padded.length; n++) {
        h = Math.imul(h ^ padded.charCodeAt(s + n - 1), 0x01000193);
        if (n >= 3) add(charCounts, (h >>> 0) & mask);
      }
    }
  }
  const out = new Map<number, number>();
  normalise(wordCounts, out, 1, options.idf);
  normalise(charCounts, out, 1, options.idf);
  for (const cue of cueFeatures(text, tokens)) add(out, fnv1a(`f:${cue}`) & mask, 0.5);
  const indices = new Uint32Array(out.size);
  const values = new Float32Array(out.size);
  let i = 0;
  for (const [k, v] of out) {
    indices[i] = k;
    values[i] = v;
    i++;
  }
  return { indices, values };
}

/** IDF per bucket from training sentences (smoothed, as scikit-learn's TfidfTransformer). */
export function fitIdf(texts: readonly string[], options: FeatureOptions): Float32Array {
  const df = new Uint32Array(options.dim);
  const seen = new Uint32Array(options.dim);
  texts.forEach((text, d) => {
    const x = featurize(text, { dim: options.dim, lower: options.lower });
    for (const k of x.indices) {
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
