import { documentProfiles } from './profiles/index.js';
import { displayTitle, type Report } from './model.js';
import { countBy, shorten } from './summary.js';
import { keyFindingsOfReport } from './key-findings-anchors.js';

/** Documents the terminal summary describes one by one. */
const MAX_DOCUMENTS = 20;

/** The readable summary `discern analyze` prints when no --out is given. */
export function renderTerminal(report: Report, options: { color?: boolean } = {}): string {
  const c = palette(options.color ?? false);
  const out: string[] = [];
  const key = keyFindingsOfReport(report);
  const names = new Map(report.documents.map((d) => [d.id, shorten(displayTitle(d), 40)]));
  if (key && key.items.length > 0) {
    // the answer first: what to act on, each with the document and the characters it rests on
    out.push(c.bold('Key findings'));
    for (const k of key.items) {
      const e = k.evidence;
      const where = e.start !== undefined && e.end !== undefined ? c.dim(` [${names.get(e.doc) ?? e.doc} ${e.start}–${e.end}]`) : '';
      out.push(`  ${(k.kind === 'comments' ? c.yellow : c.bold)(k.tag.padEnd(18))} ${shorten(k.text, 200)}${where}`);
      if (k.quote) out.push(`  ${' '.repeat(18)} ${c.dim(`“${shorten(k.quote, 120)}”`)}`);
    }
    out.push('');
  }
  for (const doc of report.documents.slice(0, MAX_DOCUMENTS)) {
    out.push(`${c.bold(shorten(displayTitle(doc), 90))}  ${c.dim(doc.source.path ?? doc.source.url ?? doc.id)}`);
    const banner = key?.banners.find((b) => b.doc === doc.id);
    if (banner) out.push(`  ${c.yellow('▲')} ${shorten(banner.text, 200)}`);
    for (const profile of documentProfiles) {
      const value = doc.profiles[profile.key];
      const line = value && profile.terminal ? profile.terminal(value) : null;
      if (line) out.push(`  ${line}`);
    }
    const counts = [...countBy(doc.findings.filter((f) => f.kind !== 'sentence' && f.kind !== 'entity'), (f) => f.kind)];
    if (counts.length > 0) out.push(`  findings: ${counts.map(([k, n]) => `${n} ${k}`).join(', ')}`);
    for (const f of doc.findings.filter((x) => x.kind === 'repetition').slice(0, 3)) {
      out.push(`  ${c.yellow('repeats')} “${shorten(f.quote, 80)}”`);
    }
    out.push('');
  }
  const total = report.omitted?.total ?? report.documents.length;
  if (total > MAX_DOCUMENTS) out.push(c.dim(`… and ${total - MAX_DOCUMENTS} more documents (write a report with --out).`), '');
  const corpus = [...countBy(report.corpus.findings, (f) => f.kind)];
  if (corpus.length > 0) out.push(`Across the corpus: ${corpus.map(([k, n]) => `${n} ${k}`).join(', ')}`);
  for (const e of report.errors) out.push(`${c.red('✗')} ${e.input}: ${e.message}`);
  out.push(c.dim(report.thresholds.note));
  out.push(`${plural(total, 'document')} analysed${report.errors.length ? `, ${plural(report.errors.length, 'input')} failed` : ''}.`);
  return `${out.join('\n')}\n`;
}

function palette(on: boolean) {
  const wrap = (code: string) => (s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);
  return { bold: wrap('1'), dim: wrap('2'), red: wrap('31'), yellow: wrap('33') };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
