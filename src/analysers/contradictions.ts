import { loadNarrativeLexicons } from './accusations/lexicon.js';
import { factFindings } from '../corpus/narratives/facts.js';
import type { CorpusAnalyzer } from './analyzer.js';

/** Same attribute, different values across documents; the same fact from different camps. Contract: docs/analysers/narratives.md. */
export const contradictionsAnalyzer: CorpusAnalyzer = {
  scope: 'corpus',
  name: 'contradictions',
  version: '1.1.0',
  kinds: ['contradiction', 'corroboration'],
  reads: ['entity', 'accusation'],
  description: 'Facts documents disagree on (founding years and places, leaders of groups, dates of named events, casualty and arrest counts and days of events kept apart by kind, place, year, venue and month) and facts or propositions corroborated across camps.',
  analyze: (ctx) => factFindings(ctx.documents, loadNarrativeLexicons()),
};
