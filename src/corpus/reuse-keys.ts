import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { scratchDir } from '../core/scratch-dir.js';
import { join } from 'node:path';

/**
 * Reuse's blocking-key table: one (32-bit key, 32-bit entry) pair per sentence and key, packed
 * into a 64-bit integer, sorted so that entries sharing a key sit together. A large corpus's
 * table does not stay in memory: past `spillAt` entries it is spread over bucket files by the
 * key's top bits, and each bucket is read back, sorted and scanned on its own, so memory is
 * bounded by one bucket. What comes out — the groups worth comparing — is far smaller than the
 * table (most keys belong to one document, boilerplate keys to too many).
 */

/** Entries kept in memory before the table spills to bucket files (8 bytes each: 32 MB). */
export const SPILL_AT = 4_000_000;
const BUCKET_BITS = 6;
const BUCKET_BUFFER = 16_384;

/** Groups of entries sharing a key, ascending by key; group g is entries[starts[g] .. starts[g + 1]). */
export interface KeyGroups {
  keys: Uint32Array;
  starts: Uint32Array;
  entries: Uint32Array;
  count: number;
}

export class KeyTable {
  private memory: BigUint64Array;
  private length = 0;
  private dir: string | null = null;
  private buckets: Array<{ fd: number; buffer: BigUint64Array; used: number }> = [];
  /** entries written to the table */
  size = 0;

  constructor(private readonly spillAt = SPILL_AT) {
    this.memory = new BigUint64Array(Math.max(1, Math.min(1024, spillAt)));
  }

  add(key: number, entry: number): void {
    const packed = (BigInt(key >>> 0) << 32n) | BigInt(entry >>> 0);
    this.size++;
    if (this.dir) return this.toBucket(packed);
    if (this.length === this.memory.length) {
      if (this.length >= this.spillAt) {
        this.spill();
        return this.toBucket(packed);
      }
      const grown = new BigUint64Array(Math.min(this.memory.length * 2, this.spillAt));
      grown.set(this.memory);
      this.memory = grown;
    }
    this.memory[this.length++] = packed;
  }

  /** Every group of entries sharing a key that `keep` keeps (it sees the key and the group's entries, ascending). */
  groups(keep: (key: number, entries: Uint32Array) => boolean): KeyGroups {
    const out = new GroupWriter();
    if (!this.dir) {
      scan(this.memory.subarray(0, this.length).sort(), keep, out);
      this.memory = new BigUint64Array(0);
      this.length = 0;
      return out.done();
    }
    for (const bucket of this.buckets) this.flush(bucket);
    for (const bucket of this.buckets) closeSync(bucket.fd);
    for (let b = 0; b < this.buckets.length; b++) {
      const bytes = readFileSync(join(this.dir, String(b)));
      // copied into its own aligned buffer: a Buffer's offset need not be a multiple of 8
      const entries = new BigUint64Array(bytes.length / 8);
      new Uint8Array(entries.buffer).set(bytes);
      scan(entries.sort(), keep, out);
    }
    this.close();
    return out.done();
  }

  /** Removes the bucket files (also after a failure). */
  close(): void {
    if (!this.dir) return;
    for (const bucket of this.buckets) {
      try {
        closeSync(bucket.fd);
      } catch {
        // already closed
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
    this.buckets = [];
  }

  private spill(): void {
    this.dir = scratchDir('discern-reuse-keys-');
    for (let b = 0; b < 1 << BUCKET_BITS; b++) this.buckets.push({ fd: openSync(join(this.dir, String(b)), 'w'), buffer: new BigUint64Array(BUCKET_BUFFER), used: 0 });
    for (let i = 0; i < this.length; i++) this.toBucket(this.memory[i]);
    this.memory = new BigUint64Array(0);
    this.length = 0;
  }

  private toBucket(packed: bigint): void {
    const bucket = this.buckets[Number(packed >> BigInt(64 - BUCKET_BITS))];
    bucket.buffer[bucket.used++] = packed;
    if (bucket.used === bucket.buffer.length) this.flush(bucket);
  }

  private flush(bucket: { fd: number; buffer: BigUint64Array; used: number }): void {
    if (bucket.used === 0) return;
    writeSync(bucket.fd, new Uint8Array(bucket.buffer.buffer, 0, bucket.used * 8));
    bucket.used = 0;
  }
}

function scan(sorted: BigUint64Array, keep: (key: number, entries: Uint32Array) => boolean, out: GroupWriter): void {
  for (let start = 0; start < sorted.length; ) {
    const key = Number(sorted[start] >> 32n);
    let end = start + 1;
    while (end < sorted.length && Number(sorted[end] >> 32n) === key) end++;
    if (end - start >= 2) {
      const group = Uint32Array.from(sorted.subarray(start, end), (t) => Number(t & 0xffffffffn));
      if (keep(key, group)) out.add(key, group);
    }
    start = end;
  }
}

/** Growable typed arrays for the kept groups. */
class GroupWriter {
  private keys = new Uint32Array(256);
  private starts = new Uint32Array(257);
  private entries = new Uint32Array(1024);
  private count = 0;
  private used = 0;

  add(key: number, group: Uint32Array): void {
    if (this.count + 1 >= this.keys.length) {
      this.keys = grow(this.keys, this.keys.length * 2);
      this.starts = grow(this.starts, this.starts.length * 2);
    }
    while (this.used + group.length > this.entries.length) this.entries = grow(this.entries, this.entries.length * 2);
    this.keys[this.count] = key;
    this.starts[this.count] = this.used;
    this.entries.set(group, this.used);
    this.used += group.length;
    this.count++;
    this.starts[this.count] = this.used;
  }

  done(): KeyGroups {
    return { keys: this.keys.slice(0, this.count), starts: this.starts.slice(0, this.count + 1), entries: this.entries.slice(0, this.used), count: this.count };
  }
}

function grow(a: Uint32Array<ArrayBuffer>, length: number): Uint32Array<ArrayBuffer> {
  const out = new Uint32Array(length);
  out.set(a);
  return out;
}
