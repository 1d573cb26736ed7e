import { accusationsSection } from './accusations.js';
import { campsSection } from './camps.js';
import { contradictionsSection } from './contradictions.js';
import type { CorpusSection } from './section.js';
import { timelineSection } from './timeline.js';

/** Corpus-wide report sections, in the order reports show them. Adding one: one module, one line. */
export const corpusSections: readonly CorpusSection[] = [accusationsSection, campsSection, contradictionsSection, timelineSection];
