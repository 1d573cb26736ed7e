/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { ApiError, postJson, type Finding, type FindingReview, type Review } from '../api.js';
import { h } from '../dom.js';

/**
 * Review controls for one finding in the document view: confirm, reject, correct (a label, or
 * for an accusation its accuser / accused), a claim verdict and a note, by a reviewer whose
 * name the browser remembers (localStorage). Keys c and x confirm and reject the selected
 * finding (wired by the document view).
 */

const REVIEWER_KEY = 'discern.reviewer';
const VERDICTS = ['', 'false', 'mostly-false', 'half-true', 'mostly-true', 'true', 'misleading', 'out-of-context', 'unproven', 'satire'];

export function reviewerName(): string {
  try {
    return localStorage.getItem(REVIEWER_KEY) ?? '';
  } catch {
    return '';
  }
}

function rememberReviewer(name: string): void {
  try {
    localStorage.setItem(REVIEWER_KEY, name);
  } catch {
    // private mode: the name is asked again next time
  }
}

export interface ReviewRequestBody {
  status?: 'confirmed' | 'rejected' | null;
  label?: string;
  accuser?: string;
  accused?: string;
  verdict?: string;
  note?: string;
  reviewer: string;
}

/** Sends one review and folds it into the finding's review state as the server does. */
export async function sendReview(finding: Finding, body: ReviewRequestBody): Promise<FindingReview> {
  const stored = await postJson<Review>(`/findings/${encodeURIComponent(finding.id)}/reviews`, body);
  const previous = finding.review;
  const review: FindingReview = {
    status: stored.status ?? previous?.status ?? null,
    correction: stored.status ? stored.correction : (previous?.correction ?? null),
    verdict: stored.verdict ?? previous?.verdict ?? null,
    note: stored.note ?? previous?.note ?? null,
    reviewer: stored.reviewer,
    updatedAt: stored.createdAt,
    attachment: 'exact',
    reviews: (previous?.reviews ?? 0) + 1,
  };
  if (review.correction) {
    const data = { ...(finding.data ?? {}) };
    if (review.correction.accuser) data.accuser = review.correction.accuser;
    if (review.correction.accused) data.accused = review.correction.accused;
    finding.data = data;
    if (review.correction.label) finding.label = review.correction.label;
  }
  finding.review = review;
  return review;
}

export function statusText(review: FindingReview | undefined): string {
  if (!review) return 'not reviewed';
  const parts = [review.status ?? 'no status'];
  if (review.correction) parts.push(`→ ${Object.values(review.correction).join(', ')}`);
  if (review.verdict) parts.push(`verdict ${review.verdict}`);
  return `${parts.join(' · ')} — ${review.reviewer}`;
}

/** The review panel; `onReviewed` re-renders the view after a review is stored. */
export function reviewPanel(finding: Finding, onReviewed: () => void): HTMLElement {
  const message = h('p', { class: 'review-msg', role: 'status' });
  const who = h('input', { type: 'text', name: 'reviewer', placeholder: 'your name', value: reviewerName(), 'aria-label': 'reviewer name', maxlength: 200 });
  const note = h('textarea', { name: 'note', rows: 2, placeholder: 'note (optional)', 'aria-label': 'review note', maxlength: 10000 });
  const label = h('input', { type: 'text', name: 'label', placeholder: `corrected label (now ${finding.label})`, 'aria-label': 'corrected label' });
  const accuser = h('input', { type: 'text', name: 'accuser', placeholder: 'corrected accuser', 'aria-label': 'corrected accuser' });
  const accused = h('input', { type: 'text', name: 'accused', placeholder: 'corrected accused', 'aria-label': 'corrected accused' });
  const verdict = h('select', { name: 'verdict', 'aria-label': 'claim verdict' }, ...VERDICTS.map((v) => h('option', { value: v }, v || 'verdict…')));

  const send = async (body: Omit<ReviewRequestBody, 'reviewer'>) => {
    const name = who.value.trim();
    if (!name) {
      message.textContent = 'Type your name first: every review says who made it.';
      who.focus();
      return;
    }
    rememberReviewer(name);
    try {
      await sendReview(finding, { ...body, ...(note.value.trim() ? { note: note.value } : {}), reviewer: name });
      onReviewed();
    } catch (error) {
      message.textContent = error instanceof ApiError ? `Not saved: ${error.message}` : 'Not saved: the server did not answer.';
    }
  };
  const button = (text: string, cls: string, action: () => void, title: string) => {
    const b = h('button', { type: 'button', class: `review-btn ${cls}`, title }, text);
    b.addEventListener('click', action);
    return b;
  };
  const correctionFields: HTMLElement[] = [label];
  if (finding.kind === 'accusation') correctionFields.push(accuser, accused);
  const correct = () => {
    const body: Omit<ReviewRequestBody, 'reviewer'> = {};
    if (label.value.trim()) body.label = label.value.trim();
    if (accuser.value.trim()) body.accuser = accuser.value.trim();
    if (accused.value.trim()) body.accused = accused.value.trim();
    if (verdict.value) body.verdict = verdict.value;
    if (Object.keys(body).length === 0 && !note.value.trim()) {
      message.textContent = 'Nothing to save: give a correction, a verdict or a note.';
      return;
    }
    void send(body);
  };
  return h(
    'section',
    { class: 'review', 'aria-label': 'review this finding' },
    h('h3', { class: 'side-h' }, 'Review'),
    h('p', { class: `review-state ${finding.review?.status ?? 'none'}` }, statusText(finding.review)),
    finding.review?.note ? h('p', { class: 'muted' }, `Note: ${finding.review.note}`) : null,
    h('div', { class: 'review-row' }, who),
    h(
      'div',
      { class: 'review-row' },
      button('✓ Confirm', 'confirm', () => void send({ status: 'confirmed' }), 'the finding is right (key c)'),
      button('✗ Reject', 'reject', () => void send({ status: 'rejected' }), 'the finding is wrong (key x)'),
    ),
    h('details', { class: 'review-more' }, h('summary', {}, 'Correct, verdict, note'), ...correctionFields, finding.kind === 'claim' ? verdict : null, note, button('Save', 'save', correct, 'save the correction, verdict or note')),
    message,
  );
}
