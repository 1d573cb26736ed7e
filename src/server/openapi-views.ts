/**
 * OpenAPI paths of the narrative views (timeline, contradictions, outlet page) and of the
 * corpus-aware search, kept beside their routes' shapes and merged into openapi.ts.
 */

type Json = Record<string, unknown>;

const nullable = (type: string): Json => ({ type: [type, 'null'] });
const query = (name: string, description: string, schema: Json = { type: 'string' }, required = false): Json => ({ name, in: 'query', required, description, schema });
const errors = (...codes: string[]): Json => Object.fromEntries(['400', '401', '429', ...codes].map((c) => [c, { $ref: '#/components/responses/Error' }]));
const get = (summary: string, parameters: Json[], schema: Json, ...codes: string[]): Json => ({
  get: { summary, parameters, responses: { '200': { description: 'OK', content: { 'application/json': { schema } } }, ...errors(...codes) } },
});
const obj = (properties: Record<string, Json>, required: string[] = []): Json => ({ type: 'object', required, properties });
const arr = (items: Json): Json => ({ type: 'array', items });
const str = { type: 'string' };
const int = { type: 'integer' };
const num = { type: 'number' };

const DATE = { type: 'string', pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' };

/** A document as the views name it: title, outlet, date, and the short display name. */
export const DOCUMENT_REF = obj({ id: str, name: { type: 'string', description: 'short display name (never a bare id while the document has a title, outlet, file name or URL)' }, title: nullable('string'), outlet: nullable('string'), publishedAt: nullable('string') }, ['id', 'name']);
const DOCUMENTS = { type: 'object', description: 'document id → how to name it', additionalProperties: DOCUMENT_REF };
const PASSAGE = obj({ doc: str, start: nullable('integer'), end: nullable('integer'), quote: nullable('string') }, ['doc']);
const EDGE = obj(
  {
    source: str,
    target: str,
    action: { enum: ['accuses', 'denies'] },
    articleStance: str,
    relations: arr(str),
    count: int,
    documents: int,
    mentions: arr(obj({ doc: str, docTitle: nullable('string'), outlet: nullable('string'), finding: str, start: int, end: int, quote: str, allegation: nullable('string'), explanation: str })),
  },
  ['source', 'target', 'action', 'count'],
);

export function narrativeViewPaths(): Record<string, Json> {
  return {
    '/timeline': get(
      'Dated events (the timeline analyser: dates mentioned in the text, each with its passages) and claims placed by their document’s publication date; filter by actor and date',
      [
        query('actor', 'canonical entity name: events whose passages mention it, claims whose span mentions it'),
        query('from', 'inclusive lower bound, YYYY[-MM[-DD]] (dates without a year are left out when set)', DATE),
        query('to', 'inclusive upper bound, YYYY[-MM[-DD]]', DATE),
        query('claims', 'most claims returned (0–2000)', { type: 'integer', minimum: 0, maximum: 2000, default: 200 }),
      ],
      obj(
        {
          actor: nullable('string'),
          actors: { description: 'actors of the events, most frequent first (the filter’s choices)', ...arr(obj({ name: str, events: int })) },
          events: arr(obj({ id: str, date: { type: 'string', description: 'ISO 8601; --MM-DD when the text gives no year' }, sortKey: str, label: str, entities: arr(str), score: num, explanation: str, passages: arr({ allOf: [PASSAGE], type: 'object', properties: { written: nullable('string') } }) })),
          claims: obj({ total: int, capped: { type: 'boolean' }, items: arr(obj({ date: str, doc: str, finding: str, start: int, end: int, quote: str, label: str, score: num, evidence: nullable('string'), explanation: str })) }),
          documents: DOCUMENTS,
        },
        ['events', 'claims', 'documents'],
      ),
    ),
    '/contradictions': get(
      'Disputed facts with both sides: each value, the camps of the documents that give it, and their passages; plus corroborations across camps',
      [],
      obj(
        {
          contradictions: arr(obj({ id: str, label: str, subject: str, attribute: str, score: num, explanation: str, sides: arr(obj({ value: str, approximate: { type: 'boolean' }, camps: arr(str), passages: arr(PASSAGE) })) })),
          corroborations: arr(obj({ id: str, label: str, score: num, explanation: str, camps: arr(str), passages: arr(PASSAGE) })),
          documents: DOCUMENTS,
        },
        ['contradictions', 'corroborations', 'documents'],
      ),
    ),
    '/outlets/{name}': {
      get: {
        summary: 'One outlet: documents, sourcing (claims by evidence strength, attributions by kind), techniques, camps, stances on propositions, accusations its articles carry and accusations made by or naming it',
        parameters: [{ name: 'name', in: 'path', required: true, description: 'outlet name as stored; "-" for documents without an outlet', schema: str }],
        responses: {
          '200': {
            description: 'OK',
            content: {
              'application/json': {
                schema: obj(
                  {
                    outlet: nullable('string'),
                    overview: { type: 'object', description: 'the outlet’s row of GET /overview (documents, dates, techniques, evidence, claims)' },
                    documents: arr(obj({ id: str, title: nullable('string'), publishedAt: nullable('string'), findings: { type: 'object', additionalProperties: int } })),
                    documentsTotal: int,
                    attributions: { type: 'object', additionalProperties: int, description: 'attribution label → claims' },
                    camps: arr(obj({ id: str, label: str, explanation: str, documents: int })),
                    stances: arr(obj({ doc: str, proposition: str, stance: str, explanation: str })),
                    accusations: obj({ inArticles: arr(EDGE), madeByOutlet: arr(EDGE), namingOutlet: arr(EDGE) }),
                    capped: { type: 'boolean' },
                  },
                  ['outlet', 'overview', 'documents', 'accusations'],
                ),
              },
            },
          },
          ...errors('404'),
        },
      },
    },
  };
}

const paged = (item: string, extra: Record<string, Json> = {}): Json => ({
  type: 'object',
  required: ['total', 'limit', 'offset', 'items'],
  properties: { total: int, limit: int, offset: int, items: arr({ $ref: `#/components/schemas/${item}` }), ...extra },
});
const FACET = arr(obj({ value: str, documents: int, hits: { type: 'integer', description: 'finding hits (kind facet only)' } }, ['value', 'documents']));
const DATE_PARAM = DATE;

/** GET /search: the corpus-aware search, grouped by document, with facets and the flat lists. */
export function searchPaths(): Record<string, Json> {
  return {
    '/search': get(
      'Search that knows the corpus: every word is required; each is widened to its aliases (the gazetteers and the corpus’s own alias resolution: ISKP finds ISIS-K), English spelling variants (harbour/harbor, -ise/-ize, centre/center, defence/defense, travelled/traveled) and inflections (harbours, harboured, harbouring) — ASCII words of four letters or more only; other scripts, acronyms and numbers are searched as typed. "Quoted phrases" stay together; the last word also matches as a prefix. Results come grouped by document (title, outlet, date, camps, one snippet, the best finding hits, entity mentions folded) with facets by finding kind, outlet, camp and month; `documents` and `findings` are the flat lists of the same matches.',
      [
        query('q', 'search text', str, true),
        query('exact', '1: the words as typed, no aliases, variants or inflections', { enum: ['1'] }),
        query('kind', 'only documents with a matching finding of this kind (and only such findings)'),
        query('outlet', 'exact outlet; empty for documents without one'),
        query('camp', 'camp label (GET /overview camps)'),
        query('from', 'publication date from, YYYY[-MM[-DD]], inclusive', DATE_PARAM),
        query('to', 'publication date to, YYYY[-MM[-DD]], inclusive', DATE_PARAM),
        query('doc', 'one document: its group with every matching finding'),
        query('group_limit', 'documents per page of groups (1–100)', { type: 'integer', minimum: 1, maximum: 100, default: 10 }),
        query('group_offset', 'groups to skip', { type: 'integer', minimum: 0, default: 0 }),
        query('in', 'flat lists: all, documents or findings', { enum: ['all', 'documents', 'findings'], default: 'all' }),
        query('limit', 'flat lists: page size (1–500)', { type: 'integer', minimum: 1, maximum: 500, default: 20 }),
        query('offset', 'flat lists: items to skip', { type: 'integer', minimum: 0, default: 0 }),
      ],
      obj(
        {
          q: str,
          markers: { type: 'object', properties: { start: str, end: str }, description: 'the characters that open and close a hit in snippets' },
          expansion: arr(obj({ text: { type: 'string', description: 'what was typed' }, alternatives: arr(str), via: arr({ enum: ['typed', 'spelling', 'inflection', 'alias'] }) })),
          camp_source: {
            type: 'object',
            properties: { from: { enum: ['corpus', 'run', 'none'] }, computed_at: str, run: int },
            description: 'where the camps come from: the corpus findings this server has already computed for the corpus as it is, else those the newest finished run stored (documents added since are in no camp), else none; a search never computes them',
          },
          total: { type: 'integer', description: 'matching documents after the filters' },
          capped: { type: 'boolean', description: 'more than 5,000 documents (or 50,000 findings) match: counts stop there' },
          groups: arr(
            obj({
              doc: DOCUMENT_REF,
              camps: arr(str),
              snippet: { ...nullable('string'), description: 'text around the best text hit; null when only findings match' },
              kinds: { type: 'object', additionalProperties: int, description: 'matching findings by kind' },
              hits: arr({ $ref: '#/components/schemas/FindingHit' }),
              mentions: { type: ['object', 'null'], properties: { count: int, forms: arr(obj({ text: str, count: int })), finding: str }, description: 'matching entity mentions, folded into one line' },
              more: { type: 'integer', description: 'matching findings not shown (ask with doc=)' },
            }),
          ),
          facets: obj({ kind: FACET, outlet: FACET, camp: FACET, date: FACET }),
          documents: paged('DocumentHit'),
          findings: paged('FindingHit', { capped: { type: 'boolean', description: 'true when more findings match than `total` (2,000): hits then come newest first, not by relevance' } }),
        },
        ['q', 'markers', 'expansion', 'groups', 'facets', 'documents', 'findings'],
      ),
    ),
  };
}
