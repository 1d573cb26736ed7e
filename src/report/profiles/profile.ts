import type { Document, Finding } from '../../core/types.js';
import type { ThresholdPolicy } from '../thresholds.js';

/**
 * A per-document summary that reports show beside the findings (e.g. a sourcing profile:
 * "12 claims, 1 with verifiable evidence"). Computed from the document's findings only,
 * so every reporter — JSON, Markdown, HTML, terminal — shows the same numbers.
 */
export interface DocumentProfile<T extends object = object> {
  /** key under `documents[i]` in the JSON report, e.g. `sourcing` */
  key: string;
  /** heading in human reports */
  title: string;
  /** null when the document has nothing to profile; `findings` are those that pass `policy` */
  compute(doc: Document, findings: Finding[], policy?: ThresholdPolicy): T | null;
  /** Markdown block (no heading: the reporter adds it) */
  markdown(value: T): string;
  /** HTML fragment (no heading); every piece of document text MUST go through `escape` */
  html(value: T, escape: (text: string) => string): string;
  /** one short line for the terminal summary, or null */
  terminal?(value: T): string | null;
}
