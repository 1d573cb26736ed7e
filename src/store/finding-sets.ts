import { findingId } from '../core/finding-id.js';
import type { CorpusMember, Finding, FindingData } from '../core/types.js';
import { packBytes, purposes, unpackBytes, type DictionaryPacker } from './pack-dictionaries.js';
import { UNSEARCHED_KINDS } from './search-text.js';

/**
 * How both backends store document findings (migration 010): spans, not copies, and no row
 * per finding.
 *
 * - `finding_sets`: one row per document and analyser, holding that analyser's findings
 *   packed (id, kind, label, span, score, explanation, data) and compressed, and how many
 *   of each kind (for document lists). An id that is the hash of what the finding is
 *   (core/finding-id.ts, as the pipeline stamps them) is left out and recomputed. The quote is
 *   never stored: it is `text.slice(start, end)` of the stored document, derived on read, so
 *   `text.slice(start, end) === quote` holds by construction. Explanations and payloads are
 *   templated and compress several-fold together; one row per finding cost ~300 bytes plus
 *   ~120 bytes of index entries.
 * - `finding_labels`: what the API aggregates and filters by in SQL — per document, kind,
 *   label, facet (an entity's type, a claim's evidence strength) and surface form (an
 *   entity mention's written form, for aliases) the number of findings. A few dozen small
 *   rows per document instead of ~190.
 * - `finding_keys` (PostgreSQL: one row per document, an array of keys; SQLite since migration
 *   024: `finding_key_index`, a contentless full-text index, one row per document write, its
 *   keys as words): a 32-bit key of each finding id → its document, so `findFinding(id)` (a
 *   review by id) reads one document's sets; the key is not unique, the id is checked.
 *
 * Packed format: a first byte 0x00 followed by deflate-raw of the JSON array of rows, 0x01 and
 * the same with a preset dictionary learned from the database (migration 018,
 * pack-dictionaries.ts), or a plain JSON array (what migration 010 writes from SQL, which
 * cannot compress).
 */

/** One packed finding: [id (0: the derived id), kind, label, start, end, score, explanation, data|null]. */
type PackedFinding = [string | 0, string, string, number, number, number, string, FindingData | null];

/**
 * A JSON value as stored bytes (finding sets, corpus states, corpus findings' members and
 * payloads): with the store's dictionary for `purpose` when it has one (pack-dictionaries.ts),
 * else 0x00 then deflate-raw of its JSON text.
 */
export function packJson(value: unknown, packer: DictionaryPacker | null = null, purpose = ''): Buffer {
  if (packer) return packer.pack(purpose, value);
  return packBytes(Buffer.from(JSON.stringify(value), 'utf8'), null);
}

/** What packJson stored, or plain JSON text / bytes (rows written before migration 010, or by its SQL). */
export function unpackJson(packed: unknown): unknown {
  if (typeof packed === 'string') return JSON.parse(packed);
  const bytes = packed instanceof Uint8Array ? Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength) : null;
  if (!bytes) throw new Error('a stored value is neither packed bytes nor JSON text');
  return JSON.parse(unpackBytes(bytes).toString('utf8'));
}

/** One analyser's findings of one document as stored bytes. */
export function packFindings(docId: string, findings: readonly Finding[], packer: DictionaryPacker | null = null, producer = ''): Buffer {
  const rows: PackedFinding[] = dedupeById(findings).map((f) => [
    f.id === findingId(docId, f.analyzer, f.kind, f.label, f.start, f.end) ? 0 : f.id,
    f.kind,
    f.label,
    f.start,
    f.end,
    f.score,
    f.explanation,
    f.data ?? null,
  ]);
  return packJson(rows, packer, purposes.findings(producer));
}

/** Findings per kind, kept beside a set for document lists. */
export function kindCounts(findings: readonly Finding[]): string {
  const counts: Record<string, number> = {};
  for (const f of dedupeById(findings)) counts[f.kind] = (counts[f.kind] ?? 0) + 1;
  return JSON.stringify(counts);
}

function packedRows(packed: unknown): PackedFinding[] {
  return unpackJson(packed) as PackedFinding[];
}

/** The findings of one stored set, quotes cut from the document's text. */
export function unpackFindings(packed: unknown, docId: string, analyzer: string, version: string, text: string): Finding[] {
  return unpackFindingsWhere(packed, docId, analyzer, version, text, () => true);
}

/** What a reader can test a stored finding by before it is built (no id hashed, no object made). */
export interface FindingView {
  kind: string;
  label: string;
  start: number;
  end: number;
  score: number;
  explanation: string;
  /** text.slice(start, end) */
  quote: string;
}

/**
 * The findings of one stored set that `keep` accepts. Searches and filtered pages test every
 * stored finding but return few: the rest cost no id hash and no object. `keep` sees one
 * reused view and must not hold on to it.
 */
export function unpackFindingsWhere(packed: unknown, docId: string, analyzer: string, version: string, text: string, keep: (f: FindingView) => boolean): Finding[] {
  const producer = `${analyzer}@${version}`;
  const view: FindingView = { kind: '', label: '', start: 0, end: 0, score: 0, explanation: '', quote: '' };
  const out: Finding[] = [];
  for (const [id, kind, label, start, end, score, explanation, data] of packedRows(packed)) {
    view.kind = kind;
    view.label = label;
    view.start = start;
    view.end = end;
    view.score = score;
    view.explanation = explanation;
    view.quote = text.slice(start, end);
    if (!keep(view)) continue;
    out.push({
      id: id === 0 ? findingId(docId, producer, kind, label, start, end) : id,
      analyzer: producer,
      kind,
      label,
      start,
      end,
      quote: view.quote,
      score,
      explanation,
      ...(data === null || data === undefined ? {} : { data }),
    });
  }
  return out;
}

/** Whether a stored set (by its per-kind counts, JSON) holds a finding of a kind `wanted` accepts: when not, it need not be unpacked. */
export function setHasKind(counts: unknown, wanted: (kind: string) => boolean): boolean {
  if (typeof counts !== 'string') return true;
  const parsed = JSON.parse(counts) as Record<string, number>;
  return Object.keys(parsed).some((kind) => parsed[kind] > 0 && wanted(kind));
}

/** A document's findings in the order every reader sees them: by span, kind, label, id. */
export function sortFindings<T extends Finding>(findings: T[]): T[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return findings.sort((a, b) => a.start - b.start || a.end - b.end || cmp(a.kind, b.kind) || cmp(a.label, b.label) || cmp(a.id, b.id));
}

export interface LabelCount {
  kind: string;
  label: string;
  facet: string;
  surface: string;
  n: number;
  /** [score, how many] of these findings, highest score first: score thresholds are counted in SQL */
  scores: Array<[number, number]>;
}

/**
 * The facet the API groups a finding by besides its label: an entity's type, a claim's
 * evidence strength (the sourcing profile's categories); '' for other kinds.
 */
export function findingFacet(f: Pick<Finding, 'kind' | 'data'>): string {
  if (f.kind === 'entity') return typeof f.data?.type === 'string' ? f.data.type : '';
  if (f.kind === 'claim') {
    const evidence = f.data?.evidence as { strength?: unknown } | undefined;
    return typeof evidence?.strength === 'string' ? evidence.strength : 'unsupported';
  }
  return '';
}

/** Per (kind, label, facet, surface): how many of these findings, and how many at each score. Entity mentions keep their written form. */
export function labelCounts(findings: readonly Finding[]): LabelCount[] {
  const counts = new Map<string, { count: LabelCount; scores: Map<number, number> }>();
  for (const f of dedupeById(findings)) {
    const facet = findingFacet(f);
    const surface = f.kind === 'entity' ? f.quote : '';
    const key = `${f.kind}\u0000${f.label}\u0000${facet}\u0000${surface}`;
    let entry = counts.get(key);
    if (!entry) counts.set(key, (entry = { count: { kind: f.kind, label: f.label, facet, surface, n: 0, scores: [] }, scores: new Map() }));
    entry.count.n++;
    entry.scores.set(f.score, (entry.scores.get(f.score) ?? 0) + 1);
  }
  return [...counts.values()].map(({ count, scores }) => ({ ...count, scores: [...scores].sort((a, b) => b[0] - a[0]) }));
}

/**
 * Score thresholds as the label queries apply them: a finding counts when its score is at
 * least its kind's threshold (`byKind`), else `otherwise`. The API builds it from a display
 * policy (src/report/thresholds.ts).
 */
export interface ScoreThresholds {
  byKind: Record<string, number>;
  otherwise: number;
}

export function thresholdOf(t: ScoreThresholds, kind: string): number {
  return Object.hasOwn(t.byKind, kind) ? t.byKind[kind] : t.otherwise;
}

const HEX = '0123456789abcdef';

/**
 * A finding id's lookup key: its first eight characters read as hexadecimal digits (any
 * other character counts −1, a missing one 0), so the SQL of migration 010 computes the same
 * number with instr()/position(), stored as a signed 32-bit integer (migration 012: 4 bytes
 * in SQLite's record format, PostgreSQL's `integer`). Finding ids are 16 hex digits; the key
 * is not unique.
 */
export function findingKey(id: string): number {
  let key = 0;
  for (let i = 0; i < 8; i++) key = key * 16 + (i < id.length ? HEX.indexOf(id[i]) : 0);
  return key | 0;
}

/** A key as the SQLite key index writes and searches it (migration 024): 8 lower-case hex digits, one word. */
export function keyWord(key: number): string {
  return (key >>> 0).toString(16).padStart(8, '0');
}

/** The distinct keys of these findings. */
export function findingKeys(findings: readonly Finding[]): number[] {
  return [...new Set(findings.map((f) => findingKey(f.id)))];
}

/** The last of each id wins (a set never holds one id twice). */
export function dedupeById<T extends { id: string }>(items: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const item of items) {
    byId.delete(item.id);
    byId.set(item.id, item);
  }
  return byId.size === items.length ? [...items] : [...byId.values()];
}

/** Whether the finding search looks at this finding at all (structural spans are not). */
export function searchable(f: Pick<Finding, 'kind'>): boolean {
  return !UNSEARCHED_KINDS.has(f.kind);
}

/**
 * Corpus findings' members as stored: a member's quote is left out where it is exactly its
 * span of its document's stored text (`text` gives it, null where the document is not
 * stored), and cut again from the text when read (`withMemberQuotes`). The corpus stage
 * fills the quote of every member with a span, so reading gives back what was written.
 */
export function membersForStore(members: readonly CorpusMember[], text: (doc: string) => string | null): CorpusMember[] {
  return members.map((m) => {
    if (m.quote === undefined || m.start === undefined || m.end === undefined) return m;
    const t = text(m.doc);
    if (t === null || t.slice(m.start, m.end) !== m.quote) return m;
    const { quote: _quote, ...rest } = m;
    return rest;
  });
}

export function withMemberQuotes(members: readonly CorpusMember[], text: (doc: string) => string | null): CorpusMember[] {
  return members.map((m) => {
    if (m.quote !== undefined || m.start === undefined || m.end === undefined) return m;
    const t = text(m.doc);
    return t === null ? m : { ...m, quote: t.slice(m.start, m.end) };
  });
}

/** The documents these members quote, each once. */
export function memberDocs(members: Iterable<readonly CorpusMember[]>): string[] {
  const docs = new Set<string>();
  for (const list of members) for (const m of list) if (m.start !== undefined) docs.add(m.doc);
  return [...docs];
}
