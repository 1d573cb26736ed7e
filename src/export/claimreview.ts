import type { Report, ReportDocument } from '../report/model.js';
import { displayTitle } from '../report/model.js';
import type { ReviewedFinding } from '../review/apply.js';
import { VERDICTS, VERDICT_SCALE, type Verdict } from '../review/types.js';

/**
 * schema.org ClaimReview (JSON-LD), as fact-check publishers embed it and search engines read
 * it, for every claim an analyst gave a verdict. One self-contained object per claim, in a
 * JSON array: `claimReviewed` (the quoted sentence), `reviewRating` (the verdict as
 * `alternateName`, on the 1–5 scale where it has a place there), `itemReviewed` (a `Claim`
 * whose `appearance` is the article, `author` who the claim is attributed to, `datePublished`
 * the article's date), `author` (the reviewer), `datePublished` (the review's date) and `url`
 * (the finding in the workbench at `baseUrl`, or where the fact-checks are published).
 */

export const DEFAULT_REVIEW_BASE_URL = 'http://127.0.0.1:8080/';

const VERDICT_NAMES: Record<Verdict, string> = {
  false: 'False',
  'mostly-false': 'Mostly false',
  'half-true': 'Half true',
  'mostly-true': 'Mostly true',
  true: 'True',
  misleading: 'Misleading',
  'out-of-context': 'Out of context',
  unproven: 'Unproven',
  satire: 'Satire',
};

export interface ClaimReviewOptions {
  /** where the reviewed findings can be read: the workbench (default) or a publisher's site */
  baseUrl?: string;
}

/** Who the claim is attributed to: the first named source of its attribution, else the outlet. */
function claimAuthor(doc: ReportDocument, f: ReviewedFinding): Record<string, string> | null {
  const evidence = f.data?.evidence as { attributions?: Array<{ sourceName?: string | null; label?: string }> } | undefined;
  const named = evidence?.attributions?.find((a) => typeof a.sourceName === 'string' && a.sourceName.trim());
  if (named?.sourceName) return { '@type': named.label === 'person' ? 'Person' : 'Organization', name: named.sourceName };
  if (doc.source.author) return { '@type': 'Person', name: doc.source.author };
  if (doc.source.outlet) return { '@type': 'Organization', name: doc.source.outlet };
  return null;
}

function day(value: string | null | undefined): string | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 10);
}

export function toClaimReviews(report: Report, options: ClaimReviewOptions = {}): Array<Record<string, unknown>> {
  const base = new URL(options.baseUrl ?? DEFAULT_REVIEW_BASE_URL);
  const out: Array<Record<string, unknown>> = [];
  for (const doc of report.documents) {
    for (const f of doc.findings) {
      const verdict = f.kind === 'claim' ? f.review?.verdict : null;
      if (!verdict || !f.review) continue;
      const value = VERDICTS[verdict];
      const url = new URL(base.href);
      url.hash = `#/doc/${encodeURIComponent(doc.id)}?f=${encodeURIComponent(f.id)}`;
      const author = claimAuthor(doc, f);
      const published = day(doc.source.publishedAt);
      const appearance: Record<string, unknown> = { '@type': 'CreativeWork', headline: displayTitle(doc) };
      if (doc.source.url) appearance.url = doc.source.url;
      if (doc.source.outlet) appearance.publisher = { '@type': 'Organization', name: doc.source.outlet };
      out.push({
        '@context': 'https://schema.org',
        '@type': 'ClaimReview',
        url: url.href,
        claimReviewed: f.quote.replace(/\s+/g, ' ').trim(),
        author: { '@type': 'Person', name: f.review.reviewer },
        datePublished: day(f.review.updatedAt),
        reviewRating: {
          '@type': 'Rating',
          alternateName: VERDICT_NAMES[verdict],
          ...(value === null ? {} : { ratingValue: value, bestRating: VERDICT_SCALE.best, worstRating: VERDICT_SCALE.worst }),
          ...(f.review.note ? { ratingExplanation: f.review.note } : {}),
        },
        itemReviewed: {
          '@type': 'Claim',
          appearance,
          ...(author ? { author } : {}),
          ...(published ? { datePublished: published } : {}),
        },
        identifier: `discern:${doc.id}:${f.id}`,
      });
    }
  }
  return out;
}

export function* claimReviewChunks(report: Report, options: ClaimReviewOptions = {}): Generator<string> {
  const reviews = toClaimReviews(report, options);
  yield '[';
  for (let i = 0; i < reviews.length; i++) yield `${i === 0 ? '\n' : ',\n'}${JSON.stringify(reviews[i], null, 1)}`;
  yield '\n]\n';
}
