import { findDate } from '../dates.js';

export interface Byline {
  author: string | null;
  publishedAt: string | null;
}

/** "By Jane Doe", "Author: Jane Doe", "Written by Jane Doe | March 3, 2025", "Posted by X on <date>". */
const BYLINE = /^(?:by|author|authors|written by|words by|posted by|reporting by|report by|story by)\s*[:\-–—]?\s+(.+)$/iu;
/** "The writer is …", "The author is …", "The writer, a …, is …" closing lines. */
export const WRITER_NOTE = /\bThe (?:writer|author|columnist|contributor)s?\s+(?:is|are|was)\s+(.+?)\.?\s*$/u;
/** A line that is only a date, optionally "Published:"/"Updated:". */
const DATE_LINE = /^(?:published|posted|updated|last updated|date)?\s*:?\s*(?:on\s+)?(.{6,60})$/iu;

const MAX_NAME_WORDS = 8;

/** "Posted on March 3, 2025 by Jane Roe", "Published 3 March 2025 by Jane Roe" */
const DATED_BYLINE = /^(?:posted|published|updated)?\s*(?:on\s+)?(.{6,40}?)\s+by\s+(.+)$/iu;

export function parseBylineLine(content: string): Byline | null {
  const dated = DATED_BYLINE.exec(content);
  const datedDate = dated ? findDate(dated[1]) : null;
  if (dated && datedDate && dated[1].length - datedDate.length <= 2) {
    const author = cleanName(dated[2]);
    if (author && author.split(/\s+/).length <= MAX_NAME_WORDS) return { author, publishedAt: datedDate.iso };
  }
  const match = BYLINE.exec(content);
  if (!match) return null;
  let rest = match[1];
  const date = findDate(rest);
  if (date) rest = rest.slice(0, date.index) + rest.slice(date.index + date.length);
  const author = cleanName(rest.split(/\s+(?:on|\||·|•|—|–)\s+|\s*[|·•]\s*/u)[0]);
  if (!author || author.split(/\s+/).length > MAX_NAME_WORDS) return null;
  return { author, publishedAt: date?.iso ?? null };
}

/** "The writer is John Smith, a …" → John Smith; "The writer is a freelance columnist" → "a freelance columnist". */
export function parseWriterNote(sentence: string): Byline | null {
  const match = WRITER_NOTE.exec(sentence);
  if (!match) return null;
  const rest = match[1].trim();
  const name = /^((?:\p{Lu}[\p{L}'’.-]*\s+){0,4}\p{Lu}[\p{L}'’.-]*)(?:,|\s+(?:is|a|an|who)\b|$)/u.exec(rest);
  const author = name && !/^(A|An|The)\b/u.test(name[1]) ? name[1] : rest;
  return { author: cleanName(author), publishedAt: null };
}

export function parseDateLine(content: string): string | null {
  const match = DATE_LINE.exec(content);
  if (!match) return null;
  const date = findDate(match[1]);
  // The date must be (nearly) the whole line, or it is a sentence that mentions a date.
  if (!date || match[1].length - date.length > 12) return null;
  return date.iso;
}

function cleanName(name: string | undefined): string | null {
  const cleaned = (name ?? '').replace(/^[\s,;:–—-]+|[\s,;:–—-]+$/gu, '').trim();
  return cleaned.length > 0 ? cleaned : null;
}
