import { createHmac } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import * as http from 'node:http';
import * as https from 'node:https';
import { DiscernError } from '../core/errors.js';
import { isIpAddress, isPrivateAddress } from '../ingest/private-address.js';
import { guardedLookup, type HostResolver } from '../ingest/url.js';
import type { StoredAlert } from '../store/watch.js';

/**
 * Where alerts go besides the store: JSON Lines (one alert per line) on stdout or appended to
 * a file, and a webhook that receives each alert as a JSON POST, signed with HMAC-SHA256 over
 * "<timestamp>.<body>" (headers X-Discern-Timestamp and X-Discern-Signature: sha256=<hex>)
 * and retried with backoff on network errors, 429 and 5xx. The webhook URL goes through the
 * same private-address check as every fetch.
 */

export interface AlertSink {
  send(alert: StoredAlert): Promise<void>;
  close(): Promise<void>;
}

/** The JSON an alert is written as: the issue's shape (type, time, summary, documents, evidence) plus id, key and data. */
export function alertJson(alert: StoredAlert): Record<string, unknown> {
  return { id: alert.id, type: alert.type, time: alert.time, summary: alert.summary, documents: alert.documents, evidence: alert.evidence, key: alert.key, ...(alert.data ? { data: alert.data } : {}) };
}

export class JsonLinesSink implements AlertSink {
  private readonly stream: NodeJS.WritableStream;
  private readonly file: WriteStream | null;

  constructor(target: '-' | string) {
    this.file = target === '-' ? null : createWriteStream(target, { flags: 'a', encoding: 'utf8' });
    this.stream = this.file ?? process.stdout;
  }

  async send(alert: StoredAlert): Promise<void> {
    if (!this.stream.write(`${JSON.stringify(alertJson(alert))}\n`)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    if (this.file) {
      this.file.end();
      await once(this.file, 'close');
    }
  }
}

export interface WebhookOptions {
  url: string;
  /** HMAC key; without one the requests are sent unsigned */
  secret: string | null;
  allowPrivate: boolean;
  /** attempts in all (default 4) */
  attempts?: number;
  /** first wait between attempts (default 1000 ms), doubling */
  retryDelayMs?: number;
  timeoutMs?: number;
  resolveHost?: HostResolver;
  /** called for each alert that could not be delivered after every attempt */
  onFailure?: (alert: StoredAlert, error: Error) => void;
}

export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export class WebhookSink implements AlertSink {
  private readonly target: URL;

  constructor(private readonly options: WebhookOptions) {
    try {
      this.target = new URL(options.url);
    } catch {
      throw new DiscernError('USAGE', `"${options.url}" is not a valid URL`, '--webhook');
    }
    if (this.target.protocol !== 'http:' && this.target.protocol !== 'https:') throw new DiscernError('USAGE', 'the webhook must be an http(s) URL', '--webhook');
  }

  async send(alert: StoredAlert): Promise<void> {
    const body = JSON.stringify(alertJson(alert));
    const attempts = this.options.attempts ?? 4;
    let delay = this.options.retryDelayMs ?? 1000;
    let last: Error = new Error('not sent');
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const status = await this.post(body);
        if (status >= 200 && status < 300) return;
        last = new Error(`the webhook answered HTTP ${status}`);
        // a client error other than 429 will not get better by repeating the request
        if (status >= 400 && status < 500 && status !== 429) break;
      } catch (error) {
        last = error as Error;
        if (error instanceof DiscernError && error.code === 'URL_PRIVATE') break;
      }
      if (attempt < attempts) {
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay *= 2;
      }
    }
    this.options.onFailure?.(alert, last);
  }

  private post(body: string): Promise<number> {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'user-agent': 'Discern-watch',
      'x-discern-timestamp': timestamp,
    };
    if (this.options.secret) headers['x-discern-signature'] = signature(this.options.secret, timestamp, body);
    const client = this.target.protocol === 'https:' ? https : http;
    const host = this.target.hostname.replace(/^\[|\]$/g, '');
    if (!this.options.allowPrivate && isIpAddress(host) && isPrivateAddress(host)) {
      return Promise.reject(new DiscernError('URL_PRIVATE', `the webhook ${this.target.host} is a private, loopback or link-local address; refusing to post to it (allow it with --allow-private)`, this.options.url));
    }
    return new Promise((resolve, reject) => {
      const request = client.request(
        {
          protocol: this.target.protocol,
          hostname: host,
          port: this.target.port || undefined,
          path: `${this.target.pathname}${this.target.search}`,
          method: 'POST',
          headers,
          lookup: guardedLookup(this.options.url, this.options.allowPrivate, this.options.resolveHost ?? defaultResolver),
          agent: false,
          timeout: this.options.timeoutMs ?? 10_000,
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('timeout', () => request.destroy(new Error('the webhook did not answer in time')));
      request.on('error', reject);
      request.end(body);
    });
  }

  async close(): Promise<void> {}
}

const defaultResolver: HostResolver = async (hostname) => (await import('node:dns')).promises.lookup(hostname, { all: true, verbatim: true });
