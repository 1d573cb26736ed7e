import { absoluteHttpUrl } from '../../core/links.js';
import type { Section, Source } from '../../core/types.js';
import type { ExtractedDocument } from '../../document/extracted.js';
import { splitSentences } from '../../nlp/sentences.js';
import { boilerplateReason, endsArticle } from './boilerplate.js';
import { parseBylineLine, parseDateLine, parseWriterNote, WRITER_NOTE } from './byline.js';
import { isCommentHeader, parseComments } from './comments.js';
import { contentEnd, isBlank, splitLines, type Line } from './lines.js';
import { append } from '../../core/arrays.js';

/**
 * Sections of a plain-text (or Markdown) page. The text itself is never changed: every
 * section is a span of it. The page is read as three zones — the article, the comment
 * section ("9 Comments" … ), and the footer (from the reply form or the copyright line
 * on) — and each article block is then a title, byline, heading, body or boilerplate.
 */

export interface PlainTextOptions {
  markdown?: boolean;
}

interface Block {
  start: number;
  end: number;
  /** first line of the block */
  first: Line;
  lineCount: number;
}

const MAX_TITLE_CHARS = 200;
const MAX_HEADING_CHARS = 100;
const MAX_HEADING_WORDS = 14;
/** Bylines are looked for among the first and last few blocks of the article. */
const BYLINE_WINDOW = 6;

export function extractPlainText(text: string, options: PlainTextOptions = {}): ExtractedDocument {
  const lines = splitLines(text);
  const source: Source = {};
  const sections: Section[] = [];
  const warnings: string[] = [];
  const frontMatterEnd = options.markdown ? readFrontMatter(lines, source, sections, warnings) : 0;
  const zones = findZones(lines, frontMatterEnd);

  classifyArticle(text, blocksOf(lines.slice(frontMatterEnd, zones.commentsStart), options), sections, source, options);
  if (zones.commentsStart < zones.footerStart) {
    const header = lines[zones.commentsStart];
    sections.push({ kind: 'boilerplate', start: header.contentStart, end: contentEnd(header) });
    const parsed = parseComments(lines.slice(zones.commentsStart + 1, zones.footerStart));
    const offset = sections.length;
    append(sections, parsed.comments.map((c) => ({ ...c, parent: typeof c.parent === 'number' ? c.parent + offset : null })));
    append(sections, parsed.boilerplate);
  }
  for (const block of blocksOf(lines.slice(zones.footerStart), options)) {
    sections.push({ kind: 'boilerplate', start: block.start, end: block.end });
  }
  return { format: options.markdown ? 'markdown' : 'text', text, sections, source, ...(warnings.length > 0 ? { warnings } : {}) };
}

/** Where the comment section and the footer begin (line indexes; lines.length when absent). */
function findZones(lines: Line[], from: number): { commentsStart: number; footerStart: number } {
  const header = lines.findIndex((line, i) => i >= from && isCommentHeader(line.content));
  const commentsStart = header >= 0 ? header : lines.length;
  const searchFooterFrom = header >= 0 ? header + 1 : from;
  const footer = lines.findIndex((line, i) => i >= searchFooterFrom && endsArticle(line.content));
  const footerStart = footer >= 0 ? footer : lines.length;
  return { commentsStart: Math.min(commentsStart, footerStart), footerStart };
}

/**
 * Paragraph blocks: every non-blank line, except that hard-wrapped lines (a line without
 * closing punctuation followed by one starting in lower case) are joined.
 */
function blocksOf(lines: Line[], options: PlainTextOptions): Block[] {
  const blocks: Block[] = [];
  let open: Block | null = null;
  for (const line of lines) {
    if (isBlank(line)) {
      open = null;
      continue;
    }
    const prev: Line | null = open ? lineBefore(lines, line) : null;
    const continues = open && prev && !/[.!?:;"”’)\]]$/u.test(prev.content) && /^\p{Ll}/u.test(line.content) && !isMarkdownHeading(line, options);
    if (open && continues) {
      open.end = contentEnd(line);
      open.lineCount++;
    } else {
      open = { start: line.contentStart, end: contentEnd(line), first: line, lineCount: 1 };
      blocks.push(open);
    }
  }
  return blocks;
}

function lineBefore(lines: Line[], line: Line): Line | null {
  const i = lines.indexOf(line);
  return i > 0 ? lines[i - 1] : null;
}

function classifyArticle(text: string, blocks: Block[], sections: Section[], source: Source, options: PlainTextOptions): void {
  let seenContent = false;
  blocks.forEach((block, i) => {
    const content = block.first.content;
    const nearEdge = i < BYLINE_WINDOW || i >= blocks.length - 3;
    if (block.lineCount === 1 && boilerplateReason(content)) {
      sections.push({ kind: 'boilerplate', start: block.start, end: block.end });
      return;
    }
    const byline = block.lineCount === 1 && nearEdge ? parseBylineLine(content) : null;
    const date = block.lineCount === 1 && i < BYLINE_WINDOW ? parseDateLine(content) : null;
    if (byline || date) {
      sections.push({ kind: 'byline', start: block.start, end: block.end });
      source.author ??= byline?.author ?? null;
      source.publishedAt ??= byline?.publishedAt ?? date;
      return;
    }
    const markdownHeading = options.markdown ? markdownHeadingKind(block, seenContent, sections) : null;
    if (markdownHeading) {
      pushHeading(sections, source, block, markdownHeading);
    } else if (!seenContent && looksLikeTitle(block, blocks[i + 1])) {
      pushHeading(sections, source, block, 'title');
    } else if (seenContent && looksLikeHeading(block, blocks[i + 1])) {
      sections.push({ kind: 'heading', start: block.start, end: block.end });
    } else {
      sections.push({ kind: 'body', start: block.start, end: block.end });
    }
    seenContent = true;
  });
  splitClosingWriterNote(text, sections, source);
}

function pushHeading(sections: Section[], source: Source, block: Block, kind: 'title' | 'heading'): void {
  const start = kind === 'title' || block.first.content.startsWith('#') ? skipMarkdownHashes(block) : block.start;
  sections.push({ kind, start, end: block.end });
  if (kind === 'title') source.title ??= block.first.content.replace(/^#+\s*/, '').trim();
}

function skipMarkdownHashes(block: Block): number {
  const hashes = /^#{1,6}\s+/.exec(block.first.content);
  return block.start + (hashes ? hashes[0].length : 0);
}

function isMarkdownHeading(line: Line, options: PlainTextOptions): boolean {
  return options.markdown === true && /^#{1,6}\s+\S/.test(line.content);
}

function markdownHeadingKind(block: Block, seenContent: boolean, sections: Section[]): 'title' | 'heading' | null {
  const hashes = /^(#{1,6})\s+\S/.exec(block.first.content);
  if (!hashes) return null;
  const hasTitle = sections.some((s) => s.kind === 'title');
  return hashes[1].length === 1 && !hasTitle && !seenContent ? 'title' : 'heading';
}

/** A short first line without a closing full stop, followed by more text. */
function looksLikeTitle(block: Block, next: Block | undefined): boolean {
  const content = block.first.content;
  return (
    next !== undefined &&
    block.lineCount === 1 &&
    content.length <= MAX_TITLE_CHARS &&
    !/[.,;:]$/u.test(content) &&
    /^[\p{Lu}\p{Lo}\p{N}"“‘'«]/u.test(content)
  );
}

/** A short line inside the article, without closing punctuation, introducing longer text. */
function looksLikeHeading(block: Block, next: Block | undefined): boolean {
  const content = block.first.content;
  const words = content.split(/\s+/).length;
  return (
    next !== undefined &&
    block.lineCount === 1 &&
    content.length <= MAX_HEADING_CHARS &&
    words <= MAX_HEADING_WORDS &&
    !/[.,;:!?"”]$/u.test(content) &&
    /^[\p{Lu}\p{Lo}\p{N}]/u.test(content) &&
    next.end - next.start > content.length
  );
}

/** A closing "The writer is …" sentence is a byline, even inside the last paragraph. */
function splitClosingWriterNote(text: string, sections: Section[], source: Source): void {
  const lastBody = findLastIndex(sections, (s) => s.kind === 'body');
  if (lastBody < 0) return;
  const body = sections[lastBody];
  const sentences = splitSentences(text, body.start, body.end);
  const last = sentences[sentences.length - 1];
  const sentence = last ? text.slice(last.start, last.end) : '';
  if (!last || !WRITER_NOTE.test(sentence) || !/^The\b/u.test(sentence)) return;
  const note = parseWriterNote(sentence);
  source.author ??= note?.author ?? null;
  if (last.start === body.start) {
    body.kind = 'byline';
    return;
  }
  const before = sentences[sentences.length - 2];
  body.end = before.end;
  sections.push({ kind: 'byline', start: last.start, end: last.end });
}

function findLastIndex<T>(items: T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i])) return i;
  return -1;
}

/** Longest front-matter value kept (a title, an outlet…); longer ones are cut here. */
const MAX_FRONT_MATTER_VALUE = 1000;

/**
 * One front-matter line `key: value` → [key, value] with white space and one pair of quotes
 * taken off the value. Written without a regex over the value: `(.*?)["']?\s*$` backtracks
 * quadratically on a long run of spaces.
 */
function frontMatterEntry(line: string): [string, string] | null {
  const key = /^(title|author|date|published|outlet|site|source|url)\s*:/i.exec(line);
  if (!key) return null;
  let value = line.slice(key[0].length).trim();
  if (value.length >= 1 && (value[0] === '"' || value[0] === "'")) value = value.slice(1);
  if (value.length >= 1 && (value.endsWith('"') || value.endsWith("'"))) value = value.slice(0, -1);
  value = value.trim();
  if (value.length > MAX_FRONT_MATTER_VALUE) value = value.slice(0, MAX_FRONT_MATTER_VALUE);
  return [key[1].toLowerCase(), value];
}

/** Markdown front matter (--- YAML ---): title, author, date, outlet, url go to the source. */
function readFrontMatter(lines: Line[], source: Source, sections: Section[], warnings: string[]): number {
  if (lines[0]?.content !== '---') return 0;
  const close = lines.findIndex((line, i) => i > 0 && (line.content === '---' || line.content === '...'));
  if (close < 0) return 0;
  for (const line of lines.slice(1, close)) {
    const entry = frontMatterEntry(line.content);
    if (!entry || !entry[1]) continue;
    const [key, value] = entry;
    if (key === 'title') source.title = value;
    else if (key === 'author') source.author = value;
    else if (key === 'date' || key === 'published') source.publishedAt = parseDateLine(value) ?? value;
    else if (key === 'url') {
      const url = absoluteHttpUrl(value);
      if (url) source.url = url;
      else warnings.push(`front matter url "${value.slice(0, 100)}" is not an absolute http(s) URL: not stored`);
    } else source.outlet = value;
  }
  sections.push({ kind: 'boilerplate', start: lines[0].contentStart, end: contentEnd(lines[close]) });
  return close + 1;
}
