/**
 * Array helpers safe at any size. Spreading an array into push or Math.max passes every
 * element as a call argument and throws a RangeError past ~125,000 of them (V8's stack), so
 * nothing in Discern spreads an array of unbounded size into a call (arrays.test.ts checks).
 */

/** Appends every item to `target` (in place) and returns it. */
export function append<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The items grouped by a key, groups in the order their key first appears, items in their order. */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** The largest value, or -Infinity for none (like Math.max()). */
export function maxOf(values: Iterable<number>): number {
  let max = -Infinity;
  for (const v of values) if (v > max || Number.isNaN(v)) max = v;
  return max;
}

/** The smallest value, or Infinity for none (like Math.min()). */
export function minOf(values: Iterable<number>): number {
  let min = Infinity;
  for (const v of values) if (v < min || Number.isNaN(v)) min = v;
  return min;
}
