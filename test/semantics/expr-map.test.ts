/**
 * Property: `ExprMap` (compiler/semantics/incremental.ts — the types and resolutions of a program, one
 * layer per edit over the earlier check's) reads as a plain Map given the same puts and drops, after
 * any number of layers (the layers collapsed every few edits, the whole map flattened when they grew large), and a layer never changes
 * the maps under it (earlier checks and kept compilations keep reading them).
 * Seeded by test/helpers/seed.ts.
 */
import { expect, test } from 'vitest';
import fc from 'fast-check';
import { ExprMap } from '../../compiler/semantics/incremental.js';
import type * as A from '../../compiler/syntax/ast.js';

const KEYS = Array.from({ length: 400 }, (_, i) => ({ kind: 'number', i }) as unknown as A.Expr);
type Op = { put: boolean; key: number; value: number };
// (keys mostly among the first few: entries of the bottom map set, removed and set again across layers)
const op: fc.Arbitrary<Op> = fc.record({ put: fc.boolean(), key: fc.oneof(fc.nat(15), fc.nat(KEYS.length - 1)), value: fc.integer() });

const view = (m: ReadonlyMap<A.Expr, number>) => KEYS.map((k) => (m.has(k) ? m.get(k)! : null));

test('an ExprMap after layers of puts and drops reads as a plain Map; earlier layers stay as they were', () => {
  fc.assert(
    fc.property(fc.array(fc.array(op, { maxLength: 6 }), { minLength: 20, maxLength: 60, size: 'max' }), fc.integer({ min: 0, max: KEYS.length }), (edits, initial) => {
      const start = new Map<A.Expr, number>();
      for (let i = 0; i < initial; i++) start.set(KEYS[i]!, -i);
      let m = ExprMap.over(start);
      let model = new Map(start);
      const earlier: { m: ExprMap<number>; model: Map<A.Expr, number> }[] = [];
      for (const ops of edits) {
        earlier.push({ m, model });
        m = m.layer();
        model = new Map(model);
        for (const o of ops) {
          if (o.put) { m.put(KEYS[o.key]!, o.value); model.set(KEYS[o.key]!, o.value); }
          else { m.drop(KEYS[o.key]!); model.delete(KEYS[o.key]!); }
        }
        expect(view(m)).toEqual(view(model));
        expect(m.size).toBe(model.size);
        expect(new Map(m.entries())).toEqual(model);
      }
      for (const e of earlier) {
        expect(view(e.m)).toEqual(view(e.model));
        expect(e.m.size).toBe(e.model.size);
      }
    }),
    { numRuns: 60 },
  );
});
