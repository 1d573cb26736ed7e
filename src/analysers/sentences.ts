import type { DocumentAnalyzer } from './analyzer.js';

/**
 * Sentences of the content sections: the unit most other analysers report on.
 * 1.1.0: run-on "sentences" over 2,000 characters are cut at white space.
 */
export const sentencesAnalyzer: DocumentAnalyzer = {
  scope: 'document',
  name: 'sentences',
  version: '1.1.0',
  kinds: ['sentence'],
  description: 'Splits titles, headings, bylines, body paragraphs and comments into sentences.',
  analyze(ctx) {
    return ctx.sentences().map((sentence, i) => ({
      kind: 'sentence',
      label: sentence.sectionKind,
      start: sentence.start,
      end: sentence.end,
      score: 1,
      explanation: `Sentence ${i + 1} of the document, in a ${sentence.sectionKind} section.`,
      data: { index: i, section: sentence.section },
    }));
  },
};
