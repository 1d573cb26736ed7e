import type { SparseFeatures } from '../../nlp/logistic.js';
import type { Assessment } from '../checks.js';
import { stem, type TextFacts } from '../facts.js';

/**
 * Features of one (claim, passage) pair for the verdict model: the explainable checks'
 * measurements (coverage, entity coverage, conflicts by kind, negation and hedges on each
 * side, agreeing and missing values) and hashed words of the passage that the claim does
 * not share (cue words such as "not", "no evidence", "myth", "however"), bigrams included.
 */
export const VERDICT_DIM = 1 << 16;
const DENSE = 16;

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return DENSE + ((h >>> 0) % (VERDICT_DIM - DENSE));
}

export function verdictFeatures(claim: TextFacts, passage: TextFacts, a: Assessment): SparseFeatures {
  const count = (k: string) => a.conflicts.filter((c) => c.kind === k).length;
  const dense = [
    1, a.coverage, a.entityCoverage, a.relevance, a.sameEvent ? 1 : 0,
    Math.min(count('number'), 2) / 2, Math.min(count('date'), 2) / 2, count('negation') > 0 ? 1 : 0, count('role') + count('death') > 0 ? 1 : 0,
    claim.negations.length > 0 ? 1 : 0, passage.negations.length > 0 ? 1 : 0, a.claimHedge ? 1 : 0, a.passageHedge ? 1 : 0,
    Math.min(a.agreements.length, 4) / 4, Math.min(a.missing.length, 4) / 4, a.stance === 'supports' ? 1 : 0,
  ];
  const map = new Map<number, number>();
  dense.forEach((v, i) => v !== 0 && map.set(i, v));
  const words = passage.tokens.map((t) => t.norm);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const novel = !claim.stemSet.has(stem(w));
    const key = hash(`${novel ? 'n' : 's'}:${w}`);
    map.set(key, 1);
    if (i + 1 < words.length) map.set(hash(`b:${w} ${words[i + 1]}`), 1);
  }
  for (const t of claim.tokens) if (claim.negations.includes(t) || t.norm.length > 3) map.set(hash(`c:${t.norm}`), 0.5);
  const indices = Int32Array.from(map.keys());
  return { indices, values: Float32Array.from(indices, (i) => map.get(i)!) };
}
