import { accusationsAnalyzer } from './accusations.js';
import type { CorpusAnalyzer, DocumentAnalyzer } from './analyzer.js';
import { claimsAnalyzer } from './claims.js';
import { commentSectionsAnalyzer } from './comment-sections.js';
import { commentSignalsAnalyzer } from './comments.js';
import { contradictionsAnalyzer } from './contradictions.js';
import { entitiesAnalyzer } from './entities.js';
import { languageAnalyzer } from './language.js';
import { narrativesAnalyzer } from './narratives.js';
import { provenanceAnalyzer } from './provenance.js';
import { repetitionAnalyzer } from './repetition.js';
import { reuseAnalyzer } from './reuse.js';
import { sentencesAnalyzer } from './sentences.js';
import { stancesAnalyzer } from './stances.js';
import { techniquesAnalyzer } from './techniques.js';
import { timelineAnalyzer } from './timeline.js';

/**
 * The one list of analysers, in the order they run. Document analysers are independent
 * of each other (they share layers through the context, not each other's findings);
 * corpus analysers run after all documents, on every document's findings.
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
  commentSectionsAnalyzer, // reads the comment-signals findings
  reuseAnalyzer, // reads the entity findings
  stancesAnalyzer,
  narrativesAnalyzer,
  contradictionsAnalyzer,
  provenanceAnalyzer,
  timelineAnalyzer,
];
