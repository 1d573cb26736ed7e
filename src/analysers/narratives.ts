import { loadNarrativeLexicons } from './accusations/lexicon.js';
import { narrativeFindings } from '../corpus/narratives/frames.js';
import type { CorpusAnalyzer } from './analyzer.js';

/** Frames recurring across documents in different words, and the camps that use them. Contract: docs/analysers/narratives.md. */
export const narrativesAnalyzer: CorpusAnalyzer = {
  scope: 'corpus',
  name: 'narratives',
  version: '1.2.0',
  kinds: ['narrative'],
  reads: ['entity', 'accusation', 'claim'],
  description: 'Recurring frames across documents: lexicon frames (e.g. "the accusations are a diversion") in different words, and frames discovered by clustering claim and accusation sentences with names masked to roles; with the camps that use them.',
  analyze: (ctx) => narrativeFindings(ctx.documents, loadNarrativeLexicons()),
};
