import type { AnalysedDocument } from '../analysers/analyzer.js';
import type { Finding } from '../core/types.js';
import type { Review, ReviewCorrection, ReviewStatus, Verdict } from './types.js';
import { attachReviews, type Attachment, type OrphanedReview } from './state.js';

/**
 * Reviews honoured downstream: rejected findings left out (unless asked for), corrections
 * applied (a corrected accusation names its corrected accuser and accused, so the graph and
 * the corpus analysers that read accusations follow), and every reviewed finding carrying
 * its review under `review`, with the analyser's original values beside the correction.
 */

export interface FindingReview {
  status: ReviewStatus | null;
  verdict: Verdict | null;
  note: string | null;
  correction: ReviewCorrection | null;
  reviewer: string;
  updatedAt: string;
  attachment: Attachment;
  reviews: number;
  /** what the analyser said, where a correction replaced it */
  original?: { label: string; accuser?: unknown; accused?: unknown };
}

export type ReviewedFinding = Finding & { review?: FindingReview };

export interface ReviewedCorpus {
  documents: Array<AnalysedDocument & { findings: ReviewedFinding[] }>;
  orphans: OrphanedReview[];
  /** rejected findings left out */
  hidden: number;
}

export function applyReviews(documents: AnalysedDocument[], reviews: Review[], options: { includeRejected?: boolean } = {}): ReviewedCorpus {
  const attachments = attachReviews(documents, reviews);
  let hidden = 0;
  const out = documents.map(({ doc, findings }) => {
    const reviewed: ReviewedFinding[] = [];
    for (const f of findings) {
      const state = attachments.of(doc.id, f.id);
      if (!state) {
        reviewed.push(f);
        continue;
      }
      if (state.status === 'rejected' && !options.includeRejected) {
        hidden++;
        continue;
      }
      const review: FindingReview = {
        status: state.status,
        verdict: state.verdict,
        note: state.note,
        correction: state.correction,
        reviewer: state.reviewer,
        updatedAt: state.updatedAt,
        attachment: state.attachment,
        reviews: state.history.length,
      };
      reviewed.push(corrected(f, review));
    }
    return { doc, findings: reviewed };
  });
  return { documents: out, orphans: attachments.orphans, hidden };
}

function corrected(f: Finding, review: FindingReview): ReviewedFinding {
  const c = review.correction;
  if (!c) return { ...f, review };
  const data = { ...(f.data ?? {}) };
  const original: NonNullable<FindingReview['original']> = { label: f.label };
  if (c.accuser !== undefined) {
    original.accuser = data.accuser ?? null;
    data.accuser = c.accuser;
  }
  if (c.accused !== undefined) {
    original.accused = data.accused ?? null;
    data.accused = c.accused;
  }
  if (c.label !== undefined && f.kind === 'accusation') data.stance = c.label;
  return { ...f, label: c.label ?? f.label, data, review: { ...review, original } };
}

/** Per finding kind: how many findings, how many reviewed, and the share analysts confirmed. */
export interface KindPrecision {
  kind: string;
  findings: number;
  reviewed: number;
  confirmed: number;
  corrected: number;
  rejected: number;
  /** confirmed / (confirmed + corrected + rejected); null before any review */
  confirmedShare: number | null;
}

export function precisionByKind(documents: Array<{ findings: ReviewedFinding[] }>): KindPrecision[] {
  const kinds = new Map<string, KindPrecision>();
  for (const d of documents) {
    for (const f of d.findings) {
      let k = kinds.get(f.kind);
      if (!k) {
        k = { kind: f.kind, findings: 0, reviewed: 0, confirmed: 0, corrected: 0, rejected: 0, confirmedShare: null };
        kinds.set(f.kind, k);
      }
      k.findings++;
      const status = f.review?.status;
      if (status) {
        k.reviewed++;
        k[status]++;
      }
    }
  }
  for (const k of kinds.values()) k.confirmedShare = k.reviewed > 0 ? round(k.confirmed / k.reviewed) : null;
  return [...kinds.values()].sort((a, b) => b.reviewed - a.reviewed || a.kind.localeCompare(b.kind));
}

const round = (x: number) => Math.round(x * 1000) / 1000;
