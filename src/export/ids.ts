import { createHash } from 'node:crypto';

/**
 * Deterministic STIX ids: `type--UUIDv5(name)` (RFC 9562, SHA-1, in Discern's own namespace),
 * so the same database exports the same ids and a re-import updates objects instead of
 * duplicating them.
 */

/** Discern's UUIDv5 namespace (itself a v5 UUID of "discern" in the RFC's URL namespace). */
const NAMESPACE = uuidBytes('3c3c5a55-8a43-5b1e-9d8a-2f7e6b3f1c0d');

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

export function uuidV5(name: string, namespace: Buffer = NAMESPACE): string {
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function stixId(type: string, ...key: Array<string | number>): string {
  return `${type}--${uuidV5([type, ...key].join('\u0000'))}`;
}
