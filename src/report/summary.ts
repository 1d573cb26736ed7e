import { clipText } from '../core/clip.js';
import type { CorpusFinding, Finding } from '../core/types.js';
import { groupBy } from '../core/arrays.js';

/** Kinds that are layers for other analysers more than findings for people. */
export const BACKGROUND_KINDS: ReadonlySet<string> = new Set(['sentence', 'language']);

export function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return new Map([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}

/** Findings a person reads, grouped by kind, strongest first within a kind. */
export function foregroundByKind(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    if (BACKGROUND_KINDS.has(f.kind)) continue;
    const list = groups.get(f.kind) ?? [];
    list.push(f);
    groups.set(f.kind, list);
  }
  for (const list of groups.values()) list.sort((a, b) => b.score - a.score || a.start - b.start);
  return new Map([...groups].sort((a, b) => a[0].localeCompare(b[0])));
}

export function corpusByKind(findings: readonly CorpusFinding[]): Map<string, CorpusFinding[]> {
  return groupBy(findings, (f) => f.kind);
}

/** A one-line excerpt of at most `max` characters (120 by default). */
export function shorten(text: string, max = 120): string {
  return clipText(text, max);
}
