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

/** `Number(pbin(p))` without making and parsing a string (the same bin, NaN included: 8). */
export function pbinIndex(p: number): number {
  if (p < 0.05) return 0;
  if (p < 0.1) return 1;
  if (p < 0.2) return 2;
  if (p < 0.3) return 3;
  if (p < 0.4) return 4;
  if (p < 0.5) return 5;
  if (p < 0.65) return 6;
  if (p < 0.8) return 7;
  return 8;
}

/* The per-token second-stage features themselves are in hashed.ts (stackHashes), as integers. */

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
      if (doc.embeddings && t.row >= 0) f.push(`k1=${doc.embeddings.clusters[1][t.row]}`);
    }
  }
  for (const r of new Set(doc.ruleHits[sentenceIndex].map((h) => h.technique))) f.push(`rule=${r}`);
  return f;
}
