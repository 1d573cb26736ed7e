import type { Span } from '../../core/types.js';
import type { PatternEntry } from './lexicons.js';

/**
 * Hedges ("allegedly", "appear to", "may") lower how sure a sentence says it is; boosters
 * ("clearly", "it is a fact that", "outright fabrication") raise it. Both come from the
 * certainty lexicon; a claim's level compares the two counts in its sentence.
 */

export type CertaintyMarkerLabel = 'hedge' | 'booster';
export type CertaintyLevel = 'hedged' | 'neutral' | 'boosted';

export interface CertaintyMarker extends Span {
  label: CertaintyMarkerLabel;
  text: string;
  reason: string;
}

export function findCertaintyMarkers(docText: string, span: Span, entries: PatternEntry[]): CertaintyMarker[] {
  const text = docText.slice(span.start, span.end);
  const out: CertaintyMarker[] = [];
  for (const entry of entries) {
    entry.re.lastIndex = 0;
    for (let m = entry.re.exec(text); m; m = entry.re.exec(text)) {
      const start = span.start + m.index;
      const end = start + m[0].length;
      // the longer, earlier-listed marker wins ("is believed to" over a bare modal inside it)
      if (out.some((o) => o.start < end && start < o.end)) continue;
      out.push({ start, end, label: entry.label as CertaintyMarkerLabel, text: m[0], reason: entry.reason });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

export function certaintyLevel(markers: Array<Pick<CertaintyMarker, 'label'>>): CertaintyLevel {
  const hedges = markers.filter((m) => m.label === 'hedge').length;
  const boosters = markers.length - hedges;
  if (boosters > hedges) return 'boosted';
  if (hedges > boosters) return 'hedged';
  return 'neutral';
}
