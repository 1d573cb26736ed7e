import type { Section } from '../../core/types.js';
import { findDate } from '../dates.js';
import { boilerplateReason } from './boilerplate.js';
import { contentEnd, isBlank, type Line } from './lines.js';
import { parseDateLine } from './byline.js';

/**
 * Comment threads as they appear when a page is saved as text: "9 Comments", then numbered
 * or bulleted items, "Name on <date>" / "Name says:" headers, replies indented under the
 * comment they answer, "Reply" links, and the reply form ("Leave a Reply") at the end.
 */

/** "9 Comments", "Comments (3)", "12 thoughts on “…”", "2 Responses to …" */
const HEADER = /^(?:(?:\d+|no|one|two|three|four|five|six|seven|eight|nine|ten)\s+)?(?:comments?|responses?|replies|reader comments|reactions|discussion|conversation)(?:\s*\(\d+\))?\s*:?$/iu;
const HEADER_ON = /^(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:thoughts?|responses?|comments?|replies)\s+(?:on|to)\b.{0,200}$/iu;
/** "1.", "12)", "•", "-", "*" at the start of an item */
const ITEM_MARKER = /^(\d{1,4}[.)]|[•·◦▪▸‣*\-–])\s+/u;
/** "Patricia Williams on", "jdoe42 says:", "Ann Lee on March 3, 2025 at 9:10 am" */
const AUTHOR_HEADER = /^(.{1,60}?)\s+(?:on|says|said|wrote|commented|replied)\s*:?(?:\s+(.*))?$/u;
const NAME = /^(?:[\p{Lu}\p{Lo}][\p{L}\p{M}'’.-]*|[\p{L}\p{N}_.-]*\d[\p{L}\p{N}_.-]*|@[\w.]+)(?:\s+(?:[\p{Lu}\p{Lo}][\p{L}\p{M}'’.-]*|de|da|van|von|al|el|bin|ibn)){0,4}$/u;

export function isCommentHeader(content: string): boolean {
  return HEADER.test(content) || HEADER_ON.test(content);
}

export interface ParsedComments {
  /** comment sections; `parent` indexes into this array */
  comments: Section[];
  boilerplate: Section[];
}

interface OpenItem {
  section: Section;
  indent: number;
  lastContentEnd: number;
}

export function parseComments(lines: Line[]): ParsedComments {
  const hasStructure = lines.some((line, i) => ITEM_MARKER.test(line.content) || authorHeader(lines, i) !== null);
  return hasStructure ? parseItems(lines) : parseParagraphs(lines);
}

function parseItems(lines: Line[]): ParsedComments {
  const comments: Section[] = [];
  const boilerplate: Section[] = [];
  const stack: OpenItem[] = [];
  let current: OpenItem | null = null;
  let skipNext = false;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (skipNext) {
      skipNext = false;
      continue;
    }
    if (isBlank(line)) continue;
    if (boilerplateReason(line.content)) {
      boilerplate.push({ kind: 'boilerplate', start: line.contentStart, end: contentEnd(line) });
      continue;
    }
    const marker = ITEM_MARKER.exec(line.content);
    const header = authorHeader(lines, i, marker?.[0].length ?? 0);
    if (!marker && !header) {
      if (current) extend(current, line.contentStart, contentEnd(line));
      continue;
    }
    const indent = line.indent;
    while (stack.length > 0 && stack[stack.length - 1].indent >= indent) stack.pop();
    const parentItem = stack[stack.length - 1];
    const section: Section = {
      kind: 'comment',
      start: -1,
      end: -1,
      author: header?.author ?? null,
      parent: parentItem ? comments.indexOf(parentItem.section) : null,
      postedAt: header?.postedAt ?? null,
    };
    comments.push(section);
    current = { section, indent, lastContentEnd: -1 };
    stack.push(current);
    if (header?.dateOnNextLine) skipNext = true;
    if (!header && marker) extend(current, line.contentStart + marker[0].length, contentEnd(line));
  }
  return { comments: dropEmpty(comments), boilerplate };
}

function extend(item: OpenItem, start: number, end: number): void {
  if (end <= start) return;
  if (item.section.start < 0) item.section.start = start;
  item.section.end = end;
}

/** Items with no text (a header and nothing under it) are dropped; parents are remapped. */
function dropEmpty(comments: Section[]): Section[] {
  const kept = comments.filter((c) => c.start >= 0);
  return kept.map((c) => {
    const parent = typeof c.parent === 'number' ? comments[c.parent] : undefined;
    return { ...c, parent: parent && parent.start >= 0 ? kept.indexOf(parent) : null };
  });
}

interface AuthorHeader {
  author: string;
  postedAt: string | null;
  dateOnNextLine: boolean;
}

/** Is line i (after an optional item marker) a commenter's header rather than comment text? */
function authorHeader(lines: Line[], i: number, markerLength = 0): AuthorHeader | null {
  const content = lines[i].content.slice(markerLength).trim();
  const match = AUTHOR_HEADER.exec(content);
  const next = lines.slice(i + 1).find((l) => !isBlank(l));
  if (match && NAME.test(match[1])) {
    const rest = match[2] ?? '';
    const date = rest ? findDate(rest) : null;
    if (rest === '' || (date && rest.length - date.length < 16) || /^\d{1,2}:\d{2}/.test(rest)) {
      // WordPress prints "Name says:" and the date on the line below.
      const dateBelow = !date && next?.index === lines[i].index + 1 ? parseDateLine(next.content) : null;
      return { author: match[1], postedAt: date?.iso ?? dateBelow, dateOnNextLine: dateBelow !== null };
    }
  }
  // "Ann Lee" followed by a line holding only a date.
  if (next && content.split(/\s+/).length <= 5 && NAME.test(content) && parseDateLine(next.content)) {
    return { author: content, postedAt: parseDateLine(next.content), dateOnNextLine: next.index === lines[i].index + 1 };
  }
  return null;
}

/** No markers or headers: each paragraph (blank-line separated) is one comment. */
function parseParagraphs(lines: Line[]): ParsedComments {
  const comments: Section[] = [];
  const boilerplate: Section[] = [];
  let open: Section | null = null;
  for (const line of lines) {
    if (isBlank(line)) {
      open = null;
      continue;
    }
    if (boilerplateReason(line.content)) {
      boilerplate.push({ kind: 'boilerplate', start: line.contentStart, end: contentEnd(line) });
      open = null;
      continue;
    }
    if (open) open.end = contentEnd(line);
    else {
      open = { kind: 'comment', start: line.contentStart, end: contentEnd(line), author: null, parent: null };
      comments.push(open);
    }
  }
  return { comments, boilerplate };
}
