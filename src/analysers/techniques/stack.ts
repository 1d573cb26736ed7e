import type { PreparedDoc } from './features.js';

/**
 * Second-stage (stacked) span tagger features. The first stage scores each token on its own
 * words and neighbours; the second sees the first stage's scores around the token and over
 * its sentence, so it learns that spans are contiguous runs inside propagandistic sentences
 * (what a CRF's transitions and a sentence-level gate would give), while staying a
 * threshold-tunable probability.
 */

/** Coarse bins of a probability: fine near 0, where most tokens are. */
export function pbin(p: number): string {
  if (p < 0.05) return '0';
  if (p < 0.1) return '1';
  if (p < 0.2) return '2';
  if (p < 0.3) return '3';
  if (p < 0.4) return '4';
  if (p < 0.5) return '5';
  if (p < 0.65) return '6';
  if (p < 0.8) return '7';
  return '8';
}

/** Features of each token of a sentence from first-stage token probabilities `p` (document-wide) and the sentence gate `g`. */
export function stackFeatures(doc: PreparedDoc, sentenceIndex: number, p: Float64Array, gate: number): string[][] {
  const from = doc.sentenceStart[sentenceIndex];
  const n = doc.sentences[sentenceIndex].tokens.length;
  const at = (i: number): string => (i < 0 ? 's' : i >= n ? 'e' : pbin(p[from + i]));
  let max = 0;
  let sum = 0;
  let above = 0;
  for (let i = 0; i < n; i++) {
    const v = p[from + i];
    if (v > max) max = v;
    sum += v;
    if (v >= 0.3) above++;
  }
  const mean = n > 0 ? sum / n : 0;
  const sent = [`smax=${pbin(max)}`, `smean=${pbin(mean)}`, `sab=${Math.min(6, Math.round((6 * above) / Math.max(n, 1)))}`, `g=${pbin(gate)}`];
  const out: string[][] = [];
  // distance to the nearest token scoring ≥ 0.4 on each side
  for (let i = 0; i < n; i++) {
    const f = [`p0=${at(i)}`, `p-1=${at(i - 1)}`, `p+1=${at(i + 1)}`, `p-2=${at(i - 2)}`, `p+2=${at(i + 2)}`, `p-3=${at(i - 3)}`, `p+3=${at(i + 3)}`];
    f.push(`pp=${at(i - 1)}|${at(i)}|${at(i + 1)}`, `pl=${at(i - 1)}|${at(i)}`, `pr=${at(i)}|${at(i + 1)}`);
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
    f.push(`lw=${l > 0 ? pbin(lsum / l) : 's'}`, `rw=${r > 0 ? pbin(rsum / r) : 'e'}`);
    f.push(`p0g=${at(i)}|${pbin(gate)}`, `p0m=${at(i)}|${pbin(max)}`);
    for (const s of sent) f.push(s);
    out.push(f);
  }
  return out;
}

/** Features of a whole sentence, for the sentence gate (does it hold any technique span?). */
export function sentenceFeatures(doc: PreparedDoc, sentenceIndex: number): string[] {
  const s = doc.sentences[sentenceIndex];
  const from = doc.sentenceStart[sentenceIndex];
  const n = s.tokens.length;
  const text = doc.text.slice(s.start, s.end);
  const f: string[] = [`len=${Math.min(12, Math.round(Math.log2(1 + n) * 2))}`];
  if (s.title) f.push('title');
  if (text.includes('!')) f.push('!');
  if (text.includes('?')) f.push('?');
  if (/["“”]/.test(text)) f.push('quote');
  if (/^["“]/.test(text)) f.push('quoted-start');
  const seen = new Set<string>();
  for (let i = from; i < from + n; i++) {
    const t = doc.tokens[i];
    if (t.masked) continue;
    if (!seen.has(t.id)) {
      seen.add(t.id);
      f.push(`w=${t.id}`);
    }
  }
  for (const r of new Set(doc.ruleHits[sentenceIndex].map((h) => h.technique))) f.push(`rule=${r}`);
  return f;
}
