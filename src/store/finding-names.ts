/**
 * The (kind, label) pairs a writer has already put in `finding_names` (migration 012), so it
 * skips the insert for labels it has written before (technique names, claim types and common
 * entities recur in nearly every document). Bounded: past `limit` pairs it starts afresh, which
 * costs only inserts that find the pair already there.
 */
export class SeenNames {
  private seen = new Set<string>();

  constructor(private readonly limit = 50_000) {}

  /** true when the pair is new to this writer (and must be inserted); remembers it */
  add(kind: string, label: string): boolean {
    const key = `${kind}\u0000${label}`;
    if (this.seen.has(key)) return false;
    if (this.seen.size >= this.limit) this.seen = new Set();
    this.seen.add(key);
    return true;
  }

  /** forget everything (a transaction that wrote pairs was rolled back) */
  clear(): void {
    this.seen.clear();
  }
}
