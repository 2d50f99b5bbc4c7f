/** Items grouped by key, in first-seen order of the keys and input order within a group. */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Appends items one by one: `push(...items)` passes every item as an argument and overflows the stack
 * past about 100 000 of them (a provincial file's findings). */
export function append<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest of the values, or `empty` for none; a loop, not `Math.max(...values)`, for the same reason. */
export function maxOf(values: Iterable<number>, empty: number): number {
  let m = -Infinity;
  for (const v of values) if (v > m) m = v;
  return m === -Infinity ? empty : m;
}
