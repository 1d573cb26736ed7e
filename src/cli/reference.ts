import { loadResources } from '../nlp/resources.js';
import { findReferenceFinding } from '../reference/lookup.js';
import { ReferenceStage } from '../reference/stage.js';
import { applyReviews } from '../review/apply.js';
import type { ComputedFindings } from '../review/listing.js';
import type { ComputedFindingLookup } from '../review/record.js';
import { COMPUTED_KINDS } from '../review/types.js';
import type { ReportSource } from '../report/model.js';
import type { Store } from '../store/store.js';
import { llmAssistFrom, type LlmCliOptions } from './llm.js';
import { resourceOptions } from './shared.js';

/**
 * The report's documents with their verdicts and fact-check matches, computed as each
 * document streams past, against the current reference index (never stored: see
 * docs/DESIGN.md). The source is unchanged when the store holds no evidence and no fact-checks.
 * With --llm-url, each verdict also carries the LLM assist's proposal on the same passages.
 * Analysts' reviews of verdicts and matches are honoured like those of stored findings.
 */
export async function withReferenceSource(source: ReportSource, store: Store, options: { gazetteer?: string[]; showRejected?: boolean } & Partial<LlmCliOptions>): Promise<ReportSource> {
  const { gazetteer } = await loadResources(resourceOptions(options));
  const llm = llmAssistFrom(options, store.reference);
  const stage = new ReferenceStage(store.reference, gazetteer, { llm, reviews: () => store.listReviews() });
  if (!(await stage.active())) return source;
  return {
    ...source,
    async *documents() {
      for await (const d of source.documents()) {
        // the analysts' reviews of verdicts and matches, applied as to stored findings
        const computed = await stage.findingsFor(d);
        const reviews = computed.length > 0 ? (await store.listReviews({ doc: d.doc.id })).filter((r) => COMPUTED_KINDS.includes(r.target.kind)) : [];
        const reviewed = reviews.length > 0 ? applyReviews([{ doc: d.doc, findings: computed }], reviews, { includeRejected: options.showRejected }).documents[0].findings : computed;
        yield { doc: d.doc, findings: [...d.findings, ...reviewed] };
      }
    },
  };
}

/** The reference stage for `discern review` / `discern reviews`, with the models loaded on first use. */
function lazyStage(store: Store): () => Promise<ReferenceStage> {
  let stage: ReferenceStage | null = null;
  return async () => {
    if (!stage) stage = new ReferenceStage(store.reference, (await loadResources()).gazetteer, { reviews: () => store.listReviews() });
    return stage;
  };
}

/** Finds a verdict or fact-check match from its id, for `discern review` (not stored: computed again). */
export function referenceLookup(store: Store): ComputedFindingLookup {
  const stage = lazyStage(store);
  return async (id) => findReferenceFinding(store, await stage(), id);
}

/** A document's verdicts and fact-check matches, for `discern reviews`. */
export function referenceFindingsOf(store: Store): ComputedFindings {
  const stage = lazyStage(store);
  return async (doc, findings) => (await stage()).findingsFor({ doc, findings });
}
