/**
 * compiler/semantics/deferred-map.ts: the checker's `types` and `resolutions` write their entries down
 * and build the Map when first read. To every caller it is the Map the same `set` calls make: the same
 * entries in the same order (a repeated key keeps its first place and its last value), whatever is read first.
 */
import { expect, test } from 'vitest';
import { DeferredMap } from '../../compiler/semantics/deferred-map.js';

/** The same `set` calls on a Map and on a DeferredMap. */
function both(calls: readonly (readonly [object, number])[]): [Map<object, number>, DeferredMap<object, number>] {
  const m = new Map<object, number>();
  const d = new DeferredMap<object, number>();
  for (const [k, v] of calls) {
    m.set(k, v);
    expect(d.set(k, v)).toBe(d);
  }
  return [m, d];
}

const a = { a: 1 };
const b = { b: 2 };
const c = { c: 3 };
const calls = [[a, 1], [b, 2], [a, 3], [c, 4], [b, 5]] as const;

test('every kind of read sees the entries of the set calls, in their order', () => {
  const reads: ((x: Map<object, number>) => unknown)[] = [
    (x) => x.size,
    (x) => [...x],
    (x) => [...x.entries()],
    (x) => [...x.keys()],
    (x) => [...x.values()],
    (x) => { const out: unknown[] = []; x.forEach((v, k) => out.push([k, v])); return out; },
    (x) => [x.get(a), x.get(b), x.get(c), x.get({})],
    (x) => [x.has(a), x.has(c), x.has({})],
  ];
  for (const first of reads) {
    const [m, d] = both(calls);
    expect(first(d)).toEqual(first(m));
    for (const r of reads) expect(r(d)).toEqual(r(m));
    expect(d).toBeInstanceOf(Map);
  }
});

test('changes after a read, and delete / clear before one, act as on a Map', () => {
  const [m, d] = both(calls);
  expect(d.get(b)).toBe(5);
  m.set(c, 9).set({ d: 4 }, 10);
  d.set(c, 9).set({ d: 4 }, 10);
  expect([...d.values()]).toEqual([...m.values()]);
  const [m2, d2] = both(calls);
  expect(d2.delete(a)).toBe(m2.delete(a));
  expect(d2.delete({})).toBe(false);
  expect([...d2]).toEqual([...m2]);
  d2.set(a, 7);
  m2.set(a, 7);
  expect([...d2]).toEqual([...m2]);
  const [, d3] = both(calls);
  d3.clear();
  expect(d3.size).toBe(0);
  d3.set(a, 1);
  expect([...d3]).toEqual([[a, 1]]);
});
