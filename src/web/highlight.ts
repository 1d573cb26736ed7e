/**
 * Splitting a text into segments at every finding boundary, so overlapping findings can be
 * shown as nested highlights: each segment knows which findings cover it. Pure, so it is
 * tested in Node.
 */

export interface Spanned {
  start: number;
  end: number;
}

export interface Segment {
  start: number;
  end: number;
  /** indices (into the spans given) of the findings covering the whole segment */
  covering: number[];
}

/**
 * Segments of [from, to): boundaries at every span start and end and at `cuts` (e.g. section
 * edges), each with the spans that cover it. Empty spans are ignored.
 */
export function segment(spans: readonly Spanned[], from: number, to: number, cuts: readonly number[] = []): Segment[] {
  const points = new Set<number>([from, to]);
  for (const c of cuts) if (c > from && c < to) points.add(c);
  const starts = new Map<number, number[]>();
  const ends = new Map<number, number[]>();
  spans.forEach((s, i) => {
    const start = Math.max(from, s.start);
    const end = Math.min(to, s.end);
    if (end <= start) return;
    points.add(start);
    points.add(end);
    (starts.get(start) ?? starts.set(start, []).get(start)!).push(i);
    (ends.get(end) ?? ends.set(end, []).get(end)!).push(i);
  });
  const sorted = [...points].sort((a, b) => a - b);
  const active = new Set<number>();
  const segments: Segment[] = [];
  for (let k = 0; k < sorted.length - 1; k++) {
    const at = sorted[k];
    for (const i of ends.get(at) ?? []) active.delete(i);
    for (const i of starts.get(at) ?? []) active.add(i);
    segments.push({ start: at, end: sorted[k + 1], covering: [...active].sort((a, b) => a - b) });
  }
  return segments;
}

/** The finding a click on a segment means: the shortest covering one (the most specific). */
export function primary(spans: readonly Spanned[], covering: readonly number[]): number | null {
  let best: number | null = null;
  for (const i of covering) {
    if (best === null || spans[i].end - spans[i].start < spans[best].end - spans[best].start) best = i;
  }
  return best;
}

/**
 * Kinds hidden at first: those covering most of the text (sentences, the language), which
 * would otherwise paint everything one colour.
 */
export function blanketKinds(spans: ReadonlyArray<Spanned & { kind: string }>, textLength: number, share = 0.5): string[] {
  const covered = new Map<string, number>();
  for (const s of spans) covered.set(s.kind, (covered.get(s.kind) ?? 0) + (s.end - s.start));
  return [...covered].filter(([, n]) => textLength > 0 && n / textLength >= share).map(([k]) => k).sort();
}
