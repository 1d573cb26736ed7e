import type { DocumentRef } from '../analysers/analyzer.js';
import type { CorpusMember } from '../core/types.js';
import { documentRef } from '../corpus/state.js';
import type { Store } from '../store/store.js';
import type { AlertDocument, AlertEvidence } from '../store/watch.js';

/** What alerts name of documents, and the evidence they quote. */

export const MAX_EVIDENCE = 12;

export interface DocInfo {
  /** what alerts and explanations name of a document (its text is not kept: alerts may name thousands) */
  ref: DocumentRef;
  /** the watch source's name, else the document's outlet */
  source: string | null;
  side: string | null;
  /** when it was published, else first seen by the watch (epoch ms) */
  time: number | null;
}

/** Documents alerts name, read once each per poll (only those a rule touches). */
export class InfoCache {
  private readonly cache = new Map<string, DocInfo | null>();
  constructor(private readonly store: Store) {}

  async get(id: string): Promise<DocInfo | null> {
    if (this.cache.has(id)) return this.cache.get(id) ?? null;
    const doc = await this.store.getDocument(id);
    let info: DocInfo | null = null;
    if (doc) {
      const watched = (await this.store.watch.sourcesOfDocuments([id])).get(id);
      const published = doc.source.publishedAt ? Date.parse(doc.source.publishedAt) : NaN;
      const seen = watched ? Date.parse(watched.firstSeenAt) : NaN;
      info = {
        ref: documentRef(doc),
        source: watched?.name ?? doc.source.outlet ?? null,
        side: watched?.side ?? null,
        time: Number.isFinite(published) ? published : Number.isFinite(seen) ? seen : null,
      };
    }
    this.cache.set(id, info);
    return info;
  }
}

export function describe(info: DocInfo): string {
  const title = info.ref.title ? `"${info.ref.title}"` : `document ${info.ref.id}`;
  return info.source ? `${title} (${info.source})` : title;
}

export function docRef(info: DocInfo): AlertDocument {
  return { id: info.ref.id, title: info.ref.title, source: info.source ?? info.ref.outlet, url: info.ref.url };
}

export async function docRefs(infos: InfoCache, ids: string[]): Promise<AlertDocument[]> {
  const out: AlertDocument[] = [];
  for (const id of ids) {
    const info = await infos.get(id);
    if (info) out.push(docRef(info));
  }
  return out;
}

/** Members with a quoted span, as alert evidence (at most MAX_EVIDENCE). */
export function evidenceOf(members: CorpusMember[]): AlertEvidence[] {
  const out: AlertEvidence[] = [];
  for (const m of members) {
    if (m.start === undefined || m.end === undefined || m.quote === undefined) continue;
    out.push({ doc: m.doc, start: m.start, end: m.end, quote: m.quote, ...(m.role ? { role: m.role } : {}) });
    if (out.length >= MAX_EVIDENCE) break;
  }
  return out;
}

export function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** Fills the quotes of members that carry spans only, from the stored texts (a few texts at a time). */
export async function quoteMembers(store: Store, members: CorpusMember[]): Promise<void> {
  const texts = new Map<string, string>();
  for (const m of members) {
    if (m.quote !== undefined || m.start === undefined || m.end === undefined) continue;
    let text = texts.get(m.doc);
    if (text === undefined) {
      text = (await store.documentText(m.doc)) ?? '';
      texts.set(m.doc, text);
      if (texts.size > 16) texts.delete(texts.keys().next().value as string);
    }
    m.quote = text.slice(m.start, m.end);
  }
}
