import type { CoordinationNetwork } from '../corpus/coordination.js';
import { csvRows, type CsvCell } from './csv.js';
import { xmlText as xmlEscape } from './xml.js';

/**
 * The account network in formats network tools read: GraphML (Gephi, Cytoscape, igraph,
 * networkx) and an edge-list CSV. Only edges above the threshold are written; every
 * account is a node so isolated accounts keep their post counts. Each GraphML edge carries
 * the first shared links and texts behind it (`shared_items`, one per line).
 */

/** GraphML; `onlyLinked` leaves out accounts without any kept edge (large streams). */
export function toGraphML(network: CoordinationNetwork, options: { onlyLinked?: boolean } = {}): string {
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    '  <key id="posts" for="node" attr.name="posts" attr.type="int"/>',
    '  <key id="degree" for="node" attr.name="degree" attr.type="int"/>',
    '  <key id="strength" for="node" attr.name="strength" attr.type="double"/>',
    '  <key id="cluster" for="node" attr.name="cluster" attr.type="int"><default>-1</default></key>',
    '  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>',
    '  <key id="links" for="edge" attr.name="shared_links" attr.type="int"/>',
    '  <key id="texts" for="edge" attr.name="shared_texts" attr.type="int"/>',
    '  <key id="first" for="edge" attr.name="first_at" attr.type="string"/>',
    '  <key id="last" for="edge" attr.name="last_at" attr.type="string"/>',
    '  <key id="shared" for="edge" attr.name="shared_items" attr.type="string"/>',
    `  <graph id="coordination" edgedefault="undirected">`,
    `    <desc>window ${network.windowSeconds} s, edges with at least ${network.minShared} shared items</desc>`,
  ];
  for (const node of network.nodes) {
    if (options.onlyLinked && node.degree === 0) continue;
    lines.push(
      `    <node id="${xmlEscape(node.id)}"><data key="posts">${node.posts}</data><data key="degree">${node.degree}</data>` +
        `<data key="strength">${node.strength}</data>${node.cluster === null ? '' : `<data key="cluster">${node.cluster}</data>`}</node>`,
    );
  }
  network.edges.forEach((edge, i) => {
    lines.push(
      `    <edge id="e${i}" source="${xmlEscape(edge.source)}" target="${xmlEscape(edge.target)}">` +
        `<data key="weight">${edge.weight}</data><data key="links">${edge.links}</data><data key="texts">${edge.texts}</data>` +
        (edge.firstAt ? `<data key="first">${edge.firstAt}</data>` : '') +
        (edge.lastAt ? `<data key="last">${edge.lastAt}</data>` : '') +
        (edge.shared.length > 0 ? `<data key="shared">${xmlEscape(edge.shared.map((s) => `${s.kind}: ${s.key}`).join('\n'))}</data>` : '') +
        '</edge>',
    );
  });
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}

/** Edge list: source,target,weight,shared_links,shared_texts,first_at,last_at,cluster (spreadsheet-safe). */
export function toEdgeCsv(network: CoordinationNetwork): string {
  const clusterOf = new Map(network.nodes.map((n) => [n.id, n.cluster]));
  const rows: CsvCell[][] = [['source', 'target', 'weight', 'shared_links', 'shared_texts', 'first_at', 'last_at', 'cluster']];
  for (const e of network.edges) rows.push([e.source, e.target, e.weight, e.links, e.texts, e.firstAt, e.lastAt, clusterOf.get(e.source) ?? null]);
  return csvRows(rows);
}
