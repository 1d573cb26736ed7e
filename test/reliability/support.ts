import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { seededRandom } from '../../src/core/random.js';
import { unpackFindings } from '../../src/store/finding-sets.js';
import { readLikeTheStore, registerTextFunctions } from '../../src/store/sqlite-text.js';

/**
 * Shared by the reliability tests and `npm run soak`: invented articles (fictional places and
 * people, generated from a seed), and the checks a database must pass after concurrent
 * writers, kills and hostile input.
 */

const PLACES = ['Norvale', 'Daskor', 'Velden', 'Karstan', 'Ostrel', 'Marrow Bay', 'Tessel', 'Kel Mara'];
const PEOPLE = ['Ilse Varga', 'Arno Pell', 'Mira Okafor', 'Jonas Weir', 'Devi Raman', 'Piotr Lind', 'Carla Moss', 'Ed Cole'];
const TOPICS = ['the dam on the Serin', 'grain exports', 'the border crossing', 'water samples', 'the harbour strike', 'fuel prices'];
const VERBS = ['said', 'claimed', 'denied', 'warned', 'insisted', 'told reporters'];

export function articleText(index: number, seed = 7): string {
  const random = seededRandom(seed * 1000 + index);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const place = pick(PLACES);
  const other = pick(PLACES.filter((p) => p !== place));
  const topic = pick(TOPICS);
  const lines = [`${place} and ${other} at odds over ${topic} (report ${index})`, '', `By ${pick(PEOPLE)}`, ''];
  const paragraphs = 2 + Math.floor(random() * 4);
  for (let p = 0; p < paragraphs; p++) {
    const person = pick(PEOPLE);
    const n = 3 + Math.floor(random() * 90);
    lines.push(
      `${person} of ${place} ${pick(VERBS)} on ${pick(['Monday', 'Tuesday', 'Friday'])} that ${other} had ${pick(['cut', 'raised', 'hidden', 'doubled'])} ${topic} by ${n} percent. ` +
        `"This is ${pick(['a shameful lie', 'a serious breach', 'what the records show', 'only the beginning'])}," ${person.split(' ')[0]} said, according to ${pick(['officials', 'a leaked memo', 'the ministry', 'sources'])}.`,
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** `count` article files in `dir` (created), numbered from `from`. */
export function writeArticles(dir: string, count: number, from = 0, seed = 7): string[] {
  mkdirSync(dir, { recursive: true });
  const paths: string[] = [];
  for (let i = from; i < from + count; i++) {
    const path = join(dir, `article-${String(i).padStart(4, '0')}.txt`);
    writeFileSync(path, articleText(i, seed));
    paths.push(path);
  }
  return paths;
}

export interface DbState {
  documents: number;
  findings: number;
  /** per document: its findings as `analyzer kind start end label` lines, sorted */
  byDocument: Map<string, string>;
  /** analyser results that are not ok */
  failedResults: number;
}

/** What a run left behind, comparable between a clean run and a killed-and-rerun one. */
export function dbState(path: string): DbState {
  const db = new Database(path, { readonly: true });
  // sets written with the database's pack dictionaries (src/store/pack-dictionaries.ts)
  const forget = readLikeTheStore(db);
  try {
    const documents = (db.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n;
    // findings are stored as one packed set per document and analyser (src/store/finding-sets.ts)
    const sets = db.prepare('SELECT d.id AS doc_id, s.analyzer, s.version, s.findings FROM finding_sets s JOIN documents d ON d.key = s.doc_key ORDER BY d.id, s.analyzer').all() as Array<Record<string, unknown>>;
    const byDocument = new Map<string, string[]>();
    let findings = 0;
    for (const set of sets) {
      const list = byDocument.get(String(set.doc_id)) ?? [];
      for (const f of unpackFindings(set.findings, String(set.doc_id), String(set.analyzer), String(set.version), '')) {
        list.push(`${f.analyzer} ${f.kind} ${f.start} ${f.end} ${f.label}`);
        findings++;
      }
      byDocument.set(String(set.doc_id), list);
    }
    for (const list of byDocument.values()) list.sort();
    for (const { id } of db.prepare('SELECT id FROM documents').all() as Array<{ id: string }>) if (!byDocument.has(id)) byDocument.set(id, []);
    const failedResults = (db.prepare(`SELECT COUNT(*) AS n FROM analyzer_results WHERE status != 'ok'`).get() as { n: number }).n;
    return { documents, findings, byDocument: new Map([...byDocument].map(([k, v]) => [k, v.join('\n')])), failedResults };
  } finally {
    forget();
    db.close();
  }
}

/** Integrity, foreign keys, orphans and duplicates: every problem found, as readable lines (empty: healthy). */
export function dbProblems(path: string): string[] {
  // writable only for FTS5's integrity-check command, which changes nothing
  const db = new Database(path);
  // the full-text index reads document texts through discern_text() (src/store/sqlite-text.ts)
  registerTextFunctions(db);
  const problems: string[] = [];
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    const fk = db.prepare('PRAGMA foreign_key_check').all();
    if (fk.length > 0) problems.push(`foreign_key_check: ${fk.length} rows refer to missing rows`);
    const orphans: Array<[string, string]> = [
      ['finding sets', 'SELECT COUNT(*) AS n FROM finding_sets WHERE doc_key NOT IN (SELECT key FROM documents)'],
      ['finding labels', 'SELECT COUNT(*) AS n FROM finding_labels WHERE doc_key NOT IN (SELECT key FROM documents)'],
      ['sections', 'SELECT COUNT(*) AS n FROM sections WHERE doc_key NOT IN (SELECT key FROM documents)'],
      ['analyzer_results', 'SELECT COUNT(*) AS n FROM analyzer_results WHERE doc_key NOT IN (SELECT key FROM documents)'],
      ['document_origins', 'SELECT COUNT(*) AS n FROM document_origins WHERE doc_id NOT IN (SELECT id FROM documents)'],
      ['run_documents', 'SELECT COUNT(*) AS n FROM run_documents WHERE run_id NOT IN (SELECT id FROM runs) OR doc_id NOT IN (SELECT id FROM documents)'],
      ['documents without analyser results', 'SELECT COUNT(*) AS n FROM documents WHERE key NOT IN (SELECT doc_key FROM analyzer_results)'],
    ];
    for (const [what, sql] of orphans) {
      const n = (db.prepare(sql).get() as { n: number }).n;
      if (n > 0) problems.push(`${n} orphan ${what}`);
    }
    const duplicateText = (db.prepare('SELECT COUNT(*) AS n FROM (SELECT text FROM documents GROUP BY text HAVING COUNT(*) > 1)').get() as { n: number }).n;
    if (duplicateText > 0) problems.push(`${duplicateText} texts stored more than once`);
    try {
      db.exec(`INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')`);
    } catch (error) {
      problems.push(`documents search index: ${(error as Error).message}`);
    }
    // the finding-key index (migration 024) is contentless: its structure is what can be checked
    try {
      db.exec(`INSERT INTO finding_key_index(finding_key_index) VALUES ('integrity-check')`);
    } catch (error) {
      problems.push(`finding key index: ${(error as Error).message}`);
    }
  } finally {
    db.close();
  }
  return problems;
}

export function runStatuses(path: string): Record<string, number> {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db.prepare('SELECT status, COUNT(*) AS n FROM runs GROUP BY status').all() as Array<{ status: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  } finally {
    db.close();
  }
}

/** Percentile of a list of numbers (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
