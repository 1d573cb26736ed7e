import type { ErrorCode } from '../core/errors.js';
import type { Document, Finding } from '../core/types.js';
import type { DocumentAnalysis } from './analyze.js';

/** Messages between the analysis pool (pool.ts) and its worker threads (analysis-worker.ts). */

export interface WorkerRequest {
  id: number;
  doc: Document;
  /** document analyser names from the registry, in registry order; null: all of them */
  analyzers: string[] | null;
  /** corpus analyser names whose per-document state to extract (none when absent) */
  corpus?: string[];
  /** stored findings of analysers not re-run: the corpus states read them too */
  kept?: Finding[];
  /** also store the analysis from the worker (the pool was given a database) */
  save?: { origin: string; runId: number | null };
}

/** What a worker that stored the analysis itself sends back: no findings to copy across threads. */
export interface StoredAnalysis {
  created: boolean;
  failures: Array<{ analyzer: string; message: string }>;
  timings: Record<string, number>;
  lang: string | null;
}

export interface WorkerError {
  code?: ErrorCode;
  message: string;
  input?: string;
}

export type WorkerReply =
  | { id: number; ok: true; analysis: DocumentAnalysis }
  | { id: number; ok: true; stored: StoredAnalysis }
  | { id: number; ok: false; error: WorkerError };

/** Sent once, after the worker loaded its resources (or failed to). */
export type WorkerStartup = { ready: true } | { ready: false; error: WorkerError };
