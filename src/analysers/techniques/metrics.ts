import type { Span } from '../../core/types.js';

/**
 * The SemEval-2020 Task 11 measures.
 * SI: character-level partial overlap. Gold spans that overlap are merged first (the
 * official scorer's -m option); predicted spans are merged too, since SI has no labels.
 *   P = (1/|S|) Σ_s Σ_t |s∩t|/|s|,  R = (1/|T|) Σ_s Σ_t |s∩t|/|t|,  F1 = 2PR/(P+R)
 * TC: micro-F1 over gold spans, which equals accuracy because every gold span gets one
 * prediction; a span that carries several techniques is matched as a multiset.
 */

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
  predicted: number;
  gold: number;
}

export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

function overlap(a: Span, b: Span): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/** SI scores over many articles: maps from article id to spans. */
export function scoreSi(predicted: ReadonlyMap<string, readonly Span[]>, gold: ReadonlyMap<string, readonly Span[]>): Prf {
  let pSum = 0;
  let rSum = 0;
  let nPred = 0;
  let nGold = 0;
  const ids = new Set([...predicted.keys(), ...gold.keys()]);
  for (const id of ids) {
    const s = mergeSpans(predicted.get(id) ?? []);
    const t = mergeSpans(gold.get(id) ?? []);
    nPred += s.length;
    nGold += t.length;
    for (const a of s) {
      for (const b of t) {
        const o = overlap(a, b);
        if (o === 0) continue;
        pSum += o / (a.end - a.start);
        rSum += o / (b.end - b.start);
      }
    }
  }
  const precision = nPred === 0 ? 0 : pSum / nPred;
  const recall = nGold === 0 ? 0 : rSum / nGold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, predicted: nPred, gold: nGold };
}

export interface LabelledSpan extends Span {
  technique: string;
}

export interface TcScore {
  microF1: number;
  correct: number;
  total: number;
  perTechnique: Map<string, Prf>;
}

/**
 * TC micro-F1. `gold` and `predicted` hold one entry per gold span instance (same spans,
 * possibly repeated with different techniques); identical spans are compared as multisets.
 */
export function scoreTc(gold: readonly LabelledSpan[], predicted: readonly LabelledSpan[], keyPrefix = ''): { correct: number; total: number; pairs: Array<[string, string]> } {
  const groups = new Map<string, { gold: string[]; pred: string[] }>();
  const key = (s: LabelledSpan): string => `${keyPrefix}${s.start}:${s.end}`;
  for (const g of gold) {
    const e = groups.get(key(g)) ?? { gold: [], pred: [] };
    e.gold.push(g.technique);
    groups.set(key(g), e);
  }
  for (const p of predicted) groups.get(key(p))?.pred.push(p.technique);
  let correct = 0;
  const pairs: Array<[string, string]> = [];
  for (const { gold: g, pred: p } of groups.values()) {
    const left = [...p];
    const unmatchedGold: string[] = [];
    for (const label of g) {
      const i = left.indexOf(label);
      if (i >= 0) {
        left.splice(i, 1);
        correct++;
        pairs.push([label, label]);
      } else unmatchedGold.push(label);
    }
    unmatchedGold.forEach((label, i) => pairs.push([label, left[i] ?? '']));
  }
  return { correct, total: gold.length, pairs };
}

/** Per-technique precision/recall/F1 from (gold, predicted) pairs. */
export function perTechnique(pairs: ReadonlyArray<[string, string]>): Map<string, Prf> {
  const labels = new Set<string>();
  for (const [g, p] of pairs) {
    labels.add(g);
    if (p) labels.add(p);
  }
  const out = new Map<string, Prf>();
  for (const label of [...labels].sort()) {
    const tp = pairs.filter(([g, p]) => g === label && p === label).length;
    const predicted = pairs.filter(([, p]) => p === label).length;
    const gold = pairs.filter(([g]) => g === label).length;
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = gold === 0 ? 0 : tp / gold;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    out.set(label, { precision, recall, f1, predicted, gold });
  }
  return out;
}

/**
 * Span + technique F1 (the NLP4IF-2019 FLC measure, partial overlap): SI's partial-overlap
 * precision and recall, where a predicted span earns credit only from gold spans of its own
 * technique. Spans of one technique that overlap are merged, per article, on both sides.
 */
export function scoreSpanTechnique(
  predicted: ReadonlyMap<string, readonly LabelledSpan[]>,
  gold: ReadonlyMap<string, readonly LabelledSpan[]>,
): Prf {
  const byTechnique = (m: ReadonlyMap<string, readonly LabelledSpan[]>): Map<string, Span[]> => {
    const out = new Map<string, Span[]>();
    for (const [id, spans] of m) {
      for (const s of spans) {
        const key = `${id}\u0000${s.technique}`;
        const list = out.get(key) ?? [];
        list.push(s);
        out.set(key, list);
      }
    }
    return out;
  };
  return scoreSi(byTechnique(predicted), byTechnique(gold));
}
