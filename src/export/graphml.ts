import type { Report } from '../report/model.js';
import { displayTitle } from '../report/model.js';
import { xmlText } from '../report/xml.js';
import { buildAccusationGraph } from '../server/graph.js';
import type { LocatedFinding } from '../store/queries.js';
import type { ReviewedFinding } from '../review/apply.js';

/**
 * The actors-and-accusations graph as GraphML (Gephi, Cytoscape, yEd, networkx): nodes are
 * actors with their entity type and every written form (aliases); one directed edge per
 * (accuser, accused, stance) with its count, the documents and the first quotes and
 * allegations. Built from the accusation findings as reviewed: rejected ones are gone and a
 * corrected accuser or accused moves the edge.
 */

const MAX_QUOTES = 5;

export function* graphmlChunks(report: Report): Generator<string> {
  const accusations: Array<LocatedFinding & ReviewedFinding> = [];
  const types = new Map<string, string>();
  const aliases = new Map<string, Set<string>>();
  const titles = new Map<string, string>();
  for (const doc of report.documents) {
    titles.set(doc.id, displayTitle(doc));
    for (const f of doc.findings) {
      if (f.kind === 'accusation') accusations.push({ ...f, doc: doc.id, docTitle: doc.source.title ?? null, outlet: doc.source.outlet ?? null });
      if (f.kind === 'entity') {
        if (typeof f.data?.type === 'string' && !types.has(f.label)) types.set(f.label, f.data.type);
        const set = aliases.get(f.label) ?? new Set<string>();
        set.add(f.quote.replace(/\s+/g, ' '));
        aliases.set(f.label, set);
      }
    }
  }
  const graph = buildAccusationGraph(accusations, types);
  yield [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
    '  <key id="type" for="node" attr.name="type" attr.type="string"><default>unknown</default></key>',
    '  <key id="aliases" for="node" attr.name="aliases" attr.type="string"/>',
    '  <key id="degree" for="node" attr.name="degree" attr.type="int"/>',
    '  <key id="stance" for="edge" attr.name="stance" attr.type="string"/>',
    '  <key id="count" for="edge" attr.name="count" attr.type="int"/>',
    '  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>',
    '  <key id="documents" for="edge" attr.name="documents" attr.type="int"/>',
    '  <key id="docids" for="edge" attr.name="document_ids" attr.type="string"/>',
    '  <key id="titles" for="edge" attr.name="document_titles" attr.type="string"/>',
    '  <key id="allegations" for="edge" attr.name="allegations" attr.type="string"/>',
    '  <key id="quotes" for="edge" attr.name="quotes" attr.type="string"/>',
    '  <key id="reviewed" for="edge" attr.name="corrected_by_analyst" attr.type="boolean"><default>false</default></key>',
    '  <graph id="accusations" edgedefault="directed">',
    '',
  ].join('\n');
  const nodeId = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`]));
  const nodes = graph.nodes.map((n) => {
    const forms = [...(aliases.get(n.id) ?? [])].filter((a) => a !== n.id).sort();
    return (
      `    <node id="${nodeId.get(n.id)}"><data key="label">${xmlText(n.id)}</data>` +
      (n.type ? `<data key="type">${xmlText(n.type)}</data>` : '') +
      (forms.length > 0 ? `<data key="aliases">${xmlText(forms.join('; '))}</data>` : '') +
      `<data key="degree">${n.degree}</data></node>`
    );
  });
  if (nodes.length > 0) yield `${nodes.join('\n')}\n`;
  const corrected = new Set(accusations.filter((f) => f.review?.correction).map((f) => f.id));
  const edges = graph.edges.map((e) => {
    const docs = [...new Set(e.mentions.map((m) => m.doc))];
    const allegations = [...new Set(e.mentions.map((m) => m.allegation).filter((a): a is string => Boolean(a)))];
    const quotes = e.mentions.slice(0, MAX_QUOTES).map((m) => m.quote.replace(/\s+/g, ' '));
    return (
      `    <edge id="${e.id}" source="${nodeId.get(e.source)}" target="${nodeId.get(e.target)}">` +
      `<data key="stance">${xmlText(e.stance)}</data><data key="count">${e.count}</data><data key="weight">${e.count}</data><data key="documents">${e.documents}</data>` +
      `<data key="docids">${xmlText(docs.join(' '))}</data><data key="titles">${xmlText(docs.map((d) => titles.get(d) ?? d).join(' | '))}</data>` +
      (allegations.length > 0 ? `<data key="allegations">${xmlText(allegations.join(' | '))}</data>` : '') +
      `<data key="quotes">${xmlText(quotes.join('\n'))}</data>` +
      (e.mentions.some((m) => corrected.has(m.finding)) ? '<data key="reviewed">true</data>' : '') +
      '</edge>'
    );
  });
  if (edges.length > 0) yield `${edges.join('\n')}\n`;
  yield '  </graph>\n</graphml>\n';
}
