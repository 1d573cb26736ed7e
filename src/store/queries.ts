import type { Finding } from '../core/types.js';
import { findingFromRow, type SqliteStore } from './sqlite.js';

/**
 * Read-only queries the web API needs beyond the Store interface: paged and filtered
 * document lists, corpus aggregates, findings by kind and label, entities with their
 * aliases, and full-text search (FTS5 over documents and, from migration 002, findings).
 * Functions of a SqliteStore so the Store contract stays narrow; statements are
 * prepared once per database connection.
 */

type Row = Record<string, unknown>;
type Db = SqliteStore['db'];

export interface Page {
  limit: number;
  offset: number;
}

export interface Paged<T> {
  total: number;
  limit: number;
  offset: number;
  items: T[];
}

export interface DocumentSummary {
  id: string;
  title: string | null;
  outlet: string | null;
  author: string | null;
  url: string | null;
  path: string | null;
  publishedAt: string | null;
  lang: string | null;
  format: string;
  ingestedAt: string;
  /** length of the stored text in UTF-16 code units */
  chars: number;
  /** finding kind → how many */
  findings: Record<string, number>;
}

export interface DocumentFilter extends Page {
  /** exact outlet; '' means documents whose outlet is unknown */
  outlet?: string;
  /** inclusive bounds on publishedAt: YYYY, YYYY-MM or YYYY-MM-DD */
  from?: string;
  to?: string;
  /** only these documents (e.g. the members of a camp) */
  ids?: string[];
}

const statementCache = new WeakMap<Db, Map<string, ReturnType<Db['prepare']>>>();

function prepared(store: SqliteStore, sql: string): ReturnType<Db['prepare']> {
  let cache = statementCache.get(store.db);
  if (!cache) {
    cache = new Map();
    statementCache.set(store.db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = store.db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

function all(store: SqliteStore, sql: string, params: Record<string, unknown> | unknown[] = {}): Row[] {
  return prepared(store, sql).all(params) as Row[];
}

function one(store: SqliteStore, sql: string, params: Record<string, unknown> | unknown[] = {}): Row | undefined {
  return prepared(store, sql).get(params) as Row | undefined;
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export function listDocumentSummaries(store: SqliteStore, filter: DocumentFilter): Paged<DocumentSummary> {
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
  const total = Number(one(store, `SELECT COUNT(*) AS n FROM documents ${clause}`, withoutPage(params))?.n ?? 0);
  const rows = all(
    store,
    `SELECT id, title, outlet, author, url, path, published_at, lang, format, ingested_at, length(text) AS chars FROM documents ${clause}
     ORDER BY published_at IS NULL, published_at DESC, ingested_at DESC, id LIMIT @limit OFFSET @offset`,
    params,
  );
  const counts = findingCounts(store, rows.map((r) => String(r.id)));
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

function withoutPage(params: Record<string, unknown>): Record<string, unknown> {
  const { limit: _limit, offset: _offset, ...rest } = params;
  return rest;
}

function findingCounts(store: SqliteStore, ids: string[]): Map<string, Record<string, number>> {
  const counts = new Map<string, Record<string, number>>();
  if (ids.length === 0) return counts;
  const rows = all(store, 'SELECT doc_id, kind, COUNT(*) AS n FROM findings WHERE doc_id IN (SELECT value FROM json_each(?)) GROUP BY doc_id, kind', [JSON.stringify(ids)]);
  for (const r of rows) {
    const entry = counts.get(String(r.doc_id)) ?? {};
    entry[String(r.kind)] = Number(r.n);
    counts.set(String(r.doc_id), entry);
  }
  return counts;
}

export interface OutletOverview {
  outlet: string | null;
  documents: number;
  first: string | null;
  last: string | null;
  /** documents per publication day (YYYY-MM-DD); documents without a date are left out */
  byDate: Array<{ date: string; documents: number }>;
  /** technique label → spans */
  techniques: Record<string, number>;
  /** claims by evidence strength (the sourcing profile's categories) */
  evidence: Record<string, number>;
  claims: number;
}

export interface CorpusOverview {
  documents: number;
  findings: Array<{ kind: string; count: number }>;
  outlets: OutletOverview[];
}

export function corpusOverview(store: SqliteStore): CorpusOverview {
  const outlets = new Map<string | null, OutletOverview>();
  const outletOf = (value: unknown): OutletOverview => {
    const key = str(value);
    let entry = outlets.get(key);
    if (!entry) {
      entry = { outlet: key, documents: 0, first: null, last: null, byDate: [], techniques: {}, evidence: {}, claims: 0 };
      outlets.set(key, entry);
    }
    return entry;
  };
  for (const r of all(store, 'SELECT outlet, COUNT(*) AS n, MIN(published_at) AS first, MAX(published_at) AS last FROM documents GROUP BY outlet ORDER BY n DESC, outlet')) {
    Object.assign(outletOf(r.outlet), { documents: Number(r.n), first: str(r.first), last: str(r.last) });
  }
  for (const r of all(store, `SELECT outlet, substr(published_at, 1, 10) AS day, COUNT(*) AS n FROM documents WHERE published_at IS NOT NULL GROUP BY outlet, day ORDER BY day`)) {
    outletOf(r.outlet).byDate.push({ date: String(r.day), documents: Number(r.n) });
  }
  for (const r of all(store, `SELECT d.outlet AS outlet, f.label AS label, COUNT(*) AS n FROM findings f JOIN documents d ON d.id = f.doc_id WHERE f.kind = 'technique' GROUP BY d.outlet, f.label`)) {
    outletOf(r.outlet).techniques[String(r.label)] = Number(r.n);
  }
  for (const r of all(
    store,
    `SELECT d.outlet AS outlet, COALESCE(json_extract(f.data, '$.evidence.strength'), 'unsupported') AS strength, COUNT(*) AS n
     FROM findings f JOIN documents d ON d.id = f.doc_id WHERE f.kind = 'claim' GROUP BY d.outlet, strength`,
  )) {
    const entry = outletOf(r.outlet);
    entry.evidence[String(r.strength)] = Number(r.n);
    entry.claims += Number(r.n);
  }
  const documents = Number(one(store, 'SELECT COUNT(*) AS n FROM documents')?.n ?? 0);
  const findings = all(store, 'SELECT kind, COUNT(*) AS n FROM findings GROUP BY kind ORDER BY n DESC, kind').map((r) => ({ kind: String(r.kind), count: Number(r.n) }));
  return { documents, findings, outlets: [...outlets.values()] };
}

export interface LocatedFinding extends Finding {
  doc: string;
  docTitle: string | null;
  outlet: string | null;
}

function toFinding(r: Row): LocatedFinding {
  return { doc: String(r.doc_id), docTitle: str(r.title), outlet: str(r.outlet), ...findingFromRow(r) };
}

const FINDING_COLUMNS = 'f.doc_id, f.id, f.analyzer, f.analyzer_version, f.kind, f.label, f.start, f."end", f.quote, f.score, f.explanation, f.data, d.title, d.outlet';

export interface FindingFilter extends Page {
  kind?: string;
  label?: string;
  doc?: string;
}

export function listFindings(store: SqliteStore, filter: FindingFilter): Paged<LocatedFinding> {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: filter.limit, offset: filter.offset };
  for (const key of ['kind', 'label', 'doc'] as const) {
    if (filter[key] === undefined) continue;
    where.push(`f.${key === 'doc' ? 'doc_id' : key} = @${key}`);
    params[key] = filter[key];
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const total = Number(one(store, `SELECT COUNT(*) AS n FROM findings f ${clause}`, withoutPage(params))?.n ?? 0);
  const rows = all(store, `SELECT ${FINDING_COLUMNS} FROM findings f JOIN documents d ON d.id = f.doc_id ${clause} ORDER BY f.kind, f.label, f.doc_id, f.start LIMIT @limit OFFSET @offset`, params);
  return { total, limit: filter.limit, offset: filter.offset, items: rows.map(toFinding) };
}

/** Every (kind, label) with its number of findings and documents. */
export function findingLabels(store: SqliteStore, kind?: string): Array<{ kind: string; label: string; count: number; documents: number }> {
  const rows = kind
    ? all(store, 'SELECT kind, label, COUNT(*) AS n, COUNT(DISTINCT doc_id) AS docs FROM findings WHERE kind = ? GROUP BY kind, label ORDER BY n DESC, label', [kind])
    : all(store, 'SELECT kind, label, COUNT(*) AS n, COUNT(DISTINCT doc_id) AS docs FROM findings GROUP BY kind, label ORDER BY kind, n DESC, label');
  return rows.map((r) => ({ kind: String(r.kind), label: String(r.label), count: Number(r.n), documents: Number(r.docs) }));
}

/** All findings of one kind (e.g. every accusation), capped. */
export function findingsOfKind(store: SqliteStore, kind: string, limit: number): LocatedFinding[] {
  return all(store, `SELECT ${FINDING_COLUMNS} FROM findings f JOIN documents d ON d.id = f.doc_id WHERE f.kind = ? ORDER BY f.doc_id, f.start LIMIT ?`, [kind, limit]).map(toFinding);
}

export interface EntitySummary {
  /** the canonical name (the entity finding's label) */
  name: string;
  type: string | null;
  mentions: number;
  documents: number;
  /** every written form, most frequent first */
  aliases: Array<{ text: string; count: number }>;
}

export function listEntities(store: SqliteStore, filter: Page & { q?: string; type?: string }): Paged<EntitySummary> {
  const where = [`kind = 'entity'`];
  const params: Record<string, unknown> = { limit: filter.limit, offset: filter.offset };
  if (filter.q) {
    // a name matches through any of its aliases
    where.push(`label IN (SELECT label FROM findings WHERE kind = 'entity' AND (instr(lower(label), lower(@q)) > 0 OR instr(lower(quote), lower(@q)) > 0))`);
    params.q = filter.q;
  }
  if (filter.type) {
    where.push(`json_extract(data, '$.type') = @type`);
    params.type = filter.type;
  }
  const clause = where.join(' AND ');
  const total = Number(one(store, `SELECT COUNT(DISTINCT label) AS n FROM findings WHERE ${clause}`, withoutPage(params))?.n ?? 0);
  const rows = all(
    store,
    `SELECT label, MAX(json_extract(data, '$.type')) AS type, COUNT(*) AS mentions, COUNT(DISTINCT doc_id) AS docs FROM findings WHERE ${clause}
     GROUP BY label ORDER BY mentions DESC, label LIMIT @limit OFFSET @offset`,
    params,
  );
  const aliases = aliasesOf(store, rows.map((r) => String(r.label)));
  const items = rows.map((r): EntitySummary => ({
    name: String(r.label),
    type: str(r.type),
    mentions: Number(r.mentions),
    documents: Number(r.docs),
    aliases: aliases.get(String(r.label)) ?? [],
  }));
  return { total, limit: filter.limit, offset: filter.offset, items };
}

function aliasesOf(store: SqliteStore, names: string[]): Map<string, Array<{ text: string; count: number }>> {
  const result = new Map<string, Array<{ text: string; count: number }>>();
  if (names.length === 0) return result;
  const rows = all(store, `SELECT label, quote, COUNT(*) AS n FROM findings WHERE kind = 'entity' AND label IN (SELECT value FROM json_each(?)) GROUP BY label, quote ORDER BY n DESC, quote`, [JSON.stringify(names)]);
  for (const r of rows) {
    const list = result.get(String(r.label)) ?? [];
    list.push({ text: String(r.quote), count: Number(r.n) });
    result.set(String(r.label), list);
  }
  return result;
}

export interface EntityDetail extends EntitySummary {
  /** documents that mention it, most mentions first (at most 500) */
  inDocuments: Array<{ id: string; title: string | null; outlet: string | null; mentions: number }>;
}

export function getEntity(store: SqliteStore, name: string): EntityDetail | null {
  const row = one(store, `SELECT MAX(json_extract(data, '$.type')) AS type, COUNT(*) AS mentions, COUNT(DISTINCT doc_id) AS docs FROM findings WHERE kind = 'entity' AND label = ?`, [name]);
  if (!row || Number(row.mentions) === 0) return null;
  const inDocuments = all(
    store,
    `SELECT f.doc_id, d.title, d.outlet, COUNT(*) AS n FROM findings f JOIN documents d ON d.id = f.doc_id WHERE f.kind = 'entity' AND f.label = ? GROUP BY f.doc_id ORDER BY n DESC, f.doc_id LIMIT 500`,
    [name],
  ).map((r) => ({ id: String(r.doc_id), title: str(r.title), outlet: str(r.outlet), mentions: Number(r.n) }));
  return { name, type: str(row.type), mentions: Number(row.mentions), documents: Number(row.docs), aliases: aliasesOf(store, [name]).get(name) ?? [], inDocuments };
}

/** Entity types of these canonical names (for graph nodes). */
export function entityTypes(store: SqliteStore, names: string[]): Map<string, string> {
  const rows = all(store, `SELECT label, MAX(json_extract(data, '$.type')) AS type FROM findings WHERE kind = 'entity' AND label IN (SELECT value FROM json_each(?)) GROUP BY label`, [JSON.stringify(names)]);
  return new Map(rows.filter((r) => r.type !== null).map((r) => [String(r.label), String(r.type)]));
}

/** Snippet markers: private-use characters, so the client can mark hits without parsing HTML. */
export const HIT_START = '\uE000';
export const HIT_END = '\uE001';

/**
 * A user's search text as a safe FTS5 query: "quoted phrases" and words, every one quoted
 * (so FTS5 operators and syntax in the input are plain text), all required; the last
 * word also matches as a prefix, for search as you type.
 */
export function ftsQuery(input: string): string | null {
  const terms: string[] = [];
  const pattern = /"([^"]*)"|([^\s"]+)/g;
  let match: RegExpExecArray | null;
  let lastBare = -1;
  while ((match = pattern.exec(input)) !== null) {
    const phrase = match[1] ?? match[2];
    const words = phrase.match(/[\p{L}\p{N}_]+/gu);
    if (!words) continue;
    terms.push(`"${words.join(' ')}"`);
    lastBare = match[2] !== undefined && words.length === 1 ? terms.length - 1 : -1;
  }
  if (terms.length === 0) return null;
  if (lastBare === terms.length - 1 && terms[lastBare].length >= 5) terms[lastBare] += '*';
  return terms.join(' ');
}

export interface DocumentHit {
  id: string;
  title: string | null;
  outlet: string | null;
  publishedAt: string | null;
  /** text around the hits; hits between HIT_START and HIT_END */
  snippet: string;
}

export function searchDocuments(store: SqliteStore, q: string, page: Page): Paged<DocumentHit> {
  const match = ftsQuery(q);
  if (!match) return { total: 0, limit: page.limit, offset: page.offset, items: [] };
  const total = Number(one(store, 'SELECT COUNT(*) AS n FROM documents_fts WHERE documents_fts MATCH ?', [match])?.n ?? 0);
  const rows = all(
    store,
    `SELECT d.id, d.title, d.outlet, d.published_at, snippet(documents_fts, 1, '${HIT_START}', '${HIT_END}', '…', 24) AS snippet
     FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH @match ORDER BY rank LIMIT @limit OFFSET @offset`,
    { match, limit: page.limit, offset: page.offset },
  );
  const items = rows.map((r) => ({ id: String(r.id), title: str(r.title), outlet: str(r.outlet), publishedAt: str(r.published_at), snippet: String(r.snippet ?? '') }));
  return { total, limit: page.limit, offset: page.offset, items };
}

export interface FindingHit extends LocatedFinding {
  snippet: string;
}

/**
 * Beyond this many matching findings the count stops and hits come newest first instead of
 * by relevance: ranking every match of a common word among a million findings costs ~100 ms.
 */
export const FINDING_RANK_LIMIT = 2000;

export function searchFindings(store: SqliteStore, q: string, page: Page & { kind?: string }): Paged<FindingHit> & { capped: boolean } {
  const match = ftsQuery(q);
  if (!match) return { total: 0, limit: page.limit, offset: page.offset, items: [], capped: false };
  const kindClause = page.kind ? 'AND f.kind = @kind' : '';
  const params: Record<string, unknown> = { match, limit: page.limit, offset: page.offset, cap: FINDING_RANK_LIMIT + 1, ...(page.kind ? { kind: page.kind } : {}) };
  const counted = Number(
    one(
      store,
      `SELECT COUNT(*) AS n FROM (SELECT 1 FROM findings_fts JOIN findings f ON f.rowid = findings_fts.rowid WHERE findings_fts MATCH @match ${kindClause} LIMIT @cap)`,
      withoutPage(params),
    )?.n ?? 0,
  );
  const capped = counted > FINDING_RANK_LIMIT;
  const order = capped ? 'findings_fts.rowid DESC' : 'rank';
  const { cap: _cap, ...rowParams } = params;
  const rows = all(
    store,
    `SELECT ${FINDING_COLUMNS}, snippet(findings_fts, -1, '${HIT_START}', '${HIT_END}', '…', 16) AS snippet
     FROM findings_fts JOIN findings f ON f.rowid = findings_fts.rowid JOIN documents d ON d.id = f.doc_id
     WHERE findings_fts MATCH @match ${kindClause} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
    rowParams,
  );
  return { total: Math.min(counted, FINDING_RANK_LIMIT), capped, limit: page.limit, offset: page.offset, items: rows.map((r) => ({ ...toFinding(r), snippet: String(r.snippet ?? '') })) };
}

/** Every document's outlet (null when unknown) — for the outlet filter's choices. */
export function outlets(store: SqliteStore): Array<{ outlet: string | null; documents: number }> {
  return all(store, 'SELECT outlet, COUNT(*) AS n FROM documents GROUP BY outlet ORDER BY n DESC, outlet').map((r) => ({ outlet: str(r.outlet), documents: Number(r.n) }));
}

/** id → title for these documents (absent ids are left out). */
export function documentTitles(store: SqliteStore, ids: string[]): Record<string, string | null> {
  const titles: Record<string, string | null> = {};
  if (ids.length === 0) return titles;
  for (const r of all(store, 'SELECT id, title FROM documents WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(ids)])) titles[String(r.id)] = str(r.title);
  return titles;
}
