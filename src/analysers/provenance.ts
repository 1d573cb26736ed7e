import { loadNarrativeLexicons } from './accusations/lexicon.js';
import { provenanceFindings } from '../corpus/narratives/provenance.js';
import type { CorpusAnalyzer } from './analyzer.js';

/** Where a claim is said to originate, who amplified it and where it found its audience. Contract: docs/analysers/narratives.md. */
export const provenanceAnalyzer: CorpusAnalyzer = {
  scope: 'corpus',
  name: 'provenance',
  version: '1.0.0',
  kinds: ['provenance'],
  reads: ['entity'],
  description: 'Origin → amplifier → audience chains of a claim, as canonical entities with roles.',
  analyze: (ctx) => provenanceFindings(ctx.documents, loadNarrativeLexicons()),
};
