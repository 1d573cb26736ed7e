import { reviewText } from './review-text.js';
import type { Finding, Section } from '../core/types.js';
import { displayLabel } from './technique-names.js';
import { displayTitle, kindsOf, type Report, type ReportDocument } from './model.js';
import { corpusSections } from './corpus-sections/index.js';
import { documentProfiles } from './profiles/index.js';
import { BACKGROUND_KINDS, corpusByKind, shorten } from './summary.js';

/**
 * One self-contained HTML file: every document with its sections and highlighted findings,
 * a legend that doubles as a filter, the findings listed with their explanations. It holds
 * no script at all — the filter is CSS (checkboxes), and a Content-Security-Policy forbids
 * scripts — and every piece of document text is escaped, so hostile text stays text.
 */

/** Findings scored below this are drawn faintly (dashed, no fill), so confident ones stand out. */
const WEAK_SCORE = 0.5;

const PALETTE = ['#f4b400', '#4285f4', '#db4437', '#0f9d58', '#ab47bc', '#00acc1', '#ff7043', '#9e9d24', '#5c6bc0', '#ec407a', '#26a69a', '#8d6e63'];

export function renderHtml(report: Report): string {
  const kinds = kindsOf(report);
  const colour = new Map(kinds.map((k, i) => [k, PALETTE[i % PALETTE.length]]));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Discern report</title>
<style>${styles(kinds, colour)}</style>
</head>
<body>
${kinds.map((k) => `<input type="checkbox" class="toggle" id="show-${slug(k)}"${BACKGROUND_KINDS.has(k) ? '' : ' checked'}>`).join('\n')}
<header>
<h1>Discern report</h1>
<p class="meta">Generated ${escapeHtml(report.generatedAt)} by Discern ${escapeHtml(report.tool.version)} · ${report.documents.length} documents · ${report.documents.reduce((n, d) => n + d.findings.length, 0)} findings</p>
<nav class="legend" aria-label="Finding kinds: click to show or hide">${kinds
    .map((k) => `<label for="show-${slug(k)}" class="key k-${slug(k)}">${escapeHtml(k)} <span class="count">${countKind(report, k)}</span></label>`)
    .join(' ')}</nav>
<p class="note">Filled highlights: score ≥ ${WEAK_SCORE}; dashed underline: weaker findings. Hover a highlight for its explanation. ${escapeHtml(report.thresholds.note)}</p>
</header>
<main>
${errorsBlock(report)}
<nav class="toc"><h2>Documents</h2><ol>${report.documents.map((d) => `<li><a href="#doc-${d.id}">${escapeHtml(displayTitle(d))}</a></li>`).join('')}</ol></nav>
${report.documents.map(documentBlock).join('\n')}
${omittedBlock(report)}
${corpusBlock(report)}
</main>
</body>
</html>
`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function slug(kind: string): string {
  return kind.replace(/[^a-z0-9-]/gi, '-').toLowerCase();
}

function countKind(report: Report, kind: string): number {
  return report.documents.reduce((n, d) => n + d.findings.filter((f) => f.kind === kind).length, 0);
}

function styles(kinds: string[], colour: Map<string, string>): string {
  const perKind = kinds
    .map((k) => {
      const s = slug(k);
      const c = colour.get(k) ?? '#999';
      return `.text .k-${s}{background:${c}33;border-bottom:2px solid ${c}}
.text .k-${s}.weak{background:transparent;border-bottom:1px dashed ${c}}
.key.k-${s}{border-color:${c}}
#show-${s}:checked~header .key.k-${s}{background:${c}33}
#show-${s}:not(:checked)~main .text .k-${s}{background:transparent;border-bottom:0}
#show-${s}:not(:checked)~main tr.k-${s}{display:none}`;
    })
    .join('\n');
  return `:root{color-scheme:light dark;--fg:#1d1d1f;--bg:#fff;--muted:#6b6b70;--line:#ddd}
@media (prefers-color-scheme:dark){:root{--fg:#e8e8ea;--bg:#17171a;--muted:#9a9aa2;--line:#333}}
body{font:16px/1.55 system-ui,sans-serif;color:var(--fg);background:var(--bg);margin:0}
header{position:sticky;top:0;background:var(--bg);border-bottom:1px solid var(--line);padding:.6rem 1.2rem;z-index:1}
header h1{font-size:1.2rem;margin:0}.meta{color:var(--muted);margin:.2rem 0;font-size:.85rem}
.note{color:var(--muted);font-size:.8rem;margin:.2rem 0}
main{max-width:62rem;margin:0 auto;padding:1rem 1.2rem}
.toggle{position:absolute;opacity:0;pointer-events:none}
.key{display:inline-block;border:2px solid;border-radius:1rem;padding:0 .6rem;margin:.15rem;cursor:pointer;font-size:.85rem;user-select:none}
.count{color:var(--muted)}
article.doc{border-top:2px solid var(--line);margin-top:2rem;padding-top:1rem}
.source{color:var(--muted);font-size:.9rem}
.section{margin:.5rem 0;white-space:pre-wrap}
.s-title{font-size:1.4rem;font-weight:700}.s-heading{font-weight:700;font-size:1.1rem}
.s-byline{font-style:italic;color:var(--muted)}.s-boilerplate{color:var(--muted);font-size:.8rem;border-left:3px solid var(--line);padding-left:.5rem}
.s-comment{border-left:3px solid #8886;padding-left:.7rem;font-size:.95rem}
.comment-head{font-size:.8rem;color:var(--muted);display:block}
.text span[title]{cursor:help}
table{border-collapse:collapse;width:100%;font-size:.88rem;margin:.5rem 0}
th,td{border-bottom:1px solid var(--line);padding:.25rem .4rem;text-align:left;vertical-align:top}
td.num{text-align:right}
details{margin:.6rem 0}summary{cursor:pointer;font-weight:600}
.errors{border:2px solid #db4437;padding:.5rem 1rem;border-radius:.4rem}
@media print{header{position:static}.toggle,.legend{display:none}}
${perKind}`;
}

function errorsBlock(report: Report): string {
  if (report.errors.length === 0) return '';
  const items = report.errors.map((e) => `<li><code>${escapeHtml(e.input)}</code> (${escapeHtml(e.code)}): ${escapeHtml(e.message)}</li>`).join('');
  return `<section class="errors"><h2>Inputs that failed</h2><ul>${items}</ul></section>`;
}

function documentBlock(doc: ReportDocument): string {
  const facts = [
    doc.source.path && `file ${escapeHtml(doc.source.path)}`,
    doc.source.url && `<span>${escapeHtml(doc.source.url)}</span>`,
    doc.source.author && `author: ${escapeHtml(doc.source.author)}`,
    doc.source.outlet && `outlet: ${escapeHtml(doc.source.outlet)}`,
    doc.source.publishedAt && `published ${escapeHtml(doc.source.publishedAt)}`,
    doc.lang && `language: ${escapeHtml(doc.lang)}`,
    `id ${doc.id}`,
  ].filter(Boolean);
  const profiles = documentProfiles
    .filter((p) => doc.profiles[p.key])
    .map((p) => `<details open><summary>${escapeHtml(p.title)}</summary>${p.html(doc.profiles[p.key], escapeHtml)}</details>`)
    .join('');
  return `<article class="doc" id="doc-${doc.id}">
<h2>${escapeHtml(displayTitle(doc))}</h2>
<p class="source">${facts.join(' · ')}</p>
${profiles}
<div class="text">${doc.sections.map((s, i) => sectionBlock(doc, s, i)).join('\n')}</div>
${findingsTable(doc)}
</article>`;
}

function sectionBlock(doc: ReportDocument, section: Section, index: number): string {
  const depth = commentDepth(doc.sections, index);
  const head =
    section.kind === 'comment'
      ? `<span class="comment-head">#${index} ${section.author ? escapeHtml(section.author) : 'anonymous'}${typeof section.parent === 'number' ? ` · reply to #${section.parent}` : ''}</span>`
      : '';
  const style = depth > 0 ? ` style="margin-left:${Math.min(depth, 6) * 1.5}rem"` : '';
  return `<div class="section s-${section.kind}" id="s-${doc.id}-${index}"${style}>${head}${highlight(doc.text, section.start, section.end, doc.findings)}</div>`;
}

function commentDepth(sections: Section[], index: number): number {
  let depth = 0;
  for (let p = sections[index].parent; typeof p === 'number' && depth < 20; p = sections[p]?.parent) depth++;
  return depth;
}

/**
 * Text of [start, end) with findings as nested spans: the text is cut at every finding
 * boundary, and each piece is wrapped once per kind that covers it, so overlapping
 * findings of different kinds blend their tints and each can be filtered alone.
 */
function highlight(text: string, start: number, end: number, findings: Finding[]): string {
  const inside = findings.filter((f) => f.start < end && f.end > start);
  const cuts = new Set([start, end]);
  for (const f of inside) {
    cuts.add(Math.max(start, f.start));
    cuts.add(Math.min(end, f.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const anchored = new Set<string>();
  let html = '';
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    let piece = escapeHtml(text.slice(a, b));
    const covering = inside.filter((f) => f.start <= a && f.end >= b);
    const byKind = new Map<string, Finding[]>();
    for (const f of covering) byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), f]);
    for (const [kind, list] of [...byKind].sort((x, y) => y[0].localeCompare(x[0]))) {
      const title = list.map((f) => `${f.kind}: ${displayLabel(f.kind, f.label)} — ${f.explanation}`).join('\n');
      const ids = list.filter((f) => !anchored.has(f.id) && f.start >= start).map((f) => f.id);
      ids.forEach((id) => anchored.add(id));
      const anchor = ids.length > 0 ? ` id="f-${ids[0]}"` : '';
      const weak = list.every((f) => f.score < WEAK_SCORE) ? ' weak' : '';
      piece = `<span class="k-${slug(kind)}${weak}"${anchor} title="${escapeHtml(title)}">${piece}</span>`;
    }
    html += piece;
  }
  return html;
}

function findingsTable(doc: ReportDocument): string {
  const rows = doc.findings
    .filter((f) => !BACKGROUND_KINDS.has(f.kind))
    .map(
      (f) =>
        `<tr class="k-${slug(f.kind)}"><td>${escapeHtml(f.kind)}</td><td>${escapeHtml(displayLabel(f.kind, f.label))}</td><td><a href="#f-${f.id}">“${escapeHtml(shorten(f.quote, 90))}”</a></td><td class="num">${f.start}–${f.end}</td><td class="num">${f.score.toFixed(2)}</td><td>${escapeHtml(f.explanation)}${passageHtml(f)}${f.review ? `<br><em>${escapeHtml(reviewText(f))}</em>` : ''}</td></tr>`,
    )
    .join('');
  if (!rows) return '';
  return `<details><summary>Findings</summary><table><thead><tr><th>Kind</th><th>Label</th><th>Quote</th><th>Span</th><th>Score</th><th>Why</th></tr></thead><tbody>${rows}</tbody></table></details>`;
}

/** A capped report lists the documents it does not show, and says where to read them. */
function omittedBlock(report: Report): string {
  const o = report.omitted;
  if (!o) return '';
  const rows = o.listed
    .map((d) => `<tr><td>${escapeHtml(d.title)}</td><td>${escapeHtml(d.author ?? '')}</td><td>${escapeHtml(d.publishedAt ?? '')}</td><td>${escapeHtml(Object.entries(d.counts).map(([k, n]) => `${n} ${k}`).join(', '))}</td></tr>`)
    .join('');
  return `<section class="omitted"><h2>${o.total - report.documents.length} more documents</h2><p class="note">This report shows ${report.documents.length} of ${o.total} documents in full; the others are listed here${o.unlisted ? ` (and ${o.unlisted} only counted)` : ''}. The JSON report (<code>--format json</code>) and the workbench (<code>discern serve</code>) hold every document.</p><table><thead><tr><th>Document</th><th>Author</th><th>Published</th><th>Findings</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

/** Corpus findings shown per kind in the HTML report; the JSON report has them all. */
const MAX_CORPUS_PER_KIND = 200;

function corpusBlock(report: Report): string {
  const sections = corpusSections
    .filter((s) => report.corpus.sections[s.key])
    .map((s) => `<details open><summary>${escapeHtml(s.title)}</summary>${s.html(report.corpus.sections[s.key], escapeHtml)}</details>`)
    .join('');
  if (report.corpus.findings.length === 0) return sections ? `<section class="corpus"><h2>Across the corpus</h2>${sections}</section>` : '';
  const titles = new Map(report.documents.map((d) => [d.id, displayTitle(d)]));
  const groups = [...corpusByKind(report.corpus.findings)].map(([kind, list]) => {
    const more = list.length > MAX_CORPUS_PER_KIND ? `<p class="note">… and ${list.length - MAX_CORPUS_PER_KIND} more (see the JSON report).</p>` : '';
    const items = list
      .slice(0, MAX_CORPUS_PER_KIND)
      .map((f) => {
        const members = f.members
          .map((m) => `<li>${m.role ? `${escapeHtml(m.role)}: ` : ''}<a href="#doc-${escapeHtml(m.doc)}">${escapeHtml(titles.get(m.doc) ?? m.doc)}</a>${m.quote ? ` “${escapeHtml(shorten(m.quote, 140))}”` : ''}</li>`)
          .join('');
        return `<li><strong>${escapeHtml(f.label)}</strong> (score ${f.score.toFixed(2)}): ${escapeHtml(f.explanation)}<ul>${members}</ul></li>`;
      })
      .join('');
    return `<h3>${escapeHtml(kind)} (${list.length})</h3><ul>${items}</ul>${more}`;
  });
  return `<section class="corpus"><h2>Across the corpus</h2>${sections}${groups.join('')}</section>`;
}

/** Verdicts: the claim's verdict beside the passage it rests on (escaped, like all text). */
function passageHtml(f: { kind: string; data?: Record<string, unknown> }): string {
  if (f.kind === 'fact-check' && typeof f.data?.url === 'string') return ` <span class="note">${escapeHtml(f.data.url)}</span>`;
  if (f.kind !== 'verification' || !Array.isArray(f.data?.evidence)) return '';
  const quotes = (f.data.evidence as Array<{ title: string | null; source: string; start: number; end: number; quote: string }>).slice(0, 2);
  return quotes.map((e) => `<blockquote class="passage">${escapeHtml(e.quote)}<footer>${escapeHtml(e.title ?? e.source)}, ${e.start}–${e.end}</footer></blockquote>`).join('');
}
