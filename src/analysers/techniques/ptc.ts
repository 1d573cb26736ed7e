import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Span } from '../../core/types.js';

/**
 * Reading the SemEval-2020 Task 11 Propaganda Techniques Corpus. Its label offsets count
 * Unicode code points (a leading BOM counts as one); Discern spans are UTF-16 offsets.
 * The conversion happens here, at the boundary, and nowhere else.
 */

export interface PtcSpan extends Span {
  technique: string;
}

export interface PtcArticle {
  id: string;
  /** the article as stored, BOM included (Buffer#toString keeps U+FEFF) */
  text: string;
  /** line spans: line 1 is the title, then one sentence per line */
  lines: Array<Span & { title: boolean }>;
  /** gold technique spans in UTF-16 offsets */
  spans: PtcSpan[];
}

/** UTF-16 offset of every code-point offset 0..n (inclusive of the end). */
export function codePointToUtf16Table(text: string): Uint32Array {
  const table: number[] = [];
  let unit = 0;
  for (const ch of text) {
    table.push(unit);
    unit += ch.length;
  }
  table.push(unit);
  return Uint32Array.from(table);
}

export function codePointsToUtf16(text: string, start: number, end: number): Span {
  const table = codePointToUtf16Table(text);
  const last = table.length - 1;
  return { start: table[Math.min(start, last)], end: table[Math.min(end, last)] };
}

/** UTF-16 offset → code-point offset, for writing labels in the corpus's convention. */
export function utf16ToCodePoint(text: string, offset: number): number {
  let cp = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) i++;
    cp++;
  }
  return cp;
}

export function lineSpans(text: string): Array<Span & { title: boolean }> {
  const out: Array<Span & { title: boolean }> = [];
  let from = 0;
  let first = true;
  for (;;) {
    const nl = text.indexOf('\n', from);
    const end = nl < 0 ? text.length : nl;
    let s = from;
    let e = end;
    while (s < e && /\s|\uFEFF/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) {
      out.push({ start: s, end: e, title: first });
      first = false;
    }
    if (nl < 0) break;
    from = nl + 1;
  }
  return out;
}

/** Parse a 4-column TC label file (article, technique, start, end) in code points. */
export function parseTcLabels(content: string): Array<{ article: string; technique: string; start: number; end: number }> {
  const rows: Array<{ article: string; technique: string; start: number; end: number }> = [];
  for (const line of content.split('\n')) {
    const cols = line.trim().split('\t');
    if (cols.length < 4) continue;
    rows.push({ article: cols[0], technique: cols[1], start: Number(cols[2]), end: Number(cols[3]) });
  }
  return rows;
}

export function readPtcArticles(dir: string, articleFolder = 'train-articles', labelFile = 'train-task2-TC.labels'): PtcArticle[] {
  const labels = new Map<string, Array<{ technique: string; start: number; end: number }>>();
  const labelPath = path.join(dir, labelFile);
  if (existsSync(labelPath)) {
    for (const row of parseTcLabels(readFileSync(labelPath, 'utf8'))) {
      const list = labels.get(row.article) ?? [];
      list.push(row);
      labels.set(row.article, list);
    }
  }
  const folder = path.join(dir, articleFolder);
  const articles: PtcArticle[] = [];
  for (const name of readdirSync(folder).sort()) {
    const m = /^article(\d+)\.txt$/.exec(name);
    if (!m) continue;
    const text = readFileSync(path.join(folder, name)).toString('utf8');
    const table = codePointToUtf16Table(text);
    const last = table.length - 1;
    const spans = (labels.get(m[1]) ?? [])
      .map((r) => ({ technique: r.technique, start: table[Math.min(r.start, last)], end: table[Math.min(r.end, last)] }))
      .filter((s) => s.end > s.start)
      .sort((a, b) => a.start - b.start || a.end - b.end);
    articles.push({ id: m[1], text, lines: lineSpans(text), spans });
  }
  return articles;
}

/** FNV-1a of the article id: the fixed, documented split (bucket 0 of 5 is held out). */
export function idBucket(id: string, buckets = 5): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % buckets;
}

export type Split = 'holdout' | 'tune' | 'train';

/** holdout: never trained on (≈20%); tune: used only to choose the span threshold, then trained on. */
export function splitOf(id: string): Split {
  const b = idBucket(id);
  return b === 0 ? 'holdout' : b === 1 ? 'tune' : 'train';
}
