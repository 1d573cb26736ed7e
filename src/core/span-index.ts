import type { Span } from './types.js';

/**
 * The spans of a list that overlap a query span, without scanning the whole list per query:
 * what a loop "for every sentence, for every finding of the document" asks, which is
 * quadratic in the length of one long document. Spans are sorted by start once; a query
 * binary-searches the starts, so it costs O(log n) plus the spans it returns (more only when
 * some spans are much longer than the rest: every span starting within the longest span's
 * length before the query is looked at).
 *
 * Overlap is the half-open test used everywhere in Discern: `a.start < b.end && b.start < a.end`.
 */
export class SpanIndex<T extends Span> {
  /** positions into `items`, by start */
  private readonly order: number[];
  private readonly starts: Float64Array;
  /** the largest `end` among the first k spans by start (k = index + 1) */
  private readonly prefixEnd: Float64Array;
  private readonly longest: number;

  constructor(private readonly items: readonly T[]) {
    this.order = items.map((_, i) => i).sort((a, b) => items[a].start - items[b].start || a - b);
    this.starts = Float64Array.from(this.order, (i) => items[i].start);
    this.prefixEnd = new Float64Array(items.length);
    let end = -Infinity;
    let longest = 0;
    this.order.forEach((i, k) => {
      end = Math.max(end, items[i].end);
      this.prefixEnd[k] = end;
      longest = Math.max(longest, items[i].end - items[i].start);
    });
    this.longest = longest;
  }

  /** Whether any span overlaps `[start, end)`. */
  any(start: number, end: number): boolean {
    const k = this.countStartingBefore(end);
    return k > 0 && this.prefixEnd[k - 1] > start;
  }

  /** The spans that overlap `[start, end)`, in the order of the list given to the constructor. */
  overlapping(start: number, end: number): T[] {
    const to = this.countStartingBefore(end);
    // a span that starts before `start - longest` ends before `start`
    const from = this.countStartingBefore(start - this.longest);
    const hits: number[] = [];
    for (let k = from; k < to; k++) {
      const i = this.order[k];
      if (this.items[i].end > start) hits.push(i);
    }
    return hits.sort((a, b) => a - b).map((i) => this.items[i]);
  }

  /** How many spans start before `offset` (strictly). */
  private countStartingBefore(offset: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
