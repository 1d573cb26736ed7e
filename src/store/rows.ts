import type { Finding, FindingData } from '../core/types.js';

/** Rows as both backends return them (column name → value), and their mapping to the Store's shapes. */

export type Row = Record<string, unknown>;

/** "name@version" → [name, version]; names never contain "@". */
export function splitProducer(producer: string): [string, string] {
  const at = producer.lastIndexOf('@');
  return at < 0 ? [producer, ''] : [producer.slice(0, at), producer.slice(at + 1)];
}

function parseData(value: unknown): FindingData | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'string' ? (JSON.parse(value) as FindingData) : (value as FindingData);
}

/**
 * A findings-table row → Finding. The quote is not stored: it is the span of the document's
 * text, so `text.slice(start, end) === quote` holds by construction.
 */
export function findingFromRow(r: Row, text: string): Finding {
  const start = Number(r.start);
  const end = Number(r.end);
  const data = parseData(r.data);
  return {
    id: String(r.id),
    analyzer: `${r.analyzer}@${r.analyzer_version}`,
    kind: String(r.kind),
    label: String(r.label),
    start,
    end,
    quote: text.slice(start, end),
    score: Number(r.score),
    explanation: String(r.explanation),
    ...(data ? { data } : {}),
  };
}

/**
 * Texts of the documents these rows belong to, fetched in batches (at most `batch` ids per
 * query) and kept while the rows are mapped, so every quote comes from one read of its text.
 */
export async function withTexts<T>(
  rows: Row[],
  fetchTexts: (ids: string[]) => Promise<Map<string, string>>,
  map: (row: Row, text: string) => T,
  batch = 200,
): Promise<T[]> {
  const ids = [...new Set(rows.map((r) => String(r.doc_id)))];
  const texts = new Map<string, string>();
  for (let i = 0; i < ids.length; i += batch) {
    for (const [id, text] of await fetchTexts(ids.slice(i, i + batch))) texts.set(id, text);
  }
  return rows.map((r) => map(r, texts.get(String(r.doc_id)) ?? ''));
}

export const nullableString = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
