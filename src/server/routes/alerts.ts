import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ApiDeps } from '../deps.js';
import { HttpError } from '../errors.js';

/**
 * What `discern watch` stores, over HTTP: the alerts (newest first, or after an id), a live
 * stream of new alerts as server-sent events, and each watched source's health. The stream
 * reads the store every second (any process may have raised the alert: a watch, a worker),
 * so it needs no channel between processes; `Last-Event-ID` resumes after a reconnect.
 */

export const STREAM_POLL_MS = 1000;
const HEARTBEAT_MS = 15_000;

function intParam(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new HttpError('BAD_REQUEST', `${name} must be a whole number from ${min} to ${max}`, name);
  return n;
}

export function alertRoutes(deps: ApiDeps, options: { pollMs?: number } = {}): Hono {
  const app = new Hono();
  const watch = deps.store.watch;

  app.get('/alerts', async (c) => {
    const limit = intParam(c.req.query('limit'), 'limit', 1, 500) ?? 100;
    const after = intParam(c.req.query('after'), 'after', 0, Number.MAX_SAFE_INTEGER);
    const type = c.req.query('type') || undefined;
    return c.json({ items: await watch.listAlerts({ limit, afterId: after, type }) });
  });

  app.get('/alerts/stream', async (c) => {
    const resume = intParam(c.req.header('last-event-id') ?? c.req.query('after'), 'after', 0, Number.MAX_SAFE_INTEGER);
    // without a place to resume from, the stream starts with what is raised from now on
    let last = resume ?? (await watch.listAlerts({ limit: 1 }))[0]?.id ?? 0;
    const pollMs = options.pollMs ?? STREAM_POLL_MS;
    c.header('Cache-Control', 'no-store');
    return streamSSE(c, async (stream) => {
      let closed = false;
      stream.onAbort(() => {
        closed = true;
      });
      let quiet = 0;
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ after: last }) });
      while (!closed) {
        const batch = await watch.listAlerts({ afterId: last, limit: 100 });
        for (const alert of batch) {
          await stream.writeSSE({ id: String(alert.id), event: 'alert', data: JSON.stringify(alert) });
          last = alert.id;
        }
        quiet = batch.length > 0 ? 0 : quiet + pollMs;
        if (quiet >= HEARTBEAT_MS) {
          await stream.write(': keep-alive\n\n');
          quiet = 0;
        }
        if (batch.length < 100) await stream.sleep(pollMs);
      }
    });
  });

  app.get('/watch/sources', async (c) => c.json({ items: await watch.listSources() }));

  return app;
}
