import type { Row } from './rows.js';
import {
  itemKey,
  type AlertInput,
  type AlertQuery,
  type PollRecord,
  type StoredAlert,
  type WatchItem,
  type WatchItemInput,
  type WatchSourceDefinition,
  type WatchSourceRecord,
  type WatchStore,
} from './watch.js';

/**
 * The watch tables (migrations 009, 011) on either backend: every write is one statement (upserts
 * with ON CONFLICT, inserts with RETURNING), so no backend-specific transaction is needed and
 * one implementation serves SQLite and PostgreSQL through a two-method executor. SQL is
 * written with `?` placeholders; the PostgreSQL executor numbers them.
 */

export interface SqlExecutor {
  all(sql: string, params?: unknown[]): Promise<Row[]>;
  /** a statement that writes (SQLite: retried while another writer holds the lock) */
  write(sql: string, params?: unknown[]): Promise<Row[]>;
}

/** `?` → `$1, $2, …` for PostgreSQL (the watch SQL has no `?` inside literals). */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const DAY_MS = 86_400_000;
const IN_BATCH = 200;
/** index keys inserted per statement (3 parameters each) */
const KEY_BATCH = 300;
/** keys per candidate-counting statement (SQLite allows 32,766 parameters) */
const SHARED_BATCH = 2000;

const now = () => new Date().toISOString();
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const json = <T>(v: unknown, fallback: T): T => (typeof v === 'string' ? (JSON.parse(v) as T) : fallback);

export class SqlWatchStore implements WatchStore {
  constructor(private readonly sql: SqlExecutor) {}

  async saveSource(source: WatchSourceDefinition): Promise<void> {
    await this.sql.write(
      `INSERT INTO watch_sources (url, name, side, tags, type, added_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (url) DO UPDATE SET name = excluded.name, side = excluded.side, tags = excluded.tags, type = excluded.type`,
      [source.url, source.name, source.side, JSON.stringify(source.tags), source.type, now()],
    );
  }

  async listSources(): Promise<WatchSourceRecord[]> {
    return this.sources('', []);
  }

  async getSource(url: string): Promise<WatchSourceRecord | null> {
    return (await this.sources('WHERE s.url = ?', [url]))[0] ?? null;
  }

  private async sources(where: string, params: unknown[]): Promise<WatchSourceRecord[]> {
    const t = Date.now();
    const day = new Date(t - DAY_MS).toISOString();
    const week = new Date(t - 7 * DAY_MS).toISOString();
    const rows = await this.sql.all(
      `SELECT s.*,
         (SELECT COUNT(*) FROM watch_items i WHERE i.source_url = s.url AND i.status IN ('stored', 'duplicate')) AS items,
         (SELECT COUNT(*) FROM watch_items i WHERE i.source_url = s.url AND i.status IN ('stored', 'duplicate') AND i.first_seen_at >= ?) AS items_day,
         (SELECT COUNT(*) FROM watch_items i WHERE i.source_url = s.url AND i.status IN ('stored', 'duplicate') AND i.first_seen_at >= ?) AS items_week
       FROM watch_sources s ${where} ORDER BY lower(COALESCE(s.name, s.url)), s.url`,
      [day, week, ...params],
    );
    return rows.map((r) => {
      // a source watched for less than a week: the mean is over the days it has been watched
      const days = Math.min(7, Math.max(1, (t - Date.parse(String(r.added_at))) / DAY_MS));
      return {
        url: String(r.url),
        name: text(r.name),
        side: text(r.side),
        tags: json<string[]>(r.tags, []),
        type: String(r.type),
        feedTitle: text(r.feed_title),
        etag: text(r.etag),
        lastModified: text(r.last_modified),
        lastPollAt: text(r.last_poll_at),
        lastOkAt: text(r.last_ok_at),
        lastStatus: text(r.last_status) as WatchSourceRecord['lastStatus'],
        lastError: text(r.last_error),
        failures: Number(r.failures),
        nextPollAt: text(r.next_poll_at),
        items: Number(r.items),
        itemsLastDay: Number(r.items_day),
        itemsPerDay: Math.round((Number(r.items_week) / days) * 10) / 10,
      };
    });
  }

  async recordPoll(poll: PollRecord): Promise<void> {
    const good = poll.status === 'ok' || poll.status === 'not-modified';
    const failed = poll.status === 'error';
    await this.sql.write(
      `UPDATE watch_sources SET last_poll_at = ?, last_status = ?, last_error = ?,
         last_ok_at = CASE WHEN ? = 1 THEN ? ELSE last_ok_at END,
         failures = CASE WHEN ? = 1 THEN failures + 1 WHEN ? = 1 THEN 0 ELSE failures END,
         next_poll_at = ?,
         etag = CASE WHEN ? = 1 THEN ? ELSE etag END,
         last_modified = CASE WHEN ? = 1 THEN ? ELSE last_modified END,
         feed_title = COALESCE(?, feed_title)
       WHERE url = ?`,
      [
        poll.at,
        poll.status,
        failed ? (poll.error ?? 'failed') : null,
        good ? 1 : 0,
        poll.at,
        failed ? 1 : 0,
        good ? 1 : 0,
        poll.nextPollAt ?? null,
        poll.etag !== undefined ? 1 : 0,
        poll.etag ?? null,
        poll.lastModified !== undefined ? 1 : 0,
        poll.lastModified ?? null,
        poll.feedTitle ?? null,
        poll.url,
      ],
    );
  }

  async findItems(sourceUrl: string, candidates: Array<{ guid: string | null; url: string | null }>): Promise<Array<WatchItem | null>> {
    const byUrl = new Map<string, WatchItem>();
    const byGuid = new Map<string, WatchItem>();
    const urls = [...new Set(candidates.map((c) => c.url).filter((u): u is string => u !== null))];
    const guids = [...new Set(candidates.map((c) => c.guid).filter((g): g is string => g !== null))];
    for (let i = 0; i < urls.length; i += IN_BATCH) {
      const batch = urls.slice(i, i + IN_BATCH);
      for (const r of await this.sql.all(`SELECT * FROM watch_items WHERE url IN (${batch.map(() => '?').join(', ')})`, batch)) {
        const item = toItem(r);
        if (item.url && !byUrl.has(item.url)) byUrl.set(item.url, item);
      }
    }
    for (let i = 0; i < guids.length; i += IN_BATCH) {
      const batch = guids.slice(i, i + IN_BATCH);
      for (const r of await this.sql.all(`SELECT * FROM watch_items WHERE source_url = ? AND guid IN (${batch.map(() => '?').join(', ')})`, [sourceUrl, ...batch])) {
        const item = toItem(r);
        if (item.guid) byGuid.set(item.guid, item);
      }
    }
    return candidates.map((c) => (c.guid !== null ? byGuid.get(c.guid) : undefined) ?? (c.url !== null ? byUrl.get(c.url) : undefined) ?? null);
  }

  async saveItem(item: WatchItemInput): Promise<void> {
    const stamp = now();
    await this.sql.write(
      `INSERT INTO watch_items (key, source_url, guid, url, title, published_at, doc_id, status, error, attempts, first_seen_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
       ON CONFLICT (key) DO UPDATE SET doc_id = COALESCE(excluded.doc_id, watch_items.doc_id), status = excluded.status, error = excluded.error,
         title = COALESCE(excluded.title, watch_items.title), published_at = COALESCE(excluded.published_at, watch_items.published_at),
         attempts = watch_items.attempts + 1, updated_at = excluded.updated_at`,
      [itemKey(item), item.sourceUrl, item.guid, item.url, item.title, item.publishedAt, item.docId, item.status, item.error ?? null, stamp, stamp],
    );
  }

  async sourcesOfDocuments(docIds: string[]): Promise<Map<string, { url: string; name: string | null; side: string | null; firstSeenAt: string }>> {
    const out = new Map<string, { url: string; name: string | null; side: string | null; firstSeenAt: string }>();
    const ids = [...new Set(docIds)];
    for (let i = 0; i < ids.length; i += IN_BATCH) {
      const batch = ids.slice(i, i + IN_BATCH);
      const rows = await this.sql.all(
        `SELECT i.doc_id, i.source_url, i.first_seen_at, s.name, s.side FROM watch_items i LEFT JOIN watch_sources s ON s.url = i.source_url
         WHERE i.doc_id IN (${batch.map(() => '?').join(', ')}) ORDER BY i.first_seen_at, i.key`,
        batch,
      );
      for (const r of rows) {
        const doc = String(r.doc_id);
        if (!out.has(doc)) out.set(doc, { url: String(r.source_url), name: text(r.name), side: text(r.side), firstSeenAt: String(r.first_seen_at) });
      }
    }
    return out;
  }

  async addAlerts(alerts: AlertInput[]): Promise<StoredAlert[]> {
    const added: StoredAlert[] = [];
    for (const alert of alerts) {
      const rows = await this.sql.write(
        `INSERT INTO watch_alerts (key, type, time, summary, documents, evidence, data) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (key) DO NOTHING RETURNING id`,
        [alert.key, alert.type, alert.time, alert.summary, JSON.stringify(alert.documents), JSON.stringify(alert.evidence), alert.data === undefined ? null : JSON.stringify(alert.data)],
      );
      if (rows.length > 0) added.push({ ...alert, id: Number(rows[0].id) });
    }
    return added;
  }

  async listAlerts(query: AlertQuery = {}): Promise<StoredAlert[]> {
    const limit = Math.max(1, Math.min(query.limit ?? 100, 1000));
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.afterId !== undefined) {
      where.push('id > ?');
      params.push(query.afterId);
    }
    if (query.type) {
      where.push('type = ?');
      params.push(query.type);
    }
    const order = query.afterId !== undefined ? 'ASC' : 'DESC';
    const rows = await this.sql.all(`SELECT * FROM watch_alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id ${order} LIMIT ?`, [...params, limit]);
    return rows.map((r) => ({
      id: Number(r.id),
      key: String(r.key),
      type: String(r.type),
      time: String(r.time),
      summary: String(r.summary),
      documents: json(r.documents, []),
      evidence: json(r.evidence, []),
      ...(r.data !== null && r.data !== undefined ? { data: json<Record<string, unknown>>(r.data, {}) } : {}),
    }));
  }

  async indexDocument(doc: string, version: string, keys: ReadonlyArray<{ kind: string; key: number }>): Promise<void> {
    // the marker is written last: a crash in between leaves the document listed for indexing again
    await this.sql.write('DELETE FROM watch_indexed WHERE doc = ?', [doc]);
    await this.sql.write('DELETE FROM watch_keys WHERE doc = ?', [doc]);
    const unique = new Map<string, { kind: string; key: number }>();
    for (const k of keys) unique.set(`${k.kind}:${k.key >>> 0}`, { kind: k.kind, key: k.key >>> 0 });
    const rows = [...unique.values()];
    for (let i = 0; i < rows.length; i += KEY_BATCH) {
      const batch = rows.slice(i, i + KEY_BATCH);
      await this.sql.write(
        `INSERT INTO watch_keys (kind, key, doc) VALUES ${batch.map(() => '(?, ?, ?)').join(', ')} ON CONFLICT DO NOTHING`,
        batch.flatMap((k) => [k.kind, k.key, doc]),
      );
    }
    await this.sql.write('INSERT INTO watch_indexed (doc, version, indexed_at) VALUES (?, ?, ?)', [doc, version, now()]);
  }

  async keyDocuments(kind: string, keys: readonly number[], cap: number): Promise<Map<number, { count: number; docs: string[] }>> {
    const out = new Map<number, { count: number; docs: string[] }>();
    const wanted = [...new Set(keys.map((k) => k >>> 0))];
    for (let i = 0; i < wanted.length; i += IN_BATCH) {
      const batch = wanted.slice(i, i + IN_BATCH);
      const marks = batch.map(() => '?').join(', ');
      const small: number[] = [];
      for (const r of await this.sql.all(`SELECT key, COUNT(*) AS n FROM watch_keys WHERE kind = ? AND key IN (${marks}) GROUP BY key`, [kind, ...batch])) {
        const key = Number(r.key);
        const count = Number(r.n);
        out.set(key, { count, docs: [] });
        if (count <= cap) small.push(key);
      }
      if (small.length === 0) continue;
      for (const r of await this.sql.all(`SELECT key, doc FROM watch_keys WHERE kind = ? AND key IN (${small.map(() => '?').join(', ')}) ORDER BY key, doc`, [kind, ...small])) {
        out.get(Number(r.key))?.docs.push(String(r.doc));
      }
    }
    return out;
  }

  async documentsSharingKeys(kind: string, keys: readonly number[], options: { minShared: number; limit: number }): Promise<Array<{ doc: string; shared: number }>> {
    const wanted = [...new Set(keys.map((k) => k >>> 0))];
    if (wanted.length === 0) return [];
    const limit = Math.max(1, Math.floor(options.limit));
    const minShared = Math.max(1, Math.floor(options.minShared));
    const counts = new Map<string, number>();
    const chunks = Math.ceil(wanted.length / SHARED_BATCH);
    for (let i = 0; i < wanted.length; i += SHARED_BATCH) {
      const batch = wanted.slice(i, i + SHARED_BATCH);
      // one statement: the database counts and ranks; over several statements the counts are summed here
      const rows = await this.sql.all(
        `SELECT doc, COUNT(*) AS n FROM watch_keys WHERE kind = ? AND key IN (${batch.map(() => '?').join(', ')}) GROUP BY doc
         ${chunks === 1 ? 'HAVING COUNT(*) >= ? ORDER BY n DESC, doc LIMIT ?' : ''}`,
        chunks === 1 ? [kind, ...batch, minShared, limit] : [kind, ...batch],
      );
      for (const r of rows) counts.set(String(r.doc), (counts.get(String(r.doc)) ?? 0) + Number(r.n));
    }
    return [...counts]
      .filter(([, n]) => n >= minShared)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, limit)
      .map(([doc, shared]) => ({ doc, shared }));
  }

  async documentsToIndex(version: string, limit: number): Promise<string[]> {
    const rows = await this.sql.all(
      `SELECT d.id FROM documents d LEFT JOIN watch_indexed x ON x.doc = d.id AND x.version = ? WHERE x.doc IS NULL ORDER BY d.id LIMIT ?`,
      [version, Math.max(1, Math.floor(limit))],
    );
    return rows.map((r) => String(r.id));
  }

  async getState(key: string): Promise<unknown> {
    const [row] = await this.sql.all('SELECT value FROM watch_state WHERE key = ?', [key]);
    return row ? JSON.parse(String(row.value)) : null;
  }

  async setState(key: string, value: unknown): Promise<void> {
    await this.sql.write('INSERT INTO watch_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, JSON.stringify(value)]);
  }
}

function toItem(r: Row): WatchItem {
  return {
    key: String(r.key),
    sourceUrl: String(r.source_url),
    guid: text(r.guid),
    url: text(r.url),
    title: text(r.title),
    publishedAt: text(r.published_at),
    docId: text(r.doc_id),
    status: String(r.status) as WatchItem['status'],
    error: text(r.error),
    attempts: Number(r.attempts),
    firstSeenAt: String(r.first_seen_at),
  };
}
