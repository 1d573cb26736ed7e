import { tokenize } from '../../nlp/tokens.js';
import type { LexiconRule } from './lexicons.js';
import { prepare, spanFeatures, spanKey, type PreparedDoc, type Vocabularies } from './features.js';
import { classifySpans, type TechniqueModel } from './model.js';
import type { PtcArticle, PtcSpan } from './ptc.js';

/** PTC articles as the model sees them: one sentence per line, line 1 the title. */
export function preparePtc(article: PtcArticle, vocab: Vocabularies, rules: readonly LexiconRule[]): PreparedDoc {
  const sentences = article.lines.map((l) => ({ start: l.start, end: l.end, title: l.title, tokens: tokenize(article.text, l.start, l.end) }));
  return prepare(article.text, sentences, vocab, rules);
}

/** 1 for every token that overlaps a gold span. */
export function tokenLabels(doc: PreparedDoc, spans: readonly PtcSpan[]): Uint8Array {
  const y = new Uint8Array(doc.tokens.length);
  let j = 0;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  doc.tokens.forEach((t, i) => {
    while (j < sorted.length && sorted[j].end <= t.start) j++;
    for (let k = j; k < sorted.length && sorted[k].start < t.end; k++) {
      if (sorted[k].end > t.start) {
        y[i] = 1;
        break;
      }
    }
  });
  return y;
}

/** Classifier features of each gold span (the repetition features see the article's other gold spans). */
export function goldSpanFeatures(doc: PreparedDoc, spans: readonly PtcSpan[]): string[][] {
  const unique = new Map<string, PtcSpan>();
  for (const s of spans) unique.set(`${s.start}:${s.end}`, s);
  const keyCounts = new Map<string, number>();
  for (const s of unique.values()) {
    const k = spanKey(doc, s);
    keyCounts.set(k, (keyCounts.get(k) ?? 0) + 1);
  }
  return spans.map((s) => spanFeatures(doc, s, (keyCounts.get(spanKey(doc, s)) ?? 1) - 1));
}

/** TC prediction for gold spans: a span given k times gets the k most probable techniques. */
export function predictTc(model: TechniqueModel, doc: PreparedDoc, spans: readonly PtcSpan[]): PtcSpan[] {
  const groups = new Map<string, PtcSpan[]>();
  for (const s of spans) {
    const k = `${s.start}:${s.end}`;
    groups.set(k, [...(groups.get(k) ?? []), s]);
  }
  const uniques = [...groups.values()].map((g) => g[0]);
  const classes = classifySpans(model, doc, uniques);
  const out: PtcSpan[] = [];
  [...groups.values()].forEach((g, i) => {
    g.forEach((s, r) => out.push({ start: s.start, end: s.end, technique: classes[i].ranking[r % classes[i].ranking.length].technique }));
  });
  return out;
}
