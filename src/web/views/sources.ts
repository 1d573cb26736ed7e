/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { getJson, type WatchSourceRecord } from '../api.js';
import { formatDate, h } from '../dom.js';

/** Each source discern watch polls: when it was last polled, with what outcome, and how much it brings. */
export async function renderSources(root: HTMLElement): Promise<void> {
  const { items } = await getJson<{ items: WatchSourceRecord[] }>('/watch/sources');
  root.append(h('h1', {}, 'Sources'));
  if (items.length === 0) {
    root.append(h('p', { class: 'muted' }, 'No source is watched yet: run discern watch CONFIG (docs/watch.md).'));
    return;
  }
  const time = (iso: string | null) => (iso ? `${formatDate(iso)} ${iso.slice(11, 16)}` : '—');
  root.append(
    h('table', { class: 'data sources', id: 'source-table' },
      h('thead', {}, h('tr', {}, ...['Source', 'Side', 'Tags', 'Last poll', 'Status', 'Last error', 'Failures', 'Next poll', 'Items (24 h)', 'Items per day (7 d)', 'Items'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...items.map((s) =>
        h('tr', { class: s.lastStatus === 'error' ? 'source-error' : '' },
          h('th', { scope: 'row' }, h('a', { href: s.url }, s.name ?? s.feedTitle ?? s.url)),
          h('td', {}, s.side ?? '—'),
          h('td', {}, s.tags.join(', ') || '—'),
          h('td', {}, time(s.lastPollAt)),
          h('td', {}, s.lastStatus ?? 'never polled'),
          h('td', { class: 'snippet' }, s.lastError ?? ''),
          h('td', { class: 'num' }, s.failures),
          h('td', {}, s.nextPollAt ? time(s.nextPollAt) : 'next round'),
          h('td', { class: 'num' }, s.itemsLastDay),
          h('td', { class: 'num' }, s.itemsPerDay),
          h('td', { class: 'num' }, s.items),
        ))),
    ),
  );
}
