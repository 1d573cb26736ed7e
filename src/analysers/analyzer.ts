import type { CorpusFindingDraft, Document, Finding, FindingDraft, Section, Span } from '../core/types.js';
import type { Token } from '../nlp/tokens.js';
import type { EntityMention } from '../nlp/entities/mentions.js';
import type { Resources } from '../nlp/resources.js';

/** A sentence of a section; sentences never cross section boundaries. */
export interface Sentence extends Span {
  /** index into `doc.sections` */
  section: number;
  sectionKind: Section['kind'];
}

/**
 * What a document analyser may read. Layers (sentences, tokens, entities, language) are
 * computed on first use and shared by every analyser of the same document.
 */
export interface DocumentContext {
  readonly doc: Document;
  readonly resources: Resources;
  /** sentences of the title, headings, body and comments (not boilerplate) */
  sentences(): Sentence[];
  /** tokens of `text[start, end)` (cached for whole sections) */
  tokens(start?: number, end?: number): Token[];
  /** entity mentions with their canonical entity, aliases resolved */
  entities(): EntityMention[];
  /** ISO 639-1 (or 639-3) code of the article's main language, null when unsure */
  language(): { code: string | null; score: number };
  /** sections of the given kinds, with their index */
  sectionsOf(...kinds: Section['kind'][]): Array<Section & { index: number }>;
}

export interface DocumentAnalyzer {
  scope: 'document';
  /** kebab-case, unique; stored with each finding as `name@version` */
  name: string;
  /** bump when the output for the same input changes: stored results are then recomputed */
  version: string;
  /** the finding kinds it produces */
  kinds: string[];
  /** one line for `discern analyzers` and the docs */
  description: string;
  analyze(ctx: DocumentContext): FindingDraft[];
}

/** A document with everything the document analysers found in it. */
export interface AnalysedDocument {
  doc: Document;
  findings: Finding[];
}

/** What a corpus analyser knows of a document besides its own state: enough to name it. */
export interface DocumentRef {
  id: string;
  title: string | null;
  outlet: string | null;
  path: string | null;
  url: string | null;
  publishedAt: string | null;
}

/**
 * The corpus as one corpus analyser sees it: every document in scope with the compact state
 * its `extract` kept for it, streamed in corpus order from the store (or from memory in
 * tests). Never the documents themselves: memory stays bounded by what the analyser keeps.
 */
export interface CorpusState<S> {
  /** documents in scope */
  readonly size: number;
  entries(): AsyncIterable<{ doc: DocumentRef; state: S | null }>;
  /** this analyser's state of one document in scope (random access, e.g. for candidate pairs) */
  get(docId: string): Promise<S | null>;
  /** exact text of a span of a document in scope (for quotes the state did not keep) */
  slice(docId: string, start: number, end: number): Promise<string>;
  /** the same documents as another corpus analyser sees them (listed in `uses`) */
  of<T>(analyzer: string): CorpusState<T>;
}

/**
 * A corpus analyser has one home and two steps:
 * - `extract` runs with the document analysers, once per document and analyser version, and
 *   returns the compact, JSON-serialisable state this analyser needs of the document (facts,
 *   signatures, accusation records…), stored beside the document's findings;
 * - `combine` turns the stored states of the documents in scope into corpus findings.
 * A document arriving adds its state; `combine` never re-reads a document. A full recompute
 * (re-extract everything, then combine) gives the same result by construction.
 * `combine` must not hold every document's state at once: it reads `state.entries()` as many
 * times as it needs (each pass streams from the store) and keeps compact indexed state
 * between passes. It may hand its findings over in batches (an async iterable of arrays) so
 * that a large corpus's findings are never all in memory; the corpus stage quotes, stamps and
 * stores each batch as it comes (findings already handed over stay when a later batch fails).
 */
export interface CorpusAnalyzer<S = unknown> {
  scope: 'corpus';
  name: string;
  version: string;
  kinds: string[];
  /** the document finding kinds `extract` reads */
  reads: string[];
  /** other corpus analysers whose state `combine` reads */
  uses?: string[];
  description: string;
  extract(doc: AnalysedDocument, resources: Resources): S | null;
  combine(state: CorpusState<S>, resources: Resources): CorpusFindingBatches;
}

/** What a combine step produces: all its findings at once, or batches of them as it goes. */
export type CorpusFindingBatches = Promise<CorpusFindingDraft[]> | AsyncIterable<CorpusFindingDraft[]>;

export type Analyzer = DocumentAnalyzer | CorpusAnalyzer;
