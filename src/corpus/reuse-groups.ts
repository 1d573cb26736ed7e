/**
 * Reuse's copy groups. Copied text is reported once per group of documents that share it,
 * not once per pair: a wire story reproduced by 300 outlets is one finding with 301 members,
 * not 45,000 pair findings. The pieces, all flat typed arrays over the corpus's sentences:
 * - `SentenceIndex`: every sentence's span, length and whole-sentence key, and every
 *   document's length and date — what a group finding needs, without any document's state;
 * - `SentenceClusters`: sentences that are copies of one another (a union-find over the
 *   corpus's sentences: identical masked sentences joined directly, edited copies when a
 *   compared pair of documents aligned them);
 * - `copyGroups`: each cluster's source is its earliest document (by date, then corpus order);
 *   the group of a source is every document holding at least two of the source's clustered
 *   sentences (or 25 of its words), each with its aligned sentences.
 */

/**
 * Growable typed arrays (the corpus's size is not known while its states stream in). They grow
 * by half, not double: at 100,000 documents the sentence columns are ~80 MB, and doubling left
 * up to as much again unused (plus the old copy while growing).
 */
class Column<T extends Uint32Array | Uint16Array | Uint8Array | Float64Array> {
  length = 0;
  constructor(private data: T, private readonly make: (n: number) => T) {}
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = this.make(Math.ceil(this.data.length * 1.5));
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
  get(i: number): number {
    return this.data[i];
  }
}

export interface IndexedSentence {
  start: number;
  end: number;
  words: number;
  /** the whole-sentence blocking key, 0 when the sentence is too short for one */
  whole: number;
  /** the whole sentence's second hash (0: none) */
  check: number;
  /** most of its words are inside a quotation: shown with a copy, never its evidence */
  quoted?: boolean;
}

/** Sentence g of the corpus is sentence g - first(d) of document d. */
export class SentenceIndex {
  private readonly firsts = new Column(new Uint32Array(1024), (n) => new Uint32Array(n));
  private readonly starts = new Column(new Uint32Array(4096), (n) => new Uint32Array(n));
  private readonly ends = new Column(new Uint32Array(4096), (n) => new Uint32Array(n));
  private readonly wordCounts = new Column(new Uint16Array(4096), (n) => new Uint16Array(n));
  private readonly wholes = new Column(new Uint32Array(4096), (n) => new Uint32Array(n));
  private readonly checks = new Column(new Uint32Array(4096), (n) => new Uint32Array(n));
  private readonly quotedFlags = new Column(new Uint8Array(4096), (n) => new Uint8Array(n));
  private readonly charCounts = new Column(new Uint32Array(1024), (n) => new Uint32Array(n));
  private readonly times = new Column(new Float64Array(1024), (n) => new Float64Array(n));

  get documents(): number {
    return this.firsts.length;
  }

  get sentences(): number {
    return this.starts.length;
  }

  addDocument(sentences: readonly IndexedSentence[], chars: number, time: number | null): void {
    this.firsts.push(this.starts.length);
    for (const s of sentences) {
      this.starts.push(s.start);
      this.ends.push(s.end);
      this.wordCounts.push(Math.min(s.words, 0xffff));
      this.wholes.push(s.whole);
      this.checks.push(s.check);
      this.quotedFlags.push(s.quoted ? 1 : 0);
    }
    this.charCounts.push(chars);
    this.times.push(time ?? Number.NaN);
  }

  first(doc: number): number {
    return this.firsts.get(doc);
  }

  global(doc: number, sentence: number): number {
    return this.firsts.get(doc) + sentence;
  }

  /** The document of corpus sentence g (binary search over the documents' first sentences). */
  docOf(g: number): number {
    let lo = 0;
    let hi = this.firsts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.firsts.get(mid) <= g) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  start(g: number): number {
    return this.starts.get(g);
  }

  end(g: number): number {
    return this.ends.get(g);
  }

  words(g: number): number {
    return this.wordCounts.get(g);
  }

  whole(g: number): number {
    return this.wholes.get(g);
  }

  check(g: number): number {
    return this.checks.get(g);
  }

  quoted(g: number): boolean {
    return this.quotedFlags.get(g) === 1;
  }

  /** Two sentences with the same masked words: whole-sentence key and check hash agree (62 bits). */
  identical(g: number, h: number): boolean {
    return this.wholes.get(g) !== 0 && this.checks.get(g) !== 0 && this.wholes.get(g) === this.wholes.get(h) && this.checks.get(g) === this.checks.get(h);
  }

  chars(doc: number): number {
    return this.charCounts.get(doc);
  }

  /** publication time in ms, null when unknown */
  time(doc: number): number | null {
    const t = this.times.get(doc);
    return Number.isNaN(t) ? null : t;
  }
}

/** Union-find over the corpus's sentences (path halving, union by index: deterministic roots). */
export class SentenceClusters {
  private parent: Int32Array;
  private touched: Uint8Array;
  /** sentences joined to another at least once */
  joined = 0;

  /** `packedLimit`: corpus sizes (in sentences) sorted by packing into float64s; larger ones by comparison */
  constructor(size: number, private readonly packedLimit = PACKED_LIMIT) {
    this.parent = new Int32Array(size).map((_, i) => i);
    this.touched = new Uint8Array(size);
  }

  find(g: number): number {
    let x = g;
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]];
      x = this.parent[x];
    }
    return x;
  }

  union(a: number, b: number): void {
    for (const g of [a, b]) {
      if (!this.touched[g]) {
        this.touched[g] = 1;
        this.joined++;
      }
    }
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
  }

  /** Every cluster of two sentences or more, as ascending runs of corpus sentence numbers (one array, cut by `starts`). */
  clusters(): { members: Uint32Array; starts: Uint32Array } {
    const joined = new Uint32Array(this.joined);
    let n = 0;
    for (let g = 0; g < this.touched.length; g++) if (this.touched[g]) joined[n++] = g;
    const roots = Uint32Array.from(joined, (g) => this.find(g));
    let members: Uint32Array;
    if (this.touched.length <= this.packedLimit) {
      // root · 2^26 + sentence in one float64: sorts by cluster, then by sentence (so by document)
      const packed = Float64Array.from(joined, (g, i) => roots[i] * PACKED_LIMIT + g).sort();
      members = Uint32Array.from(packed, (x) => x % PACKED_LIMIT);
      for (let i = 0; i < n; i++) roots[i] = Math.floor(packed[i] / PACKED_LIMIT);
    } else {
      // past 2^26 sentences (~1.5 million documents) the pair does not fit a float64's 53 bits
      const order = Uint32Array.from(joined, (_, i) => i).sort((x, y) => roots[x] - roots[y] || joined[x] - joined[y]);
      members = Uint32Array.from(order, (i) => joined[i]);
      const sortedRoots = Uint32Array.from(order, (i) => roots[i]);
      roots.set(sortedRoots);
    }
    const starts: number[] = [];
    for (let i = 0; i < n; i++) if (i === 0 || roots[i - 1] !== roots[i]) starts.push(i);
    starts.push(n);
    return { members, starts: Uint32Array.from(starts) };
  }
}

/** Sentences up to which a (cluster, sentence) pair is packed in one float64 for sorting. */
const PACKED_LIMIT = 2 ** 26;

/** One copier of a source: its aligned (source sentence, own sentence) pairs, as corpus sentence numbers. */
export interface GroupMember {
  doc: number;
  pairs: Array<[number, number]>;
}

/** A source document and the documents that reproduce at least two of its sentences (or 25 of its words) outside quotations. */
export interface CopyGroup {
  source: number;
  members: GroupMember[];
}

export interface CopyGroupOptions {
  /** clusters spread over more documents than this are boilerplate, not reuse */
  maxDocuments: number;
  /** aligned sentences a member needs (or `minWords` of the source's words) */
  minSentences?: number;
  minWords?: number;
}

/**
 * Copy groups in order of their source document. Work and memory follow the clustered
 * sentences (a sort of them, then one pass per source), never the pairs of documents.
 */
export function* copyGroups(index: SentenceIndex, clusters: SentenceClusters, options: CopyGroupOptions): Generator<CopyGroup> {
  const minSentences = options.minSentences ?? 2;
  const minWords = options.minWords ?? 25;
  const { members, starts } = clusters.clusters();
  const docs = new Uint32Array(members.length);
  for (let i = 0; i < members.length; i++) docs[i] = index.docOf(members[i]);
  // each cluster's source: its earliest document (unknown dates last), then the first in corpus order
  const order = (d: number): number => index.time(d) ?? Number.POSITIVE_INFINITY;
  const bySource: number[] = [];
  const sourceOf = new Uint32Array(starts.length - 1);
  for (let c = 0; c + 1 < starts.length; c++) {
    let distinct = 0;
    let source = -1;
    for (let x = starts[c]; x < starts[c + 1]; x++) {
      if (x > starts[c] && docs[x] === docs[x - 1]) continue;
      distinct++;
      if (source < 0 || order(docs[x]) < order(source)) source = docs[x];
    }
    if (distinct < 2 || distinct > options.maxDocuments) continue;
    sourceOf[c] = source;
    bySource.push(c);
  }
  bySource.sort((p, q) => sourceOf[p] - sourceOf[q] || p - q);
  for (let k = 0; k < bySource.length; ) {
    const source = sourceOf[bySource[k]];
    const byMember = new Map<number, Array<[number, number]>>();
    for (; k < bySource.length && sourceOf[bySource[k]] === source; k++) {
      const c = bySource[k];
      let own = -1;
      for (let x = starts[c]; x < starts[c + 1]; x++) if (docs[x] === source && own < 0) own = members[x];
      for (let x = starts[c]; x < starts[c + 1]; x++) {
        // a document's first sentence in the cluster stands for it (one-to-one alignment)
        if (docs[x] === source || (x > starts[c] && docs[x] === docs[x - 1])) continue;
        const list = byMember.get(docs[x]);
        if (list) list.push([own, members[x]]);
        else byMember.set(docs[x], [[own, members[x]]]);
      }
    }
    const kept: GroupMember[] = [];
    for (const [doc, pairs] of byMember) {
      // sentences resting on a quotation are shown, never counted: a shared quotation is no copy
      const own = pairs.filter(([s, mine]) => !index.quoted(s) && !index.quoted(mine));
      const words = own.reduce((n, [s]) => n + index.words(s), 0);
      if (own.length >= minSentences || words >= minWords) kept.push({ doc, pairs: pairs.sort((p, q) => p[0] - q[0]) });
    }
    if (kept.length > 0) yield { source, members: kept.sort((p, q) => p.doc - q.doc) };
  }
}
