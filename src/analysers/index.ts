import { accusationsAnalyzer } from './accusations.js';
import type { CorpusAnalyzer, DocumentAnalyzer } from './analyzer.js';
import { claimsAnalyzer } from './claims.js';
import { commentSectionsAnalyzer } from '../corpus/comment-sections.js';
import { commentSignalsAnalyzer } from './comments.js';
import { contradictionsAnalyzer } from '../corpus/narratives/facts.js';
import { entitiesAnalyzer } from './entities.js';
import { languageAnalyzer } from './language.js';
import { narrativesAnalyzer } from '../corpus/narratives/frames.js';
import { provenanceAnalyzer } from '../corpus/narratives/provenance.js';
import { repetitionAnalyzer } from './repetition.js';
import { reuseAnalyzer } from '../corpus/reuse.js';
import { sentencesAnalyzer } from './sentences.js';
import { stancesAnalyzer } from '../corpus/narratives/camps.js';
import { techniquesAnalyzer } from './techniques.js';
import { timelineAnalyzer } from '../corpus/narratives/timeline.js';

/**
 * The one list of analysers, in the order they run. Document analysers are independent
 * of each other (they share layers through the context, not each other's findings).
 * Corpus analysers live in src/corpus/: each keeps a compact state per document (extracted
 * with the document analysers) and combines the stored states after the documents.
 * Adding an analyser: write one module, add one line here.
 */
export const documentAnalyzers: readonly DocumentAnalyzer[] = [
  sentencesAnalyzer,
  languageAnalyzer,
  entitiesAnalyzer,
  repetitionAnalyzer,
  claimsAnalyzer,
  accusationsAnalyzer,
  commentSignalsAnalyzer,
  techniquesAnalyzer,
];

export const corpusAnalyzers: readonly CorpusAnalyzer[] = [
  commentSectionsAnalyzer,
  reuseAnalyzer,
  stancesAnalyzer, // its state (accusations) is read by narratives and contradictions for the camps
  narrativesAnalyzer,
  contradictionsAnalyzer,
  provenanceAnalyzer,
  timelineAnalyzer,
];
