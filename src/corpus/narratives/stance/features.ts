import { splitSentences } from '../../../nlp/sentences.js';

/**
 * Features for the stance of a text towards a claim (FNC-1 style: headline vs article body).
 * Two groups: relatedness (how much of the claim the text talks about: overlaps binned so a
 * linear model can draw thresholds) and stance (words of the text's sentences closest to the
 * claim, refuting and hedging cues, negation near claim words), hashed into a fixed space.
 */

export interface Sparse {
  indices: Int32Array;
  values: Float32Array;
}

const STOP = new Set(
  ('a an the and or but if of to in on at by for with from as is are was were be been being it its this that these those ' +
    'he she they we you i his her their our your my me him them us not no do does did has have had will would can could ' +
    'may might shall should must so than then there here what which who whom whose when where why how all any some such ' +
    'into about over after before up down out off just also very s t said says say new').split(' '),
);

/** Refuting and denying cues (the FNC baseline's list, widened). */
const REFUTE = new Set(
  ('fake fraud hoax false deny denies denied denial not despite nope doubt doubts bogus debunk debunked debunks pranks prank ' +
    'retract retracted retracts untrue fabricated fabrication baseless unfounded misleading rumor rumour rumors rumours ' +
    'myth satire satirical never no refute refuted refutes dismissed dismiss contrary incorrect wrong').split(' '),
);

/** Distancing and hedging cues: the text reports without endorsing. */
const HEDGE = new Set(
  ('allegedly reportedly apparently claim claims claimed claiming purportedly unconfirmed unverified rumored rumoured ' +
    'suggest suggests suggested possibly may might could appears appear seems reports reported according sources ' +
    'speculation speculate speculated believed unclear whether if').split(' '),
);

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

export function words(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).map((w) => w.replace(/['’]s$/, ''));
}

/** A crude, fast stemmer: enough to match "accuses" with "accused". */
export function stem(w: string): string {
  if (w.length <= 4) return w;
  return w.replace(/(?:ies|ied)$/, 'y').replace(/(?:ing|ed|es|s|ly)$/, '');
}

export function contentStems(text: string): string[] {
  return words(text).filter((w) => !STOP.has(w) && w.length > 1).map(stem);
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface PreparedText {
  stems: string[];
  stemSet: Set<string>;
  bigrams: Set<string>;
  lead: Set<string>;
  sentences: Array<{ words: string[]; stems: string[] }>;
  refutes: number;
  hedges: number;
}

export function prepareText(text: string): PreparedText {
  const stems = contentStems(text);
  const bigrams = new Set<string>();
  for (let i = 1; i < stems.length; i++) bigrams.add(`${stems[i - 1]} ${stems[i]}`);
  const sentences = splitSentences(text, 0, text.length).map((s) => {
    const ws = words(text.slice(s.start, s.end));
    return { words: ws, stems: ws.map(stem) };
  });
  const all = words(text);
  return {
    stems,
    stemSet: new Set(stems),
    bigrams,
    lead: new Set(stems.slice(0, Math.max(20, Math.ceil(stems.length / 4)))),
    sentences,
    refutes: all.filter((w) => REFUTE.has(w)).length,
    hedges: all.filter((w) => HEDGE.has(w)).length,
  };
}

/** Hashed inverse document frequencies, learnt at training time. */
export interface Idf {
  bits: number;
  values: Float32Array;
  fallback: number;
  /**
   * Words and stems of the gazetteer's names (masked): they share one IDF, `nameValue`, and
   * their identity is never a feature, so swapping the sides of a conflict in a claim and a
   * text cannot change the stance. Absent in models trained before masking.
   */
  names?: ReadonlySet<string>;
  nameValue?: number;
}

/** Stand-in of a masked name in identity features. */
export const NAME = '<name>';

export function idfOf(idf: Idf, w: string): number {
  if (idf.names?.has(w)) return idf.nameValue ?? idf.fallback;
  const v = idf.values[fnv1a(w) & ((1 << idf.bits) - 1)];
  return v > 0 ? v : idf.fallback;
}

function cosine(claim: string[], text: string[], idf: Idf): number {
  const a = new Map<string, number>();
  const b = new Map<string, number>();
  for (const w of claim) a.set(w, (a.get(w) ?? 0) + 1);
  for (const w of text) b.set(w, (b.get(w) ?? 0) + 1);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [w, c] of a) {
    const x = c * idfOf(idf, w);
    na += x * x;
    const d = b.get(w);
    if (d) dot += x * d * idfOf(idf, w);
  }
  for (const [w, c] of b) nb += (c * idfOf(idf, w)) ** 2;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

export interface Overlaps {
  unigram: number;
  bigram: number;
  lead: number;
  bestSentence: number;
  cosine: number;
  idfShare: number;
  claimLength: number;
}

export function overlaps(claim: PreparedText, text: PreparedText, idf: Idf): Overlaps {
  const cs = [...claim.stemSet];
  const n = Math.max(1, cs.length);
  let shared = 0;
  let sharedIdf = 0;
  let totalIdf = 0;
  for (const w of cs) {
    const v = idfOf(idf, w);
    totalIdf += v;
    if (text.stemSet.has(w)) {
      shared++;
      sharedIdf += v;
    }
  }
  let bigramHits = 0;
  for (const g of claim.bigrams) if (text.bigrams.has(g)) bigramHits++;
  let best = 0;
  for (const s of text.sentences) {
    const set = new Set(s.stems);
    let hit = 0;
    for (const w of cs) if (set.has(w)) hit++;
    best = Math.max(best, hit / n);
  }
  return {
    unigram: shared / n,
    bigram: claim.bigrams.size === 0 ? 0 : bigramHits / claim.bigrams.size,
    lead: cs.filter((w) => text.lead.has(w)).length / n,
    bestSentence: best,
    cosine: cosine(claim.stems, text.stems, idf),
    idfShare: totalIdf === 0 ? 0 : sharedIdf / totalIdf,
    claimLength: cs.length,
  };
}

class Builder {
  private readonly map = new Map<number, number>();
  constructor(private readonly mask: number) {}
  add(name: string, value = 1): void {
    const i = fnv1a(name) & this.mask;
    this.map.set(i, (this.map.get(i) ?? 0) + value);
  }
  build(): Sparse {
    const entries = [...this.map.entries()].sort((a, b) => a[0] - b[0]);
    return { indices: Int32Array.from(entries.map((e) => e[0])), values: Float32Array.from(entries.map((e) => e[1])) };
  }
}

function bins(b: Builder, name: string, value: number, edges: number[]): void {
  let k = 0;
  while (k < edges.length && value >= edges[k]) k++;
  b.add(`${name}=${k}`);
  // cumulative indicators let the model learn monotone thresholds
  for (let j = 0; j < k; j++) b.add(`${name}>=${j}`);
}

const EDGES = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

function overlapFeatures(b: Builder, o: Overlaps): void {
  bins(b, 'uni', o.unigram, EDGES);
  bins(b, 'bi', o.bigram, EDGES);
  bins(b, 'lead', o.lead, EDGES);
  bins(b, 'best', o.bestSentence, EDGES);
  bins(b, 'cos', o.cosine, EDGES);
  bins(b, 'idf', o.idfShare, EDGES);
  bins(b, 'len', o.claimLength, [2, 4, 6, 8, 10, 14]);
  b.add('uni', o.unigram);
  b.add('cos', o.cosine);
  b.add('idf', o.idfShare);
  b.add('best', o.bestSentence);
}

export function relatednessFeatures(o: Overlaps, bits: number): Sparse {
  const b = new Builder((1 << bits) - 1);
  overlapFeatures(b, o);
  return b.build();
}

/** Stance features: the words of the text closest to the claim, with refuting and hedging cues. */
export function stanceFeatures(claim: PreparedText, claimText: string, text: PreparedText, o: Overlaps, bits: number, names?: ReadonlySet<string>): Sparse {
  const b = new Builder((1 << bits) - 1);
  const id = (w: string): string => (names && (names.has(w) || names.has(stem(w))) ? NAME : w);
  overlapFeatures(b, o);
  const cs = claim.stemSet;
  const ranked = text.sentences
    .map((s, i) => ({ s, i, hit: s.stems.filter((w) => cs.has(w)).length }))
    .sort((x, y) => y.hit - x.hit || x.i - y.i)
    .slice(0, 3);
  const close = [...ranked, ...text.sentences.slice(0, 2).map((s, i) => ({ s, i, hit: 0 }))];
  let closeRefutes = 0;
  let closeHedges = 0;
  for (const { s } of close) {
    const ws = s.words;
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i];
      b.add(`w:${id(w)}`, 0.3);
      if (i > 0) b.add(`b:${id(ws[i - 1])} ${id(w)}`, 0.3);
      if (REFUTE.has(w)) {
        closeRefutes++;
        b.add(`R:${w}`);
      }
      if (HEDGE.has(w)) {
        closeHedges++;
        b.add(`H:${w}`);
      }
    }
  }
  const cw = words(claimText);
  for (const w of cw) {
    b.add(`c:${id(w)}`, 0.3);
    if (REFUTE.has(w)) b.add(`cR:${w}`);
    if (HEDGE.has(w)) b.add(`cH:${w}`);
  }
  const claimRefutes = cw.some((w) => REFUTE.has(w));
  b.add(`refute:claim=${claimRefutes}:close=${Math.min(closeRefutes, 3)}`);
  b.add(`hedge:close=${Math.min(closeHedges, 4)}`);
  bins(b, 'refutes', text.refutes, [1, 2, 3, 5, 8]);
  bins(b, 'hedges', text.hedges, [1, 2, 4, 8, 12]);
  if (claimText.includes('?')) b.add('claim?');
  return b.build();
}
