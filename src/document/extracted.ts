import type { InputFormat, Section, Source } from '../core/types.js';

/**
 * What an extractor (plain text, Markdown, HTML) makes of one input: the text to store,
 * its sections and whatever the input says about its source. The pipeline turns it into
 * a Document by giving it a content-derived id.
 */
export interface ExtractedDocument {
  format: InputFormat;
  text: string;
  sections: Section[];
  source: Source;
  /** things a person should know about the extraction, e.g. a fallback encoding */
  warnings?: string[];
}
