/**
 * Corpus-analysis time of the narrative analysers (stances and camps, narratives,
 * contradictions, provenance, timeline) on 1,000 and 10,000 synthetic documents with entity
 * and accusation findings. Must grow near-linearly: every step is a hash map or a union-find.
 * Usage: npm run bench:narratives
 */
import type { AnalysedDocument } from '../src/analysers/analyzer.js';
import { stancesAnalyzer } from '../src/corpus/narratives/camps.js';
import { contradictionsAnalyzer } from '../src/corpus/narratives/facts.js';
import { narrativesAnalyzer } from '../src/corpus/narratives/frames.js';
import { provenanceAnalyzer } from '../src/corpus/narratives/provenance.js';
import { timelineAnalyzer } from '../src/corpus/narratives/timeline.js';
import type { Finding } from '../src/core/types.js';
import { loadResources } from '../src/nlp/resources.js';
import { analyzeCorpus } from '../src/pipeline/analyze.js';

const ACTORS = ['Northland', 'Southland', 'Eastmark', 'Westmark', 'Midland', 'Highland', 'Lowland', 'Riverland'];
const GROUPS = ['Red Brigade', 'Black Banner', 'Iron Front', 'Storm Cell'];
const FRAMES = ['is a diversion from its own failures', 'is an outright fabrication', 'must be held accountable', 'has borne the brunt of the attacks'];

// a Zipf-like vocabulary, so frame discovery meets many distinct clusters (not one repeated template)
const VOCAB = Array.from({ length: 3000 }, (_, k) => `w${k.toString(36)}ord`);
function word(i: number, k: number): string {
  const h = Math.imul(i * 31 + k * 7919, 2654435761) >>> 0;
  return VOCAB[Math.floor(VOCAB.length * Math.pow(h / 2 ** 32, 2.5))];
}

function makeDoc(i: number): AnalysedDocument {
  const a = ACTORS[i % ACTORS.length];
  const b = ACTORS[(i * 7 + 3) % ACTORS.length];
  const g = GROUPS[i % GROUPS.length];
  const year = 1990 + (i % 30);
  const sentences = [
    `${a} shelters the ${g} in its border towns.`,
    `The claim that ${b} supports the ${g} ${FRAMES[i % FRAMES.length]}.`,
    `The ${g} was founded in ${year} by defectors.`,
    `The story, originating from ${b} and amplified by ${a}, gained traction among ${b} users.`,
    `In ${year + 5}, ${a} and ${b} signed a truce in ${ACTORS[(i + 2) % ACTORS.length]}.`,
    `Critics say the allegations against ${b} ${word(i, 1)} ${word(i, 2)} the ${word(i, 3)} ${word(i, 4)} of ${word(i, 5)} ${word(i, 6)}.`,
  ];
  const text = sentences.join(' ');
  const id = `doc${i}`;
  const findings: Finding[] = [];
  const entity = (name: string, type: string, from = 0): void => {
    const start = text.indexOf(name, from);
    if (start < 0) return;
    findings.push({ id: `${id}e${findings.length}`, analyzer: 'entities@1', kind: 'entity', label: name, start, end: start + name.length, quote: name, score: 0.9, explanation: '', data: { type } });
  };
  let at = 0;
  for (const s of sentences) {
    for (const name of [...ACTORS, ...GROUPS]) {
      let from = at;
      for (;;) {
        const k = text.indexOf(name, from);
        if (k < 0 || k >= at + s.length) break;
        entity(name, GROUPS.includes(name) ? 'group' : 'place', k);
        from = k + name.length;
      }
    }
    at += s.length + 1;
  }
  findings.sort((x, y) => x.start - y.start);
  const acc = (accused: string, relation: string, stance: string, start: number, end: number): void => {
    findings.push({ id: `${id}a${findings.length}`, analyzer: 'accusations@1', kind: 'accusation', label: stance, start, end, quote: text.slice(start, end), score: 0.7, explanation: '', data: { accuser: null, accused, allegation: `${relation} ${g}`, relation, target: g, stance, cue: '' } });
  };
  acc(a, 'harbours', 'asserts', 0, sentences[0].length);
  acc(b, 'supports', i % 2 === 0 ? 'denies' : 'asserts', sentences[0].length + 1, sentences[0].length + 1 + sentences[1].length);
  return { doc: { id, format: 'text', source: { path: `${id}.txt` }, text, sections: [{ kind: 'body', start: 0, end: text.length }] }, findings };
}

const resources = await loadResources();
const analyzers = [stancesAnalyzer, narrativesAnalyzer, contradictionsAnalyzer, provenanceAnalyzer, timelineAnalyzer];
console.log('Narrative corpus analysers on synthetic documents (6 sentences, ~13 entities, 2 accusations each)');
for (const n of [1000, 10000]) {
  const docs = Array.from({ length: n }, (_, i) => makeDoc(i));
  const row: string[] = [];
  let total = 0;
  let produced = 0;
  for (const a of analyzers) {
    const t = performance.now();
    produced += (await analyzeCorpus(docs, resources, [a])).findings.length;
    const ms = performance.now() - t;
    total += ms;
    row.push(`${a.name} ${ms.toFixed(0)} ms`);
  }
  console.log(`${String(n).padStart(6)} documents: ${total.toFixed(0)} ms total (${(total / n).toFixed(3)} ms/doc; ${produced} findings) — ${row.join(', ')}`);
}
