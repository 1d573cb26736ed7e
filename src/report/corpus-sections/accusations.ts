import { displayName } from '../names.js';
import type { CorpusSection } from './section.js';

/** Actors and accusations: who accuses whom of what, and which documents assert, deny or report it. */

interface Row {
  accuser: string;
  accused: string;
  allegation: string;
  asserts: string[];
  denies: string[];
  reports: string[];
  example: string;
}

export interface AccusationTable {
  rows: Row[];
}

/** Documents named per cell at most: a row of a large corpus counts the rest. */
const MAX_NAMED = 12;

export const accusationsSection: CorpusSection<AccusationTable, Map<string, Row>> = {
  key: 'accusations',
  title: 'Actors and accusations',
  gather: {
    start: () => new Map<string, Row>(),
    add(rows, doc, findings) {
      const name = displayName(doc);
      for (const f of findings) {
        if (f.kind !== 'accusation') continue;
        const a = f.data as { accuser: string | null; accused: string; allegation: string; stance: 'asserts' | 'denies' | 'reports' };
        const key = `${a.accuser ?? ''}|${a.accused}|${a.allegation}`;
        let row = rows.get(key);
        if (!row) rows.set(key, (row = { accuser: a.accuser ?? '(unnamed)', accused: a.accused, allegation: a.allegation, asserts: [], denies: [], reports: [], example: f.quote }));
        const list = row[a.stance];
        if (list.length < MAX_NAMED && !list.includes(name)) list.push(name);
      }
    },
  },
  compute(_findings, _names, rows) {
    if (!rows || rows.size === 0) return null;
    return { rows: [...rows.values()].sort((x, y) => x.accused.localeCompare(y.accused) || x.allegation.localeCompare(y.allegation)) };
  },
  markdown(value) {
    const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
    const lines = ['| accuser | accused | allegation | asserted by | denied by | reported by |', '|---|---|---|---|---|---|'];
    for (const r of value.rows) lines.push(`| ${cell(r.accuser)} | ${cell(r.accused)} | ${cell(r.allegation)} | ${cell(r.asserts.join(', '))} | ${cell(r.denies.join(', '))} | ${cell(r.reports.join(', '))} |`);
    return lines.join('\n');
  },
  html(value, escape) {
    const rows = value.rows
      .map((r) => `<tr><td>${escape(r.accuser)}</td><td>${escape(r.accused)}</td><td title="${escape(r.example)}">${escape(r.allegation)}</td><td>${escape(r.asserts.join(', '))}</td><td>${escape(r.denies.join(', '))}</td><td>${escape(r.reports.join(', '))}</td></tr>`)
      .join('');
    return `<table><thead><tr><th>accuser</th><th>accused</th><th>allegation</th><th>asserted by</th><th>denied by</th><th>reported by</th></tr></thead><tbody>${rows}</tbody></table>`;
  },
};
