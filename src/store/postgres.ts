import { hostname } from 'node:os';
import pg from 'pg';
import type { CorpusFinding, CorpusMember, Document, Finding, FindingData, Section } from '../core/types.js';
import { DiscernError } from '../core/errors.js';
import { listMigrations } from './migrations.js';
import { PostgresQueries } from './postgres-queries.js';
import { PostgresReferenceIndex } from './postgres-reference.js';
import { numberPlaceholders, SqlWatchStore } from './watch-sql.js';
import { DictionaryPacker, purposes, registerDictionary, SAMPLES, unknownDictionaries } from './pack-dictionaries.js';
import type { ServableStore } from './queries.js';
import { nullableString, splitProducer, type Row } from './rows.js';
import { SeenNames } from './finding-names.js';
import { findingKey, findingKeys, kindCounts, labelCounts, memberDocs, membersForStore, withMemberQuotes, packFindings, packJson, sortFindings, unpackFindings, unpackJson } from './finding-sets.js';
import type { Review, ReviewDraft } from '../review/types.js';
import { ownerAlive, PROCESS_TOKEN, reviewFromRow } from './sqlite.js';
import type { DocumentRef } from '../analysers/analyzer.js';
import type { AnalyzerResult, CorpusScope, DocumentAnalysisRecord, DocumentQuery, InputError, ReviewQuery, RunInfo, RunRecord } from './store.js';
import { groupBy } from '../core/arrays.js';

/** Rows per page when walking the corpus. */
const PAGE = 256;

/**
 * The PostgreSQL backend: the same tables and results as SQLite, for many writers on many
 * machines (`--db postgres://…`, workers of `discern worker`). Every saveAnalysis is one
 * transaction; concurrent writers of the same document serialise on its row. Migrations are
 * migrations/postgres/*.sql, applied under an advisory lock so workers starting together
 * migrate once.
 */

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

export interface PostgresOptions {
  /** most connections this process opens (default 10) */
  maxConnections?: number;
}

export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<PostgresStore> {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, connectionTimeoutMillis: 15_000 });
  // an idle connection dropped by the server must not crash the process
  pool.on('error', () => undefined);
  try {
    await migrate(pool, url);
  } catch (error) {
    await pool.end().catch(() => undefined);
    if (error instanceof DiscernError) throw error;
    throw new DiscernError('STORE', `cannot open the PostgreSQL database: ${(error as Error).message}`, redactUrl(url), { cause: error });
  }
  const store = new PostgresStore(pool, url);
  await store.interruptDeadRuns();
  await store.loadDictionaries();
  return store;
}

const MIGRATION_LOCK = 0x64697363; // 'disc'

async function migrate(pool: pg.Pool, url: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const applied = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const known = listMigrations('postgres');
    const newest = Math.max(0, ...applied);
    if (known.length > 0 && newest > known[known.length - 1].version) {
      throw new DiscernError('STORE', `the database has schema version ${newest}, newer than this Discern knows; upgrade Discern`, redactUrl(url));
    }
    for (const migration of known) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.name, now()]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Corpus findings read per query when a run's are streamed. */
const CORPUS_PAGE = 500;

function now(): string {
  return new Date().toISOString();
}

export class PostgresStore implements ServableStore {
  readonly queries: PostgresQueries;
  readonly reference: PostgresReferenceIndex;
  readonly watch: SqlWatchStore;
  private closed = false;
  /** (kind, label) pairs this store has written to finding_names: most labels recur, so most inserts are skipped */
  private readonly names = new SeenNames();
  /** preset dictionaries of packed values (pack-dictionaries.ts) */
  readonly packer = new DictionaryPacker();

  constructor(
    readonly pool: pg.Pool,
    readonly url: string,
  ) {
    this.queries = new PostgresQueries(pool, (rows) => this.ensureDictionaries(rows));
    this.reference = new PostgresReferenceIndex((sql, params) => this.rows(sql, params), (work) => this.transaction(work));
    const run = (sql: string, params?: unknown[]) => this.rows(numberPlaceholders(sql), params);
    this.watch = new SqlWatchStore({ all: run, write: run });
  }

  private async rows(sql: string, params: unknown[] = []): Promise<Row[]> {
    let rows: Row[];
    try {
      rows = (await this.pool.query(sql, params)).rows as Row[];
    } catch (error) {
      throw storeError(error, this.url);
    }
    await this.ensureDictionaries(rows);
    return rows;
  }

  /** Every dictionary at open: what the packer uses for each purpose, and what values name. */
  async loadDictionaries(): Promise<void> {
    const { rows } = await this.pool.query('SELECT hash, purpose, bytes FROM pack_dictionaries');
    for (const r of rows) this.packer.adopt({ hash: String(r.hash), purpose: String(r.purpose), bytes: r.bytes as Buffer });
  }

  /**
   * Loads the dictionaries these fetched rows name that this process does not have yet
   * (another worker made them after this store opened), so they can be unpacked synchronously.
   */
  async ensureDictionaries(rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
    const missing = unknownDictionaries(rows);
    if (missing.length === 0) return;
    const found = await this.pool.query('SELECT hash, bytes FROM pack_dictionaries WHERE hash = ANY($1::text[])', [missing]);
    for (const r of found.rows) registerDictionary(String(r.hash), r.bytes as Buffer);
  }

  /**
   * Dictionaries the packer built, each stored after the transaction that completed its
   * samples committed (outside it: a rolled-back write must not take with it a dictionary that
   * later values name). The first stored for a purpose wins and every worker adopts it; a
   * failure leaves them for the next write.
   */
  private async storeDictionaries(): Promise<void> {
    for (const d of this.packer.pending()) {
      try {
        await this.pool.query('INSERT INTO pack_dictionaries (hash, purpose, bytes, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [d.hash, d.purpose, d.bytes, now()]);
        const { rows } = await this.pool.query('SELECT hash, purpose, bytes FROM pack_dictionaries WHERE purpose = $1', [d.purpose]);
        if (rows.length === 1) this.packer.adopt({ hash: String(rows[0].hash), purpose: String(rows[0].purpose), bytes: rows[0].bytes as Buffer });
      } catch {
        // values keep being packed without a dictionary until one is stored
      }
    }
  }

  /** One statement that writes, in its own transaction (so the change token moves with it). */
  private async write(sql: string, params: unknown[] = []): Promise<Row[]> {
    return this.transaction(async (client) => (await client.query(sql, params)).rows as Row[]);
  }

  /** Runs `work` in one write transaction on one connection; the change token moves with its commit. */
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw storeError(error, this.url);
    }
    let released = false;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query("SELECT nextval('discern_changes')");
      await client.query('COMMIT');
      client.release();
      released = true;
      await this.storeDictionaries();
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      // names it wrote are gone with the transaction
      this.names.clear();
      throw error instanceof DiscernError ? error : storeError(error, this.url);
    } finally {
      if (!released) client.release();
    }
  }

  async analyzerResults(docId: string): Promise<Map<string, AnalyzerResult>> {
    const rows = await this.rows('SELECT r.analyzer, r.version, r.status, r.message FROM analyzer_results r JOIN documents d ON d.seq = r.doc_key WHERE d.id = $1', [docId]);
    return new Map(rows.map((r) => [String(r.analyzer), { version: String(r.version), status: r.status as AnalyzerResult['status'], message: nullableString(r.message) }]));
  }

  async saveAnalysis(record: DocumentAnalysisRecord): Promise<{ created: boolean }> {
    const { doc } = record;
    return this.transaction(async (client) => {
      const stamp = now();
      const src = doc.source;
      const values = [doc.id, doc.format, src.path ?? null, src.url ?? null, src.title ?? null, src.author ?? null, src.outlet ?? null, src.publishedAt ?? null, doc.lang ?? null, doc.text, stamp];
      const inserted = await client.query(
        `INSERT INTO documents (id, format, path, url, title, author, outlet, published_at, lang, text, ingested_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) ON CONFLICT (id) DO NOTHING RETURNING seq`,
        values,
      );
      const created = inserted.rowCount === 1;
      let key: string = created ? String(inserted.rows[0].seq) : '';
      if (!created) {
        // also takes the row lock: concurrent writers of one document go one after the other
        const updated = await client.query(
          `UPDATE documents SET lang = $2, updated_at = $3, title = COALESCE(title, $4), author = COALESCE(author, $5),
             outlet = COALESCE(outlet, $6), published_at = COALESCE(published_at, $7), url = COALESCE(url, $8) WHERE id = $1 RETURNING seq`,
          [doc.id, doc.lang ?? null, stamp, src.title ?? null, src.author ?? null, src.outlet ?? null, src.publishedAt ?? null, src.url ?? null],
        );
        key = String(updated.rows[0].seq);
      }
      await client.query('INSERT INTO document_origins (doc_id, origin, first_seen_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [doc.id, record.origin, stamp]);
      await client.query('DELETE FROM sections WHERE doc_key = $1', [key]);
      if (doc.sections.length > 0) {
        const s = doc.sections;
        await client.query(
          `INSERT INTO sections (doc_key, idx, kind, start, "end", author, parent, posted_at)
           SELECT $1::bigint, * FROM unnest($2::int[], $3::text[], $4::int[], $5::int[], $6::text[], $7::int[], $8::text[])`,
          [key, s.map((_, i) => i), s.map((x) => x.kind), s.map((x) => x.start), s.map((x) => x.end), s.map((x) => x.author ?? null), s.map((x) => x.parent ?? null), s.map((x) => x.postedAt ?? null)],
        );
      }
      const keys = new Set<number>();
      const newNames: Array<[string, string]> = [];
      for (const [producer, findings] of record.produced) {
        const [name, version] = splitProducer(producer);
        await deleteFindings(client, (rows) => this.ensureDictionaries(rows), doc, key, name);
        await insertFindings(client, this.packer, this.names, newNames, doc.id, key, name, version, findings);
        for (const k of findingKeys(findings)) keys.add(k);
        await upsertResult(client, key, name, version, 'ok', null, stamp);
      }
      await addFindingKeys(client, key, [...keys]);
      await addFindingNames(client, newNames);
      for (const failure of record.failures) {
        const [name, version] = splitProducer(failure.analyzer);
        await upsertResult(client, key, name, version, 'failed', failure.message, stamp);
      }
      if (record.states) await writeStates(client, this.packer, doc.id, key, record.states, stamp);
      return { created };
    });
  }

  async saveCorpusStates(docId: string, states: Map<string, unknown>, failures: Array<{ analyzer: string; message: string }> = []): Promise<void> {
    await this.transaction(async (client) => {
      const stamp = now();
      const { rows } = await client.query('SELECT seq FROM documents WHERE id = $1', [docId]);
      if (rows.length === 0) throw new DiscernError('STORE', 'corpus states of a document that is not stored', docId);
      const key = String(rows[0].seq);
      await writeStates(client, this.packer, docId, key, states, stamp);
      for (const failure of failures) {
        const [name, version] = splitProducer(failure.analyzer);
        await upsertResult(client, key, name, version, 'failed', failure.message, stamp);
      }
    });
  }

  async countScope(scope: CorpusScope): Promise<number> {
    const [row] = scope.runId === undefined ? await this.rows('SELECT COUNT(*) AS n FROM documents') : await this.rows('SELECT COUNT(*) AS n FROM run_documents WHERE run_id = $1', [scope.runId]);
    return Number(row.n);
  }

  /**
   * Rows of the documents in scope, a page at a time, in corpus order (keyset pagination:
   * no cursor stays open between pages). `columns` and `join` add what the caller reads.
   */
  private async *scopePages(scope: CorpusScope, columns: string, join = '', params: unknown[] = []): AsyncGenerator<Row[]> {
    const n = params.length;
    let after: [string, string] = ['', ''];
    let position = 0;
    for (;;) {
      const rows =
        scope.runId === undefined
          ? await this.rows(
              `SELECT d.id, d.ingested_at${columns} FROM documents d ${join}
               WHERE d.ingested_at COLLATE "C" > $${n + 1} OR (d.ingested_at = $${n + 1} AND d.id COLLATE "C" > $${n + 2})
               ORDER BY d.ingested_at COLLATE "C", d.id COLLATE "C" LIMIT ${PAGE}`,
              [...params, after[0], after[1]],
            )
          : await this.rows(
              `SELECT d.id, r.position${columns} FROM run_documents r JOIN documents d ON d.id = r.doc_id ${join}
               WHERE r.run_id = $${n + 1} AND r.position > $${n + 2} ORDER BY r.position LIMIT ${PAGE}`,
              [...params, scope.runId, position],
            );
      if (rows.length === 0) return;
      const last = rows[rows.length - 1];
      if (scope.runId === undefined) after = [String(last.ingested_at), String(last.id)];
      else position = Number(last.position);
      yield rows;
      if (rows.length < PAGE) return;
    }
  }

  async *iterateDocuments(scope: CorpusScope): AsyncIterable<Document> {
    for await (const page of this.scopePages(scope, '')) {
      for (const r of page) {
        const doc = await this.getDocument(String(r.id));
        if (doc) yield doc;
      }
    }
  }

  async documentText(docId: string): Promise<string | null> {
    const [row] = await this.rows('SELECT text FROM documents WHERE id = $1', [docId]);
    return row ? String(row.text) : null;
  }

  async *iterateCorpusStates(producer: string, scope: CorpusScope): AsyncIterable<{ doc: DocumentRef; state: unknown }> {
    const [name, version] = splitProducer(producer);
    const join = 'LEFT JOIN corpus_states s ON s.doc_id = d.id AND s.analyzer = $1 AND s.version = $2';
    for await (const page of this.scopePages(scope, ', d.title, d.outlet, d.path, d.url, d.published_at, s.state', join, [name, version])) {
      for (const r of page) {
        yield {
          doc: { id: String(r.id), title: nullableString(r.title), outlet: nullableString(r.outlet), path: nullableString(r.path), url: nullableString(r.url), publishedAt: nullableString(r.published_at) },
          state: r.state === null || r.state === undefined ? null : unpackJson(r.state),
        };
      }
    }
  }

  async corpusState(producer: string, docId: string): Promise<unknown> {
    const [name, version] = splitProducer(producer);
    const [row] = await this.rows('SELECT state FROM corpus_states WHERE analyzer = $1 AND version = $2 AND doc_id = $3', [name, version, docId]);
    return row ? unpackJson(row.state) : null;
  }

  async *documentsLackingStates(producers: string[], scope: CorpusScope): AsyncIterable<string> {
    const wanted = producers.map(splitProducer);
    for await (const page of this.scopePages(scope, '')) {
      const ids = page.map((r) => String(r.id));
      const have = new Set(
        (await this.rows(`SELECT d.id AS doc_id, r.analyzer, r.version FROM analyzer_results r JOIN documents d ON d.seq = r.doc_key WHERE d.id = ANY($1) AND r.status = 'ok'`, [ids])).map(
          (r) => `${r.doc_id}\u0000${r.analyzer}@${r.version}`,
        ),
      );
      for (const id of ids) if (wanted.some(([n, v]) => !have.has(`${id}\u0000${n}@${v}`))) yield id;
    }
  }

  async getDocument(id: string): Promise<Document | null> {
    const [row] = await this.rows('SELECT * FROM documents WHERE id = $1', [id]);
    if (!row) return null;
    const sections = await this.rows('SELECT * FROM sections WHERE doc_key = $1 ORDER BY idx', [row.seq]);
    return toDocument(row, sections);
  }

  async listDocuments(query: DocumentQuery = {}): Promise<Document[]> {
    if (query.ids) {
      const docs: Document[] = [];
      for (const id of query.ids) {
        const doc = await this.getDocument(id);
        if (doc) docs.push(doc);
      }
      return docs;
    }
    const rows = await this.rows('SELECT id FROM documents ORDER BY ingested_at COLLATE "C", id COLLATE "C" LIMIT $1 OFFSET $2', [query.limit ?? null, query.offset ?? 0]);
    const docs: Document[] = [];
    for (const r of rows) {
      const doc = await this.getDocument(String(r.id));
      if (doc) docs.push(doc);
    }
    return docs;
  }

  async countDocuments(): Promise<number> {
    const [row] = await this.rows('SELECT COUNT(*) AS n FROM documents');
    return Number(row.n);
  }

  async getFindings(docId: string): Promise<Finding[]> {
    const [doc] = await this.rows('SELECT seq, text FROM documents WHERE id = $1', [docId]);
    if (!doc) return [];
    const findings: Finding[] = [];
    for (const set of await this.rows('SELECT analyzer, version, findings FROM finding_sets WHERE doc_key = $1', [doc.seq])) {
      for (const f of unpackFindings(set.findings, docId, String(set.analyzer), String(set.version), String(doc.text))) findings.push(f);
    }
    return sortFindings(findings);
  }

  async startRun(info: RunInfo): Promise<number> {
    const [row] = await this.write(
      `INSERT INTO runs (command, tool_version, inputs, options_hash, started_at, status, pid, host, process_token) VALUES ($1, $2, $3, $4, $5, 'running', $6, $7, $8) RETURNING id`,
      [info.command, info.toolVersion, JSON.stringify(info.inputs), info.optionsHash, now(), process.pid, hostname(), PROCESS_TOKEN],
    );
    return Number(row.id);
  }

  async addRunDocument(runId: number, docId: string, position: number): Promise<void> {
    await this.write('INSERT INTO run_documents (run_id, doc_id, position) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [runId, docId, position]);
  }

  async addRunError(runId: number, error: InputError): Promise<void> {
    await this.write('INSERT INTO run_errors (run_id, input, code, message) VALUES ($1, $2, $3, $4)', [runId, error.input, error.code, error.message]);
  }

  /** Texts of the documents these corpus findings' members quote. */
  private async memberTexts(members: Iterable<readonly CorpusMember[]>): Promise<(doc: string) => string | null> {
    const texts = new Map<string, string>();
    const docs = memberDocs(members);
    for (let i = 0; i < docs.length; i += 500) {
      for (const r of await this.rows('SELECT id, text FROM documents WHERE id = ANY($1::text[])', [docs.slice(i, i + 500)])) texts.set(String(r.id), String(r.text));
    }
    return (doc) => texts.get(doc) ?? null;
  }

  async addCorpusFindings(runId: number, corpusFindings: CorpusFinding[]): Promise<void> {
    if (corpusFindings.length === 0) return;
    await this.primeCorpusDictionaries(corpusFindings);
    await this.transaction((client) => this.insertCorpusFindings(client, runId, corpusFindings));
  }

  async finishRun(runId: number, status: RunRecord['status'], corpusFindings: CorpusFinding[]): Promise<void> {
    await this.primeCorpusDictionaries(corpusFindings);
    await this.transaction(async (client) => {
      await this.insertCorpusFindings(client, runId, corpusFindings);
      await client.query('UPDATE runs SET status = $1, finished_at = $2 WHERE id = $3', [status, now(), runId]);
    });
  }

  /** A batch of corpus findings makes the dictionaries of its analysers' members and payloads, stored before the batch (pack-dictionaries.ts prime). */
  private async primeCorpusDictionaries(corpusFindings: readonly CorpusFinding[]): Promise<void> {
    for (const [analyzer, all] of groupBy(corpusFindings, (f) => f.analyzer)) {
      if (all.length <= SAMPLES) continue;
      const batch = all.slice(0, SAMPLES + 1);
      const texts = await this.memberTexts(batch.map((f) => f.members));
      this.packer.prime(purposes.members(analyzer), batch.map((f) => membersForStore(f.members, texts)));
      this.packer.prime(purposes.data(analyzer), batch.flatMap((f) => (f.data === undefined ? [] : [f.data])));
    }
    await this.storeDictionaries();
  }

  private async insertCorpusFindings(client: pg.PoolClient, runId: number, corpusFindings: CorpusFinding[]): Promise<void> {
    for (let i = 0; i < corpusFindings.length; i += 1000) {
      const batch = dedupeById(corpusFindings.slice(i, i + 1000));
      const texts = await this.memberTexts(batch.map((f) => f.members));
      await client.query(
        `INSERT INTO corpus_findings (run_id, id, analyzer, kind, label, score, explanation, members, data)
         SELECT $1::bigint, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::text[], $8::bytea[], $9::bytea[])
         ON CONFLICT (run_id, id) DO UPDATE SET analyzer = excluded.analyzer, kind = excluded.kind, label = excluded.label, score = excluded.score,
           explanation = excluded.explanation, members = excluded.members, data = excluded.data`,
        [
          runId,
          batch.map((f) => f.id),
          batch.map((f) => f.analyzer),
          batch.map((f) => f.kind),
          batch.map((f) => f.label),
          batch.map((f) => f.score),
          batch.map((f) => f.explanation),
          batch.map((f) => packJson(membersForStore(f.members, texts), this.packer, purposes.members(f.analyzer))),
          batch.map((f) => (f.data === undefined ? null : packJson(f.data, this.packer, purposes.data(f.analyzer)))),
        ],
      );
    }
  }

  async getRun(id: number): Promise<RunRecord | null> {
    const [row] = await this.rows('SELECT * FROM runs WHERE id = $1', [id]);
    return row ? toRun(row) : null;
  }

  async latestRun(): Promise<RunRecord | null> {
    const [row] = await this.rows(`SELECT * FROM runs WHERE status != 'running' ORDER BY id DESC LIMIT 1`);
    return row ? toRun(row) : null;
  }

  async runDocumentIds(runId: number): Promise<string[]> {
    return (await this.rows('SELECT doc_id FROM run_documents WHERE run_id = $1 ORDER BY position, doc_id COLLATE "C"', [runId])).map((r) => String(r.doc_id));
  }

  async runErrors(runId: number): Promise<InputError[]> {
    return (await this.rows('SELECT input, code, message FROM run_errors WHERE run_id = $1 ORDER BY seq', [runId])).map((r) => ({ input: String(r.input), code: String(r.code), message: String(r.message) }));
  }

  async corpusFindings(runId: number): Promise<CorpusFinding[]> {
    const out: CorpusFinding[] = [];
    for await (const f of this.iterateCorpusFindings(runId)) out.push(f);
    return out;
  }

  async *iterateCorpusFindings(runId: number): AsyncIterable<CorpusFinding> {
    for (let after = -1; ; ) {
      const rows = await this.rows('SELECT * FROM corpus_findings WHERE run_id = $1 AND seq > $2 ORDER BY seq LIMIT $3', [runId, after, CORPUS_PAGE]);
      for (const f of await this.corpusFindingsOf(rows)) yield f;
      if (rows.length < CORPUS_PAGE) return;
      after = Number(rows[rows.length - 1].seq);
    }
  }

  private async corpusFindingsOf(rows: Row[]): Promise<CorpusFinding[]> {
    const members = rows.map((r) => unpackJson(r.members) as CorpusMember[]);
    const texts = await this.memberTexts(members);
    return rows.map((r, i) => ({
      id: String(r.id),
      analyzer: String(r.analyzer),
      kind: String(r.kind),
      label: String(r.label),
      score: Number(r.score),
      explanation: String(r.explanation),
      members: withMemberQuotes(members[i], texts),
      ...(r.data ? { data: unpackJson(r.data) as FindingData } : {}),
    }));
  }

  async findFinding(id: string): Promise<{ doc: string; finding: Finding } | null> {
    const docs = await this.rows('SELECT d.id AS doc_id FROM finding_keys k JOIN documents d ON d.seq = k.doc_key WHERE discern_key_halves(k.keys) @> $1::integer[] ORDER BY d.id COLLATE "C"', [keyHalves(findingKey(id))]);
    for (const row of docs) {
      const doc = String(row.doc_id);
      const finding = (await this.getFindings(doc)).find((f) => f.id === id);
      if (finding) return { doc, finding };
    }
    return null;
  }

  async addReview(review: ReviewDraft): Promise<Review> {
    const createdAt = now();
    const { target } = review;
    const [row] = await this.write(
      `INSERT INTO reviews (doc_id, kind, label, start, "end", quote, finding_id, analyzer, status, correction, verdict, note, reviewer, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $14::timestamptz) RETURNING id`,
      [target.doc, target.kind, target.label, target.start, target.end, target.quote, review.findingId, review.analyzer, review.status,
        review.correction ? JSON.stringify(review.correction) : null, review.verdict, review.note, review.reviewer, createdAt],
    );
    return { ...review, id: Number(row.id), createdAt };
  }

  async listReviews(query: ReviewQuery = {}): Promise<Review[]> {
    const rows = query.doc === undefined ? await this.rows('SELECT * FROM reviews ORDER BY id') : await this.rows('SELECT * FROM reviews WHERE doc_id = $1 ORDER BY id', [query.doc]);
    return rows.map(reviewFromRow);
  }

  async changeToken(): Promise<string> {
    const [row] = await this.rows('SELECT last_value, is_called FROM discern_changes');
    return `${row.is_called ? String(row.last_value) : '0'}`;
  }

  /**
   * Runs left 'running' by a process of this host that no longer exists (kill -9, a crash)
   * become 'interrupted', as on SQLite. Runs of other hosts, and queued runs (finished by
   * whichever worker runs their corpus job), are left alone.
   */
  async interruptDeadRuns(): Promise<void> {
    const rows = await this.rows(`SELECT id, pid, process_token FROM runs WHERE status = 'running' AND pid IS NOT NULL AND host = $1`, [hostname()]);
    const dead = rows.filter((r) => !ownerAlive(Number(r.pid), nullableString(r.process_token)));
    if (dead.length === 0) return;
    await this.write(`UPDATE runs SET status = 'interrupted', finished_at = $1 WHERE id = ANY($2::bigint[]) AND status = 'running'`, [now(), dead.map((r) => Number(r.id))]);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/** Removes one analyser's set and the label rows it accounts for (the old set says which: no index by document needed). */
async function deleteFindings(client: pg.PoolClient, ensureDictionaries: (rows: Row[]) => Promise<void>, doc: Document, key: string, name: string): Promise<void> {
  const { rows } = await client.query('DELETE FROM finding_sets WHERE doc_key = $1 AND analyzer = $2 RETURNING version, findings', [key, name]);
  if (rows.length === 0) return;
  await ensureDictionaries(rows);
  const counts = labelCounts(unpackFindings(rows[0].findings, doc.id, name, String(rows[0].version), doc.text));
  await client.query(
    `DELETE FROM finding_labels l USING unnest($3::text[], $4::text[], $5::text[], $6::text[]) AS o(kind, label, facet, surface)
     WHERE l.kind = o.kind AND l.label = o.label AND l.doc_key = $1 AND l.analyzer = $2 AND l.facet = o.facet AND l.surface = o.surface`,
    [key, name, counts.map((c) => c.kind), counts.map((c) => c.label), counts.map((c) => c.facet), counts.map((c) => c.surface)],
  );
}

/** One analyser's findings of one document: the packed set and its label counts (see finding-sets.ts). */
async function insertFindings(client: pg.PoolClient, packer: DictionaryPacker, names: SeenNames, newNames: Array<[string, string]>, docId: string, key: string, name: string, version: string, findings: Finding[]): Promise<void> {
  if (findings.length === 0) return;
  await client.query('INSERT INTO finding_sets (doc_key, analyzer, version, counts, findings) VALUES ($1, $2, $3, $4, $5)', [key, name, version, kindCounts(findings), packFindings(docId, findings, packer, `${name}@${version}`)]);
  const counts = labelCounts(findings);
  await client.query(
    `INSERT INTO finding_labels (kind, label, doc_key, analyzer, facet, surface, n, scores)
     SELECT f.kind, f.label, $1::bigint, $2::text, f.facet, f.surface, f.n, f.scores
     FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[]) AS f(kind, label, facet, surface, n, scores)`,
    [key, name, counts.map((c) => c.kind), counts.map((c) => c.label), counts.map((c) => c.facet), counts.map((c) => c.surface), counts.map((c) => c.n), counts.map((c) => JSON.stringify(c.scores))],
  );
  for (const c of counts) if (names.add(c.kind, c.label)) newNames.push([c.kind, c.label]);
}

/**
 * (kind, label) pairs new to finding_names, in one statement at the end of the transaction
 * and in one order, so concurrent writers that add the same names never wait on each other
 * in opposite orders (a deadlock).
 */
async function addFindingNames(client: pg.PoolClient, newNames: Array<[string, string]>): Promise<void> {
  if (newNames.length === 0) return;
  newNames.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  await client.query('INSERT INTO finding_names (kind, label) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING', [newNames.map((n) => n[0]), newNames.map((n) => n[1])]);
}


/**
 * A finding key as the key index holds it (`discern_key_halves`, migration 021): its high 16
 * bits, and its low 16 bits tagged with 65536. A lookup asks for both; GIN then reads two long,
 * compressed posting lists instead of one entry per finding.
 */
export function keyHalves(key: number): [number, number] {
  return [(key >>> 16) & 0xffff, 0x10000 + (key & 0xffff)];
}

/** The id keys of a document's findings, one array per document; keys of earlier findings stay (harmless: a lookup checks the id). */
async function addFindingKeys(client: pg.PoolClient, key: string, keys: number[]): Promise<void> {
  if (keys.length === 0) return;
  await client.query(
    `INSERT INTO finding_keys (doc_key, keys) VALUES ($1, $2::integer[])
     ON CONFLICT (doc_key) DO UPDATE SET keys = ARRAY(SELECT DISTINCT k FROM unnest(finding_keys.keys || excluded.keys) AS k ORDER BY k)
     WHERE NOT finding_keys.keys @> excluded.keys`,
    [key, keys.sort((a, b) => a - b)],
  );
}

async function writeStates(client: pg.PoolClient, packer: DictionaryPacker, docId: string, key: string, states: Map<string, unknown>, stamp: string): Promise<void> {
  for (const [producer, state] of states) {
    const [name, version] = splitProducer(producer);
    if (state === null || state === undefined) await client.query('DELETE FROM corpus_states WHERE doc_id = $1 AND analyzer = $2', [docId, name]);
    else {
      await client.query(
        `INSERT INTO corpus_states (doc_id, analyzer, version, state) VALUES ($1, $2, $3, $4)
         ON CONFLICT (analyzer, doc_id) DO UPDATE SET version = excluded.version, state = excluded.state`,
        [docId, name, version, packJson(state, packer, purposes.state(producer))],
      );
    }
    await upsertResult(client, key, name, version, 'ok', null, stamp);
  }
}

async function upsertResult(client: pg.PoolClient, key: string, name: string, version: string, status: 'ok' | 'failed', message: string | null, stamp: string): Promise<void> {
  await client.query(
    `INSERT INTO analyzer_results (doc_key, analyzer, version, status, message, analysed_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (doc_key, analyzer) DO UPDATE SET version = excluded.version, status = excluded.status, message = excluded.message, analysed_at = excluded.analysed_at`,
    [key, name, version, status, message, stamp],
  );
}

/** The last of each id wins, as INSERT OR REPLACE does on SQLite (one statement may not touch a row twice here). */
function dedupeById<T extends { id: string }>(items: T[]): T[] {
  const byId = new Map<string, T>();
  for (const item of items) {
    byId.delete(item.id);
    byId.set(item.id, item);
  }
  return byId.size === items.length ? items : [...byId.values()];
}

function toDocument(row: Row, sectionRows: Row[]): Document {
  const sections = sectionRows.map((s): Section => {
    const section: Section = { kind: s.kind as Section['kind'], start: Number(s.start), end: Number(s.end) };
    if (s.kind === 'comment') {
      section.author = nullableString(s.author);
      section.parent = s.parent === null ? null : Number(s.parent);
      if (s.posted_at) section.postedAt = String(s.posted_at);
    }
    return section;
  });
  return {
    id: String(row.id),
    format: row.format as Document['format'],
    source: {
      path: nullableString(row.path),
      url: nullableString(row.url),
      title: nullableString(row.title),
      author: nullableString(row.author),
      outlet: nullableString(row.outlet),
      publishedAt: nullableString(row.published_at),
    },
    text: String(row.text),
    sections,
    lang: nullableString(row.lang),
  };
}

function toRun(row: Row): RunRecord {
  return {
    id: Number(row.id),
    command: String(row.command),
    toolVersion: String(row.tool_version),
    inputs: JSON.parse(String(row.inputs)) as string[],
    optionsHash: String(row.options_hash),
    startedAt: String(row.started_at),
    finishedAt: nullableString(row.finished_at),
    status: row.status as RunRecord['status'],
  };
}

export function storeError(error: unknown, url: string): DiscernError {
  if (error instanceof DiscernError) return error;
  return new DiscernError('STORE', `PostgreSQL: ${(error as Error).message}`, redactUrl(url), { cause: error });
}
