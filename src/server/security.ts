import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { HttpError, sendError } from './errors.js';

/**
 * The server's defences, each a small middleware:
 * - strict headers on every answer (CSP without inline script or style, no framing, no sniffing);
 * - a Host check while bound to loopback (a DNS-rebinding page cannot talk to us);
 * - an Origin check on writes (another site's form cannot post to us);
 * - a token, when one is set: `Authorization: Bearer`, or the cookie the page gets after
 *   one visit to `/?token=…`;
 * - a per-client token-bucket rate limit.
 */

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
    c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  };
}

/** Requests whose Host header names another host are refused (DNS rebinding); the port is not checked. */
export function hostCheck(allowed: readonly string[]): MiddlewareHandler {
  const hosts = new Set(allowed.map((h) => h.toLowerCase()));
  return async (c, next) => {
    const host = (c.req.header('host') ?? '').toLowerCase().replace(/:\d+$/, '');
    if (!hosts.has(host)) return sendError(c, new HttpError('FORBIDDEN', `unexpected Host header "${host}"`));
    await next();
  };
}

/** The host names a server bound to a loopback address answers to. */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * Writes must come from our own pages (or from a client that sends no Origin, like curl).
 * "Our own" is the whole origin: scheme, host and port (https://127.0.0.1:PORT is another
 * origin than the http server on that port).
 */
export function sameOriginWrites(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const origin = c.req.header('origin');
      const site = c.req.header('sec-fetch-site');
      if (site === 'cross-site' || (origin !== undefined && originOf(origin) !== ownOrigin(c))) {
        return sendError(c, new HttpError('FORBIDDEN', 'cross-origin writes are refused'));
      }
    }
    await next();
  };
}

/** scheme://host:port of this server as the request reached it (the Host header, the connection's scheme). */
function ownOrigin(c: Context): string | null {
  return originOf(c.req.url);
}

function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/**
 * A path of this server for a redirect: `//evil.example/` or `/\evil.example/` would be read
 * by browsers as another host, so leading slashes and backslashes collapse to one slash.
 */
export function localPath(pathname: string, search = ''): string {
  return `/${pathname.replace(/^[/\\]+/, '')}${search}`;
}

export const TOKEN_COOKIE = 'discern_token';

function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

export function tokenAuth(token: string): MiddlewareHandler {
  return async (c, next) => {
    const bearer = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim();
    const cookie = getCookie(c, TOKEN_COOKIE);
    if ((bearer && sameSecret(bearer, token)) || (cookie && sameSecret(cookie, token))) return next();
    const query = c.req.query('token');
    const isPage = c.req.method === 'GET' && !c.req.path.startsWith('/api/');
    if (isPage && query && sameSecret(query, token)) {
      // trade the token in the URL for a cookie, and drop it from the address bar and history
      setCookie(c, TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/' });
      const url = new URL(c.req.url);
      url.searchParams.delete('token');
      return c.redirect(localPath(url.pathname, url.search), 303);
    }
    if (isPage) {
      c.header('Cache-Control', 'no-store');
      return c.text('This Discern server needs its access token: open it as /?token=YOUR_TOKEN (see docs/server.md).', 401);
    }
    c.header('WWW-Authenticate', 'Bearer realm="discern"');
    return sendError(c, new HttpError('UNAUTHORIZED', 'this server needs a token: send "Authorization: Bearer <token>"'));
  };
}

export interface RateLimit {
  /** tokens added per second */
  perSecond: number;
  /** bucket size: the largest burst */
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 20, burst: 120 };
/** an ingest analyses a whole document: it costs as much as this many reads */
export const INGEST_COST = 10;

export function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}

export function rateLimit(limit: RateLimit, now: () => number = Date.now): MiddlewareHandler {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return async (c, next) => {
    const key = clientAddress(c);
    const t = now();
    const bucket = buckets.get(key) ?? { tokens: limit.burst, at: t };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((t - bucket.at) / 1000) * limit.perSecond);
    bucket.at = t;
    const cost = c.req.method === 'POST' ? INGEST_COST : 1;
    if (bucket.tokens < cost) {
      buckets.set(key, bucket);
      c.header('Retry-After', String(Math.max(1, Math.ceil((cost - bucket.tokens) / limit.perSecond))));
      return sendError(c, new HttpError('TOO_MANY_REQUESTS', 'too many requests from this client; slow down'));
    }
    bucket.tokens -= cost;
    buckets.set(key, bucket);
    if (buckets.size > 10_000) {
      // forget clients whose bucket has refilled: they are indistinguishable from new ones
      for (const [k, b] of buckets) if (b.tokens + ((t - b.at) / 1000) * limit.perSecond >= limit.burst) buckets.delete(k);
    }
    await next();
  };
}
