import type { LocatedFinding } from '../store/queries.js';

/**
 * The actors-and-accusations graph: nodes are canonical entities, one edge per
 * (accuser, accused, stance), carrying the quoting spans it rests on. Built from findings of
 * kind `accusation` whose data is `{ accuser, accused, allegation, stance }`; an actor may be
 * given as a canonical name or as an object with a `canonical`, `name` or `label`.
 */

export interface GraphNode {
  id: string;
  type: string | null;
  /** accusations made and received */
  degree: number;
}

export interface EdgeMention {
  doc: string;
  docTitle: string | null;
  /** title, outlet and date, else the file name */
  docName?: string;
  outlet: string | null;
  finding: string;
  start: number;
  end: number;
  quote: string;
  allegation: string | null;
  explanation: string;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  /** the article's stance toward the allegation: asserts (as fact), reports (attributes it), denies */
  stance: string;
  /** what the accuser does: accuses, or denies an accusation (a named source rejecting it, or the article in its own voice) */
  action: 'accuses' | 'denies';
  /** what the article does with the allegation (the finding's stance) */
  articleStance: string;
  /** the relations alleged (shelters, sponsors…), most frequent first */
  relations: string[];
  count: number;
  documents: number;
  /** the quoting spans, at most MAX_MENTIONS per edge */
  mentions: EdgeMention[];
}

export interface AccusationGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** accusation findings that name no accused */
  skipped: number;
}

export const MAX_MENTIONS = 50;
/** The node for allegations the text makes without naming who makes them. */
export const UNATTRIBUTED = '(unattributed)';

export function actorName(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    for (const key of ['canonical', 'name', 'label', 'text']) if (typeof v[key] === 'string' && (v[key] as string).trim()) return (v[key] as string).trim();
  }
  return null;
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { text?: unknown }).text === 'string') return (value as { text: string }).text;
  return null;
}

/**
 * What the accuser does (accuses, or rejects an accusation) and, apart from it, what the article
 * does with the allegation (the finding's stance, as its explanation words it: asserts,
 * reports, denies).
 */
export function edgeRoles(stance: string): { action: 'accuses' | 'denies'; articleStance: string } {
  return { action: stance === 'denies' ? 'denies' : 'accuses', articleStance: stance };
}

export function buildAccusationGraph(findings: LocatedFinding[], types: Map<string, string>): AccusationGraph {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge & { docs: Set<string>; relationCounts: Map<string, number> }>();
  let skipped = 0;
  const node = (id: string) => {
    let n = nodes.get(id);
    if (!n) {
      n = { id, type: types.get(id) ?? null, degree: 0 };
      nodes.set(id, n);
    }
    n.degree++;
    return n;
  };
  for (const f of findings) {
    const data = f.data ?? {};
    const source = actorName(data.accuser) ?? UNATTRIBUTED;
    const target = actorName(data.accused);
    if (!target) {
      skipped++;
      continue;
    }
    const stance = (typeof data.stance === 'string' && data.stance) || 'unknown';
    node(source);
    node(target);
    const key = JSON.stringify([source, target, stance]);
    let edge = edges.get(key);
    if (!edge) {
      edge = { id: `e${edges.size + 1}`, source, target, stance, ...edgeRoles(stance), relations: [], count: 0, documents: 0, mentions: [], docs: new Set(), relationCounts: new Map() };
      edges.set(key, edge);
    }
    edge.count++;
    edge.docs.add(f.doc);
    if (typeof data.relation === 'string' && data.relation) edge.relationCounts.set(data.relation, (edge.relationCounts.get(data.relation) ?? 0) + 1);
    if (edge.mentions.length < MAX_MENTIONS) {
      edge.mentions.push({ doc: f.doc, docTitle: f.docTitle, ...(f.docName ? { docName: f.docName } : {}), outlet: f.outlet, finding: f.id, start: f.start, end: f.end, quote: f.quote, allegation: text(data.allegation), explanation: f.explanation });
    }
  }
  return {
    nodes: [...nodes.values()].sort((a, b) => b.degree - a.degree || a.id.localeCompare(b.id)),
    edges: [...edges.values()].map(({ docs, relationCounts, ...edge }) => ({
      ...edge,
      documents: docs.size,
      relations: [...relationCounts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([r]) => r),
    })),
    skipped,
  };
}
