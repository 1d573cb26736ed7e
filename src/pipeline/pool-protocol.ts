import type { ErrorCode } from '../core/errors.js';
import type { Document } from '../core/types.js';
import type { DocumentAnalysis } from './analyze.js';

/** Messages between the analysis pool (pool.ts) and its worker threads (analysis-worker.ts). */

export interface WorkerRequest {
  id: number;
  doc: Document;
  /** document analyser names from the registry, in registry order; null: all of them */
  analyzers: string[] | null;
}

export interface WorkerError {
  code?: ErrorCode;
  message: string;
  input?: string;
}

export type WorkerReply = { id: number; ok: true; analysis: DocumentAnalysis } | { id: number; ok: false; error: WorkerError };

/** Sent once, after the worker loaded its resources (or failed to). */
export type WorkerStartup = { ready: true } | { ready: false; error: WorkerError };
