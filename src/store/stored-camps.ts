import type { CorpusMember } from '../core/types.js';
import { unpackJson } from './finding-sets.js';
import type { Row } from './rows.js';

/**
 * Camps as the last finished run stored them (corpus findings of kind `camp`), for readers
 * that must not compute the corpus findings to answer (the server's search groups documents
 * by camp): an index on the camp rows (migration 019) finds the run, and only its camps are
 * read. Documents ingested after that run are in no camp until the next `discern analyze`
 * or `discern report` stores the camps again.
 */
export interface StoredCamps {
  runId: number;
  camps: Array<{ label: string; documents: string[] }>;
}

/** The SQL of both backends (one placeholder-free statement): the camp rows of the newest finished run that stored any. */
export const STORED_CAMPS_SQL = `SELECT c.run_id, c.label, c.members, c.data FROM corpus_findings c
  WHERE c.kind = 'camp' AND c.run_id = (SELECT MAX(k.run_id) FROM corpus_findings k JOIN runs r ON r.id = k.run_id WHERE k.kind = 'camp' AND r.status IN ('done', 'partial'))
  ORDER BY c.label, c.id`;

/** A camp's documents as campsOf (src/server/corpus.ts) counts them: its members', then those its data lists. */
export function storedCampsOf(rows: Row[]): StoredCamps | null {
  if (rows.length === 0) return null;
  return {
    runId: Number(rows[0].run_id),
    camps: rows.map((r) => {
      const members = unpackJson(r.members) as CorpusMember[];
      const data = r.data === null || r.data === undefined ? null : (unpackJson(r.data) as { documents?: unknown });
      const listed = Array.isArray(data?.documents) ? data.documents.filter((d): d is string => typeof d === 'string') : [];
      return { label: String(r.label), documents: [...new Set([...members.map((m) => m.doc), ...listed])] };
    }),
  };
}
