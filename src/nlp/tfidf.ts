import { tokenize } from './tokens.js';
import type { SparseFeatures } from './logistic.js';

/**
 * The classic baseline representation: TF-IDF over word 1–2-grams and character 2–5-grams
 * inside word boundaries (scikit-learn's `analyzer='char_wb'`), sublinear term frequency,
 * smoothed IDF, each block L2-normalised and the two blocks side by side (a FeatureUnion of
 * two TfidfVectorizers). Terms are hashed into a fixed space, so nothing but the IDF table
 * is kept. Used by the evaluation scripts to compute the baseline in the same run as Discern.
 */

export interface TfidfOptions {
  /** hashing space per block, a power of two */
  dim: number;
  /** terms in fewer training documents get no weight */
  minDf: number;
  /** false: word 1–2-grams only (for long texts, where character n-grams cost too much) */
  chars?: boolean;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hashString(seed: number, text: string): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** Hashed term ids of a text: words and word bigrams in [0, dim), char n-grams in [dim, 2·dim). */
export function tfidfTerms(text: string, dim: number, out: number[] = [], chars = true): number[] {
  out.length = 0;
  const mask = dim - 1;
  const words = tokenize(text).map((t) => t.norm);
  for (let i = 0; i < words.length; i++) {
    out.push(hashString(FNV_OFFSET ^ 0x77, words[i]) & mask);
    if (i + 1 < words.length) out.push(hashString(hashString(FNV_OFFSET ^ 0x62, words[i]) ^ 0x20, words[i + 1]) & mask);
  }
  if (!chars) return out;
  for (const word of words) {
    const padded = ` ${word} `;
    for (let s = 0; s < padded.length; s++) {
      let h = FNV_OFFSET ^ 0x63;
      for (let n = 1; n <= 5 && s + n <= padded.length; n++) {
        h = Math.imul(h ^ padded.charCodeAt(s + n - 1), FNV_PRIME);
        if (n >= 2) out.push(dim + ((h >>> 0) & mask));
      }
    }
  }
  return out;
}

export class TfidfVectorizer {
  private constructor(
    readonly dim: number,
    /** per hashed term (2·dim): smoothed IDF, 0 below the minimum document frequency */
    readonly idf: Float32Array,
    readonly chars: boolean,
  ) {}

  static fit(texts: readonly string[], options: TfidfOptions): TfidfVectorizer {
    const size = 2 * options.dim;
    const df = new Uint32Array(size);
    const seen = new Uint32Array(size);
    const terms: number[] = [];
    texts.forEach((text, d) => {
      for (const t of tfidfTerms(text, options.dim, terms, options.chars ?? true)) {
        if (seen[t] === d + 1) continue;
        seen[t] = d + 1;
        df[t]++;
      }
    });
    const idf = new Float32Array(size);
    const n = texts.length;
    for (let t = 0; t < size; t++) if (df[t] >= options.minDf) idf[t] = Math.log((1 + n) / (1 + df[t])) + 1;
    return new TfidfVectorizer(options.dim, idf, options.chars ?? true);
  }

  transform(text: string): SparseFeatures {
    const counts = new Map<number, number>();
    for (const t of tfidfTerms(text, this.dim, [], this.chars)) if (this.idf[t] > 0) counts.set(t, (counts.get(t) ?? 0) + 1);
    const indices = new Uint32Array(counts.size);
    const values = new Float32Array(counts.size);
    const norms = [0, 0];
    let i = 0;
    for (const [t, c] of counts) {
      const v = (1 + Math.log(c)) * this.idf[t];
      indices[i] = t;
      values[i] = v;
      norms[t < this.dim ? 0 : 1] += v * v;
      i++;
    }
    for (let k = 0; k < indices.length; k++) {
      const norm = Math.sqrt(norms[indices[k] < this.dim ? 0 : 1]);
      if (norm > 0) values[k] /= norm;
    }
    return { indices, values };
  }
}
