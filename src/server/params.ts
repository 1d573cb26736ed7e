import type { Context } from 'hono';
import { HttpError } from './errors.js';
import { parseMinScore, type ThresholdPolicy } from '../report/thresholds.js';

/** Query parameters, checked: a wrong one is a 400 that names it. */

export const MAX_PAGE = 500;

export function intParam(c: Context, name: string, fallback: number, min: number, max: number): number {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new HttpError('BAD_REQUEST', `${name} must be a whole number from ${min} to ${max}`, name);
  return n;
}

export function pageParams(c: Context, defaultLimit = 50): { limit: number; offset: number } {
  return { limit: intParam(c, 'limit', defaultLimit, 1, MAX_PAGE), offset: intParam(c, 'offset', 0, 0, Number.MAX_SAFE_INTEGER) };
}

/** A non-empty string parameter, at most `max` characters, or undefined when absent. */
export function textParam(c: Context, name: string, max = 500): string | undefined {
  const raw = c.req.query(name);
  if (raw === undefined) return undefined;
  if (raw.length > max) throw new HttpError('BAD_REQUEST', `${name} is longer than ${max} characters`, name);
  return raw;
}

/** YYYY, YYYY-MM or YYYY-MM-DD. */
export function dateParam(c: Context, name: string): string | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(raw)) throw new HttpError('BAD_REQUEST', `${name} must be a date: YYYY, YYYY-MM or YYYY-MM-DD`, name);
  return raw;
}

/**
 * `min_score`: a score from 0 to 1, or `default` for each kind's documented display threshold
 * (src/report/thresholds.ts). Absent: null, every stored finding.
 */
export function minScoreParam(c: Context): ThresholdPolicy | null {
  const raw = c.req.query('min_score');
  if (raw === undefined) return null;
  if (raw === 'default') return { minScore: null };
  try {
    return parseMinScore(raw, 'min_score');
  } catch {
    throw new HttpError('BAD_REQUEST', 'min_score must be a score from 0 to 1, or "default"', 'min_score');
  }
}
