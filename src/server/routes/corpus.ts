import { Hono } from 'hono';
import type { CorpusFinding } from '../../core/types.js';
import { jobsStatus } from '../../queue/status.js';
import { campsOf } from '../corpus.js';
import type { ApiDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { documentNames } from '../names.js';
import { intParam, textParam } from '../params.js';

export function corpusRoutes(deps: ApiDeps): Hono {
  const app = new Hono();

  app.get('/overview', async (c) => {
    const corpus = await deps.corpus.get();
    return c.json({ ...(await deps.store.queries.corpusOverview()), camps: campsOf(corpus.findings) });
  });

  app.get('/corpus/findings', async (c) => {
    const kind = textParam(c, 'kind');
    const run = intParam(c, 'run', 0, 0, Number.MAX_SAFE_INTEGER);
    if (run > 0) {
      // a stored run's corpus findings, as computed when it ran
      if (!(await deps.store.getRun(run))) throw new HttpError('NOT_FOUND', 'no run with this id', String(run));
      const findings = (await deps.store.corpusFindings(run)).filter((f) => !kind || f.kind === kind);
      return c.json({ run, documents: (await deps.store.runDocumentIds(run)).length, computedAt: null, findings, failures: [], documentTitles: await titlesOf(deps, findings), documentNames: await namesOf(deps, findings) });
    }
    const corpus = await deps.corpus.get();
    const findings = corpus.findings.filter((f) => !kind || f.kind === kind);
    return c.json({ run: null, ...corpus, findings, documentTitles: await titlesOf(deps, findings), documentNames: await namesOf(deps, findings) });
  });

  // the job queue of a PostgreSQL database (discern ingest --queue, discern worker)
  app.get('/jobs', async (c) => c.json(await jobsStatus(deps.store)));

  return app;
}

/** Display names (title, outlet, date, else file name) of the documents the findings name. */
async function namesOf(deps: ApiDeps, findings: CorpusFinding[]): Promise<Record<string, string>> {
  return Object.fromEntries(await documentNames(deps, findings.flatMap((f) => f.members.map((m) => m.doc))));
}

/** Titles of the documents the findings name, so a client can label them without fetching each. */
function titlesOf(deps: ApiDeps, findings: CorpusFinding[]): Promise<Record<string, string | null>> {
  return deps.store.queries.documentTitles([...new Set(findings.flatMap((f) => f.members.map((m) => m.doc)))]);
}
