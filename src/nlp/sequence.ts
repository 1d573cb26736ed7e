/**
 * Sequence decoding over BIO tags: the best tag path of a sentence by Viterbi, from per-token
 * emission scores and tag-to-tag transition scores (log-space; −Infinity forbids a step).
 * Shared by every sequence labeller here (the propaganda span tagger decodes its calibrated
 * token probabilities with it).
 */

export const O = 0;
export const B = 1;
export const I = 2;
export type Tag = typeof O | typeof B | typeof I;
const TAGS = 3;

export interface Transitions {
  /** score of the first tag, per tag */
  start: ArrayLike<number>;
  /** TAGS × TAGS, row = previous tag */
  step: ArrayLike<number>;
}

/**
 * Viterbi over `n` tokens: `emission(i, tag)` scores tag `tag` at token i. Returns the best
 * tags. Ties go to the lower tag (O before B before I), so the result is deterministic.
 */
export function viterbi(n: number, emission: (i: number, tag: Tag) => number, t: Transitions): Uint8Array {
  const path = new Uint8Array(n);
  if (n === 0) return path;
  const score = new Float64Array(n * TAGS);
  const back = new Uint8Array(n * TAGS);
  for (let s = 0; s < TAGS; s++) score[s] = t.start[s] + emission(0, s as Tag);
  for (let i = 1; i < n; i++) {
    for (let s = 0; s < TAGS; s++) {
      let best = -Infinity;
      let arg = 0;
      for (let r = 0; r < TAGS; r++) {
        const v = score[(i - 1) * TAGS + r] + t.step[r * TAGS + s];
        if (v > best) {
          best = v;
          arg = r;
        }
      }
      score[i * TAGS + s] = best + emission(i, s as Tag);
      back[i * TAGS + s] = arg;
    }
  }
  let last = 0;
  for (let s = 1; s < TAGS; s++) if (score[(n - 1) * TAGS + s] > score[(n - 1) * TAGS + last]) last = s;
  path[n - 1] = last;
  for (let i = n - 1; i > 0; i--) path[i - 1] = back[i * TAGS + path[i]];
  return path;
}

/**
 * BIO transitions for span decoding from token probabilities: a span may start anywhere at a
 * cost of `spanCost` (which joins nearby runs and drops one-token flickers), I never follows
 * O, and a span that ends and restarts at once pays the cost again.
 */
export function spanTransitions(spanCost: number): Transitions {
  const no = -Infinity;
  // restarting a span right after one costs a hair more than going on, so that at cost 0 a
  // run stays one span rather than one span per token
  const restart = -spanCost - 1e-9;
  return {
    start: [0, -spanCost, no],
    //        → O  → B          → I
    step: [0, -spanCost, no, /* from O */ 0, restart, 0, /* from B */ 0, restart, 0 /* from I */],
  };
}

/** Back pointers of decodeProbabilities, grown as needed and reused (it runs once per sentence and technique). */
let backScratch = new Uint8Array(3 * 256);

/**
 * Best spans of one sentence from token probabilities `p[from, to)`: inside tokens score
 * log(p) + bias, outside tokens log(1 − p). Returns [start, end) token index pairs.
 *
 * The same path as `viterbi` with `spanTransitions(spanCost)`, step for step (the same sums in
 * the same order, ties to the lower tag), unrolled for the three tags: no closure, no
 * transition table and no score array per call. sequence.test.ts checks it against `viterbi`.
 */
export function decodeProbabilities(p: ArrayLike<number>, from: number, to: number, bias: number, spanCost: number): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const n = to - from;
  if (n <= 0) return spans;
  if (backScratch.length < TAGS * n) backScratch = new Uint8Array(TAGS * Math.max(n, 2 * (backScratch.length / TAGS)));
  const back = backScratch;
  const eps = 1e-6;
  const enter = -spanCost; // O → B, and the first token's B
  const restart = -spanCost - 1e-9; // B → B, I → B
  const no = -Infinity;
  let q = Math.min(1 - eps, Math.max(eps, p[from]));
  let sO = 0 + Math.log(1 - q);
  let sB = enter + (Math.log(q) + bias);
  let sI = no + (Math.log(q) + bias);
  for (let i = 1; i < n; i++) {
    q = Math.min(1 - eps, Math.max(eps, p[from + i]));
    const out = Math.log(1 - q);
    const inside = Math.log(q) + bias;
    // → O: from O, B or I (all at 0)
    let best = no;
    let arg = 0;
    let v = sO + 0;
    if (v > best) { best = v; arg = 0; }
    v = sB + 0;
    if (v > best) { best = v; arg = 1; }
    v = sI + 0;
    if (v > best) { best = v; arg = 2; }
    const nO = best + out;
    back[i * TAGS] = arg;
    // → B: a new span from O, or a restart after B or I
    best = no;
    arg = 0;
    v = sO + enter;
    if (v > best) { best = v; arg = 0; }
    v = sB + restart;
    if (v > best) { best = v; arg = 1; }
    v = sI + restart;
    if (v > best) { best = v; arg = 2; }
    const nB = best + inside;
    back[i * TAGS + 1] = arg;
    // → I: never from O
    best = no;
    arg = 0;
    v = sO + no;
    if (v > best) { best = v; arg = 0; }
    v = sB + 0;
    if (v > best) { best = v; arg = 1; }
    v = sI + 0;
    if (v > best) { best = v; arg = 2; }
    const nI = best + inside;
    back[i * TAGS + 2] = arg;
    sO = nO;
    sB = nB;
    sI = nI;
  }
  let tag = 0;
  if (sB > sO) tag = 1;
  if (sI > (tag === 0 ? sO : sB)) tag = 2;
  // walk back, collecting spans from the end
  let end = -1;
  for (let i = n - 1; i >= 0; i--) {
    if (tag !== O && end < 0) end = i + 1;
    if (tag === B) {
      spans.push([from + i, from + end]);
      end = -1;
    }
    if (i > 0) tag = back[i * TAGS + tag];
  }
  return spans.reverse();
}

/** The reference decoder (generic viterbi over spanTransitions), kept for the equivalence test. */
export function decodeProbabilitiesReference(p: ArrayLike<number>, from: number, to: number, bias: number, spanCost: number): Array<[number, number]> {
  const eps = 1e-6;
  const tags = viterbi(
    to - from,
    (i, tag) => {
      const q = Math.min(1 - eps, Math.max(eps, p[from + i]));
      return tag === O ? Math.log(1 - q) : Math.log(q) + bias;
    },
    spanTransitions(spanCost),
  );
  const spans: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i <= tags.length; i++) {
    const tag = i < tags.length ? tags[i] : O;
    if (start >= 0 && tag !== I) {
      spans.push([from + start, from + i]);
      start = -1;
    }
    if (tag === B) start = i;
  }
  return spans;
}
