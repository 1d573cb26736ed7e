import type { CorpusFinding, CorpusMember, Document, Finding } from '../core/types.js';
import type { Resources } from '../nlp/resources.js';
import { analyzeStoredCorpus } from '../pipeline/corpus-stage.js';
import { ReferenceStage } from '../reference/stage.js';
import type { Store } from '../store/store.js';
import type { AlertDocument, AlertEvidence, AlertInput } from '../store/watch.js';
import type { AlertRules } from './config.js';

/**
 * Alerts from what the new documents add. Document-level rules read only the new documents'
 * own findings (accusations against watch-listed actors, fact-check matches); corpus-level
 * rules run the stored corpus stage once — over the compact per-document states, never the
 * documents — and keep the findings that involve a new document: a contradiction or a reuse
 * pair with a new member is new by construction; a narrative is new when its frame was not in
 * the snapshot kept from the previous poll; an outlet changes camp when its new document takes
 * the opposite side of a proposition its earlier documents took. Every alert carries the
 * quoted spans it rests on, and a key so the same thing is never raised twice.
 */

export const ALERT_TYPES = ['watchlist-accusation', 'new-narrative', 'camp-change', 'new-contradiction', 'comment-section', 'reuse-burst', 'fact-check'] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

const NARRATIVE_STATE = 'narrative-frames';
const MAX_EVIDENCE = 12;
/** share of the fact-checked claim's content words a sentence must contain to raise an alert */
export const MIN_FACTCHECK_OVERLAP = 0.5;

const STOPWORDS = new Set('the and for was were are has have had that this with from into over under after before than then they them their there which who whom what when where while about said says will would could should been being its his her our your not but all any can may also more most such only other some very just'.split(' '));

function contentWords(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 3 && !STOPWORDS.has(w)));
}

/** Share of the checked claim's content words found in the sentence (0..1). */
export function wordOverlap(sentence: string, checked: string): number {
  const want = contentWords(checked);
  if (want.size === 0) return 0;
  const have = contentWords(sentence);
  let shared = 0;
  for (const w of want) if (have.has(w)) shared++;
  return shared / want.size;
}

export interface AlertContext {
  store: Store;
  resources: Resources;
  rules: AlertRules;
  /** the narrative frames before the poll, when no snapshot exists yet (first poll on a database that has documents) */
  framesBefore?: Set<string> | null;
}

interface DocInfo {
  /** what alerts name of a document (its text is not kept: alerts may name thousands) */
  doc: Pick<Document, 'id' | 'source'>;
  source: string | null;
  url: string | null;
  side: string | null;
  /** when it was published, else first seen by the watch (epoch ms) */
  time: number | null;
}

/** The frames of the narratives in the stored corpus now (taken before a first poll). */
export async function narrativeFrames(store: Store, resources: Resources): Promise<Set<string>> {
  const saved = await store.watch.getState(NARRATIVE_STATE);
  if (Array.isArray(saved)) return new Set(saved as string[]);
  if ((await store.countDocuments()) === 0) return new Set();
  const corpus = await analyzeStoredCorpus(store, resources);
  return new Set(corpus.findings.filter((f) => f.kind === 'narrative').map(frameOf));
}

export async function computeAlerts(newDocs: readonly string[], ctx: AlertContext): Promise<AlertInput[]> {
  if (newDocs.length === 0) return [];
  const { store, rules } = ctx;
  const fresh = new Set(newDocs);
  const infos = new InfoCache(store);
  const alerts: AlertInput[] = [];
  const time = new Date().toISOString();

  // document-level: the new documents' own findings
  const watch = watchlistMatcher(rules.watchlist, ctx.resources);
  const reference = rules.factchecks ? new ReferenceStage(store.reference, ctx.resources.gazetteer) : null;
  for (const id of newDocs) {
    const info = await infos.get(id);
    if (!info) continue;
    const findings = await store.getFindings(id);
    if (rules.accusations && watch) {
      for (const f of findings) {
        if (f.kind !== 'accusation') continue;
        const data = f.data as { accuser?: string | null; accused?: string; allegation?: string; stance?: string } | undefined;
        const hit = watch(data?.accused) ?? watch((data as { accusedVia?: string } | undefined)?.accusedVia);
        if (!hit || data?.stance === 'denies') continue;
        const accuser = data?.accuser ?? 'an unnamed accuser';
        alerts.push({
          key: `watchlist-accusation:${id}:${f.start}-${f.end}:${hit}`,
          type: 'watchlist-accusation',
          time,
          summary: `${accuser} accuses ${data?.accused} (watch list: ${hit}) of "${data?.allegation ?? f.label}" in ${describe(info)}.`,
          documents: [docRef(info)],
          evidence: [spanOf(f, id, data?.stance ?? 'accusation')],
          data: { accuser: data?.accuser ?? null, accused: data?.accused ?? null, watchlisted: hit, allegation: data?.allegation ?? null, stance: data?.stance ?? null },
        });
      }
    }
    if (reference && rules.factchecks) {
      const full = await store.getDocument(id);
      const checks = (full ? await reference.findingsFor({ doc: full, findings }) : []).filter((f) => f.kind === 'fact-check' && f.score >= (rules.factchecks?.minSimilarity ?? 1));
      for (const f of checks) {
        const data = f.data as { url?: string | null; claimReviewed?: string; rating?: string | null; publisher?: string | null };
        // the matcher's re-ranker scores candidates against each other, so on a small index an
        // unrelated claim can score high: an alert also needs most of the checked claim's words
        const overlap = wordOverlap(f.quote, data.claimReviewed ?? '');
        if (overlap < MIN_FACTCHECK_OVERLAP) continue;
        alerts.push({
          key: `fact-check:${id}:${f.start}-${f.end}:${data.url ?? data.claimReviewed}`,
          type: 'fact-check',
          time,
          summary: `${describe(info)} repeats a claim already fact-checked${data.publisher ? ` by ${data.publisher}` : ''}${data.rating ? ` (rated "${data.rating}")` : ''}: "${data.claimReviewed}".`,
          documents: [docRef(info)],
          evidence: [spanOf(f, id, 'claim')],
          data: { ...data, similarity: f.score, overlap: Math.round(overlap * 100) / 100 },
        });
      }
    }
  }

  const corpusRules = rules.narratives || rules.camps || rules.contradictions || rules.comments !== 'off' || rules.reuse;
  if (!corpusRules) return alerts;
  const framesBefore = ctx.framesBefore ?? (await narrativeFrames(store, ctx.resources));
  const corpus = (await analyzeStoredCorpus(store, ctx.resources)).findings;
  const touches = (f: CorpusFinding) => f.members.some((m) => fresh.has(m.doc));

  for (const f of corpus) {
    if (f.kind === 'comment-cluster' && rules.comments !== 'off' && touches(f)) {
      if (!(f.label === 'templated' || (rules.comments === 'mixed' && f.label === 'mixed'))) continue;
      const doc = f.members[0].doc;
      const info = await infos.get(doc);
      if (!info) continue;
      const flagged = f.members.filter((m) => m.role && m.role !== 'comment');
      alerts.push({
        key: `comment-section:${doc}`,
        type: 'comment-section',
        time,
        summary: `The comment section of ${describe(info)} looks ${f.label === 'templated' ? 'templated' : 'partly templated or machine-written'}: ${f.explanation}`,
        documents: [docRef(info)],
        evidence: evidenceOf(flagged.length > 0 ? flagged : f.members),
        data: { verdict: f.label, score: f.score, comments: (f.data as { comments?: number } | undefined)?.comments ?? null, flagged: (f.data as { flagged?: number } | undefined)?.flagged ?? null },
      });
    } else if (f.kind === 'contradiction' && rules.contradictions && touches(f)) {
      const docs = unique(f.members.map((m) => m.doc));
      if (docs.length < 2) continue;
      alerts.push({
        key: `new-contradiction:${f.label}:${docs.slice().sort().join(',')}`,
        type: 'new-contradiction',
        time,
        summary: `New contradiction on "${f.label}": ${f.explanation}`,
        documents: await docRefs(infos, docs),
        evidence: evidenceOf(f.members),
        data: { label: f.label, values: (f.data as { values?: unknown } | undefined)?.values ?? null },
      });
    } else if (f.kind === 'narrative' && rules.narratives && touches(f) && !framesBefore.has(frameOf(f))) {
      const docs = unique(f.members.map((m) => m.doc));
      alerts.push({
        key: `new-narrative:${frameOf(f)}`,
        type: 'new-narrative',
        time,
        summary: `New narrative: "${f.label}". ${f.explanation}`,
        documents: await docRefs(infos, docs),
        evidence: evidenceOf(f.members.filter((m) => fresh.has(m.doc)).concat(f.members.filter((m) => !fresh.has(m.doc)))),
        data: { frame: frameOf(f), label: f.label, documents: docs.length },
      });
    }
  }
  if (rules.camps) for (const alert of await campChanges(corpus, fresh, infos, time)) alerts.push(alert);
  if (rules.reuse) for (const alert of await reuseBursts(corpus, fresh, infos, rules.reuse, time)) alerts.push(alert);
  await store.watch.setState(NARRATIVE_STATE, [...new Set(corpus.filter((f) => f.kind === 'narrative').map(frameOf))]);
  return alerts;
}

/**
 * An outlet changes camp when its new document opposes a proposition one of its earlier
 * documents supported (or the reverse). The stance findings are recomputed over the whole
 * corpus, so earlier documents are judged by the same rules as the new one.
 */
async function campChanges(corpus: CorpusFinding[], fresh: Set<string>, infos: InfoCache, time: string): Promise<AlertInput[]> {
  type Stance = { finding: CorpusFinding; doc: string; stance: string; proposition: string; text: string; camp: string | null };
  const stances: Stance[] = [];
  for (const f of corpus) {
    if (f.kind !== 'stance') continue;
    const d = f.data as { doc?: string; stance?: string; proposition?: string; text?: string; camp?: string | null } | undefined;
    if (!d?.doc || (d.stance !== 'supports' && d.stance !== 'opposes') || !d.proposition) continue;
    stances.push({ finding: f, doc: d.doc, stance: d.stance, proposition: d.proposition, text: d.text ?? d.proposition, camp: d.camp ?? null });
  }
  // earlier documents' stances by proposition: each new stance meets only its own proposition's
  const earlierBy = new Map<string, Stance[]>();
  for (const s of stances) {
    if (fresh.has(s.doc)) continue;
    const list = earlierBy.get(s.proposition) ?? [];
    list.push(s);
    earlierBy.set(s.proposition, list);
  }
  const out: AlertInput[] = [];
  for (const now of stances) {
    if (!fresh.has(now.doc)) continue;
    const opposite = (earlierBy.get(now.proposition) ?? []).filter((b) => b.stance !== now.stance);
    if (opposite.length === 0) continue;
    const info = await infos.get(now.doc);
    if (!info?.source) continue;
    for (const before of opposite) {
      const earlier = await infos.get(before.doc);
      if (!earlier || earlier.source !== info.source) continue;
      out.push({
        key: `camp-change:${info.source}:${now.proposition}:${now.doc}`,
        type: 'camp-change',
        time,
        summary: `${info.source} changes side on "${now.text}": it ${before.stance === 'supports' ? 'supported' : 'opposed'} it in ${describe(earlier)} and now ${now.stance === 'supports' ? 'supports' : 'opposes'} it in ${describe(info)}${now.camp ? ` (now in ${now.camp})` : ''}.`,
        documents: [docRef(earlier), docRef(info)],
        evidence: evidenceOf([...before.finding.members.slice(0, 3).map((m) => ({ ...m, role: `before: ${before.stance}` })), ...now.finding.members.slice(0, 3).map((m) => ({ ...m, role: `now: ${now.stance}` }))]),
        data: { outlet: info.source, proposition: now.proposition, text: now.text, before: before.stance, now: now.stance, camp: now.camp },
      });
      break;
    }
  }
  return out;
}

/**
 * A reuse burst: the documents linked by text reuse to a new document (pairs joined into
 * groups) come from at least `outlets` different outlets within `hours` of each other.
 */
async function reuseBursts(corpus: CorpusFinding[], fresh: Set<string>, infos: InfoCache, rule: { outlets: number; hours: number }, time: string): Promise<AlertInput[]> {
  const pairs = corpus.filter((f) => f.kind === 'reuse');
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(x, root);
    return root;
  };
  for (const f of pairs) {
    const docs = unique(f.members.map((m) => m.doc));
    for (const d of docs) if (!parent.has(d)) parent.set(d, d);
    for (let i = 1; i < docs.length; i++) parent.set(find(docs[i]), find(docs[0]));
  }
  const groups = new Map<string, Set<string>>();
  for (const d of parent.keys()) {
    const root = find(d);
    const set = groups.get(root) ?? new Set<string>();
    set.add(d);
    groups.set(root, set);
  }
  const out: AlertInput[] = [];
  for (const members of groups.values()) {
    if (![...members].some((d) => fresh.has(d))) continue;
    const docs: DocInfo[] = [];
    for (const d of members) {
      const info = await infos.get(d);
      if (info) docs.push(info);
    }
    // the window around each new document: the outlets that carried the text within T hours of it
    let best: DocInfo[] = [];
    for (const anchor of docs.filter((d) => fresh.has(d.doc.id))) {
      const near = docs.filter((d) => anchor.time === null || d.time === null || Math.abs(d.time - anchor.time) <= rule.hours * 3_600_000);
      if (outlets(near).size > outlets(best).size) best = near;
    }
    const carried = outlets(best);
    if (carried.size < rule.outlets) continue;
    const inBurst = new Set(best.map((d) => d.doc.id));
    const shared = pairs.filter((f) => f.members.some((m) => fresh.has(m.doc)) && f.members.every((m) => inBurst.has(m.doc))).flatMap((f) => f.members);
    const ids = [...inBurst].sort();
    out.push({
      key: `reuse-burst:${ids[0]}:${carried.size}`,
      type: 'reuse-burst',
      time,
      summary: `The same text appears in ${carried.size} outlets within ${rule.hours} hours: ${[...carried].join(', ')}.`,
      documents: best.map(docRef),
      evidence: evidenceOf(shared),
      data: { outlets: [...carried], hours: rule.hours, documents: ids.length },
    });
  }
  return out;
}

function outlets(docs: DocInfo[]): Set<string> {
  return new Set(docs.map((d) => d.source ?? d.doc.source.outlet ?? d.doc.id));
}

/** Watch-list names and their gazetteer aliases → the name as listed. */
function watchlistMatcher(list: string[], resources: Resources): ((name: string | null | undefined) => string | null) | null {
  if (list.length === 0) return null;
  const keys = new Map<string, string>();
  for (const name of list) {
    keys.set(fold(name), name);
    const hit = resources.gazetteer.lookup(name);
    if (hit) {
      keys.set(fold(hit.entry.name), name);
      for (const alias of hit.entry.aliases) keys.set(fold(alias), name);
    }
  }
  return (name) => {
    if (!name) return null;
    const direct = keys.get(fold(name));
    if (direct) return direct;
    const hit = resources.gazetteer.lookup(name);
    return hit ? (keys.get(fold(hit.entry.name)) ?? null) : null;
  };
}

function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

function frameOf(f: CorpusFinding): string {
  return String((f.data as { frame?: unknown } | undefined)?.frame ?? f.label);
}

function spanOf(f: Finding, doc: string, role: string): AlertEvidence {
  return { doc, start: f.start, end: f.end, quote: f.quote, role };
}

function evidenceOf(members: CorpusMember[]): AlertEvidence[] {
  const out: AlertEvidence[] = [];
  for (const m of members) {
    if (m.start === undefined || m.end === undefined || m.quote === undefined) continue;
    out.push({ doc: m.doc, start: m.start, end: m.end, quote: m.quote, ...(m.role ? { role: m.role } : {}) });
    if (out.length >= MAX_EVIDENCE) break;
  }
  return out;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function describe(info: DocInfo): string {
  const title = info.doc.source.title ? `"${info.doc.source.title}"` : `document ${info.doc.id}`;
  return info.source ? `${title} (${info.source})` : title;
}

function docRef(info: DocInfo): AlertDocument {
  return { id: info.doc.id, title: info.doc.source.title ?? null, source: info.source ?? info.doc.source.outlet ?? null, url: info.url };
}

async function docRefs(infos: InfoCache, ids: string[]): Promise<AlertDocument[]> {
  const out: AlertDocument[] = [];
  for (const id of ids) {
    const info = await infos.get(id);
    if (info) out.push(docRef(info));
  }
  return out;
}

/** Documents alerts name, read once each (only those a rule touches). */
class InfoCache {
  private readonly cache = new Map<string, DocInfo | null>();
  constructor(private readonly store: Store) {}

  async get(id: string): Promise<DocInfo | null> {
    if (this.cache.has(id)) return this.cache.get(id) ?? null;
    const doc = await this.store.getDocument(id);
    let info: DocInfo | null = null;
    if (doc) {
      const watched = (await this.store.watch.sourcesOfDocuments([id])).get(id);
      const published = doc.source.publishedAt ? Date.parse(doc.source.publishedAt) : NaN;
      const seen = watched ? Date.parse(watched.firstSeenAt) : NaN;
      info = {
        doc: { id: doc.id, source: doc.source },
        source: watched?.name ?? doc.source.outlet ?? null,
        url: doc.source.url ?? null,
        side: watched?.side ?? null,
        time: Number.isFinite(published) ? published : Number.isFinite(seen) ? seen : null,
      };
    }
    this.cache.set(id, info);
    return info;
  }
}
