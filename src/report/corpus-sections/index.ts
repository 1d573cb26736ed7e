import { keyFindingsSection } from '../key-findings-section.js';
import { accusationsSection } from './accusations.js';
import { campsSection } from './camps.js';
import { contradictionsSection } from './contradictions.js';
import type { CorpusSection } from './section.js';
import { timelineSection } from './timeline.js';

/** Corpus-wide report sections, in the order reports show them. Adding one: one module, one line. Key findings are shown first, above the documents. */
export const corpusSections: readonly CorpusSection[] = [keyFindingsSection as CorpusSection, accusationsSection, campsSection, contradictionsSection, timelineSection];
