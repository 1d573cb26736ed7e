/**
 * The shapes every stage of Discern exchanges. Data flows one way:
 * ingest → Document → document analysers → corpus analysers → store → reports.
 *
 * Spans are half-open [start, end) UTF-16 offsets into `Document.text`,
 * so `text.slice(start, end) === quote` always holds.
 */

export type SectionKind = 'title' | 'byline' | 'heading' | 'body' | 'comment' | 'boilerplate';

export interface Span {
  start: number;
  end: number;
}

export interface Section extends Span {
  kind: SectionKind;
  /** comments: the commenter's name where the page gives one */
  author?: string | null;
  /** comments: index in `sections` of the comment this one replies to */
  parent?: number | null;
  /** comments: when the page says it was posted (ISO 8601 where parseable) */
  postedAt?: string | null;
}

export interface Source {
  path?: string | null;
  url?: string | null;
  title?: string | null;
  author?: string | null;
  outlet?: string | null;
  publishedAt?: string | null;
}

export type InputFormat = 'text' | 'markdown' | 'html';

export interface Document {
  /** stable, derived from the text: the same content is the same document */
  id: string;
  format: InputFormat;
  source: Source;
  text: string;
  sections: Section[];
  lang?: string | null;
}

/** Analyser-specific structured payload; every kind documents its own shape. */
export type FindingData = Record<string, unknown>;

/** What an analyser returns: a span, a class and one sentence of why. */
export interface FindingDraft<D extends FindingData = FindingData> extends Span {
  kind: string;
  label: string;
  /** 0..1: confidence or strength, as the analyser's page defines it */
  score: number;
  explanation: string;
  data?: D;
}

/** A draft the pipeline has checked and stamped: quote, id and producer filled in. */
export interface Finding<D extends FindingData = FindingData> extends FindingDraft<D> {
  id: string;
  /** `name@version` of the analyser that produced it */
  analyzer: string;
  quote: string;
}

export interface CorpusMember {
  doc: string;
  start?: number;
  end?: number;
  quote?: string;
  role?: string;
}

export interface CorpusFindingDraft<D extends FindingData = FindingData> {
  kind: string;
  label: string;
  score: number;
  explanation: string;
  members: CorpusMember[];
  data?: D;
}

export interface CorpusFinding<D extends FindingData = FindingData> extends CorpusFindingDraft<D> {
  id: string;
  analyzer: string;
}
