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

export interface CorpusContext {
  readonly documents: AnalysedDocument[];
  readonly resources: Resources;
}

export interface CorpusAnalyzer {
  scope: 'corpus';
  name: string;
  version: string;
  kinds: string[];
  /** the document finding kinds it reads; a run keeps only these in memory */
  reads: string[];
  description: string;
  analyze(ctx: CorpusContext): CorpusFindingDraft[];
}

export type Analyzer = DocumentAnalyzer | CorpusAnalyzer;
