/**
 * Post-processing of the technique findings tried on the pooled tune folds (issue 17, round 6;
 * docs/accuracy.md), never on the holdout: span extension to clause or sentence boundaries,
 * sentence fill, dropping lone one-token findings, and the joint decoders re-chosen for SI with
 * a lower weight on span + technique. Needs the phase-A models of both tune folds:
 *
 *   TECHNIQUES_PHASE_A=/tmp/tq/phaseA.json npm run train:techniques -- --phase-a-only
 *   TECHNIQUES_PHASE_A=/tmp/tq/phaseA.json npm run eval:techniques-spans -- grid|groups|fill|siweight [weights]
 */
import { readFileSync } from 'node:fs';
import { preparePtc } from '../src/analysers/techniques/corpus.js';
import { detectRaw, type Detection } from '../src/analysers/techniques/detect.js';
import { loadLexicons } from '../src/analysers/techniques/lexicons.js';
import { fromStored, type StoredTechniqueModel } from '../src/analysers/techniques/model.js';
import { idBucket, readPtcArticles, splitOf } from '../src/analysers/techniques/ptc.js';
import { scoreSi, scoreSpanTechnique, type LabelledSpan } from '../src/analysers/techniques/metrics.js';
import { ptcDir } from '../src/analysers/techniques/paths.js';
import type { PreparedDoc } from '../src/analysers/techniques/features.js';

const base = process.env.TECHNIQUES_PHASE_A ?? '/tmp/tq/phaseA.json';
const models = [base, `${base}.2`].map((f) => fromStored(JSON.parse(readFileSync(f, 'utf8')) as StoredTechniqueModel));
const rules = loadLexicons().rules;
const all = readPtcArticles(ptcDir()).filter((a) => splitOf(a.id) !== 'holdout');
const arts = [...all.filter((a) => idBucket(a.id) === 1), ...all.filter((a) => idBucket(a.id) === 2)];
const data = arts.map((a) => {
  const m = models[idBucket(a.id) - 1];
  const doc = preparePtc(a, m.vocab, rules);
  return { a, doc, dets: detectRaw(doc, { model: m, rules }) };
});
const gold = new Map(data.map((d) => [d.a.id, d.a.spans as LabelledSpan[]]));
const fmt = (x: number) => (100 * x).toFixed(2);
function score(name: string, f: (doc: PreparedDoc, d: Detection[]) => LabelledSpan[]): void {
  const pred = new Map(data.map((d) => [d.a.id, f(d.doc, d.dets)]));
  const si = scoreSi(pred, gold);
  const flc = scoreSpanTechnique(pred, gold);
  const parts = [1, 2].map((b) => {
    const ids = new Set(data.filter((d) => idBucket(d.a.id) === b).map((d) => d.a.id));
    const sub = <T,>(m: Map<string, T>) => new Map([...m].filter(([k]) => ids.has(k)));
    return `${fmt(scoreSi(sub(pred), sub(gold)).f1)}/${fmt(scoreSpanTechnique(sub(pred), sub(gold)).f1)}`;
  });
  console.log(`${name.padEnd(50)} SI ${fmt(si.f1)} (P ${fmt(si.precision)} R ${fmt(si.recall)} n ${si.predicted}) FLC ${fmt(flc.f1)}  folds ${parts.join(' ')}`);
}
score('as is', (_, d) => d);
score('model only', (_, d) => d.filter((x) => x.source !== 'rule'));

// boundary between token i and i+1 of a sentence (or sentence edge)
const CLAUSE = /[,;:()\[\]"“”—–]|\s-\s|[.!?]/;
function extend(doc: PreparedDoc, d: Detection, kl: number, kr: number, clause: boolean): LabelledSpan {
  const first = doc.tokens.findIndex((t) => t.end > d.start);
  if (first < 0) return d;
  const si = doc.tokens[first].sentence;
  const s0 = doc.sentenceStart[si];
  const s1 = s0 + doc.sentences[si].tokens.length; // exclusive
  let last = first;
  while (last + 1 < s1 && doc.tokens[last + 1].start < d.end) last++;
  const isB = (i: number) => i < s0 || i + 1 >= s1 + 0 ? true : clause && CLAUSE.test(doc.text.slice(doc.tokens[i].end, doc.tokens[i + 1].start)); // boundary after token i
  let start = d.start;
  let end = d.end;
  if (kl > 0 && first >= s0) {
    let i = first;
    let steps = 0;
    while (i > s0 && !isB(i - 1) && steps < kl) { i--; steps++; }
    if (i === s0 || isB(i - 1)) start = Math.min(start, doc.tokens[i].start);
  }
  if (kr > 0) {
    let j = last;
    let steps = 0;
    while (j + 1 < s1 && !isB(j) && steps < kr) { j++; steps++; }
    if (j + 1 >= s1 || isB(j)) end = Math.max(end, doc.tokens[j].end);
  }
  return { start, end, technique: d.technique };
}
const which = process.argv[2] ?? 'grid';
if (which === 'grid') {
  for (const clause of [true, false]) for (const who of ['model', 'all']) for (const k of [1, 2, 3, 5, 8, 100]) for (const side of ['both', 'left', 'right']) {
    const kl = side === 'right' ? 0 : k;
    const kr = side === 'left' ? 0 : k;
    score(`${clause ? 'clause' : 'sentence'} ${who} k ${k} ${side}`, (doc, ds) => ds.map((d) => (who === 'all' || d.source !== 'rule' ? extend(doc, d, kl, kr, clause) : d)));
  }
}
if (which === 'groups') {
  // per finding: fraction of its chars inside gold (any technique); grouped
  const groups = new Map<string, { n: number; p: number }>();
  const add = (k: string, p: number) => { const g = groups.get(k) ?? { n: 0, p: 0 }; g.n++; g.p += p; groups.set(k, g); };
  for (const d of data) {
    const g = d.a.spans;
    for (const x of d.dets) {
      let cov = 0;
      for (let c = x.start; c < x.end; c++) if (g.some((s) => s.start <= c && c < s.end)) cov++;
      const p = cov / Math.max(1, x.end - x.start);
      const len = d.doc.tokens.filter((t) => t.start >= x.start && t.end <= x.end).length;
      const kind = x.source;
      add(`source ${kind}`, p);
      add(`len ${len <= 1 ? '1' : len <= 2 ? '2' : len <= 4 ? '3-4' : len <= 8 ? '5-8' : '9+'}`, p);
      add(`score ${(Math.floor(x.score * 10) / 10).toFixed(1)}`, p);
      add(`tech ${x.technique}`, p);
    }
  }
  for (const [k, g] of [...groups].sort()) console.log(`${k.padEnd(50)} n ${String(g.n).padStart(5)} mean precision ${fmt(g.p / g.n)}`);
}
if (which === 'siweight') {
  const { siTuningDoc, tuneDecodersForSi } = await import('../src/analysers/techniques/tune-si.js');
  const { hasContentWord } = await import('../src/analysers/techniques/model.js');
  const docs = data.map((d) => siTuningDoc(models[idBucket(d.a.id) - 1], d.doc, d.a.spans));
  const joint = models[0].joint;
  if (!joint) throw new Error('the phase-A model has no joint tagger');
  const labels = joint.model.labels;
  for (const w of (process.argv[3] ?? '0,0.25').split(',').map(Number)) {
    const r = tuneDecodersForSi(labels, docs, joint.decoders, hasContentWord, scoreSi, scoreSpanTechnique, 2, w);
    console.log(`flcWeight ${w}: approx SI ${fmt(r.startSi)} → ${fmt(r.si)}, FLC ${fmt(r.startFlc)} → ${fmt(r.flc)}`);
    const ms = [base, `${base}.2`].map((f) => fromStored(JSON.parse(readFileSync(f, 'utf8')) as StoredTechniqueModel));
    for (const m of ms) if (m.joint) m.joint.decoders = r.decoders;
    const pred = new Map(data.map((d) => [d.a.id, detectRaw(d.doc, { model: ms[idBucket(d.a.id) - 1], rules }) as LabelledSpan[]]));
    console.log(`  detect: SI ${fmt(scoreSi(pred, gold).f1)} FLC ${fmt(scoreSpanTechnique(pred, gold).f1)}`);
  }
}
if (which === 'fill') {
  // a sentence whose findings cover at least `f` of its tokens: every finding of it stretched to the whole sentence
  for (const f of [0.5, 0.6, 0.7, 0.8, 0.9]) for (const who of ['model', 'all']) {
    score(`fill ${f} ${who}`, (doc, ds) => {
      const cover = new Map<number, Set<number>>();
      for (const d of ds) {
        if (who === 'model' && d.source === 'rule') continue;
        doc.tokens.forEach((t, i) => { if (t.start < d.end && d.start < t.end) { const s = cover.get(t.sentence) ?? new Set(); s.add(i); cover.set(t.sentence, s); } });
      }
      return ds.map((d) => {
        const t = doc.tokens.find((x) => x.end > d.start);
        if (!t || (who === 'model' && d.source === 'rule')) return d;
        const s = doc.sentences[t.sentence];
        const c = cover.get(t.sentence)?.size ?? 0;
        if (c < f * s.tokens.length) return d;
        return { start: s.tokens[0].start, end: s.tokens[s.tokens.length - 1].end, technique: d.technique };
      });
    });
  }
  // a sentence with one single-token finding and nothing else: dropped
  score('drop lone one-token findings', (doc, ds) => ds.filter((d) => {
    const toks = doc.tokens.filter((t) => t.start < d.end && d.start < t.end);
    if (toks.length !== 1) return true;
    return ds.some((o) => o !== d && doc.tokens.some((t) => t.sentence === toks[0].sentence && t.start < o.end && o.start < t.end));
  }));
}
