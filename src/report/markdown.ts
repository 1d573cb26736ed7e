import { reviewsLine, reviewText } from './review-text.js';
import { corpusSections } from './corpus-sections/index.js';
import { displayLabel } from './technique-names.js';
import { documentProfiles } from './profiles/index.js';
import { displayTitle, type Report, type ReportDocument } from './model.js';
import { corpusByKind, countBy, foregroundByKind, shorten } from './summary.js';
import { append } from '../core/arrays.js';
import { KEY_FINDINGS_KEY, type KeyFinding, type KeyFindingsView } from './key-findings-section.js';
import { keyFindingsOfReport, shownDocuments } from './key-findings-anchors.js';

/** At most this many findings of one kind per document in the Markdown report. */
const MAX_PER_KIND = 25;

export function renderMarkdown(report: Report): string {
  const out: string[] = [];
  const findings = report.documents.reduce((n, d) => n + d.findings.length, 0);
  out.push('# Discern report', '');
  out.push(`Generated ${report.generatedAt} by Discern ${report.tool.version}: ${report.omitted?.total ?? report.documents.length} documents, ${findings} findings, ${report.corpus.findings.length} corpus findings.`, '', `_${md(report.thresholds.note)}_`, '');
  if (report.errors.length > 0) {
    out.push('## Inputs that failed', '', ...report.errors.map((e) => `- \`${md(e.input)}\` (${e.code}): ${md(e.message)}`), '');
  }
  const key = keyFindingsOfReport(report);
  append(out, keyFindingsSection(report, key));
  out.push('## Documents', '', '| # | Document | Author | Published | Language | Findings |', '|---:|---|---|---|---|---|');
  report.documents.forEach((doc, i) => {
    const counts = [...countBy(doc.findings.filter((f) => f.kind !== 'sentence'), (f) => f.kind)].map(([k, n]) => `${n} ${k}`).join(', ');
    out.push(`| ${i + 1} | [${md(displayTitle(doc))}](#doc-${doc.id}) | ${md(doc.source.author ?? '')} | ${doc.source.publishedAt ?? ''} | ${doc.lang ?? ''} | ${counts} |`);
  });
  if (report.omitted) {
    const o = report.omitted;
    o.listed.forEach((d, i) => {
      const counts = Object.entries(d.counts).map(([k, n]) => `${n} ${k}`).join(', ');
      out.push(`| ${report.documents.length + i + 1} | ${md(d.title)} | ${md(d.author ?? '')} | ${d.publishedAt ?? ''} | ${d.lang ?? ''} | ${counts} |`);
    });
    out.push('', `This report shows ${report.documents.length} of ${o.total} documents in full${o.unlisted ? `; ${o.unlisted} more are only counted` : ''}. The JSON report (\`--format json\`) and the workbench (\`discern serve\`) hold every document.`);
  }
  out.push('');
  for (const doc of report.documents) append(out, documentSection(doc, key));
  append(out, corpusSection(report));
  for (const w of report.warnings) out.push(`> Warning, ${md(w.input)}: ${md(w.message)}`);
  for (const f of report.analyzerFailures) out.push(`> Analyser ${f.analyzer} failed on ${f.doc}: ${md(f.message)}`);
  const reviews = reviewsLine(report);
  if (reviews) out.push(`> ${md(reviews)}`);
  return `${out.join('\n').trimEnd()}\n`;
}

/** The ranked key findings first: one line each, linked to the document (or corpus entry) holding the evidence, with the passage. */
function keyFindingsSection(report: Report, key: KeyFindingsView | null): string[] {
  if (!key || key.items.length === 0) return [];
  const shown = shownDocuments(report);
  return ['## Key findings', '', ...key.items.map((k) => keyFindingLine(k, shown)), ''];
}

function keyFindingLine(k: KeyFinding, shown: ReadonlyMap<string, ReportDocument>): string {
  const e = k.evidence;
  const anchor = shown.has(e.doc) ? `#doc-${e.doc}` : e.corpusFinding ? `#c-${e.corpusFinding}` : null;
  const where = e.start !== undefined && e.end !== undefined ? ` (characters ${e.start}–${e.end})` : '';
  const text = anchor ? `[${md(k.text)}](${anchor})` : md(k.text);
  return `- **${md(k.tag)}:** ${text}${k.quote ? ` — “${md(k.quote)}”${where}` : ''}`;
}

function documentSection(doc: ReportDocument, key: KeyFindingsView | null): string[] {
  const out = [`<a id="doc-${doc.id}"></a>`, `## ${md(displayTitle(doc))}`, ''];
  const banner = key?.banners.find((b) => b.doc === doc.id);
  if (banner) out.push(`> **${banner.verdict === 'templated' ? 'Templated comment section' : 'Partly templated comment section'}:** ${md(banner.text.replace(/^[^:]*:\s*/, ''))} See [the comments](#comments-${doc.id}).`, '');
  const facts = [
    doc.source.path ? `file \`${md(doc.source.path)}\`` : null,
    doc.source.url ? `<${doc.source.url}>` : null,
    doc.source.author ? `author: ${md(doc.source.author)}` : null,
    doc.source.outlet ? `outlet: ${md(doc.source.outlet)}` : null,
    doc.source.publishedAt ? `published ${doc.source.publishedAt}` : null,
    doc.lang ? `language: ${doc.lang}` : null,
    `id \`${doc.id}\``,
  ].filter(Boolean);
  out.push(facts.join(' · '), '');
  for (const profile of documentProfiles) {
    const value = doc.profiles[profile.key];
    if (value) out.push(`### ${profile.title}`, '', profile.markdown(value), '');
  }
  for (const [kind, list] of foregroundByKind(doc.findings)) {
    if (kind === 'entity') continue; // shown as the Actors profile
    out.push(`### ${kind} (${list.length})`, '');
    for (const f of list.slice(0, MAX_PER_KIND)) {
      const review = reviewText(f);
      out.push(`- **${md(displayLabel(f.kind, f.label))}** — “${md(shorten(f.quote))}” (${f.start}–${f.end}, score ${f.score.toFixed(2)}): ${md(f.explanation)}${review ? ` _[${md(review)}]_` : ''}`);
      for (const e of passagesOf(f)) out.push(`  - passage (${md(e.title ?? e.source)}, ${e.start}–${e.end}): > ${md(shorten(e.quote))}`);
      if (f.kind === 'fact-check' && typeof f.data?.url === 'string') out.push(`  - ${md(f.data.url)}`);
    }
    if (list.length > MAX_PER_KIND) out.push(`- … and ${list.length - MAX_PER_KIND} more (see the JSON report).`);
    out.push('');
  }
  const comments = doc.sections.filter((s) => s.kind === 'comment');
  if (comments.length > 0) {
    out.push(`<a id="comments-${doc.id}"></a>`, '', `### Comments (${comments.length})`, '');
    doc.sections.forEach((s, i) => {
      if (s.kind !== 'comment') return;
      const reply = typeof s.parent === 'number' ? `  ↳ reply to #${s.parent}` : '';
      out.push(`- #${i} ${s.author ? `**${md(s.author)}**` : '_anonymous_'}${reply}: “${md(shorten(doc.text.slice(s.start, s.end), 160))}”`);
    });
    out.push('');
  }
  return out;
}

function corpusSection(report: Report): string[] {
  if (report.corpus.findings.length === 0 && Object.keys(report.corpus.sections).length === 0) return [];
  const out = ['## Across the corpus', ''];
  const names = new Map(report.documents.map((d) => [d.id, displayTitle(d)]));
  for (const section of corpusSections) {
    if (section.key === KEY_FINDINGS_KEY) continue;
    const value = report.corpus.sections[section.key];
    if (value) out.push(`### ${section.title}`, '', section.markdown(value), '');
  }
  for (const [kind, list] of corpusByKind(report.corpus.findings)) {
    out.push(`### ${kind} (${list.length})`, '');
    for (const f of list.slice(0, MAX_PER_KIND)) {
      out.push(`- <a id="c-${f.id}"></a>**${md(f.label)}** (score ${f.score.toFixed(2)}): ${md(f.explanation)}`);
      for (const m of f.members.slice(0, 6)) {
        out.push(`  - ${m.role ? `${md(m.role)}: ` : ''}${names.has(m.doc) ? `[${md(names.get(m.doc) as string)}](#doc-${m.doc})` : md(m.doc)}${m.quote ? ` “${md(shorten(m.quote, 100))}” (${m.start}–${m.end})` : ''}`);
      }
    }
    out.push('');
  }
  return out;
}

/** Neutralise Markdown and HTML in text taken from documents. */
export function md(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/\n/g, ' ');
}

/** The passages a verdict quotes (verification findings), for the report. */
function passagesOf(f: { kind: string; data?: Record<string, unknown> }): Array<{ source: string; title: string | null; start: number; end: number; quote: string }> {
  if (f.kind !== 'verification' || !Array.isArray(f.data?.evidence)) return [];
  return (f.data.evidence as Array<{ source: string; title: string | null; start: number; end: number; quote: string }>).slice(0, 2);
}
