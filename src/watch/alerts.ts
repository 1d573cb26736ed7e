import type { Finding } from '../core/types.js';
import type { Resources } from '../nlp/resources.js';
import { ReferenceStage } from '../reference/stage.js';
import type { Store } from '../store/store.js';
import type { AlertEvidence, AlertInput } from '../store/watch.js';
import { describe, docRef, InfoCache } from './alert-docs.js';
import { stateReader, updateIndex } from './alert-index.js';
import type { AlertRules } from './config.js';
import { campChangeAlerts, commentAlerts, contradictionAlerts, narrativeAlerts, reuseBursts, reusePairs, type CorpusAlertContext } from './corpus-alerts.js';

/**
 * Alerts from what the new documents add. Document-level rules read only the new documents'
 * own findings (accusations against watch-listed actors, fact-check matches); corpus-level
 * rules (corpus-alerts.ts) read the new documents' stored corpus states and, through the
 * watch index (alert-index.ts), the states of the few earlier documents they relate to —
 * never the whole corpus — so a poll's work and memory follow its new documents, not the
 * corpus size. A contradiction or a reuse pair with a new member is new by construction; a
 * narrative is new when too few earlier documents carried it to make it one before; an
 * outlet changes camp when its new document takes the opposite side of a proposition its
 * earlier documents took. Every alert carries the quoted spans it rests on, and a key so the
 * same thing is never raised twice.
 */

export const ALERT_TYPES = ['watchlist-accusation', 'new-narrative', 'camp-change', 'new-contradiction', 'comment-section', 'reuse-burst', 'fact-check'] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

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

  // the index is brought up to date even when no corpus rule is on: a rule turned on later finds it ready
  let t = performance.now();
  const lap = (what: string) => {
    if (process.env.DISCERN_ALERT_TIMING) console.error(`alerts: ${what} ${(performance.now() - t).toFixed(0)} ms`);
    t = performance.now();
  };
  lap('document rules');
  const state = await stateReader(store, ctx.resources);
  await updateIndex(store, ctx.resources, state);
  lap('index');
  const corpus: CorpusAlertContext = { store, rules, fresh: newDocs, freshSet: fresh, infos, time, corpusSize: await store.countDocuments(), state };
  for (const alert of await commentAlerts(corpus)) alerts.push(alert);
  lap('comments');
  if (rules.contradictions) for (const alert of await contradictionAlerts(corpus)) alerts.push(alert);
  lap('contradictions');
  if (rules.narratives) for (const alert of await narrativeAlerts(corpus)) alerts.push(alert);
  lap('narratives');
  if (rules.camps) for (const alert of await campChangeAlerts(corpus)) alerts.push(alert);
  lap('camps');
  if (rules.reuse) for (const alert of await reuseBursts(corpus, await reusePairs(corpus), rules.reuse)) alerts.push(alert);
  lap('reuse');
  return alerts;
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

function spanOf(f: Finding, doc: string, role: string): AlertEvidence {
  return { doc, start: f.start, end: f.end, quote: f.quote, role };
}
