/**
 * An analyst's judgement on one finding. Reviews are kept as an append-only history; what a
 * finding "is" after review is the fold of its history (see state.ts). A review is keyed by
 * what identifies the finding to a person — document, kind, span and label — never by the
 * finding's row id, which changes with every analyser version.
 */

/**
 * Finding kinds computed when read (the reference stage: verdicts and fact-check matches),
 * never stored with the document: their reviews attach only where those findings were computed.
 */
export const COMPUTED_KINDS: readonly string[] = ['verification', 'fact-check'];

export const REVIEW_STATUSES = ['confirmed', 'rejected', 'corrected'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/**
 * Claim verdicts, named as fact-checkers' ClaimReview `alternateName`s. The ordinal ones sit on
 * a 1 (false) … 5 (true) scale; the others have no place on it (ClaimReview then carries no
 * ratingValue).
 */
export const VERDICTS = {
  false: 1,
  'mostly-false': 2,
  'half-true': 3,
  'mostly-true': 4,
  true: 5,
  misleading: null,
  'out-of-context': null,
  unproven: null,
  satire: null,
} as const satisfies Record<string, number | null>;
export type Verdict = keyof typeof VERDICTS;
export const VERDICT_SCALE = { worst: 1, best: 5 } as const;

export function isVerdict(value: string): value is Verdict {
  return Object.prototype.hasOwnProperty.call(VERDICTS, value);
}

/** What identifies a finding to a person; re-attached to whatever finding holds it now. */
export interface ReviewTarget {
  doc: string;
  kind: string;
  label: string;
  start: number;
  end: number;
  /** the text under the span when it was reviewed (shown for orphaned reviews) */
  quote: string;
}

/** A correction: a new label, or for accusations a new accuser and/or accused. */
export interface ReviewCorrection {
  label?: string;
  accuser?: string;
  accused?: string;
}

export interface ReviewDraft {
  target: ReviewTarget;
  /** the finding's id when it was reviewed (informative only; never used to re-attach) */
  findingId: string | null;
  /** the producer `name@version` of the reviewed finding */
  analyzer: string | null;
  /** null when the review only adds a verdict or a note */
  status: ReviewStatus | null;
  correction: ReviewCorrection | null;
  verdict: Verdict | null;
  note: string | null;
  reviewer: string;
}

export interface Review extends ReviewDraft {
  /** increasing with time: the order of the history */
  id: number;
  createdAt: string;
}
