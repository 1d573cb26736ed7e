import type { AnalysedDocument } from '../../analysers/analyzer.js';
import type { CorpusFinding } from '../../core/types.js';

/**
 * A corpus-wide summary that reports show after the documents (e.g. a timeline, camps and
 * propositions, the actors-and-accusations table). Computed from the documents' findings and
 * the corpus findings only, so every reporter shows the same thing. In the JSON report it
 * appears under `corpus.<key>`.
 */
export interface CorpusSection<T extends object = object> {
  key: string;
  title: string;
  compute(documents: AnalysedDocument[], findings: CorpusFinding[]): T | null;
  /** Markdown block (no heading); escape document text */
  markdown(value: T): string;
  /** HTML fragment (no heading); every piece of document text MUST go through `escape` */
  html(value: T, escape: (text: string) => string): string;
}
