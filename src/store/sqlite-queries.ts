import { documentName } from '../document/names.js';
import type Database from 'better-sqlite3';
import {
  FINDING_RANK_LIMIT,
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
import { findingFromRow, nullableString as str, withTexts, type Row } from './rows.js';
import { findingSnippet, searchTerms } from './search-text.js';
import { expandedFindingSnippet, toFts5, type ExpandedQuery } from './search-expand.js';
import type { DocumentMatch, SearchMatches } from './search-groups.js';

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

  private async texts(ids: string[]): Promise<Map<string, string>> {
    const rows = this.all('SELECT id, text FROM documents WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(ids)]);
    return new Map(rows.map((r) => [String(r.id), String(r.text)]));
  }

  private located(rows: Row[]): Promise<LocatedFinding[]> {
    return withTexts(rows, (ids) => this.texts(ids), (r, text) => ({ doc: String(r.doc_id), docTitle: str(r.title), docName: documentName({ id: String(r.doc_id), title: str(r.title), outlet: str(r.outlet), path: str(r.doc_path), url: str(r.doc_url), publishedAt: str(r.doc_published_at) }), outlet: str(r.outlet), ...findingFromRow(r, text) }));
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
      `SELECT id, title, outlet, author, url, path, published_at, lang, format, ingested_at, length(text) AS chars FROM documents ${clause}
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
    const rows = this.all('SELECT doc_id, kind, COUNT(*) AS n FROM findings WHERE doc_id IN (SELECT value FROM json_each(?)) GROUP BY doc_id, kind', [JSON.stringify(ids)]);
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

  async corpusOverview(): Promise<CorpusOverview> {
    const outlets = outletCollector();
    for (const r of this.all('SELECT outlet, COUNT(*) AS n, MIN(published_at) AS first, MAX(published_at) AS last FROM documents GROUP BY outlet ORDER BY n DESC, outlet')) {
      Object.assign(outlets.of(r.outlet), { documents: Number(r.n), first: str(r.first), last: str(r.last) });
    }
    for (const r of this.all(`SELECT outlet, substr(published_at, 1, 10) AS day, COUNT(*) AS n FROM documents WHERE published_at IS NOT NULL GROUP BY outlet, day ORDER BY day, outlet`)) {
      outlets.of(r.outlet).byDate.push({ date: String(r.day), documents: Number(r.n) });
    }
    for (const r of this.all(`SELECT d.outlet AS outlet, f.label AS label, COUNT(*) AS n FROM findings f JOIN documents d ON d.id = f.doc_id WHERE f.kind = 'technique' GROUP BY d.outlet, f.label ORDER BY d.outlet, f.label`)) {
      outlets.of(r.outlet).techniques[String(r.label)] = Number(r.n);
    }
    for (const r of this.all(
      `SELECT d.outlet AS outlet, COALESCE(json_extract(f.data, '$.evidence.strength'), 'unsupported') AS strength, COUNT(*) AS n
       FROM findings f JOIN documents d ON d.id = f.doc_id WHERE f.kind = 'claim' GROUP BY d.outlet, strength ORDER BY d.outlet, strength`,
    )) {
      const entry = outlets.of(r.outlet);
      entry.evidence[String(r.strength)] = Number(r.n);
      entry.claims += Number(r.n);
    }
    const documents = Number(this.one('SELECT COUNT(*) AS n FROM documents')?.n ?? 0);
    const findings = this.all('SELECT kind, COUNT(*) AS n FROM findings GROUP BY kind ORDER BY n DESC, kind').map((r) => ({ kind: String(r.kind), count: Number(r.n) }));
    return { documents, findings, outlets: outlets.all() };
  }

  async listFindings(filter: FindingFilter): Promise<Paged<LocatedFinding>> {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: filter.limit, offset: filter.offset };
    for (const key of ['kind', 'label', 'doc'] as const) {
      if (filter[key] === undefined) continue;
      where.push(`f.${key === 'doc' ? 'doc_id' : key} = @${key}`);
      params[key] = filter[key];
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = Number(this.one(`SELECT COUNT(*) AS n FROM findings f ${clause}`, withoutPage(params))?.n ?? 0);
    const rows = this.all(`SELECT ${FINDING_COLUMNS} FROM findings f JOIN documents d ON d.id = f.doc_id ${clause} ORDER BY f.kind, f.label, f.doc_id, f.start, f.id LIMIT @limit OFFSET @offset`, params);
    return { total, limit: filter.limit, offset: filter.offset, items: await this.located(rows) };
  }

  async findingLabels(kind?: string): Promise<FindingLabel[]> {
    const rows = kind
      ? this.all('SELECT kind, label, COUNT(*) AS n, COUNT(DISTINCT doc_id) AS docs FROM findings WHERE kind = ? GROUP BY kind, label ORDER BY n DESC, label', [kind])
      : this.all('SELECT kind, label, COUNT(*) AS n, COUNT(DISTINCT doc_id) AS docs FROM findings GROUP BY kind, label ORDER BY kind, n DESC, label');
    return rows.map((r) => ({ kind: String(r.kind), label: String(r.label), count: Number(r.n), documents: Number(r.docs) }));
  }

  async findingsOfKind(kind: string, limit: number): Promise<LocatedFinding[]> {
    return this.located(this.all(`SELECT ${FINDING_COLUMNS} FROM findings f JOIN documents d ON d.id = f.doc_id WHERE f.kind = ? ORDER BY f.doc_id, f.start, f.id LIMIT ?`, [kind, limit]));
  }

  async listEntities(filter: EntityFilter): Promise<Paged<EntitySummary>> {
    const where = [`kind = 'entity'`];
    const params: Record<string, unknown> = { limit: filter.limit, offset: filter.offset };
    if (filter.q) {
      // a name matches through any of its aliases
      where.push(`label IN (SELECT label FROM findings WHERE kind = 'entity' AND (instr(lower(label), lower(@q)) > 0 OR instr(lower(surface), lower(@q)) > 0))`);
      params.q = filter.q;
    }
    if (filter.type) {
      where.push(`json_extract(data, '$.type') = @type`);
      params.type = filter.type;
    }
    const clause = where.join(' AND ');
    const total = Number(this.one(`SELECT COUNT(DISTINCT label) AS n FROM findings WHERE ${clause}`, withoutPage(params))?.n ?? 0);
    const rows = this.all(
      `SELECT label, MAX(json_extract(data, '$.type')) AS type, COUNT(*) AS mentions, COUNT(DISTINCT doc_id) AS docs FROM findings WHERE ${clause}
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
      `SELECT label, surface, COUNT(*) AS n FROM findings WHERE kind = 'entity' AND surface IS NOT NULL AND label IN (SELECT value FROM json_each(?)) GROUP BY label, surface ORDER BY n DESC, surface`,
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
    const row = this.one(`SELECT MAX(json_extract(data, '$.type')) AS type, COUNT(*) AS mentions, COUNT(DISTINCT doc_id) AS docs FROM findings WHERE kind = 'entity' AND label = ?`, [name]);
    if (!row || Number(row.mentions) === 0) return null;
    const inDocuments = this.all(
      `SELECT f.doc_id, d.title, d.outlet, COUNT(*) AS n FROM findings f JOIN documents d ON d.id = f.doc_id WHERE f.kind = 'entity' AND f.label = ? GROUP BY f.doc_id ORDER BY n DESC, f.doc_id LIMIT 500`,
      [name],
    ).map((r) => ({ id: String(r.doc_id), title: str(r.title), outlet: str(r.outlet), mentions: Number(r.n) }));
    return { name, type: str(row.type), mentions: Number(row.mentions), documents: Number(row.docs), aliases: this.aliasesOf([name]).get(name) ?? [], inDocuments };
  }

  async entityTypes(names: string[]): Promise<Map<string, string>> {
    const rows = this.all(`SELECT label, MAX(json_extract(data, '$.type')) AS type FROM findings WHERE kind = 'entity' AND label IN (SELECT value FROM json_each(?)) GROUP BY label`, [JSON.stringify(names)]);
    return new Map(rows.filter((r) => r.type !== null).map((r) => [String(r.label), String(r.type)]));
  }

  async searchDocuments(q: string | ExpandedQuery, page: Page): Promise<Paged<DocumentHit>> {
    const match = typeof q === 'string' ? ftsQuery(q) : toFts5(q);
    if (!match) return { total: 0, limit: page.limit, offset: page.offset, items: [] };
    const total = Number(this.one('SELECT COUNT(*) AS n FROM documents_fts WHERE documents_fts MATCH ?', [match])?.n ?? 0);
    const rows = this.all(
      `SELECT d.id, d.title, d.outlet, d.published_at, snippet(documents_fts, 1, '${HIT_START}', '${HIT_END}', '…', 24) AS snippet
       FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH @match ORDER BY rank LIMIT @limit OFFSET @offset`,
      { match, limit: page.limit, offset: page.offset },
    );
    const items = rows.map((r) => ({ id: String(r.id), title: str(r.title), outlet: str(r.outlet), publishedAt: str(r.published_at), snippet: String(r.snippet ?? '') }));
    return { total, limit: page.limit, offset: page.offset, items };
  }

  async searchFindings(q: string | ExpandedQuery, page: Page & { kind?: string }): Promise<Paged<FindingHit> & { capped: boolean }> {
    const match = typeof q === 'string' ? ftsQuery(q) : toFts5(q);
    if (!match) return { total: 0, limit: page.limit, offset: page.offset, items: [], capped: false };
    const kindClause = page.kind ? 'AND f.kind = @kind' : '';
    const params: Record<string, unknown> = { match, limit: page.limit, offset: page.offset, cap: FINDING_RANK_LIMIT + 1, ...(page.kind ? { kind: page.kind } : {}) };
    const counted = Number(
      this.one(
        `SELECT COUNT(*) AS n FROM (SELECT 1 FROM findings_search JOIN findings f ON f.rowid = findings_search.rowid WHERE findings_search MATCH @match ${kindClause} LIMIT @cap)`,
        withoutPage(params),
      )?.n ?? 0,
    );
    const capped = counted > FINDING_RANK_LIMIT;
    const order = capped ? 'findings_search.rowid DESC' : 'rank';
    const { cap: _cap, ...rowParams } = params;
    const rows = this.all(
      `SELECT ${FINDING_COLUMNS} FROM findings_search JOIN findings f ON f.rowid = findings_search.rowid JOIN documents d ON d.id = f.doc_id
       WHERE findings_search MATCH @match ${kindClause} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
      rowParams,
    );
    const items = (await this.located(rows)).map((f): FindingHit => ({ ...f, snippet: typeof q === 'string' ? findingSnippet(f, searchTerms(q)) : expandedFindingSnippet(f, q) }));
    return { total: Math.min(counted, FINDING_RANK_LIMIT), capped, limit: page.limit, offset: page.offset, items };
  }

  async entityForms(limit: number): Promise<Array<{ label: string; surface: string; count: number }>> {
    return this.all(
      `SELECT label, surface, COUNT(*) AS n FROM findings WHERE kind = 'entity' AND surface IS NOT NULL GROUP BY label, surface ORDER BY n DESC, label, surface LIMIT ?`,
      [limit],
    ).map((r) => ({ label: String(r.label), surface: String(r.surface), count: Number(r.n) }));
  }

  async searchMatches(q: ExpandedQuery, cap: number): Promise<SearchMatches> {
    const match = toFts5(q);
    if (!match) return { documents: [], capped: false };
    const byId = new Map<string, DocumentMatch>();
    const texts = this.all(
      `SELECT d.id, d.title, d.outlet, d.path, d.url, d.published_at FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
       WHERE documents_fts MATCH ? ORDER BY rank, d.id LIMIT ?`,
      [match, cap + 1],
    );
    let capped = texts.length > cap;
    texts.slice(0, cap).forEach((r, i) => byId.set(String(r.id), { ...matchOf(r), textRank: i }));
    const findings = this.all(
      `SELECT f.doc_id AS id, f.kind, COUNT(*) AS n, d.title, d.outlet, d.path, d.url, d.published_at
       FROM (SELECT rowid FROM findings_search WHERE findings_search MATCH ? LIMIT ?) s
       JOIN findings f ON f.rowid = s.rowid JOIN documents d ON d.id = f.doc_id GROUP BY f.doc_id, f.kind`,
      [match, cap * 10 + 1],
    );
    if (findings.reduce((sum, r) => sum + Number(r.n), 0) > cap * 10) capped = true;
    for (const r of findings) {
      const id = String(r.id);
      let entry = byId.get(id);
      if (!entry) byId.set(id, (entry = { ...matchOf(r), textRank: null }));
      entry.kinds[String(r.kind)] = Number(r.n);
    }
    return { documents: [...byId.values()], capped };
  }

  async searchSnippets(q: ExpandedQuery, ids: string[]): Promise<Map<string, string>> {
    const match = toFts5(q);
    if (!match || ids.length === 0) return new Map();
    const rows = this.all(
      `SELECT d.id, snippet(documents_fts, 1, '${HIT_START}', '${HIT_END}', '…', 24) AS snippet FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
       WHERE documents_fts MATCH ? AND documents_fts.rowid IN (SELECT rowid FROM documents WHERE id IN (SELECT value FROM json_each(?)))`,
      [match, JSON.stringify(ids)],
    );
    return new Map(rows.map((r) => [String(r.id), String(r.snippet ?? '')]));
  }

  async searchFindingsIn(q: ExpandedQuery, ids: string[], limit: number): Promise<FindingHit[]> {
    const match = toFts5(q);
    if (!match || ids.length === 0) return [];
    const rows = this.all(
      `SELECT ${FINDING_COLUMNS} FROM findings_search JOIN findings f ON f.rowid = findings_search.rowid JOIN documents d ON d.id = f.doc_id
       WHERE findings_search MATCH ? AND f.doc_id IN (SELECT value FROM json_each(?)) ORDER BY rank, f.rowid LIMIT ?`,
      [match, JSON.stringify(ids), limit],
    );
    return (await this.located(rows)).map((f): FindingHit => ({ ...f, snippet: expandedFindingSnippet(f, q) }));
  }
}

function matchOf(r: Row): Omit<DocumentMatch, 'textRank'> {
  return { id: String(r.id), title: str(r.title), outlet: str(r.outlet), path: str(r.path), url: str(r.url), publishedAt: str(r.published_at), kinds: {} };
}

const FINDING_COLUMNS = 'f.doc_id, f.id, f.analyzer, f.analyzer_version, f.kind, f.label, f.start, f."end", f.score, f.explanation, f.data, d.title, d.outlet, d.path AS doc_path, d.url AS doc_url, d.published_at AS doc_published_at';

function withoutPage(params: Record<string, unknown>): Record<string, unknown> {
  const { limit: _limit, offset: _offset, ...rest } = params;
  return rest;
}
