import type { Document, Section } from '../../src/core/types.js';
import { toDocument } from '../../src/document/document.js';
import { extractPlainText } from '../../src/ingest/plain-text/index.js';
import { loadResources, type Resources } from '../../src/nlp/resources.js';

/** A document from plain text, as the pipeline would build it. */
export function plainDocument(text: string, path = 'fixture.txt'): Document {
  return toDocument(extractPlainText(text), { path });
}

/** A document whose sections are given directly (for analyser tests). */
export function documentWith(text: string, sections: Section[]): Document {
  return { id: 'test', format: 'text', source: { path: 'fixture.txt' }, text, sections };
}

let resources: Promise<Resources> | null = null;
export function testResources(): Promise<Resources> {
  resources ??= loadResources();
  return resources;
}
