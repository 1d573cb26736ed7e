import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Fixtures for discern watch: a local HTTP server with programmable routes, and generators
 * for articles (HTML with a comment thread) and feeds (RSS 2.0, Atom, JSON Feed, news
 * sitemap). Every text here is written for these tests (fictional outlets and actors).
 */

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface FeedServer {
  base: string;
  server: Server;
  /** requests per path */
  hits: Map<string, number>;
  /** request headers of the last request per path */
  lastHeaders: Map<string, IncomingMessage['headers']>;
  /** when each request arrived, in order (ms since epoch, path) */
  log: Array<{ at: number; path: string }>;
  route(path: string, handler: Handler): void;
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Handler>();
  const hits = new Map<string, number>();
  const lastHeaders = new Map<string, IncomingMessage['headers']>();
  const log: Array<{ at: number; path: string }> = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    hits.set(path, (hits.get(path) ?? 0) + 1);
    lastHeaders.set(path, req.headers);
    log.push({ at: Date.now(), path });
    const handler = routes.get(path);
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    Promise.resolve(handler(req, res)).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    server,
    hits,
    lastHeaders,
    log,
    route: (path, handler) => void routes.set(path, handler),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function send(type: string, body: string | Buffer, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': type, ...headers }).end(body);
  };
}

export interface ArticleSpec {
  title: string;
  outlet: string;
  author: string;
  date: string;
  paragraphs: string[];
  comments?: Array<{ author: string; text: string }>;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function articleHtml(a: ArticleSpec): string {
  const comments = a.comments ?? [];
  const thread =
    comments.length === 0
      ? ''
      : `<section id="comments"><h3>${comments.length} Comments</h3><ol class="comment-list">${comments
          .map(
            (c, i) =>
              `<li class="comment" id="comment-${i + 1}"><article class="comment-body"><footer class="comment-meta"><div class="comment-author"><b class="fn">${escape(c.author)}</b></div><time datetime="${a.date}T1${i % 10}:00:00Z">${a.date}</time></footer><div class="comment-content"><p>${escape(c.text)}</p></div></article></li>`,
          )
          .join('')}</ol><div id="respond"><h3>Leave a Reply</h3></div></section>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(a.title)} | ${escape(a.outlet)}</title>
<meta property="og:site_name" content="${escape(a.outlet)}"><meta name="author" content="${escape(a.author)}">
<meta property="article:published_time" content="${a.date}T08:00:00Z"></head><body><nav><a href="/">Home</a></nav>
<article><h1>${escape(a.title)}</h1><p class="byline">By ${escape(a.author)}</p>${a.paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n')}</article>
${thread}<footer>&copy; 2026 ${escape(a.outlet)}</footer></body></html>`;
}

export interface ItemSpec {
  title: string;
  url: string;
  guid?: string;
  date?: string;
}

export function rss(title: string, items: ItemSpec[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${escape(title)}</title><link>https://example.invalid/</link><description>Test feed</description>
${items.map((i) => `<item><title>${escape(i.title)}</title><link>${escape(i.url)}</link>${i.guid ? `<guid isPermaLink="false">${escape(i.guid)}</guid>` : ''}${i.date ? `<pubDate>${new Date(i.date).toUTCString()}</pubDate>` : ''}</item>`).join('\n')}
</channel></rss>`;
}

export function atom(title: string, items: ItemSpec[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>${escape(title)}</title><id>urn:test:${escape(title)}</id><updated>2026-04-02T08:00:00Z</updated>
${items.map((i) => `<entry><title type="html">${escape(i.title)}</title><id>${escape(i.guid ?? i.url)}</id><link rel="alternate" href="${escape(i.url)}"/><updated>${i.date ?? '2026-04-02'}T08:00:00Z</updated></entry>`).join('\n')}
</feed>`;
}

export function jsonFeed(title: string, items: ItemSpec[]): string {
  return JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title, items: items.map((i) => ({ id: i.guid ?? i.url, url: i.url, title: i.title, date_published: i.date ? `${i.date}T08:00:00Z` : undefined })) });
}

export function newsSitemap(items: ItemSpec[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
${items.map((i) => `<url><loc>${escape(i.url)}</loc><news:news><news:publication><news:name>Test</news:name><news:language>en</news:language></news:publication><news:publication_date>${i.date ?? '2026-04-02'}</news:publication_date><news:title>${escape(i.title)}</news:title></news:news></url>`).join('\n')}
</urlset>`;
}

/** Ten levels of ten-fold entity expansion: a billion "lol"s if a parser expanded them. */
export function billionLaughs(): string {
  const levels = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?>\n<!DOCTYPE rss [\n${levels.join('\n')}\n]>\n<rss version="2.0"><channel><title>&lol9;</title></channel></rss>`;
}

export function externalEntity(): string {
  return `<?xml version="1.0"?>\n<!DOCTYPE rss [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>\n<rss version="2.0"><channel><title>x</title><item><title>&secret;</title><link>http://127.0.0.1/x</link></item></channel></rss>`;
}

/** A body of `bytes` bytes streamed in 64 KiB chunks, never held whole; resolves how many were written before the client went away. */
export function hugeBody(type: string, bytes: number, sent: { bytes: number }): Handler {
  return (req, res) => {
    res.writeHead(200, { 'content-type': type });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>');
    const pump = () => {
      while (sent.bytes < bytes) {
        sent.bytes += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      res.end('</title></channel></rss>');
    };
    req.socket.on('close', () => res.destroy());
    pump();
  };
}
