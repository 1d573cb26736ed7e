import { stanceAndCampFindings } from '../corpus/narratives/camps.js';
import type { CorpusAnalyzer } from './analyzer.js';

/** Propositions documents take sides on (from accusations), each document's stance, and the camps. Contract: docs/analysers/narratives.md. */
export const stancesAnalyzer: CorpusAnalyzer = {
  scope: 'corpus',
  name: 'stances',
  version: '1.0.0',
  kinds: ['stance', 'camp'],
  reads: ['accusation'],
  description: 'Propositions the documents fight over, each document\'s stance (supports, opposes, neutral) with the deciding spans, and the camps their stances form.',
  analyze: (ctx) => stanceAndCampFindings(ctx.documents),
};
