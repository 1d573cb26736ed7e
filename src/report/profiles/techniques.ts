import type { Finding, Section } from '../../core/types.js';
import type { DocumentProfile } from './profile.js';
import { thresholdFor } from '../thresholds.js';
import { techniqueName } from '../technique-names.js';

export interface TechniquesProfile {
  words: number;
  total: number;
  /** findings per 1,000 words of the article's own text (title, headings, body); only findings that pass the display threshold */
  density: number;
  techniques: Array<{ technique: string; count: number; per1000: number }>;
  top: Array<{ technique: string; quote: string; start: number; end: number; score: number }>;
  /** the display threshold the counts and density use: spans scored below it are not counted */
  minScore: number;
  /** the comment section, counted apart: its techniques never raise the article's density */
  comments: { words: number; total: number; density: number; techniques: Array<{ technique: string; count: number; per1000: number }> } | null;
}

const ARTICLE_KINDS = new Set(['body', 'heading', 'title']);

function inside(f: Finding, sections: Section[]): boolean {
  return sections.some((s) => f.start >= s.start && f.end <= s.end);
}

function wordsIn(text: string, sections: Section[]): number {
  return sections.reduce((n, s) => n + (text.slice(s.start, s.end).match(/[\p{L}\p{N}]+/gu)?.length ?? 0), 0);
}

function countBy(found: Finding[], words: number): Array<{ technique: string; count: number; per1000: number }> {
  const counts = new Map<string, number>();
  for (const f of found) counts.set(f.label, (counts.get(f.label) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([technique, count]) => ({ technique, count, per1000: per(count, words) }));
}

function per(n: number, words: number): number {
  return words > 0 ? Math.round((n / words) * 10000) / 10 : 0;
}

const TOP_SPANS = 5;

/** Which persuasion techniques the article leans on, how densely, and its strongest spans. */
export const techniquesProfile: DocumentProfile<TechniquesProfile> = {
  key: 'techniques',
  title: 'Persuasion techniques',
  compute(doc, findings, policy) {
    const all = findings.filter((f) => f.kind === 'technique');
    if (all.length === 0) return null;
    const prose = doc.sections.filter((s) => ARTICLE_KINDS.has(s.kind));
    const thread = doc.sections.filter((s) => s.kind === 'comment');
    const found = all.filter((f) => inside(f, prose));
    const inComments = all.filter((f) => inside(f, thread));
    const words = wordsIn(doc.text, prose);
    const commentWords = wordsIn(doc.text, thread);
    return {
      minScore: thresholdFor('technique', policy),
      words,
      total: found.length,
      density: per(found.length, words),
      techniques: countBy(found, words),
      top: [...found]
        .sort((a, b) => b.score - a.score || a.start - b.start)
        .slice(0, TOP_SPANS)
        .map((f) => ({ technique: f.label, quote: f.quote, start: f.start, end: f.end, score: f.score })),
      comments: thread.length === 0 ? null : { words: commentWords, total: inComments.length, density: per(inComments.length, commentWords), techniques: countBy(inComments, commentWords) },
    };
  },
  markdown(v) {
    const rows = v.techniques.map((t) => `| ${techniqueName(t.technique)} | ${t.count} | ${t.per1000} |`);
    const top = v.top.map((t) => `- ${techniqueName(t.technique)}: “${t.quote.replace(/\s+/g, ' ').replace(/[`*_|<>]/g, (c) => `\\${c}`)}” (${t.start}–${t.end}, ${t.score.toFixed(2)})`);
    const comments = v.comments ? ['', `Comment section, counted apart: ${v.comments.total} technique spans in ${v.comments.words} words (${v.comments.density} per 1,000)${v.comments.techniques.length ? ` — ${v.comments.techniques.map((t) => `${techniqueName(t.technique)} ${t.count}`).join(', ')}` : ''}.`] : [];
    return [`${v.total} technique spans, ${v.density} per 1,000 words${counted(v)}.`, '', '| Technique | Spans | per 1,000 words |', '|---|---:|---:|', ...rows, '', 'Strongest spans:', ...top, ...comments].join('\n');
  },
  html(v, escape) {
    const rows = v.techniques.map((t) => `<tr><td>${escape(techniqueName(t.technique))}</td><td class="num">${t.count}</td><td class="num">${t.per1000}</td></tr>`).join('');
    const top = v.top.map((t) => `<li>${escape(techniqueName(t.technique))}: “${escape(t.quote)}” <small>(${t.start}–${t.end}, ${t.score.toFixed(2)})</small></li>`).join('');
    const comments = v.comments ? `<p>Comment section, counted apart: ${v.comments.total} technique spans in ${v.comments.words} words (${v.comments.density} per 1,000)${v.comments.techniques.length ? ` — ${escape(v.comments.techniques.map((t) => `${techniqueName(t.technique)} ${t.count}`).join(', '))}` : ''}.</p>` : '';
    return `<p>${v.total} technique spans, ${v.density} per 1,000 words${counted(v)}.</p><table><thead><tr><th>Technique</th><th>Spans</th><th>per 1,000 words</th></tr></thead><tbody>${rows}</tbody></table><ul>${top}</ul>${comments}`;
  },
  terminal(v) {
    return `techniques: ${v.density}/1000 words${v.minScore > 0 ? ` (score ≥ ${v.minScore})` : ''} — ${v.techniques.slice(0, 4).map((t) => `${techniqueName(t.technique)} ${t.count}`).join(', ')}${v.comments ? `; comments apart: ${v.comments.density}/1000 words` : ''}`;
  },
};

function counted(v: TechniquesProfile): string {
  return v.minScore > 0 ? ` (counting spans scored ${v.minScore} or more)` : '';
}
