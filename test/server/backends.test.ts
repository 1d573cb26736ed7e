import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.js';
import { postgresForTests, postgresSkip } from '../support/postgres.js';
import { makeFixture, type Fixture } from './fixtures.js';

/**
 * `discern serve` answers the same on SQLite and PostgreSQL: the same fixture corpus in
 * each, the same requests, the same JSON (ingest times aside, and the wording of document
 * search snippets, which each engine builds its own way, and the order of search hits, which each ranks its own way).
 */

type Json = Record<string, unknown>;

const skip = postgresSkip();

describe('the API gives the same answers on SQLite and PostgreSQL', { skip }, () => {
  let sqlite: Fixture;
  let postgres: Fixture;
  let apps: [Hono, Hono];

  before(async () => {
    [sqlite, postgres] = await Promise.all([makeFixture('sqlite'), makeFixture('postgres')]);
    apps = [sqlite, postgres].map((f) => createApp({ store: f.store, resources: f.resources, rateLimit: null })) as [Hono, Hono];
  });
  after(async () => {
    await sqlite?.cleanup();
    await postgres?.cleanup();
    (await postgresForTests())?.stop();
  });

  const both = async (path: string): Promise<[Json, Json]> => {
    const answers = await Promise.all(apps.map(async (app) => {
      const response = await app.request(`/api/v1${path}`);
      assert.equal(response.status, 200, path);
      return (await response.json()) as Json;
    }));
    return answers.map((a) => JSON.parse(JSON.stringify(a, (key, value) => (key === 'ingestedAt' || key === 'computedAt' ? undefined : value)))) as [Json, Json];
  };

  for (const path of [
    '/documents',
    '/documents?outlet=Daskor%20Daily',
    '/documents?from=2025-06-04&to=2025-06',
    '/outlets',
    '/overview',
    '/findings?limit=500',
    '/findings?kind=entity&limit=500',
    '/findings/labels',
    '/findings/labels?kind=technique',
    '/entities?limit=200',
    '/entities?q=pell',
    '/entities?type=organisation',
    '/entities/Daskor%20Federation',
    '/graph/accusations',
    '/corpus/findings',
  ]) {
    test(`GET ${path}`, async () => {
      const [a, b] = await both(path);
      assert.deepEqual(b, a);
    });
  }

  test('document pages are the same', async () => {
    for (const id of Object.values(sqlite.ids)) {
      const [a, b] = await both(`/documents/${id}`);
      assert.deepEqual(b, a);
    }
  });

  test('finding search finds the same findings with the same snippets (each engine ranks its own way)', async () => {
    for (const q of ['lake', 'samples', 'smear campaign', '"industrial waste"', 'accus']) {
      for (const kind of ['', '&kind=claim']) {
        const [a, b] = await both(`/search?q=${encodeURIComponent(q)}&in=findings&limit=100${kind}`);
        const hits = (x: Json) => ((x.findings as Json).items as Json[]).sort((p, r) => `${p.doc}/${p.id}`.localeCompare(`${r.doc}/${r.id}`));
        assert.deepEqual(hits(b), hits(a), q + kind);
        assert.equal((b.findings as Json).total, (a.findings as Json).total, q + kind);
        assert.ok(kind || hits(a).length > 0, `${q} finds something`);
      }
    }
  });

  test('document search finds the same documents, with the hits marked', async () => {
    for (const q of ['lake', 'temmer samples', '"independent laboratory"', 'fabri']) {
      const [a, b] = await both(`/search?q=${encodeURIComponent(q)}&in=documents`);
      const ids = (x: Json) => ((x.documents as Json).items as Json[]).map((d) => d.id).sort();
      assert.deepEqual(ids(b), ids(a), q);
      assert.equal((b.documents as Json).total, (a.documents as Json).total, q);
      for (const hit of [...((a.documents as Json).items as Json[]), ...((b.documents as Json).items as Json[])]) assert.match(String(hit.snippet), /\uE000.+?\uE001/u, q);
    }
  });
});
