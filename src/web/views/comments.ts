/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { getJson, type CorpusFinding, type CorpusFindings } from '../api.js';
import { h } from '../dom.js';
import { href, type Route } from '../router.js';

/**
 * Comment sections: one card per section (templated first) with its verdict and, side by
 * side, the groups of comments that share a skeleton — the skeleton itself (the comment with
 * its specific words masked) above the comments that follow it — then the comments flagged
 * one by one (signal and score), then the rest folded away; each comment links to its place
 * in the document. Documents are named by title, outlet and date.
 */

interface ClusterData {
  verdict?: string;
  comments?: number;
  flagged?: number;
  clusters?: Array<{ comments: number[]; skeleton: string }>;
  perComment?: Array<{ author?: string | null; score?: number; label?: string }>;
}

export async function renderComments(root: HTMLElement, route: Route): Promise<void> {
  const result = await getJson<CorpusFindings>('/corpus/findings', { kind: 'comment-cluster' });
  const only = route.params.get('doc');
  const findings = result.findings.filter((f) => !only || f.members.some((m) => m.doc === only));
  root.append(h('h1', {}, 'Comment sections'));
  if (findings.length === 0) {
    root.append(h('p', { class: 'muted' }, 'No comment sections in the corpus yet.'));
    return;
  }
  const order: Record<string, number> = { templated: 0, mixed: 1, organic: 2 };
  findings.sort((a, b) => (order[a.label] ?? 3) - (order[b.label] ?? 3) || b.score - a.score);
  root.append(h('p', { class: 'lead' }, `${findings.length} comment section${findings.length === 1 ? '' : 's'}: ${countBy(findings)}.`));
  const names: Record<string, string | null> = { ...(result.documentTitles ?? {}), ...(result.documentNames ?? {}) };
  for (const f of findings) root.append(card(f, names));
}

function countBy(findings: CorpusFinding[]): string {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.label, (counts.get(f.label) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
}

function card(f: CorpusFinding, titles: Record<string, string | null>): HTMLElement {
  const data = (f.data ?? {}) as ClusterData;
  const doc = f.members[0]?.doc ?? '';
  const clusters = data.clusters ?? [];
  const inCluster = new Set(clusters.flatMap((c) => c.comments));
  const columns = clusters.map((c, i) =>
    h(
      'section',
      { class: 'cluster', 'aria-label': `cluster ${i + 1}` },
      h('h3', {}, `Cluster ${i + 1} · ${c.comments.length} comments`),
      h('p', { class: 'skeleton-label muted' }, 'Shared skeleton'),
      h('pre', { class: 'skeleton' }, c.skeleton),
      h('ol', {}, ...c.comments.map((index) => commentItem(f, data, index))),
    ),
  );
  const rest = f.members.map((_, i) => i).filter((i) => !inCluster.has(i));
  const flagged = rest.filter((i) => (data.perComment?.[i]?.score ?? 0) >= 0.5);
  const others = rest.filter((i) => !flagged.includes(i));
  return h(
    'article',
    { class: `card comments-card comments-${f.label}` },
    h('h2', {}, h('span', { class: `verdict verdict-${f.label}` }, f.label), ' ', h('a', { href: href('doc', doc) }, titles[doc] ?? doc)),
    h('p', {}, f.explanation),
    columns.length > 0 ? h('div', { class: 'clusters' }, ...columns) : h('p', { class: 'muted' }, 'No comments share a skeleton.'),
    flagged.length > 0 ? h('section', { class: 'flagged-comments', 'aria-label': 'flagged comments' }, h('h3', {}, `Flagged comments (${flagged.length})`), h('ol', {}, ...flagged.map((index) => commentItem(f, data, index)))) : null,
    others.length > 0
      ? h('details', {}, h('summary', {}, `Other comments (${others.length})`), h('ol', { class: 'other-comments' }, ...others.map((index) => commentItem(f, data, index))))
      : null,
  );
}

function commentItem(f: CorpusFinding, data: ClusterData, index: number): HTMLElement {
  const member = f.members[index];
  const info = data.perComment?.[index];
  if (!member) return h('li', { class: 'muted' }, 'missing comment');
  const link = member.start !== undefined && member.end !== undefined ? href('doc', member.doc, { at: `${member.start}-${member.end}` }) : href('doc', member.doc);
  return h(
    'li',
    { class: (info?.score ?? 0) >= 0.5 ? 'flagged' : '' },
    h('p', { class: 'comment-meta' }, h('strong', {}, info?.author ?? 'anonymous'), member.role ? h('span', { class: 'muted' }, ` · ${member.role}`) : null, info?.score !== undefined ? h('span', { class: 'muted', title: 'how strongly this comment reads as templated or inauthentic (0–1)' }, ` · score ${info.score.toFixed(2)}`) : null),
    h('blockquote', { class: 'quote' }, member.quote ?? ''),
    h('a', { href: link, class: 'small' }, 'in the document'),
  );
}
