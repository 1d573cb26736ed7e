/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { getJson, type Entity, type Paged } from '../api.js';
import { h } from '../dom.js';
import { href, type Route } from '../router.js';

/** Canonical entities with every written form the analysers resolved to them. */
export async function renderEntities(root: HTMLElement, route: Route): Promise<void> {
  const q = route.params.get('q') ?? '';
  const offset = Number(route.params.get('offset') ?? 0) || 0;
  const page = await getJson<Paged<Entity>>('/entities', { q: q || undefined, limit: 100, offset });
  const input = h('input', { type: 'search', name: 'q', value: q, placeholder: 'name or alias', 'aria-label': 'filter actors' });
  const form = h('form', { class: 'filters', role: 'search' }, input, ' ', h('button', { type: 'submit' }, 'Filter'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = href('entities', null, { q: input.value.trim() });
  });
  root.append(
    h('h1', {}, 'Actors'),
    form,
    h(
      'table',
      { class: 'data' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Canonical name'), h('th', {}, 'Type'), h('th', {}, 'Mentions'), h('th', {}, 'Documents'), h('th', {}, 'Written as'))),
      h(
        'tbody',
        {},
        ...page.items.map((e) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, h('a', { href: href('graph', null, { actor: e.name }) }, e.name)),
            h('td', {}, e.type ?? '—'),
            h('td', { class: 'num' }, e.mentions),
            h('td', { class: 'num' }, e.documents),
            h('td', {}, e.aliases.map((a) => `${a.text} (${a.count})`).join(', ')),
          ),
        ),
      ),
    ),
    h(
      'p',
      { class: 'pager' },
      offset > 0 ? h('a', { href: href('entities', null, { q, offset: Math.max(0, offset - 100) || null }) }, '← previous ') : null,
      `${page.total === 0 ? 0 : offset + 1}–${Math.min(page.total, offset + 100)} of ${page.total}`,
      offset + 100 < page.total ? h('a', { href: href('entities', null, { q, offset: offset + 100 }) }, ' next →') : null,
    ),
  );
}
