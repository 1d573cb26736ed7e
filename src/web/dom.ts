/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The only way the workbench builds DOM: elements from tag names and attributes, text
 * always as text nodes (never parsed as HTML), no event-handler attributes, and links only
 * to http(s) or to the page's own views. Document text cannot become markup this way.
 */

export type Child = Node | string | number | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | null | undefined>;

const SVG_NS = 'http://www.w3.org/2000/svg';

function setAttrs(el: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (/^on/i.test(name) || name === 'style' || name === 'srcdoc') throw new Error(`refusing attribute ${name}`);
    if ((name === 'href' || name === 'src' || name === 'action' || name === 'xlink:href') && !isSafeLink(String(value))) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** In-page views (#/...) and http(s) URLs; everything else (javascript:, data:...) is dropped. */
export function isSafeLink(value: string): boolean {
  // Resolved the way the browser will resolve it: "/\evil.example", "/<tab>/evil.example" and
  // "//evil.example" all land on another host although they start with "/".
  const base = new URL('http://workbench.invalid/');
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return false;
  }
  if (url.origin === base.origin) return /^[#/?]/.test(value) && !/[\\\t\n\r]/.test(value); // one of our own routes
  return (url.protocol === 'http:' || url.protocol === 'https:') && /^https?:\/\//i.test(value);
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** Text with search hits between the server's markers, as text nodes and <mark>s. */
export function markedText(text: string, startMarker: string, endMarker: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  let rest = text;
  while (rest.length > 0) {
    const open = rest.indexOf(startMarker);
    if (open < 0) {
      fragment.append(rest.replaceAll(endMarker, ''));
      break;
    }
    fragment.append(rest.slice(0, open));
    const close = rest.indexOf(endMarker, open + 1);
    const hit = close < 0 ? rest.slice(open + 1) : rest.slice(open + 1, close);
    fragment.append(h('mark', { class: 'hit' }, hit));
    rest = close < 0 ? '' : rest.slice(close + 1);
  }
  return fragment;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return iso.length > 10 ? iso.slice(0, 10) : iso;
}
