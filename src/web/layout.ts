/**
 * A small force layout for the actors graph: nodes repel (inverse square), edges pull like
 * springs, a weak pull to the centre keeps parts together; starting from a circle, so the
 * same graph always gets the same picture. O(n²) per step, fine for the few hundred actors
 * the view shows.
 */
import { maxOf, minOf } from '../core/arrays.js';

export interface LayoutNode {
  id: string;
  x: number;
  y: number;
}

export interface LayoutOptions {
  width: number;
  height: number;
  iterations?: number;
}

export function forceLayout(ids: readonly string[], links: ReadonlyArray<{ source: string; target: string }>, options: LayoutOptions): Map<string, LayoutNode> {
  const { width, height } = options;
  const iterations = options.iterations ?? 300;
  const n = ids.length;
  const nodes: LayoutNode[] = ids.map((id, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, n);
    const r = Math.min(width, height) * 0.35;
    return { id, x: width / 2 + r * Math.cos(angle), y: height / 2 + r * Math.sin(angle) };
  });
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const pairs = links.map((l) => [index.get(l.source), index.get(l.target)]).filter((p): p is [number, number] => p[0] !== undefined && p[1] !== undefined && p[0] !== p[1]);
  const ideal = Math.sqrt((width * height) / Math.max(1, n)) * 0.6;
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  for (let step = 0; step < iterations; step++) {
    const temperature = (1 - step / iterations) * ideal * 0.5 + 1;
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ex = nodes[i].x - nodes[j].x;
        let ey = nodes[i].y - nodes[j].y;
        let d2 = ex * ex + ey * ey;
        if (d2 < 0.01) {
          // coincident nodes: separate them along a fixed direction
          ex = 0.1 * (i - j);
          ey = 0.1;
          d2 = ex * ex + ey * ey;
        }
        const force = (ideal * ideal) / d2;
        dx[i] += ex * force;
        dy[i] += ey * force;
        dx[j] -= ex * force;
        dy[j] -= ey * force;
      }
    }
    for (const [a, b] of pairs) {
      const ex = nodes[a].x - nodes[b].x;
      const ey = nodes[a].y - nodes[b].y;
      const d = Math.sqrt(ex * ex + ey * ey) || 0.01;
      const force = d / ideal;
      dx[a] -= ex * force;
      dy[a] -= ey * force;
      dx[b] += ex * force;
      dy[b] += ey * force;
    }
    for (let i = 0; i < n; i++) {
      dx[i] += (width / 2 - nodes[i].x) * 0.05;
      dy[i] += (height / 2 - nodes[i].y) * 0.05;
      const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
      const move = Math.min(d, temperature);
      nodes[i].x += (dx[i] / d) * move;
      nodes[i].y += (dy[i] / d) * move;
    }
  }
  fit(nodes, width, height);
  return new Map(nodes.map((node) => [node.id, node]));
}

/** Scales and centres the layout into the box, with a margin for labels. */
function fit(nodes: LayoutNode[], width: number, height: number): void {
  if (nodes.length === 0) return;
  const margin = 60;
  const xs = nodes.map((p) => p.x);
  const ys = nodes.map((p) => p.y);
  const [minX, maxX, minY, maxY] = [minOf(xs), maxOf(xs), minOf(ys), maxOf(ys)];
  const scale = Math.min((width - 2 * margin) / Math.max(1, maxX - minX), (height - 2 * margin) / Math.max(1, maxY - minY), 1.5);
  for (const p of nodes) {
    p.x = width / 2 + (p.x - (minX + maxX) / 2) * scale;
    p.y = height / 2 + (p.y - (minY + maxY) / 2) * scale;
  }
}
