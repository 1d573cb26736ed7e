import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { ownerAlive, PROCESS_TOKEN } from './run-owner.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { DiscernError } from '../core/errors.js';
import { listMigrations } from './migrations.js';
import type { CorpusFinding, CorpusMember, Document, Finding, FindingData, Section } from '../core/types.js';
import type { DocumentRef } from '../analysers/analyzer.js';
import type { Review, ReviewDraft } from '../review/types.js';
import { splitProducer, type Row } from './rows.js';
import { SeenNames } from './finding-names.js';
import { findingKey, findingKeys, keyWord, kindCounts, labelCounts, membersForStore, withMemberQuotes, packFindings, packJson, sortFindings, unpackFindings, unpackJson } from './finding-sets.js';
import { addDictionaryLoader, DictionaryPacker, purposes, type StoredDictionary } from './pack-dictionaries.js';
import type { ServableStore } from './queries.js';
import { SqliteQueries } from './sqlite-queries.js';
import { packText, registerTextFunctions } from './sqlite-text.js';
import type { AnalyzerResult, DocumentAnalysisRecord, DocumentQuery, InputError, ReviewQuery, RunInfo, RunRecord } from './store.js';
import type { CorpusScope } from './store.js';

/** Rows per page when walking the corpus: bounded memory, few round trips. */
const PAGE = 256;
import { SqliteReferenceIndex } from './sqlite-reference.js';
import { SqlWatchStore } from './watch-sql.js';
import { groupBy } from '../core/arrays.js';

/**
 * The embedded default: one SQLite file (WAL mode, so readers never block the writer and
 * a killed process leaves every committed document intact). Migrations are the numbered
 * SQL files in migrations/sqlite/, applied in order in one write transaction.
 *
 * Several processes may write at once (a server and `discern ingest`, two ingests). Every
 * write transaction begins IMMEDIATE, so it takes the write lock before it reads and can
 * never fail half-way with SQLITE_BUSY_SNAPSHOT; a transaction that finds the lock taken is
 * retried as a whole, with backoff and without blocking the event loop, and after
 * `busyTimeoutMs` fails with the retryable BUSY error (HTTP 503 with Retry-After).
 */


export { listMigrations, migrationsDir } from './migrations.js';

export interface SqliteStoreOptions {
  /** how long a write waits for another writer before failing with BUSY (default 15 s) */
  busyTimeoutMs?: number;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 15_000;
/** SQLite's own (blocking) wait per attempt: short, so a server's event loop is never held long. */
const LOCK_WAIT_MS = 50;
/** Bytes per page of a new database file. */
export const PAGE_SIZE = 2048;
/** While opening (migrations, journal mode) the wait may block: nothing else runs yet. */
const OPEN_LOCK_WAIT_MS = 10_000;

export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): SqliteStore {
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: false });
    // first, so that a second process opening a fresh file waits instead of failing
    db.pragma(`busy_timeout = ${OPEN_LOCK_WAIT_MS}`);
    // A new file gets 2 KB pages (an existing one keeps its own: only VACUUM outside WAL could
    // change it). Most rows are a compressed value of 1–4 KB (a document's text, a finding set,
    // a corpus state): on 4 KB pages one or two fit and the rest of the page stayed empty, 10 % of
    // the file on the bench corpus (docs/performance.md "Database size per document").
    db.pragma(`page_size = ${PAGE_SIZE}`);
    db.pragma('journal_mode = WAL');
    // INSERT OR REPLACE must fire the delete triggers that keep the search indexes in step.
    db.pragma('recursive_triggers = ON');
    db.pragma('synchronous = NORMAL');
    // before migrations: 020 converts the texts with them, and the full-text index reads through them
    registerTextFunctions(db);
  } catch (error) {
    throw new DiscernError('STORE', `cannot open the database: ${(error as Error).message}`, path, { cause: error });
  }
  try {
    migrate(db, path);
    db.pragma('foreign_keys = ON');
    interruptDeadRuns(db);
  } catch (error) {
    db.close();
    if (error instanceof DiscernError) throw error;
    if (isBusy(error)) throw new DiscernError('BUSY', `the database stayed locked by another writer for ${OPEN_LOCK_WAIT_MS / 1000} s`, path, { cause: error });
    throw new DiscernError('STORE', `not a Discern database, or it is damaged: ${(error as Error).message}`, path, { cause: error });
  }
  db.pragma(`busy_timeout = ${LOCK_WAIT_MS}`);
  return new SqliteStore(db, options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS, path);
}

/**
 * All pending migrations in one IMMEDIATE transaction that re-reads what is applied, so two
 * processes opening a new file at once cannot both apply 001. Foreign keys are off meanwhile
 * (a table rebuild must not cascade) and checked before the commit.
 */
function migrate(db: Database.Database, path: string): void {
  db.pragma('foreign_keys = OFF');
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const known = listMigrations('sqlite');
  db.transaction(() => {
    const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((r) => r.version));
    const newest = Math.max(0, ...applied);
    if (known.length > 0 && newest > known[known.length - 1].version) {
      throw new DiscernError('STORE', `the database has schema version ${newest}, newer than this Discern knows; upgrade Discern`, path);
    }
    const pending = known.filter((m) => !applied.has(m.version));
    for (const migration of pending) {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, now());
    }
    if (pending.length > 0 && db.prepare('PRAGMA foreign_key_check').all().length > 0) {
      throw new DiscernError('STORE', 'a migration left rows that refer to missing rows; nothing was changed', path);
    }
  }).immediate();
}

export { ownerAlive, PROCESS_TOKEN } from './run-owner.js';

/**
 * Runs left 'running' by a process that no longer exists (kill -9, a crash) become
 * 'interrupted'. Runs of other hosts (a database on a shared disk) cannot be checked and
 * are left alone; runs from before migration 004 have no owner and count as dead.
 */
function interruptDeadRuns(db: Database.Database): void {
  const running = db.prepare(`SELECT id, pid, host, process_token AS token FROM runs WHERE status = 'running'`).all() as Array<{ id: number; pid: number | null; host: string | null; token: string | null }>;
  const host = hostname();
  const dead = running.filter((r) => r.pid === null || (r.host === host && !ownerAlive(r.pid, r.token)));
  if (dead.length === 0) return;
  const mark = db.prepare(`UPDATE runs SET status = 'interrupted', finished_at = ? WHERE id = ? AND status = 'running'`);
  db.transaction(() => {
    for (const run of dead) mark.run(now(), run.id);
  }).immediate();
}

/** SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_RECOVERY, SQLITE_LOCKED…: another connection holds a lock. */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** Corpus findings read per query when a run's are streamed. */
const CORPUS_PAGE = 500;

function now(): string {
  return new Date().toISOString();
}


function parse<T>(value: unknown, fallback: T): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : fallback;
}

export class SqliteStore implements ServableStore {
  private readonly statements;
  readonly queries: SqliteQueries;
  /** commits made through this connection (PRAGMA data_version counts only the others') */
  private localCommits = 0;

  readonly reference: SqliteReferenceIndex;
  readonly watch: SqlWatchStore;
  /** (kind, label) pairs this connection has written to finding_names: most labels recur, so most inserts are skipped */
  private readonly names = new SeenNames();
  /** preset dictionaries of packed values (pack-dictionaries.ts) */
  private readonly packer: DictionaryPacker;
  private readonly dropLoader: () => void;

  constructor(
    readonly db: Database.Database,
    private readonly busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS,
    private readonly path = db.name,
  ) {
    this.queries = new SqliteQueries(db);
    this.reference = new SqliteReferenceIndex(db);
    const dictionaryOf = db.prepare('SELECT hash, purpose, bytes FROM pack_dictionaries WHERE purpose = ?');
    const dictionaryBytes = db.prepare('SELECT bytes FROM pack_dictionaries WHERE hash = ?').pluck();
    this.packer = new DictionaryPacker((purpose) => (dictionaryOf.get(purpose) as StoredDictionary | undefined) ?? null);
    this.dropLoader = addDictionaryLoader((hash) => (db.open ? ((dictionaryBytes.get(hash) as Buffer | undefined) ?? null) : null));
    const prepared = new Map<string, Database.Statement>();
    const prepare = (sql: string) => prepared.get(sql) ?? prepared.set(sql, db.prepare(sql)).get(sql)!;
    const exec = (sql: string, params: unknown[] = []): Row[] => {
      const statement = prepare(sql);
      if (statement.reader) return statement.all(...params) as Row[];
      statement.run(...params);
      return [];
    };
    this.watch = new SqlWatchStore({ all: async (sql, params) => exec(sql, params), write: (sql, params) => this.write(() => exec(sql, params)) });
    this.statements = {
      insertDoc: db.prepare(`INSERT INTO documents (id, format, path, url, title, author, outlet, published_at, lang, text, ingested_at, updated_at)
        VALUES (@id, @format, @path, @url, @title, @author, @outlet, @publishedAt, @lang, @text, @now, @now)`),
      updateDoc: db.prepare(`UPDATE documents SET lang = @lang, updated_at = @now,
        title = COALESCE(title, @title), author = COALESCE(author, @author), outlet = COALESCE(outlet, @outlet),
        published_at = COALESCE(published_at, @publishedAt), url = COALESCE(url, @url) WHERE id = @id`),
      insertOrigin: db.prepare('INSERT OR IGNORE INTO document_origins (doc_id, origin, first_seen_at) VALUES (?, ?, ?)'),
      docKey: db.prepare('SELECT key FROM documents WHERE id = ?').pluck(),
      deleteSections: db.prepare('DELETE FROM sections WHERE doc_key = ?'),
      insertSection: db.prepare(`INSERT INTO sections (doc_key, idx, kind, start, "end", author, parent, posted_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      deleteSet: db.prepare('DELETE FROM finding_sets WHERE doc_key = ? AND analyzer = ?'),
      deleteLabel: db.prepare('DELETE FROM finding_labels WHERE kind = ? AND label = ? AND doc_key = ? AND analyzer = ? AND facet = ? AND surface = ?'),
      getSet: db.prepare('SELECT version, findings FROM finding_sets WHERE doc_key = ? AND analyzer = ?'),
      insertSet: db.prepare('INSERT INTO finding_sets (doc_key, analyzer, version, counts, findings) VALUES (?, ?, ?, ?, ?)'),
      insertLabel: db.prepare('INSERT INTO finding_labels (kind, label, doc_key, analyzer, facet, surface, n, scores) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      insertKeys: db.prepare('INSERT INTO finding_key_index (rowid, keys) VALUES (?, ?)'),
      insertName: db.prepare('INSERT OR IGNORE INTO finding_names (kind, label) VALUES (?, ?)'),
      // DISTINCT: a re-analysed document has a key-index row per write, and each may hold the key
      keyDocs: db.prepare('SELECT DISTINCT d.id AS doc_id FROM finding_key_index k JOIN documents d ON d.key = k.rowid WHERE finding_key_index MATCH ? ORDER BY d.id'),
      getSets: db.prepare('SELECT analyzer, version, findings FROM finding_sets WHERE doc_key = ?'),
      getText: db.prepare('SELECT key, discern_text(text) AS text FROM documents WHERE id = ?'),
      upsertResult: db.prepare(`INSERT INTO analyzer_results (doc_key, analyzer, version, status, message, analysed_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (doc_key, analyzer) DO UPDATE SET version = excluded.version, status = excluded.status, message = excluded.message, analysed_at = excluded.analysed_at`),
      results: db.prepare('SELECT r.analyzer, r.version, r.status, r.message FROM analyzer_results r JOIN documents d ON d.key = r.doc_key WHERE d.id = ?'),
      getDoc: db.prepare(
        'SELECT key, id, format, path, url, title, author, outlet, published_at, lang, discern_text(text) AS text, ingested_at, updated_at FROM documents WHERE id = ?',
      ),
      getSections: db.prepare('SELECT * FROM sections WHERE doc_key = ? ORDER BY idx'),
      listDocs: db.prepare('SELECT id FROM documents ORDER BY ingested_at, id LIMIT ? OFFSET ?'),
      countDocs: db.prepare('SELECT COUNT(*) AS n FROM documents'),
      startRun: db.prepare(`INSERT INTO runs (command, tool_version, inputs, options_hash, started_at, status, pid, host, process_token) VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?)`),
      addRunDoc: db.prepare('INSERT OR IGNORE INTO run_documents (run_id, doc_id, position) VALUES (?, ?, ?)'),
      addRunError: db.prepare('INSERT INTO run_errors (run_id, input, code, message) VALUES (?, ?, ?, ?)'),
      finishRun: db.prepare('UPDATE runs SET status = ?, finished_at = ? WHERE id = ?'),
      // an upsert, not INSERT OR REPLACE: a finding stored again keeps its place (rowid) in the run
      insertCorpus: db.prepare(`INSERT INTO corpus_findings (run_id, id, analyzer, kind, label, score, explanation, members, data)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, id) DO UPDATE SET analyzer = excluded.analyzer, kind = excluded.kind,
        label = excluded.label, score = excluded.score, explanation = excluded.explanation, members = excluded.members, data = excluded.data`),
      getRun: db.prepare('SELECT * FROM runs WHERE id = ?'),
      latestRun: db.prepare(`SELECT * FROM runs WHERE status != 'running' ORDER BY id DESC LIMIT 1`),
      runDocs: db.prepare('SELECT doc_id FROM run_documents WHERE run_id = ? ORDER BY position'),
      runErrors: db.prepare('SELECT input, code, message FROM run_errors WHERE run_id = ? ORDER BY rowid'),
      corpusPage: db.prepare('SELECT rowid, * FROM corpus_findings WHERE run_id = ? AND rowid > ? ORDER BY rowid LIMIT ?'),
      insertReview: db.prepare(`INSERT INTO reviews (doc_id, kind, label, start, "end", quote, finding_id, analyzer, status, correction, verdict, note, reviewer, created_at)
        VALUES (@doc, @kind, @label, @start, @end, @quote, @findingId, @analyzer, @status, @correction, @verdict, @note, @reviewer, @createdAt)`),
      reviews: db.prepare('SELECT * FROM reviews ORDER BY id'),
      reviewsOfDoc: db.prepare('SELECT * FROM reviews WHERE doc_id = ? ORDER BY id'),
      upsertState: db.prepare(`INSERT INTO corpus_states (doc_id, analyzer, version, state) VALUES (?, ?, ?, ?)
        ON CONFLICT (analyzer, doc_id) DO UPDATE SET version = excluded.version, state = excluded.state`),
      deleteState: db.prepare('DELETE FROM corpus_states WHERE doc_id = ? AND analyzer = ?'),
      getState: db.prepare('SELECT state FROM corpus_states WHERE analyzer = ? AND version = ? AND doc_id = ?'),
      docText: db.prepare('SELECT discern_text(text) AS text FROM documents WHERE id = ?'),
      countAll: db.prepare('SELECT COUNT(*) AS n FROM documents'),
      countRun: db.prepare('SELECT COUNT(*) AS n FROM run_documents WHERE run_id = ?'),
      pageAll: db.prepare('SELECT id, ingested_at AS cursor_a, 0 AS cursor_b FROM documents WHERE (ingested_at, id) > (?, ?) ORDER BY ingested_at, id LIMIT ?'),
      pageRun: db.prepare('SELECT doc_id AS id, position AS cursor_b FROM run_documents WHERE run_id = ? AND position > ? ORDER BY position LIMIT ?'),
      refs: db.prepare(`SELECT d.id, d.title, d.outlet, d.path, d.url, d.published_at, s.state FROM documents d
        LEFT JOIN corpus_states s ON s.doc_id = d.id AND s.analyzer = ? AND s.version = ? WHERE d.id = ?`),
      resultOf: db.prepare('SELECT 1 FROM analyzer_results r JOIN documents d ON d.key = r.doc_key WHERE d.id = ? AND r.analyzer = ? AND r.version = ? AND r.status = ?'),
    };
  }

  async analyzerResults(docId: string): Promise<Map<string, AnalyzerResult>> {
    const rows = this.statements.results.all(docId) as Row[];
    return new Map(rows.map((r) => [String(r.analyzer), { version: String(r.version), status: r.status as AnalyzerResult['status'], message: (r.message as string) ?? null }]));
  }

  async saveAnalysis(record: DocumentAnalysisRecord): Promise<{ created: boolean }> {
    const { doc } = record;
    const s = this.statements;
    const created = await this.write((): boolean => {
      const stamp = now();
      const params = { ...doc.source, id: doc.id, format: doc.format, lang: doc.lang ?? null, text: packText(doc.text), now: stamp };
      const values = {
        ...params,
        path: params.path ?? null,
        url: params.url ?? null,
        title: params.title ?? null,
        author: params.author ?? null,
        outlet: params.outlet ?? null,
        publishedAt: params.publishedAt ?? null,
      };
      const existing = s.docKey.get(doc.id) as number | bigint | undefined;
      const created = existing === undefined;
      let key: number | bigint;
      if (created) key = s.insertDoc.run(values).lastInsertRowid;
      else {
        s.updateDoc.run(values);
        key = existing;
      }
      s.insertOrigin.run(doc.id, record.origin, stamp);
      s.deleteSections.run(key);
      doc.sections.forEach((section, i) => {
        s.insertSection.run(key, i, section.kind, section.start, section.end, section.author ?? null, section.parent ?? null, section.postedAt ?? null);
      });
      // one key-index row for the whole write: a few sequential pages, not a row per finding (migration 024)
      const keys = new Set<number>();
      for (const [producer, findings] of record.produced) {
        const [name, version] = splitProducer(producer);
        const old = s.getSet.get(key, name) as Row | undefined;
        if (old) {
          // the old set says which label rows are its own (no index by document needed)
          for (const c of labelCounts(unpackFindings(old.findings, doc.id, name, String(old.version), doc.text))) s.deleteLabel.run(c.kind, c.label, key, name, c.facet, c.surface);
          s.deleteSet.run(key, name);
        }
        if (findings.length > 0) {
          s.insertSet.run(key, name, version, kindCounts(findings), packFindings(doc.id, findings, this.packer, producer));
          for (const c of labelCounts(findings)) {
            s.insertLabel.run(c.kind, c.label, key, name, c.facet, c.surface, c.n, JSON.stringify(c.scores));
            if (this.names.add(c.kind, c.label)) s.insertName.run(c.kind, c.label);
          }
          for (const k of findingKeys(findings)) keys.add(k);
        }
        s.upsertResult.run(key, name, version, 'ok', null, stamp);
      }
      // keys of earlier findings stay (another row of the same document): harmless, since a lookup checks the id
      if (keys.size > 0) s.insertKeys.run(key, Array.from(keys, keyWord).join(' '));
      for (const failure of record.failures) {
        const [name, version] = splitProducer(failure.analyzer);
        s.upsertResult.run(key, name, version, 'failed', failure.message, stamp);
      }
      if (record.states) this.writeStates(doc.id, key, record.states, stamp);
      return created;
    });
    return { created };
  }

  async saveCorpusStates(docId: string, states: Map<string, unknown>, failures: Array<{ analyzer: string; message: string }> = []): Promise<void> {
    await this.write(() => {
      const stamp = now();
      const key = this.statements.docKey.get(docId) as number | bigint | undefined;
      if (key === undefined) throw new DiscernError('STORE', 'corpus states of a document that is not stored', docId);
      this.writeStates(docId, key, states, stamp);
      for (const failure of failures) {
        const [name, version] = splitProducer(failure.analyzer);
        this.statements.upsertResult.run(key, name, version, 'failed', failure.message, stamp);
      }
    });
  }

  private writeStates(docId: string, key: number | bigint, states: Map<string, unknown>, stamp: string): void {
    const s = this.statements;
    for (const [producer, state] of states) {
      const [name, version] = splitProducer(producer);
      if (state === null || state === undefined) s.deleteState.run(docId, name);
      else s.upsertState.run(docId, name, version, packJson(state, this.packer, purposes.state(producer)));
      s.upsertResult.run(key, name, version, 'ok', null, stamp);
    }
  }

  async countScope(scope: CorpusScope): Promise<number> {
    const row = (scope.runId === undefined ? this.statements.countAll.get() : this.statements.countRun.get(scope.runId)) as Row;
    return Number(row.n);
  }

  /** Document ids in scope, a page at a time (keyset pagination: no statement stays open between pages). */
  private async *scopeIds(scope: CorpusScope): AsyncGenerator<string> {
    let a = '';
    let b = '';
    let position = 0;
    for (;;) {
      const rows = (scope.runId === undefined ? this.statements.pageAll.all(a, b, PAGE) : this.statements.pageRun.all(scope.runId, position, PAGE)) as Row[];
      if (rows.length === 0) return;
      const last = rows[rows.length - 1];
      if (scope.runId === undefined) [a, b] = [String(last.cursor_a), String(last.id)];
      else position = Number(last.cursor_b);
      for (const r of rows) yield String(r.id);
      if (rows.length < PAGE) return;
    }
  }

  async *iterateDocuments(scope: CorpusScope): AsyncIterable<Document> {
    for await (const id of this.scopeIds(scope)) {
      const doc = await this.getDocument(id);
      if (doc) yield doc;
    }
  }

  async documentText(docId: string): Promise<string | null> {
    const row = this.statements.docText.get(docId) as Row | undefined;
    return row ? String(row.text) : null;
  }

  async *iterateCorpusStates(producer: string, scope: CorpusScope): AsyncIterable<{ doc: DocumentRef; state: unknown }> {
    const [name, version] = splitProducer(producer);
    for await (const id of this.scopeIds(scope)) {
      const r = this.statements.refs.get(name, version, id) as Row | undefined;
      if (!r) continue;
      const nullable = (v: unknown) => (v === null || v === undefined ? null : String(v));
      yield {
        doc: { id: String(r.id), title: nullable(r.title), outlet: nullable(r.outlet), path: nullable(r.path), url: nullable(r.url), publishedAt: nullable(r.published_at) },
        state: r.state === null || r.state === undefined ? null : unpackJson(r.state),
      };
    }
  }

  async corpusState(producer: string, docId: string): Promise<unknown> {
    const [name, version] = splitProducer(producer);
    const row = this.statements.getState.get(name, version, docId) as Row | undefined;
    return row ? unpackJson(row.state) : null;
  }

  async *documentsLackingStates(producers: string[], scope: CorpusScope): AsyncIterable<string> {
    const wanted = producers.map(splitProducer);
    for await (const id of this.scopeIds(scope)) {
      if (wanted.some(([name, version]) => !this.statements.resultOf.get(id, name, version, 'ok'))) yield id;
    }
  }

  async getDocument(id: string): Promise<Document | null> {
    const row = this.statements.getDoc.get(id) as Row | undefined;
    return row ? this.toDocument(row) : null;
  }

  async listDocuments(query: DocumentQuery = {}): Promise<Document[]> {
    if (query.ids) {
      const docs = await Promise.all(query.ids.map((id) => this.getDocument(id)));
      return docs.filter((d): d is Document => d !== null);
    }
    const rows = this.statements.listDocs.all(query.limit ?? -1, query.offset ?? 0) as Row[];
    const docs = await Promise.all(rows.map((r) => this.getDocument(String(r.id))));
    return docs.filter((d): d is Document => d !== null);
  }

  async countDocuments(): Promise<number> {
    return Number((this.statements.countDocs.get() as Row).n);
  }

  async getFindings(docId: string): Promise<Finding[]> {
    const row = this.statements.getText.get(docId) as { key: number; text: string } | undefined;
    if (!row) return [];
    const findings: Finding[] = [];
    for (const set of this.statements.getSets.all(row.key) as Row[]) {
      for (const f of unpackFindings(set.findings, docId, String(set.analyzer), String(set.version), row.text)) findings.push(f);
    }
    return sortFindings(findings);
  }

  async startRun(info: RunInfo): Promise<number> {
    const result = await this.write(() => this.statements.startRun.run(info.command, info.toolVersion, JSON.stringify(info.inputs), info.optionsHash, now(), process.pid, hostname(), PROCESS_TOKEN));
    return Number(result.lastInsertRowid);
  }

  async addRunDocument(runId: number, docId: string, position: number): Promise<void> {
    await this.write(() => this.statements.addRunDoc.run(runId, docId, position));
  }

  async addRunError(runId: number, error: InputError): Promise<void> {
    await this.write(() => this.statements.addRunError.run(runId, error.input, error.code, error.message));
  }

  async addCorpusFindings(runId: number, corpusFindings: CorpusFinding[]): Promise<void> {
    const texts = this.textReader();
    this.primeCorpusDictionaries(corpusFindings, texts);
    await this.write(() => this.insertCorpusFindings(runId, corpusFindings, texts));
  }

  async finishRun(runId: number, status: RunRecord['status'], corpusFindings: CorpusFinding[]): Promise<void> {
    const texts = this.textReader();
    this.primeCorpusDictionaries(corpusFindings, texts);
    await this.write(() => {
      this.insertCorpusFindings(runId, corpusFindings, texts);
      this.statements.finishRun.run(status, now(), runId);
    });
  }

  /** A batch of corpus findings makes the dictionaries of its analysers' members and payloads, stored before the batch (pack-dictionaries.ts prime). */
  private primeCorpusDictionaries(corpusFindings: readonly CorpusFinding[], texts: (doc: string) => string | null): void {
    for (const [analyzer, batch] of groupBy(corpusFindings, (f) => f.analyzer)) {
      this.packer.prime(purposes.members(analyzer), batch.map((f) => membersForStore(f.members, texts)));
      this.packer.prime(purposes.data(analyzer), batch.flatMap((f) => (f.data === undefined ? [] : [f.data])));
    }
    this.storeDictionaries();
  }

  private insertCorpusFindings(runId: number, corpusFindings: CorpusFinding[], texts: (doc: string) => string | null): void {
    for (const f of corpusFindings) {
      const members = packJson(membersForStore(f.members, texts), this.packer, purposes.members(f.analyzer));
      this.statements.insertCorpus.run(runId, f.id, f.analyzer, f.kind, f.label, f.score, f.explanation, members, f.data === undefined ? null : packJson(f.data, this.packer, purposes.data(f.analyzer)));
    }
  }

  async changeToken(): Promise<string> {
    return `${this.db.pragma('data_version', { simple: true }) as number}:${this.localCommits}`;
  }

  /**
   * One IMMEDIATE write transaction, retried as a whole while another connection holds the
   * write lock: SQLite waits LOCK_WAIT_MS itself, then this waits (25 ms doubling to 400 ms,
   * jittered, never blocking the event loop) until busyTimeoutMs, then fails with BUSY.
   */
  private async write<T>(fn: () => T): Promise<T> {
    const transaction = this.db.transaction(fn);
    if (this.batching) {
      // inside batch(): a savepoint of its transaction (the lock is held, so never busy); the
      // dictionaries wait for the batch's commit
      try {
        return transaction.immediate();
      } catch (error) {
        this.names.clear();
        throw error;
      }
    }
    return this.retryBusy(() => {
      const result = transaction.immediate();
      this.localCommits++;
      this.storeDictionaries();
      return result;
    });
  }

  /** Runs `attempt` until it does not fail with a busy lock, with backoff, up to the busy timeout. */
  private async retryBusy<T>(attempt: () => T): Promise<T> {
    const deadline = Date.now() + this.busyTimeoutMs;
    for (let tries = 0; ; tries++) {
      try {
        return attempt();
      } catch (error) {
        // names it wrote are gone with the transaction
        this.names.clear();
        if (!isBusy(error)) throw error;
        const wait = Math.min(400, 25 * 2 ** tries) * (0.5 + Math.random() / 2);
        if (Date.now() + wait > deadline) {
          throw new DiscernError('BUSY', `another process kept the database locked for over ${Math.round(this.busyTimeoutMs / 1000)} s; try again`, this.path, { cause: error });
        }
        await sleep(wait);
      }
    }
  }

  /** Whether a batch() transaction is open on this connection. */
  private batching = false;

  /**
   * Several writes in one transaction (Store.batch). Each commit writes the pages its rows
   * touched and a new segment of the documents' full-text index, so a commit per batch of
   * documents instead of two per document (the analysis and the run's document row) saves the
   * pages several documents share (docs/performance.md). The writes must not await anything but
   * this store: the transaction holds the write lock, and whatever else ran on this connection
   * meanwhile would join it.
   */
  async batch<T>(writes: () => Promise<T>): Promise<T> {
    if (this.batching) return writes();
    await this.retryBusy(() => this.db.exec('BEGIN IMMEDIATE'));
    this.batching = true;
    let failed = false;
    try {
      return await writes();
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      this.batching = false;
      try {
        // what succeeded is kept, as it would be with a commit per write; a failed write rolled back its own savepoint
        if (this.db.inTransaction) this.db.exec('COMMIT');
        this.localCommits++;
      } catch (error) {
        this.names.clear();
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        // the writes' own error, when there was one, says more
        if (!failed) throw error;
      }
      this.storeDictionaries();
    }
  }

  /**
   * Dictionaries the packer built during the writes so far, each in its own small transaction
   * after the write that completed its samples (never inside one: a rolled-back write must not
   * take a dictionary with it that later values name). The first stored for a purpose wins; a
   * failure (a locked database) leaves them for the next write: the write itself has committed.
   */
  private storeDictionaries(): void {
    const pending = this.packer.pending();
    if (pending.length === 0) return;
    const insert = this.db.prepare('INSERT OR IGNORE INTO pack_dictionaries (hash, purpose, bytes, created_at) VALUES (?, ?, ?, ?)');
    const winner = this.db.prepare('SELECT hash, purpose, bytes FROM pack_dictionaries WHERE purpose = ?');
    try {
      const stored = this.db
        .transaction(() =>
          pending.map((d) => {
            insert.run(d.hash, d.purpose, d.bytes, now());
            return winner.get(d.purpose) as StoredDictionary;
          }),
        )
        .immediate();
      this.localCommits++;
      for (const d of stored) this.packer.adopt(d);
    } catch {
      // values keep being packed without a dictionary until one is stored
    }
  }

  async getRun(id: number): Promise<RunRecord | null> {
    const row = this.statements.getRun.get(id) as Row | undefined;
    return row ? toRun(row) : null;
  }

  async latestRun(): Promise<RunRecord | null> {
    const row = this.statements.latestRun.get() as Row | undefined;
    return row ? toRun(row) : null;
  }

  async runDocumentIds(runId: number): Promise<string[]> {
    return (this.statements.runDocs.all(runId) as Row[]).map((r) => String(r.doc_id));
  }

  async runErrors(runId: number): Promise<InputError[]> {
    return (this.statements.runErrors.all(runId) as Row[]).map((r) => ({ input: String(r.input), code: String(r.code), message: String(r.message) }));
  }

  /** Document texts by id, the last few kept (members of one corpus finding quote a few documents). */
  private textReader(): (doc: string) => string | null {
    const cache = new Map<string, string | null>();
    return (doc) => {
      if (cache.has(doc)) return cache.get(doc) ?? null;
      const row = this.statements.docText.get(doc) as Row | undefined;
      const text = row ? String(row.text) : null;
      cache.set(doc, text);
      if (cache.size > 256) cache.delete(cache.keys().next().value as string);
      return text;
    };
  }

  async corpusFindings(runId: number): Promise<CorpusFinding[]> {
    const out: CorpusFinding[] = [];
    for await (const f of this.iterateCorpusFindings(runId)) out.push(f);
    return out;
  }

  async *iterateCorpusFindings(runId: number): AsyncIterable<CorpusFinding> {
    const texts = this.textReader();
    for (let after = -1; ; ) {
      const rows = this.statements.corpusPage.all(runId, after, CORPUS_PAGE) as Row[];
      for (const f of rows.map((r) => this.corpusFindingOf(r, texts))) yield f;
      if (rows.length < CORPUS_PAGE) return;
      after = Number(rows[rows.length - 1].rowid);
    }
  }

  private corpusFindingOf(r: Row, texts: (doc: string) => string | null): CorpusFinding {
    return {
      id: String(r.id),
      analyzer: String(r.analyzer),
      kind: String(r.kind),
      label: String(r.label),
      score: Number(r.score),
      explanation: String(r.explanation),
      members: withMemberQuotes(unpackJson(r.members) as CorpusMember[], texts),
      ...(r.data ? { data: unpackJson(r.data) as FindingData } : {}),
    };
  }

  async findFinding(id: string): Promise<{ doc: string; finding: Finding } | null> {
    for (const row of this.statements.keyDocs.all(`"${keyWord(findingKey(id))}"`) as Row[]) {
      const doc = String(row.doc_id);
      const finding = (await this.getFindings(doc)).find((f) => f.id === id);
      if (finding) return { doc, finding };
    }
    return null;
  }

  async addReview(review: ReviewDraft): Promise<Review> {
    const createdAt = now();
    const { target } = review;
    const result = await this.write(() => this.statements.insertReview.run({
      doc: target.doc, kind: target.kind, label: target.label, start: target.start, end: target.end, quote: target.quote,
      findingId: review.findingId, analyzer: review.analyzer, status: review.status, correction: review.correction ? JSON.stringify(review.correction) : null,
      verdict: review.verdict, note: review.note, reviewer: review.reviewer, createdAt,
    }));
    return { ...review, id: Number(result.lastInsertRowid), createdAt };
  }

  async listReviews(query: ReviewQuery = {}): Promise<Review[]> {
    const rows = (query.doc === undefined ? this.statements.reviews.all() : this.statements.reviewsOfDoc.all(query.doc)) as Row[];
    return rows.map(reviewFromRow);
  }

  async close(): Promise<void> {
    this.dropLoader();
    if (this.db.open) this.db.close();
  }

  private toDocument(row: Row): Document {
    const sections = (this.statements.getSections.all(row.key) as Row[]).map((s): Section => {
      const section: Section = { kind: s.kind as Section['kind'], start: Number(s.start), end: Number(s.end) };
      if (s.kind === 'comment') {
        section.author = (s.author as string | null) ?? null;
        section.parent = s.parent === null ? null : Number(s.parent);
        if (s.posted_at) section.postedAt = String(s.posted_at);
      }
      return section;
    });
    const nullable = (v: unknown) => (v === null || v === undefined ? null : String(v));
    return {
      id: String(row.id),
      format: row.format as Document['format'],
      source: {
        path: nullable(row.path),
        url: nullable(row.url),
        title: nullable(row.title),
        author: nullable(row.author),
        outlet: nullable(row.outlet),
        publishedAt: nullable(row.published_at),
      },
      text: String(row.text),
      sections,
      lang: nullable(row.lang),
    };
  }
}


/** A reviews-table row → Review (the PostgreSQL backend reads the same columns). */
export function reviewFromRow(r: Row): Review {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  const correction = r.correction === null || r.correction === undefined ? null : typeof r.correction === 'string' ? JSON.parse(r.correction) : r.correction;
  return {
    id: Number(r.id),
    createdAt: r.created_at instanceof Date ? r.created_at.toISOString() : String(r.created_at),
    target: { doc: String(r.doc_id), kind: String(r.kind), label: String(r.label), start: Number(r.start), end: Number(r.end), quote: String(r.quote) },
    findingId: text(r.finding_id),
    analyzer: text(r.analyzer),
    status: text(r.status) as Review['status'],
    correction: correction as Review['correction'],
    verdict: text(r.verdict) as Review['verdict'],
    note: text(r.note),
    reviewer: String(r.reviewer),
  };
}

function toRun(row: Row): RunRecord {
  return {
    id: Number(row.id),
    command: String(row.command),
    toolVersion: String(row.tool_version),
    inputs: parse<string[]>(row.inputs, []),
    optionsHash: String(row.options_hash),
    startedAt: String(row.started_at),
    finishedAt: row.finished_at ? String(row.finished_at) : null,
    status: row.status as RunRecord['status'],
  };
}


export function storeFileExists(path: string): boolean {
  return existsSync(path);
}
