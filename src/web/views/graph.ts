/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { getJson, type AccusationGraph, type Entity, type GraphEdge } from '../api.js';
import { stanceColor } from '../colors.js';
import { append, clear, h, svg } from '../dom.js';
import { forceLayout } from '../layout.js';
import { href, replaceParams, type Route } from '../router.js';
import { maxOf } from '../../core/arrays.js';

/**
 * Actors and accusations: canonical entities as nodes, one arrow per (accuser, accused,
 * stance) coloured by stance and as thick as it is frequent. Click (or Enter on) an arrow
 * for the quoting spans, each linking to its place in the document; click an actor for its
 * aliases and accusations.
 */

const WIDTH = 900;
const HEIGHT = 620;
const MAX_NODES = 150;

export async function renderGraph(root: HTMLElement, route: Route): Promise<void> {
  const graph = await getJson<AccusationGraph>('/graph/accusations');
  root.append(h('h1', {}, 'Actors and accusations'));
  if (graph.edges.length === 0) {
    root.append(h('p', { class: 'muted' }, 'No accusations found yet. They appear here as findings of kind "accusation" are stored.'));
    return;
  }
  const nodes = graph.nodes.slice(0, MAX_NODES);
  const shown = new Set(nodes.map((n) => n.id));
  const edges = graph.edges.filter((e) => shown.has(e.source) && shown.has(e.target));
  const stances = [...new Set(edges.map((e) => e.stance))].sort();
  root.append(
    h(
      'p',
      { class: 'lead' },
      `${graph.nodes.length} actors, ${graph.edges.length} accusation links${graph.nodes.length > MAX_NODES ? ` (the ${MAX_NODES} most involved actors shown)` : ''}. Stance: `,
      ...stances.flatMap((s) => {
        const sw = h('span', { class: 'swatch', 'aria-hidden': 'true' });
        sw.style.setProperty('--kc', stanceColor(s));
        return [sw, ` ${s} `];
      }),
    ),
  );

  const positions = forceLayout(
    nodes.map((n) => n.id),
    edges,
    { width: WIDTH, height: HEIGHT },
  );
  const panel = h('aside', { class: 'graph-side', 'aria-live': 'polite', 'aria-label': 'selection' }, h('p', { class: 'muted' }, 'Select an arrow to read the passages it rests on, or an actor to see its aliases.'));
  const chart = svg('svg', { class: 'graph', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'group', 'aria-label': 'accusation graph' });
  const defs = svg('defs', {});
  for (const s of stances) {
    const marker = svg('marker', { id: `arrow-${stances.indexOf(s)}`, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 11, markerHeight: 11, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' }, svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: stanceColor(s) }));
    defs.append(marker);
  }
  chart.append(defs);

  const edgeLayer = svg('g', { class: 'edges' });
  const nodeLayer = svg('g', { class: 'nodes' });
  chart.append(edgeLayer, nodeLayer);
  const maxCount = maxOf(edges.map((e) => e.count));
  const edgeEls = new Map<string, SVGGElement>();
  // parallel arrows between one pair (both directions, several stances) bend apart
  const pairIndex = new Map<string, number>();
  for (const e of edges) {
    const a = positions.get(e.source)!;
    const b = positions.get(e.target)!;
    const pair = [e.source, e.target].sort().join('\u0000');
    const nth = pairIndex.get(pair) ?? 0;
    pairIndex.set(pair, nth + 1);
    const bend = (nth % 2 === 0 ? 1 : -1) * (18 + 22 * Math.floor(nth / 2)) * (e.source < e.target ? 1 : -1);
    const mx = (a.x + b.x) / 2;
    const my = (a.y + b.y) / 2;
    const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    const cx = mx + (-(b.y - a.y) / len) * bend;
    const cy = my + ((b.x - a.x) / len) * bend;
    // stop the arrow at the target circle's edge
    const tx = b.x - ((b.x - cx) / (Math.hypot(b.x - cx, b.y - cy) || 1)) * 16;
    const ty = b.y - ((b.y - cy) / (Math.hypot(b.x - cx, b.y - cy) || 1)) * 16;
    const d = `M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${cx.toFixed(1)},${cy.toFixed(1)} ${tx.toFixed(1)},${ty.toFixed(1)}`;
    const label = `${e.source} → ${e.target}: ${e.stance}, ${e.count} passage${e.count === 1 ? '' : 's'}`;
    const g = svg(
      'g',
      { class: 'edge', tabindex: 0, role: 'button', 'aria-label': label, 'data-edge': e.id, 'data-source': e.source, 'data-target': e.target },
      svg('title', {}, label),
      svg('path', { d, class: 'edge-hit' }),
      svg('path', { d, class: 'edge-line', stroke: stanceColor(e.stance), 'stroke-width': (1.5 + (3 * e.count) / maxCount).toFixed(1), 'marker-end': `url(#arrow-${stances.indexOf(e.stance)})` }),
    );
    const activate = () => selectEdge(e);
    g.addEventListener('click', activate);
    g.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        activate();
      }
    });
    edgeEls.set(e.id, g);
    edgeLayer.append(g);
  }
  for (const n of nodes) {
    const p = positions.get(n.id)!;
    const r = 7 + Math.min(12, Math.sqrt(n.degree) * 3);
    const g = svg(
      'g',
      { class: `node type-${(n.type ?? 'unknown').replace(/[^a-z-]/gi, '')}`, tabindex: 0, role: 'button', 'aria-label': `${n.id}${n.type ? ` (${n.type})` : ''}`, 'data-node': n.id, transform: `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})` },
      svg('circle', { r }),
      svg('text', { y: r + 14, 'text-anchor': 'middle' }, n.id),
    );
    const activate = () => void selectNode(n.id);
    g.addEventListener('click', activate);
    g.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        activate();
      }
    });
    nodeLayer.append(g);
  }

  function mark(edgeIds: Set<string>): void {
    for (const [id, el] of edgeEls) el.classList.toggle('dim', edgeIds.size > 0 && !edgeIds.has(id));
    for (const [id, el] of edgeEls) el.classList.toggle('active', edgeIds.has(id));
  }

  function selectEdge(e: GraphEdge): void {
    mark(new Set([e.id]));
    replaceParams({ edge: e.id, actor: null });
    clear(panel);
    const sw = h('span', { class: 'swatch', 'aria-hidden': 'true' });
    sw.style.setProperty('--kc', stanceColor(e.stance));
    append(panel, [
      h('h2', { class: 'side-h' }, e.source, ' → ', e.target),
      h('p', {}, sw, ` ${e.stance} · ${e.count} passage${e.count === 1 ? '' : 's'} in ${e.documents} document${e.documents === 1 ? '' : 's'}`),
      h(
        'ol',
        { class: 'mentions' },
        ...e.mentions.map((m) =>
          h(
            'li',
            {},
            h('blockquote', { class: 'quote' }, m.quote),
            m.allegation ? h('p', {}, h('span', { class: 'muted' }, 'Allegation: '), m.allegation) : null,
            h('p', { class: 'muted' }, m.explanation),
            h('a', { href: href('doc', m.doc, { f: m.finding }), class: 'mention-link' }, `${m.docTitle ?? m.doc}${m.outlet ? ` — ${m.outlet}` : ''}`),
          ),
        ),
      ),
      e.count > e.mentions.length ? h('p', { class: 'muted' }, `First ${e.mentions.length} of ${e.count} passages.`) : null,
    ]);
  }

  async function selectNode(name: string): Promise<void> {
    const touching = edges.filter((e) => e.source === name || e.target === name);
    mark(new Set(touching.map((e) => e.id)));
    replaceParams({ actor: name, edge: null });
    clear(panel);
    panel.append(h('h2', { class: 'side-h' }, name));
    const made = touching.filter((e) => e.source === name);
    const received = touching.filter((e) => e.target === name);
    const list = (items: GraphEdge[], other: (e: GraphEdge) => string) =>
      h(
        'ul',
        {},
        ...items.map((e) => {
          const b = h('button', { type: 'button', class: 'linkish' }, `${other(e)} (${e.stance}, ${e.count})`);
          b.addEventListener('click', () => selectEdge(e));
          return h('li', {}, b);
        }),
      );
    panel.append(h('h3', {}, `Accuses (${made.length})`), list(made, (e) => e.target), h('h3', {}, `Accused by (${received.length})`), list(received, (e) => e.source));
    try {
      const entity = await getJson<Entity>(`/entities/${encodeURIComponent(name)}`);
      panel.append(h('h3', {}, 'Written as'), h('p', {}, entity.aliases.map((a) => `${a.text} (${a.count})`).join(', ')), h('p', { class: 'muted' }, `${entity.type ?? 'entity'}, ${entity.mentions} mentions in ${entity.documents} documents`));
    } catch {
      panel.append(h('p', { class: 'muted' }, 'Not among the entity findings (named only by accusations).'));
    }
  }

  root.append(h('div', { class: 'graph-layout' }, h('div', { class: 'graph-wrap' }, chart), panel));
  const edgeParam = route.params.get('edge');
  const actorParam = route.params.get('actor');
  const initial = edges.find((e) => e.id === edgeParam);
  if (initial) selectEdge(initial);
  else if (actorParam && shown.has(actorParam)) void selectNode(actorParam);
}
