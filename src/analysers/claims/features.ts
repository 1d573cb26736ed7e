import { tokenize } from '../../nlp/tokens.js';

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

function bucket(counts: Map<number, number>, key: string, mask: number, weight = 1): void {
  const index = fnv1a(key) & mask;
  counts.set(index, (counts.get(index) ?? 0) + weight);
}

function normalise(counts: Map<number, number>, out: Map<number, number>, scale: number): void {
  let norm = 0;
  for (const v of counts.values()) norm += v * v;
  if (norm === 0) return;
  const factor = scale / Math.sqrt(norm);
  for (const [k, v] of counts) out.set(k, (out.get(k) ?? 0) + v * factor);
}

function lengthBucket(n: number): string {
  if (n < 5) return 'xs';
  if (n < 10) return 's';
  if (n < 20) return 'm';
  if (n < 35) return 'l';
  return 'xl';
}

/** The cue features of a sentence, by name (also used by tests and docs). */
export function cueFeatures(text: string): string[] {
  const tokens = tokenize(text);
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

/** Word tokens with numbers folded to their shape, so "700,000" and "9" share weight. */
function wordKeys(text: string): string[] {
  return tokenize(text).map((t) => (/^\p{N}/u.test(t.text) ? (/^(1[89]|20)\d\d$/.test(t.text) ? '<year>' : '<num>') : t.norm));
}

export function featurize(text: string, options: FeatureOptions): SparseVector {
  const mask = options.dim - 1;
  const words = wordKeys(text);
  const wordCounts = new Map<number, number>();
  for (let i = 0; i < words.length; i++) {
    bucket(wordCounts, `w:${words[i]}`, mask);
    if (i + 1 < words.length) bucket(wordCounts, `b:${words[i]} ${words[i + 1]}`, mask);
  }
  const charCounts = new Map<number, number>();
  for (const word of words) {
    const padded = ` ${word.replace(/\p{N}/gu, '0')} `;
    for (let n = 3; n <= 5; n++) {
      for (let i = 0; i + n <= padded.length; i++) bucket(charCounts, `c:${padded.slice(i, i + n)}`, mask);
    }
  }
  const out = new Map<number, number>();
  normalise(wordCounts, out, 1);
  normalise(charCounts, out, 1);
  for (const cue of cueFeatures(text)) {
    const index = fnv1a(`f:${cue}`) & mask;
    out.set(index, (out.get(index) ?? 0) + 0.5);
  }
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
