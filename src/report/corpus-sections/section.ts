import type { CorpusFinding, Document, Finding } from '../../core/types.js';

/**
 * A corpus-wide summary that reports show after the documents (e.g. a timeline, camps and
 * propositions, the actors-and-accusations table). Computed from the corpus findings and,
 * where it needs them, what it gathers from each document's findings as the report streams
 * past (never the whole corpus at once), so every reporter shows the same thing. In the JSON
 * report it appears under `corpus.<key>`.
 */
export interface CorpusSection<T extends object = object, G = unknown> {
  key: string;
  title: string;
  /** what the section keeps of each document as the report streams past (bounded by what it keeps) */
  gather?: { start(): G; add(gathered: G, doc: Document, findings: readonly Finding[]): void };
  /** `names`: document id → display name, for every document of the report */
  compute(findings: readonly CorpusFinding[], names: ReadonlyMap<string, string>, gathered: G | undefined): T | null;
  /** Markdown block (no heading); escape document text */
  markdown(value: T): string;
  /** HTML fragment (no heading); every piece of document text MUST go through `escape` */
  html(value: T, escape: (text: string) => string): string;
}
