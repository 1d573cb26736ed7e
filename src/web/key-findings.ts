/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { getJson } from './api.js';
import { h } from './dom.js';
import { href } from './router.js';
import type { CommentBanner, EvidenceRef, KeyFinding } from '../report/key-findings.js';

/**
 * The key-findings block of the workbench (GET /key-findings): one line per item, the
 * documents named, the whole line a link to its evidence — the finding selected in its
 * document, the exact span marked, or the comment section's clusters.
 */

export interface KeyFindingsResponse {
  documents: number;
  computedAt: string | null;
  items: KeyFinding[];
  banners: CommentBanner[];
  names: Record<string, string>;
}

export function fetchKeyFindings(params: { doc?: string; minScore?: number | null } = {}): Promise<KeyFindingsResponse> {
  return getJson<KeyFindingsResponse>('/key-findings', { doc: params.doc, min_score: params.minScore ?? undefined });
}

/** The workbench route that shows an item's evidence. */
export function evidenceHref(e: EvidenceRef): string {
  if (e.view === 'comments') return href('comments', null, { doc: e.doc });
  if (e.finding) return href('doc', e.doc, { f: e.finding });
  if (e.start !== undefined && e.end !== undefined) return href('doc', e.doc, { at: `${e.start}-${e.end}` });
  return href('doc', e.doc);
}

export function keyFindingsList(items: readonly KeyFinding[], options: { compact?: boolean } = {}): HTMLElement {
  return h(
    'ol',
    { class: `kf-list${options.compact ? ' compact' : ''}` },
    ...items.map((k) =>
      h(
        'li',
        { class: `kf-item kf-${k.kind}`, 'data-kind': k.kind },
        h('span', { class: `kf-tag kf-tag-${k.kind}` }, k.tag),
        h('a', { href: evidenceHref(k.evidence), class: 'kf-text', title: k.quote ? `${k.text}\n\n“${k.quote}”` : k.text }, k.text),
      ),
    ),
  );
}

/** The banner at the top of a document whose comment section is templated. */
export function commentBanner(banner: CommentBanner): HTMLElement {
  return h(
    'p',
    { class: `banner banner-${banner.verdict}`, role: 'note' },
    h('strong', {}, banner.verdict === 'templated' ? 'Templated comment section. ' : 'Partly templated comment section. '),
    banner.text.replace(/^[^:]*:\s*/, ''),
    ' ',
    h('a', { href: evidenceHref(banner.evidence) }, 'See the comment clusters'),
  );
}
