/**
 * A `Map` whose entries, while it is being filled, are only written down: the checker's `types` and
 * `resolutions` (an entry for every expression of a program: 57,349 and 10,248 on the 50,000-line
 * benchmark corpus). Input: `set` calls. Output: a `Map` with exactly the entries and the order those
 * calls give, built when it is first read.
 *
 * Why: inserting into a growing hash table is a large part of a cold check (the table is rehashed at
 * every doubling, its old tables are garbage), and `zhengce check` never reads these maps — it reports
 * diagnostics only. The later passes (lowering, the services, the incremental check) read them, and
 * then pay for the same insertions once, in one loop.
 *
 * INVARIANT: every read (`get`, `has`, `size`, iteration, `forEach`) and every change other than `set`
 * (`delete`, `clear`) first replays the written-down `set` calls in order — so the map is, to every
 * caller, the `Map` those calls would have made (a repeated key keeps its first place and its last value).
 */
export class DeferredMap<K, V> extends Map<K, V> {
  /** The `set` calls not yet replayed: key, value, key, value … (undefined once replayed). */
  private pending: unknown[] | undefined = [];

  /** Replay the written-down `set` calls (once). */
  private flush(): void {
    const p = this.pending;
    if (p === undefined) return;
    this.pending = undefined;
    for (let i = 0; i < p.length; i += 2) super.set(p[i] as K, p[i + 1] as V);
  }

  override set(key: K, value: V): this {
    if (this.pending !== undefined) this.pending.push(key, value);
    else super.set(key, value);
    return this;
  }
  override get(key: K): V | undefined {
    this.flush();
    return super.get(key);
  }
  override has(key: K): boolean {
    this.flush();
    return super.has(key);
  }
  override delete(key: K): boolean {
    this.flush();
    return super.delete(key);
  }
  override clear(): void {
    this.flush();
    super.clear();
  }
  override get size(): number {
    this.flush();
    return super.size;
  }
  override forEach(fn: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    this.flush();
    super.forEach(fn, thisArg);
  }
  override entries(): MapIterator<[K, V]> {
    this.flush();
    return super.entries();
  }
  override keys(): MapIterator<K> {
    this.flush();
    return super.keys();
  }
  override values(): MapIterator<V> {
    this.flush();
    return super.values();
  }
  override [Symbol.iterator](): MapIterator<[K, V]> {
    this.flush();
    return super[Symbol.iterator]();
  }
}
