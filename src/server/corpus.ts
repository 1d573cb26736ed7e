import type { CorpusAnalyzer } from '../analysers/analyzer.js';
import type { CorpusFinding } from '../core/types.js';
import type { Resources } from '../nlp/resources.js';
import { analyzeStoredCorpus } from '../pipeline/corpus-stage.js';
import type { ServableStore } from '../store/queries.js';

/**
 * Corpus findings of the current analysers over every stored document, as `discern report`
 * computes them, from the corpus states in the store. The result is kept until the
 * store's change token moves (any writer: this server's ingests, a `discern ingest` in
 * another process); concurrent requests share one computation.
 */

export interface CorpusState {
  findings: CorpusFinding[];
  failures: Array<{ analyzer: string; message: string }>;
  documents: number;
  computedAt: string;
}


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
    // the corpus stage reads the stored states, never every document
    const result = await analyzeStoredCorpus(this.store, this.resources, {}, this.analyzers);
    return { findings: result.findings, failures: result.failures, documents: await this.store.countDocuments(), computedAt: new Date().toISOString() };
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
