/**
 * npm run bench:store — bytes of database per document: the synthetic corpus of
 * scripts/bench.ts (seed 42) through the whole pipeline (document analysers, corpus
 * analysers, as `discern analyze` runs them), then the database's size divided by the number
 * of documents, beside the text's own size. SQLite always; PostgreSQL too with --postgres
 * (a throwaway cluster on loopback, as the tests start).
 * Usage: npx tsx scripts/bench-store.ts [--docs 1000] [--words 800] [--postgres] [--keep DIR]
 * (--keep DIR: copy the SQLite database to DIR/store.db, e.g. to try a migration on it)
 *        npx tsx scripts/bench-store.ts --migrate FILE
 *        npx tsx scripts/bench-store.ts --copy FILE [--limit N] [--url postgres://…]
 * (every document of an analysed SQLite database FILE — as `discern ingest` stored it: text,
 * sections, findings, analyser results, corpus states — written through the store into a fresh
 * PostgreSQL database without analysing anything again, then PostgreSQL's bytes per document
 * by table and index: the size at thousands of documents in minutes instead of hours)
 * (a copy of an existing SQLite database FILE: its bytes per document by table, then the same
 * after the store has opened it — applying every pending migration — and VACUUM)
 */
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
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

/** Bytes per document of a SQLite file after VACUUM, by table and index (largest first). */
async function sqliteSizes(path: string, top = 12): Promise<{ documents: number; total: number; tables: Array<{ name: string; bytes: number }> }> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(path);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('VACUUM');
    const documents = (db.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n;
    const tables = db.prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT ?').all(top) as Array<{ name: string; bytes: number }>;
    return { documents, total: statSync(path).size, tables };
  } finally {
    db.close();
  }
}

async function migrateCopy(file: string): Promise<void> {
  const { openStore } = await import('../src/store/open.js');
  const dir = mkdtempSync(join(tmpdir(), 'discern-bench-migrate-'));
  try {
    const path = join(dir, 'store.db');
    copyFileSync(file, path);
    const before = await sqliteSizes(path, 40);
    const started = performance.now();
    await (await openStore(path)).close();
    const seconds = (performance.now() - started) / 1000;
    const after = await sqliteSizes(path, 40);
    const kb = (bytes: number, n: number) => (bytes / n / 1024).toFixed(2);
    console.log(`${before.documents} documents; migrated in ${seconds.toFixed(1)} s\n\n| table or index | before, KB per document | after |\n|---|---:|---:|`);
    const names = [...new Set([...before.tables, ...after.tables].map((t) => t.name))];
    const of = (list: Array<{ name: string; bytes: number }>, name: string) => list.find((t) => t.name === name)?.bytes ?? 0;
    for (const name of names.filter((n) => of(before.tables, n) + of(after.tables, n) >= 0.05 * 1024 * before.documents)) {
      console.log(`| ${name} | ${kb(of(before.tables, name), before.documents)} | ${kb(of(after.tables, name), after.documents)} |`);
    }
    console.log(`| **whole file** | **${kb(before.total, before.documents)}** | **${kb(after.total, after.documents)}** |`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** PostgreSQL bytes per document, by relation (heap, TOAST and each index apart), largest first. */
async function postgresSizes(pool: import('pg').Pool, documents: number): Promise<void> {
  await pool.query('VACUUM ANALYZE');
  const { rows } = await pool.query(`SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'm')`);
  const parts = await pool.query(
    `SELECT c.relname AS name, c.relkind AS kind, pg_relation_size(c.oid) + COALESCE((SELECT pg_total_relation_size(t.oid) FROM pg_class t WHERE t.oid = c.reltoastrelid), 0) AS bytes
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i') ORDER BY 3 DESC LIMIT 16`,
  );
  const kb = (b: number) => (b / documents / 1024).toFixed(2);
  console.log(`PostgreSQL, ${documents} documents: **${kb(Number(rows[0].bytes))} KB per document** (tables with TOAST, indexes, free-space and visibility maps)\n`);
  console.log('| relation | kind | KB per document |\n|---|---|---:|');
  for (const r of parts.rows) console.log(`| ${r.name} | ${r.kind === 'i' ? 'index' : 'table + TOAST'} | ${kb(Number(r.bytes))} |`);
}

async function copyToPostgres(file: string): Promise<void> {
  const { openStore } = await import('../src/store/open.js');
  const source = await openStore(file);
  const limit = option('--limit', Number.MAX_SAFE_INTEGER);
  const urlAt = args.indexOf('--url');
  let cluster: { createDatabase(): Promise<string>; stop(): void } | null = null;
  let url = urlAt >= 0 ? args[urlAt + 1] : '';
  if (!url) {
    const { postgresForTests } = await import('../test/support/postgres.js');
    cluster = await postgresForTests();
    if (!cluster) throw new Error('PostgreSQL is not installed');
    url = await cluster.createDatabase();
  }
  try {
    const target = await openStore(url);
    const started = performance.now();
    const { corpusAnalyzers } = await import('../src/analysers/index.js');
    const corpus = new Set(corpusAnalyzers.map((a) => a.name));
    let n = 0;
    // a few writes in flight at once: each is ~30 round trips, which a loaded machine makes slow
    const inFlight = new Set<Promise<unknown>>();
    for await (const doc of source.iterateDocuments({})) {
      if (n >= limit) break;
      const produced = new Map<string, import('../src/core/types.js').Finding[]>();
      const states = new Map<string, unknown>();
      for (const [name, r] of await source.analyzerResults(doc.id)) {
        if (r.status !== 'ok') continue;
        if (corpus.has(name)) states.set(`${name}@${r.version}`, await source.corpusState(`${name}@${r.version}`, doc.id));
        else produced.set(`${name}@${r.version}`, []);
      }
      for (const f of await source.getFindings(doc.id)) produced.get(f.analyzer)?.push(f);
      const write = target.saveAnalysis({ doc, origin: `copy:${n}`, produced, failures: [], runId: null, states }).finally(() => inFlight.delete(write));
      inFlight.add(write);
      if (inFlight.size >= 4) await Promise.race(inFlight);
      n++;
    }
    await Promise.all(inFlight);
    console.log(`${n} documents copied from ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    await postgresSizes((target as unknown as { pool: import('pg').Pool }).pool, n);
    await target.close();
  } finally {
    await source.close();
    cluster?.stop();
  }
}

async function main(): Promise<void> {
  const migrate = args.indexOf('--migrate');
  if (migrate >= 0) return migrateCopy(args[migrate + 1]);
  const copy = args.indexOf('--copy');
  if (copy >= 0) return copyToPostgres(args[copy + 1]);
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
    const tables = db.prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT 12').all() as Array<{ name: string; bytes: number }>;
    db.close();
    const size = statSync(path).size;
    const keep = args.indexOf('--keep');
    if (keep >= 0) copyFileSync(path, join(args[keep + 1], 'store.db'));
    console.log(`| SQLite (after VACUUM) | ${(size / 1024 / 1024).toFixed(1)} MiB | ${perDoc(size)} | ${(size / bytes).toFixed(1)} |`);

    let pgTables: Array<{ name: string; bytes: number; indexes: number }> = [];
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
        // per table: heap, TOAST and indexes (pg_total_relation_size), largest first
        const perTable = await pool.query(
          `SELECT c.relname AS name, pg_total_relation_size(c.oid) AS bytes, pg_indexes_size(c.oid) AS indexes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 2 DESC LIMIT 10`,
        );
        await store.close();
        const pgSize = Number(rows[0].bytes);
        console.log(`| PostgreSQL (tables, indexes, TOAST) | ${(pgSize / 1024 / 1024).toFixed(1)} MiB | ${perDoc(pgSize)} | ${(pgSize / bytes).toFixed(1)} |`);
        pgTables = perTable.rows.map((r) => ({ name: String(r.name), bytes: Number(r.bytes), indexes: Number(r.indexes) }));
      } finally {
        cluster.stop();
      }
    }
    console.log('\nSQLite, largest tables and indexes:');
    for (const t of tables) console.log(`  ${t.name.padEnd(28)} ${perDoc(t.bytes).padStart(9)} per document`);
    if (pgTables.length > 0) console.log('\nPostgreSQL, largest tables (with their TOAST and indexes; indexes alone):');
    for (const t of pgTables) console.log(`  ${t.name.padEnd(28)} ${perDoc(t.bytes).padStart(9)} per document   indexes ${perDoc(t.indexes)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
