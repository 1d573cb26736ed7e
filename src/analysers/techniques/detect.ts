import type { Span } from '../../core/types.js';
import { SpanIndex } from '../../core/span-index.js';
import { prepare, tokenRange, type PreparedDoc, type PreparedSentence } from './features.js';
import type { LexiconRule } from './lexicons.js';
import { calibrate, classifySpans, cueWords, decodeSpans, documentHashes, ensureSentenceSignal, hasContentWord, modelSpans, tokenProbabilities, type TaggedSpan, type TechniqueModel } from './model.js';
import { insideProbabilities, jointCueWords, jointProbabilities, jointSpans } from './joint.js';
import type { Technique } from './taxonomy.js';

/** A technique found in a document, by the trained model, a lexicon rule, or both. */
export interface Detection extends Span {
  technique: Technique;
  /** 0..1 */
  score: number;
  source: 'model' | 'rule' | 'model+rule';
  cues: string[];
  /** the lexicon entries' reasons (rules only) */
  reasons: string[];
  /** model: mean token probability of the span (inside any technique), and the probability of the technique given that */
  spanProbability?: number;
  classProbability?: number;
}

export interface DetectOptions {
  model: TechniqueModel;
  rules: readonly LexiconRule[];
  /** false: the trained model alone (for measuring it) */
  useRules?: boolean;
}

/** Detections with calibrated scores: the probability that each is a right technique span. */
export function detectPrepared(doc: PreparedDoc, options: DetectOptions): Detection[] {
  const raw = detectRaw(doc, options);
  for (const d of raw) d.score = calibrate(options.model, d.source, d.score);
  return raw;
}

/** The technique-agnostic tagger's spans, each with the classifier's technique (and its runner-up when the model says so). */
export function classifiedDetections(model: TechniqueModel, doc: PreparedDoc, spans: TaggedSpan[]): Detection[] {
  const classes = classifySpans(model, doc, spans);
  const out: Detection[] = spans.map((s, i) => ({
    start: s.start,
    end: s.end,
    technique: classes[i].technique,
    score: s.score * classes[i].probability,
    source: 'model',
    cues: cueWords(model, doc, s, classes[i].technique),
    reasons: [],
    spanProbability: s.score,
    classProbability: classes[i].probability,
  }));
  if (model.second !== null) {
    spans.forEach((s, i) => {
      const runnerUp = classes[i].ranking[1];
      if (!runnerUp || runnerUp.probability < (model.second ?? 1)) return;
      out.push({
        start: s.start,
        end: s.end,
        technique: runnerUp.technique,
        score: s.score * runnerUp.probability,
        source: 'model',
        cues: cueWords(model, doc, s, runnerUp.technique),
        reasons: [],
        spanProbability: s.score,
        classProbability: runnerUp.probability,
      });
    });
  }
  return out;
}

/** The joint tagger's spans (each technique decoded on its own), plus the tagger's spans none of them overlaps when the model keeps those. */
function jointDetections(model: TechniqueModel, joint: NonNullable<TechniqueModel['joint']>, doc: PreparedDoc): Detection[] {
  const features = documentHashes(doc);
  const probs = jointProbabilities(joint.model, doc, features);
  const inside = insideProbabilities(joint.model, probs);
  const out: Detection[] = jointSpans(joint, doc, probs, hasContentWord).map((s) => {
    const [a, b] = tokenRange(doc, s);
    let any = 0;
    for (let i = a; i < b; i++) any += inside[i];
    const spanProbability = any / Math.max(1, b - a);
    return {
      start: s.start,
      end: s.end,
      technique: s.technique,
      score: s.score,
      source: 'model',
      cues: jointCueWords(joint.model, doc, s, s.technique),
      reasons: [],
      spanProbability,
      classProbability: spanProbability > 0 ? Math.min(1, s.score / spanProbability) : 0,
    };
  });
  if (joint.extraFloor === null) return out;
  const found = new SpanIndex(out.slice());
  const extra = joint.extraSpans;
  // mix 1: the joint tagger's P(inside) alone, and the two-stage tagger is not run at all
  const p = extra && extra.mix === 1 ? inside : tokenProbabilities(model, doc, features);
  if (extra && extra.mix > 0 && extra.mix < 1) for (let i = 0; i < p.length; i++) p[i] = (1 - extra.mix) * p[i] + extra.mix * inside[i];
  const candidates = extra ? decodeSpans(doc, p, extra.threshold, extra.gapThreshold, extra.minScore) : modelSpans(model, doc, p);
  const rest = candidates.filter((s) => found.overlapping(s.start, s.end).length === 0);
  for (const d of classifiedDetections(model, doc, rest)) if (d.score >= joint.extraFloor) out.push(d);
  return out;
}

/** Detections with their raw scores (the model's span scores, combined with rule scores). */
export function detectRaw(doc: PreparedDoc, options: DetectOptions): Detection[] {
  const { model } = options;
  ensureSentenceSignal(model, doc);
  const out = model.joint ? jointDetections(model, model.joint, doc) : classifiedDetections(model, doc, modelSpans(model, doc, tokenProbabilities(model, doc)));
  if (options.useRules === false) return out;
  // indexed, not scanned per hit: a scan made long documents quadratic
  const modelFound = new SpanIndex(out.slice());
  const ruleFound = new Map<string, Detection>();
  doc.sentences.forEach((_, si) => {
    for (const hit of doc.ruleHits[si]) {
      const same = modelFound.overlapping(hit.start, hit.end).find((d) => d.technique === hit.technique);
      if (same) {
        // the model and a rule agree: keep the model's span, add the rule's cue and reason
        same.source = 'model+rule';
        same.score = 1 - (1 - same.score) * (1 - hit.score);
        if (!same.cues.includes(hit.cue)) same.cues.unshift(hit.cue);
        if (!same.reasons.includes(hit.reason)) same.reasons.push(hit.reason);
        continue;
      }
      const key = `${hit.technique} ${hit.start} ${hit.end}`;
      const dup = ruleFound.get(key);
      if (dup) {
        dup.score = Math.max(dup.score, hit.score);
        if (!dup.cues.includes(hit.cue)) dup.cues.push(hit.cue);
        if (!dup.reasons.includes(hit.reason)) dup.reasons.push(hit.reason);
        continue;
      }
      const rule: Detection = { start: hit.start, end: hit.end, technique: hit.technique, score: hit.score, source: 'rule', cues: [hit.cue], reasons: [hit.reason] };
      ruleFound.set(key, rule);
      out.push(rule);
    }
  });
  return out.sort((a, b) => a.start - b.start || a.end - b.end || a.technique.localeCompare(b.technique));
}

export function detect(text: string, sentences: PreparedSentence[], options: DetectOptions): Detection[] {
  return detectPrepared(prepare(text, sentences, options.model.vocab, options.rules), options);
}
