import type { CorpusFindingDraft, CorpusMember, Document } from '../core/types.js';
import { DisjointSet } from './minhash.js';
import type { CorpusAnalyzer, CorpusState } from '../analysers/analyzer.js';
import { FLAG_THRESHOLD, assessComments, type CommentAssessment } from '../analysers/comments.js';
import { loadMachineTextModel, type MachineTextModel } from '../analysers/comments/machine-text-model.js';

/**
 * A verdict per comment section — organic, mixed or templated — from the per-comment
 * signals of ./comments.ts, with the clusters of comments that share a skeleton. The
 * evidence is every comment, quoted, with the signals that flagged it.
 */

export type SectionVerdict = 'organic' | 'mixed' | 'templated';

/** Skeleton similarity (Dice of masked 3-grams) at which two comments are one template. */
export const CLUSTER_SIMILARITY = 0.5;
/** Share of inauthentic comments for a 'templated' verdict, and for 'mixed'. */
export const TEMPLATED_SHARE = 0.7;
export const MIXED_SHARE = 0.25;
/** Scored comments a section needs before their mean machine-written probability counts. */
export const MACHINE_MIN_COMMENTS = 5;

export interface SectionAssessment {
  verdict: SectionVerdict;
  score: number;
  comments: CommentAssessment[];
  flagged: number;
  /** groups of indices into `comments` whose skeletons match */
  clusters: number[][];
  /**
   * Mean machine-written probability of the scored comments (like an account's mean in
   * TweepFake), or null with fewer than MACHINE_MIN_COMMENTS scored. At or above the model's
   * section threshold it makes the section at least 'mixed', never 'templated' by itself.
   */
  machine: { mean: number; comments: number; threshold: number; above: boolean } | null;
}

export function assessSection(doc: Document, model: MachineTextModel | null = loadMachineTextModel()): SectionAssessment | null {
  const comments = assessComments(doc, undefined, model);
  if (comments.length === 0) return null;
  const n = comments.length;
  const sets = new DisjointSet(n);
  // nearest neighbours suffice to build clusters: a member's best match is in its cluster
  comments.forEach((c, i) => {
    if (c.nearest && c.nearest.similarity >= CLUSTER_SIMILARITY) sets.union(i, c.nearest.index);
  });
  const clusters = sets.groups(2);
  const clustered = clusters.reduce((a, g) => a + g.length, 0);
  const flagged = comments.filter((c) => c.score >= FLAG_THRESHOLD).length;
  const share = Math.max(flagged / n, clustered / n);
  const largest = clusters.reduce((a, g) => Math.max(a, g.length), 0);
  const scored = comments.map((c) => c.machine).filter((p): p is number => p !== null);
  let machine: SectionAssessment['machine'] = null;
  if (model && scored.length >= MACHINE_MIN_COMMENTS) {
    const mean = Math.round((scored.reduce((a, b) => a + b, 0) / scored.length) * 1000) / 1000;
    machine = { mean, comments: scored.length, threshold: model.sectionThreshold, above: mean >= model.sectionThreshold };
  }
  let verdict: SectionVerdict;
  if (n >= 3 && share >= TEMPLATED_SHARE) verdict = 'templated';
  else if (share >= MIXED_SHARE || largest >= 3 || (n < 3 && flagged === n) || machine?.above) verdict = 'mixed';
  else verdict = 'organic';
  const score = Math.max(share, machine?.above ? MIXED_SHARE : 0);
  return { verdict, score: Math.round(score * 1000) / 1000, comments, flagged, clusters, machine };
}

function sectionFinding(doc: Document, a: SectionAssessment): CorpusFindingDraft {
  const clusterOf = new Map<number, number>();
  a.clusters.forEach((g, ci) => g.forEach((i) => clusterOf.set(i, ci)));
  const members: CorpusMember[] = a.comments.map((c, i) => {
    const cluster = clusterOf.get(i);
    const tag = cluster === undefined ? '' : ` (cluster ${cluster + 1})`;
    return {
      doc: doc.id,
      start: c.start,
      end: c.end,
      quote: doc.text.slice(c.start, c.end),
      role: c.score >= FLAG_THRESHOLD ? `inauthentic: ${c.label}${tag}` : `comment${tag}`,
    };
  });
  const n = a.comments.length;
  const topSignals = new Map<string, number>();
  for (const c of a.comments) if (c.score >= FLAG_THRESHOLD) topSignals.set(c.label, (topSignals.get(c.label) ?? 0) + 1);
  const signalText = [...topSignals.entries()].sort((x, y) => y[1] - x[1]).map(([name, count]) => `${count} ${name}`).join(', ');
  const clusterText = a.clusters.length > 0 ? `; ${a.clusters.length} group${a.clusters.length === 1 ? '' : 's'} of comments share a skeleton (${a.clusters.map((g) => g.length).join(', ')} comments)` : '';
  const machineText = a.machine?.above
    ? `; on average the ${a.machine.comments} scored comments read as machine-written (mean probability ${a.machine.mean}, section threshold ${a.machine.threshold})`
    : '';
  const explanation =
    a.verdict === 'organic'
      ? `${n - a.flagged} of ${n} comments show no strong sign of templating${a.flagged ? `; ${a.flagged} do (${signalText})` : ''}${clusterText}.`
      : `${a.flagged} of ${n} comments carry strong signs of templated or inauthentic writing${a.flagged ? ` (${signalText})` : ''}${clusterText}${machineText}.`;
  return {
    kind: 'comment-cluster',
    label: a.verdict,
    score: a.score,
    explanation,
    members,
    data: {
      verdict: a.verdict,
      comments: n,
      flagged: a.flagged,
      machine: a.machine,
      clusters: a.clusters.map((g) => ({ comments: g, skeleton: a.comments[g[0]].skeleton })),
      perComment: a.comments.map((c) => ({
        section: c.section,
        author: c.author,
        score: c.score,
        label: c.label,
        signals: c.signals,
        counter: c.counter,
        machine: c.machine,
      })),
    },
  };
}

/** Findings handed over at once: the corpus step never holds every section's finding. */
export const SECTION_BATCH = 500;

/** The corpus step: the stored findings, streamed in batches. */
export async function* sectionsInBatches(state: CorpusState<CorpusFindingDraft>, size = SECTION_BATCH): AsyncIterable<CorpusFindingDraft[]> {
  let batch: CorpusFindingDraft[] = [];
  for await (const { state: finding } of state.entries()) {
    if (!finding) continue;
    batch.push(finding);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/**
 * The verdict depends on one document only, so the per-document step makes the finding and
 * the corpus step lists them.
 */
export const commentSectionsAnalyzer: CorpusAnalyzer<CorpusFindingDraft> = {
  scope: 'corpus',
  name: 'comment-sections',
  version: '1.1.0',
  kinds: ['comment-cluster'],
  reads: [],
  description: 'Verdict per comment section (organic, mixed, templated) with the clusters of comments that share a skeleton and the mean machine-written probability.',
  extract({ doc }) {
    const a = assessSection(doc);
    return a ? sectionFinding(doc, a) : null;
  },
  combine: (state) => sectionsInBatches(state),
};

export default commentSectionsAnalyzer;
