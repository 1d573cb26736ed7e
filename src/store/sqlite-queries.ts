import type Database from 'better-sqlite3';
import {
  HIT_END,
  HIT_START,
  ftsQuery,
  outletCollector,
  type CorpusOverview,
  type DocumentFilter,
  type DocumentHit,
  type DocumentSummary,
  type EntityDetail,
  type EntityFilter,
  type EntitySummary,
  type FindingFilter,
  type FindingHit,
  type FindingLabel,
  type LocatedFinding,
  type Page,
  type Paged,
  type ReadQueries,
} from './queries.js';
import { nullableString as str, type Row } from './rows.js';
import type { FindingView, ScoreThresholds } from './finding-sets.js';
import { documentRow, locatedInDocument, pageOfFindingGroups } from './located-findings.js';
import { findingHitsIn, searchFindingsPaged, searchMatchesOf, type FindingSearchSource } from './finding-search.js';
import { UNSEARCHED_KINDS } from './search-text.js';
import { toFts5, type ExpandedQuery } from './search-expand.js';
import type { SearchMatches } from './search-groups.js';
import { STORED_CAMPS_SQL, storedCampsOf, type StoredCamps } from './stored-camps.js';

/** The API's read queries on SQLite (FTS5 for search); statements are prepared once per connection. */
export class SqliteQueries implements ReadQueries {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  private all(sql: string, params: Record<string, unknown> | unknown[] = {}): Row[] {
    return this.prepared(sql).all(params) as Row[];
  }

  private one(sql: string, params: Record<string, unknown> | unknown[] = {}): Row | undefined {
    return this.prepared(sql).get(params) as Row | undefined;
  }

  private prepared(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * The findings of these documents that `keep` accepts (in this order; each document's by
   * span). Sets holding no kind `wantKind` accepts are not unpacked.
   */
  private async located(ids: string[], keep: (f: FindingView) => boolean = () => true, wantKind: (kind: string) => boolean = () => true): Promise<LocatedFinding[]> {
    const out: LocatedFinding[] = [];
    for (const id of ids) {
      const doc = this.one('SELECT key, discern_text(text) AS text, title, outlet, path, url, published_at FROM documents WHERE id = ?', [id]);
      if (!doc) continue;
      const sets = this.all('SELECT analyzer, version, counts, findings FROM finding_sets WHERE doc_key = ?', [doc.key]);
      for (const f of locatedInDocument(id, doc, sets, keep, wantKind)) out.push(f);
    }
    return out;
  }

  /**
   * A page of findings in (kind, label, document, span) order: the counts give each
   * (kind, label, document) group's place, so only the documents on the page are read.
   * With thresholds, a group counts the findings at or above its kind's threshold. `order`
   * names the document's id `d.id` (label rows hold its integer key; documents are `d`).
   */
  private async pageOfGroups(where: string, params: Record<string, unknown>, page: Page, order: string, minScores?: ScoreThresholds): Promise<LocatedFinding[]> {
    const n = minScores ? PASSING : 'n';
    const groups = this.all(
      `SELECT kind, label, doc_id, n, total - n AS before FROM (
         SELECT kind, label, d.id AS doc_id, SUM(${n}) AS n, SUM(SUM(${n})) OVER (ORDER BY ${order} ROWS UNBOUNDED PRECEDING) AS total
         FROM finding_labels JOIN documents d ON d.key = doc_key ${where} GROUP BY kind, label, doc_key)
       WHERE n > 0 AND total > @offset AND total - n < @end ORDER BY ${order.replace('d.id', 'doc_id')}`,
      { ...params, ...thresholdParams(minScores), offset: page.offset, end: page.offset + page.limit },
    );
    return pageOfFindingGroups(groups, page, minScores, (ids, keep, wantKind) => this.located(ids, keep, wantKind));
  }

  async listDocumentSummaries(filter: DocumentFilter): Promise<Paged<DocumentSummary>> {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: filter.limit, offset: filter.offset };
    if (filter.outlet !== undefined) {
      if (filter.outlet === '') where.push('outlet IS NULL');
      else {
        where.push('outlet = @outlet');
        params.outlet = filter.outlet;
      }
    }
    if (filter.from) {
      where.push('published_at >= @from');
      params.from = filter.from;
    }
    if (filter.to) {
      where.push('substr(published_at, 1, length(@to)) <= @to');
      params.to = filter.to;
    }
    if (filter.ids) {
      where.push('id IN (SELECT value FROM json_each(@ids))');
      params.ids = JSON.stringify(filter.ids);
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = Number(this.one(`SELECT COUNT(*) AS n FROM documents ${clause}`, withoutPage(params))?.n ?? 0);
    const rows = this.all(
      `SELECT id, title, outlet, author, url, path, published_at, lang, format, ingested_at, length(discern_text(text)) AS chars FROM documents ${clause}
       ORDER BY published_at IS NULL, published_at DESC, ingested_at DESC, id LIMIT @limit OFFSET @offset`,
      params,
    );
    const counts = this.findingCounts(rows.map((r) => String(r.id)));
    const items = rows.map((r): DocumentSummary => ({
      id: String(r.id),
      title: str(r.title),
      outlet: str(r.outlet),
      author: str(r.author),
      url: str(r.url),
      path: str(r.path),
      publishedAt: str(r.published_at),
      lang: str(r.lang),
      format: String(r.format),
      ingestedAt: String(r.ingested_at),
      chars: Number(r.chars),
      findings: counts.get(String(r.id)) ?? {},
    }));
    return { total, limit: filter.limit, offset: filter.offset, items };
  }

  private findingCounts(ids: string[]): Map<string, Record<string, number>> {
    const counts = new Map<string, Record<string, number>>();
    if (ids.length === 0) return counts;
    const rows = this.all(
      'SELECT d.id AS doc_id, c.key AS kind, SUM(c.value) AS n FROM documents d JOIN finding_sets s ON s.doc_key = d.key, json_each(s.counts) c WHERE d.id IN (SELECT value FROM json_each(?)) GROUP BY d.id, c.key',
      [JSON.stringify(ids)],
    );
    for (const r of rows) {
      const entry = counts.get(String(r.doc_id)) ?? {};
      entry[String(r.kind)] = Number(r.n);
      counts.set(String(r.doc_id), entry);
    }
    return counts;
  }

  async outlets(): Promise<Array<{ outlet: string | null; documents: number }>> {
    return this.all('SELECT outlet, COUNT(*) AS n FROM documents GROUP BY outlet ORDER BY n DESC, outlet').map((r) => ({ outlet: str(r.outlet), documents: Number(r.n) }));
  }

  async documentTitles(ids: string[]): Promise<Record<string, string | null>> {
    const titles: Record<string, string | null> = {};
    if (ids.length === 0) return titles;
    for (const r of this.all('SELECT id, title FROM documents WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(ids)])) titles[String(r.id)] = str(r.title);
    return titles;
  }

  async storedCamps(): Promise<StoredCamps | null> {
    return storedCampsOf(this.all(STORED_CAMPS_SQL));
  }

  async corpusOverview(): Promise<CorpusOverview> {
    const outlets = outletCollector();
    for (const r of this.all('SELECT outlet, COUNT(*) AS n, MIN(published_at) AS first, MAX(published_at) AS last FROM documents GROUP BY outlet ORDER BY n DESC, outlet')) {
      Object.assign(outlets.of(r.outlet), { documents: Number(r.n), first: str(r.first), last: str(r.last) });
    }
    for (const r of this.all(`SELECT outlet, substr(published_at, 1, 10) AS day, COUNT(*) AS n FROM documents WHERE published_at IS NOT NULL GROUP BY outlet, day ORDER BY day, outlet`)) {
      outlets.of(r.outlet).byDate.push({ date: String(r.day), documents: Number(r.n) });
    }
    for (const r of this.all(`SELECT d.outlet AS outlet, f.label AS label, SUM(f.n) AS n FROM finding_labels f JOIN documents d ON d.key = f.doc_key WHERE f.kind = 'technique' GROUP BY d.outlet, f.label ORDER BY d.outlet, f.label`)) {
      outlets.of(r.outlet).techniques[String(r.label)] = Number(r.n);
    }
    for (const r of this.all(
      `SELECT d.outlet AS outlet, f.facet AS strength, SUM(f.n) AS n
       FROM finding_labels f JOIN documents d ON d.key = f.doc_key WHERE f.kind = 'claim' GROUP BY d.outlet, strength ORDER BY d.outlet, strength`,
    )) {
      const entry = outlets.of(r.outlet);
      entry.evidence[String(r.strength)] = Number(r.n);
      entry.claims += Number(r.n);
    }
    const documents = Number(this.one('SELECT COUNT(*) AS n FROM documents')?.n ?? 0);
    const findings = this.all('SELECT kind, SUM(n) AS n FROM finding_labels GROUP BY kind ORDER BY n DESC, kind').map((r) => ({ kind: String(r.kind), count: Number(r.n) }));
    return { documents, findings, outlets: outlets.all() };
  }

  async listFindings(filter: FindingFilter): Promise<Paged<LocatedFinding>> {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    for (const key of ['kind', 'label', 'doc'] as const) {
      if (filter[key] === undefined) continue;
      where.push(key === 'doc' ? 'doc_key = (SELECT key FROM documents WHERE id = @doc)' : `${key} = @${key}`);
      params[key] = filter[key];
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = Number(this.one(`SELECT SUM(${filter.minScores ? PASSING : 'n'}) AS n FROM finding_labels ${clause}`, { ...params, ...thresholdParams(filter.minScores) })?.n ?? 0);
    const items = await this.pageOfGroups(clause, params, filter, 'kind, label, d.id', filter.minScores);
    return { total, limit: filter.limit, offset: filter.offset, items };
  }

  async findingLabels(kind?: string): Promise<FindingLabel[]> {
    const rows = kind
      ? this.all('SELECT kind, label, SUM(n) AS n, COUNT(DISTINCT doc_key) AS docs FROM finding_labels WHERE kind = ? GROUP BY kind, label ORDER BY n DESC, label', [kind])
      : this.all('SELECT kind, label, SUM(n) AS n, COUNT(DISTINCT doc_key) AS docs FROM finding_labels GROUP BY kind, label ORDER BY kind, n DESC, label');
    return rows.map((r) => ({ kind: String(r.kind), label: String(r.label), count: Number(r.n), documents: Number(r.docs) }));
  }

  async findingsOfKind(kind: string, limit: number): Promise<LocatedFinding[]> {
    const docs = this.all(
      `SELECT doc_id FROM (SELECT d.id AS doc_id, SUM(SUM(n)) OVER (ORDER BY d.id ROWS UNBOUNDED PRECEDING) - SUM(n) AS before
       FROM finding_labels JOIN documents d ON d.key = doc_key WHERE kind = @kind GROUP BY doc_key) WHERE before < @limit ORDER BY doc_id`,
      { kind, limit },
    ).map((r) => String(r.doc_id));
    return (await this.located(docs, (f) => f.kind === kind, (k) => k === kind)).slice(0, limit);
  }

  async listEntities(filter: EntityFilter): Promise<Paged<EntitySummary>> {
    const where = [`kind = 'entity'`];
    const params: Record<string, unknown> = { limit: filter.limit, offset: filter.offset };
    if (filter.q) {
      // a name matches through any of its aliases
      where.push(`label IN (SELECT label FROM finding_labels WHERE kind = 'entity' AND (instr(lower(label), lower(@q)) > 0 OR instr(lower(surface), lower(@q)) > 0))`);
      params.q = filter.q;
    }
    if (filter.type) {
      where.push(`facet = @type`);
      params.type = filter.type;
    }
    const clause = where.join(' AND ');
    const total = Number(this.one(`SELECT COUNT(DISTINCT label) AS n FROM finding_labels WHERE ${clause}`, withoutPage(params))?.n ?? 0);
    const rows = this.all(
      `SELECT label, MAX(NULLIF(facet, '')) AS type, SUM(n) AS mentions, COUNT(DISTINCT doc_key) AS docs FROM finding_labels WHERE ${clause}
       GROUP BY label ORDER BY mentions DESC, label LIMIT @limit OFFSET @offset`,
      params,
    );
    const aliases = this.aliasesOf(rows.map((r) => String(r.label)));
    const items = rows.map((r): EntitySummary => ({
      name: String(r.label),
      type: str(r.type),
      mentions: Number(r.mentions),
      documents: Number(r.docs),
      aliases: aliases.get(String(r.label)) ?? [],
    }));
    return { total, limit: filter.limit, offset: filter.offset, items };
  }

  private aliasesOf(names: string[]): Map<string, Array<{ text: string; count: number }>> {
    const result = new Map<string, Array<{ text: string; count: number }>>();
    if (names.length === 0) return result;
    const rows = this.all(
      `SELECT label, surface, SUM(n) AS n FROM finding_labels WHERE kind = 'entity' AND surface != '' AND label IN (SELECT value FROM json_each(?)) GROUP BY label, surface ORDER BY n DESC, surface`,
      [JSON.stringify(names)],
    );
    for (const r of rows) {
      const list = result.get(String(r.label)) ?? [];
      list.push({ text: String(r.surface), count: Number(r.n) });
      result.set(String(r.label), list);
    }
    return result;
  }

  async getEntity(name: string): Promise<EntityDetail | null> {
    const row = this.one(`SELECT MAX(NULLIF(facet, '')) AS type, SUM(n) AS mentions, COUNT(DISTINCT doc_key) AS docs FROM finding_labels WHERE kind = 'entity' AND label = ?`, [name]);
    if (!row || Number(row.mentions) === 0) return null;
    const inDocuments = this.all(
      `SELECT d.id AS doc_id, d.title, d.outlet, SUM(f.n) AS n FROM finding_labels f JOIN documents d ON d.key = f.doc_key WHERE f.kind = 'entity' AND f.label = ? GROUP BY f.doc_key ORDER BY n DESC, d.id LIMIT 500`,
      [name],
    ).map((r) => ({ id: String(r.doc_id), title: str(r.title), outlet: str(r.outlet), mentions: Number(r.n) }));
    return { name, type: str(row.type), mentions: Number(row.mentions), documents: Number(row.docs), aliases: this.aliasesOf([name]).get(name) ?? [], inDocuments };
  }

  async entityTypes(names: string[]): Promise<Map<string, string>> {
    const rows = this.all(`SELECT label, MAX(NULLIF(facet, '')) AS type FROM finding_labels WHERE kind = 'entity' AND label IN (SELECT value FROM json_each(?)) GROUP BY label`, [JSON.stringify(names)]);
    return new Map(rows.filter((r) => r.type !== null).map((r) => [String(r.label), String(r.type)]));
  }

  async searchDocuments(q: string | ExpandedQuery, page: Page): Promise<Paged<DocumentHit>> {
    const match = typeof q === 'string' ? ftsQuery(q) : toFts5(q);
    if (!match) return { total: 0, limit: page.limit, offset: page.offset, items: [] };
    const total = Number(this.one('SELECT COUNT(*) AS n FROM documents_fts WHERE documents_fts MATCH ?', [match])?.n ?? 0);
    const rows = this.all(
      `SELECT d.id, d.title, d.outlet, d.published_at, snippet(documents_fts, 1, '${HIT_START}', '${HIT_END}', '…', 24) AS snippet
       FROM documents_fts JOIN documents d ON d.key = documents_fts.rowid WHERE documents_fts MATCH @match ORDER BY rank LIMIT @limit OFFSET @offset`,
      { match, limit: page.limit, offset: page.offset },
    );
    const items = rows.map((r) => ({ id: String(r.id), title: str(r.title), outlet: str(r.outlet), publishedAt: str(r.published_at), snippet: String(r.snippet ?? '') }));
    return { total, limit: page.limit, offset: page.offset, items };
  }

  async searchFindings(q: string | ExpandedQuery, page: Page & { kind?: string }): Promise<Paged<FindingHit> & { capped: boolean }> {
    return searchFindingsPaged(this.source, q, page);
  }

  async entityForms(limit: number): Promise<Array<{ label: string; surface: string; count: number }>> {
    return this.all(
      `SELECT label, surface, SUM(n) AS n FROM finding_labels WHERE kind = 'entity' AND surface != '' GROUP BY label, surface ORDER BY n DESC, label, surface LIMIT ?`,
      [limit],
    ).map((r) => ({ label: String(r.label), surface: String(r.surface), count: Number(r.n) }));
  }

  async searchMatches(q: ExpandedQuery, cap: number): Promise<SearchMatches> {
    return searchMatchesOf(this.source, q, cap);
  }

  async searchSnippets(q: ExpandedQuery, ids: string[]): Promise<Map<string, string>> {
    const match = toFts5(q);
    if (!match || ids.length === 0) return new Map();
    const rows = this.all(
      `SELECT d.id, snippet(documents_fts, 1, '${HIT_START}', '${HIT_END}', '…', 24) AS snippet FROM documents_fts JOIN documents d ON d.key = documents_fts.rowid
       WHERE documents_fts MATCH ? AND documents_fts.rowid IN (SELECT key FROM documents WHERE id IN (SELECT value FROM json_each(?)))`,
      [match, JSON.stringify(ids)],
    );
    return new Map(rows.map((r) => [String(r.id), String(r.snippet ?? '')]));
  }

  async searchFindingsIn(q: ExpandedQuery, ids: string[], limit: number): Promise<FindingHit[]> {
    return findingHitsIn(this.source, q, ids, limit);
  }

  /** What the finding searches read (finding-search.ts): documents by text rank, by label, and their findings. */
  private readonly source: FindingSearchSource = {
    textMatches: async (q, cap) => {
      const match = toFts5(q);
      if (!match) return [];
      return this.all(
        `SELECT d.id, d.title, d.outlet, d.path, d.url, d.published_at FROM documents_fts JOIN documents d ON d.key = documents_fts.rowid
         WHERE documents_fts MATCH ? ORDER BY rank, d.id LIMIT ?`,
        [match, cap],
      ).map(documentRow);
    },
    labelMatches: async (probes, cap) =>
      this.all(
        `SELECT d.id, d.title, d.outlet, d.path, d.url, d.published_at FROM documents d WHERE d.key IN (
           SELECT l.doc_key FROM finding_names n JOIN finding_labels l ON l.kind = n.kind AND l.label = n.label
           WHERE n.kind NOT IN (SELECT value FROM json_each(@unsearched)) AND EXISTS (SELECT 1 FROM json_each(@probes) p WHERE instr(lower(n.label), p.value) > 0))
         ORDER BY d.id LIMIT @cap`,
        { unsearched: JSON.stringify([...UNSEARCHED_KINDS]), probes: JSON.stringify(probes), cap },
      ).map(documentRow),
    located: (ids, keep, wantKind) => this.located(ids, keep, wantKind),
  };
}

/** How many of a label row's findings score at least their kind's threshold (@byKind JSON, else @otherwise). */
const PASSING = `(SELECT COALESCE(SUM(s.value ->> 1), 0) FROM json_each(scores) s
  WHERE s.value ->> 0 >= COALESCE((SELECT t.value FROM json_each(@byKind) t WHERE t.key = kind), @otherwise))`;

function thresholdParams(t: ScoreThresholds | undefined): Record<string, unknown> {
  return t ? { byKind: JSON.stringify(t.byKind), otherwise: t.otherwise } : {};
}


function withoutPage(params: Record<string, unknown>): Record<string, unknown> {
  const { limit: _limit, offset: _offset, ...rest } = params;
  return rest;
}
