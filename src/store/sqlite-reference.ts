import type Database from 'better-sqlite3';
import type {
  EvidenceDocumentInput,
  EvidenceSummary,
  FactCheck,
  FactCheckInput,
  LlmAuditEntry,
  PassageHit,
  ReferenceIndex,
} from './reference.js';

/** The reference index on SQLite (migration 006): passages searched with FTS5 BM25. */

type Row = Record<string, unknown>;

const nullable = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** FTS5 query of any of the terms, each quoted so operators in claims stay plain words. */
export function ftsAnyOf(terms: string[]): string | null {
  const quoted = [...new Set(terms.map((t) => t.replace(/"/g, ' ').trim()).filter((t) => t.length > 0))].map((t) => `"${t}"`);
  return quoted.length > 0 ? quoted.join(' OR ') : null;
}

export class SqliteReferenceIndex implements ReferenceIndex {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    this.s = {
      exists: db.prepare('SELECT 1 FROM evidence_documents WHERE id = ?'),
      insertDoc: db.prepare(`INSERT INTO evidence_documents (id, format, origin, title, issuer, published_at, url, text, added_at)
        VALUES (@id, @format, @origin, @title, @issuer, @publishedAt, @url, @text, @now)`),
      updateMeta: db.prepare(`UPDATE evidence_documents SET title = COALESCE(@title, title), issuer = COALESCE(@issuer, issuer),
        published_at = COALESCE(@publishedAt, published_at), url = COALESCE(@url, url) WHERE id = @id`),
      insertPassage: db.prepare('INSERT INTO evidence_passages (doc_id, idx, start, "end", text, entities, aliases) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      list: db.prepare(`SELECT d.id, d.format, d.origin, d.title, d.issuer, d.published_at, d.url, d.added_at, length(d.text) AS chars,
        (SELECT COUNT(*) FROM evidence_passages p WHERE p.doc_id = d.id) AS passages FROM evidence_documents d ORDER BY d.added_at, d.id`),
      get: db.prepare(`SELECT d.*, length(d.text) AS chars, (SELECT COUNT(*) FROM evidence_passages p WHERE p.doc_id = d.id) AS passages
        FROM evidence_documents d WHERE d.id = ?`),
      matchIds: db.prepare(`SELECT id FROM evidence_documents WHERE (length(@key) >= 8 AND substr(id, 1, length(@key)) = @key) OR origin = @key`),
      deleteDoc: db.prepare('DELETE FROM evidence_documents WHERE id = ?'),
      countPassages: db.prepare('SELECT COUNT(*) AS n FROM evidence_passages'),
      search: db.prepare(`SELECT p.id, p.doc_id, p.idx, p.start, p."end", p.text, p.entities, -bm25(evidence_passages_fts, 1.0, 0.6) AS lexical
        FROM evidence_passages_fts JOIN evidence_passages p ON p.id = evidence_passages_fts.rowid
        WHERE evidence_passages_fts MATCH ? ORDER BY bm25(evidence_passages_fts, 1.0, 0.6) LIMIT ?`),
      factExists: db.prepare('SELECT 1 FROM factchecks WHERE id = ?'),
      upsertFact: db.prepare(`INSERT OR REPLACE INTO factchecks (id, claim_reviewed, headline, rating, rating_value, best_rating, worst_rating, url, publisher, date_published, item_reviewed, origin, imported_at)
        VALUES (@id, @claimReviewed, @headline, @rating, @ratingValue, @bestRating, @worstRating, @url, @publisher, @datePublished, @itemReviewed, @origin, @now)`),
      listFacts: db.prepare('SELECT * FROM factchecks ORDER BY imported_at, id'),
      countFacts: db.prepare('SELECT COUNT(*) AS n FROM factchecks'),
      insertAudit: db.prepare(`INSERT INTO llm_audit (at, endpoint, model, purpose, prompt, response, status, tokens) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      listAudit: db.prepare('SELECT * FROM llm_audit ORDER BY id DESC LIMIT ?'),
    };
  }

  async addEvidence(doc: EvidenceDocumentInput): Promise<{ created: boolean }> {
    const write = this.db.transaction((): boolean => {
      const meta = { id: doc.id, title: doc.title, issuer: doc.issuer, publishedAt: doc.publishedAt, url: doc.url };
      if (this.s.exists.get(doc.id)) {
        this.s.updateMeta.run(meta);
        return false;
      }
      this.s.insertDoc.run({ ...meta, format: doc.format, origin: doc.origin, text: doc.text, now: new Date().toISOString() });
      doc.passages.forEach((p, i) => {
        this.s.insertPassage.run(doc.id, i, p.start, p.end, doc.text.slice(p.start, p.end), JSON.stringify(p.entities), p.aliases.join(' | '));
      });
      return true;
    });
    return { created: write() };
  }

  async listEvidence(): Promise<EvidenceSummary[]> {
    return (this.s.list.all() as Row[]).map(toSummary);
  }

  async getEvidence(id: string): Promise<(EvidenceSummary & { text: string }) | null> {
    const row = this.s.get.get(id) as Row | undefined;
    return row ? { ...toSummary(row), text: String(row.text) } : null;
  }

  async removeEvidence(idOrOrigin: string): Promise<string[]> {
    return this.db.transaction((): string[] => {
      const ids = (this.s.matchIds.all({ key: idOrOrigin }) as Row[]).map((r) => String(r.id));
      for (const id of ids) this.s.deleteDoc.run(id);
      return ids;
    })();
  }

  async countPassages(): Promise<number> {
    return Number((this.s.countPassages.get() as Row).n);
  }

  async searchPassages(terms: string[], limit: number): Promise<PassageHit[]> {
    const match = ftsAnyOf(terms);
    if (!match) return [];
    return (this.s.search.all(match, limit) as Row[]).map((r) => ({
      id: Number(r.id),
      doc: String(r.doc_id),
      idx: Number(r.idx),
      start: Number(r.start),
      end: Number(r.end),
      text: String(r.text),
      entities: JSON.parse(String(r.entities)) as string[],
      lexical: Number(r.lexical),
    }));
  }

  async addFactChecks(records: FactCheckInput[]): Promise<{ added: number; updated: number }> {
    return this.db.transaction(() => {
      let added = 0;
      const now = new Date().toISOString();
      for (const r of records) {
        if (!this.s.factExists.get(r.id)) added++;
        this.s.upsertFact.run({ ...r, headline: r.headline ?? null, itemReviewed: r.itemReviewed === undefined || r.itemReviewed === null ? null : JSON.stringify(r.itemReviewed), now });
      }
      return { added, updated: records.length - added };
    })();
  }

  async listFactChecks(): Promise<FactCheck[]> {
    return (this.s.listFacts.all() as Row[]).map(toFactCheck);
  }

  async countFactChecks(): Promise<number> {
    return Number((this.s.countFacts.get() as Row).n);
  }

  async recordLlmCall(e: LlmAuditEntry): Promise<number> {
    return Number(this.s.insertAudit.run(new Date().toISOString(), e.endpoint, e.model, e.purpose, e.prompt, e.response, e.status, e.tokens).lastInsertRowid);
  }

  async llmCalls(limit = 100): Promise<Array<LlmAuditEntry & { id: number; at: string }>> {
    return (this.s.listAudit.all(limit) as Row[]).map(toAudit);
  }
}

export function toSummary(r: Row): EvidenceSummary {
  return {
    id: String(r.id),
    format: r.format as EvidenceSummary['format'],
    origin: String(r.origin),
    title: nullable(r.title),
    issuer: nullable(r.issuer),
    publishedAt: nullable(r.published_at),
    url: nullable(r.url),
    addedAt: String(r.added_at),
    chars: Number(r.chars),
    passages: Number(r.passages),
  };
}

export function toFactCheck(r: Row): FactCheck {
  return {
    id: String(r.id),
    claimReviewed: String(r.claim_reviewed),
    headline: nullable(r.headline),
    rating: nullable(r.rating),
    ratingValue: num(r.rating_value),
    bestRating: num(r.best_rating),
    worstRating: num(r.worst_rating),
    url: nullable(r.url),
    publisher: nullable(r.publisher),
    datePublished: nullable(r.date_published),
    itemReviewed: typeof r.item_reviewed === 'string' ? (JSON.parse(r.item_reviewed) as unknown) : null,
    origin: String(r.origin),
    importedAt: String(r.imported_at),
  };
}

export function toAudit(r: Row): LlmAuditEntry & { id: number; at: string } {
  return {
    id: Number(r.id),
    at: String(r.at),
    endpoint: String(r.endpoint),
    model: String(r.model),
    purpose: String(r.purpose),
    prompt: String(r.prompt),
    response: nullable(r.response),
    status: r.status as LlmAuditEntry['status'],
    tokens: Number(r.tokens),
  };
}
