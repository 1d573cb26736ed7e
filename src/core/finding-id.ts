import { createHash } from 'node:crypto';

/**
 * A finding's stable id: a hash of what identifies it (document, producer `name@version`,
 * kind, label, span). The store recomputes it on read instead of keeping it
 * (src/store/finding-sets.ts), so both must use this one function.
 */
export function findingId(...parts: Array<string | number>): string {
  return createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 16);
}
