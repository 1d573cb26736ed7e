/**
 * TF-IDF cosine over word 1–2-grams and character 3–5-grams (sublinear tf, smoothed idf,
 * L2-normalised), with inverted postings so a query touches only the documents that share
 * a term. The classic baseline for claim matching and the first stage of the matcher.
 */

/** word 1–2-grams; character 3–5-grams within words; character 2–5-grams within words */
export type Analyzer = 'word' | 'char' | 'char2';

const URL = /\b(?:https?:\/\/|pic\.twitter\.com\/|t\.co\/)\S+/giu;

/** Lower-cased words without URLs; '#Hashtag' → 'hashtag', numbers kept. */
export function words(text: string): string[] {
  return text.replace(URL, ' ').toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [];
}

const STOP = new Set(['the', 'a', 'an', 'of', 'to', 'in', 'and', 'or', 'is', 'are', 'was', 'were', 'be', 'been', 'for', 'on', 'at', 'by', 'with', 'that', 'this', 'it', 'as', 'from', 'his', 'her', 'their', 'has', 'have', 'had', 'will', 'not']);

export function terms(text: string, analyzer: Analyzer): string[] {
  const ws = words(text);
  if (analyzer === 'word') {
    const out = ws.filter((w) => !STOP.has(w));
    for (let i = 0; i + 1 < ws.length; i++) out.push(`${ws[i]} ${ws[i + 1]}`);
    return out;
  }
  const out: string[] = [];
  const shortest = analyzer === 'char2' ? 2 : 3;
  for (const w of ws) {
    const padded = ` ${w} `;
    for (let n = shortest; n <= 5; n++) for (let i = 0; i + n <= padded.length; i++) out.push(padded.slice(i, i + n));
  }
  return out;
}

export interface SparseVector {
  ids: Int32Array;
  weights: Float32Array;
}

export class TfidfIndex {
  private readonly vocab = new Map<string, number>();
  private idf: Float32Array = new Float32Array(0);
  private postings: Array<{ docs: Int32Array; weights: Float32Array }> = [];
  readonly size: number;

  constructor(
    texts: string[],
    readonly analyzer: Analyzer,
  ) {
    this.size = texts.length;
    const df: number[] = [];
    const docTerms = texts.map((t) => {
      const counts = new Map<number, number>();
      for (const term of terms(t, analyzer)) {
        let id = this.vocab.get(term);
        if (id === undefined) {
          id = this.vocab.size;
          this.vocab.set(term, id);
          df.push(0);
        }
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      for (const id of counts.keys()) df[id]++;
      return counts;
    });
    this.idf = Float32Array.from(df, (d) => Math.log((1 + texts.length) / (1 + d)) + 1);
    const lists: Array<{ docs: number[]; weights: number[] }> = df.map(() => ({ docs: [], weights: [] }));
    docTerms.forEach((counts, doc) => {
      const v = this.weigh(counts);
      for (let k = 0; k < v.ids.length; k++) {
        lists[v.ids[k]].docs.push(doc);
        lists[v.ids[k]].weights.push(v.weights[k]);
      }
    });
    this.postings = lists.map((l) => ({ docs: Int32Array.from(l.docs), weights: Float32Array.from(l.weights) }));
  }

  private weigh(counts: Map<number, number>): SparseVector {
    const ids = Int32Array.from(counts.keys());
    const weights = new Float32Array(ids.length);
    let norm = 0;
    ids.forEach((id, k) => {
      const w = (1 + Math.log(counts.get(id)!)) * this.idf[id];
      weights[k] = w;
      norm += w * w;
    });
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < weights.length; k++) weights[k] /= norm;
    return { ids, weights };
  }

  /** The query's vector over the index's vocabulary (unknown terms dropped). */
  vector(text: string): SparseVector {
    const counts = new Map<number, number>();
    for (const term of terms(text, this.analyzer)) {
      const id = this.vocab.get(term);
      if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return this.weigh(counts);
  }

  /** Cosine of the query with every document (0 for those sharing no term). */
  scores(text: string): Float32Array {
    const q = this.vector(text);
    const out = new Float32Array(this.size);
    for (let k = 0; k < q.ids.length; k++) {
      const p = this.postings[q.ids[k]];
      const w = q.weights[k];
      for (let j = 0; j < p.docs.length; j++) out[p.docs[j]] += w * p.weights[j];
    }
    return out;
  }

  idfOf(term: string): number {
    const id = this.vocab.get(term);
    return id === undefined ? Math.log(1 + this.size) + 1 : this.idf[id];
  }
}
