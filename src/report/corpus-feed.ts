import type { CorpusFinding } from '../core/types.js';
import type { ReportSource } from './model.js';
import { filterFindings, type ThresholdPolicy } from './thresholds.js';

/**
 * Corpus findings as a report reads them: streamed (from a spool, a store) or from an array,
 * filtered by the display thresholds, and what of them a report keeps in memory — bounded
 * whatever the corpus size.
 */

/** The source's corpus findings, one at a time, that pass the thresholds. */
export async function* corpusFindingsOf(source: Pick<ReportSource, 'corpusFindings' | 'corpusStream'>, policy: ThresholdPolicy | undefined): AsyncIterable<CorpusFinding> {
  if (source.corpusStream) {
    for await (const f of source.corpusStream()) if (filterFindings([f], policy).length > 0) yield f;
    return;
  }
  for (const f of filterFindings(source.corpusFindings, policy)) yield f;
}

/** Corpus findings the corpus sections (camps, contradictions, timeline, key findings) read, per kind. */
const SECTION_KINDS = ['camp', 'stance', 'narrative', 'contradiction', 'corroboration', 'event', 'comment-cluster', 'reuse', 'provenance'];
/** At most this many findings of one kind feed the sections (or are shown in an HTML/Markdown report). */
export const CORPUS_KEEP_PER_KIND = 2_000;

/** How much a finding matters when only some can be kept: documents it spans, then score. */
function weight(f: CorpusFinding): number {
  const docs = (f.data as { documents?: unknown } | undefined)?.documents;
  return (Array.isArray(docs) ? docs.length : new Set(f.members.map((m) => m.doc)).size) + f.score;
}

/**
 * The heaviest `cap` findings of each kind seen, in the order they came; counts of everything
 * seen. Memory is bounded by kinds × cap, not by the corpus.
 */
export class CorpusKeep {
  private readonly kept = new Map<string, Array<{ f: CorpusFinding; w: number; at: number }>>();
  readonly seen = new Map<string, number>();
  private arrived = 0;

  constructor(private readonly cap = CORPUS_KEEP_PER_KIND, private readonly kinds: ReadonlySet<string> | null = null) {}

  add(f: CorpusFinding): void {
    this.seen.set(f.kind, (this.seen.get(f.kind) ?? 0) + 1);
    if (this.kinds && !this.kinds.has(f.kind)) return;
    let list = this.kept.get(f.kind);
    if (!list) this.kept.set(f.kind, (list = []));
    list.push({ f, w: weight(f), at: this.arrived++ });
    if (list.length >= 2 * this.cap) this.trim(list);
  }

  private trim(list: Array<{ f: CorpusFinding; w: number; at: number }>): void {
    list.sort((a, b) => b.w - a.w || a.at - b.at);
    list.length = Math.min(list.length, this.cap);
  }

  /** The kept findings, in arrival order. */
  findings(): CorpusFinding[] {
    const out: Array<{ f: CorpusFinding; at: number }> = [];
    for (const list of this.kept.values()) {
      this.trim(list);
      for (const e of list) out.push(e);
    }
    return out.sort((a, b) => a.at - b.at).map((e) => e.f);
  }

  /** Kinds of which some findings were not kept: kind → [kept, seen]. */
  dropped(): Array<[string, number, number]> {
    const out: Array<[string, number, number]> = [];
    for (const [kind, seen] of this.seen) {
      if (this.kinds && !this.kinds.has(kind)) continue;
      const kept = Math.min(seen, this.cap);
      if (kept < seen) out.push([kind, kept, seen]);
    }
    return out;
  }
}

export function sectionKeep(): CorpusKeep {
  return new CorpusKeep(CORPUS_KEEP_PER_KIND, new Set(SECTION_KINDS));
}

/** A warning that names what a bounded report left out, or null. */
export function keepWarning(keep: CorpusKeep, where: string): { input: string; message: string } | null {
  const dropped = keep.dropped();
  if (dropped.length === 0) return null;
  const parts = dropped.map(([kind, kept, seen]) => `${kept.toLocaleString('en')} of ${seen.toLocaleString('en')} ${kind} findings`);
  return { input: 'corpus', message: `${where} show the ${parts.join(', ')} that span the most documents` };
}
