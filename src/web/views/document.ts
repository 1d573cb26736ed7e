/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { getJson, type DocumentFull, type Finding, type Section } from '../api.js';
import { firstKind, kindColor } from '../colors.js';
import { clear, formatDate, h } from '../dom.js';
import { primary, segment } from '../highlight.js';
import { commentBanner, fetchKeyFindings, keyFindingsList, type KeyFindingsResponse } from '../key-findings.js';
import { displayLabel } from '../../report/technique-names.js';
import { href, replaceParams, type Route } from '../router.js';
import { reviewerName, reviewPanel, sendReview } from './review.js';
import { DEFAULT_MIN_SCORES, passes } from '../../report/thresholds.js';
import { clipText } from '../../core/clip.js';
import type { EvidenceQuote } from '../../reference/verify.js';

/**
 * One document: a banner when its comment section is templated, the key findings that name
 * it, then its text by section with ONE finding kind highlighted at a time (the kind switcher:
 * colours never stack; overlapping findings of that kind share one tint, a click picks the
 * most specific, a second click the next one under the cursor), each highlight's tooltip
 * giving label, score and explanation, a score threshold, a label filter, the list of findings,
 * and a side panel that explains the selected one (and lists what other kinds cover the same
 * characters) with its review controls. Rejected findings are hidden unless
 * the switch shows them; confirmed ones are marked. Keys: j / k next and previous finding,
 * c confirm and x reject the selected one, Escape clears.
 */

interface State {
  doc: DocumentFull;
  /** the one kind highlighted, or null for plain text */
  kind: string | null;
  labelFilter: string;
  selected: number | null;
  /** finding index → its highlight elements in the text */
  marks: Map<number, HTMLElement[]>;
  /** visible finding indices in text order */
  visible: number[];
  showRejected: boolean;
  /** display threshold for every kind, or null for each kind's default (report/thresholds.ts) */
  minScore: number | null;
}

export async function renderDocument(root: HTMLElement, route: Route): Promise<() => void> {
  const id = route.arg ?? '';
  const [doc, key] = await Promise.all([
    getJson<DocumentFull>(`/documents/${encodeURIComponent(id)}`),
    fetchKeyFindings({ doc: id }).catch((): KeyFindingsResponse | null => null),
  ]);
  const wantedKind = route.params.get('kind');
  const kindsHere = new Set(doc.findings.map((f) => f.kind));
  // arriving at a passage (a key finding's evidence): the passage alone is marked until a kind is picked
  const arriving = !route.params.get('f') && /^\d+-\d+$/.test(route.params.get('at') ?? '');
  const initialKind = wantedKind && kindsHere.has(wantedKind) ? wantedKind : arriving ? null : firstKind([...kindsHere].filter((k) => k !== 'sentence' && k !== 'language'));
  const state: State = { doc, kind: initialKind, labelFilter: '', selected: null, marks: new Map(), visible: [], showRejected: false, minScore: null };
  const nodes: TextNodes = [];

  const text = h('article', { class: 'doc-text', 'aria-label': 'document text', lang: doc.lang ?? undefined });
  const detail = h('section', { class: 'detail', 'aria-live': 'polite', 'aria-label': 'selected finding' }, h('p', { class: 'muted' }, 'Click a highlighted passage or a finding in the list.'));
  const list = h('nav', { class: 'finding-list', 'aria-label': 'findings' });
  const legend = h('fieldset', { class: 'legend-box' }, h('legend', {}, 'Finding kinds'));
  const filterInput = h('input', { type: 'search', placeholder: 'filter by label or quote', 'aria-label': 'filter findings by label or quote' });
  const rejectedSwitch = h('input', { type: 'checkbox', name: 'show-rejected' });
  const rejectedCount = h('small', {});
  const countRejected = () => {
    rejectedCount.textContent = `(${doc.findings.filter((f) => f.review?.status === 'rejected').length})`;
  };
  countRejected();
  rejectedSwitch.addEventListener('change', () => {
    state.showRejected = rejectedSwitch.checked;
    rerender();
  });
  // score slider: one threshold for every kind; "defaults" goes back to each kind's own
  const scoreSlider = h('input', { type: 'range', min: '0', max: '1', step: '0.05', value: '0', name: 'min-score', 'aria-label': 'minimum score of the findings shown' });
  const scoreValue = h('output', { for: 'min-score' });
  const scoreReset = h('button', { type: 'button', class: 'link', title: `each kind's default display threshold (${Object.entries(DEFAULT_MIN_SCORES).map(([kind, t]) => `${kind} ${t}`).join(', ')})` }, 'defaults');
  const showScore = () => {
    scoreValue.textContent = state.minScore === null ? "each kind's default" : `≥ ${state.minScore.toFixed(2)}`;
  };
  showScore();
  scoreSlider.addEventListener('input', () => {
    state.minScore = Number(scoreSlider.value);
    showScore();
    rerender();
  });
  scoreReset.addEventListener('click', () => {
    state.minScore = null;
    scoreSlider.value = '0';
    showScore();
    rerender();
  });

  const counts = new Map<string, HTMLElement>();
  const rerender = () => {
    // legend counts: what passes the threshold and reviews, of all stored
    for (const [kind, el] of counts) {
      const all = doc.findings.filter((f) => f.kind === kind);
      const shown = all.filter((f) => isShown(state, f)).length;
      el.textContent = shown === all.length ? `(${all.length})` : `(${shown} of ${all.length})`;
    }
    renderText(state, text, select, nodes);
    renderList(state, list, select);
    if (state.selected !== null && !state.visible.includes(state.selected)) select(null, false);
    else if (state.selected !== null) select(state.selected, false);
  };

  function select(index: number | null, scroll = true): void {
    for (const el of text.querySelectorAll('.sel')) el.classList.remove('sel');
    for (const el of list.querySelectorAll('[aria-current]')) el.removeAttribute('aria-current');
    state.selected = index;
    if (index === null) {
      clear(detail);
      detail.append(h('p', { class: 'muted' }, 'Click a highlighted passage or a finding in the list.'));
      replaceParams({ f: null });
      return;
    }
    const finding = doc.findings[index];
    const marks = state.marks.get(index) ?? [];
    for (const m of marks) m.classList.add('sel');
    const item = list.querySelector(`[data-index="${index}"]`);
    item?.setAttribute('aria-current', 'true');
    renderDetail(state, detail, index, select, showKind);
    detail.append(reviewPanel(finding, () => afterReview(index)));
    replaceParams({ f: finding.id, at: null });
    if (scroll && marks[0]) marks[0].scrollIntoView({ block: 'center', behavior: 'smooth' });
  }

  function afterReview(index: number): void {
    countRejected();
    rerender();
    if (state.visible.includes(index)) select(index, false);
  }

  // one kind at a time: a radio group, so no two colours ever cover the same characters
  const kinds = countKinds(doc.findings);
  const radios = new Map<string, HTMLInputElement>();
  const showKind = (kind: string | null) => {
    state.kind = kind;
    for (const [k, radio] of radios) radio.checked = k === (kind ?? '');
    replaceParams({ kind });
    rerender();
  };
  for (const [kind, count] of [...kinds, ['', 0] as [string, number]]) {
    const radio = h('input', { type: 'radio', name: 'hl-kind', value: kind, 'data-kind': kind || 'none' });
    radio.checked = kind === (state.kind ?? '');
    radio.addEventListener('change', () => {
      if (radio.checked) showKind(kind || null);
    });
    radios.set(kind, radio);
    const sw = h('span', { class: 'swatch', 'aria-hidden': 'true' });
    sw.style.setProperty('--kc', kind ? kindColor(kind) : 'transparent');
    const countEl = h('small', {}, `(${count})`);
    if (kind) counts.set(kind, countEl);
    legend.append(h('label', { class: 'legend-item' }, radio, sw, ` ${kind ? kind.replace(/-/g, ' ') : 'none'} `, kind ? countEl : null));
  }
  filterInput.addEventListener('input', () => {
    state.labelFilter = filterInput.value.trim().toLowerCase();
    rerender();
  });

  root.append(
    header(doc, key),
    h(
      'div',
      { class: 'doc-layout' },
      h('div', { class: 'doc-main' }, text),
      h('aside', { class: 'doc-side' }, legend, h('label', { class: 'filter' }, filterInput), h('label', { class: 'switch' }, rejectedSwitch, ' show rejected findings ', rejectedCount), h('label', { class: 'score' }, 'score ', scoreSlider, ' ', scoreValue, ' ', scoreReset), detail, h('h2', { class: 'side-h' }, 'Findings'), list),
    ),
  );
  rerender();

  const wanted = route.params.get('f');
  const at = /^(\d+)-(\d+)$/.exec(route.params.get('at') ?? '');
  if (wanted) {
    const index = doc.findings.findIndex((f) => f.id === wanted);
    if (index >= 0) {
      if (state.kind !== doc.findings[index].kind) showKind(doc.findings[index].kind);
      select(index);
    }
  } else if (at) {
    targetSpan(text, nodes, Number(at[1]), Number(at[2]));
  }

  const onKey = (event: KeyboardEvent) => {
    if (isTyping(event)) return;
    if (event.key === 'j' || event.key === 'k') {
      if (state.visible.length === 0) return;
      const pos = state.selected === null ? -1 : state.visible.indexOf(state.selected);
      const next = event.key === 'j' ? Math.min(state.visible.length - 1, pos + 1) : Math.max(0, pos - 1);
      select(state.visible[next]);
      event.preventDefault();
    } else if ((event.key === 'c' || event.key === 'x') && state.selected !== null) {
      const index = state.selected;
      const name = reviewerName();
      if (!name) {
        detail.querySelector<HTMLInputElement>('input[name="reviewer"]')?.focus();
        return;
      }
      event.preventDefault();
      void sendReview(doc.findings[index], { status: event.key === 'c' ? 'confirmed' : 'rejected', reviewer: name }).then(
        () => afterReview(index),
        () => {
          const msg = detail.querySelector('.review-msg');
          if (msg) msg.textContent = 'Not saved: the server refused the review.';
        },
      );
    } else if (event.key === 'Escape') {
      select(null);
    }
  };
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}

function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  return !!target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable) || event.ctrlKey || event.metaKey || event.altKey;
}

function countKinds(findings: Finding[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  return [...counts].sort((a, b) => a[0].localeCompare(b[0]));
}

function header(doc: DocumentFull, key: KeyFindingsResponse | null): HTMLElement {
  const s = doc.source;
  const meta: Array<Node | string> = [];
  const add = (label: string, value: Node | string | null | undefined) => {
    if (!value) return;
    meta.push(h('span', { class: 'meta-item' }, h('span', { class: 'muted' }, `${label} `), value));
  };
  add('Outlet', s.outlet);
  add('Published', s.publishedAt ? formatDate(s.publishedAt) : null);
  add('By', s.author);
  add('Language', doc.lang);
  if (s.url) add('Source', h('a', { href: s.url, rel: 'noopener noreferrer nofollow', target: '_blank' }, s.url));
  else add('File', s.path);
  const profiles: HTMLElement[] = [];
  if (doc.sourcing) {
    const b = doc.sourcing.byStrength;
    profiles.push(h('li', {}, `${doc.sourcing.claims} claims: ${b.verifiable ?? 0} verifiable, ${b.named ?? 0} named, ${(b.anonymous ?? 0) + (b['vague-appeal'] ?? 0)} anonymous or vague, ${b.unsupported ?? 0} unsupported`));
  }
  if (doc.techniques) {
    profiles.push(h('li', {}, `${doc.techniques.total} technique spans (${doc.techniques.density} per 1,000 words): ${doc.techniques.techniques.slice(0, 4).map((t) => `${displayLabel('technique', t.technique)} ${t.count}`).join(', ')}`));
  }
  if (doc.actors) {
    profiles.push(h('li', {}, `Actors: ${doc.actors.actors.slice(0, 6).map((a) => `${a.name} ×${a.mentions}`).join(', ')}`));
  }
  const banner = key?.banners.find((b) => b.doc === doc.id);
  const own = (key?.items ?? []).filter((k) => k.kind !== 'comments');
  return h(
    'header',
    { class: 'doc-header' },
    h('p', { class: 'crumbs' }, h('a', { href: href('overview') }, 'Corpus'), ' › document ', h('code', {}, doc.id)),
    banner ? commentBanner(banner) : null,
    h('h1', {}, s.title ?? s.path?.split(/[\\/]/).pop() ?? s.url ?? doc.id),
    h('p', { class: 'meta' }, ...meta),
    own.length > 0 ? h('details', { class: 'doc-key-findings', open: true }, h('summary', {}, `Key findings naming this document (${own.length})`), keyFindingsList(own, { compact: true })) : null,
    profiles.length > 0 ? h('ul', { class: 'profiles' }, ...profiles) : null,
    exportLinks({ doc: doc.id }),
  );
}

/** Download links for every export format (reviews honoured). */
export function exportLinks(params: Record<string, string> = {}): HTMLElement {
  const qs = new URLSearchParams(params).toString();
  const formats: Array<[string, string]> = [['stix', 'STIX 2.1'], ['claimreview', 'ClaimReview'], ['csv', 'CSV'], ['jsonl', 'JSON Lines'], ['graphml', 'GraphML']];
  return h(
    'p',
    { class: 'exports' },
    h('span', { class: 'muted' }, 'Export: '),
    ...formats.flatMap(([format, name]) => [h('a', { href: `/api/v1/export/${format}${qs ? `?${qs}` : ''}`, download: '', 'data-format': format }, name), ' ']),
  );
}

/** Shown at all (threshold, reviews), whatever kind is highlighted. */
function isShown(state: State, f: Finding): boolean {
  if (!passes(f, { minScore: state.minScore })) return false;
  return !(f.review?.status === 'rejected' && !state.showRejected);
}

function isVisible(state: State, f: Finding): boolean {
  if (f.kind !== state.kind || !isShown(state, f)) return false;
  if (!state.labelFilter) return true;
  return f.label.toLowerCase().includes(state.labelFilter) || f.quote.toLowerCase().includes(state.labelFilter);
}

const BLOCK_TAG: Record<Section['kind'], 'h2' | 'h3' | 'p' | 'div'> = { title: 'h2', heading: 'h3', byline: 'p', body: 'p', comment: 'div', boilerplate: 'p' };

/** Text nodes of the rendered document in text order, with the offset each starts at (to mark an exact span). */
type TextNodes = Array<{ node: Text; start: number }>;

/** Findings under this score are drawn dashed, without a fill (as in the HTML report). */
const WEAK_SCORE = 0.5;

function renderText(state: State, root: HTMLElement, select: (i: number | null, scroll?: boolean) => void, nodes: TextNodes): void {
  const { doc } = state;
  clear(root);
  nodes.length = 0;
  state.marks = new Map();
  const indices = doc.findings.map((_, i) => i).filter((i) => isVisible(state, doc.findings[i]));
  state.visible = [...indices].sort((a, b) => doc.findings[a].start - doc.findings[b].start || doc.findings[b].end - doc.findings[a].end);
  const spans = indices.map((i) => doc.findings[i]);
  const sections = [...doc.sections].sort((a, b) => a.start - b.start);
  const blocks = blockRanges(doc.text, sections);
  const cuts = blocks.flatMap((b) => [b.start, b.end]);
  const segments = segment(spans, 0, doc.text.length, cuts);
  let k = 0;
  for (const block of blocks) {
    const container = blockElement(block.section, doc, sections);
    const body = container.querySelector<HTMLElement>('.comment-body') ?? container;
    while (k < segments.length && segments[k].end <= block.start) k++;
    for (; k < segments.length && segments[k].start < block.end; k++) {
      const seg = segments[k];
      const piece = doc.text.slice(Math.max(seg.start, block.start), Math.min(seg.end, block.end));
      const node = document.createTextNode(piece);
      nodes.push({ node, start: Math.max(seg.start, block.start) });
      if (seg.covering.length === 0) {
        body.append(node);
        continue;
      }
      const covering = seg.covering.map((c) => indices[c]);
      const main = indices[primary(spans, seg.covering) ?? seg.covering[0]];
      const status = doc.findings[main].review?.status;
      const best = covering.reduce((m, i) => Math.max(m, doc.findings[i].score), 0);
      // the tooltip names every finding here with its score: the score is on every highlight
      const title = covering.map((i) => { const f = doc.findings[i]; return `${displayLabel(f.kind, f.label)} · score ${f.score.toFixed(2)} — ${f.explanation}`; }).join('\n');
      const mark = h('mark', { class: `hl${covering.length > 1 ? ' multi' : ''}${best < WEAK_SCORE ? ' weak' : ''}${status ? ` rv-${status}` : ''}`, 'data-kind': doc.findings[main].kind, 'data-start': seg.start, 'data-score': best.toFixed(2), title }, node);
      mark.style.setProperty('--kc', kindColor(doc.findings[main].kind));
      mark.addEventListener('click', () => {
        const at = state.selected === null ? -1 : covering.indexOf(state.selected);
        const ordered = [main, ...covering.filter((c) => c !== main)];
        select(at >= 0 && covering.length > 1 ? ordered[(ordered.indexOf(state.selected!) + 1) % ordered.length] : main, false);
      });
      for (const i of covering) {
        const list = state.marks.get(i) ?? [];
        list.push(mark);
        state.marks.set(i, list);
      }
      body.append(mark);
    }
    root.append(container);
  }
}

interface Block {
  start: number;
  end: number;
  section: Section | null;
}

/** Sections in text order, plus any stretch of text no section covers that is not blank. */
function blockRanges(text: string, sections: Section[]): Block[] {
  const blocks: Block[] = [];
  let at = 0;
  for (const section of sections) {
    if (section.start < at) continue;
    if (section.start > at && text.slice(at, section.start).trim()) blocks.push(trimmed(text, at, section.start));
    blocks.push({ start: section.start, end: section.end, section });
    at = section.end;
  }
  if (at < text.length && text.slice(at).trim()) blocks.push(trimmed(text, at, text.length));
  return blocks;
}

/** A stretch of text outside every section, without its surrounding blank lines. */
function trimmed(text: string, start: number, end: number): Block {
  const slice = text.slice(start, end);
  const lead = slice.length - slice.trimStart().length;
  const trail = slice.length - slice.trimEnd().length;
  return { start: start + lead, end: end - trail, section: null };
}

function blockElement(section: Section | null, doc: DocumentFull, sections: Section[]): HTMLElement {
  if (!section) return h('p', { class: 'sec sec-other' });
  const el = h(BLOCK_TAG[section.kind], { class: `sec sec-${section.kind}`, 'data-start': section.start, 'data-end': section.end });
  if (section.kind === 'comment') {
    const parent = typeof section.parent === 'number' ? sections[section.parent] : null;
    if (parent) el.classList.add('reply');
    // the page's own header line ("Name on <date>") usually stands just before the comment
    const shown = section.author ? doc.text.slice(Math.max(0, section.start - 200), section.start).includes(section.author) : false;
    if (!shown) el.append(h('p', { class: 'comment-meta' }, h('strong', {}, section.author ?? 'anonymous'), section.postedAt ? ` · ${formatDate(section.postedAt)}` : ''));
    el.append(h('p', { class: 'comment-body' }));
  }
  return el;
}

function renderList(state: State, root: HTMLElement, select: (i: number | null, scroll?: boolean) => void): void {
  clear(root);
  const byKind = new Map<string, number[]>();
  for (const i of state.visible) {
    const kind = state.doc.findings[i].kind;
    byKind.set(kind, [...(byKind.get(kind) ?? []), i]);
  }
  if (byKind.size === 0) root.append(h('p', { class: 'muted' }, state.kind ? 'No finding of this kind passes the filters.' : 'No kind highlighted: pick one above.'));
  for (const [kind, items] of [...byKind].sort((a, b) => a[0].localeCompare(b[0]))) {
    const group = h('details', { open: items.length <= 40 }, h('summary', {}, `${kind} (${items.length})`));
    const ul = h('ul', {});
    for (const i of items) {
      const f = state.doc.findings[i];
      const status = f.review?.status;
      const badge = status === 'confirmed' ? '✓ ' : status === 'rejected' ? '✗ ' : status === 'corrected' ? '✎ ' : '';
      const button = h(
        'button',
        { type: 'button', class: `finding-item${status ? ` rv-${status}` : ''}`, 'data-index': i, 'data-id': f.id, 'data-review': status ?? undefined, title: status ? `${status} by ${f.review?.reviewer}` : undefined },
        h('span', { class: 'label' }, badge, displayLabel(f.kind, f.label), h('small', { class: 'score' }, ` ${f.score.toFixed(2)}`)),
        h('span', { class: 'quote' }, clipText(f.quote, 80)),
      );
      button.style.setProperty('--kc', kindColor(kind));
      button.addEventListener('click', () => select(i));
      ul.append(h('li', {}, button));
    }
    group.append(ul);
    root.append(group);
  }
}


function renderDetail(state: State, root: HTMLElement, index: number, select: (i: number | null, scroll?: boolean) => void, showKind: (kind: string) => void): void {
  const f = state.doc.findings[index];
  clear(root);
  const chip = h('span', { class: 'chip' }, f.kind);
  chip.style.setProperty('--kc', kindColor(f.kind));
  root.append(
    h('h2', { class: 'side-h' }, chip, ' ', displayLabel(f.kind, f.label)),
    h('blockquote', { class: 'quote' }, f.quote),
    h('p', { class: 'explanation' }, f.explanation),
    h('dl', { class: 'facts' }, h('dt', {}, 'score'), h('dd', {}, f.score.toFixed(2)), h('dt', {}, 'characters'), h('dd', {}, `${f.start}–${f.end}`), h('dt', {}, 'analyser'), h('dd', {}, f.analyzer)),
  );
  const reference = referencePanel(f);
  if (reference) root.append(reference);
  if (f.data && Object.keys(f.data).length > 0) root.append(h('details', { class: 'data' }, h('summary', {}, 'data'), h('pre', {}, JSON.stringify(f.data, null, 2))));
  // every shown finding on these characters, of any kind: one click switches the highlight to it
  const overlapping = state.doc.findings.map((_, i) => i).filter((i) => i !== index && isShown(state, state.doc.findings[i]) && state.doc.findings[i].kind !== 'sentence' && state.doc.findings[i].start < f.end && state.doc.findings[i].end > f.start);
  if (overlapping.length > 0) {
    root.append(
      h('p', { class: 'muted' }, 'Also here:'),
      h(
        'ul',
        { class: 'also' },
        ...overlapping.slice(0, 12).map((i) => {
          const o = state.doc.findings[i];
          const b = h('button', { type: 'button', class: 'linkish' }, `${o.kind}: ${displayLabel(o.kind, o.label)} (${o.score.toFixed(2)})`);
          b.addEventListener('click', () => {
            if (state.kind !== o.kind) showKind(o.kind);
            select(i);
          });
          return h('li', {}, b);
        }),
      ),
    );
  }
}

/** A passage as the API sends it (the reference stage's own type, so the two cannot drift apart). */
type EvidencePassage = Pick<EvidenceQuote, 'source' | 'title' | 'issuer' | 'date' | 'url' | 'start' | 'end' | 'quote' | 'stance' | 'focus'>;

/** Text with one part marked (offsets relative to the text), as DOM nodes: never HTML. */
function marked(text: string, focus: { start: number; end: number } | null): Array<string | HTMLElement> {
  if (!focus || focus.start < 0 || focus.end > text.length || focus.end <= focus.start) return [text];
  return [text.slice(0, focus.start), h('mark', {}, text.slice(focus.start, focus.end)), text.slice(focus.end)];
}

function safeLink(url: string | null, label: string): HTMLElement | string {
  return url && /^https?:\/\//i.test(url) ? h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, label) : label;
}

/** A verdict: the claim and the passages it rests on, side by side; a fact-check: who rated what. */
function referencePanel(f: Finding): HTMLElement | null {
  const data = (f.data ?? {}) as Record<string, unknown>;
  if (f.kind === 'verification' && Array.isArray(data.evidence)) {
    const claimFocus = data.claimFocus as { start: number; end: number } | null;
    const claimSide = h('div', { class: 'verdict-claim' }, h('h3', {}, 'Claim'), h('p', {}, ...marked(f.quote, claimFocus ? { start: claimFocus.start - f.start, end: claimFocus.end - f.start } : null)));
    const passages = (data.evidence as EvidencePassage[]).map((e) =>
      h(
        'figure',
        { class: `passage stance-${e.stance}` },
        h('blockquote', {}, ...marked(e.quote, e.focus ? { start: e.focus.start - e.start, end: e.focus.end - e.start } : null)),
        h('figcaption', {}, safeLink(e.url, [e.issuer, e.title ?? e.source].filter(Boolean).join(', ')), e.date ? ` · ${e.date}` : '', ` · characters ${e.start}–${e.end} · ${e.stance}`),
      ),
    );
    const side = h('div', { class: 'verdict-passages' }, h('h3', {}, passages.length ? 'Reference passages' : 'No passage'), ...passages);
    return h('section', { class: `verdict verdict-${f.label}`, 'aria-label': `verdict: ${f.label}` }, h('p', { class: 'verdict-label' }, f.label), h('div', { class: 'verdict-grid' }, claimSide, side));
  }
  if (f.kind === 'fact-check') {
    return h(
      'section',
      { class: 'verdict factcheck', 'aria-label': 'earlier fact-check' },
      h('p', { class: 'verdict-label' }, `rated: ${String(data.rating ?? 'unrated')}`),
      h('blockquote', {}, String(data.claimReviewed ?? '')),
      h('p', {}, safeLink(typeof data.url === 'string' ? data.url : null, String(data.publisher ?? data.url ?? 'fact-check')), data.datePublished ? ` · ${String(data.datePublished)}` : ''),
    );
  }
  return null;
}

/**
 * A span named by the URL (a key finding's or corpus finding's evidence): its block outlined
 * and scrolled to, and the exact characters marked with a CSS custom highlight (no extra
 * element, so it never stacks with the finding highlights).
 */
function targetSpan(text: HTMLElement, nodes: TextNodes, start: number, end: number): void {
  for (const block of text.querySelectorAll<HTMLElement>('.sec')) {
    const s = Number(block.dataset.start);
    const e = Number(block.dataset.end);
    if (s <= start && start < e) {
      block.classList.add('target');
      block.scrollIntoView({ block: 'center' });
      block.setAttribute('aria-label', `passage ${start}–${end}`);
      break;
    }
  }
  const range = rangeOf(nodes, start, end);
  const registry = (CSS as unknown as { highlights?: Map<string, unknown> }).highlights;
  const HighlightClass = (window as unknown as { Highlight?: new (...ranges: Range[]) => unknown }).Highlight;
  if (range && registry && HighlightClass) registry.set('discern-target', new HighlightClass(range));
}

function rangeOf(nodes: TextNodes, start: number, end: number): Range | null {
  let first: { node: Text; offset: number } | null = null;
  let last: { node: Text; offset: number } | null = null;
  for (const { node, start: at } of nodes) {
    if (at >= end) break;
    const stop = at + node.length;
    if (stop <= start) continue;
    first ??= { node, offset: Math.max(0, start - at) };
    last = { node, offset: Math.min(node.length, end - at) };
  }
  if (!first || !last) return null;
  const range = document.createRange();
  range.setStart(first.node, first.offset);
  range.setEnd(last.node, last.offset);
  return range;
}
