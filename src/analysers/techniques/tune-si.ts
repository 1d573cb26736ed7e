import type { Span } from '../../core/types.js';
import { SpanIndex } from '../../core/span-index.js';
import type { PreparedDoc } from './features.js';
import { classifiedDetections } from './detect.js';
import { DECODER_GRID, decodeTechnique, insideProbabilities, jointProbabilities, type JointSpan, type TechniqueDecoder } from './joint.js';
import { decodeSpans, documentHashes, ensureSentenceSignal, modelSpans, tokenProbabilities, type TechniqueModel } from './model.js';
import type { LabelledSpan, Prf } from './metrics.js';
import type { Technique } from './taxonomy.js';

/**
 * Re-tunes the joint tagger's per-technique decoders for what the findings are measured by as
 * a whole: SI F1 (every finding, merged, any technique) plus span + technique F1, instead of the
 * span + technique F1 of the joint spans alone. The two pull apart: SI counts each merged
 * predicted span once, whatever its technique, so a technique whose spans are mostly where no
 * propaganda is costs SI precision even when its right spans earn span + technique credit, and
 * a technique whose spans would join the tagger's spans into longer ones changes SI recall.
 *
 * Fixed while one technique's decoder moves: the other techniques' spans, the span tagger's
 * candidate spans beside them (kept when no joint span overlaps them, as detect.ts does; their
 * techniques as classified among all candidates, where detect.ts classifies those kept — the
 * classifier's repetition features may differ by a span, so the trainer re-scores the result
 * with detect.ts itself before keeping it) and the rule hits. Coordinate ascent from the given decoders over DECODER_GRID; a step is taken
 * only when the sum rises.
 */

export interface SiTuningDoc {
  doc: PreparedDoc;
  /** jointProbabilities of the doc (tokens × labels) */
  probs: Float64Array;
  /** the span tagger's spans, labelled and past their floor, as detect.ts would add them beside the joint spans */
  candidates: readonly LabelledSpan[];
  /** rule hits (detect.ts adds those no model finding of the same technique overlaps) */
  rules: readonly LabelledSpan[];
  gold: readonly LabelledSpan[];
}

type Scorer = (predicted: ReadonlyMap<string, readonly Span[]>, gold: ReadonlyMap<string, readonly Span[]>) => Prf;
type LabelledScorer = (predicted: ReadonlyMap<string, readonly LabelledSpan[]>, gold: ReadonlyMap<string, readonly LabelledSpan[]>) => Prf;

/** The findings detect.ts makes from joint spans, candidates and rule hits (spans and techniques only). */
export function combineFindings(joint: readonly JointSpan[], candidates: readonly LabelledSpan[], rules: readonly LabelledSpan[]): LabelledSpan[] {
  const out: LabelledSpan[] = joint.slice();
  const found = new SpanIndex(joint.slice());
  for (const c of candidates) if (found.overlapping(c.start, c.end).length === 0) out.push(c);
  const model = new SpanIndex(out.slice());
  for (const r of rules) if (!model.overlapping(r.start, r.end).some((m) => m.technique === r.technique)) out.push(r);
  return out;
}

export function tuneDecodersForSi(
  labels: readonly string[],
  docs: readonly SiTuningDoc[],
  start: Readonly<Record<string, TechniqueDecoder>>,
  keep: (doc: PreparedDoc, span: Span) => boolean,
  scoreSi: Scorer,
  scoreSpanTechnique: LabelledScorer,
  passes = 2,
  /** weight of the span + technique F1 beside SI's in the sum that is maximised */
  flcWeight = 1,
): { decoders: Record<string, TechniqueDecoder>; si: number; flc: number; startSi: number; startFlc: number } {
  const width = labels.length;
  const decoders: Record<string, TechniqueDecoder> = { ...start };
  // decoded spans per (technique, decoder), per doc: decoding is the costly part and repeats
  const memo = new Map<string, JointSpan[][]>();
  const spansOf = (c: number, d: TechniqueDecoder): JointSpan[][] => {
    const key = `${c} ${d.bias} ${d.spanCost} ${d.minScore}`;
    let v = memo.get(key);
    if (!v) {
      v = docs.map((x) => decodeTechnique(x.doc, x.probs, labels[c] as Technique, d, keep, width, c));
      memo.set(key, v);
    }
    return v;
  };
  const gold = new Map(docs.map((x, i) => [String(i), x.gold]));
  const current: JointSpan[][][] = [];
  for (let c = 1; c < width; c++) current[c] = decoders[labels[c]] ? spansOf(c, decoders[labels[c]]) : docs.map(() => []);
  const evaluate = (): { si: number; flc: number } => {
    const predicted = new Map<string, LabelledSpan[]>();
    docs.forEach((x, i) => {
      const joint: JointSpan[] = [];
      for (let c = 1; c < width; c++) for (const s of current[c][i]) joint.push(s);
      predicted.set(String(i), combineFindings(joint, x.candidates, x.rules));
    });
    return { si: scoreSi(predicted, gold).f1, flc: scoreSpanTechnique(predicted, gold).f1 };
  };
  const first = evaluate();
  let best = first;
  for (let pass = 0; pass < passes; pass++) {
    for (let c = 1; c < width; c++) {
      if (!decoders[labels[c]]) continue;
      let chosen = decoders[labels[c]];
      let chosenSpans = current[c];
      for (const bias of DECODER_GRID.bias) {
        for (const spanCost of DECODER_GRID.spanCost) {
          for (const minScore of DECODER_GRID.minScore) {
            const d = { bias, spanCost, minScore };
            current[c] = spansOf(c, d);
            const r = evaluate();
            if (r.si + flcWeight * r.flc > best.si + flcWeight * best.flc) {
              best = r;
              chosen = d;
              chosenSpans = current[c];
            }
          }
        }
      }
      decoders[labels[c]] = chosen;
      current[c] = chosenSpans;
    }
  }
  return { decoders, si: best.si, flc: best.flc, startSi: first.si, startFlc: first.flc };
}

/**
 * What tuneDecodersForSi needs of one tuning article: its joint probabilities, the span
 * tagger's spans that detect.ts would add beside the joint spans (decoded and classified as it
 * does, past the joint tagger's floor) and the rule hits.
 */
export function siTuningDoc(model: TechniqueModel, doc: PreparedDoc, gold: readonly LabelledSpan[]): SiTuningDoc {
  const joint = model.joint;
  if (!joint) throw new Error('the model has no joint tagger to tune');
  ensureSentenceSignal(model, doc);
  const features = documentHashes(doc);
  const probs = jointProbabilities(joint.model, doc, features);
  let candidates: LabelledSpan[] = [];
  if (joint.extraFloor !== null) {
    const inside = insideProbabilities(joint.model, probs);
    const extra = joint.extraSpans;
    const p = extra && extra.mix === 1 ? inside : tokenProbabilities(model, doc, features);
    if (extra && extra.mix > 0 && extra.mix < 1) for (let i = 0; i < p.length; i++) p[i] = (1 - extra.mix) * p[i] + extra.mix * inside[i];
    const spans = extra ? decodeSpans(doc, p, extra.threshold, extra.gapThreshold, extra.minScore) : modelSpans(model, doc, p);
    const floor = joint.extraFloor;
    candidates = classifiedDetections(model, doc, spans).filter((d) => d.score >= floor).map((d) => ({ start: d.start, end: d.end, technique: d.technique }));
  }
  const rules: LabelledSpan[] = [];
  for (const hits of doc.ruleHits) for (const h of hits) rules.push({ start: h.start, end: h.end, technique: h.technique });
  return { doc, probs, candidates, rules, gold };
}
