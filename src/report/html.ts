import { reviewText } from './review-text.js';
import type { Finding, Section } from '../core/types.js';
import { displayLabel } from './technique-names.js';
import { displayTitle, kindsOf, type Report, type ReportDocument } from './model.js';
import { corpusSections } from './corpus-sections/index.js';
import { documentProfiles } from './profiles/index.js';
import { BACKGROUND_KINDS, corpusByKind, shorten } from './summary.js';
import { firstKind, kindColor } from './palette.js';
import { KEY_FINDINGS_KEY, type KeyFinding, type KeyFindingsView } from './key-findings-section.js';
import { keyFindingsOfReport, reportAnchor, shownDocuments } from './key-findings-anchors.js';

/**
 * One self-contained HTML file: the key findings first, then every document with its
 * sections and highlighted findings, the findings listed with their explanations, and the
 * corpus sections. It holds no script at all — the kind switcher is CSS (radio buttons), and
 * a Content-Security-Policy forbids scripts — and every piece of document text is escaped,
 * so hostile text stays text.
 *
 * Highlights show ONE finding kind at a time (the switcher in the header), so colours never
 * stack: every character carries at most one tint. Each highlight's tooltip gives the label,
 * the score and the explanation; weak findings (score < WEAK_SCORE) are dashed, not filled.
 * Colours come from the palette the workbench uses (src/report/palette.ts).
 */

/** Findings scored below this are drawn faintly (dashed, no fill), so confident ones stand out. */
const WEAK_SCORE = 0.5;

export function renderHtml(report: Report): string {
  const kinds = kindsOf(report);
  const first = firstKind(kinds.filter((k) => !BACKGROUND_KINDS.has(k)));
  const key = keyFindingsOfReport(report);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Discern report</title>
<style>${styles(kinds)}</style>
</head>
<body>
${kinds.map((k) => `<input type="radio" name="hl-kind" class="toggle" id="show-${slug(k)}"${k === first ? ' checked' : ''}>`).join('\n')}
<input type="radio" name="hl-kind" class="toggle" id="show-none"${first ? '' : ' checked'}>
<header>
<h1>Discern report</h1>
<p class="meta">Generated ${escapeHtml(report.generatedAt)} by Discern ${escapeHtml(report.tool.version)} · ${report.omitted?.total ?? report.documents.length} documents · ${report.documents.reduce((n, d) => n + d.findings.length, 0)} findings · <a href="#key-findings">key findings</a> · <a href="#documents">documents</a> · <a href="#corpus">across the corpus</a></p>
<nav class="legend" aria-label="Highlight one finding kind at a time">Highlight: ${kinds
    .map((k) => `<label for="show-${slug(k)}" class="key k-${slug(k)}">${escapeHtml(kindWords(k))} <span class="count">${countKind(report, k)}</span></label>`)
    .join(' ')} <label for="show-none" class="key k-none">none</label></nav>
<p class="note">One kind is highlighted at a time. Filled: score ≥ ${WEAK_SCORE}; dashed: weaker. Hover a highlight for its label, score and explanation. ${escapeHtml(report.thresholds.note)}</p>
</header>
<main>
${errorsBlock(report)}
${keyFindingsBlock(report, key)}
<nav class="toc" id="documents"><h2>Documents</h2><ol>${report.documents.map((d) => `<li><a href="#doc-${d.id}">${escapeHtml(displayTitle(d))}</a>${key?.banners.some((b) => b.doc === d.id) ? ' <span class="flag">templated comments</span>' : ''}</li>`).join('')}</ol></nav>
${report.documents.map((d) => documentBlock(report, d, key)).join('\n')}
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

/** "inauthentic-signal" → "inauthentic signal". */
function kindWords(kind: string): string {
  return kind.replace(/-/g, ' ');
}

function countKind(report: Report, kind: string): number {
  return report.documents.reduce((n, d) => n + d.findings.filter((f) => f.kind === kind).length, 0);
}

function styles(kinds: string[]): string {
  const perKind = kinds
    .map((k) => {
      const s = slug(k);
      const c = kindColor(k);
      return `#show-${s}:checked~main .text .k-${s}{background:${c}38;border-bottom:2px solid ${c}}
#show-${s}:checked~main .text .k-${s}.weak{background:transparent;border-bottom:1px dashed ${c}}
.key.k-${s}{border-color:${c}}
#show-${s}:checked~header .key.k-${s}{background:${c}38;font-weight:600}
#show-${s}:checked~main tr.k-${s}{display:table-row}`;
    })
    .join('\n');
  return `:root{color-scheme:light dark;--fg:#1d1d1f;--bg:#fff;--muted:#6b6b70;--line:#ddd;--warn:#b45309;--warn-bg:#fff7ed}
@media (prefers-color-scheme:dark){:root{--fg:#e8e8ea;--bg:#17171a;--muted:#9a9aa2;--line:#333;--warn:#fdba74;--warn-bg:#2a1d10}}
body{font:16px/1.55 system-ui,sans-serif;color:var(--fg);background:var(--bg);margin:0}
a{color:inherit}
header{position:sticky;top:0;background:var(--bg);border-bottom:1px solid var(--line);padding:.5rem 1.2rem;z-index:1}
header h1{font-size:1.2rem;margin:0}.meta{color:var(--muted);margin:.2rem 0;font-size:.85rem}
.note{color:var(--muted);font-size:.8rem;margin:.2rem 0}
main{max-width:62rem;margin:0 auto;padding:1rem 1.2rem}
.toggle{position:fixed;top:0;left:0;opacity:0;pointer-events:none}
[id]{scroll-margin-top:12rem}
.key{display:inline-block;border:2px solid var(--line);border-radius:1rem;padding:0 .6rem;margin:.15rem;cursor:pointer;font-size:.85rem;user-select:none}
#show-none:checked~header .key.k-none{background:var(--line);font-weight:600}
.count{color:var(--muted)}
.key-findings{border:2px solid var(--line);border-radius:.5rem;padding:.4rem 1rem .6rem}
.key-findings h2{margin:.2rem 0 .4rem;font-size:1.15rem}
.kf{list-style:none;margin:0;padding:0}
.kf li{display:grid;grid-template-columns:10rem minmax(0,1fr);column-gap:.6rem;padding:.25rem 0;border-bottom:1px solid var(--line);font-size:.92rem;line-height:1.4}
.kf li:last-child{border-bottom:0}
.kf .tag{padding-top:.1rem;font-size:.75rem;font-weight:700;text-transform:uppercase;letter-spacing:.02em;color:var(--muted)}
.kf .tag.t-comments{color:var(--warn)}
.kf .q{grid-column:2;color:var(--muted);font-size:.82rem;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.banner{border-left:6px solid var(--warn);background:var(--warn-bg);padding:.5rem .8rem;margin:.6rem 0;border-radius:.3rem}
.banner strong{color:var(--warn)}
.flag{font-size:.75rem;color:var(--warn);border:1px solid var(--warn);border-radius:.8rem;padding:0 .4rem}
article.doc{border-top:2px solid var(--line);margin-top:2rem;padding-top:1rem}
.source{color:var(--muted);font-size:.9rem}
.section{margin:.5rem 0;white-space:pre-wrap}
.s-title{font-size:1.4rem;font-weight:700}.s-heading{font-weight:700;font-size:1.1rem}
.s-byline{font-style:italic;color:var(--muted)}.s-boilerplate{color:var(--muted);font-size:.8rem;border-left:3px solid var(--line);padding-left:.5rem}
.s-comment{border-left:3px solid #8886;padding-left:.7rem;font-size:.95rem}
.comment-head{font-size:.8rem;color:var(--muted);display:block}
.text span[title]{cursor:help}
.section:target,.corpus li:target{outline:3px solid #f59e0b;outline-offset:3px}
.anchor:target+span{outline:3px solid #f59e0b;outline-offset:2px}
table{border-collapse:collapse;width:100%;font-size:.88rem;margin:.5rem 0}
th,td{border-bottom:1px solid var(--line);padding:.25rem .4rem;text-align:left;vertical-align:top}
td.num{text-align:right}
main tr.kr{display:none}
details{margin:.6rem 0}summary{cursor:pointer;font-weight:600}
.errors{border:2px solid #db4437;padding:.5rem 1rem;border-radius:.4rem}
@media print{header{position:static}.toggle,.legend{display:none}}
${perKind}`;
}

/** The ranked key findings, each line a link to its evidence in this report. */
function keyFindingsBlock(report: Report, key: KeyFindingsView | null): string {
  if (!key || key.items.length === 0) return '';
  const shown = shownDocuments(report);
  return `<section class="key-findings" id="key-findings"><h2>Key findings</h2><ol class="kf">${key.items.map((k) => keyFindingItem(report, k, shown)).join('')}</ol></section>`;
}

function keyFindingItem(report: Report, k: KeyFinding, shown: ReturnType<typeof shownDocuments>): string {
  const href = reportAnchor(report, k.evidence, shown);
  return `<li class="kf-${k.kind}"><span class="tag t-${k.kind}">${escapeHtml(k.tag)}</span> <a href="${href}">${escapeHtml(k.text)}</a>${k.quote ? `<span class="q">“${escapeHtml(k.quote)}”</span>` : ''}</li>`;
}

function errorsBlock(report: Report): string {
  if (report.errors.length === 0) return '';
  const items = report.errors.map((e) => `<li><code>${escapeHtml(e.input)}</code> (${escapeHtml(e.code)}): ${escapeHtml(e.message)}</li>`).join('');
  return `<section class="errors"><h2>Inputs that failed</h2><ul>${items}</ul></section>`;
}

function documentBlock(report: Report, doc: ReportDocument, key: KeyFindingsView | null): string {
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
  const banner = key?.banners.find((b) => b.doc === doc.id);
  const bannerHtml = banner ? `<p class="banner" role="note"><strong>${banner.verdict === 'templated' ? 'Templated comment section' : 'Partly templated comment section'}.</strong> ${escapeHtml(banner.text.replace(/^[^:]*:\s*/, ''))} <a href="${reportAnchor(report, banner.evidence)}">See the comments</a>.</p>` : '';
  const own = (key?.items ?? []).filter((k) => k.docs.includes(doc.id) && k.kind !== 'comments');
  const ownHtml = own.length ? `<details open><summary>Key findings in this document (${own.length})</summary><ol class="kf">${own.map((k) => keyFindingItem(report, k, shownDocuments(report))).join('')}</ol></details>` : '';
  return `<article class="doc" id="doc-${doc.id}">
<h2>${escapeHtml(displayTitle(doc))}</h2>
${bannerHtml}
<p class="source">${facts.join(' · ')}</p>
${ownHtml}
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
 * Text of [start, end) with findings as spans: the text is cut at every finding boundary and
 * each piece is wrapped once per kind that covers it (never once per finding). Only the kind
 * picked in the switcher is coloured, so a piece shows at most one tint; the others stay
 * plain text with their tooltip. Every finding gets an anchor (`#f-<id>`) where it starts.
 */
function highlight(text: string, start: number, end: number, findings: Finding[]): string {
  const inside = findings.filter((f) => f.start < end && f.end > start && f.end > f.start);
  const cuts = new Set([start, end]);
  for (const f of inside) {
    cuts.add(Math.max(start, f.start));
    cuts.add(Math.min(end, f.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  let html = '';
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    let piece = escapeHtml(text.slice(a, b));
    const covering = inside.filter((f) => f.start <= a && f.end >= b);
    const byKind = new Map<string, Finding[]>();
    for (const f of covering) {
      const list = byKind.get(f.kind);
      if (list) list.push(f);
      else byKind.set(f.kind, [f]);
    }
    for (const [kind, list] of [...byKind].sort((x, y) => y[0].localeCompare(x[0]))) {
      const title = list.map((f) => `${kindWords(f.kind)}: ${displayLabel(f.kind, f.label)} (score ${f.score.toFixed(2)}) — ${f.explanation}`).join('\n');
      const weak = list.every((f) => f.score < WEAK_SCORE) ? ' weak' : '';
      const best = list.reduce((m, f) => Math.max(m, f.score), 0);
      piece = `<span class="k-${slug(kind)}${weak}" data-score="${best.toFixed(2)}" title="${escapeHtml(title)}">${piece}</span>`;
    }
    const anchors = inside.filter((f) => Math.max(start, f.start) === a && f.start >= start).map((f) => `<a class="anchor" id="f-${f.id}"></a>`).join('');
    html += anchors + piece;
  }
  return html;
}

function findingsTable(doc: ReportDocument): string {
  const rows = doc.findings
    .filter((f) => !BACKGROUND_KINDS.has(f.kind))
    .map(
      (f) =>
        `<tr class="kr k-${slug(f.kind)}"><td>${escapeHtml(kindWords(f.kind))}</td><td>${escapeHtml(displayLabel(f.kind, f.label))}</td><td><a href="#f-${f.id}">“${escapeHtml(shorten(f.quote, 90))}”</a></td><td class="num">${f.start}–${f.end}</td><td class="num">${f.score.toFixed(2)}</td><td>${escapeHtml(f.explanation)}${passageHtml(f)}${f.review ? `<br><em>${escapeHtml(reviewText(f))}</em>` : ''}</td></tr>`,
    )
    .join('');
  if (!rows) return '';
  return `<details><summary>Findings of the highlighted kind</summary><table><thead><tr><th>Kind</th><th>Label</th><th>Quote</th><th>Span</th><th>Score</th><th>Why</th></tr></thead><tbody>${rows}</tbody></table></details>`;
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
/** Members (passages) listed per corpus finding; a copy group of many documents says how many more. */
const MAX_MEMBERS_SHOWN = 50;

function corpusBlock(report: Report): string {
  const sections = corpusSections
    .filter((s) => s.key !== KEY_FINDINGS_KEY && report.corpus.sections[s.key])
    .map((s) => `<details open><summary>${escapeHtml(s.title)}</summary>${s.html(report.corpus.sections[s.key], escapeHtml)}</details>`)
    .join('');
  if (report.corpus.findings.length === 0) return sections ? `<section class="corpus" id="corpus"><h2>Across the corpus</h2>${sections}</section>` : '';
  const titles = new Map(report.documents.map((d) => [d.id, displayTitle(d)]));
  for (const d of report.omitted?.listed ?? []) titles.set(d.id, d.title);
  const shown = shownDocuments(report);
  const groups = [...corpusByKind(report.corpus.findings)].map(([kind, list]) => {
    const more = list.length > MAX_CORPUS_PER_KIND ? `<p class="note">… and ${list.length - MAX_CORPUS_PER_KIND} more (see the JSON report).</p>` : '';
    const items = list
      .slice(0, MAX_CORPUS_PER_KIND)
      .map((f) => {
        // a copy group may list thousands of documents: the first MAX_MEMBERS_SHOWN, then a count
        const hidden = f.members.length - MAX_MEMBERS_SHOWN;
        const members = f.members
          .slice(0, MAX_MEMBERS_SHOWN)
          .map((m) => `<li>${m.role ? `${escapeHtml(m.role)}: ` : ''}<a href="${reportAnchor(report, { doc: m.doc, start: m.start, view: 'document', corpusFinding: f.id }, shown)}">${escapeHtml(titles.get(m.doc) ?? m.doc)}</a>${m.quote ? ` “${escapeHtml(shorten(m.quote, 140))}”` : ''}</li>`)
          .join('');
        const rest = hidden > 0 ? `<li class="note">… and ${hidden} more passages (see the JSON report).</li>` : '';
        return `<li id="c-${f.id}"><strong>${escapeHtml(f.label)}</strong> (score ${f.score.toFixed(2)}): ${escapeHtml(f.explanation)}<ul>${members}${rest}</ul></li>`;
      })
      .join('');
    return `<h3>${escapeHtml(kind)} (${list.length})</h3><ul>${items}</ul>${more}`;
  });
  return `<section class="corpus" id="corpus"><h2>Across the corpus</h2>${sections}${groups.join('')}</section>`;
}

/** Verdicts: the claim's verdict beside the passage it rests on (escaped, like all text). */
function passageHtml(f: { kind: string; data?: Record<string, unknown> }): string {
  if (f.kind === 'fact-check' && typeof f.data?.url === 'string') return ` <span class="note">${escapeHtml(f.data.url)}</span>`;
  if (f.kind !== 'verification' || !Array.isArray(f.data?.evidence)) return '';
  const quotes = (f.data.evidence as Array<{ title: string | null; source: string; start: number; end: number; quote: string }>).slice(0, 2);
  return quotes.map((e) => `<blockquote class="passage">${escapeHtml(e.quote)}<footer>${escapeHtml(e.title ?? e.source)}, ${e.start}–${e.end}</footer></blockquote>`).join('');
}
