/**
 * The generated evaluator's batch entry `evaluateMany` and the measure selection of
 * evaluateFast / evaluateMany (compiler/emit/ts-fast.ts), against the reference interpreter:
 *
 *   - seeded batches of random rows (arbitraries.ts) sharing one date and events, streamed
 *     from an array, a generator and an async generator: every row's decisions equal the
 *     interpreter's (evaluate → the fast form), the selected measures in the selection's order;
 *     an invalid row stops the stream with an InputError naming that row (行) and exactly the
 *     interpreter's problems; a bad date or events is refused at the call, before any row;
 *   - the fast path's fallback: unusual but valid rows (prototype-less objects, Proxies, records
 *     with a non-enumerable own `constructor`, objects of another realm; sparse arrays are refused
 *     like evaluate does) give the same answers as evaluate;
 *   - the selection option's own errors (unknown or repeated names, not a list).
 * Differential checks of single calls with a selection: differential-lib.ts (compareSelected).
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runInNewContext } from 'node:vm';
import { emitTypeScript } from '../../compiler/emit/typescript.js';
import { evaluate } from '../../compiler/interpret/interpreter.js';
import type { IrType } from '../../compiler/ir/ir.js';
import { cleanupGenerated, importGenerated, loadPolicies, type GeneratedModule } from './helpers.js';
import { caseArbitrary } from './arbitraries.js';
import { errorKey, fastSelectedOf, type FullDecisions } from './differential-lib.js';

afterAll(() => cleanupGenerated());

const RUNS = Math.max(20, Math.round(Number(process.env['ZC_DIFF_RUNS'] ?? 10_000) / 50));
const DIRS = ['policies/luanchuan', 'policies/sample', 'test/emit/fixtures/depth', 'test/emit/fixtures/coverage'];

type Row = { value: unknown } | { error: unknown };

function refRow(ir: Parameters<typeof evaluate>[0], facts: unknown, date: string, events: unknown, names: readonly string[] | undefined): Row {
  try {
    const full = (evaluate as (...a: unknown[]) => unknown)(ir, facts, date, events) as FullDecisions;
    return { value: fastSelectedOf(full, names ?? full.决定.map((d) => d.措施)) };
  } catch (e) {
    return { error: e };
  }
}

/** A well-formed value of a field's type (for the hidden-field case). */
function plainValue(t: IrType, date: unknown): unknown {
  switch (t.k) {
    case 'bool': return true;
    case 'text': return 'x';
    case 'enum': return t.members[0] ?? 'x';
    case 'int': return 1;
    case 'date': return date;
    case 'money': return '1.00';
    case 'quantity': return t.dim === 'ratio' ? '50%' : 1;
    case 'entity': return {};
    case 'list': return [];
  }
}

async function* asyncRows(rows: readonly unknown[]): AsyncGenerator<unknown> {
  for (const r of rows) {
    await Promise.resolve();
    yield r;
  }
}

function* syncRows(rows: readonly unknown[]): Generator<unknown> {
  yield* rows;
}

/** Drain a stream: the values, then the error that stopped it (if any). */
async function drain(it: Iterable<unknown> | AsyncIterable<unknown>): Promise<{ values: unknown[]; error?: unknown }> {
  const values: unknown[] = [];
  try {
    if (Symbol.asyncIterator in it) for await (const v of it as AsyncIterable<unknown>) values.push(v);
    else for (const v of it as Iterable<unknown>) values.push(v);
  } catch (error) {
    return { values, error };
  }
  return { values };
}

for (const p of loadPolicies(DIRS, { requirePolicy: true })) {
  const ir = p.ir;
  if (!ir) {
    it(`${p.name} 编译并降级为 IR`, () => {
      throw new Error(`${p.name}：${p.skipped}`);
    });
    continue;
  }
  describe(`evaluateMany / 措施选择：${p.name}`, () => {
    let gen: GeneratedModule;
    const names = [...new Set(ir.measures.map((m) => m.name))];

    it(`${RUNS} 批随机的行（数组、生成器、异步生成器）与解释器逐行一致`, async () => {
      gen = await importGenerated(emitTypeScript(ir).get('index.ts')!);
      let rows = 0;
      let stopped = 0;
      let refused = 0;
      let skippedThrow = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(caseArbitrary(ir), { minLength: 1, maxLength: 12 }), fc.option(fc.shuffledSubarray(names), { nil: undefined }), fc.nat(2), fc.boolean(), async (cases, sel, source, longValid) => {
          const date = cases[0]!.date as string;
          const events = cases[0]!.events;
          let facts = cases.map((c) => c.facts);
          const opts = sel === undefined ? undefined : { 措施: sel };
          // half of the batches: only the rows the interpreter accepts (long streams of valid rows)
          if (longValid) facts = facts.filter((f) => !('error' in refRow(ir, f, date, events, undefined)));
          if (facts.length === 0) return;
          const want = facts.map((f) => refRow(ir, f, date, events, sel));
          let stream: Iterable<unknown> | AsyncIterable<unknown>;
          try {
            stream = gen.evaluateMany(source === 0 ? facts : source === 1 ? syncRows(facts) : asyncRows(facts), date, events, opts);
          } catch (e) {
            // refused at the call: a bad date or events (the interpreter says the same for every row)
            refused++;
            const first = want[0]!;
            expect('error' in first, 'evaluateMany refused a batch the interpreter accepts').toBe(true);
            const problems = ((first as { error: { problems: { 路径: string }[] } }).error.problems ?? []).filter((x) => x.路径 === '评估日期' || x.路径.startsWith('事件'));
            expect(problems.length).toBeGreaterThan(0);
            expect((e as Error).name).toBe('InputError');
            expect(JSON.stringify((e as { problems: unknown }).problems)).toBe(JSON.stringify(problems));
            return;
          }
          const got = await drain(stream);
          for (let i = 0; i < got.values.length; i++) {
            const w = want[i]!;
            // an error thrown while evaluating (ZC0805, RangeError) by a measure that is not selected does not happen
            if ('error' in w && sel !== undefined && (w.error as Error).name !== 'InputError') {
              skippedThrow++;
              continue;
            }
            expect('value' in w, `row ${i}: evaluateMany answered where the interpreter throws ${'error' in w ? errorKey(w.error) : ''}`).toBe(true);
            expect(JSON.stringify(got.values[i])).toBe(JSON.stringify((w as { value: unknown }).value));
            rows++;
          }
          if (got.values.length === facts.length) {
            expect(got.error).toBeUndefined();
            return;
          }
          // the stream stopped at the first row the interpreter refuses (or that throws while evaluating)
          stopped++;
          const at = got.values.length;
          const w = want[at]!;
          expect('error' in w, `row ${at}: evaluateMany stopped but the interpreter answers`).toBe(true);
          const err = (w as { error: Error & { problems?: unknown } }).error;
          const e = got.error as Error & { problems?: unknown; 行?: number };
          if (err.name === 'InputError') {
            expect(e.name).toBe('InputError');
            expect(e.行).toBe(at);
            expect(e.message.startsWith(`第 ${at} 行（自 0 起）的输入数据有`)).toBe(true);
            expect(JSON.stringify(e.problems)).toBe(JSON.stringify(err.problems));
          } else expect(errorKey(e)).toBe(errorKey(err));
        }),
        { numRuns: RUNS },
      );
      console.info(`[evaluateMany] ${p.name}: ${RUNS} batches, ${rows} rows compared, ${stopped} stopped at a bad row, ${refused} refused at the call, ${skippedThrow} answered with a selection where evaluate throws while evaluating`);
      expect(rows).toBeGreaterThan(RUNS);
      expect(stopped).toBeGreaterThan(0);
    });

    it('选项“措施”有误：InputError 指出位置（未知的措施、重复、不是列表）', () => {
      const bad = [
        [{ 措施: ['没有这项措施'] }, '选项.措施[0]'],
        [{ 措施: [names[0], names[0]] }, '选项.措施[1]'],
        [{ 措施: names[0] }, '选项.措施'],
        [{ 措施: [42] }, '选项.措施[0]'],
      ] as const;
      for (const [opts, path] of bad) {
        let e: unknown;
        try {
          gen.evaluateFast({}, '2024-07-15', [], opts);
        } catch (x) {
          e = x;
        }
        expect((e as Error).name, JSON.stringify(opts)).toBe('InputError');
        expect((e as { problems: { 路径: string }[] }).problems.map((x) => x.路径)).toEqual([path]);
        expect(() => gen.evaluateMany([{}], '2024-07-15', [], opts)).toThrow(/选项\.措施/);
      }
      // evaluate has no selection: 措施 is an unknown option there, as before
      expect(() => (gen.evaluate as (...a: unknown[]) => unknown)({}, '2024-07-15', [], { 措施: [names[0]] })).toThrow(/选项\.措施: 期望事件登记，实际为 未知选项/);
      expect(() => gen.evaluateMany(42 as never, '2024-07-15')).toThrow(/行: 期望可迭代的行/);
    });

    it('不寻常的选项对象（无原型、Proxy、不可枚举的 constructor、抛出异常的 constructor getter）与同一选项对象在两次调用之间被修改：与普通选项相同', () => {
      // _quickSelection reads the options object's constructor before Object.getPrototypeOf (so that the
      // optimising compiler folds the prototype check): an options object where that read is unusual
      // must still give the answer of the plain { 措施 } — the read that throws included (not thrown out)
      const samples = fc.sample(caseArbitrary(ir), { numRuns: 60 });
      const pick = [names[names.length - 1]!, names[0]!];
      let compared = 0;
      for (const c of samples) {
        const ref = refRow(ir, c.facts, c.date as string, c.events, pick);
        if (!('value' in ref)) continue;
        const want = JSON.stringify(ref.value);
        const bare = Object.assign(Object.create(null) as object, { 措施: [...pick] });
        const proxied = new Proxy({ 措施: [...pick] }, {});
        const masked = Object.defineProperty({ 措施: [...pick] }, 'constructor', { value: Array, enumerable: false });
        const throwing = Object.defineProperty({ 措施: [...pick] }, 'constructor', { get: () => { throw new Error('constructor getter'); }, enumerable: false });
        const arrayProxy = { 措施: new Proxy([...pick], {}) };
        for (const o of [bare, proxied, masked, throwing, arrayProxy]) {
          // twice: the second call with the same options object takes _batch's "same as last time" check
          for (let k = 0; k < 2; k++) expect(JSON.stringify(gen.evaluateFast(c.facts, c.date, c.events, o as never)), `${k}`).toBe(want);
          expect(JSON.stringify([...gen.evaluateMany([c.facts], c.date, c.events, o as never)])).toBe(JSON.stringify([ref.value]));
        }
        // one plain options object, changed between calls: each call answers the options as they are then
        const opts: { 措施: string[]; 外星?: number } = { 措施: [pick[0]!] };
        const one = refRow(ir, c.facts, c.date as string, c.events, [pick[0]!]);
        expect(JSON.stringify(gen.evaluateFast(c.facts, c.date, c.events, opts))).toBe(JSON.stringify((one as { value: unknown }).value));
        opts.措施.push(pick[1]!);
        if (pick[1] !== pick[0]) expect(JSON.stringify(gen.evaluateFast(c.facts, c.date, c.events, opts))).toBe(want);
        opts.外星 = 1;
        expect(() => gen.evaluateFast(c.facts, c.date, c.events, opts)).toThrow(/选项/);
        compared++;
      }
      expect(compared).toBeGreaterThan(5);
    });

    it('快速路径之外的合格输入（无原型的对象、Proxy、不可枚举的 constructor、另一个 realm 的对象）：与 evaluate 相同', () => {
      const samples = fc.sample(caseArbitrary(ir), { numRuns: 200 });
      let compared = 0;
      for (const c of samples) {
        const ref = refRow(ir, c.facts, c.date as string, c.events, undefined);
        if (!('value' in ref) || c.facts === null || typeof c.facts !== 'object') continue;
        // the same facts rebuilt with prototype-less records, and wrapped in a transparent Proxy
        const bare = JSON.parse(JSON.stringify(c.facts), (_k, v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.assign(Object.create(null) as object, v) : v)) as unknown;
        const proxied = new Proxy(c.facts as object, {});
        // every record with a non-enumerable own `constructor` (not Object: the fast path's plain-object
        // test bails; Object.keys does not see it, so the full validation accepts the record)
        const masked = JSON.parse(JSON.stringify(c.facts), (_k, v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.defineProperty(v, 'constructor', { value: Array, enumerable: false }) : v)) as unknown;
        // the same facts parsed in another realm (its Object is not ours)
        const foreign = runInNewContext(`JSON.parse(${JSON.stringify(JSON.stringify(c.facts))})`) as unknown;
        for (const f of [bare, proxied, masked, foreign]) {
          expect(JSON.stringify(gen.evaluateFast(f, c.date, c.events))).toBe(JSON.stringify(ref.value));
          expect(JSON.stringify([...gen.evaluateMany([f], c.date, c.events)])).toBe(JSON.stringify([ref.value]));
        }
        compared++;
      }
      expect(compared).toBeGreaterThan(20);
    });

    it('记录中值为 undefined 的声明字段、未知的键、不可枚举的声明字段加一个未知的键：与解释器相同', () => {
      // a declared field whose own value is undefined; an unknown key beside an absent declared
      // field; a declared field defined non-enumerable (Object.keys does not see it) together
      // with an unknown key (a validator that reads declared names and only counts the keys
      // would accept this) — each must give exactly the interpreter's answer or error
      const samples = fc.sample(caseArbitrary(ir), { numRuns: 200 });
      let compared = 0;
      for (const c of samples) {
        if (c.facts === null || typeof c.facts !== 'object' || Array.isArray(c.facts)) continue;
        for (const variant of ['undefined', 'unknown', 'hidden'] as const) {
          let changed = false;
          const facts: Record<string, unknown> = {};
          for (const [en, rec] of Object.entries(c.facts as Record<string, unknown>)) {
            const e = ir.entities.find((x) => x.name === en);
            if (!e || rec === null || typeof rec !== 'object' || Array.isArray(rec)) {
              facts[en] = rec;
              continue;
            }
            const copy: Record<string, unknown> = { ...(rec as Record<string, unknown>) };
            const absent = e.fields.find((f) => !Object.prototype.hasOwnProperty.call(copy, f.name));
            if (absent) {
              if (variant === 'undefined') copy[absent.name] = undefined;
              else copy['外星'] = 1;
              if (variant === 'hidden') {
                Object.defineProperty(copy, absent.name, { value: plainValue(absent.type, c.date), enumerable: false, configurable: true, writable: true });
              }
              changed = true;
            }
            facts[en] = copy;
          }
          if (!changed) continue;
          const ref = refRow(ir, facts, c.date as string, c.events, undefined);
          let got: Row;
          try {
            got = { value: gen.evaluateFast(facts, c.date, c.events) };
          } catch (e) {
            got = { error: e };
          }
          if ('error' in ref) expect('error' in got ? errorKey(got.error) : 'no error').toBe(errorKey(ref.error));
          else expect(JSON.stringify('value' in got ? got.value : String((got as { error: unknown }).error))).toBe(JSON.stringify(ref.value));
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(20);
    });
  });
}
