/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { getJson, type StoredAlert } from '../api.js';
import { h } from '../dom.js';
import { href, type Route } from '../router.js';

/**
 * The alerts `discern watch` raised, newest first, each with its summary, documents and the
 * quoted evidence linked to its place in the document. New alerts arrive live over
 * server-sent events (/api/v1/alerts/stream) and are put on top; a filter keeps one type.
 */

const TYPES: Array<[type: string, label: string]> = [
  ['', 'All types'],
  ['watchlist-accusation', 'Watch-list accusation'],
  ['new-narrative', 'New narrative'],
  ['camp-change', 'Camp change'],
  ['new-contradiction', 'New contradiction'],
  ['comment-section', 'Comment section'],
  ['reuse-burst', 'Reuse burst'],
  ['fact-check', 'Fact-checked claim'],
];

const labelOf = (type: string) => TYPES.find(([t]) => t === type)?.[1] ?? type;

export async function renderAlerts(root: HTMLElement, route: Route): Promise<() => void> {
  const type = route.params.get('type') ?? '';
  const { items } = await getJson<{ items: StoredAlert[] }>('/alerts', { limit: 200, type: type || undefined });
  const select = h('select', { id: 'alert-type', 'aria-label': 'alert type' }, ...TYPES.map(([t, label]) => h('option', { value: t, selected: t === type }, label)));
  select.addEventListener('change', () => {
    location.hash = href('alerts', null, { type: select.value || null });
  });
  const status = h('p', { class: 'muted', id: 'alerts-live', role: 'status', 'aria-live': 'polite' }, 'Connecting to the live stream…');
  const list = h('ol', { class: 'hits alerts', id: 'alert-list' }, ...items.map(alertItem));
  const empty = h('p', { class: 'muted' }, 'No alert yet. Run discern watch on a config of sources (docs/watch.md); alerts appear here as they are raised.');
  root.append(h('h1', {}, 'Alerts'), h('div', { class: 'filters' }, select), status);
  if (items.length === 0) root.append(empty);
  root.append(list);

  const stream = new EventSource(`/api/v1/alerts/stream${items.length > 0 ? `?after=${Math.max(items[0].id, 0)}` : ''}`);
  let received = 0;
  stream.addEventListener('ready', () => (status.textContent = 'Live: new alerts appear at the top.'));
  stream.addEventListener('alert', (event) => {
    const alert = JSON.parse((event as MessageEvent<string>).data) as StoredAlert;
    if (type && alert.type !== type) return;
    empty.remove();
    list.prepend(alertItem(alert));
    received++;
    status.textContent = `Live: ${received} new alert${received === 1 ? '' : 's'} since this page opened.`;
  });
  stream.addEventListener('error', () => (status.textContent = 'Live stream interrupted; reconnecting…'));
  return () => stream.close();
}

function alertItem(alert: StoredAlert): HTMLElement {
  const titles = new Map(alert.documents.map((d) => [d.id, d.title ?? d.id]));
  return h(
    'li',
    { class: `card alert alert-${alert.type}`, 'data-alert': alert.id },
    h('p', { class: 'alert-meta' }, h('span', { class: 'verdict' }, labelOf(alert.type)), h('span', { class: 'muted' }, ` ${alert.time.replace('T', ' ').slice(0, 19)} UTC`)),
    h('p', { class: 'alert-summary' }, alert.summary),
    h('p', { class: 'small' }, 'Documents: ', ...alert.documents.flatMap((d, i) => [i > 0 ? ' · ' : null, h('a', { href: href('doc', d.id) }, d.title ?? d.id), d.source ? h('span', { class: 'muted' }, ` (${d.source})`) : null])),
    alert.evidence.length === 0
      ? null
      : h(
          'details',
          { open: alert.evidence.length <= 3 },
          h('summary', {}, `Evidence (${alert.evidence.length})`),
          h('ol', { class: 'evidence' }, ...alert.evidence.map((e) => h('li', {}, h('blockquote', { class: 'quote' }, e.quote), h('a', { href: href('doc', e.doc, { at: `${e.start}-${e.end}` }), class: 'small' }, `${titles.get(e.doc) ?? e.doc}${e.role ? ` · ${e.role}` : ''}`)))),
        ),
  );
}
