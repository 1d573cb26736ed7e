/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { getJson } from '../api.js';
import { docLink, quoteWith, type DocRef } from '../doc-ref.js';
import { h } from '../dom.js';
import { href, type Route } from '../router.js';

/**
 * The timeline: dated events (dates the articles mention, normalised by the timeline
 * analyser, each with the passages that give it) beside the claims placed by their
 * article's publication date. Filter by actor (any canonical entity: its aliases count) and
 * by date; every passage links to its place in the document.
 */

interface TimelineEvent {
  id: string;
  date: string;
  label: string;
  entities: string[];
  explanation: string;
  passages: Array<{ doc: string; start: number | null; end: number | null; quote: string | null; written: string | null }>;
}

interface TimelineClaim {
  date: string;
  doc: string;
  finding: string;
  quote: string;
  label: string;
  score: number;
  evidence: string | null;
}

interface Timeline {
  actor: string | null;
  actors: Array<{ name: string; events: number }>;
  events: TimelineEvent[];
  claims: { total: number; capped: boolean; items: TimelineClaim[] };
  documents: Record<string, DocRef>;
}

const CLAIMS_SHOWN = 200;

export async function renderTimeline(root: HTMLElement, route: Route): Promise<void> {
  const actor = route.params.get('actor') ?? '';
  const from = route.params.get('from') ?? '';
  const to = route.params.get('to') ?? '';
  const data = await getJson<Timeline>('/timeline', { actor: actor || undefined, from: from || undefined, to: to || undefined, claims: CLAIMS_SHOWN });
  root.append(h('h1', {}, actor ? `Timeline: ${actor}` : 'Timeline'));
  root.append(filterForm(data, actor, from, to));
  const dated = data.events.filter((e) => !e.date.startsWith('--'));
  const yearless = data.events.filter((e) => e.date.startsWith('--'));
  root.append(
    h('p', { class: 'lead' }, `${dated.length} dated event${dated.length === 1 ? '' : 's'}${yearless.length ? ` and ${yearless.length} without a year` : ''}; ${data.claims.total} claim${data.claims.total === 1 ? '' : 's'} in dated articles${data.claims.total > data.claims.items.length ? ` (the first ${data.claims.items.length} shown)` : ''}.`),
  );
  const events = h('section', { class: 'card timeline-events', 'aria-label': 'events by date' }, h('h2', {}, 'Events, by the date the articles give'));
  if (data.events.length === 0) events.append(h('p', { class: 'muted' }, actor ? `No dated event mentions ${actor}.` : 'No dated event found.'));
  else {
    events.append(eventList(dated, data.documents));
    if (yearless.length) events.append(h('h3', {}, 'Dates without a year'), h('p', { class: 'muted' }, 'Usually datelines ("March 10"): the year is not in the text.'), eventList(yearless, data.documents, 'yearless'));
  }
  const claims = h('section', { class: 'card timeline-claims', 'aria-label': 'claims by publication date' }, h('h2', {}, 'Claims, by publication date'));
  if (data.claims.items.length === 0) claims.append(h('p', { class: 'muted' }, 'No claim in an article with a publication date. Dates come from the page, the front matter (date:) or the ingest form.'));
  else claims.append(claimList(data.claims.items, data.documents));
  root.append(h('div', { class: 'timeline-layout' }, events, claims));
}

function filterForm(data: Timeline, actor: string, from: string, to: string): HTMLElement {
  const select = h('select', { name: 'actor', id: 'timeline-actor', 'aria-label': 'actor' }, h('option', { value: '' }, 'every actor'));
  const names = data.actors.map((a) => a.name);
  if (actor && !names.includes(actor)) names.unshift(actor);
  for (const name of names) {
    const count = data.actors.find((a) => a.name === name)?.events;
    select.append(h('option', { value: name, selected: name === actor }, count ? `${name} (${count})` : name));
  }
  const fromBox = h('input', { name: 'from', id: 'timeline-from', placeholder: 'from YYYY-MM-DD', value: from, size: 14, 'aria-label': 'from date' });
  const toBox = h('input', { name: 'to', id: 'timeline-to', placeholder: 'to YYYY-MM-DD', value: to, size: 14, 'aria-label': 'to date' });
  const form = h('form', { class: 'filters timeline-filters' }, h('label', {}, 'Actor ', select), h('label', {}, 'From ', fromBox), h('label', {}, 'To ', toBox), h('button', { type: 'submit' }, 'Show'), actor || from || to ? h('a', { href: href('timeline') }, 'clear') : null);
  const go = () => {
    location.hash = href('timeline', null, { actor: select.value, from: fromBox.value.trim(), to: toBox.value.trim() });
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    go();
  });
  select.addEventListener('change', go);
  return form;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** ISO dates as written; a date without a year ("--03-10") as "10 March". */
function shownDate(date: string): string {
  const m = /^--(\d{2})(?:-(\d{2}))?$/.exec(date);
  if (!m) return date;
  const month = MONTHS[Number(m[1]) - 1] ?? m[1];
  return m[2] ? `${Number(m[2])} ${month}` : month;
}

function eventList(events: TimelineEvent[], documents: Record<string, DocRef>, cls = ''): HTMLElement {
  const list = h('ol', { class: `timeline ${cls}`.trim() });
  for (const e of events) {
    const docs = new Set(e.passages.map((p) => p.doc));
    list.append(
      h(
        'li',
        { class: 'event', 'data-date': e.date },
        h('time', { class: 'event-date', datetime: e.date.startsWith('--') ? null : e.date }, shownDate(e.date)),
        h(
          'div',
          { class: 'event-body' },
          h('p', { class: 'event-actors' }, ...e.entities.flatMap((n, i) => [i ? ' · ' : '', h('a', { href: href('timeline', null, { actor: n }), class: 'actor-link' }, n)]), h('span', { class: 'muted' }, ` — ${docs.size} document${docs.size === 1 ? '' : 's'}`)),
          ...e.passages.map((p) => h('div', { class: 'passage' }, quoteWith(p.quote ?? '', p.written), docLink(documents[p.doc], p.doc, p))),
        ),
      ),
    );
  }
  return list;
}

function claimList(claims: TimelineClaim[], documents: Record<string, DocRef>): HTMLElement {
  // date → document → its claims: each article named once under its day
  const list = h('ol', { class: 'timeline' });
  let day = '';
  let doc = '';
  let group: HTMLElement | null = null;
  for (const c of claims) {
    if (c.date !== day || !group) {
      day = c.date;
      doc = '';
      group = h('div', { class: 'event-body' });
      list.append(h('li', { class: 'event', 'data-date': c.date }, h('time', { class: 'event-date', datetime: c.date }, c.date), group));
    }
    if (c.doc !== doc) {
      doc = c.doc;
      group.append(h('p', { class: 'claim-doc' }, docLink(documents[c.doc], c.doc)));
    }
    group.append(
      h(
        'div',
        { class: 'passage claim' },
        h('a', { href: href('doc', c.doc, { f: c.finding }), class: 'claim-link' }, h('blockquote', { class: 'quote' }, c.quote)),
        h('p', { class: 'muted small' }, `${c.evidence ? `evidence: ${c.evidence} · ` : ''}check-worthiness ${c.score.toFixed(2)}`),
      ),
    );
  }
  return list;
}
