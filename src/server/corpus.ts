import type { AnalysedDocument, CorpusAnalyzer } from '../analysers/analyzer.js';
import type { CorpusFinding, Finding } from '../core/types.js';
import type { Resources } from '../nlp/resources.js';
import { analyzeCorpus } from '../pipeline/analyze.js';
import type { ServableStore } from '../store/queries.js';

/**
 * Corpus findings of the current analysers over every stored document, as `discern report`
 * computes them. Computing them reads the whole corpus, so the result is kept until the
 * store's change token moves (any writer: this server's ingests, a `discern ingest` in
 * another process); concurrent requests share one computation.
 */

export interface CorpusState {
  findings: CorpusFinding[];
  failures: Array<{ analyzer: string; message: string }>;
  documents: number;
  computedAt: string;
}

/** Enough of every finding kind a corpus analyser reads, whatever the corpus size. */
const MAX_READ_FINDINGS = 5_000_000;

export class CorpusCache {
  private current: Promise<CorpusState> | null = null;
  private generation = 0;
  /** the store's change token the current computation started from */
  private token: string | null = null;

  constructor(
    private readonly store: ServableStore,
    private readonly resources: Resources,
    private readonly analyzers: readonly CorpusAnalyzer[],
  ) {}

  invalidate(): void {
    this.generation++;
    this.current = null;
  }

  async get(): Promise<CorpusState> {
    const token = await this.store.changeToken();
    if (token !== this.token) {
      this.invalidate();
      this.token = token;
    }
    if (!this.current) {
      const generation = this.generation;
      const computing = this.compute();
      this.current = computing;
      // a failed computation is not kept: the next request tries again
      computing.catch(() => {
        if (this.generation === generation && this.current === computing) this.current = null;
      });
    }
    return this.current;
  }

  private async compute(): Promise<CorpusState> {
    const docs = await this.store.listDocuments();
    const reads = new Set(this.analyzers.flatMap((a) => a.reads));
    const byDoc = new Map<string, Finding[]>();
    for (const kind of reads) {
      for (const f of await this.store.queries.findingsOfKind(kind, MAX_READ_FINDINGS)) {
        const { doc, docTitle: _t, outlet: _o, ...finding } = f;
        const list = byDoc.get(doc) ?? [];
        list.push(finding);
        byDoc.set(doc, list);
      }
    }
    const documents: AnalysedDocument[] = docs.map((doc) => ({ doc, findings: byDoc.get(doc.id) ?? [] }));
    const result = analyzeCorpus(documents, this.resources, this.analyzers);
    return { findings: result.findings, failures: result.failures, documents: documents.length, computedAt: new Date().toISOString() };
  }
}

/** Camps (corpus findings of kind `camp`): label, explanation and member documents. */
export function campsOf(findings: CorpusFinding[]): Array<{ id: string; label: string; explanation: string; score: number; documents: string[] }> {
  return findings
    .filter((f) => f.kind === 'camp')
    .map((f) => {
      const listed = Array.isArray(f.data?.documents) ? (f.data.documents as unknown[]).filter((d): d is string => typeof d === 'string') : [];
      return { id: f.id, label: f.label, explanation: f.explanation, score: f.score, documents: [...new Set([...f.members.map((m) => m.doc), ...listed])] };
    });
}
