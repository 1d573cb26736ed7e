import type pg from 'pg';
import type { EvidenceDocumentInput, EvidenceSummary, FactCheck, FactCheckInput, LlmAuditEntry, PassageHit, ReferenceIndex } from './reference.js';
import type { Row } from './rows.js';
import { toAudit, toFactCheck, toSummary } from './sqlite-reference.js';

/**
 * The reference index on PostgreSQL (migrations/postgres/006): passages ranked by
 * ts_rank_cd over a stored tsvector (English stemming, GIN index). Same results shape as
 * SQLite's FTS5 BM25; the scores differ in scale, which the verifier normalises per query.
 */

type Transaction = <T>(work: (client: pg.PoolClient) => Promise<T>) => Promise<T>;
type Query = (sql: string, params?: unknown[]) => Promise<Row[]>;

/** websearch_to_tsquery text of any of the terms: words and "quoted phrases" joined by OR, never a syntax error. */
export function websearchAnyOf(terms: string[]): string | null {
  const cleaned = [...new Set(terms.map((t) => t.replace(/[^\p{L}\p{N}\s'-]/gu, ' ').replace(/\s+/g, ' ').trim()).filter((t) => t.length > 0 && !/^or$/i.test(t)))];
  if (cleaned.length === 0) return null;
  return cleaned.map((t) => (t.includes(' ') ? `"${t}"` : t)).join(' OR ');
}

const SUMMARY = `d.id, d.format, d.origin, d.title, d.issuer, d.published_at, d.url, d.added_at, length(d.text) AS chars,
  (SELECT COUNT(*)::int FROM evidence_passages p WHERE p.doc_id = d.id) AS passages`;

export class PostgresReferenceIndex implements ReferenceIndex {
  constructor(
    private readonly rows: Query,
    private readonly transaction: Transaction,
  ) {}

  async addEvidence(doc: EvidenceDocumentInput): Promise<{ created: boolean }> {
    return this.transaction(async (client) => {
      const inserted = await client.query(
        `INSERT INTO evidence_documents (id, format, origin, title, issuer, published_at, url, text, added_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [doc.id, doc.format, doc.origin, doc.title, doc.issuer, doc.publishedAt, doc.url, doc.text, new Date().toISOString()],
      );
      if (inserted.rowCount === 0) {
        await client.query(
          `UPDATE evidence_documents SET title = COALESCE($2, title), issuer = COALESCE($3, issuer), published_at = COALESCE($4, published_at), url = COALESCE($5, url) WHERE id = $1`,
          [doc.id, doc.title, doc.issuer, doc.publishedAt, doc.url],
        );
        return { created: false };
      }
      const BATCH = 500;
      for (let i = 0; i < doc.passages.length; i += BATCH) {
        const batch = doc.passages.slice(i, i + BATCH);
        const params: unknown[] = [];
        const values = batch.map((p, k) => {
          params.push(doc.id, i + k, p.start, p.end, doc.text.slice(p.start, p.end), JSON.stringify(p.entities), p.aliases.join(' | '));
          const b = k * 7;
          return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7})`;
        });
        await client.query(`INSERT INTO evidence_passages (doc_id, idx, start, "end", text, entities, aliases) VALUES ${values.join(', ')}`, params);
      }
      return { created: true };
    });
  }

  async listEvidence(): Promise<EvidenceSummary[]> {
    return (await this.rows(`SELECT ${SUMMARY} FROM evidence_documents d ORDER BY d.added_at, d.id`)).map(toSummary);
  }

  async getEvidence(id: string): Promise<(EvidenceSummary & { text: string }) | null> {
    const [row] = await this.rows(`SELECT ${SUMMARY}, d.text FROM evidence_documents d WHERE d.id = $1`, [id]);
    return row ? { ...toSummary(row), text: String(row.text) } : null;
  }

  async removeEvidence(idOrOrigin: string): Promise<string[]> {
    return this.transaction(async (client) => {
      const { rows } = await client.query<{ id: string }>(
        `DELETE FROM evidence_documents WHERE (length($1) >= 8 AND left(id, length($1)) = $1) OR origin = $1 RETURNING id`,
        [idOrOrigin],
      );
      return rows.map((r) => r.id).sort();
    });
  }

  async countPassages(): Promise<number> {
    return Number((await this.rows('SELECT COUNT(*)::int AS n FROM evidence_passages'))[0].n);
  }

  async searchPassages(terms: string[], limit: number): Promise<PassageHit[]> {
    const q = websearchAnyOf(terms);
    if (!q) return [];
    const rows = await this.rows(
      `SELECT p.id, p.doc_id, p.idx, p.start, p."end", p.text, p.entities, ts_rank_cd(p.tsv, q) + 1e-6 AS lexical
       FROM evidence_passages p, websearch_to_tsquery('english', $1) q WHERE p.tsv @@ q ORDER BY lexical DESC, p.id LIMIT $2`,
      [q, limit],
    );
    return rows.map((r) => ({
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
    return this.transaction(async (client) => {
      let added = 0;
      const now = new Date().toISOString();
      for (const r of records) {
        const { rows } = await client.query<{ inserted: boolean }>(
          `INSERT INTO factchecks (id, claim_reviewed, rating, rating_value, best_rating, worst_rating, url, publisher, date_published, item_reviewed, origin, imported_at, headline)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
           ON CONFLICT (id) DO UPDATE SET claim_reviewed = EXCLUDED.claim_reviewed, headline = EXCLUDED.headline, rating = EXCLUDED.rating, rating_value = EXCLUDED.rating_value,
             best_rating = EXCLUDED.best_rating, worst_rating = EXCLUDED.worst_rating, url = EXCLUDED.url, publisher = EXCLUDED.publisher,
             date_published = EXCLUDED.date_published, item_reviewed = EXCLUDED.item_reviewed, origin = EXCLUDED.origin, imported_at = EXCLUDED.imported_at
           RETURNING (xmax = 0) AS inserted`,
          [r.id, r.claimReviewed, r.rating, r.ratingValue, r.bestRating, r.worstRating, r.url, r.publisher, r.datePublished, r.itemReviewed === undefined || r.itemReviewed === null ? null : JSON.stringify(r.itemReviewed), r.origin, now, r.headline ?? null],
        );
        if (rows[0]?.inserted) added++;
      }
      return { added, updated: records.length - added };
    });
  }

  async listFactChecks(): Promise<FactCheck[]> {
    return (await this.rows('SELECT * FROM factchecks ORDER BY imported_at, id')).map(toFactCheck);
  }

  async countFactChecks(): Promise<number> {
    return Number((await this.rows('SELECT COUNT(*)::int AS n FROM factchecks'))[0].n);
  }

  async recordLlmCall(e: LlmAuditEntry): Promise<number> {
    const [row] = await this.rows(
      'INSERT INTO llm_audit (at, endpoint, model, purpose, prompt, response, status, tokens) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id',
      [new Date().toISOString(), e.endpoint, e.model, e.purpose, e.prompt, e.response, e.status, e.tokens],
    );
    return Number(row.id);
  }

  async llmCalls(limit = 100): Promise<Array<LlmAuditEntry & { id: number; at: string }>> {
    return (await this.rows('SELECT * FROM llm_audit ORDER BY id DESC LIMIT $1', [limit])).map(toAudit);
  }
}
