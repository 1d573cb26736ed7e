import type { AnalysedDocument } from '../../analysers/analyzer.js';
import { cue, matchesIn, type NarrativeLexicons } from '../../analysers/accusations/lexicon.js';
import { extractDates } from '../../analysers/claims/dates.js';
import { extractNumbers } from '../../analysers/claims/numbers.js';
import type { CorpusMember, Span } from '../../core/types.js';
import { SpanIndex } from '../../core/span-index.js';
import { proseSentences, type ProseSentence } from './corpus-text.js';
import { stem, words } from './stance/features.js';
import { hashString } from '../minhash.js';
import { PostingLists, TokenCounts } from './token-table.js';

/**
 * Frame discovery: claim and accusation sentences of all documents, as TF-IDF vectors of their
 * content words with entity names masked to the part the entity plays (accuser, accused, armed
 * group, other party), so "X's charges hide X's own failures" and "Y's charges hide Y's own
 * failures" are one frame whichever side says it. Clustering is single-pass and blocked: each
 * sentence is compared only with the clusters indexed under its few most distinctive words
 * (posting lists capped), then joins the closest one above a cosine threshold or starts its own.
 * Time is linear in sentences. Clusters spanning ≥ 2 independent sources are kept, each labelled
 * by its most central sentence (names masked) and its most characteristic words. Documents whose
 * sentences in a cluster are copies of each other (one press release or quotation carried three
 * times) count as one source: a copy is reuse, not a narrative that recurs.
 */

export interface DiscoveredFrame {
  /** the most central member, entity names replaced by their roles */
  label: string;
  keywords: string[];
  members: CorpusMember[];
  documents: string[];
  /** mean cosine of the members to the cluster centre */
  cohesion: number;
}

export interface DiscoveryOptions {
  threshold: number;
  /** distinct sources (outlet, else document) a frame must span */
  minSources: number;
  /** how many of a sentence's most distinctive words look up clusters */
  probes: number;
  /** clusters kept per word in the index (most recent first): bounds the work per sentence */
  postingCap: number;
  maxFrames: number;
}

export const DISCOVERY_DEFAULTS: DiscoveryOptions = { threshold: 0.3, minSources: 2, probes: 4, postingCap: 16, maxFrames: 12 };

const ROLE_TOKENS = new Set(['@accuser', '@accused', '@group', '@party']);
const isFrameToken = (t: string): boolean => t.startsWith('#');
const isPhrase = (t: string): boolean => t.includes('_');
const ROLE_LABEL: Record<string, string> = { '@accuser': '[accuser]', '@accused': '[accused]', '@group': '[armed group]', '@party': '[party]' };
/** Function words beyond the stance model's list: they carry no frame. */
const EXTRA_STOP = new Set(
  ('also however while which whose while within without against between among across through during because since although ' +
    'would could should one two three four five six seven eight nine ten first last year years month months week weeks day days ' +
    'time times according including other others more most many much only even still yet both each every own well further ' +
    'particularly especially recent recently several various like among upon around toward towards already often never ' +
    'become became make makes made take takes took given give gives part parts way ways thing things').split(' '),
);
const STOP = new Set(
  ('a an the and or but if of to in on at by for with from as is are was were be been being it its this that these those ' +
    'he she they we you i his her their our your my me him them us not no do does did has have had will would can could ' +
    'may might shall should must so than then there here what which who whom whose when where why how all any some such ' +
    'into about over after before up down out off just very s t said says say new mr ms').split(' '),
);

interface Cluster {
  /** members (candidates), and distinct documents among them (members come in corpus order, so the last one tells) */
  size: number;
  documents: number;
  lastDoc: number;
  /** the centroid's terms (past DISCOVERY_SAMPLE candidates, its heaviest only: CENTROID_TERMS) */
  sum: Map<string, number>;
  sumSquares: number;
  norm: number;
}

type Roles = Map<string, string>;

/** Per document: who accuses and who is accused in its accusation findings (majority of votes). */
function documentRoles(d: AnalysedDocument): Roles {
  const votes = new Map<string, { accuser: number; accused: number }>();
  const vote = (name: string | null | undefined, role: 'accuser' | 'accused'): void => {
    if (!name) return;
    let v = votes.get(name);
    if (!v) votes.set(name, (v = { accuser: 0, accused: 0 }));
    v[role]++;
  };
  for (const f of d.findings) {
    if (f.kind !== 'accusation') continue;
    const a = f.data as { accuser?: string | null; accused?: string; accuserVia?: string; accusedVia?: string };
    vote(a.accuser, 'accuser');
    vote(a.accuserVia, 'accuser');
    vote(a.accused, 'accused');
    vote(a.accusedVia, 'accused');
  }
  const roles: Roles = new Map();
  for (const [name, v] of votes) roles.set(name, v.accuser > v.accused ? '@accuser' : '@accused');
  return roles;
}

/** Sentences worth clustering: they hold an accusation or a claim, or talk about claims. */
function isCandidate(d: AnalysedDocument, s: ProseSentence, spans: SpanIndex<Span>, talk: RegExp): boolean {
  if (spans.any(s.start, s.end)) return true;
  return matchesIn(talk, d.doc.text, s.start, s.end).length > 0;
}

/** "A bombing in X on 3 May killed 12": a dated count reports an event (contradictions and the timeline read those), it frames nothing. */
function isEventReport(s: ProseSentence): boolean {
  const dates = extractDates(s.text).filter((x) => x.normalized !== null);
  if (dates.length === 0) return false;
  return extractNumbers(s.text).some((n) => n.unit === null && !dates.some((x) => x.start < n.end && n.start < x.end) && !/^\d{4}$/u.test(n.text) && !/^(?:one|a|an)$/iu.test(n.text));
}

function maskedTokens(s: ProseSentence, roles: Roles, sentenceRoles: Roles): { words: string[]; masked: string } {
  const tokens: string[] = [];
  let masked = '';
  let at = s.start;
  const push = (piece: string): void => {
    masked += piece;
    for (const w of words(piece)) {
      if (w.length < 3 || STOP.has(w) || EXTRA_STOP.has(w) || /\d/u.test(w)) continue;
      tokens.push(w);
    }
  };
  for (const m of s.mentions) {
    if (m.start < at) continue;
    push(s.text.slice(at - s.start, m.start - s.start));
    // a target that is no armed group (the victim of a smear) is read by its document role
    const own = sentenceRoles.get(m.canonical);
    const role = (own === '@group' && m.type !== 'group' ? undefined : own) ?? roles.get(m.canonical) ?? (m.type === 'group' ? '@group' : '@party');
    tokens.push(role);
    masked += ROLE_LABEL[role];
    at = m.end;
  }
  push(s.text.slice(at - s.start));
  return { words: tokens, masked: masked.replace(/\s+/gu, ' ').trim() };
}

function dot(a: Map<string, number>, b: Map<string, number>): number {
  let s = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const [k, v] of small) {
    const w = large.get(k);
    if (w !== undefined) s += v * w;
  }
  return s;
}

/**
 * One clustering candidate of one document as the corpus state keeps it: a claim or
 * accusation sentence's span, its content words in order with entity names replaced by their
 * role tokens, the lexicon frames it uses, and the masked text for a label. Stems, phrases
 * and the quote are derived when clustering (the state stays small).
 */
export interface FrameCandidate {
  start: number;
  end: number;
  /** content words (surface form) and role tokens (@accused …), in order */
  words: string[];
  /** lexicon frames the sentence uses, as #frame tokens */
  frames: string[];
  masked: string;
}

/** A candidate with what clustering reads: its tokens and surface words by stem. */
interface ExpandedCandidate extends FrameCandidate {
  tokens: string[];
  surface: Array<[string, string]>;
}

function expand(c: FrameCandidate): ExpandedCandidate {
  const tokens: string[] = [];
  const surface: Array<[string, string]> = [];
  for (const w of c.words) {
    if (ROLE_TOKENS.has(w)) {
      tokens.push(w);
      continue;
    }
    const st = stem(w);
    tokens.push(st);
    surface.push([st, w]);
  }
  // adjacent content words as a phrase ("safe haven", "shift blame"): a shared phrase says more than two shared words
  const content = tokens.filter((t) => !ROLE_TOKENS.has(t));
  for (let k = 1; k < content.length; k++) tokens.push(`${content[k - 1]}_${content[k]}`);
  // a lexicon frame's phrasings count as one word, so its different wordings meet
  for (const f of c.frames) tokens.push(f);
  return { ...c, tokens, surface };
}

/** The tokens a candidate is counted and clustered by (tests). */
export function expandedTokens(c: FrameCandidate): string[] {
  return expand(c).tokens;
}

/** The per-document step: the sentences of one document worth clustering. */
export function frameCandidates(d: AnalysedDocument, lex: NarrativeLexicons): FrameCandidate[] {
  const talk = new RegExp([cue(lex, 'claim-noun').source, cue(lex, 'accusation-verb').source, cue(lex, 'denial').source].join('|'), 'giu');
  const out: FrameCandidate[] = [];
  const roles = documentRoles(d);
  // indexed by span: a scan of every finding per sentence is quadratic in one long document
  const spans = new SpanIndex(d.findings.filter((f) => f.kind === 'accusation' || f.kind === 'claim'));
  const accusations = new SpanIndex(d.findings.filter((f) => f.kind === 'accusation'));
  for (const s of proseSentences(d)) {
    if (!isCandidate(d, s, spans, talk) || isEventReport(s)) continue;
    // the sentence's own accusations decide its roles first
    const own: Roles = new Map();
    for (const f of accusations.overlapping(s.start, s.end)) {
      const a = f.data as { accuser?: string | null; accused?: string; accuserVia?: string; accusedVia?: string; target?: string | null };
      for (const n of [a.accused, a.accusedVia]) if (n) own.set(n, '@accused');
      for (const n of [a.accuser, a.accuserVia]) if (n && !own.has(n)) own.set(n, '@accuser');
      if (a.target) own.set(a.target, '@group');
    }
    const { words: sentenceWords, masked } = maskedTokens(s, roles, own);
    if (new Set(sentenceWords.filter((w) => !ROLE_TOKENS.has(w)).map(stem)).size < 4) continue;
    const frames = lex.frames.filter((frame) => matchesIn(frame.re, d.doc.text, s.start, s.end).length).map((frame) => `#${frame.frame}`);
    out.push({ start: s.start, end: s.end, words: sentenceWords, frames, masked });
  }
  return out;
}

/** Frames discovered in a list of analysed documents (tests and evaluation; the analyser reads stored candidates). */
export async function discoverFrames(documents: AnalysedDocument[], lex: NarrativeLexicons, options: Partial<DiscoveryOptions> = {}): Promise<DiscoveredFrame[]> {
  const texts = new Map(documents.map((d) => [d.doc.id, d.doc.text]));
  const perDocument = documents.map((d) => ({ doc: d.doc.id, source: d.doc.source.outlet ?? d.doc.id, candidates: frameCandidates(d, lex) }));
  const frames = await clusterFrames(() => perDocument, options);
  return frames.map((f) => ({ ...f, members: f.members.map((m) => ({ ...m, quote: (texts.get(m.doc) ?? '').slice(m.start as number, m.end as number) })) }));
}

/** A sequence that can be read again from the start (an array, or a fresh stream from the store per call). */
export type Rereadable<T> = () => Iterable<T> | AsyncIterable<T>;

/**
 * Candidate sentences that may start a cluster of their own. Clusters are what discovery
 * holds, so their number is bounded: up to this many candidates every one may start a
 * cluster (the result is that of clustering everything); beyond it a deterministic sample of
 * about this many (by a hash of document and span, spread over the whole corpus) may, and
 * the other candidates join the closest cluster above the threshold or none.
 */
export const DISCOVERY_SAMPLE = 30_000;

/**
 * Past DISCOVERY_SAMPLE candidates a centroid keeps its CENTROID_TERMS heaviest terms once it
 * holds twice as many. The clusters' number is bounded by the sample, but each centroid gained
 * the terms of every sentence that joined it (~513,000 terms in 28,000 centroids at 5,000
 * bench documents, most of discovery's memory): a term kept by no later member weighs little
 * in the cosine, and keywords come from the 24 heaviest. Up to the sample nothing is pruned
 * (the frames stay exactly those of clustering everything).
 */
export const CENTROID_TERMS = 48;

/**
 * The corpus step in three passes over every document's candidates, none holding them all:
 * 1. document frequencies of the tokens (what the TF-IDF weights need);
 * 2. single-pass clustering in corpus order: only the clusters (their centroids and member
 *    numbers) are kept, and only sampled candidates start new ones (DISCOVERY_SAMPLE);
 * 3. for the clusters spanning two documents or more: cohesion, the most central sentence,
 *    keywords and the independent sources, from their members read again.
 * The same order and arithmetic as one pass over everything held in memory, so up to
 * DISCOVERY_SAMPLE candidates the frames are exactly those.
 */
export async function clusterFrames(
  perDocument: Rereadable<{ doc: string; source: string; candidates: FrameCandidate[] }>,
  options: Partial<DiscoveryOptions & { sample: number; centroidTerms: number; stats: DiscoveryStats; keptClusters: number }> = {},
): Promise<DiscoveredFrame[]> {
  const opt = { ...DISCOVERY_DEFAULTS, sample: DISCOVERY_SAMPLE, centroidTerms: CENTROID_TERMS, keptClusters: KEPT_CLUSTERS, ...options };
  // pass 1: document frequencies
  const df = await documentFrequencies(perDocument, opt.sample);
  const n = df.candidates;
  if (n < 2) return [];
  const counts = df.counts;
  const idf = (count: number): number => Math.log((n + 1) / (count + 1)) + 1;
  // a word in most candidate sentences ("terrorism" in a corpus about terrorism) frames nothing
  const commonAbove = Math.max(3, n * 0.2);
  const vectorOf = (c: ExpandedCandidate): Map<string, number> => {
    const tf = new Map<string, number>();
    const dfOf = new Map<string, number>();
    for (const t of c.tokens) {
      const seen = tf.get(t);
      if (seen !== undefined) {
        tf.set(t, seen + 1);
        continue;
      }
      // a word no other sentence has can match nothing: it would only dilute the cosine
      const count = counts.get(t);
      if (count > commonAbove || count < 2) continue;
      tf.set(t, 1);
      dfOf.set(t, count);
    }
    const vector = new Map<string, number>();
    let norm = 0;
    for (const [t, count] of tf) {
      const w = (1 + Math.log(count)) * idf(dfOf.get(t) as number) * (ROLE_TOKENS.has(t) ? 0.5 : 1);
      vector.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of vector) vector.set(t, w / norm);
    return vector;
  };
  const mayStart = (doc: string, c: FrameCandidate): boolean => n <= opt.sample || hashString(`${doc}:${c.start}:${c.end}`) % n < opt.sample;

  // pass 2: clustering. Per candidate only its cluster number (a typed array); the posting
  // lists hang on the token table's slots (every probe word is held twice or more, so counted)
  const clusters: Cluster[] = [];
  const postings = new PostingLists(counts.capacity, opt.postingCap);
  // vector entries all have a document frequency of 2 or more: the probes are the heaviest non-role ones
  const probesOf = (v: Map<string, number>): string[] =>
    [...v.entries()].filter(([t]) => !ROLE_TOKENS.has(t)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, opt.probes).map(([t]) => t);
  const assigned = new Int32Array(n).fill(-1);
  const docIds: string[] = [];
  const sources: string[] = [];
  const listed: number[] = [];
  let i = 0;
  for await (const d of perDocument()) {
    const doc = docIds.length;
    docIds.push(d.doc);
    sources.push(d.source);
    for (const stored of d.candidates) {
      const vector = vectorOf(expand(stored));
      const probes = probesOf(vector).map((t) => counts.slot(t));
      const seen = new Set<number>();
      let best = -1;
      let bestSim = 0;
      for (const slot of probes) {
        for (const k of postings.list(slot, listed)) {
          if (seen.has(k)) continue;
          seen.add(k);
          const cl = clusters[k];
          const sim = dot(vector, cl.sum) / cl.norm;
          // two distinctive words in common at least: one shared word is a coincidence
          if (sim > bestSim && sharedContent(vector, cl.sum) >= 2) [best, bestSim] = [k, sim];
        }
      }
      if (best < 0 || bestSim < opt.threshold) {
        if (!mayStart(d.doc, stored)) {
          i++;
          continue;
        }
        best = clusters.length;
        clusters.push({ size: 0, documents: 0, lastDoc: -1, sum: new Map(), sumSquares: 0, norm: 0 });
      }
      const cl = clusters[best];
      assigned[i] = best;
      cl.size++;
      // members come in corpus order: a new document is a new last one
      if (cl.lastDoc !== doc) [cl.documents, cl.lastDoc] = [cl.documents + 1, doc];
      // The centroid's squared norm is updated term by term: recomputing it over the whole
      // (growing) centroid on every addition made large clusters quadratic.
      for (const [t, w] of vector) {
        const old = cl.sum.get(t) ?? 0;
        cl.sumSquares += (old + w) * (old + w) - old * old;
        cl.sum.set(t, old + w);
      }
      if (n > opt.sample && cl.sum.size > 2 * opt.centroidTerms) pruneCentroid(cl, opt.centroidTerms);
      cl.norm = Math.sqrt(cl.sumSquares) || 1;
      for (const slot of probes) postings.add(slot, best);
      i++;
    }
  }
  if (opt.stats) {
    opt.stats.clusters = clusters.length;
    opt.stats.centroidTerms = clusters.reduce((acc, cl) => acc + cl.sum.size, 0);
    opt.stats.tokens = counts.size;
    opt.stats.typedBytes = counts.bytes + postings.bytes + assigned.byteLength;
  }

  // pass 3: the clusters spanning two documents or more, from their members read again:
  // cohesion, the most central sentence, keywords. Members and the texts that decide
  // independent sources are kept only for the clusters of the most documents (frames are
  // ranked by documents first): the others are read again (pass 4) only if too few of
  // these make frames.
  const finals = new Map<number, Final>();
  clusters.forEach((cl, k) => {
    if (cl.documents < 2) return;
    // bounded work per cluster: keywords come from its 24 heaviest terms
    const top = [...cl.sum.entries()]
      .filter(([t]) => !ROLE_TOKENS.has(t) && !isFrameToken(t) && !isPhrase(t))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 24)
      .map(([t]) => t);
    finals.set(k, { top, spread: new Map(top.map((t) => [t, NO_DOCUMENT])), surfaceCount: new Map(), sims: 0, central: '', best: -1, size: 0, kept: null });
  });
  const byDocuments = [...finals.keys()].map((k) => clusters[k].documents).sort((a, b) => b - a);
  const keepFrom = byDocuments[Math.min(byDocuments.length, Math.max(1, opt.keptClusters)) - 1] ?? Infinity;
  for (const [k, f] of finals) if (clusters[k].documents >= keepFrom) f.kept = new KeptMembers();
  i = 0;
  let doc = 0;
  for await (const d of perDocument()) {
    for (const stored of d.candidates) {
      const k = assigned[i++];
      const f = k < 0 ? undefined : finals.get(k);
      if (!f) continue;
      const cl = clusters[k];
      const c = expand(stored);
      const vector = vectorOf(c);
      const sim = dot(vector, cl.sum) / cl.norm;
      f.sims += sim;
      f.size++;
      if (sim > f.best) [f.best, f.central] = [sim, c.masked];
      for (const [st, w] of c.surface) {
        if (!f.spread.has(st)) continue;
        let m = f.surfaceCount.get(st);
        if (!m) f.surfaceCount.set(st, (m = new Map()));
        m.set(w, (m.get(w) ?? 0) + 1);
      }
      // whether two documents' members have each top term (documents come in order)
      for (const [t, first] of f.spread) if (first !== TWO_DOCUMENTS && first !== doc && vector.has(t)) f.spread.set(t, first === NO_DOCUMENT ? doc : TWO_DOCUMENTS);
      f.kept?.add(doc, c.start, c.end, c.masked);
    }
    doc++;
  }
  const ranked: Array<{ k: number; f: Final; keywords: string[]; cohesion: number }> = [];
  for (const [k, f] of finals) {
    // independent sources are at most the documents
    if (clusters[k].documents < opt.minSources) continue;
    const keywords = f.top
      .filter((t) => f.spread.get(t) === TWO_DOCUMENTS)
      .slice(0, 6)
      .map((t) => [...(f.surfaceCount.get(t) ?? new Map([[t, 1]])).entries()].sort((a, b) => b[1] - a[1])[0][0]);
    if (keywords.length < 2) continue;
    ranked.push({ k, f, keywords, cohesion: f.sims / f.size });
  }
  // most documents first, then cohesion; ties in cluster order (a stable sort of the clusters)
  ranked.sort((a, b) => clusters[b.k].documents - clusters[a.k].documents || b.cohesion - a.cohesion || a.k - b.k);
  const frames: DiscoveredFrame[] = [];
  let batch = Math.max(1, opt.keptClusters);
  for (let at = 0; at < ranked.length && frames.length < opt.maxFrames; at++) {
    const { f, keywords, cohesion } = ranked[at];
    if (!f.kept) {
      // pass 4 (rare: most of the best-spread clusters are copies of one source): the next clusters' members
      const next = ranked.slice(at, at + batch).filter((r) => !r.f.kept);
      for (const r of next) r.f.kept = new KeptMembers();
      batch *= 2;
      let j = 0;
      doc = 0;
      for await (const d of perDocument()) {
        for (const stored of d.candidates) {
          const kk = assigned[j++];
          if (kk >= 0) finals.get(kk)?.kept?.add(doc, stored.start, stored.end, stored.masked);
        }
        doc++;
      }
    }
    const kept = f.kept as KeptMembers;
    if (independentSources(kept.compared(sources)) < opt.minSources) continue;
    const label = f.central.length > 160 ? `${f.central.slice(0, 157).replace(/\s+\S*$/u, '')}…` : f.central;
    frames.push({ label, keywords, members: kept.members(docIds), documents: kept.documents(docIds), cohesion });
  }
  return frames;
}

/** Clusters whose members pass 3 keeps, at least (those of the most documents, ties included). */
const KEPT_CLUSTERS = 64;
const NO_DOCUMENT = -1;
const TWO_DOCUMENTS = -2;

/** What discovery held at the end of its clustering pass (for tests and benchmarks). */
export interface DiscoveryStats {
  clusters: number;
  /** terms in all centroids together */
  centroidTerms: number;
  /** distinct tokens counted (held twice or more past the sample) */
  tokens?: number;
  /** bytes of the token table, the posting lists and the candidates' cluster numbers */
  typedBytes?: number;
}

/** A centroid's `keep` heaviest terms (ties by term, so the result does not depend on insertion order), its norm recomputed. */
export function pruneCentroid(cl: { sum: Map<string, number>; sumSquares: number }, keep: number): void {
  const kept = [...cl.sum.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, keep);
  cl.sum = new Map(kept);
  cl.sumSquares = kept.reduce((acc, [, w]) => acc + w * w, 0);
}

/** Buckets of the pre-count (one byte each: 16 MB). */
const PRECOUNT_BUCKETS = 1 << 24;

/**
 * How many candidates hold each token, for the tokens held by two or more. A token held by
 * one candidate weighs nothing (vectors and probes keep only tokens with df ≥ 2, and a df of
 * 1 or 0 is never "common"), yet such tokens — rare words, word pairs — are most of a large
 * corpus's vocabulary. Past DISCOVERY_SAMPLE candidates a first pass counts tokens by hash
 * bucket (saturating at 2: a bucket never undercounts), and only tokens whose bucket reached
 * 2 are counted exactly in a second: the same counts for every token that matters, without
 * an entry per word of the corpus. Up to `exactUpTo` candidates, one exact pass. The counts
 * are a typed table keyed by token hashes (token-table.ts), not a Map of the token strings.
 */
export async function documentFrequencies(perDocument: Rereadable<{ candidates: FrameCandidate[] }>, exactUpTo = DISCOVERY_SAMPLE): Promise<{ counts: TokenCounts; candidates: number }> {
  let candidates = 0;
  let counts = new TokenCounts();
  let buckets: Uint8Array | null = null;
  const bucketOf = (h: number): number => h & (PRECOUNT_BUCKETS - 1);
  for await (const d of perDocument()) {
    for (const c of d.candidates) {
      candidates++;
      if (!buckets && candidates > exactUpTo) {
        // too many to count exactly in one pass: the counts so far go to the buckets
        buckets = new Uint8Array(PRECOUNT_BUCKETS);
        const into = buckets;
        counts.forEachCount((h, count) => {
          into[bucketOf(h)] = Math.min(2, into[bucketOf(h)] + count);
        });
        counts = new TokenCounts();
      }
      for (const t of new Set(expand(c).tokens)) {
        const h = hashString(t);
        if (!buckets) {
          counts.add(t, h);
        } else {
          const b = bucketOf(h);
          if (buckets[b] < 2) buckets[b]++;
        }
      }
    }
  }
  if (!buckets) return { counts, candidates };
  const seen = buckets;
  for await (const d of perDocument()) {
    for (const c of d.candidates) {
      for (const t of new Set(expand(c).tokens)) {
        const h = hashString(t);
        if (seen[bucketOf(h)] >= 2) counts.add(t, h);
      }
    }
  }
  return { counts, candidates };
}

/** What pass 3 gathers of one cluster spanning several documents. */
interface Final {
  /** its 24 heaviest terms (keyword candidates), in order */
  top: string[];
  /** per top term: the document of the first member that has it, or TWO_DOCUMENTS once a second does */
  spread: Map<string, number>;
  surfaceCount: Map<string, Map<string, number>>;
  sims: number;
  best: number;
  central: string;
  size: number;
  /** members and compared texts, for the clusters that may be frames */
  kept: KeptMembers | null;
}

/** A cluster's members as (document, start, end) in a typed array, and the masked texts of its first MAX_COMPARED. */
class KeptMembers {
  private packed = new Int32Array(48);
  private count = 0;
  private readonly texts: string[] = [];

  add(doc: number, start: number, end: number, masked: string): void {
    if (this.count * 3 === this.packed.length) {
      const grown = new Int32Array(this.packed.length * 2);
      grown.set(this.packed);
      this.packed = grown;
    }
    this.packed.set([doc, start, end], this.count * 3);
    this.count++;
    if (this.texts.length < MAX_COMPARED) this.texts.push(masked);
  }

  /** What independentSources compares: every member's source, the masked text of the first MAX_COMPARED. */
  compared(sources: readonly string[]): Array<{ source: string; text: string }> {
    return Array.from({ length: this.count }, (_, m) => ({ source: sources[this.packed[m * 3]], text: this.texts[m] ?? '' }));
  }

  members(docIds: readonly string[]): CorpusMember[] {
    return Array.from({ length: this.count }, (_, m) => ({ doc: docIds[this.packed[m * 3]], start: this.packed[m * 3 + 1], end: this.packed[m * 3 + 2], role: 'member' }));
  }

  /** Its documents in corpus order, each once. */
  documents(docIds: readonly string[]): string[] {
    const out: string[] = [];
    for (let m = 0; m < this.count; m++) if (m === 0 || this.packed[m * 3] !== this.packed[(m - 1) * 3]) out.push(docIds[this.packed[m * 3]]);
    return out;
  }
}

function sharedContent(v: Map<string, number>, sum: Map<string, number>): number {
  let n = 0;
  for (const t of v.keys()) if (!ROLE_TOKENS.has(t) && sum.has(t)) n += isPhrase(t) ? 2 : 1;
  return n;
}

/** Word 3-grams of a sentence, lower-cased: what a copy keeps. */
function trigrams(text: string): Set<string> {
  const w = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const out = new Set<string>();
  for (let i = 0; i + 2 < w.length; i++) out.add(`${w[i]} ${w[i + 1]} ${w[i + 2]}`);
  if (w.length < 3) out.add(w.join(' '));
  return out;
}

const COPY_DICE = 0.5;
const MAX_COMPARED = 64;

/**
 * Sources a cluster's sentences come from once copies are joined: two sources whose sentences
 * share most word 3-grams (Dice ≥ 0.5) carry one text, and count once. Bounded pairwise work
 * on the first members of the cluster.
 */
export function independentSources(members: Array<{ source: string; text: string }>): number {
  const list = members.slice(0, MAX_COMPARED);
  const grams = list.map((m) => trigrams(m.text));
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    while (parent.get(x) !== x) x = parent.get(x) as string;
    return x;
  };
  for (const m of members) parent.set(m.source, m.source);
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      if (list[i].source === list[j].source) continue;
      let shared = 0;
      for (const g of grams[i]) if (grams[j].has(g)) shared++;
      if ((2 * shared) / (grams[i].size + grams[j].size || 1) >= COPY_DICE) parent.set(find(list[i].source), find(list[j].source));
    }
  }
  return new Set([...parent.keys()].map(find)).size;
}
