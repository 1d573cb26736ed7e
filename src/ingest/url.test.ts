import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as zlib from 'node:zlib';
import { DiscernError, type ErrorCode } from '../core/errors.js';
import { fetchUrl, guardedLookup, parseContentType, type FetchOptions, type HostResolver } from './url.js';

// Only loopback traffic: one server on 127.0.0.1, a random port, closed at the end.
const PAGE = '<!doctype html><html><head><title>Local page</title></head><body><p>Hello from the test server.</p></body></html>';
let server: http.Server;
let base = '';
let port = 0;
let requests = 0;

const routes: Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => void> = {
  '/page': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=UTF-8' });
    res.end(PAGE);
  },
  '/latin1': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; charset="ISO-8859-1"' });
    res.end(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
  },
  '/markdown': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/markdown' });
    res.end('# Title\n');
  },
  '/host': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(String(req.headers.host));
  },
  '/hop1': (_req, res) => redirect(res, 301, '/hop2'),
  '/hop2': (_req, res) => redirect(res, 302, 'hop3?x=1'),
  '/hop3': (_req, res) => redirect(res, 307, `${base}/page`),
  '/loop': (_req, res) => redirect(res, 302, '/loop'),
  '/no-location': (_req, res) => {
    res.writeHead(302);
    res.end();
  },
  '/to-ftp': (_req, res) => redirect(res, 301, 'ftp://127.0.0.1/file'),
  '/missing': (_req, res) => {
    res.writeHead(404, 'Not Found', { 'content-type': 'text/html' });
    res.end('<p>gone</p>');
  },
  '/pdf': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/pdf' });
    res.end('%PDF-1.4');
  },
  '/untyped': (_req, res) => {
    res.writeHead(200);
    res.end('what am I');
  },
  '/big-declared': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(2048) });
    res.end('x'.repeat(2048));
  },
  '/big-chunked': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    // 4 KiB in chunks, no Content-Length
    let sent = 0;
    const pump = () => {
      while (sent < 4096) {
        sent += 256;
        if (!res.write('y'.repeat(256))) return res.once('drain', pump);
      }
      res.end();
    };
    pump();
  },
  '/slow': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('first bytes, then nothing');
  },
  '/gzip': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
    res.end(zlib.gzipSync(PAGE));
  },
  '/deflate': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'deflate' });
    res.end(zlib.deflateSync(PAGE));
  },
  '/br': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'br' });
    res.end(zlib.brotliCompressSync(PAGE));
  },
  '/bomb': (_req, res) => {
    // 16 MiB of zeros compress to ~16 KiB
    const body = zlib.gzipSync(Buffer.alloc(16 * 1024 * 1024));
    res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip', 'content-length': String(body.length) });
    res.end(body);
  },
  '/corrupt-gzip': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
    res.end('this is not gzip at all');
  },
  '/weird-encoding': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'compress' });
    res.end('x');
  },
};

function redirect(res: http.ServerResponse, status: number, location: string): void {
  res.writeHead(status, { location });
  res.end();
}

before(async () => {
  server = http.createServer((req, res) => {
    requests++;
    const path = (req.url ?? '/').split('?')[0];
    const route = routes[path];
    if (route) route(req, res);
    else {
      res.writeHead(500);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const local: FetchOptions = { allowPrivate: true, timeoutMs: 3000 };

async function rejectsWith(promise: Promise<unknown>, code: ErrorCode, message?: RegExp): Promise<DiscernError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof DiscernError, `expected a DiscernError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (message) assert.match(error.message, message);
    return error;
  }
  assert.fail(`expected ${code}, but the fetch succeeded`);
}

test('refuses loopback and private addresses by default, before connecting', async () => {
  const before = requests;
  const error = await rejectsWith(fetchUrl(`${base}/page`), 'URL_PRIVATE', /127\.0\.0\.1.*private, loopback or link-local.*--allow-private/);
  assert.equal(error.input, `${base}/page`);
  // `localhost` goes through the DNS lookup guard (resolved from the hosts file, no network)
  await rejectsWith(fetchUrl(`http://localhost:${port}/page`), 'URL_PRIVATE', /localhost resolves to/);
  for (const url of [
    `http://[::ffff:127.0.0.1]:${port}/page`,
    `http://2130706433:${port}/page`,
    `http://0x7f.1:${port}/page`,
    `http://[::1]:${port}/page`,
    `http://0.0.0.0:${port}/page`,
  ]) {
    // only loopback forms here: even a broken check could not send traffic elsewhere
    // (the other ranges are covered by the isPrivateAddress table)
    await rejectsWith(fetchUrl(url, { timeoutMs: 500 }), 'URL_PRIVATE');
  }
  assert.equal(requests, before, 'no request reached the server');
});

test('checks the address a host name resolves to at connect time', async () => {
  const rebinding: HostResolver = async () => [{ address: '127.0.0.1', family: 4 }];
  await rejectsWith(fetchUrl(`http://news.example:${port}/page`, { resolveHost: rebinding }), 'URL_PRIVATE', /news\.example resolves to 127\.0\.0\.1/);
  // with allowPrivate the resolved address is used and the Host header keeps the name
  const fetched = await fetchUrl(`http://news.example:${port}/host`, { ...local, resolveHost: rebinding });
  assert.equal(fetched.bytes.toString(), `news.example:${port}`);
});

test('the lookup guard refuses a host if any of its addresses is private (no connection made)', async () => {
  const mixed: HostResolver = async () => [
    { address: '93.184.216.34', family: 4 },
    { address: '2606:2800:220:1::1', family: 6 },
    { address: '::ffff:10.0.0.7', family: 6 },
  ];
  const lookup = guardedLookup('http://mixed.example/', false, mixed);
  const answer = (options: { all?: boolean; family?: number }) =>
    new Promise<{ error: Error | null; address: unknown }>((resolve) =>
      lookup('mixed.example', options, (error, address) => resolve({ error, address })),
    );
  const refused = await answer({ all: true });
  assert.ok(refused.error instanceof DiscernError);
  assert.equal(refused.error.code, 'URL_PRIVATE');
  assert.match(refused.error.message, /mixed\.example resolves to ::ffff:10\.0\.0\.7/);
  // asking for IPv4 only leaves the public address, which passes
  assert.deepEqual(await answer({ family: 4 }), { error: null, address: '93.184.216.34' });
  const allowed = guardedLookup('http://mixed.example/', true, mixed);
  const all = await new Promise<unknown>((resolve) => allowed('mixed.example', { all: true }, (_e, addresses) => resolve(addresses)));
  assert.equal((all as unknown[]).length, 3);
});

test('reports a DNS failure and a refused connection in plain words', async () => {
  const failing: HostResolver = async (hostname) => {
    const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
    error.code = 'ENOTFOUND';
    throw error;
  };
  await rejectsWith(fetchUrl('http://no-such-host.example/', { resolveHost: failing }), 'URL_FETCH_FAILED', /could not be found/);
  const empty: HostResolver = async () => [];
  await rejectsWith(fetchUrl('http://no-such-host.example/', { resolveHost: empty }), 'URL_FETCH_FAILED', /no-such-host\.example could not be found/);

  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const closedPort = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  await rejectsWith(fetchUrl(`http://127.0.0.1:${closedPort}/`, local), 'URL_FETCH_FAILED', /refused the connection/);
});

test('only http and https URLs', async () => {
  await rejectsWith(fetchUrl('ftp://127.0.0.1/file'), 'URL_INVALID', /not ftp:/);
  await rejectsWith(fetchUrl('javascript:alert(1)'), 'URL_INVALID');
  await rejectsWith(fetchUrl('file:///etc/passwd'), 'URL_INVALID', /not file:/);
  await rejectsWith(fetchUrl('not a url'), 'URL_INVALID', /"not a url" is not a valid URL/);
  await rejectsWith(fetchUrl('http://'), 'URL_INVALID');
});

test('fetches a page with allowPrivate', async () => {
  const fetched = await fetchUrl(`${base}/page`, local);
  assert.equal(fetched.bytes.toString('utf8'), PAGE);
  assert.equal(fetched.contentType, 'text/html');
  assert.equal(fetched.charset, 'utf-8');
  assert.equal(fetched.finalUrl, `${base}/page`);

  const latin1 = await fetchUrl(`${base}/latin1`, local);
  assert.deepEqual([...latin1.bytes], [0x63, 0x61, 0x66, 0xe9]);
  assert.equal(latin1.contentType, 'text/plain');
  assert.equal(latin1.charset, 'iso-8859-1');

  const markdown = await fetchUrl(`${base}/markdown`, local);
  assert.equal(markdown.contentType, 'text/markdown');
  assert.equal(markdown.charset, null);
});

test('follows a redirect chain with relative locations', async () => {
  const fetched = await fetchUrl(`${base}/hop1`, local);
  assert.equal(fetched.finalUrl, `${base}/page`);
  assert.equal(fetched.bytes.toString('utf8'), PAGE);
  // three redirects: allowed with 3, refused with 2
  await fetchUrl(`${base}/hop1`, { ...local, maxRedirects: 3 });
  await rejectsWith(fetchUrl(`${base}/hop1`, { ...local, maxRedirects: 2 }), 'URL_TOO_MANY_REDIRECTS', /after 2 redirects/);
});

test('stops a redirect loop and refuses bad redirect targets', async () => {
  const before = requests;
  await rejectsWith(fetchUrl(`${base}/loop`, local), 'URL_TOO_MANY_REDIRECTS', /gave up after 5 redirects/);
  assert.equal(requests - before, 6);
  await rejectsWith(fetchUrl(`${base}/no-location`, local), 'URL_FETCH_FAILED', /without saying where to/);
  await rejectsWith(fetchUrl(`${base}/to-ftp`, local), 'URL_INVALID', /not ftp:/);
});

test('reports HTTP errors with the status', async () => {
  await rejectsWith(fetchUrl(`${base}/missing`, local), 'URL_FETCH_FAILED', /answered HTTP 404 Not Found/);
});

test('refuses content that is not text or HTML, naming the type', async () => {
  await rejectsWith(fetchUrl(`${base}/pdf`, local), 'URL_CONTENT_TYPE', /"application\/pdf"/);
  await rejectsWith(fetchUrl(`${base}/untyped`, local), 'URL_CONTENT_TYPE', /no content type/);
});

test('caps the body size with and without Content-Length', async () => {
  await rejectsWith(fetchUrl(`${base}/big-declared`, { ...local, maxBytes: 1024 }), 'INPUT_TOO_LARGE', /announced 2048 bytes/);
  await rejectsWith(fetchUrl(`${base}/big-chunked`, { ...local, maxBytes: 1024 }), 'INPUT_TOO_LARGE', /limit of 1024 bytes/);
  const fits = await fetchUrl(`${base}/big-chunked`, { ...local, maxBytes: 4096 });
  assert.equal(fits.bytes.length, 4096);
});

test('times out on a slow server', async () => {
  await rejectsWith(fetchUrl(`${base}/slow`, { ...local, timeoutMs: 300 }), 'URL_TIMEOUT', /within 300 ms/);
});

test('decodes gzip, deflate and brotli bodies', async () => {
  for (const path of ['/gzip', '/deflate', '/br']) {
    const fetched = await fetchUrl(`${base}${path}`, local);
    assert.equal(fetched.bytes.toString('utf8'), PAGE, path);
  }
});

test('applies the size cap to decoded bytes (decompression bomb)', async () => {
  await rejectsWith(
    fetchUrl(`${base}/bomb`, { ...local, maxBytes: 1024 * 1024 }),
    'INPUT_TOO_LARGE',
    /decompressed response went past it/,
  );
  await rejectsWith(fetchUrl(`${base}/corrupt-gzip`, local), 'URL_FETCH_FAILED', /corrupt/);
  await rejectsWith(fetchUrl(`${base}/weird-encoding`, local), 'URL_FETCH_FAILED', /"compress"/);
});

test('parseContentType', () => {
  assert.deepEqual(parseContentType('Text/HTML; Charset="UTF-8"'), { mediaType: 'text/html', charset: 'utf-8' });
  assert.deepEqual(parseContentType('text/plain'), { mediaType: 'text/plain', charset: null });
  assert.deepEqual(parseContentType(undefined), { mediaType: '', charset: null });
});
