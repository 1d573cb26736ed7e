import type { ReviewedFinding } from '../review/apply.js';
import type { Report } from './model.js';

/** "analyst: confirmed, verdict false (ana)" for a reviewed finding; '' otherwise. */
export function reviewText(f: ReviewedFinding): string {
  const r = f.review;
  if (!r) return '';
  const parts: string[] = [];
  if (r.status) parts.push(r.status);
  if (r.correction) parts.push(`corrected to ${Object.entries(r.correction).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (r.verdict) parts.push(`verdict ${r.verdict}`);
  if (r.note) parts.push(`note: ${r.note}`);
  return `analyst: ${parts.join(', ')} (${r.reviewer})`;
}

/** One line on the reviews behind a report: rejected findings left out, orphaned reviews. */
export function reviewsLine(report: Report): string | null {
  const r = report.reviews;
  if (!r || (r.hiddenRejected === 0 && r.orphaned.length === 0)) return null;
  const parts = [];
  if (r.hiddenRejected > 0) parts.push(`${r.hiddenRejected} finding${r.hiddenRejected === 1 ? '' : 's'} rejected by analysts left out (--show-rejected shows them)`);
  if (r.orphaned.length > 0) parts.push(`${r.orphaned.length} review${r.orphaned.length === 1 ? '' : 's'} orphaned: no finding holds the reviewed span now (discern reviews lists them)`);
  return `Analyst reviews: ${parts.join('; ')}.`;
}
