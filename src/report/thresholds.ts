import { DiscernError } from '../core/errors.js';

/**
 * Display thresholds: which findings a report, an export, the API or the workbench shows and
 * counts. Model scores are calibrated probabilities (docs/accuracy.md), so a threshold reads as
 * "at least this likely to be right". Each finding kind has a documented default
 * (docs/thresholds.md); `--min-score X` (or `?min_score=X`) replaces every default with X,
 * and `--min-score 0` shows everything the analysers stored. Densities and heatmaps count only
 * what passes, and say so. One module, so every consumer applies the same rule.
 */

/** Default display threshold per finding kind; kinds not listed have 0 (everything shown). */
export const DEFAULT_MIN_SCORES: Readonly<Record<string, number>> = {
  /** P(a right technique span), calibrated on the PTC tune split */
  technique: 0.2,
  /**
   * P(check-worthy), calibrated out-of-fold on ClaimBuster; the analyser stores claims from the
   * model's decision threshold, chosen out of fold (claims 1.6.0: 0.36; 1.4.0–1.5.0: 0.37;
   * src/analysers/claims.ts CHECKWORTHY_THRESHOLD; a test keeps the two equal)
   */
  claim: 0.36,
};

export interface ThresholdPolicy {
  /** one threshold for every kind, or null for the per-kind defaults */
  minScore: number | null;
}

export const DEFAULT_POLICY: ThresholdPolicy = { minScore: null };

export function thresholdFor(kind: string, policy: ThresholdPolicy = DEFAULT_POLICY): number {
  return policy.minScore ?? DEFAULT_MIN_SCORES[kind] ?? 0;
}

export function passes(finding: { kind: string; score: number }, policy: ThresholdPolicy = DEFAULT_POLICY): boolean {
  return finding.score >= thresholdFor(finding.kind, policy);
}

/** The policy as per-kind thresholds with a default, the shape the store counts in SQL (FindingFilter.minScores). */
export function thresholdsOf(policy: ThresholdPolicy = DEFAULT_POLICY): { byKind: Record<string, number>; otherwise: number } {
  return policy.minScore === null ? { byKind: { ...DEFAULT_MIN_SCORES }, otherwise: 0 } : { byKind: {}, otherwise: policy.minScore };
}

export function filterFindings<T extends { kind: string; score: number }>(findings: readonly T[], policy: ThresholdPolicy = DEFAULT_POLICY): T[] {
  return findings.filter((f) => passes(f, policy));
}

/** `--min-score` / `min_score`: a number from 0 to 1, else a usage error naming the option. */
export function parseMinScore(value: string | undefined, name = '--min-score'): ThresholdPolicy {
  if (value === undefined) return DEFAULT_POLICY;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new DiscernError('USAGE', `${name} needs a score from 0 to 1, not "${value}"`, name);
  }
  return { minScore: n };
}

/** The thresholds in force, for a report's header and its JSON (`thresholds`). */
export function describePolicy(policy: ThresholdPolicy = DEFAULT_POLICY): { minScore: number | null; byKind: Record<string, number>; note: string } {
  const byKind = policy.minScore === null ? { ...DEFAULT_MIN_SCORES } : {};
  const note =
    policy.minScore === null
      ? `Shown and counted: findings at or above their kind's default score (${Object.entries(DEFAULT_MIN_SCORES).map(([k, v]) => `${k} ${v}`).join(', ')}; others all); --min-score changes it.`
      : policy.minScore === 0
        ? 'Shown and counted: every finding stored (--min-score 0).'
        : `Shown and counted: findings scored ${policy.minScore} or more (--min-score).`;
  return { minScore: policy.minScore, byKind, note };
}
