/**
 * npm run bench:store — bytes of database per document: the synthetic corpus of
 * scripts/bench.ts (seed 42) through the whole pipeline (document analysers, corpus
 * analysers, as `discern analyze` runs them), then the database's size divided by the number
 * of documents, beside the text's own size. SQLite always; PostgreSQL too with --postgres
 * (a throwaway cluster on loopback, as the tests start).
 * Usage: npx tsx scripts/bench-store.ts [--docs 1000] [--words 800] [--postgres]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from './synthetic-corpus.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const docs = option('--docs', 1000);
const words = option('--words', 800);

async function main(): Promise<void> {
  const { loadResources } = await import('../src/nlp/resources.js');
  const { openStore } = await import('../src/store/open.js');
  const { runPipeline } = await import('../src/pipeline/run.js');
  const { default: Database } = await import('better-sqlite3');
  const dir = mkdtempSync(join(tmpdir(), 'discern-bench-store-'));
  try {
    const bytes = generate(join(dir, 'corpus'), docs, words);
    const resources = await loadResources();
    const perDoc = (n: number) => `${(n / docs / 1024).toFixed(1)} KB`;
    console.log(`Corpus: ${docs} articles of ~${words} words with comment sections, ${perDoc(bytes)} of text per document (scripts/bench.ts, seed 42)\n`);
    console.log('| database | size | per document | × the text |\n|---|---:|---:|---:|');

    const path = join(dir, 'store.db');
    const sqlite = await openStore(path);
    await runPipeline({ command: 'bench', inputs: [join(dir, 'corpus')], store: sqlite, resources });
    await sqlite.close();
    const db = new Database(path);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('VACUUM');
    const tables = db.prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT 8').all() as Array<{ name: string; bytes: number }>;
    db.close();
    const size = statSync(path).size;
    console.log(`| SQLite (after VACUUM) | ${(size / 1024 / 1024).toFixed(1)} MiB | ${perDoc(size)} | ${(size / bytes).toFixed(1)} |`);

    if (args.includes('--postgres')) {
      const { postgresForTests } = await import('../test/support/postgres.js');
      const cluster = await postgresForTests();
      if (!cluster) throw new Error('PostgreSQL is not installed');
      try {
        const url = await cluster.createDatabase();
        const store = await openStore(url);
        await runPipeline({ command: 'bench', inputs: [join(dir, 'corpus')], store, resources });
        const pool = (store as unknown as { pool: import('pg').Pool }).pool;
        await pool.query('VACUUM ANALYZE');
        const { rows } = await pool.query(`SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'm')`);
        await store.close();
        const pgSize = Number(rows[0].bytes);
        console.log(`| PostgreSQL (tables, indexes, TOAST) | ${(pgSize / 1024 / 1024).toFixed(1)} MiB | ${perDoc(pgSize)} | ${(pgSize / bytes).toFixed(1)} |`);
      } finally {
        cluster.stop();
      }
    }
    console.log('\nSQLite, largest tables and indexes:');
    for (const t of tables) console.log(`  ${t.name.padEnd(28)} ${perDoc(t.bytes).padStart(9)} per document`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
