import type { FactCheck } from '../../store/reference.js';
import type { Candidate } from './match.js';

/** One reported match, as the CLI, the API and the findings' data show it. */
export interface FactCheckMatchView {
  url: string | null;
  claimReviewed: string;
  rating: string | null;
  publisher: string | null;
  datePublished: string | null;
  /** the re-ranker's probability that the text makes the checked claim, 3 decimals */
  score: number;
  /** content words both share, rarest first: what the match rests on */
  shared: string[];
  /** the recorded appearance of the checked claim the text is worded like, when the match rests on it */
  appearance?: string;
}

export function matchView(check: FactCheck, match: Candidate): FactCheckMatchView {
  return {
    url: check.url,
    claimReviewed: check.claimReviewed,
    rating: check.rating,
    publisher: check.publisher,
    datePublished: check.datePublished,
    score: Math.round(match.score * 1000) / 1000,
    shared: match.shared,
    ...(match.appearance ? { appearance: match.appearance } : {}),
  };
}

/** `"nangarhar", "founded" and "2015"` */
export function sharedPhrase(shared: readonly string[]): string {
  const quoted = shared.map((w) => `"${w}"`);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}
