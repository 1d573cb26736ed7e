/**
 * Coordination at scale: synthetic short posts (deterministic), clustered by link sharing and
 * MinHash-LSH near-duplicate text within a 60 s window. Each size runs in its own process so
 * peak RSS is that size's own.
 *
 *   npx tsx scripts/bench-coordination.ts            # 100k and 1M
 *   npx tsx scripts/bench-coordination.ts 10000 ...  # other sizes
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { analyzePosts } from '../src/corpus/coordination.js';
import { generateStream } from '../test/fixtures/coordination/synthetic-posts.js';

interface Run {
  posts: number;
  accounts: number;
  generateMs: number;
  analyseMs: number;
  peakRssMb: number;
  clusters: number;
  edges: number;
  plantedFound: number;
  planted: number;
  textClusters: number;
}

function runOne(size: number): Run {
  const t0 = performance.now();
  const groups = Math.max(1, Math.round(size / 20000));
  const stream = generateStream({ posts: size, organicAccounts: Math.round(size / 5), groups, groupSize: 10, campaignsPerGroup: 5, hours: 24 * 7, seed: 1 });
  const t1 = performance.now();
  const result = analyzePosts(stream.posts, { windowSeconds: 60, minShared: 2 });
  const t2 = performance.now();
  const plantedSets = stream.planted.map((g) => [...g].sort().join(','));
  const found = new Set(result.clusters.map((c) => [...c.accounts].sort().join(',')));
  return {
    posts: size,
    accounts: result.stats.accounts,
    generateMs: Math.round(t1 - t0),
    analyseMs: Math.round(t2 - t1),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    clusters: result.clusters.length,
    edges: result.network.edges.length,
    plantedFound: plantedSets.filter((p) => found.has(p)).length,
    planted: plantedSets.length,
    textClusters: result.stats.textClusters,
  };
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  process.stdout.write(JSON.stringify(runOne(Number(args[1]))) + '\n');
} else {
  const sizes = args.length > 0 ? args.map(Number) : [100_000, 1_000_000];
  const self = fileURLToPath(import.meta.url);
  console.log('posts      accounts  analyse     generate   peak RSS  clusters  edges  planted groups found  text clusters');
  for (const size of sizes) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--max-old-space-size=3072', self, '--child', String(size)], { encoding: 'utf8' });
    if (child.status !== 0) {
      console.error(child.stderr);
      process.exit(1);
    }
    const r = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as Run;
    console.log(
      `${String(r.posts).padEnd(10)} ${String(r.accounts).padEnd(9)} ${`${(r.analyseMs / 1000).toFixed(1)} s`.padEnd(11)} ${`${(r.generateMs / 1000).toFixed(1)} s`.padEnd(10)} ${`${r.peakRssMb} MB`.padEnd(9)} ${String(r.clusters).padEnd(9)} ${String(r.edges).padEnd(6)} ${`${r.plantedFound}/${r.planted}`.padEnd(21)} ${r.textClusters}`,
    );
  }
}
