/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { getJson } from '../api.js';
import { docLink, quoteWith, type DocRef } from '../doc-ref.js';
import { h } from '../dom.js';
import { href } from '../router.js';

/**
 * Disputed facts: for each subject and attribute the documents disagree on (a group's founding
 * year, an attack's toll…), every value side by side with the camps that give it and the
 * passages it rests on; below, facts that documents of different camps agree on.
 */

interface Passage {
  doc: string;
  start: number | null;
  end: number | null;
  quote: string | null;
}

interface Contradictions {
  contradictions: Array<{ id: string; label: string; subject: string; attribute: string; score: number; explanation: string; sides: Array<{ value: string; approximate: boolean; camps: string[]; passages: Passage[] }> }>;
  corroborations: Array<{ id: string; label: string; score: number; explanation: string; camps: string[]; passages: Passage[] }>;
  documents: Record<string, DocRef>;
}

function campChips(camps: string[]): Array<HTMLElement | string> {
  return camps.flatMap((c) => [h('a', { class: 'chip camp-chip', href: href('overview', null, { camp: c }) }, c), ' ']);
}

export async function renderContradictions(root: HTMLElement): Promise<void> {
  const data = await getJson<Contradictions>('/contradictions');
  root.append(h('h1', {}, 'Contradictions'));
  root.append(
    h('p', { class: 'lead' }, `${data.contradictions.length} disputed fact${data.contradictions.length === 1 ? '' : 's'}: the same attribute of the same subject given different values by different documents. Each side quotes its passages; the camps are those of the documents that give it.`),
  );
  if (data.contradictions.length === 0) root.append(h('p', { class: 'muted' }, 'No document contradicts another on a fact the analysers extract (founding dates, places, leaders, tolls, event dates).'));
  for (const c of data.contradictions) {
    root.append(
      h(
        'section',
        { class: 'card contradiction', 'data-id': c.id },
        h('h2', {}, c.subject, h('span', { class: 'muted' }, ` — ${c.attribute}`)),
        h(
          'div',
          { class: 'sides' },
          ...c.sides.map((side) =>
            h(
              'div',
              { class: 'side' },
              h('p', { class: 'side-value' }, h('strong', {}, side.value), side.approximate ? h('span', { class: 'muted' }, ' (approximate)') : null, ' ', ...campChips(side.camps)),
              ...side.passages.map((p) => h('div', { class: 'passage' }, quoteWith(p.quote ?? '', side.value), docLink(data.documents[p.doc], p.doc, p))),
            ),
          ),
        ),
        h('p', { class: 'muted small' }, c.explanation),
      ),
    );
  }
  if (data.corroborations.length > 0) {
    root.append(
      h(
        'section',
        { class: 'card corroborations' },
        h('h2', {}, `Agreed across camps (${data.corroborations.length})`),
        h(
          'ul',
          { class: 'plain' },
          ...data.corroborations.map((c) =>
            h('li', {}, h('strong', {}, c.label), ' ', ...campChips(c.camps), ...c.passages.slice(0, 4).map((p) => h('div', { class: 'passage' }, h('blockquote', { class: 'quote' }, p.quote ?? ''), docLink(data.documents[p.doc], p.doc, p)))),
          ),
        ),
      ),
    );
  }
}
