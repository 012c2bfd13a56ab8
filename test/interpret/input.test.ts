/**
 * The evaluation contract on awkward API input (issue 14 §4, §5), for the interpreter
 * and the committed generated evaluators alike (they must agree byte for byte):
 *  - an entity absent from the facts is unknown: its measures are 存疑 naming it, never
 *    a silent 不适用; `实体: '不存在'` states that it does not exist (不适用);
 *  - non-plain objects (Map, Date, Set, class instances) are an InputError with the path;
 *  - a getter or a Proxy that throws is an InputError with the path, never an escaping
 *    Error;
 *  - `options.事件登记` is validated and echoed into the decision set.
 */
import { describe, expect, it } from 'vitest';
import { loadPolicies } from '../../compiler/project/policies.js';
import { nodeHost } from '../../compiler/project/host.js';
import { evaluate } from '../../compiler/interpret/interpreter.js';
import { InputError } from '../../compiler/interpret/decision.js';
import * as sampleGen from '../../generated/sample/index.js';
import * as luanchuanGen from '../../generated/luanchuan/index.js';

const { policies } = loadPolicies(['policies'], nodeHost);
const irOf = (id: string) => policies.find((p) => p.ir.policy.id === id)!.ir;
type Gen = { evaluate: (f: unknown, d: string, e?: unknown, o?: unknown) => unknown; evaluateFast: (f: unknown, d: string, e?: unknown, o?: unknown) => unknown; InputError: new (...a: never[]) => Error };
const ENGINES: { id: string; gen: Gen }[] = [
  { id: 'sample', gen: sampleGen as unknown as Gen },
  { id: 'luanchuan', gen: luanchuanGen as unknown as Gen },
];

type Outcome = { ok: { 决定: { 措施: string; 状态: string; 理由: string[] }[]; 事件登记?: unknown } } | { problems: { 路径: string; 期望: string; 实际: string }[] } | { thrown: string };

/** Run both engines on one input; they must give the same JSON; returns the interpreter's outcome. */
function both(id: string, gen: Gen, facts: unknown, date = '2024-06-01', events: unknown = [], options?: unknown): Outcome {
  const run = (f: () => unknown, IE: new (...a: never[]) => Error): Outcome => {
    try {
      return { ok: JSON.parse(JSON.stringify(f())) as never };
    } catch (e) {
      if (e instanceof IE) return { problems: (e as unknown as { problems: never }).problems };
      return { thrown: `${(e as Error)?.name}: ${(e as Error)?.message}` };
    }
  };
  const a = run(() => evaluate(irOf(id), facts, date, events, options as never), InputError);
  const b = run(() => gen.evaluate(facts, date, events as never, options), gen.InputError);
  expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  // evaluateFast: same validation, same statuses
  const c = run(() => gen.evaluateFast(facts, date, events as never, options), gen.InputError);
  if ('ok' in a) expect((c as { ok: { 决定: { 状态: string }[] } }).ok.决定.map((x) => x.状态)).toEqual(a.ok.决定.map((x) => x.状态));
  else expect(JSON.stringify(c)).toBe(JSON.stringify(a));
  return a;
}

const problems = (o: Outcome) => {
  expect('thrown' in o ? o.thrown : '').toBe('');
  expect('problems' in o, JSON.stringify(o).slice(0, 300)).toBe(true);
  return (o as { problems: { 路径: string; 期望: string; 实际: string }[] }).problems;
};

describe.each(ENGINES)('$id: interpreter and generated evaluator', ({ id, gen }) => {
  const subjects = () => [...new Set(irOf(id).measures.flatMap((m) => (m.subject ? [m.subject] : [])))];

  it('事实: {} — no measure is 不适用 merely because its 对象 is absent; the would-be ones are 存疑 naming it', () => {
    const o = both(id, gen, {});
    expect('ok' in o).toBe(true);
    const d = (o as { ok: { 决定: { 措施: string; 状态: string; 理由: string[] }[] } }).ok;
    for (const dec of d.决定) {
      const m = irOf(id).measures.find((x) => x.name === dec.措施)!;
      if (!m.subject) continue;
      expect(dec.理由[0], dec.措施).toContain(`输入中没有「${m.subject}」`);
      expect(dec.理由, dec.措施).not.toContain(`输入中没有「${m.subject}」`); // the old silent reason, verbatim
      if (dec.状态 === '不适用') expect(dec.理由).toContain('没有适用的规则'); // only when no rule could apply whatever the facts
    }
    expect(d.决定.some((x) => x.状态 === '存疑')).toBe(true);
  });

  it('实体: 不存在 — the case states the entity does not exist: its measures are 不适用 with that reason', () => {
    for (const s of subjects()) {
      const o = both(id, gen, { [s]: '不存在' });
      const d = (o as { ok: { 决定: { 措施: string; 状态: string; 理由: string[] }[] } }).ok;
      for (const m of irOf(id).measures.filter((x) => x.subject === s)) {
        const dec = d.决定.find((x) => x.措施 === m.name)!;
        expect(dec.状态).toBe('不适用');
        expect(dec.理由).toEqual([`输入声明没有「${s}」`]);
      }
    }
  });

  it('an entity written as null is an InputError that names the 不存在 marker', () => {
    const p = problems(both(id, gen, { [subjects()[0]!]: null }));
    expect(p).toEqual([{ 路径: `事实.${subjects()[0]}`, 期望: '对象（字段 → 值），或 "不存在"（表示没有该实体）', 实际: 'null' }]);
  });

  it('Map, Date, Set and class instances are InputErrors with the path', () => {
    class Household { 子女数 = 3; }
    const s = subjects()[0]!;
    expect(problems(both(id, gen, new Map([[s, {}]])))).toEqual([{ 路径: '事实', 期望: '对象（实体名 → 字段）', 实际: '非普通对象（Map）' }]);
    expect(problems(both(id, gen, new Date(0)))[0]!.实际).toBe('非普通对象（Date）');
    expect(problems(both(id, gen, { [s]: new Set() }))).toEqual([{ 路径: `事实.${s}`, 期望: '对象（字段 → 值），或 "不存在"（表示没有该实体）', 实际: '非普通对象（Set）' }]);
    expect(problems(both(id, gen, { [s]: new Household() }))[0]).toMatchObject({ 路径: `事实.${s}`, 实际: '非普通对象（Household）' });
    expect(problems(both(id, gen, {}, '2024-06-01', [new Date(0)]))[0]).toMatchObject({ 路径: '事件[0]', 实际: '非普通对象（Date）' });
    // a date field given a Date object: named as such, not shown as a JSON string
    const dateField = irOf(id).entities.flatMap((e) => e.fields.filter((f) => f.type.k === 'date').map((f) => [e.name, f.name] as const))[0];
    if (dateField) {
      expect(problems(both(id, gen, { [dateField[0]]: { [dateField[1]]: new Date('2024-01-01') } }))).toEqual([{ 路径: `事实.${dateField[0]}.${dateField[1]}`, 期望: '日期（YYYY-MM-DD）', 实际: '非普通对象（Date）' }]);
    }
    // a plain object from another realm-less prototype (Object.create(null)) is plain
    const bare = Object.assign(Object.create(null) as object, { [s]: Object.assign(Object.create(null) as object, {}) });
    expect('ok' in both(id, gen, bare)).toBe(true);
  });

  it('throwing getters and Proxy traps become InputErrors with the path, never an escaping Error', () => {
    const s = subjects()[0]!;
    const field = irOf(id).entities.find((e) => e.name === s)!.fields[0]!.name;
    const boom = () => {
      throw new Error('boom');
    };
    expect(problems(both(id, gen, Object.defineProperty({}, s, { get: boom, enumerable: true })))).toEqual([
      { 路径: `事实.${s}`, 期望: expect.stringContaining('已声明的实体') as unknown as string, 实际: '读取时出错（boom）' },
    ]);
    expect(problems(both(id, gen, { [s]: Object.defineProperty({}, field, { get: boom, enumerable: true }) }))[0]).toMatchObject({ 路径: `事实.${s}.${field}`, 实际: '读取时出错（boom）' });
    expect(problems(both(id, gen, new Proxy({}, { ownKeys: boom })))).toEqual([{ 路径: '事实', 期望: '普通对象', 实际: '读取时出错（boom）' }]);
    expect(problems(both(id, gen, new Proxy({ [s]: {} }, { get: boom })))[0]).toMatchObject({ 路径: `事实.${s}`, 实际: '读取时出错（boom）' });
    expect(problems(both(id, gen, new Proxy({}, { getPrototypeOf: boom })))[0]).toMatchObject({ 路径: '事实', 实际: '无法读取的对象' });
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(problems(both(id, gen, revoked.proxy))[0]).toMatchObject({ 路径: '事实', 实际: '无法读取的对象' });
    expect(problems(both(id, gen, {}, '2024-06-01', new Proxy([], { get: boom })))[0]).toMatchObject({ 路径: '事件' });
    // a thrown non-Error whose conversion to text throws as well
    const nasty = { [Symbol.toPrimitive]: boom, toString: boom };
    expect(problems(both(id, gen, Object.defineProperty({}, s, { get: () => { throw nasty; }, enumerable: true })))[0]).toMatchObject({ 实际: '读取时出错（未知异常）' });
    // values that JSON cannot show
    expect(problems(both(id, gen, { [s]: { [field]: 10n } }))[0]!.实际).toBe('10n（BigInt）');
    expect(problems(both(id, gen, { [s]: { [field]: () => 1 } }))[0]!.实际).toBe('函数');
    expect(problems(both(id, gen, { [s]: { [field]: Symbol('x') } }))[0]!.实际).toBe('Symbol');
  });

  it('options.事件登记: a file identity or "none" is echoed; anything else is an InputError', () => {
    const reg = { 路径: 'events.yaml', sha256: 'a'.repeat(64) };
    const withReg = both(id, gen, {}, '2024-06-01', [], { 事件登记: reg });
    expect((withReg as { ok: { 事件登记: unknown } }).ok.事件登记).toEqual(reg);
    expect((both(id, gen, {}, '2024-06-01', [], { 事件登记: 'none' }) as { ok: { 事件登记: unknown } }).ok.事件登记).toBe('none');
    expect('事件登记' in (both(id, gen, {}) as { ok: object }).ok).toBe(false);
    expect(problems(both(id, gen, {}, '2024-06-01', [], { 事件登记: { 路径: 'x', sha256: 'short' } }))[0]).toMatchObject({ 路径: '选项.事件登记' });
    expect(problems(both(id, gen, {}, '2024-06-01', [{ 日期: '2024-01-01', 级别: '国家', 类别: '生育支持政策' }], { 事件登记: 'none' }))[0]).toMatchObject({ 路径: '选项.事件登记' });
    expect(problems(both(id, gen, {}, '2024-06-01', [], { 登记: 'none' }))[0]).toMatchObject({ 路径: '选项.登记', 实际: '未知选项' });
    expect(problems(both(id, gen, {}, '2024-06-01', [], new Map()))[0]).toMatchObject({ 路径: '选项' });
  });
});
