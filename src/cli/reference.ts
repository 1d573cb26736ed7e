import { loadResources } from '../nlp/resources.js';
import { ReferenceStage } from '../reference/stage.js';
import type { ReportSource } from '../report/model.js';
import type { Store } from '../store/store.js';
import { llmAssistFrom, type LlmCliOptions } from './llm.js';
import { resourceOptions } from './shared.js';

/**
 * The report's documents with their verdicts and fact-check matches, computed as each
 * document streams past, against the current reference index (never stored: see
 * docs/DESIGN.md). The source is unchanged when the store holds no evidence and no fact-checks.
 * With --llm-url, each verdict also carries the LLM assist's proposal on the same passages.
 */
export async function withReferenceSource(source: ReportSource, store: Store, options: { gazetteer?: string[] } & Partial<LlmCliOptions>): Promise<ReportSource> {
  const { gazetteer } = await loadResources(resourceOptions(options));
  const llm = llmAssistFrom(options, store.reference);
  const stage = new ReferenceStage(store.reference, gazetteer, { llm });
  if (!(await stage.active())) return source;
  return {
    ...source,
    async *documents() {
      for await (const d of source.documents()) yield { doc: d.doc, findings: [...d.findings, ...(await stage.findingsFor(d))] };
    },
  };
}
