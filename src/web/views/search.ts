/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { getJson } from '../api.js';
import { kindColor } from '../colors.js';
import { clear, formatDate, h, markedText } from '../dom.js';
import { href, replaceParams, type Route } from '../router.js';
import { techniqueName } from '../../report/technique-names.js';

/**
 * Search that knows the corpus, as you type: the words widened by aliases (ISKP finds
 * ISIS-K), spelling variants and inflections (harbouring finds harbored) — shown above the
 * results, and turned off by "exact words" — with results grouped by document (title,
 * outlet, date, camps; one text snippet and the best few finding hits, entity mentions
 * folded into one line, "more" for the rest) and facets by finding kind, outlet, camp and
 * month. Everything lives in the URL.
 */

interface Hit {
  id: string;
  doc: string;
  kind: string;
  label: string;
  quote: string;
  score: number;
  snippet: string;
  data?: Record<string, unknown>;
}

interface Group {
  doc: { id: string; name: string; title: string | null; outlet: string | null; publishedAt: string | null };
  camps: string[];
  snippet: string | null;
  kinds: Record<string, number>;
  hits: Hit[];
  mentions: { count: number; forms: Array<{ text: string; count: number }>; finding: string } | null;
  more: number;
}

interface FacetValue {
  value: string;
  documents: number;
  hits?: number;
}

interface SearchAnswer {
  q: string;
  markers: { start: string; end: string };
  expansion: Array<{ text: string; alternatives: string[]; via: string[] }>;
  total: number;
  capped: boolean;
  groups: Group[];
  facets: { kind: FacetValue[]; outlet: FacetValue[]; camp: FacetValue[]; date: FacetValue[] };
}

const GROUPS = 10;
const FILTERS = ['kind', 'outlet', 'camp', 'from', 'to', 'doc'] as const;
const VIA_WORDS: Record<string, string> = { alias: 'aliases', spelling: 'spellings', inflection: 'word forms' };

/** What a finding hit is called: accusations by who accuses whom, techniques by name. */
function hitLabel(f: Hit): string {
  if (f.kind === 'technique') return techniqueName(f.label);
  if (f.kind === 'accusation' && f.data) {
    const name = (v: unknown) => (typeof v === 'string' ? v : v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string' ? (v as { name: string }).name : null);
    const accused = name(f.data.accused);
    if (accused) return `${name(f.data.accuser) ?? 'unattributed'} → ${accused} (${f.label})`;
  }
  return f.label.replaceAll('_', ' ');
}

/** Snippets keep the text's line breaks; in a result list they read as one line. */
function oneLine(snippet: string): string {
  return snippet.replace(/\s+/g, ' ').trim();
}

export async function renderSearch(root: HTMLElement, route: Route): Promise<void> {
  const params = route.params;
  const input = h('input', { type: 'search', name: 'q', id: 'search-q', placeholder: 'words, names or "a phrase"', 'aria-label': 'search text', autocomplete: 'off', value: params.get('q') ?? '' });
  const exact = h('input', { type: 'checkbox', name: 'exact', id: 'search-exact', checked: params.get('exact') === '1' });
  const results = h('div', { class: 'results', 'aria-live': 'polite' });
  const form = h('form', { class: 'search-form', role: 'search' }, input, ' ', h('button', { type: 'submit' }, 'Search'), ' ', h('label', { class: 'muted exact-words' }, exact, ' exact words (no aliases or variants)'));
  root.append(h('h1', {}, 'Search'), form, results);
  let timer: number | undefined;
  let latest = 0;
  let shown = Number(params.get('shown') ?? GROUPS) || GROUPS;
  const current = () => parseFilters(new URLSearchParams(location.hash.split('?')[1] ?? ''));
  const run = async (filters: Filters = current()) => {
    const q = input.value.trim();
    replaceParams({ q: q || null, exact: exact.checked ? '1' : null });
    const ticket = ++latest;
    if (!q) {
      clear(results);
      return;
    }
    const answer = await getJson<SearchAnswer>('/search', {
      q,
      exact: exact.checked ? '1' : undefined,
      kind: filters.kind,
      outlet: filters.outlet === undefined ? undefined : filters.outlet === '-' ? '' : filters.outlet,
      camp: filters.camp,
      from: filters.from,
      to: filters.to,
      doc: filters.doc,
      group_limit: Math.min(100, shown),
      limit: 1,
    });
    if (ticket !== latest) return;
    clear(results);
    renderAnswer(results, answer, filters, {
      setFilter: (changes) => {
        const next = { ...filters, ...changes };
        replaceParams(Object.fromEntries(FILTERS.map((k) => [k, next[k] ?? null])));
        shown = GROUPS;
        void run(next);
      },
      more: () => {
        shown += GROUPS;
        void run(filters);
      },
    });
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void run(), 250);
  });
  exact.addEventListener('change', () => void run());
  input.focus();
  if (input.value) await run();
}

type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

function parseFilters(params: URLSearchParams): Filters {
  const out: Filters = {};
  for (const k of FILTERS) {
    const v = params.get(k);
    if (v !== null && v !== '') out[k] = v;
  }
  return out;
}

interface Actions {
  setFilter(changes: Filters): void;
  more(): void;
}

function renderAnswer(root: HTMLElement, r: SearchAnswer, filters: Filters, act: Actions): void {
  const widened = r.expansion.filter((e) => e.alternatives.length > 1);
  if (widened.length) {
    root.append(
      h(
        'p',
        { class: 'expansion muted' },
        'Also searched: ',
        ...widened.flatMap((e, i) => [
          i ? '; ' : '',
          h('strong', {}, e.text),
          ` → ${e.alternatives.slice(1, 7).join(', ')}${e.alternatives.length > 7 ? `, … (${e.alternatives.length - 1} in all)` : ''}`,
          e.via.length ? ` (${e.via.map((v) => VIA_WORDS[v] ?? v).join(', ')})` : '',
        ]),
        '.',
      ),
    );
  }
  const facets = h('aside', { class: 'facets', 'aria-label': 'filters' });
  const facet = (title: string, key: 'kind' | 'outlet' | 'camp' | 'date', values: FacetValue[], show: (v: string) => string) => {
    if (values.length === 0) return;
    const list = h('ul', { class: 'facet', 'data-facet': key });
    for (const v of values) {
      const selected = key === 'date' ? filters.from === v.value && filters.to === v.value : key === 'outlet' ? (filters.outlet === '-' ? '' : filters.outlet) === v.value : filters[key] === v.value;
      const disabled = key === 'date' && v.value === '(unknown)';
      const b = h('button', { type: 'button', class: `facet-value${selected ? ' on' : ''}`, 'aria-pressed': selected ? 'true' : 'false', disabled, 'data-value': v.value }, show(v.value), h('span', { class: 'count' }, ` ${v.documents}`));
      b.addEventListener('click', () => {
        if (key === 'date') act.setFilter(selected ? { from: undefined, to: undefined } : { from: v.value, to: v.value });
        else if (key === 'outlet') act.setFilter({ outlet: selected ? undefined : v.value === '' ? '-' : v.value });
        else act.setFilter({ [key]: selected ? undefined : v.value });
      });
      list.append(h('li', {}, b));
    }
    facets.append(h('h3', {}, title), list);
  };
  facet('Finding kind', 'kind', r.facets.kind, (v) => v);
  facet('Outlet', 'outlet', r.facets.outlet, (v) => v || 'unknown outlet');
  facet('Camp', 'camp', r.facets.camp, (v) => v);
  facet('Month', 'date', r.facets.date, (v) => v);
  const active = FILTERS.filter((k) => filters[k] !== undefined);
  if (active.length) {
    const reset = h('button', { type: 'button', class: 'linkish' }, 'clear filters');
    reset.addEventListener('click', () => act.setFilter(Object.fromEntries(FILTERS.map((k) => [k, undefined]))));
    facets.prepend(reset);
  }

  const list = h('section', { class: 'card search-groups' });
  const focus = filters.doc ? r.groups[0] : null;
  list.append(
    h(
      'h2',
      {},
      focus ? `Every hit in “${focus.doc.title ?? focus.doc.name}”` : `Documents (${r.total}${r.capped ? '+' : ''})`,
    ),
  );
  if (focus) {
    const back = h('button', { type: 'button', class: 'linkish' }, '← all documents');
    back.addEventListener('click', () => act.setFilter({ doc: undefined }));
    list.append(back);
  }
  if (r.groups.length === 0) list.append(h('p', { class: 'muted' }, 'No document matches.'));
  else {
    const { start, end } = r.markers;
    const ol = h('ol', { class: 'hits groups' });
    for (const g of r.groups) ol.append(groupItem(g, start, end, act));
    list.append(ol);
    if (!focus && r.total > r.groups.length) {
      const more = h('button', { type: 'button', class: 'more-groups' }, `Show more documents (${r.total - r.groups.length} more)`);
      more.addEventListener('click', () => act.more());
      list.append(more);
    }
  }
  root.append(h('div', { class: 'search-layout' }, facets, list));
}

function chip(kind: string, text: string): HTMLElement {
  const c = h('span', { class: 'chip' }, text);
  c.style.setProperty('--kc', kindColor(kind));
  return c;
}

function groupItem(g: Group, start: string, end: string, act: Actions): HTMLElement {
  const d = g.doc;
  const kinds = Object.entries(g.kinds).sort((a, b) => b[1] - a[1]);
  const item = h(
    'li',
    { class: 'group', 'data-doc': d.id },
    h('a', { href: href('doc', d.id), class: 'hit-title' }, d.title ?? d.name),
    h(
      'span',
      { class: 'muted group-meta' },
      ' — ',
      d.outlet ? h('a', { href: href('outlet', d.outlet), class: 'outlet-link' }, d.outlet) : 'unknown outlet',
      d.publishedAt ? `, ${formatDate(d.publishedAt)}` : '',
      ...g.camps.map((c) => [' ', h('span', { class: 'chip camp-chip' }, c)]).flat(),
    ),
    g.snippet ? h('p', { class: 'snippet' }, markedText(oneLine(g.snippet), start, end)) : null,
    kinds.length ? h('p', { class: 'group-kinds' }, ...kinds.flatMap(([k, n]) => [chip(k, `${k} ${n}`), ' '])) : null,
  );
  if (g.hits.length) {
    item.append(
      h(
        'ul',
        { class: 'group-hits' },
        ...g.hits.map((f) =>
          h('li', {}, chip(f.kind, f.kind), ' ', h('a', { href: href('doc', f.doc, { f: f.id }), class: 'finding-hit' }, hitLabel(f)), h('p', { class: 'snippet' }, markedText(oneLine(f.snippet), start, end))),
        ),
      ),
    );
  }
  if (g.mentions) {
    const forms = g.mentions.forms.map((x) => `${x.text} ×${x.count}`).join(', ');
    item.append(h('p', { class: 'mentions-line' }, chip('entity', 'entity'), ' ', h('a', { href: href('doc', d.id, { f: g.mentions.finding }) }, `mentioned ${g.mentions.count} time${g.mentions.count === 1 ? '' : 's'}`), h('span', { class: 'muted' }, `: ${forms}`)));
  }
  if (g.more > 0) {
    const more = h('button', { type: 'button', class: 'linkish more-hits' }, `${g.more} more finding${g.more === 1 ? '' : 's'} in this document`);
    more.addEventListener('click', () => act.setFilter({ doc: d.id }));
    item.append(more);
  }
  return item;
}
