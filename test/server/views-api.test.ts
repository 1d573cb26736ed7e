import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../../src/server/app.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { LOOPBACK_HOSTS } from '../../src/server/security.js';
import { postgresForTests, postgresSkip } from '../support/postgres.js';
import { makeViewsFixture, type ViewsFixture } from './views-fixtures.js';

/**
 * The narrative views' routes (timeline, contradictions, outlet page) on a real server over
 * invented articles analysed by the real analysers, on SQLite and PostgreSQL alike.
 */

interface Json {
  [key: string]: unknown;
}
type Ref = { name: string; title: string | null; outlet: string | null; publishedAt: string | null };

viewsSuite('sqlite');
viewsSuite('postgres');

function viewsSuite(backend: 'sqlite' | 'postgres'): void {
  describe(`narrative views API (${backend})`, { skip: backend === 'postgres' ? postgresSkip() : false }, () => {
    let fixture: ViewsFixture;
    let server: RunningServer;
    const get = async (path: string) => {
      const response = await fetch(`${server.url}/api/v1${path}`);
      return { status: response.status, body: (await response.json()) as Json };
    };

    before(async () => {
      fixture = await makeViewsFixture(backend);
      server = await listen(createApp({ store: fixture.store, resources: fixture.resources, rateLimit: null, allowedHosts: LOOPBACK_HOSTS }), '127.0.0.1', 0);
    });
    after(async () => {
      await server?.close();
      await fixture?.cleanup();
      if (backend === 'postgres') (await postgresForTests())?.stop();
    });

    test('the timeline orders dated events, names their documents, and filters by actor and date', async () => {
      const { status, body } = await get('/timeline');
      assert.equal(status, 200);
      const events = body.events as Array<{ date: string; passages: Array<{ doc: string; quote: string; written: string }>; entities: string[] }>;
      const dates = events.map((e) => e.date);
      assert.ok(dates.includes('2016') && dates.includes('2018') && dates.includes('2025-03-04'), dates.join());
      assert.ok(dates.indexOf('2016') < dates.indexOf('2018') && dates.indexOf('2018') < dates.indexOf('2025-03-04'));
      // the attack of 4 March is one event reported by two outlets
      const attack = events.find((e) => e.date === '2025-03-04')!;
      assert.deepEqual(new Set(attack.passages.map((p) => p.doc)), new Set([fixture.ids.karvia, fixture.ids.lowland]));
      const documents = body.documents as Record<string, Ref>;
      assert.equal(documents[fixture.ids.karvia].title, 'Karvia Accuses Ostrel of Harbouring the Red Dawn Front');
      assert.equal(documents[fixture.ids.lowland].outlet, 'Lowland Wire');
      // claims by publication date, each with its passage
      const claims = (body.claims as { items: Array<{ date: string; doc: string; quote: string }> }).items;
      assert.ok(claims.length > 0);
      assert.deepEqual(claims.map((c) => c.date), [...claims.map((c) => c.date)].sort());
      for (const c of claims) assert.equal(c.date, documents[c.doc].publishedAt);
      assert.ok((body.actors as Array<{ name: string }>).some((a) => a.name === 'Red Dawn Front'));

      const byActor = await get(`/timeline?actor=${encodeURIComponent('Petra Vance')}`);
      const actorEvents = byActor.body.events as typeof events;
      assert.ok(actorEvents.length > 0 && actorEvents.length < events.length);
      for (const e of actorEvents) assert.ok(e.passages.some((p) => p.doc === fixture.ids.ostrel));
      for (const c of (byActor.body.claims as { items: Array<{ doc: string }> }).items) assert.equal(c.doc, fixture.ids.ostrel);

      const ranged = await get('/timeline?from=2017&to=2025-03');
      assert.deepEqual((ranged.body.events as typeof events).map((e) => e.date), ['2018', '2025-03-04', '2025-03-20']);
      assert.equal((await get('/timeline?from=March')).status, 400);
    });

    test('contradictions give both sides with their camps and passages', async () => {
      const { status, body } = await get('/contradictions');
      assert.equal(status, 200);
      const found = (body.contradictions as Array<{ subject: string; attribute: string; sides: Array<{ value: string; camps: string[]; passages: Array<{ doc: string; quote: string }> }> }>).find((x) => x.subject === 'Red Dawn Front' && x.attribute === 'founded');
      assert.ok(found, JSON.stringify(body.contradictions));
      const side = (v: string) => found.sides.find((s) => s.value === v)!;
      assert.deepEqual(side('2016').passages.map((p) => p.doc), [fixture.ids.karvia]);
      assert.deepEqual(side('2018').passages.map((p) => p.doc), [fixture.ids.ostrel]);
      assert.match(side('2016').passages[0].quote, /founded in 2016/);
      assert.match(side('2018').passages[0].quote, /formed in 2018/);
      // the two sides come from different camps
      assert.equal(side('2016').camps.length, 1);
      assert.notDeepEqual(side('2016').camps, side('2018').camps);
      assert.equal((body.documents as Record<string, Ref>)[fixture.ids.ostrel].outlet, 'Ostrel Times');
    });

    type Group = { doc: Ref & { id: string }; snippet: string | null; hits: Array<{ kind: string; doc: string }>; mentions: { count: number; forms: Array<{ text: string }> } | null; camps: string[]; more: number };
    const search = async (params: string) => {
      const { status, body } = await get(`/search?${params}`);
      assert.equal(status, 200, JSON.stringify(body));
      return body as { total: number; groups: Group[]; facets: Record<string, Array<{ value: string; documents: number }>>; expansion: Array<{ text: string; alternatives: string[]; via: string[] }> };
    };
    const docsOf = (r: { groups: Group[] }) => r.groups.map((g) => g.doc.id).sort();

    test('search: an alias from the gazetteer and one the corpus resolved find the other names', async () => {
      const rdf = await search('q=RDF');
      // the Ostrel Times article never writes "RDF"
      assert.deepEqual(docsOf(rdf), [fixture.ids.karvia, fixture.ids.lowland, fixture.ids.ostrel].sort());
      assert.ok(rdf.expansion[0].alternatives.includes('red dawn front'));
      assert.deepEqual(rdf.expansion[0].via, ['alias']);
      // "LIPS" is defined in one article only; the other uses it alone
      const lips = await search(`q=${encodeURIComponent('Lowhaven Institute for Peace Studies')}`);
      assert.deepEqual(docsOf(lips), [fixture.ids.karvia, fixture.ids.lowland].sort());
      const karvia = lips.groups.find((g) => g.doc.id === fixture.ids.karvia)!;
      assert.match(karvia.snippet ?? '', /\uE000LIPS\uE001/);
    });

    test('search: spelling variants and inflections, and exact words when asked', async () => {
      const british = await search('q=harbouring');
      assert.ok(docsOf(british).includes(fixture.ids.ostrel), 'harbouring finds harboring');
      const ostrel = british.groups.find((g) => g.doc.id === fixture.ids.ostrel)!;
      assert.match(ostrel.snippet ?? '', /\uE000harboring\uE001/);
      assert.deepEqual(british.expansion[0].via.sort(), ['inflection', 'spelling']);
      assert.deepEqual(docsOf(await search('q=organize')), [fixture.ids.karvia, fixture.ids.ostrel].sort());
      const exact = await search('q=harbouring&exact=1');
      assert.ok(!docsOf(exact).includes(fixture.ids.ostrel));
      assert.equal(exact.expansion[0].alternatives.length, 1);
    });

    test('search: grouped by document with titles, folded mentions and facets; filters narrow', async () => {
      const r = await search('q=RDF');
      assert.equal(r.total, 3);
      for (const g of r.groups) {
        assert.ok(g.doc.title && g.doc.outlet && g.doc.publishedAt, JSON.stringify(g.doc));
        assert.ok(g.hits.length <= 3);
        assert.ok(g.hits.every((h) => h.kind !== 'entity' && h.doc === g.doc.id));
      }
      const herald = r.groups.find((g) => g.doc.id === fixture.ids.karvia)!;
      assert.ok(herald.mentions && herald.mentions.count >= 2, JSON.stringify(herald.mentions));
      assert.deepEqual(new Set(herald.mentions.forms.map((f) => f.text)), new Set(['Red Dawn Front', 'RDF']));
      assert.deepEqual(r.facets.outlet.map((v) => v.value).sort(), ['Karvia Herald', 'Lowland Wire', 'Ostrel Times']);
      assert.deepEqual(r.facets.date, [{ value: '2025-03', documents: 3 }]);
      assert.equal(r.facets.camp.reduce((s, v) => s + v.documents, 0), 3);
      assert.ok(r.facets.kind.some((v) => v.value === 'accusation'));
      assert.deepEqual(docsOf(await search('q=RDF&outlet=Ostrel%20Times')), [fixture.ids.ostrel]);
      const camp = r.facets.camp[0].value;
      assert.equal((await search(`q=RDF&camp=${encodeURIComponent(camp)}`)).total, r.facets.camp[0].documents);
      assert.equal((await search('q=RDF&from=2025-03-11')).total, 2);
      // one document: every hit
      const one = await search(`q=RDF&doc=${fixture.ids.karvia}`);
      assert.deepEqual(docsOf(one), [fixture.ids.karvia]);
      assert.equal(one.groups[0].more, 0);
      assert.equal((await get('/search?q=RDF&from=soon')).status, 400);
    });

    test('an outlet page: sourcing, techniques, camp, stances and accusations', async () => {
      const { status, body } = await get(`/outlets/${encodeURIComponent('Ostrel Times')}`);
      assert.equal(status, 200);
      assert.equal(body.outlet, 'Ostrel Times');
      assert.deepEqual((body.documents as Array<{ id: string }>).map((d) => d.id), [fixture.ids.ostrel]);
      const overview = body.overview as { claims: number; evidence: Record<string, number>; techniques: Record<string, number> };
      assert.ok(overview.claims > 0);
      assert.equal(Object.values(overview.evidence).reduce((s, n) => s + n, 0), overview.claims);
      assert.ok(Object.keys(body.attributions as Json).length > 0);
      const camps = body.camps as Array<{ label: string; documents: number }>;
      assert.equal(camps.length, 1);
      const stances = body.stances as Array<{ proposition: string; stance: string }>;
      assert.ok(stances.some((s) => /Ostrel harbours/.test(s.proposition) && s.stance === 'opposes'), JSON.stringify(stances));
      const inArticles = (body.accusations as { inArticles: Array<{ target: string; action: string; mentions: Array<{ doc: string }> }> }).inArticles;
      assert.ok(inArticles.some((e) => e.target === 'Ostrel' && e.action === 'denies'));
      for (const e of inArticles) for (const m of e.mentions) assert.equal(m.doc, fixture.ids.ostrel);
      // the other side's outlet is in the other camp
      const karvia = await get(`/outlets/${encodeURIComponent('Karvia Herald')}`);
      assert.notEqual((karvia.body.camps as Array<{ label: string }>)[0].label, camps[0].label);
      assert.equal((await get('/outlets/Nowhere%20Gazette')).status, 404);
    });
  });
}
