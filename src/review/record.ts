import { DiscernError } from '../core/errors.js';
import type { Finding } from '../core/types.js';
import type { Store } from '../store/store.js';
import { REVIEW_STATUSES, VERDICTS, isVerdict, type Review, type ReviewCorrection, type ReviewDraft, type ReviewStatus } from './types.js';

/**
 * One review request (from the CLI or the API) checked and turned into a stored review.
 * Every refusal is a USAGE error naming the field at fault, and nothing is written then.
 */

export interface ReviewRequest {
  status?: ReviewStatus | null;
  /** a new label (makes the review a correction) */
  label?: string | null;
  /** accusations: the corrected accuser / accused (makes the review a correction) */
  accuser?: string | null;
  accused?: string | null;
  verdict?: string | null;
  note?: string | null;
  reviewer?: string | null;
}

export const MAX_NOTE = 10_000;
export const ACCUSATION_STANCES = ['asserts', 'reports', 'denies'];
export const MAX_NAME = 200;

/** Names and labels: one line of printable text. */
function cleanName(value: string | null | undefined, field: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (!text) throw new DiscernError('USAGE', 'must not be empty', field);
  if (text.length > MAX_NAME) throw new DiscernError('USAGE', `is longer than ${MAX_NAME} characters`, field);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) throw new DiscernError('USAGE', 'must be one line without control characters', field);
  return text;
}

export function reviewDraft(doc: string, finding: Finding, request: ReviewRequest): ReviewDraft {
  const correction: ReviewCorrection = {};
  const label = cleanName(request.label, 'label');
  const accuser = cleanName(request.accuser, 'accuser');
  const accused = cleanName(request.accused, 'accused');
  if (label !== undefined) {
    // an accusation's label is the article's stance on it, which the graph and corpus read
    if (finding.kind === 'accusation' && !ACCUSATION_STANCES.includes(label)) {
      throw new DiscernError('USAGE', `an accusation's label is the article's stance: one of ${ACCUSATION_STANCES.join(', ')}, not "${label}"`, 'label');
    }
    correction.label = label;
  }
  if (accuser !== undefined || accused !== undefined) {
    if (finding.kind !== 'accusation') throw new DiscernError('USAGE', `only accusations have an accuser and an accused; this finding is a ${finding.kind}`, accuser !== undefined ? 'accuser' : 'accused');
    if (accuser !== undefined) correction.accuser = accuser;
    if (accused !== undefined) correction.accused = accused;
  }
  const corrects = Object.keys(correction).length > 0;
  if (request.status && !REVIEW_STATUSES.includes(request.status)) {
    throw new DiscernError('USAGE', `must be one of ${REVIEW_STATUSES.join(', ')}, not "${request.status}"`, 'status');
  }
  if (corrects && request.status && request.status !== 'corrected') {
    throw new DiscernError('USAGE', `a review either ${request.status === 'confirmed' ? 'confirms' : 'rejects'} a finding or corrects it (a new label, accuser or accused), not both`, 'status');
  }
  if (request.status === 'corrected' && !corrects) throw new DiscernError('USAGE', 'a correction needs a new label, accuser or accused', 'status');
  const status: ReviewStatus | null = corrects ? 'corrected' : (request.status ?? null);

  let verdict: ReviewDraft['verdict'] = null;
  if (request.verdict !== null && request.verdict !== undefined) {
    const v = request.verdict.trim().toLowerCase();
    if (finding.kind !== 'claim') throw new DiscernError('USAGE', `only claims take a verdict; this finding is a ${finding.kind}`, 'verdict');
    if (!isVerdict(v)) throw new DiscernError('USAGE', `must be one of ${Object.keys(VERDICTS).join(', ')}, not "${request.verdict}"`, 'verdict');
    verdict = v;
  }
  let note: string | null = null;
  if (request.note !== null && request.note !== undefined) {
    note = request.note.replace(/\r\n?/g, '\n').trim();
    if (note.length > MAX_NOTE) throw new DiscernError('USAGE', `is longer than ${MAX_NOTE} characters`, 'note');
    if (!note) note = null;
  }
  if (!status && !verdict && !note) throw new DiscernError('USAGE', 'a review needs a judgement: confirm, reject, a new label (or accuser/accused), a verdict or a note', 'review');
  const reviewer = cleanName(request.reviewer, 'reviewer');
  if (!reviewer) throw new DiscernError('USAGE', 'say who reviews (a name)', 'reviewer');
  return {
    target: { doc, kind: finding.kind, label: finding.label, start: finding.start, end: finding.end, quote: finding.quote },
    findingId: finding.id,
    analyzer: finding.analyzer,
    status,
    correction: corrects ? correction : null,
    verdict,
    note,
    reviewer,
  };
}

/** Finds a finding that is computed, not stored (verdicts, fact-check matches), from its id. */
export type ComputedFindingLookup = (findingId: string) => Promise<{ doc: string; finding: Finding } | null>;

/** Looks the finding up (stored, or else computed), checks the request and appends the review. */
export async function recordReview(store: Store, findingId: string, request: ReviewRequest, computed?: ComputedFindingLookup): Promise<Review & { finding: Finding }> {
  const found = (await store.findFinding(findingId)) ?? (computed ? await computed(findingId) : null);
  if (!found) throw new DiscernError('USAGE', 'no finding with this id in the database (ids are in `discern report --format json` and the workbench)', findingId);
  const review = await store.addReview(reviewDraft(found.doc, found.finding, request));
  return { ...review, finding: found.finding };
}
