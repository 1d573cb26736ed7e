/**
 * The actors graph's layout: d3-force (velocity Verlet; many-body repulsion through a
 * Barnes–Hut quadtree, springs along accusations, a weak pull to the centre) plus a
 * collision force on each actor's whole footprint — its circle and the label box under it —
 * and, once the simulation has cooled, a deterministic pass that pushes apart any two
 * footprints still touching. So no two labels overlap, whatever the graph. d3-force seeds
 * nodes on a phyllotaxis spiral and its jiggle uses a seeded generator: the same graph
 * always gets the same picture.
 *
 * Pure (no DOM): the view measures the label widths and passes them in; tests estimate them.
 */
import { forceCenter, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3-force';

export interface LayoutInputNode {
  id: string;
  /** circle radius */
  radius: number;
  /** the label's box, drawn centred under the circle */
  labelWidth: number;
  labelHeight: number;
}

export interface PlacedNode extends LayoutInputNode {
  x: number;
  y: number;
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** space between a circle and its label, and kept between footprints */
export const LABEL_GAP = 3;
/** clear space kept around footprints: more across than down, so names on one row stay apart */
const PAD_X = 14;
const PAD_Y = 6;

interface SimNode extends SimulationNodeDatum, LayoutInputNode {
  x: number;
  y: number;
}

/** The label's box of a placed node (text centred under the circle). */
export function labelBox(n: PlacedNode): Box {
  const top = n.y + n.radius + LABEL_GAP;
  return { x0: n.x - n.labelWidth / 2, y0: top, x1: n.x + n.labelWidth / 2, y1: top + n.labelHeight };
}

/** Circle and label together: what must not touch another node's. */
export function footprint(n: PlacedNode): Box {
  const half = Math.max(n.radius, n.labelWidth / 2);
  return { x0: n.x - half, y0: n.y - n.radius, x1: n.x + half, y1: n.y + n.radius + LABEL_GAP + n.labelHeight };
}

export function boxesOverlap(a: Box, b: Box, margin = 0): boolean {
  return a.x0 < b.x1 + margin && b.x0 < a.x1 + margin && a.y0 < b.y1 + margin && b.y0 < a.y1 + margin;
}

/** Horizontal and vertical overlap of two footprints grown by the padding (≤ 0 on an axis: apart). */
function overlapOf(a: SimNode, b: SimNode): { ox: number; oy: number } {
  const fa = footprint(a);
  const fb = footprint(b);
  return { ox: Math.min(fa.x1, fb.x1) - Math.max(fa.x0, fb.x0) + PAD_X, oy: Math.min(fa.y1, fb.y1) - Math.max(fa.y0, fb.y0) + PAD_Y };
}

/** Moves a and b apart along the axis that needs the smaller move, by `share` of the overlap. */
function separate(a: SimNode, b: SimNode, share: number, index: number): boolean {
  const { ox, oy } = overlapOf(a, b);
  if (ox <= 0 || oy <= 0) return false;
  if (ox < oy) {
    // same x (a column): fall back on the input order, so the result is deterministic
    const dir = a.x === b.x ? (index % 2 === 0 ? 1 : -1) : Math.sign(a.x - b.x);
    a.x += (dir * ox * share) / 2;
    b.x -= (dir * ox * share) / 2;
  } else {
    const dir = a.y === b.y ? (index % 2 === 0 ? 1 : -1) : Math.sign(a.y - b.y);
    a.y += (dir * oy * share) / 2;
    b.y -= (dir * oy * share) / 2;
  }
  return true;
}

/** A d3 force: overlapping footprints push apart, gently while the simulation is hot. */
function footprintCollide(): ((alpha: number) => void) & { initialize(nodes: SimNode[]): void } {
  let nodes: SimNode[] = [];
  const force = (alpha: number) => {
    const share = Math.min(1, 0.3 + alpha);
    for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) separate(nodes[i], nodes[j], share, i + j);
  };
  force.initialize = (n: SimNode[]) => {
    nodes = n;
  };
  return force;
}

export interface LayoutOptions {
  /** simulation steps (default 300, d3's own cooling schedule) */
  ticks?: number;
}

/**
 * Positions for every node, centred on (0, 0); the caller fits the view to `bounds(...)`.
 * Cost: O(n log n) per tick for the forces, O(n²) for the footprints (fine for the few
 * hundred actors the view shows).
 */
export function layoutGraph(input: readonly LayoutInputNode[], links: ReadonlyArray<{ source: string; target: string }>, options: LayoutOptions = {}): Map<string, PlacedNode> {
  const nodes: SimNode[] = input.map((n) => ({ ...n, x: NaN, y: NaN }));
  for (const n of nodes) {
    // let d3 seed the phyllotaxis spiral
    delete (n as Partial<SimNode>).x;
    delete (n as Partial<SimNode>).y;
  }
  const known = new Set(nodes.map((n) => n.id));
  const simLinks: Array<SimulationLinkDatum<SimNode>> = links.filter((l) => l.source !== l.target && known.has(l.source) && known.has(l.target)).map((l) => ({ source: l.source, target: l.target }));
  const meanWidth = nodes.length ? nodes.reduce((s, n) => s + n.labelWidth, 0) / nodes.length : 0;
  const simulation = forceSimulation<SimNode>(nodes)
    .force('charge', forceManyBody<SimNode>().strength(-220).distanceMax(900))
    .force('link', forceLink<SimNode, SimulationLinkDatum<SimNode>>(simLinks).id((n) => n.id).distance(70 + meanWidth * 0.6).strength(0.4))
    .force('x', forceX<SimNode>(0).strength(0.03))
    // a stronger pull vertically: the view is wider than tall
    .force('y', forceY<SimNode>(0).strength(0.12))
    .force('collide', footprintCollide())
    .force('center', forceCenter<SimNode>(0, 0))
    .stop();
  const ticks = options.ticks ?? 300;
  for (let i = 0; i < ticks; i++) simulation.tick();
  // the cooled layout may still leave footprints touching: push them apart until none do
  for (let round = 0; round < 500; round++) {
    let moved = false;
    for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) if (separate(nodes[i], nodes[j], 1.05, i + j)) moved = true;
    if (!moved) break;
  }
  return new Map(nodes.map((n) => [n.id, { id: n.id, radius: n.radius, labelWidth: n.labelWidth, labelHeight: n.labelHeight, x: n.x, y: n.y }]));
}

/** The box holding every footprint, with a margin. */
export function bounds(placed: Iterable<PlacedNode>, margin = 20): Box {
  let box: Box | null = null;
  for (const n of placed) {
    const f = footprint(n);
    box = box ? { x0: Math.min(box.x0, f.x0), y0: Math.min(box.y0, f.y0), x1: Math.max(box.x1, f.x1), y1: Math.max(box.y1, f.y1) } : f;
  }
  if (!box) return { x0: -100, y0: -100, x1: 100, y1: 100 };
  return { x0: box.x0 - margin, y0: box.y0 - margin, x1: box.x1 + margin, y1: box.y1 + margin };
}

/** Pairs of nodes whose label boxes overlap (the layout's promise is that there are none). */
export function overlappingLabels(placed: readonly PlacedNode[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < placed.length; i++) {
    for (let j = i + 1; j < placed.length; j++) {
      const a = placed[i];
      const b = placed[j];
      const circleA: Box = { x0: a.x - a.radius, y0: a.y - a.radius, x1: a.x + a.radius, y1: a.y + a.radius };
      const circleB: Box = { x0: b.x - b.radius, y0: b.y - b.radius, x1: b.x + b.radius, y1: b.y + b.radius };
      if (boxesOverlap(labelBox(a), labelBox(b)) || boxesOverlap(labelBox(a), circleB) || boxesOverlap(circleA, labelBox(b))) out.push([a.id, b.id]);
    }
  }
  return out;
}

/**
 * An arrow from a to b as a quadratic curve: parallel arrows between one pair (both
 * directions, several stances) bend apart; the arrow stops at b's circle.
 */
export function edgePath(a: PlacedNode, b: PlacedNode, nth: number, forward: boolean): string {
  const bend = (nth % 2 === 0 ? 1 : -1) * (18 + 22 * Math.floor(nth / 2)) * (forward ? 1 : -1);
  const mx = (a.x + b.x) / 2;
  const my = (a.y + b.y) / 2;
  const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const cx = mx + (-(b.y - a.y) / len) * bend;
  const cy = my + ((b.x - a.x) / len) * bend;
  const toControl = Math.hypot(b.x - cx, b.y - cy) || 1;
  const tx = b.x - ((b.x - cx) / toControl) * (b.radius + 2);
  const ty = b.y - ((b.y - cy) / toControl) * (b.radius + 2);
  return `M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${cx.toFixed(1)},${cy.toFixed(1)} ${tx.toFixed(1)},${ty.toFixed(1)}`;
}
