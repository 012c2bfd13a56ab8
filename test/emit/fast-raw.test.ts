/**
 * evaluateFast's raw path (compiler/emit/ts-raw.ts) on the county (policies/luanchuan), differential:
 * seeded households in the benchmark's encoding (家庭 with 夫妻 and 子女 lists), varied where the raw
 * path has its own code — absent fields and records, lists of 0–6 children with twins and triplets,
 * birth and purchase dates on the edges of the uncertain 施行日 (2022-12-31 … 2024-01-01) and of the
 * evaluation date, 同胎序号 0 and repeated children (前提), certificates around 2016-01-01, bad values
 * (InputError), other entities beside 家庭 (职工 with children, 入托幼儿), evaluation dates before, in
 * and after 2023, with and without an event that voids the policy (the sunset). For each household and
 * each of evaluateFast (all measures: the converted path, some have no raw code), evaluateFast
 * { 措施: the three }, { 措施: every measure with raw code } and evaluateMany { 措施: the three }:
 *   raw path on  ≡  raw path off (`_rawSwitch(false)`: the converted path)  ≡  evaluate's values;
 * an invalid household throws the same InputError (problems and message) on every path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emitTypeScript } from '../../compiler/emit/typescript.js';
import { cleanupGenerated, importGenerated, loadPolicies, type GeneratedModule } from './helpers.js';
import { errorKey, fastOf, fastSelectedOf, type FullDecisions } from './differential-lib.js';

afterAll(() => cleanupGenerated());

const RUNS = 10_000;
const THREE = ['生育补助', '公积金租房提取上浮', '多孩家庭购房优先优惠'];
const HUKOU = ['栾川县', '县外'];
const DATES = ['2015-03-01', '2016-01-01', '2022-12-31', '2023-01-01', '2023-06-15', '2023-12-31', '2024-01-01', '2024-02-29', '2024-07-15'];
const EVAL_DATES = ['2024-07-15', '2024-07-15', '2024-07-15', '2024-07-15', '2025-12-31', '2025-12-31', '2022-06-01', '2023-06-01'];
const VOIDING = [{ 日期: '2024-10-28', 级别: '国家', 类别: '生育支持政策', 地区: '全国', 标题: '（测试用）' }];

type Gen = GeneratedModule & { __rawSwitch(on: boolean): void; __RAW: readonly unknown[]; __M: readonly { name: string }[] };

/** A field that is present with probability 0.9 (else absent). */
const maybe = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined, freq: 10 });
// (a date after the evaluation date is an input error: 2025-05-20 now and then, and every date after an early evaluation date)
const date = fc.oneof({ weight: 60, arbitrary: fc.constantFrom(...DATES) }, { weight: 1, arbitrary: fc.constant('2025-05-20') });
const child = fc.record({ 出生日期: maybe(date), 同胎序号: maybe(fc.constantFrom(1, 1, 1, 2, 0)), 户籍: maybe(fc.constantFrom(...HUKOU)), 性别: maybe(fc.constantFrom('男', '女')), 健在: maybe(fc.boolean()) });
const spouse = fc.record({ 户籍: maybe(fc.constantFrom(...HUKOU)), 缴存住房公积金: maybe(fc.boolean()) });

/** Children, with twins and triplets: a child repeats the previous one's birth date with the next 同胎序号. */
const children = fc.array(fc.tuple(child, fc.nat(9)), { maxLength: 6 }).map((xs) => {
  const out: Record<string, unknown>[] = [];
  for (const [c, r] of xs) {
    const prev = out[out.length - 1];
    const order = prev?.['同胎序号'];
    // r = 0: the same child twice (前提 子女名单不重复 violated); r = 1: the next of a multiple birth
    if (prev !== undefined && r < 2) out.push({ ...c, 出生日期: prev['出生日期'], 同胎序号: typeof order === 'number' ? (r === 0 ? order : order + 1) : 2 });
    else out.push(c);
  }
  return out;
});

const bad = fc.constantFrom<[string, unknown]>(['居住地', '北京'], ['有户口簿', 'yes'], ['购房日期', '2024-02-30'], ['购房日期', '2099-01-01'], ['外星', 1], ['购房日期', '2024-7-01']);

const household = fc.record({
  夫妻: maybe(fc.array(spouse, { maxLength: 3 })),
  子女: maybe(children),
  居住地: maybe(fc.constantFrom(...HUKOU)),
  申请租房提取住房公积金: maybe(fc.boolean()),
  购房类型: maybe(fc.constantFrom('首套自住住房', '改善型住房', '其他住房')),
  所购住房为商品房: maybe(fc.boolean()),
  所购住房所在地: maybe(fc.constantFrom(...HUKOU)),
  购房日期: maybe(date),
  已网上登记并保存三孩生育证: maybe(fc.boolean()),
  有医院出具的三孩出生证明: maybe(fc.boolean()),
  有户口簿: maybe(fc.boolean()),
  计划生育证件: maybe(fc.array(fc.record({ 证件类别: maybe(fc.constantFrom('独生子女父母光荣证', '农村计划生育双女家庭证明', '其他证件')), 发证日期: maybe(fc.constantFrom('2010-05-01', '2015-12-31', '2016-01-01')) }), { maxLength: 2 })),
});

/** One row: the facts (家庭 absent 3%; 职工 or 入托幼儿 beside it 10%; a bad value 3%), the evaluation date, the events. */
const row = fc.record({
  h: household,
  noFamily: fc.nat(99),
  other: fc.nat(99),
  broken: fc.oneof({ weight: 30, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: bad }),
  day: fc.constantFrom(...EVAL_DATES),
  voided: fc.nat(19),
}).map(({ h, noFamily, other, broken, day, voided }) => {
  // fast-check's records keep absent keys as undefined values: drop them (absent, not undefined)
  const clean = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined).map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => (x !== null && typeof x === 'object' ? clean(x as Record<string, unknown>) : x)) : v]));
  const 家庭 = clean(h);
  if (broken) 家庭[broken[0]] = broken[1];
  const facts: Record<string, unknown> = noFamily < 3 ? {} : { 家庭 };
  if (other < 5) facts['职工'] = { 子女: [{ 出生日期: '2024-01-02', 同胎序号: 1 }] };
  else if (other < 10) facts['入托幼儿'] = { 出生日期: '2023-03-01', 同胎序号: 0 };
  return { facts, date: day, events: voided === 0 ? VOIDING : undefined };
});

const p = loadPolicies(['policies/luanchuan'], { requirePolicy: true })[0]!;

describe('evaluateFast 的直接路径（栾川县）：与转换后的路径、evaluate 一致', () => {
  let gen: Gen;
  beforeAll(async () => {
    gen = (await importGenerated(emitTypeScript(p.ir!).get('index.ts')! + '\nexport { _rawSwitch as __rawSwitch, _RAW_MEASURES as __RAW, _MEASURES as __M };\n')) as Gen;
    // every measure that has raw code, in reverse order (a selection of them all takes the raw path)
    allRaw = gen.__M.filter((_, i) => gen.__RAW[i] !== undefined).map((m) => m.name).reverse();
  });
  let allRaw: string[] = [];

  // _rdate (the raw check of a date field) against the converted path's rule (_parseIso, the full _validate's):
  // every month 00–13 and day 00–32 of years around the leap-year rules, a dash or digit replaced by its
  // neighbours in the character table, other lengths, non-strings — accepted exactly when _parseIso accepts and
  // the date is not after the evaluation date
  it('_rdate 与 _parseIso 对每个月、每一天、每种畸形的写法都一致（且不晚于评估日期）', async () => {
    const g = (await importGenerated(emitTypeScript(p.ir!).get('index.ts')! + '\nexport { _rdate as __rdate, _parseIso as __parseIso, _dayNum as __dayNum };\n')) as unknown as {
      __rdate(v: unknown, DN: number): boolean; __parseIso(v: unknown): number | undefined; __dayNum(D: string): number;
    };
    const pad = (x: number, n: number): string => String(x).padStart(n, '0');
    const cases: unknown[] = [undefined, null, 20240715, new String('2024-07-15'), '', '2024-07-1', '2024-07-155', '+2024-07-15', ' 2024-07-15'];
    for (const y of [0, 1, 4, 99, 100, 400, 1900, 2000, 2023, 2024, 2100, 9999]) {
      for (let mo = 0; mo <= 13; mo++) for (let d = 0; d <= 32; d++) cases.push(`${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`);
    }
    const base = '2024-02-29';
    for (let i = 0; i < base.length; i++) {
      for (const c of ['/', '.', '-', ':', '0', '9', ' ', '０', 'a']) cases.push(base.slice(0, i) + c + base.slice(i + 1));
    }
    const evalDates = ['2024-07-15', '2024-02-29', '2000-01-01', '0001-01-01', '9999-12-31'];
    let accepted = 0;
    for (const D of evalDates) {
      const DN = g.__dayNum(D);
      const today = g.__parseIso(D)!;
      for (const v of cases) {
        const day = g.__parseIso(v);
        const want = day !== undefined && day <= today;
        expect(g.__rdate(v, DN), `${String(v)} (${D})`).toBe(want);
        if (want) accepted++;
      }
    }
    // the cases mean something: thousands of valid dates, and as many refused
    expect(accepted).toBeGreaterThan(5000);
  });

  const attempt = (f: () => unknown): string => {
    try {
      return JSON.stringify(f());
    } catch (e) {
      return errorKey(e);
    }
  };

  // 前提「子女名单不重复」's specialised check (ts-raw.ts uniqueCheck): pairs compared once when every child has both
  // keys, the general per-child count otherwise — at its edges, with the expected 前提 outcome on the raw path
  const kid = (出生日期: string | undefined, 同胎序号: number | undefined): Record<string, unknown> => ({
    ...(出生日期 !== undefined ? { 出生日期 } : {}), ...(同胎序号 !== undefined ? { 同胎序号 } : {}), 户籍: '栾川县', 性别: '女', 健在: true,
  });
  const UNIQUE: [string, Record<string, unknown>[] | undefined, boolean][] = [
    ['没有子女', [], false],
    ['子女名单缺', undefined, false],
    ['一名子女', [kid('2024-01-01', 1)], false],
    ['双胞胎（同日，同胎序号 1、2）', [kid('2024-01-01', 1), kid('2024-01-01', 2)], false],
    ['同一名子女列两次', [kid('2024-01-01', 1), kid('2024-01-01', 1)], true],
    ['重复在后（第一与第三名）', [kid('2020-05-05', 1), kid('2022-03-03', 1), kid('2020-05-05', 1)], true],
    ['同日不同胎序、同胎序不同日', [kid('2020-05-05', 1), kid('2020-05-05', 2), kid('2021-05-05', 1), kid('2021-05-05', 2)], false],
    ['同胎序号 0 与 -0 相同', [kid('2020-05-05', 0), kid('2020-05-05', -0)], true],
    // a key without a value: the general count — unknown where a comparison is unknown, a definite duplicate still false
    ['重复，另一名缺同胎序号且同日（计数不确定）', [kid('2024-01-01', 1), kid('2024-01-01', 1), kid('2024-01-01', undefined)], false],
    ['重复，另一名缺出生日期但同胎序号不同（确定重复）', [kid('2024-01-01', 1), kid('2024-01-01', 1), kid(undefined, 2)], true],
    ['缺出生日期的一名，无重复', [kid('2024-01-01', 1), kid(undefined, 1)], false],
    ['缺同胎序号的一名在前，其后重复', [kid('2019-01-01', undefined), kid('2024-01-01', 1), kid('2024-01-01', 1)], true],
  ];
  it.each(UNIQUE)('前提「子女名单不重复」：%s', (_, 子女, violated) => {
    const facts = { 家庭: { 夫妻: [{ 户籍: '栾川县' }], ...(子女 !== undefined ? { 子女 } : {}), 居住地: '栾川县' } };
    const run = (on: boolean): string => {
      gen.__rawSwitch(on);
      try {
        return JSON.stringify(gen.evaluateFast(facts, '2024-07-15', undefined, { 措施: THREE }));
      } finally {
        gen.__rawSwitch(true);
      }
    };
    const on = run(true);
    expect(on).toBe(run(false));
    expect(on).toBe(JSON.stringify(fastSelectedOf(gen.evaluate(facts, '2024-07-15') as FullDecisions, THREE)));
    expect((JSON.parse(on) as { 前提不满足?: string[] }).前提不满足?.includes('子女名单不重复') ?? false).toBe(violated);
  });

  it(`${RUNS} 个随机家庭：直接路径 ≡ 转换后的路径 ≡ evaluate（全部措施、三项措施、全部有直接路径的措施、evaluateMany）`, () => {
    let raw = 0;
    let errors = 0;
    let violated = 0;
    fc.assert(
      fc.property(row, ({ facts, date, events }) => {
        const run = (on: boolean): string[] => {
          gen.__rawSwitch(on);
          try {
            return [
              attempt(() => gen.evaluateFast(facts, date, events)),
              attempt(() => gen.evaluateFast(facts, date, events, { 措施: THREE })),
              attempt(() => gen.evaluateFast(facts, date, events, { 措施: allRaw })),
              attempt(() => [...gen.evaluateMany([facts], date, events, { 措施: THREE })]),
            ];
          } finally {
            gen.__rawSwitch(true);
          }
        };
        const on = run(true);
        const off = run(false);
        expect(on).toEqual(off);
        let full: FullDecisions | undefined;
        let err: unknown;
        try {
          full = gen.evaluate(facts, date, events) as FullDecisions;
        } catch (e) {
          err = e;
        }
        if (full === undefined) {
          errors++;
          expect(on[0]).toBe(errorKey(err));
          expect(on[1]).toBe(errorKey(err));
          expect(on[2]).toBe(errorKey(err));
          return;
        }
        if (full.前提不满足) violated++;
        if (events === undefined && date !== '2022-06-01' && date !== '2023-06-01') raw++;
        expect(on[0]).toBe(JSON.stringify(fastOf(full)));
        expect(on[1]).toBe(JSON.stringify(fastSelectedOf(full, THREE)));
        expect(on[2]).toBe(JSON.stringify(fastSelectedOf(full, allRaw)));
      }),
      { numRuns: RUNS },
    );
    // the cases mean something: most rows on the raw path, some refused, some 前提 violated
    expect(raw).toBeGreaterThan(RUNS / 3);
    expect(errors).toBeGreaterThan(RUNS / 100);
    expect(violated).toBeGreaterThan(RUNS / 100);
    expect(allRaw.length).toBeGreaterThan(THREE.length);
  });

  // the raw check counts a record's own keys against its declared names that read a value: an own key whose value
  // is undefined (which _validate refuses) beside a non-enumerable declared field (which _validate does not see)
  // balances that count — the row must still get evaluate's InputError, on the family and on a child record
  it('记录中值为 undefined 的自有键加一个不可枚举的声明字段：与 evaluate 相同的 InputError', () => {
    const family = (): Record<string, unknown> => ({
      夫妻: [{ 户籍: '栾川县', 缴存住房公积金: true }], 子女: [{ 出生日期: '2024-02-01', 同胎序号: 1, 户籍: '栾川县', 性别: '女', 健在: true }],
      居住地: '栾川县', 申请租房提取住房公积金: true, 购房类型: '首套自住住房', 所购住房为商品房: true, 所购住房所在地: '栾川县', 购房日期: '2024-02-02',
      已网上登记并保存三孩生育证: true, 有医院出具的三孩出生证明: true, 有户口簿: true, 计划生育证件: [],
    });
    const hide = (o: Record<string, unknown>, undef: string, hidden: string): void => {
      o[undef] = undefined;
      const v = o[hidden];
      delete o[hidden];
      Object.defineProperty(o, hidden, { value: v, enumerable: false, configurable: true, writable: true });
    };
    const onFamily = family();
    hide(onFamily, '居住地', '有户口簿');
    const onChild = family();
    hide((onChild['子女'] as Record<string, unknown>[])[0]!, '性别', '健在');
    for (const 家庭 of [onFamily, onChild]) {
      let want: string;
      try {
        gen.evaluate({ 家庭 }, '2024-07-15');
        want = 'no error';
      } catch (e) {
        want = errorKey(e);
      }
      expect(want).toContain('inputError');
      for (const o of [{ 措施: THREE }, { 措施: allRaw }]) expect(attempt(() => gen.evaluateFast({ 家庭 }, '2024-07-15', undefined, o))).toBe(want);
    }
  });

  // evaluateFast(facts, date, [], options) — a new [] at every call, as evaluateMany's doc example passes it — means
  // no events, as undefined does: the same answers and the same errors, and the batch of the last call is kept for
  // both (_batch, _noEvents); an array holding an event, or whose length cannot be read, is not "no events"
  it('事件为 []（每次一个新的数组）与省略事件相同：结果与错误相同，沿用上一批；有事件或读不出长度时不沿用', async () => {
    const g = (await importGenerated(emitTypeScript(p.ir!).get('index.ts')! + '\nexport { _batch as __batch };\n')) as unknown as Gen & {
      __batch(date: unknown, events: unknown, options: unknown): { readonly evs: readonly unknown[] };
    };
    const three = { 措施: THREE };
    for (const o of [three, undefined]) {
      const b = g.__batch('2024-07-15', undefined, o);
      expect(g.__batch('2024-07-15', [], o), '[] after undefined').toBe(b);
      expect(g.__batch('2024-07-15', [], o), '[] again').toBe(b);
      expect(g.__batch('2024-07-15', undefined, o), 'undefined after []').toBe(b);
      const v = g.__batch('2024-07-15', VOIDING, o);
      expect(v).not.toBe(b);
      expect(v.evs.length).toBe(1);
      expect(g.__batch('2024-07-15', [], o).evs.length, '[] after an event').toBe(0);
    }
    // rows of every kind (bad values, absent records, other entities): [] and undefined answer alike
    let rows = 0;
    for (const { facts, date } of fc.sample(row, { numRuns: 500 })) {
      for (const o of [three, undefined]) expect(attempt(() => g.evaluateFast(facts, date, [], o))).toBe(attempt(() => g.evaluateFast(facts, date, undefined, o)));
      rows++;
    }
    expect(rows).toBe(500);
    // after the policy was voided by an event, [] is again no event; a length that throws is evaluate's InputError
    const facts = { 家庭: { 夫妻: [{ 户籍: '栾川县', 缴存住房公积金: true }], 子女: [], 居住地: '栾川县', 申请租房提取住房公积金: true } };
    const plain = attempt(() => g.evaluateFast(facts, '2025-12-31', undefined, three));
    expect(attempt(() => g.evaluateFast(facts, '2025-12-31', VOIDING, three))).toContain('已废止');
    expect(attempt(() => g.evaluateFast(facts, '2025-12-31', [], three))).toBe(plain);
    expect(plain).not.toContain('已废止');
    const unreadable = new Proxy([], { get: (t, k) => (k === 'length' ? (() => { throw new Error('长度'); })() : Reflect.get(t, k) as unknown) });
    let want: string;
    try {
      g.evaluate(facts, '2025-12-31', unreadable as never);
      want = 'no error';
    } catch (e) {
      want = errorKey(e);
    }
    expect(want).toContain('事件');
    expect(attempt(() => g.evaluateFast(facts, '2025-12-31', unreadable as never, three))).toBe(want);
    // the kept batch does not hold the caller's empty array: an event put into it after the call is not read
    // by a later call with [] whose row leaves the fast path (a record without Object.prototype: full validation)
    const bare = { 家庭: Object.assign(Object.create(null) as Record<string, unknown>, facts.家庭) };
    const wantBare = attempt(() => g.evaluateFast(bare, '2025-12-30', undefined, three));
    expect(wantBare).toContain('不适用');
    g.evaluateFast(facts, '2025-12-31', undefined, three); // (another date: the next call makes a new batch)
    const mine: unknown[] = [];
    g.evaluateFast(facts, '2025-12-30', mine, three);
    mine.push({ 说明: '（调用之后才放进去的）' });
    expect(attempt(() => g.evaluateFast(bare, '2025-12-30', [], three))).toBe(wantBare);
  });

  // the raw check's edges (ts-raw.ts rawValidation): every value or record _validate refuses is refused by _rawCheck too
  // (the row then gets evaluate's InputError), every one it accepts in an unusual form (a date built at run time, an
  // inherited or non-enumerable declared field) gives evaluate's answer — _rawCheck's own verdict asserted besides
  it('直接路径的校验：畸形日期、多余的键、值为 undefined 的键、继承的键——与 evaluate 相同（_rawCheck 拒绝的确实被拒绝）', async () => {
    const g = (await importGenerated(emitTypeScript(p.ir!).get('index.ts')! + '\nexport { _rawSwitch as __rawSwitch, _rawCheck as __rawCheck, _dayNum as __dayNum };\n')) as unknown as Gen & {
      __rawCheck(facts: unknown, DN: number): boolean; __dayNum(D: string): number;
    };
    const D = '2024-07-15';
    const DN = g.__dayNum(D);
    const three = { 措施: THREE };
    const family = (): Record<string, unknown> => ({
      夫妻: [{ 户籍: '栾川县', 缴存住房公积金: true }, { 户籍: '县外', 缴存住房公积金: false }],
      子女: [
        { 出生日期: '2019-03-01', 同胎序号: 1, 户籍: '栾川县', 性别: '女', 健在: true },
        { 出生日期: '2021-05-05', 同胎序号: 1, 户籍: '栾川县', 性别: '男', 健在: true },
        { 出生日期: '2024-02-01', 同胎序号: 1, 户籍: '栾川县', 性别: '女', 健在: true },
      ],
      居住地: '栾川县', 申请租房提取住房公积金: true, 购房类型: '首套自住住房', 所购住房为商品房: true, 所购住房所在地: '栾川县', 购房日期: '2024-03-03',
      已网上登记并保存三孩生育证: true, 有医院出具的三孩出生证明: true, 有户口簿: true, 计划生育证件: [],
    });
    const kid = (h: Record<string, unknown>, i = 2): Record<string, unknown> => (h['子女'] as Record<string, unknown>[])[i]!;
    const withBirth = (v: unknown) => (h: Record<string, unknown>): void => void (kid(h)['出生日期'] = v);
    const ymd = ['2024', '02', '01'];
    // [name, change to the family, accepted by _rawCheck, an input error (else decisions)]
    const cases: [string, (h: Record<string, unknown>) => void, boolean, boolean?][] = [
      ['原样', () => {}, true],
      ['运行时拼接的日期（join）', withBirth(ymd.join('-')), true],
      ['运行时拼接的日期（+）', withBirth('2024-0' + String(2 + Number(ymd[2]) - 1) + '-01'), true],
      ['截取的日期（slice）', withBirth('2024-02-01T08:00:00'.slice(0, 10)), true],
      ['拼接成的长字符串（cons string，19 个字符）', withBirth('2024-02-01' + 'T00:00:00'), false],
      ['全角数字', withBirth('２０２４-02-01'), false],
      ['阿拉伯-印度数字', withBirth('٢٠٢٤-٠٢-٠١'), false],
      ['一个非 ASCII 数字', withBirth('2024-0٢-01'), false],
      ['2023-02-29（平年）', withBirth('2023-02-29'), false],
      ['2100-02-29（整百的平年）', withBirth('2100-02-29'), false],
      ['2024-04-31', withBirth('2024-04-31'), false],
      ['月份 00', withBirth('2024-00-10'), false],
      ['月份 13', withBirth('2024-13-01'), false],
      ['0000 年', withBirth('0000-01-01'), false],
      ['单独的代理项（结尾）', withBirth('2024-02-0\uD800'), false],
      ['单独的代理项（开头）', withBirth('\uDC00024-02-01'), false],
      ['晚于评估日期一天', withBirth('2024-07-16'), false],
      ['String 对象', withBirth(new String('2024-02-01')), false],
      ['家庭多一个键', (h) => void (h['外星'] = 1), false],
      ['子女多一个键', (h) => void (kid(h, 0)['备注'] = '无'), false],
      ['夫妻多一个键', (h) => void ((h['夫妻'] as Record<string, unknown>[])[1]!['姓名'] = '某'), false],
      ['子女的键值为 undefined', (h) => void (kid(h, 1)['性别'] = undefined), false],
      ['家庭的键值为 undefined', (h) => void (h['有户口簿'] = undefined), false],
      ['同胎序号 1.5', (h) => void (kid(h)['同胎序号'] = 1.5), false],
      ['同胎序号 -1', (h) => void (kid(h)['同胎序号'] = -1), false],
      ['同胎序号 "1"', (h) => void (kid(h)['同胎序号'] = '1'), false],
      // (a hole in a list is an input problem — skipped, it silently made the list shorter; the raw check leaves the row to the converted path)
      ['列表末尾的空位', (h) => void ((h['子女'] as unknown[]).length = 4), false],
      ['列表中间的空位', (h) => void (h['子女'] = [kid(h, 0), , kid(h, 2)]), false], // eslint-disable-line no-sparse-arrays
      ['原型带声明字段的记录（继承的键）', (h) => void ((h['夫妻'] as unknown[])[1] = Object.assign(Object.create({ 户籍: '栾川县' }) as object, { 缴存住房公积金: true })), false],
      ['缺一个字段（省略，不是 undefined）', (h) => void delete kid(h, 0)['性别'], true],
    ];
    const run = (facts: unknown): [string, string, string, boolean] => {
      const on = attempt(() => g.evaluateFast(facts, D, undefined, three));
      g.__rawSwitch(false);
      let off: string;
      try {
        off = attempt(() => g.evaluateFast(facts, D, undefined, three));
      } finally {
        g.__rawSwitch(true);
      }
      const ev = attempt(() => fastSelectedOf(g.evaluate(facts, D) as FullDecisions, THREE));
      return [on, off, ev, g.__rawCheck(facts, DN)];
    };
    let refused = 0;
    for (const [name, change, accepted, error = !accepted] of cases) {
      const h = family();
      change(h);
      const [on, off, ev, raw] = run({ 家庭: h });
      expect(on, name).toBe(off);
      expect(on, name).toBe(ev);
      expect(raw, name).toBe(accepted);
      if (error) expect(on, name).toContain('inputError');
      else expect(on, name).toContain('适用');
      if (!accepted) refused++;
    }
    expect(refused).toBeGreaterThan(20);
    // a declared name on Object.prototype — enumerable (for-in lists it), or not (only a named read finds it) — on a
    // spouse that lacks it: _rawCheck refuses (the raw code would read the inherited value), the answer is evaluate's
    for (const enumerable of [true, false]) {
      const h = family();
      delete (h['夫妻'] as Record<string, unknown>[])[1]!['户籍'];
      Object.defineProperty(Object.prototype, '户籍', { value: '栾川县', enumerable, configurable: true, writable: true });
      let r: [string, string, string, boolean];
      try {
        r = run({ 家庭: h });
      } finally {
        delete (Object.prototype as Record<string, unknown>)['户籍'];
      }
      expect(r[0], `Object.prototype.户籍 enumerable=${enumerable}`).toBe(r[1]);
      expect(r[0]).toBe(r[2]);
      expect(r[3]).toBe(false);
    }
    // and without it the same spouse record is fine on the raw path
    const h = family();
    delete (h['夫妻'] as Record<string, unknown>[])[1]!['户籍'];
    expect(run({ 家庭: h })[3]).toBe(true);
  });
});
