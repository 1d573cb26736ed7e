/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { getJson, type AccusationGraph, type Entity, type GraphEdge } from '../api.js';
import { stanceColor } from '../colors.js';
import { append, clear, h, svg } from '../dom.js';
import { bounds, edgePath, layoutGraph, type PlacedNode } from '../graph-layout.js';
import { href, replaceParams, type Route } from '../router.js';
import { maxOf } from '../../core/arrays.js';

/**
 * Actors and accusations: canonical entities as nodes, one arrow per (accuser, accused,
 * stance). The colour says what the accuser does (accuses, denies); the line says what the
 * article does with it (solid: states it as fact, dashed: reports it, dotted: denies it in
 * its own voice); thickness, how often. Laid out by d3-force with no overlapping labels
 * (graph-layout.ts); wheel or buttons zoom, the background pans, actors drag. Click (or
 * Enter on) an arrow for its quoting passages, each linking to its place in the document.
 */

const WIDTH = 960;
const HEIGHT = 640;
const MAX_NODES = 150;
const FONT_PX = 13;
/** below this zoom the labels would be too small to read: the first view pans instead */
const MIN_START_ZOOM = 0.75;

const ARTICLE_DASH: Record<string, string | null> = { asserts: null, reports: '7 4', denies: '2 3' };
const ARTICLE_WORDS: Record<string, string> = { asserts: 'article states it as fact', reports: 'article reports it', denies: 'article denies it' };

function dashOf(articleStance: string): string | null {
  return articleStance in ARTICLE_DASH ? ARTICLE_DASH[articleStance] : '1 5';
}

function measureLabels(names: string[]): Map<string, number> {
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  const family = getComputedStyle(document.body).fontFamily || 'sans-serif';
  const widths = new Map<string, number>();
  for (const name of names) widths.set(name, ctx ? (ctx.font = `${FONT_PX}px ${family}`, ctx.measureText(name).width) + 6 : name.length * 7.5);
  return widths;
}

function legend(stances: string[], actions: string[]): HTMLElement {
  const line = (color: string, dash: string | null) =>
    svg('svg', { width: 34, height: 10, class: 'legend-line', 'aria-hidden': 'true' }, svg('line', { x1: 1, y1: 5, x2: 33, y2: 5, stroke: color, 'stroke-width': 2.5, ...(dash ? { 'stroke-dasharray': dash } : {}) }));
  return h(
    'p',
    { class: 'legend graph-legend' },
    h('strong', {}, 'Colour — what the accuser does: '),
    ...actions.flatMap((a) => [line(stanceColor(a), null), ` ${a} `]),
    h('br', {}),
    h('strong', {}, 'Line — what the article does: '),
    ...stances.flatMap((s) => [line('currentColor', dashOf(s)), ` ${ARTICLE_WORDS[s] ?? s} `]),
  );
}

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
  const articleStances = [...new Set(edges.map((e) => e.articleStance))].sort();
  const actions = [...new Set(edges.map((e) => e.action))].sort();
  root.append(
    h('p', { class: 'lead' }, `${graph.nodes.length} actors, ${graph.edges.length} accusation links${graph.nodes.length > MAX_NODES ? ` (the ${MAX_NODES} most involved actors shown)` : ''}. Wheel or +/− to zoom, drag the background to pan, drag an actor to move it.`),
    legend(articleStances, actions),
  );

  const widths = measureLabels(nodes.map((n) => n.id));
  const radius = (degree: number) => 7 + Math.min(12, Math.sqrt(degree) * 3);
  const positions = layoutGraph(
    nodes.map((n) => ({ id: n.id, radius: radius(n.degree), labelWidth: widths.get(n.id) ?? 60, labelHeight: FONT_PX + 4 })),
    edges,
  );

  const panel = h('aside', { class: 'graph-side', 'aria-live': 'polite', 'aria-label': 'selection' }, h('p', { class: 'muted' }, 'Select an arrow to read the passages it rests on, or an actor to see its aliases.'));
  const chart = svg('svg', { class: 'graph', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'group', 'aria-label': 'accusation graph' });
  const defs = svg('defs', {});
  for (const a of actions) {
    defs.append(svg('marker', { id: `arrow-${a}`, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 11, markerHeight: 11, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' }, svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: stanceColor(a) })));
  }
  const background = svg('rect', { class: 'graph-bg', x: 0, y: 0, width: WIDTH, height: HEIGHT });
  const viewport = svg('g', { class: 'viewport' });
  const edgeLayer = svg('g', { class: 'edges' });
  const nodeLayer = svg('g', { class: 'nodes' });
  viewport.append(edgeLayer, nodeLayer);
  chart.append(defs, background, viewport);

  // ---- zoom and pan: one transform on the viewport group ----
  let view = { k: 1, x: WIDTH / 2, y: HEIGHT / 2 };
  const applyView = () => viewport.setAttribute('transform', `translate(${view.x.toFixed(2)},${view.y.toFixed(2)}) scale(${view.k.toFixed(4)})`);
  const fit = (clamp: boolean) => {
    const box = bounds(positions.values());
    const k = Math.min(1.5, WIDTH / (box.x1 - box.x0), HEIGHT / (box.y1 - box.y0));
    const zoom = clamp ? Math.max(k, MIN_START_ZOOM) : k;
    // when the first view cannot show everything readably, centre on the most involved actor
    const focus = zoom > k && nodes.length > 0 ? positions.get(nodes[0].id)! : { x: (box.x0 + box.x1) / 2, y: (box.y0 + box.y1) / 2 };
    view = { k: zoom, x: WIDTH / 2 - zoom * focus.x, y: HEIGHT / 2 - zoom * focus.y };
    applyView();
  };
  const toChart = (event: { clientX: number; clientY: number }) => {
    const m = chart.getScreenCTM();
    if (!m) return { x: 0, y: 0 };
    const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(m.inverse());
    return { x: p.x, y: p.y };
  };
  const zoomAt = (factor: number, at: { x: number; y: number }) => {
    const k = Math.min(4, Math.max(0.1, view.k * factor));
    view = { k, x: at.x - ((at.x - view.x) * k) / view.k, y: at.y - ((at.y - view.y) * k) / view.k };
    applyView();
  };
  chart.addEventListener(
    'wheel',
    (event) => {
      event.preventDefault();
      zoomAt(Math.exp(-event.deltaY * 0.0015), toChart(event));
    },
    { passive: false },
  );
  let pan: { x: number; y: number; vx: number; vy: number } | null = null;
  background.addEventListener('pointerdown', (event) => {
    const p = toChart(event);
    pan = { x: p.x, y: p.y, vx: view.x, vy: view.y };
    background.setPointerCapture(event.pointerId);
  });
  background.addEventListener('pointermove', (event) => {
    if (!pan) return;
    const p = toChart(event);
    view = { ...view, x: pan.vx + p.x - pan.x, y: pan.vy + p.y - pan.y };
    applyView();
  });
  background.addEventListener('pointerup', () => (pan = null));
  const controls = h('div', { class: 'graph-controls' });
  for (const [label, title, act] of [
    ['+', 'zoom in', () => zoomAt(1.25, { x: WIDTH / 2, y: HEIGHT / 2 })],
    ['−', 'zoom out', () => zoomAt(0.8, { x: WIDTH / 2, y: HEIGHT / 2 })],
    ['Fit', 'show the whole graph', () => fit(false)],
  ] as Array<[string, string, () => void]>) {
    const b = h('button', { type: 'button', 'aria-label': title, title, 'data-zoom': label }, label);
    b.addEventListener('click', act);
    controls.append(b);
  }

  // ---- edges ----
  const maxCount = maxOf(edges.map((e) => e.count));
  const edgeEls = new Map<string, SVGGElement>();
  const edgePaths: Array<{ edge: GraphEdge; nth: number; paths: SVGPathElement[] }> = [];
  const pairIndex = new Map<string, number>();
  const drawEdge = (item: { edge: GraphEdge; nth: number; paths: SVGPathElement[] }) => {
    const d = edgePath(positions.get(item.edge.source)!, positions.get(item.edge.target)!, item.nth, item.edge.source < item.edge.target);
    for (const p of item.paths) p.setAttribute('d', d);
  };
  for (const e of edges) {
    const pair = [e.source, e.target].sort().join('\u0000');
    const nth = pairIndex.get(pair) ?? 0;
    pairIndex.set(pair, nth + 1);
    const relation = e.relations.length ? ` (${e.relations.slice(0, 3).join(', ')})` : '';
    const label = `${e.source} ${e.action} ${e.target}${relation}; ${ARTICLE_WORDS[e.articleStance] ?? e.articleStance}; ${e.count} passage${e.count === 1 ? '' : 's'}`;
    const hit = svg('path', { class: 'edge-hit' });
    const dash = dashOf(e.articleStance);
    const line = svg('path', {
      class: 'edge-line',
      stroke: stanceColor(e.action),
      'stroke-width': (1.5 + (3 * e.count) / maxCount).toFixed(1),
      'marker-end': `url(#arrow-${e.action})`,
      ...(dash ? { 'stroke-dasharray': dash } : {}),
    });
    const g = svg('g', { class: 'edge', tabindex: 0, role: 'button', 'aria-label': label, 'data-edge': e.id, 'data-source': e.source, 'data-target': e.target, 'data-action': e.action, 'data-article': e.articleStance }, svg('title', {}, label), hit, line);
    const item = { edge: e, nth, paths: [hit, line] };
    drawEdge(item);
    edgePaths.push(item);
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

  // ---- nodes: click selects, dragging moves ----
  for (const n of nodes) {
    const p = positions.get(n.id)!;
    const g = svg(
      'g',
      { class: `node type-${(n.type ?? 'unknown').replace(/[^a-z-]/gi, '')}`, tabindex: 0, role: 'button', 'aria-label': `${n.id}${n.type ? ` (${n.type})` : ''}`, 'data-node': n.id },
      svg('circle', { r: p.radius }),
      svg('text', { y: p.radius + 3 + FONT_PX, 'text-anchor': 'middle' }, n.id),
    );
    const place = (at: PlacedNode) => g.setAttribute('transform', `translate(${at.x.toFixed(1)},${at.y.toFixed(1)})`);
    place(p);
    const touching = edgePaths.filter((item) => item.edge.source === n.id || item.edge.target === n.id);
    let drag: { x: number; y: number; px: number; py: number; moved: boolean } | null = null;
    g.addEventListener('pointerdown', (event) => {
      const at = toChart(event);
      drag = { x: at.x, y: at.y, px: p.x, py: p.y, moved: false };
      g.setPointerCapture(event.pointerId);
    });
    g.addEventListener('pointermove', (event) => {
      if (!drag) return;
      const at = toChart(event);
      if (!drag.moved && Math.hypot(at.x - drag.x, at.y - drag.y) < 4) return;
      drag.moved = true;
      p.x = drag.px + (at.x - drag.x) / view.k;
      p.y = drag.py + (at.y - drag.y) / view.k;
      place(p);
      for (const item of touching) drawEdge(item);
    });
    g.addEventListener('pointerup', () => {
      const wasDrag = drag?.moved ?? false;
      drag = null;
      if (!wasDrag) void selectNode(n.id);
    });
    g.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        void selectNode(n.id);
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
    sw.style.setProperty('--kc', stanceColor(e.action));
    append(panel, [
      h('h2', { class: 'side-h' }, e.source, ' → ', e.target),
      h('p', {}, sw, ` ${e.source} ${e.action} ${e.target}${e.relations.length ? ` — ${e.relations.join(', ')}` : ''}`),
      h('p', { class: 'muted' }, `${ARTICLE_WORDS[e.articleStance] ?? e.articleStance} · ${e.count} passage${e.count === 1 ? '' : 's'} in ${e.documents} document${e.documents === 1 ? '' : 's'}`),
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
            h('a', { href: href('doc', m.doc, { f: m.finding }), class: 'mention-link' }, m.docName ?? m.docTitle ?? m.outlet ?? 'untitled document'),
            ...(m.outlet ? [' — ', h('a', { href: href('outlet', m.outlet), class: 'outlet-link' }, m.outlet)] : []),
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
    panel.append(h('h2', { class: 'side-h' }, name), h('p', {}, h('a', { href: href('timeline', null, { actor: name }) }, 'Timeline of this actor')));
    const made = touching.filter((e) => e.source === name);
    const received = touching.filter((e) => e.target === name);
    const list = (items: GraphEdge[], other: (e: GraphEdge) => string) =>
      h(
        'ul',
        {},
        ...items.map((e) => {
          const b = h('button', { type: 'button', class: 'linkish' }, `${other(e)} (${e.action}, ${ARTICLE_WORDS[e.articleStance] ?? e.articleStance}, ${e.count})`);
          b.addEventListener('click', () => selectEdge(e));
          return h('li', {}, b);
        }),
      );
    panel.append(h('h3', {}, `Accuses or denies (${made.length})`), list(made, (e) => e.target), h('h3', {}, `Accused by (${received.length})`), list(received, (e) => e.source));
    try {
      const entity = await getJson<Entity>(`/entities/${encodeURIComponent(name)}`);
      panel.append(h('h3', {}, 'Written as'), h('p', {}, entity.aliases.map((a) => `${a.text} (${a.count})`).join(', ')), h('p', { class: 'muted' }, `${entity.type ?? 'entity'}, ${entity.mentions} mentions in ${entity.documents} documents`));
    } catch {
      panel.append(h('p', { class: 'muted' }, 'Not among the entity findings (named only by accusations).'));
    }
  }

  root.append(h('div', { class: 'graph-layout' }, h('div', { class: 'graph-wrap' }, controls, chart), panel));
  fit(true);
  const edgeParam = route.params.get('edge');
  const actorParam = route.params.get('actor');
  const initial = edges.find((e) => e.id === edgeParam);
  if (initial) selectEdge(initial);
  else if (actorParam && shown.has(actorParam)) void selectNode(actorParam);
}
