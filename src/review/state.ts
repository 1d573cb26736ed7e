import type { Finding } from '../core/types.js';
import { COMPUTED_KINDS, type Review, type ReviewCorrection, type ReviewStatus, type ReviewTarget, type Verdict } from './types.js';

/**
 * From the append-only history to what counts now, and from review targets to the findings
 * that hold them after a re-analysis.
 *
 * Folding: a review that sets a status (confirmed, rejected, corrected) replaces the status
 * and the correction; a verdict or a note replaces the earlier verdict or note. So "the
 * latest review counts", aspect by aspect: a note added after a confirmation keeps it
 * confirmed.
 *
 * Re-attaching, in order: the finding with the reviewed finding's id, or else the one with the
 * same kind, span and label (`exact`; where several share them — fact-checks rated alike on one
 * claim — the one whose id ends like the reviewed one's); else the
 * same kind and span under another label (`relabelled`, an analyser renamed its classes);
 * else the same kind and label on the most-overlapping span, at least half of the union
 * (`moved`, an analyser moved a boundary). A target with none of these is `orphaned`: kept,
 * listed and shown, never dropped. Reviews of computed kinds (verdicts, fact-check matches)
 * are out of scope where those kinds were not computed (a document without any of them).
 */

export type Attachment = 'exact' | 'relabelled' | 'moved';

export interface ReviewState {
  status: ReviewStatus | null;
  correction: ReviewCorrection | null;
  verdict: Verdict | null;
  note: string | null;
  /** who made the latest review, and when */
  reviewer: string;
  updatedAt: string;
  /** every review of this target, oldest first */
  history: Review[];
}

export interface AttachedReview extends ReviewState {
  attachment: Attachment;
  target: ReviewTarget;
}

export interface OrphanedReview extends ReviewState {
  target: ReviewTarget;
}

export function targetKey(t: Pick<ReviewTarget, 'doc' | 'kind' | 'start' | 'end' | 'label'>): string {
  return JSON.stringify([t.doc, t.kind, t.start, t.end, t.label]);
}

/** The state of one target's history (oldest first). */
export function foldReviews(history: Review[]): ReviewState {
  const sorted = [...history].sort((a, b) => a.id - b.id);
  const state: ReviewState = { status: null, correction: null, verdict: null, note: null, reviewer: '', updatedAt: '', history: sorted };
  for (const r of sorted) {
    if (r.status) {
      state.status = r.status;
      state.correction = r.status === 'corrected' ? r.correction : null;
    }
    if (r.verdict) state.verdict = r.verdict;
    if (r.note) state.note = r.note;
    state.reviewer = r.reviewer;
    state.updatedAt = r.createdAt;
  }
  return state;
}

/** Reviews grouped by target, each group folded. */
export function groupReviews(reviews: Review[]): Array<{ target: ReviewTarget; state: ReviewState }> {
  const groups = new Map<string, Review[]>();
  for (const r of reviews) {
    const key = targetKey(r.target);
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()].map((history) => {
    const state = foldReviews(history);
    return { target: state.history[state.history.length - 1].target, state };
  });
}

export interface ReviewAttachments {
  /** the review state of a finding of a document, if it has one */
  of(doc: string, findingId: string): AttachedReview | undefined;
  /** where one target is attached now: the finding's id and how it was found */
  findingOf(target: ReviewTarget): { findingId: string; attachment: Attachment } | undefined;
  /** reviews of documents in scope whose finding no longer exists */
  orphans: OrphanedReview[];
  /** how many review targets found their finding */
  attached: number;
}

/**
 * Attaches every review target of the given documents to the finding that holds it now.
 * Reviews of documents not passed in are out of scope (neither attached nor orphaned).
 */
export function attachReviews(documents: Array<{ doc: { id: string }; findings: Finding[] }>, reviews: Review[]): ReviewAttachments {
  const byDoc = new Map<string, Finding[]>(documents.map((d) => [d.doc.id, d.findings]));
  const attached = new Map<string, AttachedReview>();
  const orphans: OrphanedReview[] = [];
  const placed = new Map<string, { findingId: string; attachment: Attachment }>();
  for (const { target, state } of groupReviews(reviews)) {
    const findings = byDoc.get(target.doc);
    if (!findings) continue;
    if (COMPUTED_KINDS.includes(target.kind) && !findings.some((f) => f.kind === target.kind)) continue;
    const reviewedId = [...state.history].reverse().find((r) => r.findingId)?.findingId ?? null;
    const match = locate(findings, target, reviewedId);
    if (!match) {
      orphans.push({ ...state, target });
      continue;
    }
    placed.set(targetKey(target), { findingId: match.finding.id, attachment: match.attachment });
    const key = `${target.doc}\u0000${match.finding.id}`;
    const previous = attached.get(key);
    // two targets landing on one finding (e.g. after a relabelling): merge their histories
    const merged = previous ? foldReviews([...previous.history, ...state.history]) : state;
    const attachment = previous?.attachment === 'exact' ? 'exact' : match.attachment;
    attached.set(key, { ...merged, attachment, target: previous?.attachment === 'exact' ? previous.target : target });
  }
  return {
    findingOf: (target) => placed.get(targetKey(target)),
    of: (doc, findingId) => attached.get(`${doc}\u0000${findingId}`),
    orphans: orphans.sort((a, b) => a.target.doc.localeCompare(b.target.doc) || a.target.start - b.target.start),
    attached: attached.size,
  };
}

function locate(findings: Finding[], t: ReviewTarget, reviewedId: string | null): { finding: Finding; attachment: Attachment } | null {
  const sameKind = findings.filter((f) => f.kind === t.kind);
  const byId = reviewedId === null ? undefined : sameKind.find((f) => f.id === reviewedId);
  if (byId) return { finding: byId, attachment: byId.start === t.start && byId.end === t.end && byId.label === t.label ? 'exact' : 'relabelled' };
  const exacts = sameKind.filter((f) => f.start === t.start && f.end === t.end && f.label === t.label);
  const suffix = reviewedId?.includes('.') ? reviewedId.slice(reviewedId.indexOf('.')) : null;
  const exact = (suffix === null ? undefined : exacts.find((f) => f.id.endsWith(suffix))) ?? exacts[0];
  if (exact) return { finding: exact, attachment: 'exact' };
  const relabelled = sameKind.find((f) => f.start === t.start && f.end === t.end);
  if (relabelled) return { finding: relabelled, attachment: 'relabelled' };
  let best: Finding | null = null;
  let bestOverlap = 0.5;
  for (const f of sameKind) {
    if (f.label !== t.label) continue;
    const inter = Math.min(f.end, t.end) - Math.max(f.start, t.start);
    if (inter <= 0) continue;
    const overlap = inter / (Math.max(f.end, t.end) - Math.min(f.start, t.start));
    if (overlap >= bestOverlap) {
      best = f;
      bestOverlap = overlap;
    }
  }
  return best ? { finding: best, attachment: 'moved' } : null;
}
