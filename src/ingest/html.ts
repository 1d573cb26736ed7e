/**
 * HTML → ExtractedDocument. Main content comes from Mozilla Readability run on a linkedom
 * DOM (linkedom never runs scripts); the comment thread comes from the original DOM,
 * because Readability drops it, using common CMS markup (WordPress, Disqus-style lists)
 * and a generic fallback. The stored text is composed here, so every section offset is
 * known exactly: title, byline, the article's headings and paragraphs, then the comments,
 * each block separated by a blank line.
 */
import { absoluteHttpUrl } from '../core/links.js';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { DiscernError } from '../core/errors.js';
import type { Section, SectionKind, Source } from '../core/types.js';
import type { ExtractedDocument } from '../document/extracted.js';
import { findDate } from './dates.js';

// ---- the small part of the DOM this module uses (linkedom implements it) ----

interface DomNode {
  nodeType: number;
  parentNode: DomNode | null;
  firstChild: DomNode | null;
  nextSibling: DomNode | null;
  textContent: string | null;
}

interface DomElement extends DomNode {
  localName: string;
  parentElement: DomElement | null;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  closest(selector: string): DomElement | null;
  matches(selector: string): boolean;
  contains(other: DomNode): boolean;
  appendChild(node: DomNode): DomNode;
  insertBefore(node: DomNode, reference: DomNode | null): DomNode;
  remove(): void;
}

interface DomDocument {
  documentElement: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  createElement(name: string): DomElement;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

// ---- public entry point ----

export interface HtmlOptions {
  /** where the page came from; used when the page names no canonical URL */
  url?: string;
}

/** Beyond this nesting depth Readability's recursion may overflow the stack: walk the text instead. */
const MAX_READABILITY_DEPTH = 400;

export function extractHtml(html: string, options: HtmlOptions = {}): ExtractedDocument {
  if (html.trim() === '') throw new DiscernError('INPUT_EMPTY', 'the HTML input is empty', options.url);
  const warnings: string[] = [];

  let page: PreparedPage;
  try {
    page = preparePage(html, options);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    // the DOM itself could not be built (stack overflow): keep the plain text of the markup
    warnings.push('the page could not be parsed as HTML, so its text was taken without structure');
    const parts = stripTagsToParagraphs(html).map((text): Part => ({ kind: 'body', text }));
    return finish(parts, { url: options.url ?? null }, warnings, options.url);
  }

  let article: Block[] | null = null;
  if (page.depth <= MAX_READABILITY_DEPTH) {
    try {
      article = readArticle(page.document);
    } catch (error) {
      // a page Readability cannot handle still has text: walk it instead
      warnings.push(`article extraction failed (${error instanceof Error ? error.message : String(error)}), so the page's text was walked instead`);
    }
  } else {
    warnings.push(`the page is nested ${page.depth} levels deep, so its text was walked without article extraction`);
  }
  if (article === null) {
    // Readability may have changed the DOM before failing: start again from the markup
    const fresh = page.depth > MAX_READABILITY_DEPTH ? page : preparePage(html, options);
    article = collectBlocks(fresh.body);
  }

  const parts = composeParts(page, article);
  return finish(parts, page.source, warnings, options.url);
}

// ---- preparing the DOM: metadata, comments and boilerplate out before extraction ----

interface PreparedPage {
  document: DomDocument;
  body: DomElement;
  source: Source;
  title: string | null;
  byline: string | null;
  comments: RawComment[];
  depth: number;
}

function preparePage(html: string, options: HtmlOptions): PreparedPage {
  const { document } = parseHTML(withDocumentShell(stripDoctype(html))) as unknown as { document: DomDocument };
  const body = normaliseBody(document);
  const meta = readMetadata(document, options);
  for (const element of Array.from(document.querySelectorAll(UNSAFE_SELECTOR))) element.remove();

  const depth = maxDepth(body);
  const comments = extractComments(body, depth <= MAX_READABILITY_DEPTH);
  const byline = takeByline(body);
  const articleTime = firstArticleTime(body);
  removeBoilerplate(body);

  const author = meta.author ?? (byline ? authorFromByline(byline) : null);
  const source: Source = {
    url: meta.url,
    title: meta.title,
    author,
    outlet: meta.outlet,
    publishedAt: meta.publishedAt ?? articleTime,
  };
  return { document, body, source, title: meta.title, byline, comments, depth };
}

/**
 * Removes a leading XML declaration and DOCTYPE, including an internal subset, so no entity
 * declaration can ever be seen (linkedom does not expand them either; this is belt and braces).
 */
function stripDoctype(html: string): string {
  let rest = html.replace(/^\uFEFF/, '');
  const xml = /^\s*<\?xml[^>]*>/i.exec(rest);
  if (xml) rest = rest.slice(xml[0].length);
  const doctype = /^\s*<!doctype\b/i.exec(rest);
  if (!doctype) return rest;
  const close = rest.indexOf('>', doctype[0].length);
  const open = rest.indexOf('[', doctype[0].length);
  if (open >= 0 && (close < 0 || open < close)) {
    const subsetEnd = /\]\s*>/g;
    subsetEnd.lastIndex = open;
    const end = subsetEnd.exec(rest);
    if (end) return rest.slice(end.index + end[0].length);
    // "[" without "]>": as an HTML tokenizer does, the DOCTYPE ends at its first ">" (the page stays)
  }
  return close < 0 ? '' : rest.slice(close + 1);
}

/** linkedom builds no implied <html>/<body>: give fragments a shell so the tree has both. */
function withDocumentShell(html: string): string {
  return /<html[\s>]/i.test(html) ? html : `<html><head></head><body>${html}</body></html>`;
}

/** Moves everything outside <head> into <body>, as an HTML5 parser would. */
function normaliseBody(document: DomDocument): DomElement {
  const root = document.documentElement;
  if (!root) throw new DiscernError('INPUT_MALFORMED', 'the HTML has no document element');
  let body: DomElement | null = null;
  for (let child = root.firstChild; child; child = child.nextSibling) {
    if (isElement(child) && child.localName === 'body') {
      body = child;
      break;
    }
  }
  if (!body) {
    body = document.createElement('body');
    root.appendChild(body);
  }
  const before: DomNode[] = [];
  const after: DomNode[] = [];
  let seenBody = false;
  for (let child = root.firstChild; child; child = child.nextSibling) {
    if (child === body) seenBody = true;
    else if (!(isElement(child) && child.localName === 'head')) (seenBody ? after : before).push(child);
  }
  const first = body.firstChild;
  for (const node of before) body.insertBefore(node, first);
  for (const node of after) body.appendChild(node);
  return body;
}

/** Iterative, so a deeply nested page cannot overflow the stack here. */
function maxDepth(root: DomElement): number {
  let deepest = 0;
  let depth = 0;
  let node: DomNode | null = root.firstChild;
  while (node) {
    if (isElement(node) && node.firstChild) {
      depth++;
      deepest = Math.max(deepest, depth);
      node = node.firstChild;
      continue;
    }
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      depth--;
    }
    if (!node || node === root) break;
    node = node.nextSibling;
  }
  return deepest;
}

// ---- metadata ----

interface PageMetadata {
  title: string | null;
  author: string | null;
  outlet: string | null;
  publishedAt: string | null;
  url: string | null;
}

function readMetadata(document: DomDocument, options: HtmlOptions): PageMetadata {
  const ld = readJsonLd(document);
  const metaContent = (...keys: string[]): string | null => {
    for (const key of keys) {
      for (const attribute of ['property', 'name', 'itemprop']) {
        const value = clean(document.querySelector(`meta[${attribute}="${key}"]`)?.getAttribute('content'));
        if (value) return value;
      }
    }
    return null;
  };

  const outlet = metaContent('og:site_name', 'application-name') ?? ld.publisher;
  const pageTitle = firstText(document, 'title');
  const title =
    metaContent('og:title', 'twitter:title') ??
    ld.headline ??
    (pageTitle ? withoutSiteName(pageTitle, outlet) : null) ??
    firstText(document, 'h1');

  const metaAuthor = metaContent('author', 'article:author', 'parsely-author', 'sailthru.author');
  const relAuthor = firstText(document, '[rel="author"]');
  const author = [metaAuthor, ld.author, relAuthor].find((name) => name && !/^https?:\/\//i.test(name)) ?? null;

  const published = metaContent('article:published_time', 'datePublished', 'pubdate', 'publish-date', 'date') ?? ld.datePublished;

  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null;
  const url = absoluteHttpUrl(canonical, options.url) ?? absoluteHttpUrl(metaContent('og:url'), options.url) ?? options.url ?? null;

  return {
    // <title> is raw text, so a page can put tags in it: keep the words only
    title: title ? clean(title.replace(/<[^>]*>/g, ' ')) || null : null,
    author: author ? cleanAuthorName(author) : null,
    outlet,
    publishedAt: published ? isoDate(published) : null,
    url,
  };
}

interface JsonLdFacts {
  headline: string | null;
  author: string | null;
  publisher: string | null;
  datePublished: string | null;
}

const ARTICLE_TYPES = /article|posting|report/i;
const PAGE_TYPES = /webpage/i;
const MAX_JSON_LD_CHARS = 1_000_000;

/** JSON-LD is only ever JSON.parse'd, never run. Bounded in size and depth. */
function readJsonLd(document: DomDocument): JsonLdFacts {
  const facts: JsonLdFacts = { headline: null, author: null, publisher: null, datePublished: null };
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    const raw = script.textContent ?? '';
    if (raw.length > MAX_JSON_LD_CHARS) continue;
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      continue;
    }
    const nodes: Record<string, unknown>[] = [];
    const queue: Array<{ value: unknown; depth: number }> = [{ value: data, depth: 0 }];
    while (queue.length > 0 && nodes.length < 100) {
      const { value, depth } = queue.shift()!;
      if (depth > 3 || value === null || typeof value !== 'object') continue;
      if (Array.isArray(value)) {
        for (const item of value.slice(0, 100)) queue.push({ value: item, depth: depth + 1 });
        continue;
      }
      const record = value as Record<string, unknown>;
      nodes.push(record);
      if (record['@graph']) queue.push({ value: record['@graph'], depth: depth + 1 });
    }
    const typeOf = (node: Record<string, unknown>) => ([] as unknown[]).concat(node['@type'] ?? []).map(String).join(' ');
    // the article's own facts before those of the page around it
    const ranked = [...nodes.filter((node) => ARTICLE_TYPES.test(typeOf(node))), ...nodes.filter((node) => PAGE_TYPES.test(typeOf(node)))];
    for (const node of ranked) {
      facts.headline ??= clean(stringOf(node.headline) ?? stringOf(node.name)) || null;
      facts.author ??= clean(nameOf(node.author)) || null;
      facts.publisher ??= clean(nameOf(node.publisher)) || null;
      facts.datePublished ??= clean(stringOf(node.datePublished)) || null;
    }
  }
  return facts;
}

function stringOf(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function nameOf(value: unknown): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') return first;
  if (first && typeof first === 'object') return stringOf((first as Record<string, unknown>).name);
  return null;
}

function firstText(document: DomDocument, selector: string): string | null {
  for (const element of Array.from(document.querySelectorAll(selector))) {
    if (element.closest('svg')) continue;
    const text = clean(element.textContent);
    if (text) return text;
  }
  return null;
}

/** "Headline | Outlet" → "Headline" when the part after the separator is the outlet. */
function withoutSiteName(title: string, outlet: string | null): string {
  const parts = title.split(/\s+[|–—·•:-]\s+/);
  if (parts.length < 2) return title;
  const last = parts[parts.length - 1].toLowerCase();
  if (outlet && last === outlet.toLowerCase()) return title.slice(0, title.length - parts[parts.length - 1].length).replace(/\s+[|–—·•:-]\s+$/, '');
  return title;
}


const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** ISO 8601 as the page wrote it where it already is ISO; otherwise a recognisable date, or null. */
export function isoDate(value: string): string | null {
  const trimmed = value.trim();
  if (ISO_DATE.test(trimmed)) return trimmed.replace(' ', 'T');
  return findDate(trimmed)?.iso ?? null;
}

// ---- comments ----

interface RawComment {
  author: string | null;
  postedAt: string | null;
  text: string;
  /** index in the comments array of the comment this replies to */
  parent: number | null;
}

interface CommentItem {
  element: DomElement;
  author: DomElement | null;
  content: DomElement | null;
  /** elements inside `content` that are not the comment's words */
  skip: (element: DomElement) => boolean;
}

interface CommentMarkup {
  /** the elements that each hold one comment, replies nested inside */
  items(root: DomElement): DomElement[];
  describe(item: DomElement, isItem: (element: DomElement) => boolean): CommentItem;
}

const WORDPRESS: CommentMarkup = {
  items: (root) =>
    Array.from(root.querySelectorAll('li.comment, li.pingback, li.trackback')).filter((li) =>
      li.closest('.commentlist, .comment-list, ol.comments, ul.comments'),
    ),
  describe(item, isItem) {
    const own = (selector: string) => ownElement(item, selector, isItem);
    const meta = '.comment-author, .comment-meta, .comment-metadata, .commentmetadata, .reply, .children, .vcard, .comment-awaiting-moderation, .edit-link';
    return {
      element: item,
      author: own('.comment-author .fn') ?? own('.fn') ?? own('.comment-author'),
      content: own('.comment-content') ?? own('.comment-body') ?? item,
      skip: (element) => element.matches(meta),
    };
  },
};

const DISQUS: CommentMarkup = {
  items: (root) => Array.from(root.querySelectorAll('li.post')).filter((li) => li.closest('.post-list, #post-list, #disqus_thread')),
  describe(item, isItem) {
    const own = (selector: string) => ownElement(item, selector, isItem);
    return {
      element: item,
      author: own('.author') ?? own('.post-byline'),
      content: own('.post-message'),
      skip: () => false,
    };
  },
};

const COMMENT_WORD = /comment|disqus|discussion|respon[sd]/i;
const AUTHOR_WORD = /author|user|name|nick|handle|poster|\bfn\b|byline/i;
const CONTENT_WORD = /content|text|body|message|\bentry\b/i;
const PART_WORD = /meta|date|time|reply|avatar|action|vote|count|form|header|footer|link|button|title|pagination|nav|respond|like|share|flag/i;

/**
 * Any element whose class or id says "comment" and that holds an author-ish and a
 * content-ish element of its own (not inside a nested comment). Found bottom-up, so a
 * reply is recognised before the comment around it.
 */
const MAX_GENERIC_CANDIDATES = 50_000;
const NOT_A_COMMENT = 'h1, main, [itemprop="articleBody"], .entry-content, .article-body';

function looksLikeArticle(element: DomElement): boolean {
  if (element.matches(NOT_A_COMMENT) || element.querySelector(NOT_A_COMMENT)) return true;
  // <article class="comment"> is a comment; a plain <article> is not
  const articles = [element, ...Array.from(element.querySelectorAll('article'))];
  return articles.some((node) => node.localName === 'article' && !COMMENT_WORD.test(labelOf(node)));
}
const MAX_PARTS_SCANNED = 500;

const GENERIC: CommentMarkup = {
  items(root) {
    const candidates = Array.from(root.querySelectorAll('[class], [id]')).filter((element) => COMMENT_WORD.test(labelOf(element)));
    // bounded work on pathological pages (thousands of nested "comment" wrappers)
    if (candidates.length > MAX_GENERIC_CANDIDATES) return [];
    const items = new Set<DomElement>();
    for (let i = candidates.length - 1; i >= 0; i--) {
      // an opinion section labelled "comment" is an article, not a reader's comment
      if (looksLikeArticle(candidates[i])) continue;
      const described = describeGeneric(candidates[i], (element) => items.has(element));
      if (described.author && described.content) items.add(candidates[i]);
    }
    // a comment's parts often sit in an inner wrapper beside the replies list
    // (li.comment > div.comment-body + ul.replies): the outer element is the comment
    for (const item of [...items]) {
      const parent = item.parentElement;
      if (!parent || parent === root || items.has(parent) || !COMMENT_WORD.test(labelOf(parent))) continue;
      // only when the wrapper holds this comment and, elsewhere, its replies
      const siblingsThatAreComments = childElements(parent).filter((child) => items.has(child));
      if (siblingsThatAreComments.length !== 1) continue;
      const holdsReplies = childElements(parent).some(
        (child) => child !== item && Array.from(child.querySelectorAll('*')).some((element) => items.has(element)),
      );
      if (!holdsReplies) continue;
      items.delete(item);
      items.add(parent);
    }
    return items.size === 0 ? [] : Array.from(root.querySelectorAll('*')).filter((element) => items.has(element));
  },
  describe: (item, isItem) => describeGeneric(item, isItem),
};

function describeGeneric(item: DomElement, isItem: (element: DomElement) => boolean): CommentItem {
  let author: DomElement | null = null;
  let content: DomElement | null = null;
  const descendants = Array.from(item.querySelectorAll('*')).slice(0, MAX_PARTS_SCANNED);
  for (const element of descendants) {
    if (insideItem(element, item, isItem)) continue;
    const label = `${labelOf(element)} ${element.getAttribute('itemprop') ?? ''}`;
    if (!author && (AUTHOR_WORD.test(label) || element.localName === 'cite') && clean(element.textContent)) author = element;
    else if (!content && CONTENT_WORD.test(label) && !AUTHOR_WORD.test(label)) content = element;
    if (author && content) break;
  }
  const authorElement = author;
  return {
    element: item,
    author,
    content,
    skip: (element) => element === authorElement || PART_WORD.test(labelOf(element)),
  };
}

/** True when `element` sits inside a comment nested in `item` (or is one). */
function insideItem(element: DomElement, item: DomElement, isItem: (element: DomElement) => boolean): boolean {
  for (let node: DomElement | null = element; node && node !== item; node = node.parentElement) {
    if (isItem(node)) return true;
  }
  return false;
}

function childElements(element: DomElement): DomElement[] {
  const children: DomElement[] = [];
  for (let child = element.firstChild; child; child = child.nextSibling) if (isElement(child)) children.push(child);
  return children;
}

/** `generic`: also try the markup-agnostic search, which costs more on deeply nested pages. */
function extractComments(body: DomElement, generic: boolean): RawComment[] {
  for (const markup of generic ? [WORDPRESS, DISQUS, GENERIC] : [WORDPRESS, DISQUS]) {
    const items = markup.items(body);
    if (items.length === 0) continue;
    const itemSet = new Set(items);
    const isItem = (element: DomElement) => itemSet.has(element);
    const comments: RawComment[] = [];
    const indexOfItem = new Map<DomElement, number | null>();
    for (const element of items) {
      const item = markup.describe(element, isItem);
      const parentItem = ancestorItem(element, isItem);
      const parent = parentItem ? (indexOfItem.get(parentItem) ?? null) : null;
      const text = item.content ? commentText(item.content, (e) => isItem(e) || e === item.author || item.skip(e)) : '';
      if (text === '') {
        // a deleted or empty comment: its replies attach to its own parent
        indexOfItem.set(element, parent);
        continue;
      }
      indexOfItem.set(element, comments.length);
      comments.push({
        author: item.author ? cleanCommentAuthor(item.author.textContent) : null,
        postedAt: commentTime(element, isItem),
        text,
        parent,
      });
    }
    removeCommentArea(items, isItem);
    return comments;
  }
  return [];
}

function commentText(content: DomElement, skip: (element: DomElement) => boolean): string {
  return collectBlocks(content, skip)
    .map((block) => block.text)
    .join('\n');
}

function commentTime(item: DomElement, isItem: (element: DomElement) => boolean): string | null {
  const time = ownElement(item, 'time[datetime], [datetime]', isItem);
  const value = time?.getAttribute('datetime');
  return value ? isoDate(value) : null;
}

/** The comment list and the comment area around it (heading, reply form) leave the DOM. */
function removeCommentArea(items: DomElement[], isItem: (element: DomElement) => boolean): void {
  const topLevel = items.filter((item) => ancestorItem(item, isItem) === null);
  const parents = new Set<DomElement>();
  for (const item of topLevel) {
    if (item.parentElement) parents.add(item.parentElement);
    item.remove();
  }
  for (let container of parents) {
    // climb while the wrapper is about comments and holds little else
    while (container && container.localName !== 'body' && COMMENT_WORD.test(labelOf(container)) && clean(container.textContent).length <= 400) {
      const up: DomElement | null = container.parentElement;
      container.remove();
      if (!up) break;
      container = up;
    }
  }
}

/**
 * The first element matching `selector` inside `item` that belongs to `item`, not to a
 * nested reply. Walks without entering nested comments, so a long reply chain stays linear.
 */
function ownElement(item: DomElement, selector: string, isItem: (element: DomElement) => boolean): DomElement | null {
  let node: DomNode | null = item.firstChild;
  while (node) {
    let descend = false;
    if (isElement(node) && !isItem(node)) {
      if (node.matches(selector)) return node;
      descend = node.firstChild !== null;
    }
    if (descend) {
      node = node.firstChild;
      continue;
    }
    while (node && node !== item && !node.nextSibling) node = node.parentNode;
    if (!node || node === item) return null;
    node = node.nextSibling;
  }
  return null;
}

function ancestorItem(element: DomElement, isItem: (element: DomElement) => boolean): DomElement | null {
  for (let node = element.parentElement; node; node = node.parentElement) if (isItem(node)) return node;
  return null;
}

function labelOf(element: DomElement): string {
  return `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
}

function cleanCommentAuthor(value: string | null): string | null {
  const name = clean(value)
    .replace(/\s*(says|said|wrote|writes)\s*:?\s*$/i, '')
    .replace(/^by\s+/i, '');
  return name || null;
}

// ---- byline ----

const BYLINE_SELECTOR = '[rel="author"], [itemprop~="author"], [class*="byline"], [class*="author"], [id*="byline"], [class*="dateline"], [class*="writtenby"]';
const BYLINE_LABEL = /byline|author|dateline|writtenby|p-author/i;

/** The page's byline element, taken out of the body so it is not repeated as a paragraph. */
function takeByline(body: DomElement): string | null {
  const article = body.querySelector('article') ?? body.querySelector('main');
  const found = [...(article ? Array.from(article.querySelectorAll(BYLINE_SELECTOR)) : []), ...Array.from(body.querySelectorAll(BYLINE_SELECTOR))];
  for (const element of found) {
    if (!element.parentNode) continue;
    if (element.closest('a') && element.localName !== 'a') continue;
    if (element.closest('nav, footer, aside, [role="navigation"], [class*="menu"]')) continue;
    const label = labelOf(element);
    if (/bio|box|avatar|profile|description|about/i.test(label)) continue;
    if (!element.matches('[rel="author"], [itemprop~="author"]') && !BYLINE_LABEL.test(label)) continue;
    const text = clean(element.textContent);
    if (text.length === 0 || text.length > 100) continue;
    // the highest wrapper that is still just the byline, so "By" goes with the name
    let top = element;
    while (top.parentElement && top.parentElement !== body && BYLINE_LABEL.test(labelOf(top.parentElement)) && clean(top.parentElement.textContent).length <= 100) {
      top = top.parentElement;
    }
    const byline = clean(top.textContent);
    top.remove();
    return byline;
  }
  return null;
}

function authorFromByline(byline: string): string | null {
  const name = byline
    .replace(/^(written\s+)?by\s+/i, '')
    .split(/\s*[|•·]\s*|\s+[–—-]\s+|,\s*(?=\d|(?:updated|published|posted)\b)/i)[0]
    .trim();
  return name || null;
}

function cleanAuthorName(name: string): string {
  return name.replace(/^(written\s+)?by\s+/i, '').trim();
}

function firstArticleTime(body: DomElement): string | null {
  const scope = body.querySelector('article') ?? body.querySelector('main') ?? body;
  const value = scope.querySelector('time[datetime]')?.getAttribute('datetime');
  return value ? isoDate(value) : null;
}

// ---- boilerplate ----

const UNSAFE_TAGS = [
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
  'svg', 'math', 'canvas', 'video', 'audio', 'source', 'track', 'map', 'head', 'title', 'meta', 'link', 'base',
  'button', 'select', 'option', 'optgroup', 'datalist', 'textarea', 'input', 'dialog',
];
const UNSAFE_SELECTOR = UNSAFE_TAGS.filter((tag) => tag !== 'head' && tag !== 'title' && tag !== 'meta' && tag !== 'link').join(', ');
const UNSAFE = new Set(UNSAFE_TAGS);

const BOILERPLATE_LABEL =
  /(^|[\s_-])(share|sharing|sharedaddy|social|newsletter|subscribe|signup|sign-up|related|jp-relatedposts|promo|advert|advertisement|ads?|sponsor(ed)?|cookie|consent|popup|modal|breadcrumbs?|respond|comment-respond|comment-form|reply-title|widget|widget-area|sidebar|author-bio|post-navigation|nav-links|skip-link|screen-reader-text|masthead|site-header|site-footer|colophon|posted-on|entry-meta|post-meta|cat-links|tags-links|entry-footer|listen|audio-player|print)([\s_-]|$)/i;
const BOILERPLATE_ROLES = /^(navigation|banner|contentinfo|complementary|search|dialog|alert)$/i;

/** Share bars, navigation, footers, sidebars, reply forms: out before extraction. */
function removeBoilerplate(body: DomElement): void {
  const total = clean(body.textContent).length;
  const candidates = Array.from(body.querySelectorAll('nav, footer, aside, form, [class], [id], [role]')).filter((element) => {
    if (/^(nav|footer|aside)$/.test(element.localName)) return true;
    if (BOILERPLATE_ROLES.test(element.getAttribute('role') ?? '')) return true;
    return BOILERPLATE_LABEL.test(labelOf(element).replace(/([a-z])([A-Z])/g, '$1-$2'));
  });
  for (const element of candidates) {
    if (!element.parentNode) continue;
    // never throw away what may be the article itself
    if (element.querySelector('article, h1') || element.localName === 'article') continue;
    const length = clean(element.textContent).length;
    if (length > 0.3 * total && length > 300) continue;
    element.remove();
  }
}

const BOILERPLATE_TEXT: RegExp[] = [
  /^(leave|post|add|write) a (reply|comment|response)\b/i,
  /^(cancel reply|reply|share|tweet|email|print|advertisement|skip to (main )?content)$/i,
  /^share (this|on|via)\b/i,
  /\b(sign up|subscribe)\b.*\b(newsletter|updates|inbox|email)\b/i,
  /\bnewsletter\b/i,
  /^listen to (this|the) (article|story|episode)\b/i,
  /^(©|\(c\)|copyright\b)/i,
  /\ball rights reserved\b/i,
  /^(follow us|related (articles|posts|stories)|read more|more from)\b/i,
  /^\d+ (comments?|responses?|replies|thoughts on)\b/i,
  /^(posted|filed) (in|under)\b/i,
];

function isBoilerplateText(text: string): boolean {
  return text.length <= 200 && BOILERPLATE_TEXT.some((pattern) => pattern.test(text));
}

// ---- article extraction ----

function readArticle(document: DomDocument): Block[] | null {
  const reader = new Readability<DomElement>(document as never, {
    serializer: (node: unknown) => node as DomElement,
    charThreshold: 100,
  });
  const result = reader.parse();
  if (!result?.content) return null;
  const blocks = collectBlocks(result.content);
  return blocks.length > 0 ? blocks : null;
}

// ---- the text walk: block elements become paragraphs, inline text is joined ----

interface Block {
  kind: 'heading' | 'body';
  text: string;
}

const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'legend', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'tfoot',
  'thead', 'tr', 'ul',
]);
const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

function isHidden(element: DomElement): boolean {
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  const style = element.getAttribute('style');
  return style !== null && /(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/**
 * Walks `root` without recursion (a page can nest thousands of levels) and returns its
 * paragraphs. Text never comes from scripts, styles, embedded objects or hidden elements.
 */
function collectBlocks(root: DomElement, skip: (element: DomElement) => boolean = () => false): Block[] {
  const blocks: Block[] = [];
  let headingDepth = 0;
  let preDepth = 0;
  let buffer = '';

  const flush = () => {
    const kind = headingDepth > 0 ? 'heading' : 'body';
    for (const paragraph of paragraphsOf(buffer)) blocks.push({ kind, text: paragraph });
    buffer = '';
  };
  const enter = (element: DomElement): boolean => {
    const tag = element.localName.toLowerCase();
    if (UNSAFE.has(tag) || isHidden(element) || skip(element)) return false;
    if (tag === 'br') buffer += '\n';
    else if (tag === 'td' || tag === 'th') buffer += ' ';
    if (BLOCK_TAGS.has(tag)) flush();
    if (HEADING_TAGS.has(tag)) headingDepth++;
    if (tag === 'pre') preDepth++;
    return true;
  };
  const leave = (element: DomElement) => {
    const tag = element.localName.toLowerCase();
    if (tag === 'td' || tag === 'th') buffer += ' ';
    if (BLOCK_TAGS.has(tag)) flush();
    if (HEADING_TAGS.has(tag)) headingDepth--;
    if (tag === 'pre') preDepth--;
  };

  let node: DomNode | null = root.firstChild;
  while (node) {
    let descend = false;
    if (node.nodeType === TEXT_NODE) {
      const text = node.textContent ?? '';
      buffer += preDepth > 0 ? text.replace(/\r\n?/g, '\n').replace(/[^\S\n]+/g, ' ') : text.replace(/\s+/g, ' ');
    } else if (isElement(node)) {
      if (enter(node)) {
        if (node.firstChild) descend = true;
        else leave(node);
      }
    }
    if (descend) {
      node = node.firstChild;
      continue;
    }
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      if (node && node !== root && isElement(node)) leave(node);
    }
    if (!node || node === root) break;
    node = node.nextSibling;
  }
  flush();
  return blocks;
}

/** One paragraph per run of lines: "a<br>b" stays one paragraph, an empty line (two <br>) splits. */
function paragraphsOf(buffer: string): string[] {
  const paragraphs: string[] = [];
  let current: string[] = [];
  let afterBlank = false;
  for (const raw of buffer.split('\n')) {
    const line = raw.replace(/\s+/g, ' ').trim();
    if (!line) {
      afterBlank = current.length > 0;
      continue;
    }
    if (afterBlank) {
      paragraphs.push(current.join('\n'));
      current = [];
      afterBlank = false;
    }
    current.push(line);
  }
  if (current.length > 0) paragraphs.push(current.join('\n'));
  return paragraphs;
}

// ---- composing the stored text ----

interface Part {
  kind: SectionKind;
  text: string;
  author?: string | null;
  parent?: number | null;
  postedAt?: string | null;
}

function composeParts(page: PreparedPage, article: Block[]): Part[] {
  const parts: Part[] = [];
  const title = page.title ? clean(page.title) : '';
  if (title) parts.push({ kind: 'title', text: title });
  if (page.byline) parts.push({ kind: 'byline', text: page.byline });

  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  article.forEach((block, index) => {
    // the title and byline are already the first lines
    if (title && index < 3 && same(block.text, title)) return;
    if (page.byline && same(block.text, page.byline)) return;
    parts.push({ kind: isBoilerplateText(block.text) ? 'boilerplate' : block.kind, text: block.text });
  });

  // comments: `parent` in RawComment indexes comments; in sections it indexes parts
  const partIndexOfComment: number[] = [];
  for (const comment of page.comments) {
    partIndexOfComment.push(parts.length);
    parts.push({
      kind: 'comment',
      text: comment.text,
      author: comment.author,
      parent: comment.parent === null ? null : partIndexOfComment[comment.parent],
      postedAt: comment.postedAt,
    });
  }
  return parts;
}

function finish(parts: Part[], source: Source, warnings: string[], input: string | undefined): ExtractedDocument {
  let text = '';
  const sections: Section[] = [];
  const sectionOfPart = new Map<number, number>();
  for (const [index, part] of parts.entries()) {
    if (part.text === '') continue;
    sectionOfPart.set(index, sections.length);
    if (text) text += '\n\n';
    const start = text.length;
    text += part.text;
    const section: Section = { kind: part.kind, start, end: text.length };
    if (part.kind === 'comment') {
      section.author = part.author ?? null;
      section.parent = typeof part.parent === 'number' ? (sectionOfPart.get(part.parent) ?? null) : null;
      section.postedAt = part.postedAt ?? null;
    }
    sections.push(section);
  }
  if (text === '') throw new DiscernError('INPUT_EMPTY', 'the HTML page holds no readable text', input);
  const result: ExtractedDocument = { format: 'html', text, sections, source };
  if (warnings.length > 0) result.warnings = warnings;
  return result;
}

// ---- last resort when no DOM can be built: strip tags from the markup ----

const RAW_TEXT_TAGS = ['script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'math', 'textarea', 'title', 'head'];

/** Paragraphs of text from raw markup, without a DOM; exported for its tests. */
export function stripTagsToParagraphs(html: string): string[] {
  let source = stripDoctype(html);
  const lower = source.toLowerCase();
  let kept = '';
  let position = 0;
  // drop elements whose content is not text, scanning forward only (linear time)
  const opener = new RegExp(`<(${RAW_TEXT_TAGS.join('|')})\\b`, 'gi');
  for (let match = opener.exec(lower); match; match = opener.exec(lower)) {
    if (match.index < position) continue;
    kept += source.slice(position, match.index);
    const close = lower.indexOf(`</${match[1]}`, match.index);
    const end = close < 0 ? lower.length : lower.indexOf('>', close);
    position = end < 0 ? lower.length : end + 1;
    opener.lastIndex = position;
  }
  source = kept + source.slice(position);
  const text = source
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?(p|div|h[1-6]|li|blockquote|section|article|tr|ul|ol|pre|header|footer|main|table)\b[^>]*>/gi, '\n\n')
    .replace(/<[^>]*>/g, ' ');
  return decodeEntities(text)
    .split(/\n\s*\n/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.replace(/\s+/g, ' ').trim())
        .filter(Boolean)
        .join('\n'),
    )
    .filter(Boolean);
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (entity, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
  });
}

// ---- helpers ----

function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}

/** Collapses HTML whitespace (and no-break spaces) and trims. */
function clean(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}
