/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/** The workbench's only way to the server: JSON over same-origin fetch (the auth cookie rides along). */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const BASE = '/api/v1';

async function parse<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(response.status, error?.code ?? 'HTTP', error?.message ?? `the server answered ${response.status}`);
  }
  return body as T;
}

export async function getJson<T>(path: string, params: Record<string, string | number | undefined> = {}): Promise<T> {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) query.set(k, String(v));
  const qs = query.toString();
  return parse<T>(await fetch(`${BASE}${path}${qs ? `?${qs}` : ''}`, { credentials: 'same-origin', headers: { accept: 'application/json' } }));
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  return parse<T>(await fetch(`${BASE}${path}`, { method: 'POST', body: JSON.stringify(body), credentials: 'same-origin', headers: { accept: 'application/json', 'content-type': 'application/json' } }));
}

export async function postForm<T>(path: string, body: FormData): Promise<T> {
  return parse<T>(await fetch(`${BASE}${path}`, { method: 'POST', body, credentials: 'same-origin', headers: { accept: 'application/json' } }));
}

// Response shapes shared with the server: type-only imports, erased from the browser bundle.
export type { CorpusMember, Section, Source } from '../core/types.js';
export type { AccusationGraph, EdgeMention, GraphEdge } from '../server/graph.js';
export type { DocumentSummary, OutletOverview, Paged } from '../store/queries.js';
export type { JobsStatus } from '../queue/status.js';
export type { StoredAlert, WatchSourceRecord } from '../store/watch.js';
export type { FindingReview } from '../review/apply.js';
export type { ReviewSummaryByKind } from '../review/summary.js';
export type { Review } from '../review/types.js';
import type { FindingReview } from '../review/apply.js';
import type { OutletOverview, Paged } from '../store/queries.js';
import type { CorpusMember, Section, Source } from '../core/types.js';

// ---- response shapes (mirroring src/server and the report contract) ----

export interface Finding {
  id: string;
  analyzer: string;
  kind: string;
  label: string;
  start: number;
  end: number;
  quote: string;
  score: number;
  explanation: string;
  data?: Record<string, unknown>;
  /** the analysts' review, when there is one (rejected findings come flagged, not left out) */
  review?: FindingReview;
}

export interface DocumentFull {
  id: string;
  format: string;
  source: Source;
  text: string;
  lang: string | null;
  sections: Section[];
  findings: Finding[];
  sourcing?: { claims: number; byStrength: Record<string, number>; verifiableShare: number };
  techniques?: { total: number; density: number; techniques: Array<{ technique: string; count: number }> };
  actors?: { actors: Array<{ name: string; type: string; mentions: number; aliases: string[] }> };
}

export interface Camp {
  id: string;
  label: string;
  explanation: string;
  score: number;
  documents: string[];
}

export interface Overview {
  documents: number;
  findings: Array<{ kind: string; count: number }>;
  outlets: OutletOverview[];
  camps: Camp[];
}

export interface CorpusFinding {
  id: string;
  analyzer: string;
  kind: string;
  label: string;
  score: number;
  explanation: string;
  members: CorpusMember[];
  data?: Record<string, unknown>;
}

export interface CorpusFindings {
  findings: CorpusFinding[];
  documentTitles?: Record<string, string | null>;
  documentNames?: Record<string, string>;
}

export interface SearchResult {
  q: string;
  markers: { start: string; end: string };
  documents: Paged<{ id: string; title: string | null; outlet: string | null; publishedAt: string | null; snippet: string }>;
  findings: Paged<Finding & { doc: string; docTitle: string | null; snippet: string }> & { capped?: boolean };
}

export interface Entity {
  name: string;
  type: string | null;
  mentions: number;
  documents: number;
  aliases: Array<{ text: string; count: number }>;
}

export interface IngestResult {
  id: string;
  documents: Array<{ input: string; id: string; state: string; title: string | null; failures: Array<{ analyzer: string; message: string }> }>;
}
