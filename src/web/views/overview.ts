/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { getJson, type DocumentSummary, type Overview, type OutletOverview, type Paged, type ReviewSummaryByKind } from '../api.js';
import { kindColor } from '../colors.js';
import { formatDate, h, svg } from '../dom.js';
import { href, type Route } from '../router.js';
import { techniqueName } from '../../report/technique-names.js';
import { exportLinks } from './document.js';
import { fetchKeyFindings, keyFindingsList } from '../key-findings.js';

/**
 * Corpus overview: the key findings first (above the fold, each a link to its evidence), then
 * outlets over time, technique and evidence profiles per outlet, camps, and the filtered
 * document list. Finding-kind counts come after the key findings: they are not an answer.
 */

let cached: Overview | null = null;
export function forgetOverview(): void {
  cached = null;
}

const EVIDENCE = ['verifiable', 'named', 'anonymous', 'vague-appeal', 'unsupported'] as const;
const EVIDENCE_COLORS: Record<string, string> = { verifiable: '#16a34a', named: '#65a30d', anonymous: '#d97706', 'vague-appeal': '#ea580c', unsupported: '#9ca3af' };
const PAGE = 25;

export async function renderOverview(root: HTMLElement, route: Route): Promise<void> {
  cached ??= await getJson<Overview>('/overview');
  const overview = cached;
  const p = route.params;
  const filter = { outlet: p.get('outlet') ?? undefined, from: p.get('from') ?? undefined, to: p.get('to') ?? undefined, camp: p.get('camp') ?? undefined };
  const offset = Number(p.get('offset') ?? 0) || 0;
  const list = await getJson<Paged<DocumentSummary>>('/documents', { ...filter, limit: PAGE, offset });

  const known = overview.outlets.filter((o) => o.outlet !== null).length;
  root.append(
    h('h1', {}, 'Corpus'),
    h('p', { class: 'lead' }, `${overview.documents} document${overview.documents === 1 ? '' : 's'} from ${known} named outlet${known === 1 ? '' : 's'}${known < overview.outlets.length ? ' (and documents of unknown outlet: give outlets with --outlet or --manifest)' : ''}.`),
  );
  if (overview.documents === 0) {
    root.append(h('p', {}, 'The database is empty. ', h('a', { href: href('ingest') }, 'Ingest a text, a URL or files'), ' to begin.'));
    return;
  }
  const key = await fetchKeyFindings();
  root.append(
    h(
      'section',
      { class: 'card key-findings-card', 'aria-label': 'key findings' },
      h('h2', {}, 'Key findings', h('small', {}, 'ranked by what to act on first; each line opens its evidence')),
      key.items.length > 0 ? keyFindingsList(key.items) : h('p', { class: 'muted' }, 'Nothing stands out yet: no templated comments, copies, contradictions, accusations or camps in the corpus.'),
    ),
    h('p', { class: 'counts-line' }, 'Findings by kind: ', ...overview.findings.flatMap((f) => [chip(f.kind, `${f.kind} ${f.count}`), ' '])),
  );
  // fetched fresh each time: reviews made in a document view change it
  const reviews = await getJson<ReviewSummaryByKind>('/reviews/summary');
  root.append(exportLinks(), outletsSection(overview.outlets), techniquesSection(overview.outlets), reviewsSection(reviews, overview));
  if (overview.camps.length > 0) root.append(campsSection(overview));
  root.append(documentsSection(overview, list, filter, offset));
}

/** Per finding kind: how many analysts reviewed and the share they confirmed (a measured precision). */
function reviewsSection(summary: ReviewSummaryByKind, overview: Overview): HTMLElement {
  const total = new Map(overview.findings.map((f) => [f.kind, f.count]));
  if (summary.kinds.length === 0) {
    return h('section', { class: 'card reviews-card' }, h('h2', {}, 'Analyst reviews'), h('p', { class: 'muted' }, 'No finding reviewed yet. Open a document, select a finding and press c (confirm) or x (reject).'));
  }
  const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);
  return h(
    'section',
    { class: 'card reviews-card' },
    h('h2', {}, 'Analyst reviews'),
    h('p', { class: 'muted' }, 'Share of reviewed findings that analysts confirmed, per kind: the precision measured on what was reviewed (review a random sample for an unbiased figure).'),
    h(
      'table',
      { class: 'reviews-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'kind'), h('th', {}, 'confirmed'), h('th', {}, 'reviewed'), h('th', {}, 'corrected'), h('th', {}, 'rejected'), h('th', {}, 'findings'))),
      h(
        'tbody',
        {},
        ...summary.kinds.map((k) =>
          h(
            'tr',
            { 'data-kind': k.kind },
            h('td', {}, chip(k.kind, k.kind)),
            h('td', { class: 'share' }, pct(k.confirmedShare)),
            h('td', {}, String(k.reviewed)),
            h('td', {}, String(k.corrected)),
            h('td', {}, String(k.rejected)),
            h('td', {}, String(total.get(k.kind) ?? '')),
          ),
        ),
      ),
    ),
    summary.orphaned > 0 ? h('p', { class: 'muted' }, `${summary.orphaned} review${summary.orphaned === 1 ? '' : 's'} orphaned: re-analysis left no finding on the reviewed span (listed by \`discern reviews\`).`) : null,
  );
}

function chip(kind: string, text: string): HTMLElement {
  const el = h('span', { class: 'chip' }, text);
  el.style.setProperty('--kc', kindColor(kind));
  return el;
}

function outletName(outlet: string | null): string {
  return outlet ?? '(unknown outlet)';
}

function outletsSection(outlets: OutletOverview[]): HTMLElement {
  const months = monthRange(outlets);
  const rows = outlets.map((o) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, h('a', { href: href('overview', null, { outlet: o.outlet ?? '' }) }, outletName(o.outlet))),
      h('td', { class: 'num' }, o.documents),
      h('td', {}, `${formatDate(o.first)} – ${formatDate(o.last)}`),
      h('td', {}, timeline(o, months)),
      h('td', {}, evidenceBar(o)),
    ),
  );
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, 'Outlets'),
    h(
      'table',
      { class: 'data' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Outlet'), h('th', {}, 'Documents'), h('th', {}, 'Published'), h('th', {}, `Documents by month${months.length ? ` (${months[0]} – ${months[months.length - 1]})` : ''}`), h('th', {}, 'Claims by evidence'))),
      h('tbody', {}, ...rows),
    ),
    h('p', { class: 'legend' }, ...EVIDENCE.flatMap((e) => [swatch(EVIDENCE_COLORS[e]), ` ${e} `])),
  );
}

function swatch(color: string): HTMLElement {
  const el = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  el.style.setProperty('--kc', color);
  return el;
}

function monthRange(outlets: OutletOverview[]): string[] {
  const all = outlets.flatMap((o) => o.byDate.map((d) => d.date.slice(0, 7))).sort();
  if (all.length === 0) return [];
  const months: string[] = [];
  let [y, m] = all[0].split('-').map(Number);
  const [ly, lm] = all[all.length - 1].split('-').map(Number);
  while ((y < ly || (y === ly && m <= lm)) && months.length < 240) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return months;
}

function timeline(o: OutletOverview, months: string[]): Element {
  const counts = new Map<string, number>();
  for (const d of o.byDate) counts.set(d.date.slice(0, 7), (counts.get(d.date.slice(0, 7)) ?? 0) + d.documents);
  const max = Math.max(1, ...counts.values());
  const width = Math.max(60, months.length * 8);
  const chart = svg('svg', { class: 'spark', viewBox: `0 0 ${width} 24`, width, height: 24, role: 'img', 'aria-label': `documents per month for ${outletName(o.outlet)}` });
  months.forEach((month, i) => {
    const n = counts.get(month) ?? 0;
    if (n === 0) return;
    const hgt = Math.max(2, (n / max) * 22);
    chart.append(svg('rect', { x: i * 8 + 1, y: 24 - hgt, width: 6, height: hgt, class: 'bar' }, svg('title', {}, `${month}: ${n}`)));
  });
  return chart;
}

function evidenceBar(o: OutletOverview): Element {
  if (o.claims === 0) return h('span', { class: 'muted' }, 'no claims');
  const bar = h('div', { class: 'stack', role: 'img', 'aria-label': EVIDENCE.map((e) => `${e} ${o.evidence[e] ?? 0}`).join(', ') });
  for (const e of EVIDENCE) {
    const n = o.evidence[e] ?? 0;
    if (n === 0) continue;
    const part = h('span', { title: `${e}: ${n} of ${o.claims} claims` });
    part.style.setProperty('--kc', EVIDENCE_COLORS[e]);
    part.style.flexGrow = String(n);
    bar.append(part);
  }
  return h('div', {}, bar, h('small', {}, `${o.claims} claims, ${Math.round(((o.evidence.verifiable ?? 0) / o.claims) * 100)}% verifiable`));
}

function techniquesSection(outlets: OutletOverview[]): HTMLElement {
  const totals = new Map<string, number>();
  for (const o of outlets) for (const [t, n] of Object.entries(o.techniques)) totals.set(t, (totals.get(t) ?? 0) + n);
  const top = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 12).map(([t]) => t);
  if (top.length === 0) return h('section', { class: 'card' }, h('h2', {}, 'Techniques per outlet'), h('p', { class: 'muted' }, 'No persuasion technique spans yet.'));
  const rates = outlets.map((o) => top.map((t) => (o.techniques[t] ?? 0) / Math.max(1, o.documents)));
  const max = Math.max(0.001, ...rates.flat());
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, 'Techniques per outlet'),
    h('p', { class: 'muted' }, 'Spans per document; darker is more.'),
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        { class: 'data heat' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Technique'), ...outlets.map((o) => h('th', {}, outletName(o.outlet))))),
        h(
          'tbody',
          {},
          ...top.map((t, ti) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, techniqueName(t)),
              ...outlets.map((o, oi) => {
                const cell = h('td', { class: 'num', title: `${o.techniques[t] ?? 0} spans in ${o.documents} documents` }, rates[oi][ti] ? rates[oi][ti].toFixed(1) : '·');
                cell.style.setProperty('--heat', String(rates[oi][ti] / max));
                return cell;
              }),
            ),
          ),
        ),
      ),
    ),
  );
}

function campsSection(overview: Overview): HTMLElement {
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, 'Camps'),
    h(
      'ul',
      { class: 'camps' },
      ...overview.camps.map((c) =>
        h('li', {}, h('a', { href: href('overview', null, { camp: c.label }) }, c.label), ` — ${c.documents.length} document${c.documents.length === 1 ? '' : 's'}. `, h('span', { class: 'muted' }, c.explanation)),
      ),
    ),
  );
}

function documentsSection(overview: Overview, list: Paged<DocumentSummary>, filter: Record<string, string | undefined>, offset: number): HTMLElement {
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'filter documents' });
  const outletSelect = h('select', { name: 'outlet', 'aria-label': 'outlet' }, h('option', { value: '' }, 'all outlets'));
  // a sentinel for "no outlet", since the empty value means "all"
  for (const o of overview.outlets) outletSelect.append(h('option', { value: o.outlet ?? '\u0000' }, outletName(o.outlet)));
  outletSelect.value = filter.outlet === '' ? '\u0000' : (filter.outlet ?? '');
  const from = h('input', { type: 'date', name: 'from', 'aria-label': 'published from', value: filter.from ?? '' });
  const to = h('input', { type: 'date', name: 'to', 'aria-label': 'published to', value: filter.to ?? '' });
  const camp = h('select', { name: 'camp', 'aria-label': 'camp' }, h('option', { value: '' }, 'all camps'), ...overview.camps.map((c) => h('option', { value: c.label }, c.label)));
  camp.value = filter.camp ?? '';
  form.append(h('label', {}, 'Outlet ', outletSelect), h('label', {}, 'From ', from), h('label', {}, 'To ', to));
  if (overview.camps.length > 0) form.append(h('label', {}, 'Camp ', camp));
  form.append(h('button', { type: 'submit' }, 'Filter'), ' ', h('a', { href: href('overview') }, 'clear'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    if (outletSelect.value === '\u0000') params.set('outlet', '');
    else if (outletSelect.value) params.set('outlet', outletSelect.value);
    if (from.value) params.set('from', from.value);
    if (to.value) params.set('to', to.value);
    if (camp.value) params.set('camp', camp.value);
    const qs = params.toString();
    location.hash = `#/overview${qs ? `?${qs}` : ''}`;
  });

  const rows = list.items.map((d) =>
    h(
      'tr',
      {},
      h('td', {}, h('a', { href: href('doc', d.id), class: 'doc-link' }, d.title ?? d.path ?? d.url ?? d.id)),
      h('td', {}, outletName(d.outlet)),
      h('td', {}, formatDate(d.publishedAt)),
      h('td', { class: 'kinds' }, ...Object.entries(d.findings).filter(([k]) => k !== 'sentence' && k !== 'language').flatMap(([k, n]) => [chip(k, `${k} ${n}`), ' '])),
    ),
  );
  const pager = h('nav', { class: 'pager', 'aria-label': 'pages' });
  const pageLink = (label: string, to: number) => h('a', { href: href('overview', null, { ...filter, offset: to || null }) }, label);
  if (offset > 0) pager.append(pageLink('← newer', Math.max(0, offset - PAGE)), ' ');
  pager.append(`${list.total === 0 ? 0 : offset + 1}–${Math.min(list.total, offset + PAGE)} of ${list.total}`);
  if (offset + PAGE < list.total) pager.append(' ', pageLink('older →', offset + PAGE));
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, 'Documents'),
    form,
    h('table', { class: 'data docs' }, h('thead', {}, h('tr', {}, h('th', {}, 'Title'), h('th', {}, 'Outlet'), h('th', {}, 'Published'), h('th', {}, 'Findings'))), h('tbody', {}, ...rows)),
    pager,
  );
}
