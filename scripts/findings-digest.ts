/**
 * npm run digest:findings — what `discern analyze` stores for a set of inputs, as hashes, so
 * that a speed change can be shown not to change any finding: run it on the same inputs
 * before and after (e.g. main in another worktree) and diff the outputs.
 *
 *   npx tsx scripts/findings-digest.ts --out FILE [--jobs N] INPUT...
 *
 * Runs the pipeline (every document analyser, the corpus extracts, the corpus stage) into a
 * fresh SQLite database, then prints one line per document — its id and the hash of what the
 * store gives back for it (document, sections, language, findings with ids, quotes, scores,
 * explanations and data, every corpus state, analyser results) — and one line per table of
 * the database (every row, packed values unpacked, timestamps left out; the documents'
 * full-text index read token by token through fts5vocab), then the hash of all of it.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { corpusAnalyzers } from '../src/analysers/index.js';
import { loadResources } from '../src/nlp/resources.js';
import { producerOf } from '../src/pipeline/analyze.js';
import { runPipeline } from '../src/pipeline/run.js';
import { unpackJson } from '../src/store/finding-sets.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { readLikeTheStore } from '../src/store/sqlite-text.js';

const args = process.argv.slice(2);
const take = (name: string): string | null => {
  const i = args.indexOf(name);
  if (i < 0) return null;
  const [value] = args.splice(i, 2).slice(1);
  return value ?? null;
};
const out = take('--out');
const jobs = Number(take('--jobs') ?? 1);
const inputs = args;
if (!out || inputs.length === 0) throw new Error('usage: findings-digest.ts --out FILE [--jobs N] INPUT...');

const sha = (value: unknown): string => createHash('sha256').update(typeof value === 'string' ? value : JSON.stringify(value)).digest('hex').slice(0, 16);
/** Columns that say when or which process, not what: left out. */
const TIME = /(_at|^created|^stamp|^started|^finished|^pid|^host|^process_token)$/;

const dir = mkdtempSync(join(tmpdir(), 'discern-digest-'));
const path = join(dir, 'digest.db');
const lines: string[] = [];
try {
  const resources = await loadResources();
  const store = openSqliteStore(path);
  const run = await runPipeline({ command: 'analyze', inputs, store, resources, jobs });
  for (const d of run.documents) {
    const doc = await store.getDocument(d.id);
    const findings = await store.getFindings(d.id);
    const results = [...(await store.analyzerResults(d.id))].map(([name, r]) => [name, r.version, r.status, r.message ?? null]);
    const states: Array<[string, unknown]> = [];
    for (const a of corpusAnalyzers) states.push([producerOf(a), await store.corpusState(producerOf(a), d.id)]);
    lines.push(`doc ${d.id} ${d.path ?? ''} findings=${findings.length} ${sha({ doc, findings, results, states })}`);
  }
  lines.push(`run errors=${run.errors.length} failures=${JSON.stringify(run.analyzerFailures)} corpus=${run.corpus.count} ${sha((await store.corpusFindings(run.runId)).sort((a, b) => (a.id < b.id ? -1 : 1)))}`);
  await store.close();

  const db = new Database(path, { readonly: true });
  const forget = readLikeTheStore(db);
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' AND name NOT LIKE 'finding_key%' ORDER BY name").pluck().all() as string[]);
  for (const table of tables) {
    const rows = (db.prepare(`SELECT * FROM "${table}"`).all() as Array<Record<string, unknown>>).map((row) => {
      const kept: Record<string, unknown> = {};
      for (const [column, value] of Object.entries(row)) {
        if (TIME.test(column)) continue;
        if (table === 'documents' && column === 'text') kept.text = db.prepare('SELECT discern_text(?)').pluck().get(value);
        else if (table === 'pack_dictionaries' && column === 'bytes') kept.bytes = '(dictionary)';
        else if (table === 'pack_dictionaries' && column === 'hash') kept.hash = '(hash)';
        else if (value instanceof Uint8Array) kept[column] = unpackJson(value);
        else kept[column] = value;
      }
      return JSON.stringify(kept);
    });
    rows.sort();
    lines.push(`table ${table} rows=${rows.length} ${sha(rows.join('\n'))}`);
  }
  // the documents' full-text index, token by token (what search finds)
  const rw = new Database(path);
  rw.exec("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, documents_fts, 'instance')");
  const tokens = rw.prepare('SELECT term, doc, col, offset FROM temp.vocab ORDER BY doc, col, offset, term').raw().all();
  lines.push(`fts documents_fts tokens=${tokens.length} ${sha(tokens)}`);
  // finding-id keys → documents, as distinct pairs, whichever table holds them (finding_keys before migration 024)
  const keyTable = rw.prepare("SELECT name FROM sqlite_master WHERE name IN ('finding_keys', 'finding_key_index')").pluck().get();
  if (keyTable === 'finding_key_index') rw.exec("CREATE VIRTUAL TABLE temp.keyvocab USING fts5vocab(main, finding_key_index, 'instance')");
  const keys = keyTable === 'finding_keys'
    ? rw.prepare("SELECT DISTINCT printf('%08x', key & 4294967295) AS k, doc_key FROM finding_keys ORDER BY doc_key, k").raw().all()
    : keyTable ? rw.prepare('SELECT DISTINCT term AS k, doc AS doc_key FROM temp.keyvocab ORDER BY doc_key, k').raw().all() : [];
  lines.push(`finding keys pairs=${keys.length} ${sha(keys)}`);
  rw.close();
  forget();
  db.close();
  lines.push(`all ${sha(lines.join('\n'))}`);
  writeFileSync(out, `${lines.join('\n')}\n`);
  process.stdout.write(`${run.documents.length} documents, ${lines[lines.length - 1]}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
