import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Hono } from 'hono';

/**
 * The workbench page and its bundle, built by scripts/build-web.ts into dist/web/
 * (index.html, static/app.js, static/app.css). Read once at start: the files are small and
 * never change while the server runs. Views live in the URL's hash, so `/` is the only page.
 */

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

const MISSING_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Discern</title></head>
<body><h1>Discern</h1><p>The web workbench is not built. Run <code>npm run build:web</code> (or <code>npm run build</code>) and restart <code>discern serve</code>. The API is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p></body></html>`;

export function webRoutes(webRoot: string): Hono {
  const app = new Hono();
  const index = join(webRoot, 'index.html');
  const page = existsSync(index) ? readFileSync(index, 'utf8') : null;
  const assets = new Map<string, Buffer>();
  const staticDir = join(webRoot, 'static');
  if (existsSync(staticDir)) {
    for (const name of readdirSync(staticDir)) {
      const file = join(staticDir, name);
      if (statSync(file).isFile() && TYPES[extname(name)]) assets.set(name, readFileSync(file));
    }
  }

  app.get('/', (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(page ?? MISSING_PAGE, page ? 200 : 503);
  });

  // Browsers ask for it on every page; answering "no content" keeps consoles and logs clean.
  app.get('/favicon.ico', (c) => c.body(null, 204));

  app.get('/static/:name', (c) => {
    const name = c.req.param('name');
    const body = assets.get(name);
    if (!body) return c.notFound();
    c.header('Content-Type', TYPES[extname(name)]);
    c.header('Cache-Control', 'no-cache');
    return c.body(new Uint8Array(body));
  });

  return app;
}
