import type { Finding } from '../core/types.js';
import type { Store } from '../store/store.js';
import { parseReferenceId } from './reference-ids.js';
import type { ReferenceStage } from './stage.js';

/**
 * A verdict or fact-check match found again from its id (never stored: see reference-ids.ts):
 * the stored claim it names, its document, and the reference stage run on that one claim.
 * Null for any other id, or when the claim, its document or the match is gone.
 */
export async function findReferenceFinding(store: Store, stage: ReferenceStage, id: string): Promise<{ doc: string; finding: Finding } | null> {
  const parsed = parseReferenceId(id);
  if (!parsed) return null;
  const claim = await store.findFinding(parsed.claimId);
  if (!claim || claim.finding.kind !== 'claim') return null;
  const doc = await store.getDocument(claim.doc);
  if (!doc) return null;
  const finding = (await stage.findingsFor({ doc, findings: [claim.finding] })).find((f) => f.id === id);
  return finding ? { doc: doc.id, finding } : null;
}
