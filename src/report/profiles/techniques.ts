import type { DocumentProfile } from './profile.js';
import { thresholdFor } from '../thresholds.js';

export interface TechniquesProfile {
  words: number;
  total: number;
  /** findings per 1,000 words of the article's own text (title, headings, body); only findings that pass the display threshold */
  density: number;
  techniques: Array<{ technique: string; count: number; per1000: number }>;
  top: Array<{ technique: string; quote: string; start: number; end: number; score: number }>;
  /** the display threshold the counts and density use: spans scored below it are not counted */
  minScore: number;
}

const TOP_SPANS = 5;

/** Which persuasion techniques the article leans on, how densely, and its strongest spans. */
export const techniquesProfile: DocumentProfile<TechniquesProfile> = {
  key: 'techniques',
  title: 'Persuasion techniques',
  compute(doc, findings, policy) {
    const found = findings.filter((f) => f.kind === 'technique');
    if (found.length === 0) return null;
    const prose = doc.sections.filter((s) => s.kind === 'body' || s.kind === 'heading' || s.kind === 'title');
    const words = prose.reduce((n, s) => n + (doc.text.slice(s.start, s.end).match(/[\p{L}\p{N}]+/gu)?.length ?? 0), 0);
    const per1000 = (n: number) => (words > 0 ? Math.round((n / words) * 10000) / 10 : 0);
    const counts = new Map<string, number>();
    for (const f of found) counts.set(f.label, (counts.get(f.label) ?? 0) + 1);
    return {
      minScore: thresholdFor('technique', policy),
      words,
      total: found.length,
      density: per1000(found.length),
      techniques: [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([technique, count]) => ({ technique, count, per1000: per1000(count) })),
      top: [...found]
        .sort((a, b) => b.score - a.score || a.start - b.start)
        .slice(0, TOP_SPANS)
        .map((f) => ({ technique: f.label, quote: f.quote, start: f.start, end: f.end, score: f.score })),
    };
  },
  markdown(v) {
    const rows = v.techniques.map((t) => `| ${t.technique} | ${t.count} | ${t.per1000} |`);
    const top = v.top.map((t) => `- ${t.technique}: “${t.quote.replace(/\s+/g, ' ').replace(/[`*_|<>]/g, (c) => `\\${c}`)}” (${t.start}–${t.end}, ${t.score.toFixed(2)})`);
    return [`${v.total} technique spans, ${v.density} per 1,000 words${counted(v)}.`, '', '| Technique | Spans | per 1,000 words |', '|---|---:|---:|', ...rows, '', 'Strongest spans:', ...top].join('\n');
  },
  html(v, escape) {
    const rows = v.techniques.map((t) => `<tr><td>${escape(t.technique)}</td><td class="num">${t.count}</td><td class="num">${t.per1000}</td></tr>`).join('');
    const top = v.top.map((t) => `<li>${escape(t.technique)}: “${escape(t.quote)}” <small>(${t.start}–${t.end}, ${t.score.toFixed(2)})</small></li>`).join('');
    return `<p>${v.total} technique spans, ${v.density} per 1,000 words${counted(v)}.</p><table><thead><tr><th>Technique</th><th>Spans</th><th>per 1,000 words</th></tr></thead><tbody>${rows}</tbody></table><ul>${top}</ul>`;
  },
  terminal(v) {
    return `techniques: ${v.density}/1000 words${v.minScore > 0 ? ` (score ≥ ${v.minScore})` : ''} — ${v.techniques.slice(0, 4).map((t) => `${t.technique} ${t.count}`).join(', ')}`;
  },
};

function counted(v: TechniquesProfile): string {
  return v.minScore > 0 ? ` (counting spans scored ${v.minScore} or more)` : '';
}
