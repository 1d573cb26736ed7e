import { join } from 'node:path';
import { Hono } from 'hono';
import type { CorpusAnalyzer, DocumentAnalyzer } from '../analysers/analyzer.js';
import { corpusAnalyzers, documentAnalyzers } from '../analysers/index.js';
import { packageRoot } from '../core/paths.js';
import type { Resources } from '../nlp/resources.js';
import type { AnalysisPool } from '../pipeline/pool.js';
import type { LlmAssist } from '../reference/llm/assist.js';
import type { ServableStore } from '../store/queries.js';
import { CorpusCache } from './corpus.js';
import type { ApiDeps } from './deps.js';
import { HttpError, sendError } from './errors.js';
import { openApiDocument } from './openapi.js';
import { alertRoutes } from './routes/alerts.js';
import { corpusRoutes } from './routes/corpus.js';
import { documentRoutes } from './routes/documents.js';
import { findingRoutes } from './routes/findings.js';
import { ingestRoutes } from './routes/ingest.js';
import { narrativeViewRoutes } from './routes/narrative-views.js';
import { keyFindingRoutes } from './routes/key-findings.js';
import { reviewRoutes } from './routes/reviews.js';
import { referenceRoutes } from './routes/reference.js';
import { searchRoutes } from './routes/search.js';
import { webRoutes } from './routes/web.js';
import { DEFAULT_RATE_LIMIT, hostCheck, rateLimit, sameOriginWrites, securityHeaders, tokenAuth, type RateLimit } from './security.js';

export interface AppOptions {
  store: ServableStore;
  resources: Resources;
  /** when set, every request must carry it (see security.ts) */
  token?: string | null;
  /** URL ingest may fetch private and loopback addresses */
  allowPrivate?: boolean;
  /** folder with index.html and static/ (default dist/web in the package) */
  webRoot?: string;
  /** largest ingest body in bytes (default 10 MiB) */
  maxBodyBytes?: number;
  /** per-client limit; null turns it off (benchmarks) */
  rateLimit?: RateLimit | null;
  /** accepted Host headers; null accepts any (set when bound to loopback, against DNS rebinding) */
  allowedHosts?: readonly string[] | null;
  documentAnalyzers?: readonly DocumentAnalyzer[];
  /** analyse ingests in these worker threads, so reads are answered meanwhile (discern serve does) */
  pool?: AnalysisPool | null;
  corpusAnalyzers?: readonly CorpusAnalyzer[];
  /** the optional LLM assist beside verdicts (discern serve --llm-url); null: nothing calls out */
  llm?: LlmAssist | null;
}

export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
export const API_BASE = '/api/v1';

export function defaultWebRoot(): string {
  return join(packageRoot(), 'dist', 'web');
}

/** The whole server as a Hono app: the workbench page at `/`, the REST API under /api/v1. */
export function createApp(options: AppOptions): Hono {
  const corpus = new CorpusCache(options.store, options.resources, options.corpusAnalyzers ?? corpusAnalyzers);
  const deps: ApiDeps = {
    store: options.store,
    resources: options.resources,
    corpus,
    documentAnalyzers: options.documentAnalyzers ?? documentAnalyzers,
    pool: options.pool ?? null,
    llm: options.llm ?? null,
    allowPrivate: options.allowPrivate ?? false,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
  };

  const app = new Hono();
  app.onError((error, c) => sendError(c, error));
  app.notFound((c) => sendError(c, new HttpError('NOT_FOUND', `no such resource: ${c.req.method} ${c.req.path}`)));
  app.use('*', securityHeaders());
  if (options.allowedHosts) app.use('*', hostCheck(options.allowedHosts));
  if (options.rateLimit !== null) app.use('*', rateLimit(options.rateLimit ?? DEFAULT_RATE_LIMIT));
  if (options.token) app.use('*', tokenAuth(options.token));
  app.use('*', sameOriginWrites());
  app.use(`${API_BASE}/*`, async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });

  const api = new Hono();
  api.route('/', documentRoutes(deps));
  api.route('/', findingRoutes(deps));
  api.route('/', searchRoutes(deps));
  api.route('/', corpusRoutes(deps));
  api.route('/', narrativeViewRoutes(deps));
  api.route('/', keyFindingRoutes(deps));
  api.route('/', referenceRoutes(deps));
  api.route('/', alertRoutes(deps));
  api.route('/', ingestRoutes(deps, () => corpus.invalidate()));
  // a review can change corpus findings (a rejected or corrected accusation moves stances and camps)
  api.route('/', reviewRoutes(deps, () => corpus.invalidate()));
  const spec = openApiDocument();
  api.get('/openapi.json', (c) => c.json(spec));
  app.route(API_BASE, api);
  app.route('/', webRoutes(options.webRoot ?? defaultWebRoot()));
  return app;
}
