/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { getJson, type SearchResult } from '../api.js';
import { kindColor } from '../colors.js';
import { clear, formatDate, h, markedText } from '../dom.js';
import { href, replaceParams, type Route } from '../router.js';

/** Full-text search over documents and findings, as you type; the query lives in the URL. */

export async function renderSearch(root: HTMLElement, route: Route): Promise<void> {
  const input = h('input', { type: 'search', name: 'q', id: 'search-q', placeholder: 'words or "a phrase"', 'aria-label': 'search text', autocomplete: 'off', value: route.params.get('q') ?? '' });
  const results = h('div', { class: 'results', 'aria-live': 'polite' });
  const form = h('form', { class: 'search-form', role: 'search' }, input, ' ', h('button', { type: 'submit' }, 'Search'));
  root.append(h('h1', {}, 'Search'), form, results);
  let timer: number | undefined;
  let latest = 0;
  const run = async () => {
    const q = input.value.trim();
    replaceParams({ q: q || null });
    const ticket = ++latest;
    if (!q) {
      clear(results);
      return;
    }
    const result = await getJson<SearchResult>('/search', { q, limit: 20 });
    if (ticket !== latest) return;
    clear(results);
    renderResults(results, result);
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void run(), 250);
  });
  input.focus();
  if (input.value) await run();
}

function renderResults(root: HTMLElement, r: SearchResult): void {
  const { start, end } = r.markers;
  root.append(
    h('section', { class: 'card' }, h('h2', {}, `Documents (${r.documents.total})`),
      r.documents.items.length === 0 ? h('p', { class: 'muted' }, 'No document matches.') : h(
        'ol',
        { class: 'hits' },
        ...r.documents.items.map((d) =>
          h('li', {}, h('a', { href: href('doc', d.id), class: 'hit-title' }, d.title ?? d.id), h('span', { class: 'muted' }, ` ${d.outlet ?? ''} ${formatDate(d.publishedAt)}`), h('p', { class: 'snippet' }, markedText(d.snippet, start, end))),
        ),
      ),
    ),
    h('section', { class: 'card' }, h('h2', {}, `Findings (${r.findings.total}${r.findings.capped ? '+, newest first' : ''})`),
      r.findings.items.length === 0 ? h('p', { class: 'muted' }, 'No finding matches.') : h(
        'ol',
        { class: 'hits' },
        ...r.findings.items.map((f) => {
          const chip = h('span', { class: 'chip' }, f.kind);
          chip.style.setProperty('--kc', kindColor(f.kind));
          return h(
            'li',
            {},
            chip,
            ' ',
            h('a', { href: href('doc', f.doc, { f: f.id }), class: 'hit-title' }, f.label.replaceAll('_', ' ')),
            h('span', { class: 'muted' }, ` in ${f.docTitle ?? f.doc}`),
            h('p', { class: 'snippet' }, markedText(f.snippet, start, end)),
          );
        }),
      ),
    ),
  );
}
