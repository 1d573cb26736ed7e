import { timelineFindings } from '../corpus/narratives/timeline.js';
import type { CorpusAnalyzer } from './analyzer.js';

/** Dated events across the corpus, normalised and ordered, each with its sources. Contract: docs/analysers/narratives.md. */
export const timelineAnalyzer: CorpusAnalyzer = {
  scope: 'corpus',
  name: 'timeline',
  version: '1.0.0',
  kinds: ['event'],
  reads: ['entity'],
  description: 'Dated events mentioned across the corpus, normalised to ISO 8601 and ordered, each with the documents that mention it.',
  analyze: (ctx) => timelineFindings(ctx.documents),
};
