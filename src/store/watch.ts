/**
 * What `discern watch` keeps (migration 009): the sources with their health and conditional-
 * request validators, every feed item seen (so each is fetched once), the alerts raised, and
 * small snapshots of corpus findings between polls (so an alert says what is new). A narrow
 * interface of its own, reached as `store.watch`, with one contract suite (watch.contract.ts)
 * run against every backend.
 */

export interface WatchSourceDefinition {
  url: string;
  name: string | null;
  side: string | null;
  tags: string[];
  type: string;
}

export type PollStatus = 'ok' | 'not-modified' | 'error' | 'skipped';

export interface WatchSourceRecord extends WatchSourceDefinition {
  feedTitle: string | null;
  etag: string | null;
  lastModified: string | null;
  lastPollAt: string | null;
  lastOkAt: string | null;
  lastStatus: PollStatus | null;
  lastError: string | null;
  /** polls failed in a row (0 after a good one) */
  failures: number;
  /** not polled again before this time (backoff, Retry-After); null: at the next round */
  nextPollAt: string | null;
  /** items stored from this source, ever */
  items: number;
  /** items first seen in the last 24 hours */
  itemsLastDay: number;
  /** mean items per day over the last 7 days */
  itemsPerDay: number;
}

export interface PollRecord {
  url: string;
  at: string;
  status: PollStatus;
  error?: string | null;
  /** validators for the next conditional request (kept as they were when absent) */
  etag?: string | null;
  lastModified?: string | null;
  feedTitle?: string | null;
  nextPollAt?: string | null;
}

export type ItemStatus = 'stored' | 'duplicate' | 'failed' | 'skipped';

export interface WatchItemInput {
  sourceUrl: string;
  guid: string | null;
  url: string | null;
  title: string | null;
  publishedAt: string | null;
  docId: string | null;
  status: ItemStatus;
  error?: string | null;
}

export interface WatchItem extends WatchItemInput {
  key: string;
  /** fetch attempts (a failed item is tried again on later polls, up to a limit) */
  attempts: number;
  firstSeenAt: string;
}

export interface AlertEvidence {
  doc: string;
  start: number;
  end: number;
  /** = the document's text [start, end) */
  quote: string;
  role?: string;
}

export interface AlertDocument {
  id: string;
  title: string | null;
  /** the watch source's name (else the document's outlet) */
  source: string | null;
  url: string | null;
}

export interface AlertInput {
  /** identity of what the alert is about: the same key is never raised twice */
  key: string;
  type: string;
  time: string;
  summary: string;
  documents: AlertDocument[];
  evidence: AlertEvidence[];
  data?: Record<string, unknown>;
}

export interface StoredAlert extends AlertInput {
  id: number;
}

export interface AlertQuery {
  /** only alerts after this id, oldest first (for tailing); without it the newest, newest first */
  afterId?: number;
  limit?: number;
  type?: string;
}

/** The key an item is stored under: its URL, else its source and GUID. */
export function itemKey(item: { sourceUrl: string; guid: string | null; url: string | null }): string {
  return item.url ?? `${item.sourceUrl}#${item.guid ?? ''}`;
}

export interface WatchStore {
  /** adds the source or updates its definition, keeping its health and validators */
  saveSource(source: WatchSourceDefinition): Promise<void>;
  /** every source, by name (else URL), case-insensitively */
  listSources(): Promise<WatchSourceRecord[]>;
  getSource(url: string): Promise<WatchSourceRecord | null>;
  /** records a poll's outcome: errors count up `failures`, ok and not-modified reset it */
  recordPoll(poll: PollRecord): Promise<void>;
  /**
   * For each candidate, the item already stored with the same URL (from any source) or the same
   * GUID in this source; null for an item never seen.
   */
  findItems(sourceUrl: string, candidates: Array<{ guid: string | null; url: string | null }>): Promise<Array<WatchItem | null>>;
  /** inserts or updates by itemKey; updating a failed item counts one more attempt */
  saveItem(item: WatchItemInput): Promise<void>;
  /** document id → the source it came through (the first one) */
  sourcesOfDocuments(docIds: string[]): Promise<Map<string, { url: string; name: string | null; side: string | null; firstSeenAt: string }>>;
  /** stores the alerts whose key is new; returns those, with their ids, in order */
  addAlerts(alerts: AlertInput[]): Promise<StoredAlert[]>;
  listAlerts(query?: AlertQuery): Promise<StoredAlert[]>;
  /**
   * Replaces a document's index keys (migration 011): hashed keys derived from its corpus
   * states, so alerts find the earlier documents a new one relates to by look-up. `version`
   * names what they were derived from; a document indexed at another version is listed again.
   */
  indexDocument(doc: string, version: string, keys: ReadonlyArray<{ kind: string; key: number }>): Promise<void>;
  /**
   * For each key of one kind: how many documents carry it and, when at most `cap` do, which
   * (a key many documents share says nothing about a particular pair: its list is left out).
   * Keys no document carries are absent from the map.
   */
  keyDocuments(kind: string, keys: readonly number[], cap: number): Promise<Map<number, { count: number; docs: string[] }>>;
  /**
   * The documents carrying at least `minShared` of these keys of one kind, most shared first
   * (then by id), at most `limit` — the candidates a new document's keys point to, counted by
   * the database. Pass only keys under their document-frequency cap (see keyDocuments).
   */
  documentsSharingKeys(kind: string, keys: readonly number[], options: { minShared: number; limit: number }): Promise<Array<{ doc: string; shared: number }>>;
  /** up to `limit` stored documents not indexed at `version` (indexing them removes them from the answer) */
  documentsToIndex(version: string, limit: number): Promise<string[]>;
  /** a small JSON snapshot kept between polls (corpus finding keys) */
  getState(key: string): Promise<unknown>;
  setState(key: string, value: unknown): Promise<void>;
}
