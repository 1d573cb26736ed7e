/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { formatDate, h } from './dom.js';
import { href } from './router.js';

/** How the workbench names a document: title (else the report's short name), outlet, date — never a bare hash. */
export interface DocRef {
  id: string;
  name: string;
  title: string | null;
  outlet: string | null;
  publishedAt: string | null;
}

/** "Title — Outlet, 2025-03-10" as a link to the passage (or the document), the outlet to its page. */
export function docLink(ref: DocRef | undefined, id: string, at?: { start: number | null; end: number | null } | { finding: string }): HTMLElement {
  const params: Record<string, string> = {};
  if (at && 'finding' in at) params.f = at.finding;
  else if (at && at.start !== null && at.end !== null) params.at = `${at.start}-${at.end}`;
  const title = ref?.title ?? ref?.name ?? 'untitled document';
  const meta = [ref?.publishedAt ? formatDate(ref.publishedAt) : null].filter(Boolean).join(', ');
  return h(
    'span',
    { class: 'doc-ref' },
    h('a', { href: href('doc', id, params), class: 'doc-ref-title' }, title),
    ref?.outlet ? ' — ' : null,
    ref?.outlet ? h('a', { href: href('outlet', ref.outlet), class: 'outlet-link' }, ref.outlet) : null,
    meta ? h('span', { class: 'muted' }, `, ${meta}`) : null,
  );
}

/** A passage with one phrase in it marked (the date as written, a value). */
export function quoteWith(quote: string, phrase: string | null): HTMLElement {
  const at = phrase ? quote.indexOf(phrase) : -1;
  if (!phrase || at < 0) return h('blockquote', { class: 'quote' }, quote);
  return h('blockquote', { class: 'quote' }, quote.slice(0, at), h('mark', { class: 'hit' }, phrase), quote.slice(at + phrase.length));
}
