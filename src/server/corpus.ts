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
  /** the current computation's result once it has finished, and the change token then (its own state writes move the token) */
  private finished: { state: CorpusState; token: string } | null = null;
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
    this.finished = null;
  }

  /**
   * The corpus findings when they are already computed for the store as it is now, else null;
   * never starts a computation (readers that must answer at once, like search, use this). A
   * write by another process while the computation ran is seen at the next write.
   */
  async peek(): Promise<CorpusState | null> {
    const finished = this.finished;
    if (!finished) return null;
    return (await this.store.changeToken()) === finished.token ? finished.state : null;
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
      // the token is read when the computation ends: the states it wrote are part of what it read
      computing.then(
        async (state) => {
          const token = await this.store.changeToken();
          if (this.generation === generation && this.current === computing) this.finished = { state, token };
        },
        () => undefined,
      );
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
