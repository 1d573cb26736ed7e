import type { DocumentRef } from '../analysers/analyzer.js';
import type { CorpusFinding, Document, Finding } from '../core/types.js';
import type { Review, ReviewDraft } from '../review/types.js';
import type { ReferenceIndex } from './reference.js';
import type { WatchStore } from './watch.js';

/**
 * The narrow interface every storage backend implements (SQLite now, PostgreSQL next).
 * Asynchronous because network databases are; one shared contract test suite
 * (store.contract.ts) runs against each backend.
 */

export interface RunInfo {
  command: string;
  toolVersion: string;
  inputs: string[];
  optionsHash: string;
}

export interface RunRecord extends RunInfo {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  /** interrupted: its process died before finishing (set when the store is next opened) */
  status: 'running' | 'done' | 'partial' | 'failed' | 'interrupted';
}

export interface InputError {
  input: string;
  code: string;
  message: string;
}

export interface AnalyzerResult {
  /** analyser name → version last run on the document */
  version: string;
  status: 'ok' | 'failed';
  message: string | null;
}

export interface DocumentAnalysisRecord {
  doc: Document;
  /** where this content was read from (a path, URL or "-") */
  origin: string;
  /** producer `name@version` → its findings: each replaces that analyser's earlier findings */
  produced: Map<string, Finding[]>;
  failures: Array<{ analyzer: string; message: string }>;
  runId: number | null;
  /** corpus analyser `name@version` → what it keeps of this document (null: nothing) */
  states?: Map<string, unknown>;
}

/** The documents a corpus stage or a report reads: every stored document, or one run's. */
export interface CorpusScope {
  runId?: number;
}

export interface DocumentQuery {
  limit?: number;
  offset?: number;
  /** only these documents, in this order */
  ids?: string[];
}

export interface ReviewQuery {
  /** only reviews of findings of this document */
  doc?: string;
}

export interface Store {
  /** trusted evidence, earlier fact-checks and LLM audit: a separate narrow interface (reference.ts) */
  readonly reference: ReferenceIndex;
  /** discern watch: sources, items seen, alerts (a separate narrow interface, watch.ts) */
  readonly watch: WatchStore;
  /** analyser name → what last ran on this document; empty when the document is not stored */
  analyzerResults(docId: string): Promise<Map<string, AnalyzerResult>>;
  /** document, sections, findings and analyser results in ONE transaction */
  saveAnalysis(record: DocumentAnalysisRecord): Promise<{ created: boolean }>;
  getDocument(id: string): Promise<Document | null>;
  listDocuments(query?: DocumentQuery): Promise<Document[]>;
  countDocuments(): Promise<number>;
  getFindings(docId: string): Promise<Finding[]>;

  /**
   * Runs `writes` — calls of this store's own write methods, with no other await between them —
   * as one transaction, committed at the end: several documents per commit (a backend
   * without it, PostgreSQL, commits each write on its own). A write of the batch that fails
   * leaves the others; what succeeded is committed before the error propagates.
   */
  batch?<T>(writes: () => Promise<T>): Promise<T>;

  startRun(info: RunInfo): Promise<number>;
  addRunDocument(runId: number, docId: string, position: number): Promise<void>;
  addRunError(runId: number, error: InputError): Promise<void>;
  /** stores corpus findings of a run as the corpus stage produces them (one analyser's at a time); a finding stored again replaces itself */
  addCorpusFindings(runId: number, corpusFindings: CorpusFinding[]): Promise<void>;
  /** ends a run, storing these corpus findings too (those already added stay) */
  finishRun(runId: number, status: RunRecord['status'], corpusFindings: CorpusFinding[]): Promise<void>;
  getRun(id: number): Promise<RunRecord | null>;
  latestRun(): Promise<RunRecord | null>;
  runDocumentIds(runId: number): Promise<string[]>;
  runErrors(runId: number): Promise<InputError[]>;
  corpusFindings(runId: number): Promise<CorpusFinding[]>;
  /** the same, in the order they were stored, a page at a time (a report streams them) */
  iterateCorpusFindings(runId: number): AsyncIterable<CorpusFinding>;

  /** a stored document finding by its id, with its document's id; null when none has it */
  findFinding(id: string): Promise<{ doc: string; finding: Finding } | null>;
  /** appends one review to the history (reviews are never changed or deleted) */
  addReview(review: ReviewDraft): Promise<Review>;
  /** the review history, oldest first */
  listReviews(query?: ReviewQuery): Promise<Review[]>;

  /**
   * An opaque value that changes whenever anyone (this process or another) commits a write,
   * so caches of corpus-wide results know when to recompute. Cheap: called per request.
   */
  changeToken(): Promise<string>;
  /** documents in scope, in corpus order (ingestion order; a run's own order with runId) */
  countScope(scope: CorpusScope): Promise<number>;
  iterateDocuments(scope: CorpusScope): AsyncIterable<Document>;
  /** the exact stored text of a document, or null */
  documentText(docId: string): Promise<string | null>;
  /** corpus analyser `name@version`'s state of every document in scope (null where it kept none), in corpus order */
  iterateCorpusStates(producer: string, scope: CorpusScope): AsyncIterable<{ doc: DocumentRef; state: unknown }>;
  corpusState(producer: string, docId: string): Promise<unknown>;
  /** ids of documents in scope lacking a current state of any of these producers */
  documentsLackingStates(producers: string[], scope: CorpusScope): AsyncIterable<string>;
  /**
   * States of one document, written with their analyser results in one transaction;
   * `failures` (producer `name@version` and message) are recorded as failed results, so the
   * document still lacks those states (and is tried again) and the failure is visible.
   */
  saveCorpusStates(docId: string, states: Map<string, unknown>, failures?: Array<{ analyzer: string; message: string }>): Promise<void>;

  close(): Promise<void>;
}
