/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { getJson, type GraphEdge, type OutletOverview } from '../api.js';
import { stanceColor } from '../colors.js';
import { formatDate, h } from '../dom.js';
import { href, type Route } from '../router.js';
import { techniqueName } from '../../report/technique-names.js';

/**
 * One outlet: how its claims are sourced, the techniques in its articles, its camp and its
 * stances on the disputed propositions, the accusations its articles carry (who accuses whom
 * there, and what the article does with it), and accusations made by or naming the outlet.
 * Without a name: every outlet, linking to its page.
 */

interface OutletPage {
  outlet: string | null;
  overview: OutletOverview;
  documents: Array<{ id: string; name: string; title: string | null; publishedAt: string | null; findings: Record<string, number> }>;
  documentsTotal: number;
  attributions: Record<string, number>;
  camps: Array<{ id: string; label: string; explanation: string; documents: number }>;
  stances: Array<{ doc: string; proposition: string; stance: string; explanation: string }>;
  accusations: { inArticles: GraphEdge[]; madeByOutlet: GraphEdge[]; namingOutlet: GraphEdge[] };
}

const EVIDENCE = ['verifiable', 'named', 'anonymous', 'vague-appeal', 'unsupported'];
const EVIDENCE_COLORS: Record<string, string> = { verifiable: '#16a34a', named: '#65a30d', anonymous: '#d97706', 'vague-appeal': '#ea580c', unsupported: '#9ca3af' };
const ARTICLE_WORDS: Record<string, string> = { asserts: 'states it as fact', reports: 'reports it', denies: 'denies it' };

/** A table; numeric columns (numbers in the first row) are right-aligned. */
function table(head: string[], rows: Array<Array<Node | string | number>>, cls = ''): HTMLElement {
  const numeric = head.map((_, i) => rows.length > 0 && (typeof rows[0][i] === 'number' || /^\d+ %$/.test(String(rows[0][i]))));
  return h(
    'div',
    { class: 'scroll' },
    h(
      'table',
      { class: `data ${cls}` },
      h('thead', {}, h('tr', {}, ...head.map((x, i) => h('th', { class: numeric[i] ? 'num' : null }, x)))),
      h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((cell, i) => h('td', { class: numeric[i] ? 'num' : null }, cell))))),
    ),
  );
}

function pct(n: number, total: number): string {
  return total ? `${Math.round((100 * n) / total)} %` : '—';
}

export async function renderOutlet(root: HTMLElement, route: Route): Promise<void> {
  if (!route.arg) return renderOutletList(root);
  const name = route.arg;
  const data = await getJson<OutletPage>(`/outlets/${encodeURIComponent(name)}`);
  const o = data.overview;
  root.append(
    h('h1', {}, data.outlet ?? 'Unknown outlet'),
    h(
      'p',
      { class: 'lead' },
      `${o.documents} document${o.documents === 1 ? '' : 's'}${o.first ? `, ${formatDate(o.first)} to ${formatDate(o.last)}` : ''}; ${o.claims} claim${o.claims === 1 ? '' : 's'}. `,
      data.camps.length ? 'Camp: ' : 'In no camp. ',
      ...data.camps.flatMap((c) => [h('a', { class: 'chip camp-chip', href: href('overview', null, { camp: c.label }), title: c.explanation }, `${c.label} (${c.documents} of its documents)`), ' ']),
    ),
  );

  // sourcing
  const sourcing = h('section', { class: 'card outlet-sourcing' }, h('h2', {}, 'Sourcing of its claims'));
  if (o.claims === 0) sourcing.append(h('p', { class: 'muted' }, 'No check-worthy claim found in its articles.'));
  else {
    const stack = h('div', { class: 'stack', role: 'img', 'aria-label': EVIDENCE.map((e) => `${e} ${o.evidence[e] ?? 0}`).join(', ') });
    for (const e of EVIDENCE) {
      const n = o.evidence[e] ?? 0;
      if (!n) continue;
      const part = h('span', { title: `${e}: ${n}` });
      part.style.setProperty('--kc', EVIDENCE_COLORS[e]);
      part.style.flexGrow = String(n);
      stack.append(part);
    }
    sourcing.append(stack, table(['Evidence', 'Claims', 'Share'], EVIDENCE.filter((e) => o.evidence[e]).map((e) => [e, o.evidence[e], pct(o.evidence[e], o.claims)])));
    const attributions = Object.entries(data.attributions).sort((a, b) => b[1] - a[1]);
    if (attributions.length) sourcing.append(h('h3', {}, 'Who the claims are attributed to'), table(['Attribution', 'Count'], attributions.map(([k, n]) => [k, n])));
  }

  // techniques
  const techniques = Object.entries(o.techniques).sort((a, b) => b[1] - a[1]);
  const techniqueCard = h('section', { class: 'card outlet-techniques' }, h('h2', {}, 'Persuasion techniques in its articles'));
  if (techniques.length === 0) techniqueCard.append(h('p', { class: 'muted' }, 'None found.'));
  else techniqueCard.append(table(['Technique', 'Spans'], techniques.map(([t, n]) => [techniqueName(t), n])));

  // stances
  const stanceCard = h('section', { class: 'card outlet-stances' }, h('h2', {}, 'Stances on disputed propositions'));
  if (data.stances.length === 0) stanceCard.append(h('p', { class: 'muted' }, 'No stance on a proposition the corpus disputes.'));
  else {
    // one row per proposition and stance, its documents listed
    const names = new Map(data.documents.map((d) => [d.id, d.title ?? d.name]));
    const rows = new Map<string, { proposition: string; stance: string; docs: string[] }>();
    for (const st of data.stances) {
      const key = `${st.proposition}\u0000${st.stance}`;
      const row = rows.get(key) ?? { proposition: st.proposition, stance: st.stance, docs: [] };
      row.docs.push(st.doc);
      rows.set(key, row);
    }
    stanceCard.append(
      table(
        ['Proposition', 'Stance', 'Documents'],
        [...rows.values()].map((r) => [r.proposition, r.stance, h('span', {}, ...r.docs.flatMap((d, i) => [i ? ', ' : '', h('a', { href: href('doc', d) }, names.get(d) ?? 'document')]))]),
      ),
    );
  }

  root.append(h('div', { class: 'outlet-grid' }, sourcing, techniqueCard, stanceCard));
  root.append(accusationCard('Accusations in its articles', 'Who accuses whom in this outlet’s articles, and what the article does with the allegation.', data.accusations.inArticles));
  if (data.accusations.madeByOutlet.length) root.append(accusationCard('Accusations made by the outlet (named as accuser)', '', data.accusations.madeByOutlet));
  root.append(accusationCard('Accusations naming the outlet', 'Allegations anywhere in the corpus whose accused is this outlet.', data.accusations.namingOutlet));

  root.append(
    h(
      'section',
      { class: 'card' },
      h('h2', {}, `Documents (${data.documentsTotal})`),
      h('ol', { class: 'plain' }, ...data.documents.map((d) => h('li', {}, h('a', { href: href('doc', d.id), class: 'doc-link' }, d.title ?? d.name), h('span', { class: 'muted' }, ` ${formatDate(d.publishedAt)}`)))),
      data.documentsTotal > data.documents.length ? h('p', { class: 'muted' }, `First ${data.documents.length} shown; `, h('a', { href: href('overview', null, { outlet: data.outlet ?? '' }) }, 'all in the corpus list'), '.') : null,
    ),
  );
}

function accusationCard(title: string, lead: string, edges: GraphEdge[]): HTMLElement {
  const card = h('section', { class: 'card outlet-accusations' }, h('h2', {}, `${title} (${edges.length})`), lead ? h('p', { class: 'muted' }, lead) : null);
  if (edges.length === 0) {
    card.append(h('p', { class: 'muted' }, 'None.'));
    return card;
  }
  card.append(
    table(
      ['Accuser', 'Does', 'Accused', 'The article', 'Count', 'First passage'],
      edges.map((e) => {
        const sw = h('span', { class: 'swatch', 'aria-hidden': 'true' });
        sw.style.setProperty('--kc', stanceColor(e.action));
        const m = e.mentions[0];
        return [
          h('a', { href: href('graph', null, { actor: e.source }) }, e.source),
          h('span', {}, sw, ` ${e.action}${e.relations.length ? ` (${e.relations.slice(0, 2).join(', ')})` : ''}`),
          h('a', { href: href('graph', null, { actor: e.target }) }, e.target),
          ARTICLE_WORDS[e.articleStance] ?? e.articleStance,
          e.count,
          m ? h('a', { href: href('doc', m.doc, { f: m.finding }), class: 'mention-link' }, `“${m.quote.length > 120 ? `${m.quote.slice(0, 117)}…` : m.quote}”`) : '',
        ];
      }),
      'accusations',
    ),
  );
  return card;
}

async function renderOutletList(root: HTMLElement): Promise<void> {
  const { outlets } = await getJson<{ outlets: Array<{ outlet: string | null; documents: number }> }>('/outlets');
  root.append(h('h1', {}, 'Outlets'), h('p', { class: 'lead' }, `${outlets.length} outlet${outlets.length === 1 ? '' : 's'}. Open one for its sourcing, techniques, camp and accusations.`));
  root.append(table(['Outlet', 'Documents'], outlets.map((o) => [h('a', { href: href('outlet', o.outlet ?? '-'), class: 'outlet-link' }, o.outlet ?? 'unknown outlet'), o.documents])));
}
