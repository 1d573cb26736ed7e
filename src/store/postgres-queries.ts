import type pg from 'pg';
import {
  HIT_END,
  HIT_START,
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
import { STORED_CAMPS_SQL, storedCampsOf, type StoredCamps } from './stored-camps.js';
import { nullableString as str, type Row } from './rows.js';
import type { FindingView, ScoreThresholds } from './finding-sets.js';
import { documentRow, locatedInDocument, pageOfFindingGroups } from './located-findings.js';
import { findingHitsIn, searchFindingsPaged, searchMatchesOf, type FindingSearchSource } from './finding-search.js';
import { searchTerms, UNSEARCHED_KINDS } from './search-text.js';
import { toTsQuery, type ExpandedQuery } from './search-expand.js';
import type { SearchMatches } from './search-groups.js';

/**
 * The API's read queries on PostgreSQL, returning what SqliteQueries returns: text is
 * compared and sorted byte-wise (COLLATE "C", NULLs first) as SQLite does, whatever the
 * database's own collation; search uses tsvector + GIN indexes (migration 002).
 */

/** ORDER BY / comparison of a text column as SQLite does it. */
const C = 'COLLATE "C"';

/** A user's search text as a safe tsquery: the same terms as FTS5 gets (words only), AND-ed, phrases with <->. */
export function tsQuery(input: string): string | null {
  const terms = searchTerms(input);
  if (terms.length === 0) return null;
  return terms
    .map((t) => {
      const words = t.words.map((w, i) => `'${w.toLowerCase()}'${t.prefix && i === t.words.length - 1 ? ':*' : ''}`);
      return words.length === 1 ? words[0] : `(${words.join(' <-> ')})`;
    })
    .join(' & ');
}

const HEADLINE_OPTIONS = `StartSel="${HIT_START}", StopSel="${HIT_END}", MaxWords=24, MinWords=12, ShortWord=0, MaxFragments=1, FragmentDelimiter="…"`;

export class PostgresQueries implements ReadQueries {
  constructor(
    private readonly pool: pg.Pool,
    /** loads the pack dictionaries fetched rows name (PostgresStore.ensureDictionaries) */
    private readonly ensureDictionaries: (rows: Row[]) => Promise<void> = async () => undefined,
  ) {}

  private async all(sql: string, params: unknown[] = []): Promise<Row[]> {
    const rows = (await this.pool.query(sql, params)).rows as Row[];
    await this.ensureDictionaries(rows);
    return rows;
  }

  async storedCamps(): Promise<StoredCamps | null> {
    return storedCampsOf(await this.all(STORED_CAMPS_SQL));
  }

  private async one(sql: string, params: unknown[] = []): Promise<Row | undefined> {
    return (await this.all(sql, params))[0];
  }

  /**
   * The findings of these documents that `keep` accepts (in this order; each document's by
   * span). Sets holding no kind `wantKind` accepts are not unpacked.
   */
  private async located(ids: string[], keep: (f: FindingView) => boolean = () => true, wantKind: (kind: string) => boolean = () => true): Promise<LocatedFinding[]> {
    if (ids.length === 0) return [];
    const docs = new Map((await this.all('SELECT id, text, title, outlet, path, url, published_at FROM documents WHERE id = ANY($1::text[])', [ids])).map((r) => [String(r.id), r]));
    const sets = new Map<string, Row[]>();
    for (const set of await this.all('SELECT d.id AS doc_id, s.analyzer, s.version, s.counts, s.findings FROM finding_sets s JOIN documents d ON d.seq = s.doc_key WHERE d.id = ANY($1::text[])', [ids])) {
      const list = sets.get(String(set.doc_id)) ?? [];
      list.push(set);
      sets.set(String(set.doc_id), list);
    }
    const out: LocatedFinding[] = [];
    for (const id of ids) {
      const doc = docs.get(id);
      if (!doc) continue;
      for (const f of locatedInDocument(id, doc, sets.get(id) ?? [], keep, wantKind)) out.push(f);
    }
    return out;
  }

  /**
   * A page of findings in (kind, label, document, span) order: the counts give each
   * (kind, label, document) group's place, so only the documents on the page are read.
   */
  private async pageOfGroups(where: string, params: unknown[], page: Page, order: string, minScores?: ScoreThresholds): Promise<LocatedFinding[]> {
    const all = minScores ? [...params, JSON.stringify(minScores.byKind), minScores.otherwise] : [...params];
    const n = minScores ? passing(all.length - 1, all.length) : 'n';
    const offset = `$${all.length + 1}`;
    const end = `$${all.length + 2}`;
    const groups = await this.all(
      `SELECT kind, label, doc_id, n, total - n AS before FROM (
         SELECT kind, label, d.id AS doc_id, SUM(${n}) AS n, SUM(SUM(${n})) OVER (ORDER BY ${order.replace('doc_id', 'd.id')} ROWS UNBOUNDED PRECEDING) AS total
         FROM finding_labels JOIN documents d ON d.seq = doc_key ${where} GROUP BY kind, label, d.id) g
       WHERE n > 0 AND total > ${offset} AND total - n < ${end} ORDER BY ${order}`,
      [...all, page.offset, page.offset + page.limit],
    );
    return pageOfFindingGroups(groups, page, minScores, (ids, keep, wantKind) => this.located(ids, keep, wantKind));
  }

  async listDocumentSummaries(filter: DocumentFilter): Promise<Paged<DocumentSummary>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (value: unknown) => `$${params.push(value)}`;
    if (filter.outlet !== undefined) where.push(filter.outlet === '' ? 'outlet IS NULL' : `outlet = ${p(filter.outlet)}`);
    if (filter.from) where.push(`published_at ${C} >= ${p(filter.from)}`);
    if (filter.to) {
      const to = p(filter.to);
      where.push(`substr(published_at, 1, length(${to}::text)) ${C} <= ${to}`);
    }
    if (filter.ids) where.push(`id = ANY(${p(filter.ids)}::text[])`);
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = Number((await this.one(`SELECT COUNT(*) AS n FROM documents ${clause}`, params))?.n ?? 0);
    const limit = p(filter.limit);
    const offset = p(filter.offset);
    const rows = await this.all(
      `SELECT id, title, outlet, author, url, path, published_at, lang, format, ingested_at, length(text) AS chars FROM documents ${clause}
       ORDER BY published_at IS NULL, published_at ${C} DESC, ingested_at ${C} DESC, id ${C} LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    const counts = await this.findingCounts(rows.map((r) => String(r.id)));
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

  private async findingCounts(ids: string[]): Promise<Map<string, Record<string, number>>> {
    const counts = new Map<string, Record<string, number>>();
    if (ids.length === 0) return counts;
    const rows = await this.all(
      `SELECT d.id AS doc_id, c.key AS kind, SUM(c.value::int) AS n FROM documents d JOIN finding_sets s ON s.doc_key = d.seq, json_each_text(s.counts::json) c WHERE d.id = ANY($1::text[])
       GROUP BY d.id, c.key ORDER BY d.id ${C}, c.key ${C}`,
      [ids],
    );
    for (const r of rows) {
      const entry = counts.get(String(r.doc_id)) ?? {};
      entry[String(r.kind)] = Number(r.n);
      counts.set(String(r.doc_id), entry);
    }
    return counts;
  }

  async outlets(): Promise<Array<{ outlet: string | null; documents: number }>> {
    const rows = await this.all(`SELECT outlet, COUNT(*) AS n FROM documents GROUP BY outlet ORDER BY n DESC, outlet ${C} NULLS FIRST`);
    return rows.map((r) => ({ outlet: str(r.outlet), documents: Number(r.n) }));
  }

  async documentTitles(ids: string[]): Promise<Record<string, string | null>> {
    const titles: Record<string, string | null> = {};
    if (ids.length === 0) return titles;
    for (const r of await this.all('SELECT id, title FROM documents WHERE id = ANY($1::text[])', [ids])) titles[String(r.id)] = str(r.title);
    return titles;
  }

  async corpusOverview(): Promise<CorpusOverview> {
    const outlets = outletCollector();
    for (const r of await this.all(`SELECT outlet, COUNT(*) AS n, MIN(published_at ${C}) AS first, MAX(published_at ${C}) AS last FROM documents GROUP BY outlet ORDER BY n DESC, outlet ${C} NULLS FIRST`)) {
      Object.assign(outlets.of(r.outlet), { documents: Number(r.n), first: str(r.first), last: str(r.last) });
    }
    for (const r of await this.all(
      `SELECT outlet, substr(published_at, 1, 10) AS day, COUNT(*) AS n FROM documents WHERE published_at IS NOT NULL GROUP BY outlet, day ORDER BY substr(published_at, 1, 10) ${C}, outlet ${C} NULLS FIRST`,
    )) {
      outlets.of(r.outlet).byDate.push({ date: String(r.day), documents: Number(r.n) });
    }
    for (const r of await this.all(
      `SELECT d.outlet AS outlet, f.label AS label, SUM(f.n) AS n FROM finding_labels f JOIN documents d ON d.seq = f.doc_key WHERE f.kind = 'technique'
       GROUP BY d.outlet, f.label ORDER BY d.outlet ${C} NULLS FIRST, f.label ${C}`,
    )) {
      outlets.of(r.outlet).techniques[String(r.label)] = Number(r.n);
    }
    for (const r of await this.all(
      `SELECT d.outlet AS outlet, f.facet AS strength, SUM(f.n) AS n
       FROM finding_labels f JOIN documents d ON d.seq = f.doc_key WHERE f.kind = 'claim' GROUP BY d.outlet, f.facet ORDER BY d.outlet ${C} NULLS FIRST, f.facet ${C}`,
    )) {
      const entry = outlets.of(r.outlet);
      entry.evidence[String(r.strength)] = Number(r.n);
      entry.claims += Number(r.n);
    }
    const documents = Number((await this.one('SELECT COUNT(*) AS n FROM documents'))?.n ?? 0);
    const findings = (await this.all(`SELECT kind, SUM(n) AS n FROM finding_labels GROUP BY kind ORDER BY n DESC, kind ${C}`)).map((r) => ({ kind: String(r.kind), count: Number(r.n) }));
    return { documents, findings, outlets: outlets.all() };
  }

  async listFindings(filter: FindingFilter): Promise<Paged<LocatedFinding>> {
    const where: string[] = [];
    const params: unknown[] = [];
    for (const key of ['kind', 'label', 'doc'] as const) {
      if (filter[key] === undefined) continue;
      params.push(filter[key]);
      where.push(key === 'doc' ? `doc_key = (SELECT seq FROM documents WHERE id = $${params.length})` : `${key} = $${params.length}`);
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const t = filter.minScores;
    const counted = t ? passing(params.length + 1, params.length + 2) : 'n';
    const total = Number((await this.one(`SELECT SUM(${counted}) AS n FROM finding_labels ${clause}`, t ? [...params, JSON.stringify(t.byKind), t.otherwise] : params))?.n ?? 0);
    const items = await this.pageOfGroups(clause, params, filter, `kind ${C}, label ${C}, doc_id ${C}`, t);
    return { total, limit: filter.limit, offset: filter.offset, items };
  }

  async findingLabels(kind?: string): Promise<FindingLabel[]> {
    const rows = kind
      ? await this.all(`SELECT kind, label, SUM(n) AS n, COUNT(DISTINCT doc_key) AS docs FROM finding_labels WHERE kind = $1 GROUP BY kind, label ORDER BY SUM(n) DESC, label ${C}`, [kind])
      : await this.all(`SELECT kind, label, SUM(n) AS n, COUNT(DISTINCT doc_key) AS docs FROM finding_labels GROUP BY kind, label ORDER BY kind ${C}, SUM(n) DESC, label ${C}`);
    return rows.map((r) => ({ kind: String(r.kind), label: String(r.label), count: Number(r.n), documents: Number(r.docs) }));
  }

  async findingsOfKind(kind: string, limit: number): Promise<LocatedFinding[]> {
    const docs = (
      await this.all(
        `SELECT doc_id FROM (SELECT d.id AS doc_id, SUM(SUM(n)) OVER (ORDER BY d.id ${C} ROWS UNBOUNDED PRECEDING) - SUM(n) AS before
         FROM finding_labels JOIN documents d ON d.seq = doc_key WHERE kind = $1 GROUP BY d.id) g WHERE before < $2 ORDER BY doc_id ${C}`,
        [kind, limit],
      )
    ).map((r) => String(r.doc_id));
    return (await this.located(docs, (f) => f.kind === kind, (k) => k === kind)).slice(0, limit);
  }

  async listEntities(filter: EntityFilter): Promise<Paged<EntitySummary>> {
    const where = [`kind = 'entity'`];
    const params: unknown[] = [];
    if (filter.q) {
      params.push(filter.q);
      // a name matches through any of its aliases
      where.push(`label IN (SELECT label FROM finding_labels WHERE kind = 'entity' AND (strpos(lower(label), lower($${params.length})) > 0 OR strpos(lower(surface), lower($${params.length})) > 0))`);
    }
    if (filter.type) {
      params.push(filter.type);
      where.push(`facet = $${params.length}`);
    }
    const clause = where.join(' AND ');
    const total = Number((await this.one(`SELECT COUNT(DISTINCT label) AS n FROM finding_labels WHERE ${clause}`, params))?.n ?? 0);
    const rows = await this.all(
      `SELECT label, MAX(NULLIF(facet, '') ${C}) AS type, SUM(n) AS mentions, COUNT(DISTINCT doc_key) AS docs FROM finding_labels WHERE ${clause}
       GROUP BY label ORDER BY SUM(n) DESC, label ${C} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    const aliases = await this.aliasesOf(rows.map((r) => String(r.label)));
    const items = rows.map((r): EntitySummary => ({
      name: String(r.label),
      type: str(r.type),
      mentions: Number(r.mentions),
      documents: Number(r.docs),
      aliases: aliases.get(String(r.label)) ?? [],
    }));
    return { total, limit: filter.limit, offset: filter.offset, items };
  }

  private async aliasesOf(names: string[]): Promise<Map<string, Array<{ text: string; count: number }>>> {
    const result = new Map<string, Array<{ text: string; count: number }>>();
    if (names.length === 0) return result;
    const rows = await this.all(
      `SELECT label, surface, SUM(n) AS n FROM finding_labels WHERE kind = 'entity' AND surface != '' AND label = ANY($1::text[]) GROUP BY label, surface ORDER BY SUM(n) DESC, surface ${C}`,
      [names],
    );
    for (const r of rows) {
      const list = result.get(String(r.label)) ?? [];
      list.push({ text: String(r.surface), count: Number(r.n) });
      result.set(String(r.label), list);
    }
    return result;
  }

  async getEntity(name: string): Promise<EntityDetail | null> {
    const row = await this.one(`SELECT MAX(NULLIF(facet, '') ${C}) AS type, COALESCE(SUM(n), 0) AS mentions, COUNT(DISTINCT doc_key) AS docs FROM finding_labels WHERE kind = 'entity' AND label = $1`, [name]);
    if (!row || Number(row.mentions) === 0) return null;
    const inDocuments = (
      await this.all(
        `SELECT d.id AS doc_id, d.title, d.outlet, SUM(f.n) AS n FROM finding_labels f JOIN documents d ON d.seq = f.doc_key WHERE f.kind = 'entity' AND f.label = $1
         GROUP BY d.id, d.title, d.outlet ORDER BY SUM(f.n) DESC, d.id ${C} LIMIT 500`,
        [name],
      )
    ).map((r) => ({ id: String(r.doc_id), title: str(r.title), outlet: str(r.outlet), mentions: Number(r.n) }));
    const aliases = (await this.aliasesOf([name])).get(name) ?? [];
    return { name, type: str(row.type), mentions: Number(row.mentions), documents: Number(row.docs), aliases, inDocuments };
  }

  async entityTypes(names: string[]): Promise<Map<string, string>> {
    const rows = await this.all(`SELECT label, MAX(NULLIF(facet, '') ${C}) AS type FROM finding_labels WHERE kind = 'entity' AND label = ANY($1::text[]) GROUP BY label`, [names]);
    return new Map(rows.filter((r) => r.type !== null).map((r) => [String(r.label), String(r.type)]));
  }

  async searchDocuments(q: string | ExpandedQuery, page: Page): Promise<Paged<DocumentHit>> {
    const query = typeof q === 'string' ? tsQuery(q) : toTsQuery(q);
    if (!query) return { total: 0, limit: page.limit, offset: page.offset, items: [] };
    const total = Number((await this.one(`SELECT COUNT(*) AS n FROM documents WHERE discern_document_tsv(title, text) @@ to_tsquery('simple', $1)`, [query]))?.n ?? 0);
    const rows = await this.all(
      `SELECT d.id, d.title, d.outlet, d.published_at, ts_headline('simple', d.text, q, $4) AS snippet
       FROM documents d, to_tsquery('simple', $1) q WHERE discern_document_tsv(d.title, d.text) @@ q
       ORDER BY ts_rank(discern_document_tsv(d.title, d.text), q) DESC, d.seq LIMIT $2 OFFSET $3`,
      [query, page.limit, page.offset, HEADLINE_OPTIONS],
    );
    const items = rows.map((r) => ({ id: String(r.id), title: str(r.title), outlet: str(r.outlet), publishedAt: str(r.published_at), snippet: String(r.snippet ?? '') }));
    return { total, limit: page.limit, offset: page.offset, items };
  }

  async searchFindings(q: string | ExpandedQuery, page: Page & { kind?: string }): Promise<Paged<FindingHit> & { capped: boolean }> {
    return searchFindingsPaged(this.source, q, page);
  }

  async entityForms(limit: number): Promise<Array<{ label: string; surface: string; count: number }>> {
    const rows = await this.all(
      `SELECT label, surface, SUM(n) AS n FROM finding_labels WHERE kind = 'entity' AND surface <> '' GROUP BY label, surface ORDER BY n DESC, label ${C}, surface ${C} LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ label: String(r.label), surface: String(r.surface), count: Number(r.n) }));
  }

  async searchMatches(q: ExpandedQuery, cap: number): Promise<SearchMatches> {
    return searchMatchesOf(this.source, q, cap);
  }

  async searchSnippets(q: ExpandedQuery, ids: string[]): Promise<Map<string, string>> {
    const query = toTsQuery(q);
    if (!query || ids.length === 0) return new Map();
    const rows = await this.all(
      `SELECT d.id, ts_headline('simple', d.text, q, $3) AS snippet FROM documents d, to_tsquery('simple', $1) q
       WHERE d.id = ANY($2::text[]) AND discern_document_tsv(d.title, d.text) @@ q`,
      [query, ids, HEADLINE_OPTIONS],
    );
    return new Map(rows.map((r) => [String(r.id), String(r.snippet ?? '')]));
  }

  async searchFindingsIn(q: ExpandedQuery, ids: string[], limit: number): Promise<FindingHit[]> {
    return findingHitsIn(this.source, q, ids, limit);
  }

  /** What the finding searches read (finding-search.ts): documents by text rank, by label, and their findings. */
  private readonly source: FindingSearchSource = {
    textMatches: async (q, cap) => {
      const query = toTsQuery(q);
      if (!query) return [];
      const rows = await this.all(
        `SELECT d.id, d.title, d.outlet, d.path, d.url, d.published_at FROM documents d, to_tsquery('simple', $1) q
         WHERE discern_document_tsv(d.title, d.text) @@ q ORDER BY ts_rank(discern_document_tsv(d.title, d.text), q) DESC, d.id ${C} LIMIT $2`,
        [query, cap],
      );
      return rows.map(documentRow);
    },
    labelMatches: async (probes, cap) => {
      const rows = await this.all(
        `SELECT d.id, d.title, d.outlet, d.path, d.url, d.published_at FROM documents d WHERE d.seq IN (
           SELECT l.doc_key FROM finding_names n JOIN finding_labels l ON l.kind = n.kind AND l.label = n.label
           WHERE n.kind <> ALL($1::text[]) AND EXISTS (SELECT 1 FROM unnest($2::text[]) p WHERE strpos(lower(n.label), p) > 0))
         ORDER BY d.id ${C} LIMIT $3`,
        [[...UNSEARCHED_KINDS], probes, cap],
      );
      return rows.map(documentRow);
    },
    located: (ids, keep, wantKind) => this.located(ids, keep, wantKind),
  };
}

/** How many of a label row's findings score at least their kind's threshold (parameters: the thresholds by kind as JSON, the default). */
function passing(byKind: number, otherwise: number): string {
  return `(SELECT COALESCE(SUM((s->>1)::int), 0) FROM jsonb_array_elements(scores::jsonb) s
    WHERE (s->>0)::float8 >= COALESCE(($${byKind}::jsonb ->> kind)::float8, $${otherwise}::float8))`;
}

