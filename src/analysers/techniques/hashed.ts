import { hashText, mix, seed } from '../../nlp/hashing.js';
import { shape, type PreparedDoc } from './features.js';
import { pbinIndex } from './stack.js';

/**
 * The span tagger's per-token features as integers (src/nlp/hashing.ts): the same templates
 * as before — words around the token, bigrams, shapes, punctuation in the gaps, quote parity,
 * position, repetition, lexicon hits, sentence cues — but each a mixed hash of small parts
 * hashed once per token, so a token costs a few dozen integer operations and no strings.
 * Names stay masked: a masked token's identity is its shape placeholder (features.ts).
 */

/** Features of a sentence's tokens: token i's hashes are hashes[offsets[i], offsets[i + 1]). */
export interface TokenHashes {
  hashes: Uint32Array;
  offsets: Uint32Array;
}

const T = {
  w: seed('w'), wm1: seed('w-1'), wp1: seed('w+1'), wm2: seed('w-2'), wp2: seed('w+2'), wm3: seed('w-3'), wp3: seed('w+3'),
  bm: seed('b-'), bp: seed('b+'), t: seed('t'), sk: seed('sk'), sh: seed('sh'), shm1: seed('sh-1'), shp1: seed('sh+1'),
  pb: seed('pb'), pa: seed('pa'), q: seed('q'), pos: seed('pos'), suf: seed('suf'), pre: seed('pre'), rep: seed('rep'),
  slex: seed('slex'), lex: seed('lex'), title: seed('title'), excl: seed('s!'), ques: seed('s?'), slen: seed('slen'),
  ms: seed('ms'), msm1: seed('ms-1'), msp1: seed('ms+1'), msd: seed('msd'), msmd: seed('ms|msd'),
  k0: seed('k0'), k1: seed('k1'), k1m1: seed('k1-1'), k1p1: seed('k1+1'), kbm: seed('kb-'), kbp: seed('kb+'), k0m2: seed('k0-2'), k0p2: seed('k0+2'),
};
/** Cluster id of a token without a word vector (names, numbers, rare words). */
const NO_CLUSTER = 0xffff;
const START = hashText('<s>');
const END = hashText('</s>');
const NONE = hashText('-');
const QUOTES = /["“”‘’«»]/g;

/**
 * The sentence network's probability (sentence.ts) binned, for the sentence, its neighbours and
 * the document's mean; null when the document has no sentence signal (a model without the network).
 */
export function sentenceSignalBins(doc: PreparedDoc, si: number): { own: number; before: number; after: number; doc: number } | null {
  const sig = doc.sentenceSignal;
  if (!sig || sig.length === 0) return null;
  let sum = 0;
  for (const v of sig) sum += v;
  return {
    own: pbinIndex(sig[si]),
    before: si > 0 ? pbinIndex(sig[si - 1]) : 20,
    after: si + 1 < sig.length ? pbinIndex(sig[si + 1]) : 21,
    doc: pbinIndex(sum / sig.length),
  };
}

/**
 * The joint tagger's sentence-level features of the sentence network's signal (the same for
 * every token of the sentence; empty without a signal). Not among the first stage's features:
 * there they cost the span tagger recall on tune (techniques 1.7.0 trials, docs/accuracy.md).
 */
export function signalHashes(doc: PreparedDoc, sentenceIndex: number): Uint32Array {
  const signal = sentenceSignalBins(doc, sentenceIndex);
  if (!signal) return new Uint32Array(0);
  return Uint32Array.of(mix(T.ms, signal.own), mix(T.msm1, signal.before), mix(T.msp1, signal.after), mix(T.msd, signal.doc), mix(mix(T.msmd, signal.own), signal.doc));
}

function bin(n: number, edges: readonly number[]): number {
  for (let i = 0; i < edges.length; i++) if (n <= edges[i]) return i;
  return edges.length;
}

/** The identity hash of the tagger's `w=` feature of a word id (for cue words). */
export function wordFeature(id: string): number {
  return mix(T.w, hashText(id));
}

/**
 * hashText(shape(text)), memoised: shape() builds a string a character at a time and every
 * token needs it, but tokens recur. Bounded (the memo starts afresh when full) and for short
 * tokens only: V8 keeps a substring of 13 or more characters as a slice of its document.
 */
const shapeHashes = new Map<string, number>();
function shapeHash(text: string): number {
  if (text.length > 12) return hashText(shape(text));
  let h = shapeHashes.get(text);
  if (h === undefined) {
    if (shapeHashes.size >= 50_000) shapeHashes.clear();
    shapeHashes.set(text, (h = hashText(shape(text))));
  }
  return h;
}

/** Where tokenHashes writes a sentence's features before copying them out (grown as needed, reused: no array of numbers per sentence). */
let scratch = new Uint32Array(1 << 14);

export function tokenHashes(doc: PreparedDoc, sentenceIndex: number): TokenHashes {
  const s = doc.sentences[sentenceIndex];
  const from = doc.sentenceStart[sentenceIndex];
  const n = s.tokens.length;
  const text = doc.text;
  const toks = doc.tokens;
  const ids = new Uint32Array(n);
  const shapes = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    ids[i] = hashText(toks[from + i].id);
    shapes[i] = shapeHash(toks[from + i].text);
  }
  const id = (i: number): number => (i < 0 ? START : i >= n ? END : ids[i]);
  const clusters = doc.embeddings?.clusters ?? null;
  const coarse = new Uint32Array(clusters ? n : 0);
  const fine = new Uint32Array(clusters ? n : 0);
  if (clusters) {
    for (let i = 0; i < n; i++) {
      const r = toks[from + i].row;
      coarse[i] = r < 0 ? NO_CLUSTER : clusters[0][r];
      fine[i] = r < 0 ? NO_CLUSTER : clusters[1][r];
    }
  }
  // cluster ids around a token (defined once per sentence, not per token)
  const c1 = (k: number): number => (k < 0 || k >= n ? NO_CLUSTER + 1 : fine[k]);
  const c0 = (k: number): number => (k < 0 || k >= n ? NO_CLUSTER + 1 : coarse[k]);
  const sentText = text.slice(s.start, s.end);
  const sentence: number[] = [];
  if (s.title) sentence.push(T.title);
  if (sentText.includes('!')) sentence.push(T.excl);
  if (sentText.includes('?')) sentence.push(T.ques);
  sentence.push(mix(T.slen, bin(n, [3, 6, 10, 15, 25, 40])));
  const gaps: string[] = [];
  for (let i = 0; i <= n; i++) {
    const a = i === 0 ? s.start : toks[from + i - 1].end;
    const b = i === n ? s.end : toks[from + i].start;
    // most gaps are one space: nothing left once white space is removed
    gaps.push(b <= a || (b - a === 1 && text[a] === ' ') ? '' : text.slice(a, b).replace(/\s+/g, ''));
  }
  const lexicon = doc.ruleHits[sentenceIndex];
  const sentenceLexicon = [...new Set(lexicon.map((h) => h.technique))].map((t) => hashText(t));
  // at most this many features per token: the fixed templates, the sentence's rule
  // techniques, the token's own rule techniques (no more than the hits) and the sentence cues
  const perToken = 40 + sentenceLexicon.length + lexicon.length + sentence.length;
  if (scratch.length < n * perToken) scratch = new Uint32Array(Math.max(n * perToken, 2 * scratch.length));
  const out = scratch;
  let len = 0;
  const offsets = new Uint32Array(n + 1);
  let quotes = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = len;
    const t = toks[from + i];
    const before = gaps[i];
    if (before.length > 0) quotes += (before.match(QUOTES) ?? []).length;
    const after = gaps[i + 1];
    const w = ids[i];
    const prev = id(i - 1);
    const next = id(i + 1);
    out[len++] = mix(T.w, w);
    out[len++] = mix(T.wm1, prev);
    out[len++] = mix(T.wp1, next);
    out[len++] = mix(T.wm2, id(i - 2));
    out[len++] = mix(T.wp2, id(i + 2));
    out[len++] = mix(mix(T.bm, prev), w);
    out[len++] = mix(mix(T.bp, w), next);
    out[len++] = mix(mix(mix(T.t, prev), w), next);
    out[len++] = mix(T.sh, shapes[i]);
    out[len++] = mix(T.pb, hashText(before, Math.max(0, before.length - 3)));
    out[len++] = mix(T.pa, hashText(after, 0, Math.min(3, after.length)));
    out[len++] = mix(T.q, quotes % 2);
    out[len++] = mix(T.pos, i === 0 ? 100 : i === n - 1 ? 101 : bin(Math.floor((10 * i) / n), [2, 5, 8, 9]));
    if (!t.masked && t.id.length > 4) {
      out[len++] = mix(T.suf, hashText(t.id, t.id.length - 3));
      out[len++] = mix(T.pre, hashText(t.id, 0, 4));
    }
    if (!t.masked && t.id.length > 3) out[len++] = mix(T.rep, bin(doc.counts.get(t.id) ?? 0, [1, 2, 4]));
    out[len++] = mix(T.wm3, id(i - 3));
    out[len++] = mix(T.wp3, id(i + 3));
    out[len++] = mix(mix(T.sk, prev), next);
    out[len++] = mix(T.shm1, i > 0 ? shapes[i - 1] : NONE);
    out[len++] = mix(T.shp1, i + 1 < n ? shapes[i + 1] : NONE);
    if (clusters) {
      out[len++] = mix(T.k0, coarse[i]);
      out[len++] = mix(T.k1, fine[i]);
      out[len++] = mix(T.k1m1, c1(i - 1));
      out[len++] = mix(T.k1p1, c1(i + 1));
      out[len++] = mix(mix(T.kbm, c1(i - 1)), fine[i]);
      out[len++] = mix(mix(T.kbp, fine[i]), c1(i + 1));
      out[len++] = mix(T.k0m2, c0(i - 2));
      out[len++] = mix(T.k0p2, c0(i + 2));
    }
    for (const tech of sentenceLexicon) out[len++] = mix(T.slex, tech);
    if (lexicon.length > 0) {
      const seen = new Set<string>();
      for (const h of lexicon) {
        if (h.start < t.end && t.start < h.end && !seen.has(h.technique)) {
          seen.add(h.technique);
          out[len++] = mix(T.lex, hashText(h.technique));
        }
      }
    }
    for (const g of sentence) out[len++] = g;
  }
  offsets[n] = len;
  return { hashes: out.slice(0, len), offsets };
}

const S = {
  p0: seed('p0'), pm1: seed('p-1'), pp1: seed('p+1'), pm2: seed('p-2'), pp2: seed('p+2'), pm3: seed('p-3'), pp3: seed('p+3'),
  pp: seed('pp'), pl: seed('pl'), pr: seed('pr'), lw: seed('lw'), rw: seed('rw'), p0g: seed('p0g'), p0m: seed('p0m'),
  smax: seed('smax'), smean: seed('smean'), sab: seed('sab'), g: seed('g'),
  gm1: seed('g-1'), gp1: seed('g+1'), dg: seed('dg'), dp: seed('dp'), p0dg: seed('p0dg'), gdg: seed('gdg'),
  ms: seed('sms'), msm1: seed('sms-1'), msp1: seed('sms+1'), msd: seed('smsd'), p0ms: seed('p0ms'), smaxms: seed('smax|ms'), gms: seed('g|ms'),
};
const BIN_START = 20;
const BIN_END = 21;

/**
 * What the second stage sees of the whole document: every sentence's gate, the mean gate and
 * the mean first-stage probability. Articles differ tenfold in how much of them is
 * propaganda (a tenth to a half of their sentences in the PTC), and a sentence beside one
 * with a technique holds one twice as often, so the neighbours' and the document's scores
 * say what a sentence's own words cannot.
 */
export interface StackContext {
  gates: Float64Array;
  /** mean gate over the document's sentences */
  docGate: number;
  /** mean first-stage probability over the document's tokens */
  docMean: number;
}

export function stackContext(p: Float64Array, gates: Float64Array): StackContext {
  let g = 0;
  for (const v of gates) g += v;
  let m = 0;
  for (const v of p) m += v;
  return { gates, docGate: gates.length > 0 ? g / gates.length : 0, docMean: p.length > 0 ? m / p.length : 0 };
}

/** Second-stage features (stack.ts's templates) as integers, from first-stage probabilities, the sentence gates and the document. */
export function stackHashes(doc: PreparedDoc, sentenceIndex: number, p: Float64Array, context: StackContext): TokenHashes {
  const gate = context.gates[sentenceIndex];
  const from = doc.sentenceStart[sentenceIndex];
  const n = doc.sentences[sentenceIndex].tokens.length;
  const bins = new Uint8Array(n);
  let max = 0;
  let sum = 0;
  let above = 0;
  for (let i = 0; i < n; i++) {
    const v = p[from + i];
    bins[i] = pbinIndex(v);
    if (v > max) max = v;
    sum += v;
    if (v >= 0.3) above++;
  }
  const at = (i: number): number => (i < 0 ? BIN_START : i >= n ? BIN_END : bins[i]);
  const gateBin = pbinIndex(gate);
  const maxBin = pbinIndex(max);
  const gates = context.gates;
  const near = (k: number): number => (k < 0 ? BIN_START : k >= gates.length ? BIN_END : pbinIndex(gates[k]));
  const docGateBin = pbinIndex(context.docGate);
  const sentence = [
    mix(S.smax, maxBin), mix(S.smean, pbinIndex(n > 0 ? sum / n : 0)), mix(S.sab, Math.min(6, Math.round((6 * above) / Math.max(n, 1)))), mix(S.g, gateBin),
    mix(S.gm1, near(sentenceIndex - 1)), mix(S.gp1, near(sentenceIndex + 1)), mix(S.dg, docGateBin), mix(S.dp, pbinIndex(context.docMean)),
    mix(mix(S.gdg, gateBin), docGateBin),
  ];
  const signal = sentenceSignalBins(doc, sentenceIndex);
  if (signal) {
    sentence.push(
      mix(S.ms, signal.own), mix(S.msm1, signal.before), mix(S.msp1, signal.after), mix(S.msd, signal.doc),
      mix(mix(S.smaxms, maxBin), signal.own), mix(mix(S.gms, gateBin), signal.own),
    );
  }
  // at most this many features per token (the templates below, the signal's, the sentence's), written to a reused scratch
  const perToken = 16 + sentence.length;
  if (stackScratch.length < n * perToken) stackScratch = new Uint32Array(Math.max(n * perToken, 2 * stackScratch.length));
  const out = stackScratch;
  let len = 0;
  const offsets = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) {
    offsets[i] = len;
    const c = at(i);
    out[len++] = mix(S.p0, c);
    out[len++] = mix(S.pm1, at(i - 1));
    out[len++] = mix(S.pp1, at(i + 1));
    out[len++] = mix(S.pm2, at(i - 2));
    out[len++] = mix(S.pp2, at(i + 2));
    out[len++] = mix(S.pm3, at(i - 3));
    out[len++] = mix(S.pp3, at(i + 3));
    out[len++] = mix(mix(mix(S.pp, at(i - 1)), c), at(i + 1));
    out[len++] = mix(mix(S.pl, at(i - 1)), c);
    out[len++] = mix(mix(S.pr, c), at(i + 1));
    let l = 0;
    let lsum = 0;
    for (let k = i - 1; k >= 0 && k >= i - 8; k--) {
      lsum += p[from + k];
      l++;
    }
    let r = 0;
    let rsum = 0;
    for (let k = i + 1; k < n && k <= i + 8; k++) {
      rsum += p[from + k];
      r++;
    }
    out[len++] = mix(S.lw, l > 0 ? pbinIndex(lsum / l) : BIN_START);
    out[len++] = mix(S.rw, r > 0 ? pbinIndex(rsum / r) : BIN_END);
    out[len++] = mix(mix(S.p0g, c), gateBin);
    out[len++] = mix(mix(S.p0m, c), maxBin);
    out[len++] = mix(mix(S.p0dg, c), docGateBin);
    if (signal) out[len++] = mix(mix(S.p0ms, c), signal.own);
    for (const f of sentence) out[len++] = f;
  }
  offsets[n] = len;
  return { hashes: out.slice(0, len), offsets };
}

/** Where stackHashes writes a sentence's features before copying them out (grown as needed, reused). */
let stackScratch = new Uint32Array(1 << 14);

/** String features (gate, classifier: per sentence or span, where strings cost little) as hashes. */
export function hashStrings(features: readonly string[]): Uint32Array {
  const out = new Uint32Array(features.length);
  for (let i = 0; i < features.length; i++) out[i] = hashText(features[i]);
  return out;
}
