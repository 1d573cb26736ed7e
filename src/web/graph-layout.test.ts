import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bounds, boxesOverlap, footprint, labelBox, layoutGraph, overlappingLabels, type LayoutInputNode } from './graph-layout.js';

/** A generated accusation graph: a few hubs, chains, a dense cluster, isolated pairs; long and short names. */
function generatedGraph(n: number): { nodes: LayoutInputNode[]; links: Array<{ source: string; target: string }> } {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const words = ['Ministry', 'of', 'Foreign', 'Affairs', 'Front', 'Liberation', 'Council', 'Army', 'Province', 'Union', 'Agency', 'Institute'];
  const nodes: LayoutInputNode[] = [];
  for (let i = 0; i < n; i++) {
    const name = `${Array.from({ length: 1 + Math.floor(random() * 4) }, () => words[Math.floor(random() * words.length)]).join(' ')} ${i}`;
    // about 7 px a character at 13 px: what the view measures for its font
    nodes.push({ id: name, radius: 7 + Math.floor(random() * 10), labelWidth: name.length * 7, labelHeight: 16 });
  }
  const links: Array<{ source: string; target: string }> = [];
  for (let i = 1; i < n; i++) {
    // hubs: most nodes attach to one of the first five
    links.push({ source: nodes[i].id, target: nodes[Math.floor(random() * Math.min(i, 5))].id });
    if (random() < 0.4) links.push({ source: nodes[i].id, target: nodes[Math.floor(random() * i)].id });
  }
  return { nodes, links };
}

test('no two labels (or a label and another circle) overlap on a generated 50-node graph', () => {
  const { nodes, links } = generatedGraph(50);
  const placed = [...layoutGraph(nodes, links).values()];
  assert.equal(placed.length, 50);
  assert.deepEqual(overlappingLabels(placed), []);
  for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) assert.ok(!boxesOverlap(footprint(placed[i]), footprint(placed[j])), `${placed[i].id} / ${placed[j].id}`);
  for (const p of placed) assert.ok(Number.isFinite(p.x) && Number.isFinite(p.y));
});

test('the layout is compact, deterministic, and keeps linked actors together', () => {
  const { nodes, links } = generatedGraph(50);
  const first = layoutGraph(nodes, links);
  const second = layoutGraph(nodes, links);
  assert.deepEqual([...first.values()], [...second.values()]);
  const box = bounds(first.values());
  const area = (box.x1 - box.x0) * (box.y1 - box.y0);
  const labels = nodes.reduce((s, n) => s + (n.labelWidth + 8) * (n.labelHeight + 2 * n.radius + 8), 0);
  // not spread out without need: at most ~12× the area the footprints themselves cover
  assert.ok(area < labels * 12, `area ${Math.round(area)} vs footprints ${Math.round(labels)}`);
  const dist = (a: string, b: string) => Math.hypot(first.get(a)!.x - first.get(b)!.x, first.get(a)!.y - first.get(b)!.y);
  const linked = links.map((l) => dist(l.source, l.target));
  const all: number[] = [];
  for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) all.push(dist(nodes[i].id, nodes[j].id));
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  assert.ok(mean(linked) < mean(all), `linked ${mean(linked).toFixed(0)} vs all ${mean(all).toFixed(0)}`);
});

test('coincident and label-heavy inputs still separate; labels sit under their circles', () => {
  const nodes: LayoutInputNode[] = Array.from({ length: 12 }, (_, i) => ({ id: `Very Long Organisation Name Number ${i}`, radius: 10, labelWidth: 260, labelHeight: 16 }));
  const placed = [...layoutGraph(nodes, [], { ticks: 5 }).values()];
  assert.deepEqual(overlappingLabels(placed), []);
  const box = labelBox(placed[0]);
  assert.ok(box.y0 > placed[0].y + placed[0].radius && Math.abs((box.x0 + box.x1) / 2 - placed[0].x) < 1e-9);
});
