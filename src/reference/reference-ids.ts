import { findingId } from '../core/finding-id.js';

/**
 * Verdicts and fact-check matches are computed when read, never stored (docs/DESIGN.md), so
 * their ids name the stored claim they sit on: `<claim id>.v` for the verdict and
 * `<claim id>.f<8 hex of the fact-check's id>` for a match. A review of one can then find it
 * again (the claim, its document, the stage run on that one claim) without a scan, and two
 * fact-checks with the same rating on one claim keep ids of their own.
 */

const REFERENCE_ID = /^([0-9a-f]{16})\.(v|f[0-9a-f]{8})$/;

export function verificationFindingId(claimId: string): string {
  return `${claimId}.v`;
}

/** The part of a fact-check match's id that names the fact-check (stable across claim versions). */
export function factCheckPart(factCheckId: string): string {
  return `f${findingId('fact-check', factCheckId).slice(0, 8)}`;
}

export function factCheckFindingId(claimId: string, factCheckId: string): string {
  return `${claimId}.${factCheckPart(factCheckId)}`;
}

/** The claim id and the part after it, for an id of this form; null for any other id. */
export function parseReferenceId(id: string): { claimId: string; part: string } | null {
  const m = REFERENCE_ID.exec(id);
  return m ? { claimId: m[1], part: m[2] } : null;
}
