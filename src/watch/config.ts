import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { DiscernError } from '../core/errors.js';
import { TOOL_VERSION } from '../version.js';
import { parseDuration } from './duration.js';

/**
 * The watch configuration (YAML or JSON): the sources to poll, with what the analyst knows of
 * each (name, side, tags), the alert rules, and the politeness settings. Every mistake is
 * reported with the config file and the path of the wrong value ("sources[2].url").
 */

export type SourceType = 'auto' | 'rss' | 'atom' | 'json' | 'sitemap';

export interface WatchSource {
  url: string;
  /** the outlet's name as the analyst calls it (default: the feed's own title, else the host) */
  name: string | null;
  /** which side of the conflict the analyst files it under (free text, never used to judge) */
  side: string | null;
  tags: string[];
  type: SourceType;
}

export interface AlertRules {
  /** actors whose new accusations raise an alert (canonical names or aliases) */
  watchlist: string[];
  /** any new accusation against a watch-listed actor */
  accusations: boolean;
  narratives: boolean;
  camps: boolean;
  contradictions: boolean;
  /** comment sections: alert from this verdict up ("templated", or "mixed" which includes templated); off: never */
  comments: 'mixed' | 'templated' | 'off';
  /** the same text in at least `outlets` outlets within `hours` hours; null: off */
  reuse: { outlets: number; hours: number } | null;
  /** claims matching an earlier fact-check at least this similar; null: off */
  factchecks: { minSimilarity: number } | null;
}

export interface WatchSettings {
  intervalMs: number;
  /** wait between two requests to the same host */
  hostDelayMs: number;
  /** new items fetched per source and poll; the rest wait for the next poll */
  maxItems: number;
  timeoutMs: number;
  /** cap on a feed's body (compressed and decoded) */
  maxFeedBytes: number;
  /** cap on an article's body */
  maxArticleBytes: number;
  /** first wait after a failed poll; doubles per failure up to maxBackoffMs */
  backoffMs: number;
  maxBackoffMs: number;
  /** sources polled at once (on different hosts; one host is always one at a time) */
  concurrency: number;
  userAgent: string;
}

export interface WatchConfig {
  /** the file it was read from, for messages */
  path: string;
  sources: WatchSource[];
  alerts: AlertRules;
  settings: WatchSettings;
}

export const DEFAULT_SETTINGS: WatchSettings = {
  intervalMs: 15 * 60_000,
  hostDelayMs: 2000,
  maxItems: 50,
  timeoutMs: 15_000,
  maxFeedBytes: 10 * 1024 * 1024,
  maxArticleBytes: 10 * 1024 * 1024,
  backoffMs: 60_000,
  maxBackoffMs: 6 * 3_600_000,
  concurrency: 4,
  userAgent: `Discern-watch/${TOOL_VERSION} (feed monitor)`,
};

export const DEFAULT_RULES: AlertRules = {
  watchlist: [],
  accusations: true,
  narratives: true,
  camps: true,
  contradictions: true,
  comments: 'mixed',
  reuse: { outlets: 3, hours: 48 },
  factchecks: { minSimilarity: 0.6 },
};

export async function loadWatchConfig(path: string): Promise<WatchConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DiscernError(code === 'ENOENT' ? 'INPUT_NOT_FOUND' : 'INPUT_UNREADABLE', code === 'ENOENT' ? 'no such watch config file' : `cannot read the watch config: ${(error as Error).message}`, path);
  }
  return parseWatchConfig(text, path);
}

export function parseWatchConfig(text: string, path: string): WatchConfig {
  let raw: unknown;
  try {
    raw = /^\s*[{[]/.test(text) ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new DiscernError('INPUT_MALFORMED', `the watch config is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`, path);
  }
  const bad = (where: string, what: string) => new DiscernError('INPUT_MALFORMED', `${where}: ${what}`, path);
  if (!isObject(raw)) throw bad('the config', 'must be a mapping with a "sources" list');
  const list = raw.sources;
  if (!Array.isArray(list) || list.length === 0) throw bad('sources', 'must be a non-empty list of feeds (each a URL, or {url, name, side, tags, type})');
  const sources: WatchSource[] = [];
  const seen = new Set<string>();
  list.forEach((entry, i) => {
    const where = `sources[${i}]`;
    const item = typeof entry === 'string' ? { url: entry } : entry;
    if (!isObject(item)) throw bad(where, 'must be a URL or a mapping with url');
    const url = item.url;
    if (typeof url !== 'string' || !/^https?:\/\/[^\s/]+/i.test(url)) throw bad(`${where}.url`, `must be an absolute http(s) URL, not ${JSON.stringify(url)}`);
    try {
      new URL(url);
    } catch {
      throw bad(`${where}.url`, `"${url}" is not a valid URL`);
    }
    if (seen.has(url)) throw bad(`${where}.url`, `${url} is listed twice`);
    seen.add(url);
    const type = item.type ?? 'auto';
    if (typeof type !== 'string' || !['auto', 'rss', 'atom', 'json', 'sitemap'].includes(type)) throw bad(`${where}.type`, 'must be auto, rss, atom, json or sitemap');
    const tags = item.tags ?? [];
    if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) throw bad(`${where}.tags`, 'must be a list of words');
    sources.push({ url, name: optionalString(item.name, `${where}.name`, bad), side: optionalString(item.side, `${where}.side`, bad), tags: tags as string[], type: type as SourceType });
  });
  return { path, sources, alerts: parseRules(raw.alerts, bad), settings: parseSettings(raw.settings, bad) };
}

type Bad = (where: string, what: string) => DiscernError;

function parseRules(raw: unknown, bad: Bad): AlertRules {
  if (raw === undefined || raw === null) return { ...DEFAULT_RULES };
  if (!isObject(raw)) throw bad('alerts', 'must be a mapping');
  const rules = { ...DEFAULT_RULES };
  known(raw, ['watchlist', 'accusations', 'narratives', 'camps', 'contradictions', 'comments', 'reuse', 'factchecks'], 'alerts', bad);
  if (raw.watchlist !== undefined) {
    if (!Array.isArray(raw.watchlist) || !raw.watchlist.every((a) => typeof a === 'string' && a.trim() !== '')) throw bad('alerts.watchlist', 'must be a list of actor names');
    rules.watchlist = (raw.watchlist as string[]).map((a) => a.trim());
  }
  for (const key of ['accusations', 'narratives', 'camps', 'contradictions'] as const) {
    if (raw[key] === undefined) continue;
    if (typeof raw[key] !== 'boolean') throw bad(`alerts.${key}`, 'must be true or false');
    rules[key] = raw[key] as boolean;
  }
  if (raw.comments !== undefined) {
    const c = raw.comments === false ? 'off' : raw.comments === true ? 'mixed' : raw.comments;
    if (c !== 'mixed' && c !== 'templated' && c !== 'off') throw bad('alerts.comments', 'must be mixed, templated or off');
    rules.comments = c;
  }
  if (raw.reuse !== undefined) {
    if (raw.reuse === false || raw.reuse === null) rules.reuse = null;
    else {
      if (!isObject(raw.reuse)) throw bad('alerts.reuse', 'must be {outlets: N, hours: T} or false');
      const outlets = raw.reuse.outlets ?? DEFAULT_RULES.reuse?.outlets;
      const hours = raw.reuse.hours ?? DEFAULT_RULES.reuse?.hours;
      if (!Number.isInteger(outlets) || (outlets as number) < 2) throw bad('alerts.reuse.outlets', 'must be a whole number of at least 2');
      if (typeof hours !== 'number' || !(hours > 0)) throw bad('alerts.reuse.hours', 'must be a positive number of hours');
      rules.reuse = { outlets: outlets as number, hours };
    }
  }
  if (raw.factchecks !== undefined) {
    if (raw.factchecks === false || raw.factchecks === null) rules.factchecks = null;
    else {
      const min = isObject(raw.factchecks) ? raw.factchecks.minSimilarity : raw.factchecks === true ? DEFAULT_RULES.factchecks?.minSimilarity : undefined;
      if (typeof min !== 'number' || min <= 0 || min > 1) throw bad('alerts.factchecks.minSimilarity', 'must be a number above 0 and at most 1');
      rules.factchecks = { minSimilarity: min };
    }
  }
  return rules;
}

function parseSettings(raw: unknown, bad: Bad): WatchSettings {
  const settings = { ...DEFAULT_SETTINGS };
  if (raw === undefined || raw === null) return settings;
  if (!isObject(raw)) throw bad('settings', 'must be a mapping');
  known(raw, ['interval', 'hostDelay', 'maxItems', 'timeout', 'maxFeedBytes', 'maxArticleBytes', 'backoff', 'maxBackoff', 'concurrency', 'userAgent'], 'settings', bad);
  const duration = (key: string, target: keyof WatchSettings, min: number) => {
    if (raw[key] === undefined) return;
    const ms = parseDuration(raw[key] as string | number);
    if (ms === null || ms < min) throw bad(`settings.${key}`, `must be a duration like 15m, 2s or 500ms${min > 0 ? ` (at least ${min} ms)` : ''}`);
    (settings[target] as number) = ms;
  };
  duration('interval', 'intervalMs', 1000);
  duration('hostDelay', 'hostDelayMs', 0);
  duration('timeout', 'timeoutMs', 100);
  duration('backoff', 'backoffMs', 0);
  duration('maxBackoff', 'maxBackoffMs', 0);
  const count = (key: string, target: keyof WatchSettings, max: number) => {
    if (raw[key] === undefined) return;
    const n = raw[key];
    if (!Number.isInteger(n) || (n as number) < 1 || (n as number) > max) throw bad(`settings.${key}`, `must be a whole number from 1 to ${max}`);
    (settings[target] as number) = n as number;
  };
  count('maxItems', 'maxItems', 10_000);
  count('concurrency', 'concurrency', 64);
  const bytes = (key: string, target: keyof WatchSettings) => {
    if (raw[key] === undefined) return;
    const n = parseSize(raw[key]);
    if (n === null || n < 1024) throw bad(`settings.${key}`, 'must be a size like 10MB (at least 1KB)');
    (settings[target] as number) = n;
  };
  bytes('maxFeedBytes', 'maxFeedBytes');
  bytes('maxArticleBytes', 'maxArticleBytes');
  if (raw.userAgent !== undefined) {
    if (typeof raw.userAgent !== 'string' || !raw.userAgent.trim()) throw bad('settings.userAgent', 'must be a non-empty string');
    settings.userAgent = raw.userAgent.trim();
  }
  return settings;
}

export function parseSize(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value) : null;
  if (typeof value !== 'string') return null;
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?$/i.exec(value.trim());
  if (!match) return null;
  const unit = (match[2] ?? 'b').toLowerCase()[0];
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.round(Number(match[1]) * factor);
}

function known(raw: Record<string, unknown>, keys: string[], where: string, bad: Bad): void {
  for (const key of Object.keys(raw)) if (!keys.includes(key)) throw bad(`${where}.${key}`, `unknown setting (known: ${keys.join(', ')})`);
}

function optionalString(value: unknown, where: string, bad: Bad): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw bad(where, 'must be text');
  return value.trim() || null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
