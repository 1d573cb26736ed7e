import { DiscernError } from '../core/errors.js';

/**
 * Quantities on the command line always carry their unit (`--timeout 15s`, `--window 5m`,
 * `--max-bytes 50MB`): a bare number is refused, because "15" could be seconds or
 * milliseconds and a wrong guess is silent. Every duration option parses through
 * `parseDuration`, every size through `parseSize`, so the rules and messages are one.
 */

const DURATION_UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  sec: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** The units `--help` shows beside every duration option. */
export const DURATION_HINT = 'a duration with its unit: 500ms, 15s, 5m, 2h, 1d';

/** "15s", "1.5m", "500ms", "2h", "1d" → milliseconds (rounded to whole ms). */
export function parseDuration(value: string, option: string, limits: { min?: number; max?: number } = {}): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]+)?$/i.exec(value.trim());
  const unit = match?.[2]?.toLowerCase();
  if (!match || unit === undefined) {
    const hint = match ? ` — "${value}" has no unit (write ${value}s or ${value}ms)` : `, not "${value}"`;
    throw new DiscernError('USAGE', `${option} needs ${DURATION_HINT}${hint}`, option);
  }
  const factor = DURATION_UNITS[unit];
  if (factor === undefined) throw new DiscernError('USAGE', `${option}: unknown unit "${match[2]}" in "${value}" (use ms, s, m, h or d)`, option);
  const ms = Math.round(Number(match[1]) * factor);
  if (limits.min !== undefined && ms < limits.min) throw new DiscernError('USAGE', `${option} must be at least ${formatDuration(limits.min)}, not "${value}"`, option);
  if (limits.max !== undefined && ms > limits.max) throw new DiscernError('USAGE', `${option} must be at most ${formatDuration(limits.max)}, not "${value}"`, option);
  return ms;
}

/** A duration in whole seconds (rounded up, at least `minSeconds`), for settings kept in seconds. */
export function parseDurationSeconds(value: string, option: string, minSeconds = 1): number {
  return Math.ceil(parseDuration(value, option, { min: minSeconds * 1000 }) / 1000);
}

export function formatDuration(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000}d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

const SIZE_UNITS: Record<string, number> = {
  b: 1,
  kb: 1024,
  k: 1024,
  kib: 1024,
  mb: 1024 ** 2,
  m: 1024 ** 2,
  mib: 1024 ** 2,
  gb: 1024 ** 3,
  g: 1024 ** 3,
  gib: 1024 ** 3,
};

/** The units `--help` shows beside every size option. */
export const SIZE_HINT = 'a size with its unit: 512KB, 50MB, 1GB, 2048B (1KB = 1024 bytes)';

/** "50MB", "512KB", "1.5GB", "2048B" → bytes. */
export function parseSize(value: string, option: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]+)?$/i.exec(value.trim());
  const unit = match?.[2]?.toLowerCase();
  if (!match || unit === undefined) {
    const hint = match ? ` — "${value}" has no unit (write ${value}B for bytes, or e.g. 50MB)` : `, not "${value}"`;
    throw new DiscernError('USAGE', `${option} needs ${SIZE_HINT}${hint}`, option);
  }
  const factor = SIZE_UNITS[unit];
  if (factor === undefined) throw new DiscernError('USAGE', `${option}: unknown unit "${match[2]}" in "${value}" (use B, KB, MB or GB)`, option);
  const bytes = Math.round(Number(match[1]) * factor);
  if (bytes <= 0) throw new DiscernError('USAGE', `${option} must be more than 0 bytes, not "${value}"`, option);
  return bytes;
}

export function formatSize(bytes: number): string {
  if (bytes % 1024 ** 3 === 0) return `${bytes / 1024 ** 3}GB`;
  if (bytes % 1024 ** 2 === 0) return `${bytes / 1024 ** 2}MB`;
  if (bytes % 1024 === 0) return `${bytes / 1024}KB`;
  return `${bytes}B`;
}

/** The units `--help` shows beside every rate option. */
export const RATE_HINT = 'a rate with its unit: 20/s, 600/min, or 0 for no limit';

/** "20/s", "600/min", "0" (off) → per second. */
export function parseRate(value: string, option: string): number {
  const v = value.trim();
  if (v === '0' || v.toLowerCase() === 'off') return 0;
  const match = /^(\d+(?:\.\d+)?)\s*\/\s*(s|sec|min|m|h)$/i.exec(v);
  if (!match) throw new DiscernError('USAGE', `${option} needs ${RATE_HINT}, not "${value}"`, option);
  const per = match[2].toLowerCase();
  const divisor = per === 'h' ? 3600 : per === 'min' || per === 'm' ? 60 : 1;
  const rate = Number(match[1]) / divisor;
  if (rate <= 0) throw new DiscernError('USAGE', `${option} needs ${RATE_HINT}, not "${value}"`, option);
  return rate;
}
