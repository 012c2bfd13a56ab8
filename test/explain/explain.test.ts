// explain --why-not: minimal fact changes checked against brute force on a small policy; every
// suggested change, applied, really flips the decision; 存疑 lists the deciding facts; the trace
// names the failed and unknown conditions per rule; bad input is the InputError.
import { describe, expect, it } from 'vitest';
import { explain } from '../../compiler/explain/explain.js';
import { evaluate } from '../../compiler/interpret/interpreter.js';
import { InputError } from '../../compiler/interpret/decision.js';
import { irOf } from '../interpret/helpers.js';
import { loadGeneratedEvaluator } from '../../compiler/emit/load.js';
import * as sample from '../../generated/sample/index.js';

const POLICY = `政策 「测试办法」 { 生效：2024年1月1日 }
实体 家庭 { 子女数：整数  户籍在本县：是否  有托育：是否  年收入：金额  出生日期：日期 }
条款 一、 "测试" {
  措施 补助 {
    对象：家庭
    结果 补助额：金额 一次性
    规则 甲 { 条件：家庭.子女数 ≥ 2 且 家庭.户籍在本县 且 （家庭.有托育 或 家庭.年收入 ≤ 50000元）  补助额 = 1000元 }
    规则 乙 例外于 甲 { 条件：家庭.子女数 ≥ 3 且 家庭.户籍在本县  补助额 = 2000元 }
  }
  措施 婴儿补贴 {
    对象：家庭
    结果 补贴：金额 一次性
    规则 丙 { 条件：月龄（家庭.出生日期） 不满 6月龄 且 家庭.户籍在本县  补贴 = 300元 }
  }
}
`;
const ir = irOf(POLICY);
const DATE = '2024-06-01';
const opts = { timeoutMs: 10000, max: 5 };

/** Brute force: the fewest fields (from a small value grid) to change so that the measure is 适用. */
function bruteMin(facts: Record<string, unknown>, measure: string, grid: Record<string, unknown[]>): number {
  const keys = Object.keys(grid);
  let best = Infinity;
  const rec = (i: number, cur: Record<string, unknown>, changed: number) => {
    if (changed >= best) return;
    if (i === keys.length) {
      const d = evaluate(ir, { 家庭: cur }, DATE, []).决定.find((x) => x.措施 === measure)!;
      if (d.状态 === '适用') best = changed;
      return;
    }
    const k = keys[i]!;
    rec(i + 1, cur, changed);
    for (const v of grid[k]!) if (v !== cur[k]) rec(i + 1, { ...cur, [k]: v }, changed + 1);
  };
  rec(0, facts, 0);
  return best;
}

const GRID = { 子女数: [0, 1, 2, 3, 4], 户籍在本县: [true, false], 有托育: [true, false], 年收入: ['0', '50000', '50000.01', '90000'] };

describe('explain --why-not', () => {
  const cases: Record<string, unknown>[] = [
    { 子女数: 1, 户籍在本县: false, 有托育: false, 年收入: '90000' },
    { 子女数: 1, 户籍在本县: true, 有托育: false, 年收入: '90000' },
    { 子女数: 2, 户籍在本县: true, 有托育: false, 年收入: '90000' },
    { 子女数: 0, 户籍在本县: false, 有托育: true, 年收入: '10000' },
    { 子女数: 2, 户籍在本县: false, 有托育: false, 年收入: '60000' },
  ];
  for (const c of cases) {
    it(`is minimal (brute force) and every alternative flips the decision: ${JSON.stringify(c)}`, async () => {
      const r = await explain(ir, { 家庭: c }, DATE, [], { ...opts, measure: '补助' });
      const m = r.措施[0]!;
      expect(m.状态).toBe('不适用');
      expect(m.结论).toBe('找到');
      expect(m.建议[0]!.改变数).toBe(bruteMin(c, '补助', GRID));
      const sets: string[][] = [];
      for (const a of m.建议) {
        const d = evaluate(ir, a.事实, DATE, []).决定.find((x) => x.措施 === '补助')!;
        expect(d.状态).toBe('适用');
        expect(a.复现).toEqual({ 解释器: 'confirmed', 生成的求值器: 'confirmed' });
        expect(a.满足.length).toBeGreaterThan(0);
        // the changes listed are exactly the fields that differ
        const after = (a.事实 as { 家庭: Record<string, unknown> }).家庭;
        const diff = Object.keys(after).filter((k) => JSON.stringify(after[k]) !== JSON.stringify(c[k])).sort();
        expect(a.改变.map((x) => x.事实.replace('家庭.', '')).sort()).toEqual(diff);
        expect(a.改变数).toBe(diff.length);
        // irreducible: no earlier alternative's changes are a subset of this one's
        for (const s of sets) expect(s.every((x) => diff.includes(x))).toBe(false);
        sets.push(diff);
      }
    });
  }

  it('picks new values as close as possible to the case (the boundary, not any value)', async () => {
    const c = { 子女数: 2, 户籍在本县: true, 有托育: false, 年收入: '90000' };
    const r = await explain(ir, { 家庭: c }, DATE, [], { ...opts, measure: '补助' });
    const changes = r.措施[0]!.建议.map((a) => a.改变.map((x) => `${x.事实}=${x.新值}`).join(','));
    expect(changes.sort()).toEqual(['家庭.子女数=3', '家庭.年收入=50000.00', '家庭.有托育=是']);
  });

  it('respects --fixed: a frozen fact is never changed, and no change at all is proved when nothing else helps', async () => {
    const c = { 子女数: 1, 户籍在本县: false, 有托育: false, 年收入: '90000' };
    const r = await explain(ir, { 家庭: c }, DATE, [], { ...opts, measure: '补助', fixed: ['户籍在本县'] });
    expect(r.措施[0]!.结论).toBe('无');
    expect(r.措施[0]!.说明[0]).toContain('都不会适用');
    const r2 = await explain(ir, { 家庭: c }, DATE, [], { ...opts, measure: '补助', fixed: ['子女数'] });
    expect(r2.措施[0]!.结论).toBe('无');
    const r3 = await explain(ir, { 家庭: c }, DATE, [], { ...opts, measure: '补助', fixed: ['年收入'] });
    for (const a of r3.措施[0]!.建议) expect(a.改变.map((x) => x.事实)).not.toContain('家庭.年收入');
    expect(r3.措施[0]!.建议[0]!.改变数).toBe(2); // 子女数 → 3 and 户籍 → 是: rule 乙
  });

  it('changes a birth date so that an age condition holds, replayed exactly', async () => {
    const c = { 子女数: 1, 户籍在本县: true, 出生日期: '2023-01-10' };
    const r = await explain(ir, { 家庭: c }, DATE, [], { ...opts, measure: '婴儿补贴' });
    const m = r.措施[0]!;
    expect(m.结论).toBe('找到');
    expect(m.建议[0]!.改变).toHaveLength(1);
    expect(m.建议[0]!.改变[0]!.事实).toBe('家庭.出生日期');
    expect(m.建议[0]!.改变[0]!.原值).toBe('2023-01-10');
    const d = evaluate(ir, m.建议[0]!.事实, DATE, []).决定.find((x) => x.措施 === '婴儿补贴')!;
    expect(d.状态).toBe('适用');
    const frozen = await explain(ir, { 家庭: c }, DATE, [], { ...opts, measure: '婴儿补贴', fixed: ['出生日期'] });
    expect(frozen.措施[0]!.结论).toBe('无');
  });

  it('for 存疑 names the facts that would decide it and what each value gives', async () => {
    const c = { 子女数: 3 };
    const r = await explain(ir, { 家庭: c }, DATE, [], { ...opts, measure: '补助' });
    const m = r.措施[0]!;
    expect(m.状态).toBe('存疑');
    expect(m.建议[0]!.改变数).toBe(1);
    expect(m.建议[0]!.改变[0]).toMatchObject({ 事实: '家庭.户籍在本县', 新值: '是', 类别: '补充' });
    const f = m.缺少!.find((x) => x.事实 === '家庭.户籍在本县')!;
    expect(f.取值.find((v) => v.值 === '是')!.结果).toBe('适用（补助额 = 2000.00元）');
    expect(f.取值.find((v) => v.值 === '否')!.状态).toBe('不适用');
    expect(m.未满足[0]!.未知).toContain('家庭.户籍在本县');
  });

  it('traces per rule the conditions that failed and the unknown ones — the interpreter and the generated evaluator alike', async () => {
    const facts = { 家庭: { 子女数: 1, 户籍在本县: false, 有托育: false } };
    const d = evaluate(ir, facts, DATE, []).决定.find((x) => x.措施 === '补助')!;
    const 甲 = d.规则.find((r) => r.规则 === '甲')!;
    expect(甲.未满足).toEqual(['家庭.子女数 ≥ 2', '家庭.户籍在本县']);
    expect(甲.未知).toEqual(['（家庭.有托育 或 家庭.年收入 ≤ 50000元）']);
    const g = (await loadGeneratedEvaluator(ir))(facts, DATE, []).决定.find((x) => x.措施 === '补助')!;
    expect(g.规则).toEqual(d.规则);
    // the committed generated evaluator of the sample policy (its traced evaluate, no solver)
    const s = sample.evaluate({ 家庭: { 子女数: 1 } }, '2024-06-01', []).决定.find((x) => x.措施 === '生育补助')!;
    expect(s.规则.map((r) => [r.规则, r.未满足, r.未知])).toEqual([
      ['二孩补助', ['家庭.子女数 二孩及以上'], ['家庭.「夫妻至少一方户籍在本县」']],
      ['三孩补助', ['家庭.子女数 ≥ 3孩'], ['家庭.「夫妻至少一方户籍在本县」']],
    ]);
  });

  it('a list: adding an element is one change (the list length), with the element the solver needs', async () => {
    const lir = irOf(`政策 「列表」 { 生效：2020年1月1日 }
枚举 户籍地 { 本县、外县 }
实体 人 { 出生日期：日期  户籍：户籍地 }
实体 家庭 { 子女：列表（人） }
定义 人.孩次：整数 = 人数（家庭.子女，出生日期 < 人.出生日期） + 1
条款 一、 "补助" {
  措施 「三孩补助」 {
    对象：家庭
    结果 补助额：金额 一次性
    规则 「三孩」 { 条件：家庭.子女 至少一个满足（孩次 ≥ 3 且 户籍 为 本县）  补助额 = 1000元 }
  }
}`);
    const facts = { 家庭: { 子女: [{ 出生日期: '2020-05-01', 户籍: '本县' }, { 出生日期: '2022-05-01', 户籍: '外县' }] } };
    const r = await explain(lir, facts, DATE, [], opts);
    const a = r.措施[0]!.建议[0]!;
    expect(a.改变数).toBe(1);
    expect(a.改变[0]).toMatchObject({ 事实: '家庭.子女（个数）', 原值: '2', 类别: '列表长度' });
    expect(a.改变[0]!.新值.startsWith('3（新增：')).toBe(true);
    expect(evaluate(lir, a.事实, DATE, []).决定[0]!.状态).toBe('适用');
    const frozen = await explain(lir, facts, DATE, [], { ...opts, fixed: ['家庭.子女'] });
    expect(frozen.措施[0]!.结论).toBe('无');
  });

  it('a changed fact in a list element is named by its 0-based index, as in the case file, eval and verify (事实.家庭.子女[2] is the third)', async () => {
    const lir = irOf(`政策 「列表」 { 生效：2020年1月1日 }
枚举 户籍地 { 本县、外县 }
实体 人 { 出生日期：日期  户籍：户籍地 }
实体 家庭 { 子女：列表（人） }
条款 一、 "补助" {
  措施 「户籍补助」 {
    对象：家庭
    结果 补助额：金额 一次性
    规则 「全部本县」 { 条件：家庭.子女 均满足（户籍 为 本县）  补助额 = 1000元 }
  }
}`);
    const facts = { 家庭: { 子女: [{ 出生日期: '2019-03-02', 户籍: '本县' }, { 出生日期: '2021-07-15', 户籍: '本县' }, { 出生日期: '2024-05-10', 户籍: '外县' }] } };
    const r = await explain(lir, facts, DATE, [], opts);
    const a = r.措施[0]!.建议[0]!;
    expect(a.改变).toEqual([{ 事实: '家庭.子女[2].户籍', 原值: '外县', 新值: '本县', 类别: '改变' }]);
    expect((a.事实 as { 家庭: { 子女: { 户籍: string }[] } }).家庭.子女[2]!.户籍).toBe('本县');
    // --fixed with the same (0-based) path freezes that element's field: nothing else can flip it
    const frozen = await explain(lir, facts, DATE, [], { ...opts, fixed: ['家庭.子女[2].户籍'] });
    expect(frozen.措施[0]!.建议.some((x) => x.改变.some((c) => c.事实 === '家庭.子女[2].户籍'))).toBe(false);
  });

  it('a list the case does not give at all is supplied — only the elements and fields the measure needs — not "nothing helps"', async () => {
    // (a model that supplied the list used to be built without it, failed replay, and — with no change in its
    // set of changes — blocked every model: "无论怎样改变事实…都不会适用（求解器证明）")
    const lir = irOf(`政策 「证件」 { 生效：2020年1月1日 }
枚举 证件类别 { 光荣证、其他证件 }
实体 证件 { 种类：证件类别  发证日期：日期 }
实体 家庭 { 证件：列表（证件）  户籍在本县：是否 }
条款 一、 "扶助" {
  措施 扶助 {
    对象：家庭
    结果 扶助额：金额 每月
    规则 「调整前的光荣证」 { 条件：家庭.证件 至少一个满足（种类 为 光荣证 且 发证日期 < 2016年1月1日）  扶助额 = 100元 }
  }
}`);
    const facts = { 家庭: { 户籍在本县: true } };
    const r = await explain(lir, facts, DATE, [], opts);
    const m = r.措施[0]!;
    expect(m.状态).toBe('存疑');
    expect(m.结论).toBe('找到');
    const a = m.建议[0]!;
    expect(a.改变数).toBe(1);
    expect(a.改变[0]).toMatchObject({ 事实: '家庭.证件', 类别: '补充' });
    const list = (a.事实 as { 家庭: { 证件: { 种类: string; 发证日期: string }[] } }).家庭.证件;
    expect(list).toHaveLength(1);
    expect(Object.keys(list[0]!).sort()).toEqual(['发证日期', '种类']);
    expect(list[0]!.种类).toBe('光荣证');
    expect(list[0]!.发证日期 < '2016-01-01').toBe(true);
    expect(JSON.parse(a.改变[0]!.新值)).toEqual(list);
    expect(evaluate(lir, a.事实, DATE, []).决定[0]!.状态).toBe('适用');
    expect(a.复现).toEqual({ 解释器: 'confirmed', 生成的求值器: 'confirmed' });
  });

  it('an uncertain 施行日 is its range, as the interpreter has it: a child to add (or a birth date to change) on or after the whole range', async () => {
    // (with a variable for 施行日 the solver chose a date inside the range that the interpreter does not
    // assume; the one model failed replay and its set of changes was blocked: "都不会适用（求解器证明）")
    const lir = irOf(`政策 「施行日未知」 { 生效：某日（2023年1月1日，2023年12月31日） }
实体 人 { 出生日期：日期 }
实体 家庭 { 子女：列表（人） }
条款 一、 "补助" {
  措施 「新生儿补助」 {
    对象：家庭
    结果 补助额：金额 一次性
    规则 「实施后出生」 { 条件：家庭.子女 至少一个满足（出生日期 ≥ 施行日）  补助额 = 1000元 }
  }
}`);
    const facts = { 家庭: { 子女: [{ 出生日期: '2010-03-02' }] } };
    const r = await explain(lir, facts, DATE, [], opts);
    const m = r.措施[0]!;
    expect(m.状态).toBe('不适用');
    expect(m.结论).toBe('找到');
    for (const a of m.建议) {
      expect(evaluate(lir, a.事实, DATE, []).决定[0]!.状态).toBe('适用');
      const kids = (a.事实 as { 家庭: { 子女: { 出生日期?: string }[] } }).家庭.子女;
      expect(kids.some((k) => (k.出生日期 ?? '') >= '2023-12-31')).toBe(true);
    }
  });

  it('never claims that nothing helps when the solver\'s models only failed replay: undecided, said so', async () => {
    // 施行日 + 3个月 leaves the interval encoding (month arithmetic on an uncertain date): one variable for
    // 施行日, so the solver's models put the 申请日期 where the interpreter cannot decide (存疑); those models
    // are not a proof that no change helps
    const lir = irOf(`政策 「按月」 { 生效：某日（2023年1月1日，2023年12月31日） }
实体 家庭 { 申请日期：日期 }
条款 一、 "补助" {
  措施 「补助」 {
    对象：家庭
    结果 补助额：金额 一次性
    规则 「三个月后申请」 { 条件：家庭.申请日期 ≥ 施行日 + 3个月  补助额 = 1000元 }
  }
}`);
    const r = await explain(lir, { 家庭: { 申请日期: '2023-02-01' } }, DATE, [], opts);
    const m = r.措施[0]!;
    expect(m.结论).not.toBe('无');
    if (m.结论 === '未判定') expect(m.说明[0]).toContain('未能复现');
    for (const a of m.建议) expect(evaluate(lir, a.事实, DATE, []).决定[0]!.状态).toBe('适用');
  });

  it('rejects invalid facts with the InputError, not an explanation', async () => {
    await expect(explain(ir, { 家庭: { 子女数: -1, 未知字段: 1 } }, DATE, [], opts)).rejects.toBeInstanceOf(InputError);
  });
});

describe('explain: the conditions a suggestion satisfies', () => {
  it('are the rule\'s conjuncts as written — a 或 group as one, 非 X as 非 X — not the atoms of the trace', async () => {
    const nir = irOf(`政策 「测试」 { 生效：2024年1月1日 }
实体 家庭 { 子女数：整数  户籍在本县：是否  有托育：是否  年收入：金额  受过处理：是否 }
条款 一、 "测试" {
  措施 补助 {
    对象：家庭
    结果 补助额：金额 一次性
    规则 甲 { 条件：家庭.子女数 ≥ 2 且 非 家庭.受过处理 且 （家庭.有托育 或 家庭.年收入 ≤ 50000元）  补助额 = 1000元 }
  }
}`);
    const c = { 子女数: 2, 受过处理: true, 有托育: true, 年收入: '90000' };
    const r = await explain(nir, { 家庭: c }, DATE, [], { ...opts, measure: '补助' });
    const a = r.措施[0]!.建议[0]!;
    expect(a.改变.map((x) => [x.事实, x.新值])).toEqual([['家庭.受过处理', '否']]);
    expect(a.满足).toEqual([{ 规则: '甲', 条件: ['家庭.子女数 ≥ 2', '非 家庭.受过处理', '（家庭.有托育 或 家庭.年收入 ≤ 50000元）'] }]);
  });
});
