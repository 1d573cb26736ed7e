import { Hono } from 'hono';
import type { CorpusFinding, CorpusMember } from '../../core/types.js';
import type { LocatedFinding } from '../../store/queries.js';
import { displayName } from '../../report/names.js';
import { campsOf } from '../corpus.js';
import type { ApiDeps } from '../deps.js';
import { documentRefs } from '../doc-refs.js';
import { HttpError } from '../errors.js';
import { actorName, buildAccusationGraph, type GraphEdge } from '../graph.js';
import { dateParam, intParam, textParam } from '../params.js';

/**
 * The narrative views' data: the timeline (dated events, and claims by publication date,
 * filterable by actor), the contradictions (both sides of each disputed fact with their
 * passages), and one outlet's page (sourcing, techniques, camp, stances, accusations its
 * articles carry and accusations that name it). Everything names documents through
 * `documents` (title, outlet, date), never by id alone.
 */

/** how many findings of one kind a view reads at most (the answers say when they were cut) */
const READ_CAP = 5000;

interface Passage {
  doc: string;
  start: number | null;
  end: number | null;
  quote: string | null;
}

function passage(m: CorpusMember): Passage {
  return { doc: m.doc, start: m.start ?? null, end: m.end ?? null, quote: m.quote ?? null };
}

/** Entity mentions of one actor, by document: the spans a passage must overlap to be "about" it. */
async function mentionSpans(deps: ApiDeps, actor: string): Promise<Map<string, Array<[number, number]>>> {
  const page = await deps.store.queries.listFindings({ kind: 'entity', label: actor, limit: READ_CAP, offset: 0 });
  const spans = new Map<string, Array<[number, number]>>();
  for (const f of page.items) {
    const list = spans.get(f.doc) ?? [];
    list.push([f.start, f.end]);
    spans.set(f.doc, list);
  }
  return spans;
}

function overlaps(spans: Map<string, Array<[number, number]>>, doc: string, start: number | undefined, end: number | undefined): boolean {
  if (start === undefined || end === undefined) return false;
  return (spans.get(doc) ?? []).some(([s, e]) => s < end && start < e);
}

/** Event dates: YYYY, YYYY-MM, YYYY-MM-DD, or --MM[-DD] when the year is not given. */
function inRange(date: string, from: string | undefined, to: string | undefined): boolean {
  if (date.startsWith('--')) return !from && !to;
  if (from && date.slice(0, from.length) < from) return false;
  if (to && date.slice(0, to.length) > to) return false;
  return true;
}

function campOfDocument(findings: CorpusFinding[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const camp of campsOf(findings)) for (const d of camp.documents) if (!out.has(d)) out.set(d, camp.label);
  return out;
}

export function narrativeViewRoutes(deps: ApiDeps): Hono {
  const app = new Hono();

  app.get('/timeline', async (c) => {
    const actor = textParam(c, 'actor', 300) || undefined;
    const from = dateParam(c, 'from');
    const to = dateParam(c, 'to');
    const claimLimit = intParam(c, 'claims', 200, 0, 2000);
    const corpus = await deps.corpus.get();
    const spans = actor ? await mentionSpans(deps, actor) : null;
    const allEvents = corpus.findings.filter((f) => f.kind === 'event');
    const actorCounts = new Map<string, number>();
    for (const e of allEvents) for (const n of (e.data?.entities as string[] | undefined) ?? []) actorCounts.set(n, (actorCounts.get(n) ?? 0) + 1);
    const events = allEvents
      .filter((e) => inRange(String(e.data?.date ?? ''), from, to))
      .filter((e) => !actor || ((e.data?.entities as string[] | undefined) ?? []).includes(actor) || e.members.some((m) => spans && overlaps(spans, m.doc, m.start, m.end)))
      .map((e) => ({
        id: e.id,
        date: String(e.data?.date ?? ''),
        sortKey: String(e.data?.sortKey ?? e.data?.date ?? ''),
        label: e.label,
        entities: (e.data?.entities as string[] | undefined) ?? [],
        score: e.score,
        explanation: e.explanation,
        passages: e.members.map((m) => ({ ...passage(m), written: m.role ?? null })),
      }))
      .sort((a, b) => a.sortKey.localeCompare(b.sortKey));

    // claims, placed by their document's publication date
    const claimRows = await deps.store.queries.findingsOfKind('claim', READ_CAP);
    const refsOfClaims = await documentRefs(deps.store, claimRows.map((f) => f.doc));
    const dated = claimRows
      .filter((f) => refsOfClaims[f.doc]?.publishedAt)
      .filter((f) => !spans || overlaps(spans, f.doc, f.start, f.end))
      .map((f) => ({ date: String(refsOfClaims[f.doc].publishedAt).slice(0, 10), f }))
      .filter((x) => inRange(x.date, from, to))
      .sort((a, b) => a.date.localeCompare(b.date) || a.f.doc.localeCompare(b.f.doc) || b.f.score - a.f.score || a.f.start - b.f.start);
    const claims = dated.slice(0, claimLimit).map(({ date, f }) => ({
      date,
      doc: f.doc,
      finding: f.id,
      start: f.start,
      end: f.end,
      quote: f.quote,
      label: f.label,
      score: f.score,
      evidence: (f.data?.evidence as { strength?: string } | undefined)?.strength ?? null,
      explanation: f.explanation,
    }));
    const documents = await documentRefs(deps.store, [...events.flatMap((e) => e.passages.map((p) => p.doc)), ...claims.map((x) => x.doc)]);
    return c.json({
      actor: actor ?? null,
      from: from ?? null,
      to: to ?? null,
      actors: [...actorCounts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 100).map(([name, count]) => ({ name, events: count })),
      events,
      claims: { total: dated.length, items: claims, capped: claimRows.length >= READ_CAP },
      documents,
    });
  });

  app.get('/contradictions', async (c) => {
    const corpus = await deps.corpus.get();
    const campOf = campOfDocument(corpus.findings);
    const sideOf = (f: CorpusFinding) => {
      const values = (f.data?.values as Array<{ value: string; docs: string[]; approximate?: boolean }> | undefined) ?? [];
      return values.map((v) => ({
        value: v.value,
        approximate: Boolean(v.approximate),
        camps: [...new Set(v.docs.map((d) => campOf.get(d) ?? null).filter((x): x is string => x !== null))],
        passages: f.members.filter((m) => m.role === v.value).map(passage),
      }));
    };
    const contradictions = corpus.findings
      .filter((f) => f.kind === 'contradiction')
      .map((f) => ({ id: f.id, label: f.label, subject: String(f.data?.subject ?? f.label), attribute: String(f.data?.attribute ?? ''), score: f.score, explanation: f.explanation, sides: sideOf(f) }))
      .sort((a, b) => b.score - a.score || a.label.localeCompare(b.label));
    const corroborations = corpus.findings
      .filter((f) => f.kind === 'corroboration')
      .map((f) => ({ id: f.id, label: f.label, score: f.score, explanation: f.explanation, camps: (f.data?.camps as string[] | undefined) ?? [], passages: f.members.map(passage) }));
    const documents = await documentRefs(deps.store, [...contradictions.flatMap((x) => x.sides.flatMap((s) => s.passages.map((p) => p.doc))), ...corroborations.flatMap((x) => x.passages.map((p) => p.doc))]);
    return c.json({ contradictions, corroborations, documents });
  });

  app.get('/outlets/:name', async (c) => {
    const raw = c.req.param('name');
    // the unknown outlet has a page too: its name in the URL is "-"
    const outlet = raw === '-' ? null : raw;
    const overview = (await deps.store.queries.corpusOverview()).outlets.find((o) => o.outlet === outlet);
    if (!overview) throw new HttpError('NOT_FOUND', 'no documents from this outlet', raw);
    const listed = await deps.store.queries.listDocumentSummaries({ outlet: outlet ?? '', limit: 500, offset: 0 });
    const ids = new Set(listed.items.map((d) => d.id));
    const corpus = await deps.corpus.get();

    // sourcing: who its claims rest on (attribution findings of its documents)
    const attributions: Record<string, number> = {};
    for (const d of listed.items.slice(0, 200)) {
      const page = await deps.store.queries.listFindings({ kind: 'attribution', doc: d.id, limit: 500, offset: 0 });
      for (const f of page.items) attributions[f.label] = (attributions[f.label] ?? 0) + 1;
    }
    const camps = campsOf(corpus.findings)
      .map((k) => ({ id: k.id, label: k.label, explanation: k.explanation, documents: k.documents.filter((d) => ids.has(d)).length }))
      .filter((k) => k.documents > 0)
      .sort((a, b) => b.documents - a.documents);
    const stances = corpus.findings
      .filter((f) => f.kind === 'stance' && ids.has(String(f.data?.doc ?? f.members[0]?.doc)))
      .map((f) => ({ doc: String(f.data?.doc ?? f.members[0]?.doc), proposition: String(f.data?.text ?? f.label), stance: f.label, explanation: f.explanation }));

    const accusations = await deps.store.queries.findingsOfKind('accusation', READ_CAP);
    const types = new Map<string, string>();
    const inArticles = buildAccusationGraph(accusations.filter((f) => ids.has(f.doc)), types).edges;
    const names = (outlet ? [outlet] : []).map((n) => n.toLowerCase());
    const naming = (f: LocatedFinding, key: 'accuser' | 'accused') => names.includes((actorName(f.data?.[key]) ?? '').toLowerCase());
    const received = buildAccusationGraph(accusations.filter((f) => naming(f, 'accused')), types).edges;
    const madeBy = buildAccusationGraph(accusations.filter((f) => naming(f, 'accuser')), types).edges;
    const slim = (edges: GraphEdge[]) => edges.sort((a, b) => b.count - a.count).slice(0, 100).map((e) => ({ ...e, mentions: e.mentions.slice(0, 5) }));

    return c.json({
      outlet,
      overview,
      documents: listed.items.map((d) => ({ id: d.id, name: displayName({ id: d.id, source: d }), title: d.title, publishedAt: d.publishedAt, findings: d.findings })),
      documentsTotal: listed.total,
      attributions,
      camps,
      stances,
      accusations: { inArticles: slim(inArticles), madeByOutlet: slim(madeBy), namingOutlet: slim(received) },
      capped: accusations.length >= READ_CAP,
    });
  });

  return app;
}
