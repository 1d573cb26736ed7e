import * as crypto from 'node:crypto';

/** One-shot hashing (Node ≥ 20.12); a namespace import, so an older Node 20 falls back instead of failing to load. */
const oneShot: typeof crypto.hash | undefined = crypto.hash;

/**
 * A finding's stable id: a hash of what identifies it (document, producer `name@version`,
 * kind, label, span). The store recomputes it on read instead of keeping it
 * (src/store/finding-sets.ts), so both must use this one function. One-shot `hash` (the same
 * SHA-1 of the same UTF-8 bytes as createHash().update().digest()) is ~4× faster on strings
 * this short, and every finding of every document is hashed at least twice (stamped, and
 * checked when its set is packed).
 */
export function findingId(...parts: Array<string | number>): string {
  const key = parts.join('\u0000');
  return (oneShot ? oneShot('sha1', key, 'hex') : crypto.createHash('sha1').update(key).digest('hex')).slice(0, 16);
}
