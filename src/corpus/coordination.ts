import type { CorpusFindingDraft, CorpusMember } from '../core/types.js';
import type { Post } from '../ingest/posts.js';
import { tokenize } from '../nlp/tokens.js';
import { DisjointSet, nearDuplicateClusters, shingleSet } from './minhash.js';

/**
 * Coordinated behaviour among accounts, as in CooRnet (coordinated link sharing) and the
 * coordination-network-toolkit (co-similar text): two accounts are linked each time they
 * post the same link, or near-identical text, within `windowSeconds` of each other. An
 * edge's weight is the number of distinct links and texts they co-posted; edges below
 * `minShared` are dropped and the connected components of the rest are the clusters.
 */

export interface CoordinationOptions {
  /** co-posts further apart than this are not coordination (default 60 s) */
  windowSeconds?: number;
  /** distinct shared items an edge needs to count (default 2) */
  minShared?: number;
  /** Jaccard of word 3-shingles at which two texts are the same text (default 0.7) */
  textSimilarity?: number;
  /** texts with fewer words are not compared: "lol" is not coordination (default 5) */
  minTextWords?: number;
  /** look for shared links (default true) */
  links?: boolean;
  /** look for near-identical texts (default true) */
  texts?: boolean;
  /** accounts a cluster needs to be reported (default 2) */
  minClusterSize?: number;
  /** bound on account pairs counted per shared item, so one viral link cannot exhaust memory (default 20,000) */
  maxPairsPerItem?: number;
  /** cap on members listed per finding (default 200) */
  maxMembers?: number;
}

export interface AccountNode {
  id: string;
  posts: number;
  /** accounts it is linked to above the threshold */
  degree: number;
  /** sum of its kept edges' weights */
  strength: number;
  /** index into `clusters`, null when in none */
  cluster: number | null;
}

export interface AccountEdge {
  source: string;
  target: string;
  /** distinct links + texts co-posted within the window */
  weight: number;
  links: number;
  texts: number;
  /** earliest and latest co-post (ISO 8601), null without times */
  firstAt: string | null;
  lastAt: string | null;
  /** the first shared items behind the edge (at most MAX_EDGE_ITEMS; texts clipped) */
  shared: Array<{ kind: 'link' | 'text'; key: string }>;
}

/** Shared items kept on each edge, and how much of a shared text (UTF-16 units). */
export const MAX_EDGE_ITEMS = 5;
export const MAX_EDGE_ITEM_CHARS = 200;

export interface CoordinationNetwork {
  nodes: AccountNode[];
  edges: AccountEdge[];
  windowSeconds: number;
  minShared: number;
}

export interface SharedItem {
  kind: 'link' | 'text';
  /** the normalised URL, or the first post's text */
  key: string;
  posts: string[];
  accounts: string[];
}

export interface CoordinationCluster {
  accounts: string[];
  edges: number;
  weight: number;
  /** kept edges / possible edges among the accounts */
  density: number;
  /** the shared items behind the cluster's edges */
  items: SharedItem[];
}

export interface CoordinationStats {
  posts: number;
  accounts: number;
  /** posts without a time, left out of windowed co-posting */
  untimed: number;
  linkItems: number;
  textClusters: number;
  candidatePairs: number;
  /** items whose account pairs were capped by `maxPairsPerItem` */
  truncatedItems: number;
  edgesBeforeThreshold: number;
}

export interface CoordinationResult {
  network: CoordinationNetwork;
  clusters: CoordinationCluster[];
  findings: CorpusFindingDraft[];
  stats: CoordinationStats;
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"')\]]+/gi;
const TRACKING = /^(utm_\w+|fbclid|gclid|igshid|mc_cid|mc_eid|ref|ref_src|s|si|feature)$/i;

/** A URL as a sharing key: lower-case host without www, no fragment or tracking parameters. */
export function normalizeUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.replace(/[.,;:!?]+$/, ''));
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const params = [...url.searchParams.entries()].filter(([k]) => !TRACKING.test(k)).sort(([a], [b]) => (a < b ? -1 : 1));
  const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : '';
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const pathname = url.pathname.replace(/\/+$/, '');
  return `${host}${pathname}${query}`;
}

/** Links a post shares: its url field and every URL in its text. */
export function postLinks(post: Pick<Post, 'url' | 'text'>): string[] {
  const raw = [...(post.url ? [post.url] : []), ...(post.text.match(URL_PATTERN) ?? [])];
  const keys = new Set<string>();
  for (const r of raw) {
    const key = normalizeUrl(r);
    if (key) keys.add(key);
  }
  return [...keys];
}

/** The words compared for co-similar text: URLs and @handles removed, case folded. */
export function textWords(text: string): string[] {
  const stripped = text.replace(URL_PATTERN, ' ').replace(/[@#][\p{L}\p{N}_]+/gu, ' ');
  return tokenize(stripped).map((t) => t.norm);
}

interface EdgeAccumulator {
  links: number;
  texts: number;
  first: number;
  last: number;
  /** indices into the item table */
  items: number[];
}

interface Item {
  kind: 'link' | 'text';
  key: string;
  posts: number[];
}

export function analyzePosts(posts: readonly Post[], options: CoordinationOptions = {}): CoordinationResult {
  const windowSeconds = options.windowSeconds ?? 60;
  const windowMs = windowSeconds * 1000;
  const minShared = options.minShared ?? 2;
  const minTextWords = options.minTextWords ?? 5;
  const maxPairsPerItem = options.maxPairsPerItem ?? 20000;
  const minClusterSize = options.minClusterSize ?? 2;
  const maxMembers = options.maxMembers ?? 200;

  const authorIndex = new Map<string, number>();
  const authors: string[] = [];
  const postAuthor = new Uint32Array(posts.length);
  const postCount: number[] = [];
  let untimed = 0;
  for (let i = 0; i < posts.length; i++) {
    let a = authorIndex.get(posts[i].author);
    if (a === undefined) {
      a = authors.length;
      authorIndex.set(posts[i].author, a);
      authors.push(posts[i].author);
      postCount.push(0);
    }
    postAuthor[i] = a;
    postCount[a]++;
    if (posts[i].time === null) untimed++;
  }

  const items: Item[] = [];
  if (options.links !== false) {
    const byLink = new Map<string, number[]>();
    for (let i = 0; i < posts.length; i++) {
      for (const key of postLinks(posts[i])) {
        let list = byLink.get(key);
        if (!list) byLink.set(key, (list = []));
        list.push(i);
      }
    }
    for (const [key, list] of byLink) if (list.length > 1) items.push({ kind: 'link', key, posts: list });
  }
  const linkItems = items.length;
  let candidatePairs = 0;
  if (options.texts !== false) {
    const setOf = (i: number): Uint32Array => {
      const words = textWords(posts[i].text);
      return words.length < minTextWords ? new Uint32Array(0) : shingleSet(words, 3);
    };
    const result = nearDuplicateClusters(posts.length, setOf, { threshold: options.textSimilarity ?? 0.7 });
    candidatePairs = result.candidates;
    for (const cluster of result.clusters) items.push({ kind: 'text', key: posts[cluster[0]].text, posts: cluster });
  }

  // Account pairs per item within the window; each item counts once per pair.
  const edges = new Map<number, EdgeAccumulator>();
  const nAuthors = authors.length;
  let truncatedItems = 0;
  const timeOf = (i: number): number => posts[i].time ?? Number.NaN;
  for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
    const item = items[itemIndex];
    const timed = item.posts.filter((i) => posts[i].time !== null).sort((x, y) => timeOf(x) - timeOf(y) || x - y);
    const seen = new Set<number>();
    let pairs = 0;
    outer: for (let x = 0; x < timed.length; x++) {
      for (let y = x + 1; y < timed.length; y++) {
        const dt = timeOf(timed[y]) - timeOf(timed[x]);
        if (dt > windowMs) break;
        const a = postAuthor[timed[x]];
        const b = postAuthor[timed[y]];
        if (a === b) continue;
        const key = a < b ? a * nAuthors + b : b * nAuthors + a;
        if (seen.has(key)) continue;
        seen.add(key);
        if (++pairs > maxPairsPerItem) {
          truncatedItems++;
          break outer;
        }
        let edge = edges.get(key);
        if (!edge) edges.set(key, (edge = { links: 0, texts: 0, first: Infinity, last: -Infinity, items: [] }));
        if (item.kind === 'link') edge.links++;
        else edge.texts++;
        edge.first = Math.min(edge.first, timeOf(timed[x]));
        edge.last = Math.max(edge.last, timeOf(timed[y]));
        if (edge.items.length < 50) edge.items.push(itemIndex);
      }
    }
  }

  const kept: Array<[number, EdgeAccumulator]> = [];
  for (const entry of edges) if (entry[1].links + entry[1].texts >= minShared) kept.push(entry);
  kept.sort((p, q) => p[0] - q[0]);
  const components = new DisjointSet(nAuthors);
  const degree = new Uint32Array(nAuthors);
  const strength = new Float64Array(nAuthors);
  for (const [key, edge] of kept) {
    const a = Math.floor(key / nAuthors);
    const b = key % nAuthors;
    components.union(a, b);
    degree[a]++;
    degree[b]++;
    strength[a] += edge.links + edge.texts;
    strength[b] += edge.links + edge.texts;
  }

  const groups = components
    .groups(Math.max(2, minClusterSize))
    .filter((g) => g.some((a) => degree[a] > 0))
    .sort((g, h) => h.length - g.length || g[0] - h[0]);
  const clusterOf = new Map<number, number>();
  groups.forEach((g, ci) => g.forEach((a) => clusterOf.set(a, ci)));

  const clusters: CoordinationCluster[] = groups.map((g) => ({ accounts: g.map((a) => authors[a]), edges: 0, weight: 0, density: 0, items: [] }));
  const clusterItems = groups.map(() => new Set<number>());
  for (const [key, edge] of kept) {
    const ci = clusterOf.get(Math.floor(key / nAuthors));
    if (ci === undefined) continue;
    clusters[ci].edges++;
    clusters[ci].weight += edge.links + edge.texts;
    for (const it of edge.items) clusterItems[ci].add(it);
  }
  clusters.forEach((cluster, ci) => {
    const n = cluster.accounts.length;
    cluster.density = round((2 * cluster.edges) / (n * (n - 1)));
    const members = new Set(groups[ci]);
    cluster.items = [...clusterItems[ci]].sort((p, q) => p - q).map((it) => {
      const item = items[it];
      const inCluster = item.posts.filter((p) => members.has(postAuthor[p]));
      return {
        kind: item.kind,
        key: item.key,
        posts: inCluster.map((p) => posts[p].id),
        accounts: [...new Set(inCluster.map((p) => authors[postAuthor[p]]))],
      };
    });
  });

  const network: CoordinationNetwork = {
    nodes: authors.map((id, a) => ({ id, posts: postCount[a], degree: degree[a], strength: strength[a], cluster: clusterOf.get(a) ?? null })),
    edges: kept.map(([key, edge]) => ({
      source: authors[Math.floor(key / nAuthors)],
      target: authors[key % nAuthors],
      weight: edge.links + edge.texts,
      links: edge.links,
      texts: edge.texts,
      firstAt: Number.isFinite(edge.first) ? new Date(edge.first).toISOString() : null,
      lastAt: Number.isFinite(edge.last) ? new Date(edge.last).toISOString() : null,
      shared: edge.items.slice(0, MAX_EDGE_ITEMS).map((it) => ({ kind: items[it].kind, key: clipKey(items[it].key) })),
    })),
    windowSeconds,
    minShared,
  };

  const edgesByCluster = clusters.map((): AccountEdge[] => []);
  for (const edge of network.edges) {
    const ci = clusterOf.get(authorIndex.get(edge.source) ?? -1);
    if (ci !== undefined) edgesByCluster[ci].push(edge);
  }
  const postById = new Map<string, Post>();
  const postOf = (id: string): Post | undefined => {
    if (postById.size === 0) for (const p of posts) postById.set(p.id, p);
    return postById.get(id);
  };
  const findings = clusters.map((cluster, ci) => clusterFinding(cluster, edgesByCluster[ci], minShared, windowSeconds, maxMembers, postOf));

  return {
    network,
    clusters,
    findings,
    stats: {
      posts: posts.length,
      accounts: authors.length,
      untimed,
      linkItems,
      textClusters: items.length - linkItems,
      candidatePairs,
      truncatedItems,
      edgesBeforeThreshold: edges.size,
    },
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function clusterFinding(
  cluster: CoordinationCluster,
  edges: AccountEdge[],
  minShared: number,
  windowSeconds: number,
  maxMembers: number,
  postOf: (id: string) => Post | undefined,
): CorpusFindingDraft {
  const links = cluster.items.filter((i) => i.kind === 'link').length;
  const texts = cluster.items.length - links;
  const label = links > 0 && texts > 0 ? 'link-and-text' : links > 0 ? 'link-sharing' : 'similar-text';
  const meanWeight = cluster.edges > 0 ? cluster.weight / cluster.edges : 0;
  // Dense clusters whose pairs co-post far more than the threshold are the least likely to be chance.
  const score = round(Math.min(1, 0.5 * cluster.density + 0.5 * Math.min(1, meanWeight / (2 * minShared))));
  const what = [links > 0 ? `${links} link${links === 1 ? '' : 's'}` : '', texts > 0 ? `${texts} near-identical text${texts === 1 ? '' : 's'}` : '']
    .filter(Boolean)
    .join(' and ');
  const members: CorpusMember[] = [];
  const seenPosts = new Set<string>();
  for (const item of cluster.items) {
    for (const id of item.posts) {
      if (members.length >= maxMembers || seenPosts.has(id)) continue;
      seenPosts.add(id);
      const post = postOf(id);
      members.push({ doc: id, role: `post by ${post?.author ?? '?'}` });
    }
  }
  return {
    kind: 'coordination',
    label,
    score,
    explanation:
      `${cluster.accounts.length} accounts posted the same ${what} within ${windowSeconds} s of each other; ` +
      `${cluster.edges} account pairs co-posted at least ${minShared} distinct items (density ${cluster.density}).`,
    members,
    data: {
      accounts: cluster.accounts,
      edges,
      items: cluster.items,
      density: cluster.density,
      windowSeconds,
      minShared,
    },
  };
}

function clipKey(key: string): string {
  return key.length > MAX_EDGE_ITEM_CHARS ? `${key.slice(0, MAX_EDGE_ITEM_CHARS - 1)}…` : key;
}
