/**
 * Fetching one http(s) URL safely: only http and https, a whole-request timeout, a size
 * cap on the raw and the decoded body, a content-type check, a bounded number of manual
 * redirects, and no connection to private, loopback or link-local addresses unless the
 * caller allows it. The address check runs inside the socket's DNS lookup, so the address
 * that is checked is the address that is connected to (no DNS rebinding).
 */
import * as dns from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { DiscernError } from '../core/errors.js';
import { isIpAddress, isPrivateAddress } from './private-address.js';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Turns a host name into addresses; the default is the system resolver (dns.lookup). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface FetchOptions {
  /** connect to private, loopback and link-local addresses too (default false) */
  allowPrivate?: boolean;
  /** for the whole request, redirects and body included (default 15 000 ms) */
  timeoutMs?: number;
  /** cap on the body, compressed and decoded (default 50 MiB) */
  maxBytes?: number;
  /** redirects followed before giving up (default 5) */
  maxRedirects?: number;
  userAgent?: string;
  /** replaces the system resolver; for tests, so that no real DNS query is made */
  resolveHost?: HostResolver;
  /** extra request headers (discern watch: If-None-Match, If-Modified-Since, Accept) */
  headers?: Record<string, string>;
  /** media types accepted instead of ACCEPTED_CONTENT_TYPES (feeds: XML and JSON) */
  acceptTypes?: readonly string[];
  /** a 304 answer is returned (notModified, empty body) instead of failing */
  allowNotModified?: boolean;
}

/** A non-2xx answer: its status and Retry-After (seconds) so a poller can back off. */
export class HttpStatusError extends DiscernError {
  constructor(
    message: string,
    input: string,
    readonly status: number,
    readonly retryAfterSeconds: number | null,
  ) {
    super('URL_FETCH_FAILED', message, input);
  }
}

export interface FetchedResource {
  bytes: Buffer;
  /** media type without parameters, lower case, e.g. "text/html" */
  contentType: string;
  /** the URL after redirects */
  finalUrl: string;
  /** the charset parameter of Content-Type, lower case, if any */
  charset: string | null;
  /** the final answer's HTTP status (304 only with allowNotModified) */
  status?: number;
  /** true for a 304 answer to a conditional request (bytes is empty) */
  notModified?: boolean;
  /** the final answer's ETag and Last-Modified, for the next conditional request */
  etag?: string | null;
  lastModified?: string | null;
}

export const FETCH_DEFAULTS = {
  timeoutMs: 15_000,
  maxBytes: 50 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: 'Discern (article and comment analysis)',
} as const;

export const ACCEPTED_CONTENT_TYPES: readonly string[] = ['text/html', 'application/xhtml+xml', 'text/plain', 'text/markdown'];

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export async function fetchUrl(url: string, options: FetchOptions = {}): Promise<FetchedResource> {
  const timeoutMs = options.timeoutMs ?? FETCH_DEFAULTS.timeoutMs;
  const maxBytes = options.maxBytes ?? FETCH_DEFAULTS.maxBytes;
  const maxRedirects = options.maxRedirects ?? FETCH_DEFAULTS.maxRedirects;
  const allowPrivate = options.allowPrivate ?? false;
  const lookup = guardedLookup(url, allowPrivate, options.resolveHost ?? systemResolver);
  const headers = {
    'user-agent': options.userAgent ?? FETCH_DEFAULTS.userAgent,
    accept: 'text/html,application/xhtml+xml,text/markdown;q=0.9,text/plain;q=0.9,*/*;q=0.1',
    'accept-encoding': 'gzip, deflate, br',
    ...options.headers,
  };
  const acceptTypes = options.acceptTypes ?? ACCEPTED_CONTENT_TYPES;

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let current = parseHttpUrl(url, url);
    for (let redirects = 0; ; redirects++) {
      refusePrivateLiteral(current, url, allowPrivate);
      const response = await send(current, { headers, lookup, signal: controller.signal });
      const status = response.statusCode ?? 0;

      if (REDIRECT_STATUSES.has(status)) {
        response.destroy();
        const location = response.headers.location;
        if (!location) {
          throw new DiscernError('URL_FETCH_FAILED', `${current.href} answered ${status} (a redirect) without saying where to`, url);
        }
        if (redirects >= maxRedirects) {
          throw new DiscernError('URL_TOO_MANY_REDIRECTS', `gave up after ${maxRedirects} redirects (last one from ${current.href})`, url);
        }
        current = parseHttpUrl(resolveLocation(location, current, url), url);
        continue;
      }
      const validators = { etag: headerValue(response.headers.etag), lastModified: headerValue(response.headers['last-modified']) };
      if (status === 304 && options.allowNotModified) {
        response.destroy();
        return { bytes: Buffer.alloc(0), contentType: '', finalUrl: current.href, charset: null, status, notModified: true, ...validators };
      }
      if (status < 200 || status > 299) {
        response.destroy();
        const reason = response.statusMessage ? ` ${response.statusMessage}` : '';
        throw new HttpStatusError(`the server answered HTTP ${status}${reason} for ${current.href}`, url, status, parseRetryAfter(headerValue(response.headers['retry-after'])));
      }

      const { mediaType, charset } = parseContentType(response.headers['content-type']);
      if (!acceptTypes.includes(mediaType)) {
        response.destroy();
        const what = mediaType ? `"${mediaType}"` : 'no content type';
        throw new DiscernError(
          'URL_CONTENT_TYPE',
          `the server sent ${what}; only ${acceptTypes.join(', ')} can be read`,
          url,
        );
      }
      const declaredLength = Number(response.headers['content-length']);
      if (Number.isFinite(declaredLength) && declaredLength > maxBytes) {
        response.destroy();
        throw tooLarge(url, maxBytes, `the server announced ${declaredLength} bytes`);
      }

      const bytes = await readBody(response, url, maxBytes, controller.signal);
      return { bytes, contentType: mediaType, finalUrl: current.href, charset, status, ...validators };
    }
  } catch (error) {
    if (controller.signal.aborted) {
      throw new DiscernError('URL_TIMEOUT', `no complete answer within ${timeoutMs} ms`, url, { cause: error });
    }
    if (error instanceof DiscernError) throw error;
    throw new DiscernError('URL_FETCH_FAILED', describeNetworkError(error), url, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/** Only absolute http(s) URLs; everything else is URL_INVALID. */
function parseHttpUrl(value: string, input: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new DiscernError('URL_INVALID', `"${value}" is not a valid URL`, input);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new DiscernError('URL_INVALID', `only http and https URLs can be fetched, not ${parsed.protocol}`, input);
  }
  return parsed;
}

function resolveLocation(location: string, base: URL, input: string): string {
  try {
    return new URL(location, base).href;
  } catch {
    throw new DiscernError('URL_INVALID', `${base.href} redirected to "${location}", which is not a valid URL`, input);
  }
}

/**
 * Node does not call `lookup` for IP-literal hosts, so they are checked here. The URL
 * parser has already normalised forms like 2130706433, 0x7f.1 and [::ffff:127.0.0.1].
 */
function refusePrivateLiteral(target: URL, input: string, allowPrivate: boolean): void {
  const host = unbracket(target.hostname);
  if (!allowPrivate && isIpAddress(host) && isPrivateAddress(host)) {
    throw privateRefusal(input, `${target.host} is a private, loopback or link-local address`);
  }
}

function privateRefusal(input: string, what: string): DiscernError {
  return new DiscernError('URL_PRIVATE', `${what}; refusing to fetch it (allow it with --allow-private)`, input);
}

const systemResolver: HostResolver = async (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/** A socket lookup that refuses host names resolving to any private address. */
export function guardedLookup(input: string, allowPrivate: boolean, resolve: HostResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (resolved) => {
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        const addresses = resolved.filter((entry) => family === 0 || entry.family === family);
        const refused = allowPrivate ? undefined : addresses.find((entry) => isPrivateAddress(entry.address));
        if (refused) {
          callback(privateRefusal(input, `${hostname} resolves to ${refused.address}, a private, loopback or link-local address`), '');
        } else if (addresses.length === 0) {
          const error: NodeJS.ErrnoException & { hostname?: string } = new Error(`no address found for ${hostname}`);
          error.code = 'ENOTFOUND';
          error.hostname = hostname;
          callback(error, '');
        } else if (options.all) {
          callback(null, addresses);
        } else {
          callback(null, addresses[0].address, addresses[0].family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}

interface SendOptions {
  headers: Record<string, string>;
  lookup: LookupFunction;
  signal: AbortSignal;
}

function send(target: URL, { headers, lookup, signal }: SendOptions): Promise<http.IncomingMessage> {
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      {
        protocol: target.protocol,
        hostname: unbracket(target.hostname),
        port: target.port || undefined,
        path: `${target.pathname}${target.search}`,
        method: 'GET',
        headers,
        lookup,
        signal,
        // a fresh connection per request: no pooled socket skips the address check
        agent: false,
      },
      resolve,
    );
    // stays attached after the response arrives, so a late socket error is never unhandled
    request.on('error', reject);
    request.end();
  });
}

/** Streams the body through the decoder, counting bytes before and after decoding. */
async function readBody(response: http.IncomingMessage, input: string, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const collect = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  let decoder: Transform | null;
  try {
    decoder = createDecoder(response.headers['content-encoding'], input);
  } catch (error) {
    response.destroy();
    throw error;
  }
  const stages: Array<Readable | Transform | Writable> = [response, byteLimit(maxBytes, input, 'the response')];
  if (decoder) stages.push(decoder, byteLimit(maxBytes, input, 'the decompressed response'));
  stages.push(collect);
  await pipeline(stages, { signal });
  return Buffer.concat(chunks);
}

function byteLimit(maxBytes: number, input: string, what: string): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      total += chunk.length;
      if (total > maxBytes) done(tooLarge(input, maxBytes, `${what} went past it`));
      else done(null, chunk);
    },
  });
}

function createDecoder(header: string | undefined, input: string): Transform | null {
  const encoding = (header ?? '').trim().toLowerCase();
  switch (encoding) {
    case '':
    case 'identity':
      return null;
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      throw new DiscernError('URL_FETCH_FAILED', `the server compressed the page with "${encoding}", which cannot be decoded`, input);
  }
}

function tooLarge(input: string, maxBytes: number, detail: string): DiscernError {
  return new DiscernError('INPUT_TOO_LARGE', `the page is larger than the limit of ${maxBytes} bytes (${detail})`, input);
}

export function parseContentType(header: string | undefined): { mediaType: string; charset: string | null } {
  if (!header) return { mediaType: '', charset: null };
  const [type, ...parameters] = header.split(';');
  let charset: string | null = null;
  for (const parameter of parameters) {
    const eq = parameter.indexOf('=');
    if (eq < 0 || parameter.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    const value = parameter.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1').toLowerCase();
    charset = value || null;
  }
  return { mediaType: type.trim().toLowerCase(), charset };
}

function describeNetworkError(error: unknown): string {
  const e = error as NodeJS.ErrnoException & { hostname?: string; address?: string; port?: number };
  const code = e?.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EAI_NODATA') {
    return `the host name ${e.hostname ?? ''} could not be found (DNS lookup failed)`.replace('  ', ' ');
  }
  if (code === 'ECONNREFUSED') return `the server ${e.address ?? ''}${e.port ? `:${e.port}` : ''} refused the connection`.replace('  ', ' ');
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'the server closed the connection before the page was complete';
  if (code === 'ETIMEDOUT') return 'the connection to the server timed out';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'the server cannot be reached from this machine';
  if (code.startsWith('Z_') || code === 'ERR_BROTLI_DECOMPRESSION_FAILED' || /incorrect header check|invalid (block|distance|stored)/i.test(e?.message ?? '')) {
    return 'the compressed page is corrupt and cannot be decoded';
  }
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return `the server's TLS certificate is not valid (${code})`;
  if (code === 'HPE_INVALID_CONSTANT' || code.startsWith('HPE_')) return 'the server did not answer with valid HTTP';
  return `the request failed: ${e instanceof Error ? e.message : String(error)}`;
}

function headerValue(value: string | string[] | undefined): string | null {
  const one = Array.isArray(value) ? value[0] : value;
  return one && one.trim() ? one.trim() : null;
}

/** Retry-After as seconds: a number of seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, Math.round((at - now) / 1000)) : null;
}

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
