import { TOOL_VERSION } from '../version.js';
import { narrativeViewPaths, searchPaths } from './openapi-views.js';

/**
 * The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. Schemas follow
 * the report contract (discern-report-v1): Document, Finding and CorpusFinding are the
 * contract's shapes. A test checks that every route the app serves is described here.
 */

type Json = Record<string, unknown>;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const nullable = (type: string): Json => ({ type: [type, 'null'] });

const query = (name: string, description: string, schema: Json = { type: 'string' }, required = false): Json => ({ name, in: 'query', required, description, schema });
const pathParam = (name: string, description: string): Json => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
const PAGE = [
  query('limit', 'page size (1–500)', { type: 'integer', minimum: 1, maximum: 500, default: 50 }),
  query('offset', 'items to skip', { type: 'integer', minimum: 0, default: 0 }),
];
const MIN_SCORE = query(
  'min_score',
  'only findings scored at least this (0–1), or "default" for each kind\'s display threshold (docs/thresholds.md); absent: every stored finding',
  { oneOf: [{ type: 'number', minimum: 0, maximum: 1 }, { const: 'default' }] },
);

const json = (schema: Json, description = 'OK'): Json => ({ description, content: { 'application/json': { schema } } });
const ERRORS: Json = {
  '400': { $ref: '#/components/responses/Error' },
  '401': { $ref: '#/components/responses/Error' },
  '429': { $ref: '#/components/responses/Error' },
};

const paged = (item: string): Json => ({
  type: 'object',
  required: ['total', 'limit', 'offset', 'items'],
  properties: { total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' }, items: { type: 'array', items: ref(item) } },
});

const get = (summary: string, parameters: Json[], response: Json, extra: Json = {}): Json => ({
  get: { summary, parameters, responses: { '200': response, ...ERRORS, ...extra } },
});

const span = { start: { type: 'integer', minimum: 0 }, end: { type: 'integer', minimum: 0 } };

const REVIEW_FIELDS: Record<string, Json> = {
  status: { enum: ['confirmed', 'rejected', 'corrected', null] },
  verdict: { type: ['string', 'null'], enum: ['false', 'mostly-false', 'half-true', 'mostly-true', 'true', 'misleading', 'out-of-context', 'unproven', 'satire', null], description: 'claims only' },
  note: { type: ['string', 'null'], maxLength: 10000 },
};

const evidenceSpan: Json = { type: 'object', required: ['doc', 'start', 'end', 'quote'], properties: { doc: { type: 'string' }, ...span, quote: { type: 'string', description: 'the document text [start, end)' }, role: { type: 'string' } } };

const schemas: Record<string, Json> = {
  Alert: {
    type: 'object',
    required: ['id', 'key', 'type', 'time', 'summary', 'documents', 'evidence'],
    properties: {
      id: { type: 'integer' },
      key: { type: 'string', description: 'what the alert is about; never raised twice' },
      type: { enum: ['watchlist-accusation', 'new-narrative', 'camp-change', 'new-contradiction', 'comment-section', 'reuse-burst', 'fact-check'] },
      time: { type: 'string', format: 'date-time' },
      summary: { type: 'string' },
      documents: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, title: nullable('string'), source: nullable('string'), url: nullable('string') } } },
      evidence: { type: 'array', items: evidenceSpan },
      data: { type: 'object' },
    },
  },
  WatchSource: {
    type: 'object',
    properties: {
      url: { type: 'string' },
      name: nullable('string'),
      side: nullable('string'),
      tags: { type: 'array', items: { type: 'string' } },
      type: { type: 'string' },
      feedTitle: nullable('string'),
      lastPollAt: nullable('string'),
      lastOkAt: nullable('string'),
      lastStatus: { enum: ['ok', 'not-modified', 'error', 'skipped', null] },
      lastError: nullable('string'),
      failures: { type: 'integer' },
      nextPollAt: nullable('string'),
      items: { type: 'integer' },
      itemsLastDay: { type: 'integer' },
      itemsPerDay: { type: 'number', description: 'mean over the last 7 days (or the days watched, if fewer)' },
    },
  },
  JobsStatus: {
    type: 'object',
    required: ['available', 'queues', 'dead', 'runs'],
    properties: {
      available: { type: 'boolean', description: 'false when the database is SQLite (no queue)' },
      queues: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            queue: { type: 'string' },
            created: { type: 'integer', description: 'waiting' },
            retry: { type: 'integer', description: 'waiting for a retry' },
            active: { type: 'integer' },
            completed: { type: 'integer' },
            failed: { type: 'integer', description: 'dead: failed on every attempt' },
            cancelled: { type: 'integer' },
          },
        },
      },
      dead: {
        type: 'array',
        items: {
          type: 'object',
          properties: { id: { type: 'string' }, queue: { type: 'string' }, run: nullable('integer'), input: nullable('string'), attempts: { type: 'integer' }, error: { type: 'string' }, failedAt: nullable('string') },
        },
      },
      runs: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            run: { type: 'integer' },
            status: { type: 'string' },
            expected: { ...nullable('integer'), description: 'inputs of the run; null while they are still being read' },
            done: { type: 'integer' },
            failed: { type: 'integer' },
            corpusSentAt: nullable('string'),
            finishedAt: nullable('string'),
          },
        },
      },
    },
  },
  ReviewRequest: {
    type: 'object',
    required: ['reviewer'],
    properties: {
      ...REVIEW_FIELDS,
      label: { type: 'string', description: 'a corrected label (makes the review a correction)' },
      accuser: { type: 'string', description: 'accusations: the corrected accuser' },
      accused: { type: 'string', description: 'accusations: the corrected accused' },
      reviewer: { type: 'string', maxLength: 200 },
    },
  },
  ReviewTarget: {
    type: 'object',
    description: 'what identifies the finding to a person: the review re-attaches to whatever finding holds it after re-analysis',
    properties: { doc: { type: 'string' }, kind: { type: 'string' }, label: { type: 'string' }, ...span, quote: { type: 'string' } },
  },
  Review: {
    type: 'object',
    required: ['id', 'createdAt', 'target', 'reviewer'],
    properties: {
      id: { type: 'integer' },
      createdAt: { type: 'string' },
      target: ref('ReviewTarget'),
      findingId: nullable('string'),
      analyzer: nullable('string'),
      ...REVIEW_FIELDS,
      correction: { type: ['object', 'null'], properties: { label: { type: 'string' }, accuser: { type: 'string' }, accused: { type: 'string' } } },
      reviewer: { type: 'string' },
    },
  },
  ReviewEntry: {
    type: 'object',
    properties: {
      target: ref('ReviewTarget'),
      docTitle: nullable('string'),
      findingId: nullable('string'),
      attachment: { enum: ['exact', 'relabelled', 'moved', 'orphaned'] },
      ...REVIEW_FIELDS,
      correction: { type: ['object', 'null'] },
      reviewer: { type: 'string' },
      updatedAt: { type: 'string' },
      history: { type: 'array', items: ref('Review') },
    },
  },
  EvidenceDocument: {
    type: 'object',
    properties: { id: { type: 'string' }, format: { enum: ['text', 'markdown', 'html', 'pdf'] }, origin: { type: 'string' }, title: nullable('string'), issuer: nullable('string'), publishedAt: nullable('string'), url: nullable('string'), addedAt: { type: 'string' }, chars: { type: 'integer' }, passages: { type: 'integer' } },
  },
  EvidenceQuote: {
    type: 'object',
    description: 'a passage of a reference document: quote = that document text [start, end)',
    properties: { source: { type: 'string' }, title: nullable('string'), issuer: nullable('string'), date: nullable('string'), url: nullable('string'), ...span, quote: { type: 'string' }, score: { type: 'number' }, stance: { enum: ['supports', 'contradicts', 'neutral'] }, focus: { type: ['object', 'null'], properties: span }, model: { type: 'object', description: 'the trained model’s P(supports) and P(refutes); shown, never decisive', properties: { supports: { type: 'number' }, refutes: { type: 'number' } } } },
  },
  VerifyResult: {
    type: 'object',
    properties: { claim: { type: 'string' }, verdict: { enum: ['supported', 'contradicted', 'not-enough-evidence'] }, score: { type: 'number' }, explanation: { type: 'string' }, evidence: { type: 'array', items: ref('EvidenceQuote') }, decidedBy: { type: 'string' }, llm: ref('LlmProposal') },
  },
  LlmProposal: {
    type: 'object',
    description: 'Only when the server runs with --llm-url: the LLM assist\'s proposal on the same passages, beside the explainable verdict, never instead. quotes are exact passage text (evidence text [start, end)).',
    properties: {
      status: { enum: ['ok', 'malformed', 'refused', 'failed', 'timeout', 'budget'] },
      model: { type: 'string' },
      verdict: { anyOf: [{ enum: ['supported', 'contradicted', 'not-enough-evidence'] }, { type: 'null' }] },
      explanation: nullable('string'),
      quotes: { type: 'array', items: { type: 'object', properties: { source: { type: 'string' }, start: { type: 'integer' }, end: { type: 'integer' }, quote: { type: 'string' } } } },
      subclaims: { type: 'array', items: { type: 'string' } },
      audit: { type: 'array', items: { type: 'integer' } },
      reason: nullable('string'),
    },
  },
  FactCheck: {
    type: 'object',
    properties: { id: { type: 'string' }, claimReviewed: { type: 'string' }, headline: nullable('string'), rating: nullable('string'), ratingValue: nullable('number'), bestRating: nullable('number'), worstRating: nullable('number'), url: nullable('string'), publisher: nullable('string'), datePublished: nullable('string'), itemReviewed: {}, origin: { type: 'string' }, importedAt: { type: 'string' } },
  },
  FactCheckMatch: {
    type: 'object',
    properties: { url: nullable('string'), claimReviewed: { type: 'string' }, rating: nullable('string'), publisher: nullable('string'), datePublished: nullable('string'), score: { type: 'number' }, shared: { type: 'array', items: { type: 'string' }, description: 'content words the text and the fact-check share, rarest first' } },
  },
  Error: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', description: 'a DiscernError code (src/core/errors.ts) or an HTTP-level code such as NOT_FOUND' },
          message: { type: 'string' },
          input: { type: 'string', description: 'the parameter, URL or file the error is about' },
        },
      },
    },
  },
  Source: {
    type: 'object',
    properties: { path: nullable('string'), url: nullable('string'), title: nullable('string'), author: nullable('string'), outlet: nullable('string'), publishedAt: nullable('string') },
  },
  Section: {
    type: 'object',
    required: ['kind', 'start', 'end'],
    properties: {
      kind: { enum: ['title', 'byline', 'heading', 'body', 'comment', 'boilerplate'] },
      ...span,
      author: nullable('string'),
      parent: nullable('integer'),
      postedAt: nullable('string'),
    },
  },
  Finding: {
    type: 'object',
    description: 'text.slice(start, end) === quote (UTF-16 offsets into the document text)',
    required: ['id', 'analyzer', 'kind', 'label', 'start', 'end', 'quote', 'score', 'explanation'],
    properties: {
      id: { type: 'string' },
      analyzer: { type: 'string', description: 'name@version' },
      kind: { type: 'string' },
      label: { type: 'string' },
      ...span,
      quote: { type: 'string' },
      score: { type: 'number', minimum: 0, maximum: 1 },
      explanation: { type: 'string' },
      data: { type: 'object' },
    },
  },
  LocatedFinding: {
    allOf: [ref('Finding')],
    type: 'object',
    required: ['doc'],
    properties: { doc: { type: 'string' }, docTitle: nullable('string'), outlet: nullable('string') },
  },
  FindingHit: {
    allOf: [ref('LocatedFinding')],
    type: 'object',
    required: ['snippet'],
    properties: { snippet: { type: 'string', description: 'hits between the markers given in the search response' } },
  },
  Document: {
    type: 'object',
    description: 'a document of the report contract: profiles (sourcing, actors, techniques, structure) appear under their keys',
    required: ['id', 'format', 'source', 'text', 'sections', 'findings'],
    properties: {
      id: { type: 'string' },
      format: { enum: ['text', 'markdown', 'html'] },
      source: ref('Source'),
      lang: nullable('string'),
      text: { type: 'string' },
      sections: { type: 'array', items: ref('Section') },
      findings: { type: 'array', items: ref('Finding') },
    },
  },
  DocumentSummary: {
    type: 'object',
    required: ['id', 'title', 'outlet', 'publishedAt', 'format', 'ingestedAt', 'chars', 'findings'],
    properties: {
      id: { type: 'string' },
      title: nullable('string'),
      outlet: nullable('string'),
      author: nullable('string'),
      url: nullable('string'),
      path: nullable('string'),
      publishedAt: nullable('string'),
      lang: nullable('string'),
      format: { type: 'string' },
      ingestedAt: { type: 'string' },
      chars: { type: 'integer' },
      findings: { type: 'object', additionalProperties: { type: 'integer' }, description: 'finding kind → count' },
    },
  },
  DocumentHit: {
    type: 'object',
    required: ['id', 'snippet'],
    properties: { id: { type: 'string' }, title: nullable('string'), outlet: nullable('string'), publishedAt: nullable('string'), snippet: { type: 'string' } },
  },
  CorpusFinding: {
    type: 'object',
    required: ['id', 'analyzer', 'kind', 'label', 'score', 'explanation', 'members'],
    properties: {
      id: { type: 'string' },
      analyzer: { type: 'string' },
      kind: { type: 'string' },
      label: { type: 'string' },
      score: { type: 'number', minimum: 0, maximum: 1 },
      explanation: { type: 'string' },
      members: {
        type: 'array',
        items: { type: 'object', required: ['doc'], properties: { doc: { type: 'string' }, ...span, quote: { type: 'string' }, role: { type: 'string' } } },
      },
      data: { type: 'object' },
    },
  },
  Entity: {
    type: 'object',
    required: ['name', 'type', 'mentions', 'documents', 'aliases'],
    properties: {
      name: { type: 'string', description: 'canonical name' },
      type: nullable('string'),
      mentions: { type: 'integer' },
      documents: { type: 'integer' },
      aliases: { type: 'array', items: { type: 'object', required: ['text', 'count'], properties: { text: { type: 'string' }, count: { type: 'integer' } } } },
    },
  },
  KeyFinding: {
    type: 'object',
    description: 'One line an analyst acts on (src/report/key-findings.ts): the documents it names and where its evidence is',
    required: ['kind', 'tag', 'text', 'score', 'docs', 'evidence'],
    properties: {
      kind: { type: 'string', enum: ['comments', 'reuse', 'contradiction', 'accusation', 'camp', 'division', 'provenance', 'sourcing'] },
      tag: { type: 'string' },
      text: { type: 'string', description: 'one line; documents named by title, outlet and date' },
      quote: { type: 'string' },
      score: { type: 'number', description: 'rank within its kind' },
      docs: { type: 'array', items: { type: 'string' } },
      evidence: ref('EvidenceRef'),
    },
  },
  EvidenceRef: {
    type: 'object',
    required: ['doc', 'view'],
    properties: {
      doc: { type: 'string' },
      start: { type: 'integer' },
      end: { type: 'integer' },
      finding: { type: 'string', description: 'a finding of the document to select' },
      corpusFinding: { type: 'string' },
      view: { type: 'string', enum: ['document', 'comments'] },
    },
  },
  Camp: {
    type: 'object',
    required: ['id', 'label', 'documents'],
    properties: { id: { type: 'string' }, label: { type: 'string' }, explanation: { type: 'string' }, score: { type: 'number' }, documents: { type: 'array', items: { type: 'string' } } },
  },
  IngestRequest: {
    type: 'object',
    description: 'exactly one of text or url',
    properties: {
      text: { type: 'string' },
      url: { type: 'string', format: 'uri', description: 'http(s); private and loopback addresses are refused unless the server runs with --allow-private' },
      format: { enum: ['text', 'markdown', 'html'], description: 'of text; detected when absent' },
      title: { type: 'string' },
      outlet: { type: 'string' },
      author: { type: 'string' },
      publishedAt: { type: 'string' },
    },
  },
  IngestResult: {
    type: 'object',
    required: ['id', 'documents'],
    properties: {
      id: { type: 'string', description: 'the (first) document id' },
      documents: {
        type: 'array',
        items: {
          type: 'object',
          required: ['input', 'id', 'state'],
          properties: {
            input: { type: 'string' },
            id: { type: 'string' },
            state: { enum: ['created', 'updated', 'unchanged'] },
            title: nullable('string'),
            failures: { type: 'array', items: { type: 'object', properties: { analyzer: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
      },
    },
  },
  AccusationGraph: {
    type: 'object',
    required: ['nodes', 'edges'],
    properties: {
      nodes: { type: 'array', items: { type: 'object', required: ['id', 'degree'], properties: { id: { type: 'string' }, type: nullable('string'), degree: { type: 'integer' } } } },
      edges: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'source', 'target', 'stance', 'count', 'mentions'],
          properties: {
            id: { type: 'string' },
            source: { type: 'string', description: 'accuser (canonical name)' },
            target: { type: 'string', description: 'accused (canonical name)' },
            stance: { type: 'string', description: 'the finding’s stance: asserts, reports or denies' },
            action: { enum: ['accuses', 'denies'], description: 'what the accuser does (the edge colour)' },
            articleStance: { type: 'string', description: 'what the article does with the allegation (the finding’s stance): asserts (as fact), reports (attributes it), denies' },
            relations: { type: 'array', items: { type: 'string' }, description: 'relations alleged (shelters, funds…), most frequent first' },
            count: { type: 'integer' },
            documents: { type: 'integer' },
            mentions: {
              type: 'array',
              items: {
                type: 'object',
                properties: { doc: { type: 'string' }, docTitle: nullable('string'), finding: { type: 'string' }, ...span, quote: { type: 'string' }, allegation: nullable('string'), explanation: { type: 'string' } },
              },
            },
          },
        },
      },
      skipped: { type: 'integer' },
    },
  },
};

export function openApiDocument(): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Discern API',
      version: TOOL_VERSION,
      description:
        'Documents, findings, entities, search and corpus findings of a Discern database. Offsets are UTF-16 code units into the document text. ' +
        'When the server runs with a token, send `Authorization: Bearer <token>`.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{}, { bearer: [] }],
    paths: {
      '/documents': get(
        'Documents, newest first, with paging and filters',
        [
          ...PAGE,
          query('outlet', 'exact outlet name; empty for documents without one'),
          query('from', 'published on or after (YYYY, YYYY-MM or YYYY-MM-DD)'),
          query('to', 'published on or before (YYYY, YYYY-MM or YYYY-MM-DD)'),
          query('camp', 'label or id of a camp (corpus finding of kind camp)'),
        ],
        json(paged('DocumentSummary')),
      ),
      '/documents/{id}': get('One document with its sections, findings and profiles', [pathParam('id', 'document id'), MIN_SCORE], json(ref('Document')), { '404': { $ref: '#/components/responses/Error' } }),
      '/jobs': get(
        'The job queue (PostgreSQL): jobs per queue and state, dead jobs with their error, progress of queued runs; available is false on SQLite',
        [],
        json(ref('JobsStatus')),
      ),
      '/alerts': get(
        'Alerts raised by discern watch: the newest first, or with after=ID those after it, oldest first',
        [query('limit', 'at most this many (1–500)', { type: 'integer', minimum: 1, maximum: 500, default: 100 }), query('after', 'only alerts with a larger id, oldest first', { type: 'integer', minimum: 0 }), query('type', 'only this alert type')],
        json({ type: 'object', properties: { items: { type: 'array', items: ref('Alert') } } }),
      ),
      '/alerts/stream': get(
        'New alerts as server-sent events (event "alert", id = the alert id, data = the Alert JSON); Last-Event-ID or after=ID resumes; a comment line every 15 s keeps the connection open',
        [query('after', 'start after this alert id (default: only alerts raised from now on)', { type: 'integer', minimum: 0 })],
        { description: 'an event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } },
      ),
      '/watch/sources': get('Watched sources and their health: last poll, status and error, failures in a row, next poll, items per day', [], json({ type: 'object', properties: { items: { type: 'array', items: ref('WatchSource') } } })),
      '/evidence': get('The reference corpus: trusted documents (title, issuer, date, URL, passage count) that verdicts quote', [], json({ type: 'object', properties: { items: { type: 'array', items: ref('EvidenceDocument') }, passages: { type: 'integer' } } })),
      '/verify': {
        post: {
          summary: 'Verdicts for claims against the reference corpus: supported, contradicted or not-enough-evidence, with the passages (quote = the evidence text [start, end))',
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { claims: { type: 'array', maxItems: 100, items: { type: 'string' } }, claim: { type: 'string' } } } } } },
          responses: { '200': json({ type: 'object', properties: { results: { type: 'array', items: ref('VerifyResult') } } }), ...ERRORS },
        },
      },
      '/factchecks': get('Imported fact-checks (ClaimReview), at most 500', [], json({ type: 'object', properties: { total: { type: 'integer' }, items: { type: 'array', items: ref('FactCheck') } } })),
      '/factchecks/match': {
        post: {
          summary: 'Earlier fact-checks each text repeats, best first (score: the re-ranker probability)',
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { texts: { type: 'array', maxItems: 100, items: { type: 'string' } }, text: { type: 'string' }, top: { type: 'integer', minimum: 1, maximum: 20, default: 3 } } } } } },
          responses: {
            '200': json({ type: 'object', properties: { results: { type: 'array', items: { type: 'object', properties: { text: { type: 'string' }, matches: { type: 'array', items: ref('FactCheckMatch') } } } } } }),
            ...ERRORS,
          },
        },
      },
      '/outlets': get('Outlets and their document counts', [], json({ type: 'object', properties: { outlets: { type: 'array', items: { type: 'object', properties: { outlet: nullable('string'), documents: { type: 'integer' } } } } } })),
      '/ingest': {
        post: {
          summary: 'Analyse and store a text, a URL or uploaded files (idempotent: the same content is the same document)',
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: ref('IngestRequest') },
              'multipart/form-data': {
                schema: { type: 'object', properties: { file: { type: 'array', items: { type: 'string', format: 'binary' } }, text: { type: 'string' }, url: { type: 'string' }, title: { type: 'string' }, outlet: { type: 'string' } } },
              },
              'text/plain': { schema: { type: 'string' } },
              'text/markdown': { schema: { type: 'string' } },
              'text/html': { schema: { type: 'string' } },
            },
          },
          responses: {
            '201': json(ref('IngestResult'), 'at least one new document'),
            '200': json(ref('IngestResult'), 'every document was already stored'),
            ...ERRORS,
            '403': { $ref: '#/components/responses/Error' },
            '413': { $ref: '#/components/responses/Error' },
            '415': { $ref: '#/components/responses/Error' },
            '422': { $ref: '#/components/responses/Error' },
            '502': { $ref: '#/components/responses/Error' },
            '504': { $ref: '#/components/responses/Error' },
          },
        },
      },
      '/findings': get(
        'Findings by kind, label or document',
        [...PAGE, query('kind', 'finding kind, e.g. technique'), query('label', 'label within the kind'), query('doc', 'document id'), MIN_SCORE],
        json(paged('LocatedFinding')),
      ),
      '/findings/labels': get(
        'Finding kinds and labels with counts',
        [query('kind', 'only this kind')],
        json({ type: 'object', properties: { labels: { type: 'array', items: { type: 'object', properties: { kind: { type: 'string' }, label: { type: 'string' }, count: { type: 'integer' }, documents: { type: 'integer' } } } } } }),
      ),
      '/entities': get('Canonical entities with their aliases, most mentioned first', [...PAGE, query('q', 'part of the name or of an alias'), query('type', 'entity type, e.g. person')], json(paged('Entity'))),
      '/entities/{name}': get(
        'One entity: aliases and the documents that mention it',
        [pathParam('name', 'canonical name')],
        json({ allOf: [ref('Entity')], type: 'object', properties: { inDocuments: { type: 'array', items: { type: 'object' } } } }),
        { '404': { $ref: '#/components/responses/Error' } },
      ),
      '/graph/accusations': get('Actors (nodes) and accusations (edges by stance) with their quoting spans', [query('limit', 'most accusation findings read', { type: 'integer', default: 5000 })], json(ref('AccusationGraph'))),
      ...searchPaths(),
      '/corpus/findings': get(
        'Corpus findings: computed by the current corpus analysers over every stored document, or those stored with a run',
        [query('kind', 'only this kind, e.g. comment-cluster'), query('run', 'a run id: that run’s stored corpus findings', { type: 'integer' })],
        json({
          type: 'object',
          required: ['findings'],
          properties: { run: nullable('integer'), documents: { type: 'integer' }, computedAt: nullable('string'), findings: { type: 'array', items: ref('CorpusFinding') }, failures: { type: 'array' }, documentTitles: { type: 'object', additionalProperties: nullable('string') }, documentNames: { type: 'object', additionalProperties: { type: 'string' }, description: 'document id → display name (title, outlet, date, else file name)' } },
        }),
        { '404': { $ref: '#/components/responses/Error' } },
      ),
      '/key-findings': get(
        'Key findings: templated comment sections, copies and rewrites across outlets, contradictions, who accuses whom, camps and what divides them, provenance chains, the weakest-sourced claims — ranked, one line each, with the evidence to open',
        [query('doc', 'only the items naming this document'), query('min_score', 'a score from 0 to 1, or "default" (each kind’s threshold; the default)')],
        json({
          type: 'object',
          required: ['items', 'banners', 'names'],
          properties: {
            documents: { type: 'integer' },
            computedAt: nullable('string'),
            items: { type: 'array', items: ref('KeyFinding') },
            banners: { type: 'array', items: { type: 'object', properties: { doc: { type: 'string' }, verdict: { type: 'string', enum: ['templated', 'mixed'] }, text: { type: 'string' }, evidence: ref('EvidenceRef') } } },
            names: { type: 'object', additionalProperties: { type: 'string' }, description: 'document id → display name' },
          },
        }),
      ),
      '/overview': get(
        'Corpus overview: documents per outlet and date, technique and evidence profiles per outlet, camps',
        [],
        json({
          type: 'object',
          required: ['documents', 'outlets', 'findings', 'camps'],
          properties: {
            documents: { type: 'integer' },
            findings: { type: 'array', items: { type: 'object', properties: { kind: { type: 'string' }, count: { type: 'integer' } } } },
            outlets: { type: 'array', items: { type: 'object' } },
            camps: { type: 'array', items: ref('Camp') },
          },
        }),
      ),
      '/findings/{id}/reviews': {
        post: {
          summary: 'Record an analyst review of one finding (appended to its history; the latest counts). Give a status, or a correction (label; accuser/accused for accusations), and/or a verdict (claims) or a note. Verdicts (`<claim id>.v`) and fact-check matches (`<claim id>.f<8 hex>`) are reviewed by their ids too; a confirmed match makes the claim a recorded appearance of its fact-check',
          parameters: [pathParam('id', 'the finding id (stored, or a verdict / fact-check match id)')],
          requestBody: { required: true, content: { 'application/json': { schema: ref('ReviewRequest') } } },
          responses: { '201': json(ref('Review'), 'the stored review'), ...ERRORS, '403': { $ref: '#/components/responses/Error' }, '404': { $ref: '#/components/responses/Error' }, '413': { $ref: '#/components/responses/Error' }, '415': { $ref: '#/components/responses/Error' } },
        },
      },
      '/reviews': get(
        'Every reviewed finding with the review that counts now, where it is attached (exact, relabelled, moved or orphaned) and its history',
        [query('doc', 'only reviews of this document')],
        json({ type: 'object', required: ['reviews', 'reviewed', 'orphaned'], properties: { reviews: { type: 'array', items: ref('ReviewEntry') }, reviewed: { type: 'integer' }, orphaned: { type: 'integer' } } }),
      ),
      '/reviews/summary': get(
        'Per finding kind: findings reviewed and the share analysts confirmed (confirmed / reviewed)',
        [],
        json({
          type: 'object',
          required: ['kinds', 'reviewedFindings', 'orphaned'],
          properties: {
            kinds: { type: 'array', items: { type: 'object', properties: { kind: { type: 'string' }, reviewed: { type: 'integer' }, confirmed: { type: 'integer' }, corrected: { type: 'integer' }, rejected: { type: 'integer' }, confirmedShare: nullable('number') } } },
            reviewedFindings: { type: 'integer' },
            orphaned: { type: 'integer' },
          },
        }),
      ),
      '/export/{format}': {
        get: {
          summary: 'Download an export (reviews honoured: rejected findings left out, corrections applied): STIX 2.1 bundle with DISARM, ClaimReview JSON-LD, CSV, JSON Lines or GraphML',
          parameters: [
            { name: 'format', in: 'path', required: true, description: 'stix, claimreview, csv, jsonl or graphml', schema: { enum: ['stix', 'claimreview', 'csv', 'jsonl', 'graphml'] } },
            query('doc', 'only this document'),
            query('run', 'only the documents of this run', { type: 'integer' }),
            query('min_score', 'only findings scoring at least this (0–1), for every kind (default: the per-kind display thresholds)', { type: 'number', minimum: 0, maximum: 1 }),
            query('showRejected', 'true keeps rejected findings', { enum: ['true', 'false'] }),
          ],
          responses: {
            '200': {
              description: 'the export, as an attachment',
              content: { 'application/stix+json;version=2.1': {}, 'application/ld+json': {}, 'text/csv': {}, 'application/x-ndjson': {}, 'application/graphml+xml': {} },
            },
            ...ERRORS,
            '404': { $ref: '#/components/responses/Error' },
          },
        },
      },
      ...narrativeViewPaths(),
      '/openapi.json': get('This document', [], json({ type: 'object' })),
    },
    components: {
      schemas,
      responses: { Error: json(ref('Error'), 'an error, with a code a program can act on') },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'required when the server is bound to a non-loopback address' } },
    },
  };
}
