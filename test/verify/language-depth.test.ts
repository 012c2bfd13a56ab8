/**
 * The verifier on the second-wave constructs (grammar/README.md §15): for each construct
 * family — definitions, lists (quantifiers, aggregates, 第N个), uncertain dates (施行日、某日),
 * signed fields, exact ratios, assumptions (前提), measures used by other measures — an SMT
 * finding whose witness (nested facts, lists, chosen dates) is replayed through the
 * interpreter and confirmed; bounded vs complete proofs over lists (ZC0919); unsatisfiable
 * assumptions (ZC0918); dependence on an uncertain date (ZC0920); and the verifier side of
 * the three issue-9 bugs:
 *   1. `100% ÷ 3` was scaled twice, so a reachable rule was reported dead;
 *   2. two fields of one entity type through different paths were one solver variable;
 *   3. replay accepted any gap in the measure instead of the exact finding.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../compiler/interpret/interpreter.js';
import type { IrProgram } from '../../compiler/ir/ir.js';
import { hasProblem, verifySmt } from '../../compiler/verify/engine.js';
import type { Finding } from '../../compiler/verify/finding.js';
import { staticChecks } from '../../compiler/verify/static.js';
import { specialise } from '../../compiler/verify/specialise.js';
import { renderVerifyText } from '../../compiler/verify/report-text.js';
import { validateInput } from '../../compiler/interpret/validate.js';
import { irOf } from '../interpret/helpers.js';
import { addMonthsClamped, formatIso } from '../../compiler/common/calendar.js';

const HEAD = `政策 「测试」 { 生效：2020年1月1日 }\n`;
const T = 60_000;

async function smt(ir: IrProgram, listBound?: number): Promise<Finding[]> {
  return (await verifySmt(ir, { timeoutMs: 20_000, ...(listBound ? { listBound } : {}) })).findings;
}
const codes = (fs: Finding[]) => fs.map((f) => f.code).sort();
const one = (fs: Finding[], code: string, subject?: string): Finding => {
  const hit = fs.filter((f) => f.code === code && (!subject || f.subject.startsWith(subject)));
  expect(hit.map((f) => f.subject), `${code} ${subject ?? ''} in ${fs.map((f) => `${f.code} ${f.subject}`).join('; ')}`).toHaveLength(1);
  return hit[0]!;
};
const reportOf = (ir: IrProgram, findings: Finding[]) => ({
  policies: [{ id: ir.policy.id, name: ir.policy.name, root: '', stats: { smtQueries: 0, smtMs: 0, smtQueryMs: [], pbtCases: 0, pbtMs: 0, staticMs: 0 } }], findings,
});
/** The witness is a valid input, and the interpreter (on the program at the witness's dates) reproduces the finding. */
function replayed(ir: IrProgram, f: Finding): void {
  const w = f.witness!;
  expect(f.replay?.interpreter).toBe('confirmed');
  expect(validateInput(ir, w.facts, w.date, w.event ? [w.event] : []).problems).toEqual([]);
  expect(f.proof).toBe('refuted');
}

describe('definitions (global and on an entity)', () => {
  const ir = irOf(`${HEAD}实体 甲 { 收入：金额  人数：整数 }
定义 甲.「低收入」 = 甲.收入 < 1000元
定义 「小家庭」 = 甲.人数 ≤ 2
条款 一、 "补助" {
  措施 补助 {
    对象：甲
    结果 额：金额
    规则 「低」 { 条件：甲.「低收入」  额 = 100元 }
    规则 「少」 { 条件：「小家庭」  额 = 200元 }
    规则 「不可能」 { 条件：甲.「低收入」 且 甲.收入 ≥ 1000元  额 = 300元 }
  }
}`);
  it('a contradiction through two definitions, replayed; a rule dead through a definition', async () => {
    const fs = await smt(ir);
    const c = one(fs, 'ZC0901', 'contradiction:补助/额/低|少');
    replayed(ir, c);
    const f = c.witness!.facts['甲'] as Record<string, unknown>;
    expect(Number(f['收入'])).toBeLessThan(1000);
    expect(f['人数']).toBeLessThanOrEqual(2);
    expect(one(fs, 'ZC0903').subject).toBe('dead:补助/不可能');
  }, T);
});

const FAMILY = (extra = '', rules = '') => `${HEAD}枚举 户籍地 { 本县、外县 }
实体 人 { 出生日期：日期  户籍：户籍地  同胎序号：整数  月收入：金额 }
实体 家庭 { 夫妻：列表（人）  子女：列表（人） }
定义 人.孩次：整数 = 人数（家庭.子女，出生日期 < 人.出生日期 或（出生日期 = 人.出生日期 且 同胎序号 < 人.同胎序号）） + 1
${extra}
条款 一、 "补助" {
  措施 「三孩补助」 {
    对象：家庭
    结果 补助额：金额 一次性
    规则 「三孩」 {
      条件：家庭.子女 至少一个满足（孩次 ≥ 3）
      补助额 = 1000元 × 数量（家庭.子女，孩次 ≥ 3）
    }
    规则 「四孩」 { 条件：家庭.子女 至少一个满足（孩次 ≥ 4）  补助额 = 3000元 }
    ${rules}
  }
}`;

describe('lists: quantifiers, aggregates, 第N个 by an order', () => {
  it('twins born as 3rd and 4th child: the contradiction needs four children, and replays', async () => {
    const ir = irOf(FAMILY());
    const fs = await smt(ir);
    const c = one(fs, 'ZC0901', 'contradiction:三孩补助/补助额/三孩|四孩');
    replayed(ir, c);
    const kids = (c.witness!.facts['家庭'] as { 子女: unknown[] }).子女;
    expect(kids.length).toBeGreaterThanOrEqual(4);
    expect(c.sides!.map((s) => s.yields).join(' ')).toMatch(/3000\.00元/);
  }, T);

  it('第N个, 合计 and 最大/最小 in conditions: contradictions replay; an impossible order is dead only up to the bound', async () => {
    const ir = irOf(FAMILY('', `规则 「第二孩外县」 { 条件：家庭.子女 按（出生日期）第2个.户籍 为 外县  补助额 = 5元 }
    规则 「夫妻收入高」 { 条件：合计（家庭.夫妻，月收入） ≥ 5000元 且 家庭.夫妻 均满足（户籍 为 本县）  补助额 = 7元 }
    规则 「最大小于最小」 { 条件：最大（家庭.子女，同胎序号） < 最小（家庭.子女，同胎序号）  补助额 = 9元 }`));
    const fs = await smt(ir);
    const nth = one(fs, 'ZC0901', 'contradiction:三孩补助/补助额/四孩|第二孩外县');
    replayed(ir, nth);
    const kids = (nth.witness!.facts['家庭'] as { 子女: { 出生日期: string; 户籍: string }[] }).子女;
    const second = [...kids.map((k, i) => ({ ...k, i }))].sort((a, b) => (a.出生日期 < b.出生日期 ? -1 : a.出生日期 > b.出生日期 ? 1 : a.i - b.i))[1]!;
    expect(second.户籍).toBe('外县');
    replayed(ir, one(fs, 'ZC0901', 'contradiction:三孩补助/补助额/夫妻收入高|第二孩外县'));
    // no 前提 bounds the lists: "never applies" is only proved for lists of at most B = 4
    expect(codes(fs)).not.toContain('ZC0903');
    const b = one(fs, 'ZC0919', 'bounded:三孩补助');
    expect(b.severity).toBe('warning');
    expect(b.proof).toBe('bounded');
    expect(b.message).toContain('规则“最大小于最小”永不适用');
    expect(b.message).toContain('不超过 4 个元素');
  }, T);

  it('a 前提 bounding the list makes the proof complete; a looser one leaves it bounded unless --list-bound covers it', async () => {
    const dead = `规则 「最大小于最小」 { 条件：最大（家庭.子女，同胎序号） < 最小（家庭.子女，同胎序号）  补助额 = 9元 }`;
    const bounded4 = irOf(FAMILY('前提 「子女不超过四个」 { 条件：数量（家庭.子女） ≤ 4 }', dead));
    const fs = await smt(bounded4);
    const d = one(fs, 'ZC0903', 'dead:三孩补助/最大小于最小');
    expect(d.message).toContain('证明完整');
    expect(codes(fs)).not.toContain('ZC0919');
    const six = irOf(FAMILY('前提 「子女不超过六个」 { 条件：人数（家庭.子女） ≤ 6 }', dead));
    expect(codes(await smt(six))).toContain('ZC0919');
    const r6 = await verifySmt(six, { timeoutMs: 20_000, listBound: 6 });
    expect(codes(r6.findings)).not.toContain('ZC0919');
    expect(r6.findings.find((f) => f.code === 'ZC0903')?.subject).toBe('dead:三孩补助/最大小于最小');
    expect(r6.lists).toEqual({ bound: 6, complete: true });
  }, 3 * T);
});

describe('uncertain dates: 施行日 within a range, 某日', () => {
  const ir = irOf(`政策 「测试」 { 生效：某日（2023年1月1日，2023年12月31日） }
实体 家庭 { 出生日期：日期 }
定义 「实施后出生」 = 家庭.出生日期 ≥ 施行日
条款 一、 "补助" {
  措施 补助 {
    对象：家庭
    结果 补助额：金额
    规则 「实施后」 { 条件：「实施后出生」  补助额 = 100元 }
    规则 「三月后」 { 条件：家庭.出生日期 ≥ 某日（2023年3月1日，2023年3月31日）  补助额 = 200元 }
  }
}`);
  it('ZC0906 reports the range; ZC0920: two values of the date, same facts, different results', async () => {
    const st = staticChecks(ir, []);
    const r = st.find((f) => f.code === 'ZC0906')!;
    expect(r.message).toContain('2023-01-01 至 2023-12-31');
    const fs = await smt(ir);
    const u = one(fs, 'ZC0920', 'uncertain:补助');
    expect(u.severity).toBe('info');
    expect(u.replay?.interpreter).toBe('confirmed');
    const dates = u.witness!.dates!;
    expect(dates.some((d) => d.value2 !== undefined && d.value2 !== d.value)).toBe(true);
    // the two specialised programs really disagree on the same facts
    const [a, b] = [specialise(ir, dates), specialise(ir, dates, true)].map((p) => evaluate(p, u.witness!.facts, u.witness!.date).决定[0]!);
    expect(JSON.stringify([a!.状态, a!.结果])).not.toBe(JSON.stringify([b!.状态, b!.结果]));
    // without the date the interpreter says 存疑 for these facts
    expect(evaluate(ir, u.witness!.facts, u.witness!.date).决定[0]!.状态).toBe('存疑');
  }, T);
  it('a contradiction that holds for chosen values of the dates carries them, and replays on the specialised program', async () => {
    const fs = await smt(ir);
    const c = one(fs, 'ZC0901', 'contradiction:补助/补助额');
    replayed(ir, c);
    expect(c.witness!.dates!.map((d) => d.name).sort()).toEqual(expect.arrayContaining(['施行日']));
    expect(c.message).toContain('施行日为');
    const text = renderVerifyText(reportOf(ir, [c]), new Map(), '/');
    expect(text).toContain('施行日');
  }, T);
});

describe('date ± N months of an uncertain date (a validity of three years from the 施行日)', () => {
  // The solver abstracts date + N months as a date 28·N–31·N days later; a witness that used that slack
  // (评估日期 2026-10-19 with 施行日 + 3年 taken as ≥ 2026-10-20) did not replay: ZC0916, an error, exit 1.
  for (const [label, term] of [['3年', '施行日 + 3年'], ['36个月', '施行日 + 36个月'], ['13个月', '施行日 + 13个月']] as const) {
    it(`施行日 + ${label}: ZC0920 replayed at the real anniversary, no ZC0916`, async () => {
      const ir = irOf(`政策 「测试」 { 生效：某日（2024年1月15日，2024年1月31日） }
实体 家庭 { 申请日期：日期 }
定义 「在有效期内」 = 评估日期 < ${term}
条款 一、 {
  措施 补贴 {
    对象：家庭
    结果 补贴金额：金额 一次性
    规则 「发放」 { 条件：「在有效期内」  补贴金额 = 100元 }
  }
}`);
      const fs = await smt(ir);
      expect(codes(fs)).not.toContain('ZC0916');
      const u = one(fs, 'ZC0920', 'uncertain:补贴');
      expect(u.replay?.interpreter).toBe('confirmed');
      // the evaluation date lies between the two anniversaries (施行日's range shifted by the months, 对应日)
      const months = label === '3年' ? 36 : Number.parseInt(label, 10);
      const on = (d: number) => formatIso(addMonthsClamped({ y: 2024, m: 1, d }, months));
      expect(u.witness!.date >= on(15) && u.witness!.date <= on(31), `${u.witness!.date} in ${on(15)}…${on(31)}`).toBe(true);
    }, T);
  }
});

describe('signed fields (可为负)', () => {
  const ir = irOf(`${HEAD}实体 甲 { 差额：金额 可为负  余额：金额 }
条款 一、 "差额" {
  措施 补差 {
    对象：甲
    结果 补差额：金额
    规则 「负差额」 { 条件：甲.差额 < 0元  补差额 = 0元 - 甲.差额 }
    规则 「负余额」 { 条件：甲.余额 < 0元  补差额 = 1元 }
  }
  性质 「补差为正」 { 断言：补差.补差额 > 0元 }
  性质 「补差不超过一万」 { 断言：补差.补差额 ≤ 10000元 }
}`);
  it('a signed field can be negative (the rule is live), an unsigned one cannot (dead); properties proved and refuted', async () => {
    const fs = await smt(ir);
    expect(fs.filter((f) => f.code === 'ZC0903').map((f) => f.subject)).toEqual(['dead:补差/负余额']);
    expect(one(fs, 'ZC0909', 'property:补差为正').proof).toBe('proved');
    const p = one(fs, 'ZC0908', 'property:补差不超过一万');
    replayed(ir, p);
    expect(String((p.witness!.facts['甲'] as Record<string, unknown>)['差额'])).toMatch(/^-/);
  }, T);
});

describe('exact ratios (bug 1: 100% ÷ 3 was scaled twice)', () => {
  const ir = irOf(`${HEAD}实体 甲 { 占比：比例  基数：金额 }
条款 一、 "比例" {
  措施 比例计算 {
    对象：甲
    结果 档：整数
    结果 折算：金额
    结果 按比例：金额
    规则 「三分之一以上」 { 条件：甲.占比 ≥ 100% ÷ 3 且 甲.占比 < 34%  档 = 1 }
    规则 「过半」 { 条件：甲.占比 ≥ 33.5%  档 = 2 }
    规则 「算」 { 折算 = 1000元 × (100% ÷ 3)  按比例 = 甲.基数 × 甲.占比 }
  }
  性质 「折算精确」 { 断言：比例计算.折算 = 333.33元 }
  性质 「按比例不超过一元」 { 条件：甲.占比 ≤ 100% 且 甲.基数 ≤ 1元  断言：比例计算.按比例 ≤ 1元 }
  性质 「按比例不超过半元」 { 条件：甲.占比 ≤ 100% 且 甲.基数 ≤ 1元  断言：比例计算.按比例 ≤ 0.5元 }
}`);
  it('the rule at one third is reachable, the exact product is proved, money × ratio rounds as the interpreter does', async () => {
    const fs = await smt(ir);
    expect(fs.filter((f) => f.code === 'ZC0903')).toEqual([]);
    const c = one(fs, 'ZC0901', 'contradiction:比例计算/档');
    replayed(ir, c);
    expect(String((c.witness!.facts['甲'] as Record<string, unknown>)["占比"])).toMatch(/^33\.[5-9]\d*%$/);
    expect(one(fs, 'ZC0909', 'property:折算精确').proof).toBe('proved');
    expect(one(fs, 'ZC0909', 'property:按比例不超过一元').proof).toBe('proved');
    replayed(ir, one(fs, 'ZC0908', 'property:按比例不超过半元'));
  }, T);
});

describe('assumptions (前提)', () => {
  const body = `实体 甲 { 数：整数 }
前提 「数不超过十」 { 条件：甲.数 ≤ 10 }
条款 一、 "甲" {
  措施 大数 { 对象：甲  结果 额：金额  结果 档：整数 必须
    规则 「大」 { 条件：甲.数 > 10  额 = 1元 }
    规则 「小」 { 条件：甲.数 ≤ 3  档 = 1 }
    规则 「中」 { 条件：甲.数 > 3  档 = 2 }
  }
}`;
  it('every query is asked under the assumptions: a rule outside them is dead, a gap inside them is found', async () => {
    const fs = await smt(irOf(`${HEAD}${body}`));
    expect(codes(fs)).toEqual(['ZC0903']);
    const gap = await smt(irOf(`${HEAD}${body.replace('规则 「中」 { 条件：甲.数 > 3', '规则 「中」 { 条件：甲.数 > 4')}`));
    const g = one(gap, 'ZC0902', 'gap:大数/档');
    expect((g.witness!.facts['甲'] as Record<string, number>)['数']).toBe(4);
  }, T);
  it('ZC0918: assumptions no input satisfies are an error, and nothing else is reported as proved', async () => {
    const fs = await smt(irOf(`${HEAD}${body}\n前提 「数超过二十」 { 条件：甲.数 > 20 }`));
    expect(codes(fs)).toEqual(['ZC0918']);
    expect(fs[0]!.severity).toBe('error');
    expect(fs[0]!.message).toContain('数不超过十');
  }, T);
  it('ZC0919: assumptions satisfiable only with lists longer than the bound', async () => {
    const fs = await smt(irOf(FAMILY('前提 「子女至少六个」 { 条件：数量（家庭.子女） ≥ 6 }')));
    expect(codes(fs)).toEqual(['ZC0919']);
    expect(fs[0]!.subject).toBe('bounded:assumptions');
  }, T);
});

describe('measures used by other measures; 申请条件', () => {
  const ir = irOf(`${HEAD}实体 家庭 { 子女数：整数  户籍在本县：是否 }
条款 一、 "甲" {
  措施 基础 { 对象：家庭  结果 额：金额  规则 「多孩」 { 条件：家庭.子女数 ≥ 2  额 = 100元 } }
  措施 加倍 {
    对象：家庭
    申请条件：加倍申请条件
    结果 额：金额
    结果 标记：整数 必须
    规则 「加倍」 { 条件：适用（基础）  额 = 基础.额 × 2 }
    规则 「三孩」 { 条件：家庭.子女数 ≥ 3  额 = 300元 }
    规则 「标记」 { 条件：适用（基础）  标记 = 1 }
  }
  措施 加倍申请条件 { 对象：家庭  结果 可受理：是否  规则 「本县」 { 条件：家庭.户籍在本县  可受理 = 是 } }
}`);
  it('a contradiction and a gap through 适用（…） and another measure’s outcome, replayed exactly', async () => {
    const fs = await smt(ir);
    const c = one(fs, 'ZC0901', 'contradiction:加倍/额/三孩|加倍');
    replayed(ir, c);
    expect((c.witness!.facts['家庭'] as Record<string, number>)['子女数']).toBeGreaterThanOrEqual(3);
    const g = one(fs, 'ZC0902', 'gap:加倍/标记');
    replayed(ir, g);
    expect((g.witness!.facts['家庭'] as Record<string, number>)['子女数']).toBeLessThan(2);
  }, T);
});

describe('issue 9, bug 2: fields of one entity type through different paths are different variables', () => {
  const ir = irOf(`${HEAD}实体 人 { 年收入：金额 }
实体 输入 { p：人  q：人 }
条款 一、 "路径" {
  措施 比较 {
    对象：输入
    结果 p较高：是否 必须
    规则 「p高」 { 条件：输入.p.年收入 > 输入.q.年收入  p较高 = 是 }
    规则 「不高」 { 条件：输入.p.年收入 ≤ 输入.q.年收入  p较高 = 否 }
  }
  性质 「p高则较高」 { 条件：输入.p.年收入 > 输入.q.年收入  断言：比较.p较高 }
  性质 「总是较高」 { 断言：比较.p较高 }
}`);
  it('no rule is dead, no gap, the property is proved; a refutation decodes nested records', async () => {
    const fs = await smt(ir);
    expect(fs.filter((f) => ['ZC0903', 'ZC0902', 'ZC0901'].includes(f.code))).toEqual([]);
    expect(one(fs, 'ZC0909', 'property:p高则较高').proof).toBe('proved');
    const p = one(fs, 'ZC0908', 'property:总是较高');
    replayed(ir, p);
    const f = p.witness!.facts['输入'] as { p: { 年收入: string }; q: { 年收入: string } };
    expect(Number(f.p.年收入)).toBeLessThanOrEqual(Number(f.q.年收入));
    const text = renderVerifyText(reportOf(ir, [p]), new Map(), '/');
    expect(text).toMatch(/输入\.p\.年收入/);
    expect(text).toMatch(/输入\.q\.年收入/);
  }, T);
});

describe('issue 9, bug 3: replay confirms the exact finding (measure, outcome, kind)', () => {
  const ir = irOf(`${HEAD}实体 甲 { 数：整数 }
条款 一、 "结果" {
  措施 多结果 {
    对象：甲
    结果 甲结果：整数 必须
    结果 乙结果：整数 必须
    规则 「一」 { 条件：甲.数 ≥ 1  甲结果 = 1 }
    规则 「二」 { 条件：甲.数 ≥ 2  甲结果 = 2 }
    规则 「乙」 { 条件：甲.数 ≥ 5  乙结果 = 1 }
  }
}`);
  it('a gap on one outcome beside a contradiction on another: each found and confirmed on its own outcome', async () => {
    const fs = await smt(ir);
    replayed(ir, one(fs, 'ZC0901', 'contradiction:多结果/甲结果'));
    const g1 = one(fs, 'ZC0902', 'gap:多结果/甲结果');
    const g2 = one(fs, 'ZC0902', 'gap:多结果/乙结果');
    replayed(ir, g1);
    replayed(ir, g2);
    // the check is per outcome and kind: at 数 = 3 乙结果 has a gap, 甲结果 a contradiction
    const d = evaluate(ir, { 甲: { 数: 3 } }, '2024-01-01');
    expect(hasProblem(d, '多结果', '缺口', '乙结果')).toBe(true);
    expect(hasProblem(d, '多结果', '缺口', '甲结果')).toBe(false);
    expect(hasProblem(d, '多结果', '矛盾', '甲结果', ['一', '二'])).toBe(true);
    expect(hasProblem(d, '多结果', '矛盾', '乙结果')).toBe(false);
    expect(fs.filter((f) => f.code === 'ZC0916')).toEqual([]);
  }, T);
});
