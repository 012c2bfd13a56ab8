/**
 * The second encoding of 栾政〔2023〕18号 (issue 10), checked where YAML scenarios cannot
 * look: the input schema holds facts only (no legal conclusion of the text is a field),
 * who receives what (发放对象) per measure, the joined main-text/annex decision citing both
 * clauses, violated 前提 reported, and the events registry (policies/events.yaml) carrying
 * 地区 with a sunset that counts only 河南省 / 洛阳市 events and compares with the uncertain 施行日.
 * Input: policies/luanchuan through the interpreter (loadPolicies + evaluate).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadPolicies } from '../../compiler/project/policies.js';
import { nodeHost } from '../../compiler/project/host.js';
import { evaluate } from '../../compiler/interpret/interpreter.js';
import type { Decision, Decisions } from '../../compiler/interpret/decision.js';

const loaded = loadPolicies(['policies/luanchuan'], nodeHost);
const ir = loaded.policies[0]!.ir;
const dec = (d: Decisions, m: string): Decision => {
  const x = d.决定.find((y) => y.措施 === m);
  if (!x) throw new Error(`no measure ${m}`);
  return x;
};

const kid = (出生日期: string, 同胎序号 = 1) => ({ 出生日期, 同胎序号, 户籍: '栾川县', 性别: '女', 健在: true });
/** A case touching every measure: a family, an infant, an institution with a child in care, a 月子中心, a worker, a trainee. */
const FULL = {
  家庭: {
    夫妻: [{ 户籍: '栾川县', 缴存住房公积金: true }, { 户籍: '县外', 缴存住房公积金: false }],
    子女: [kid('2018-01-01'), kid('2020-01-01'), kid('2024-05-01')],
    居住地: '栾川县', 申请租房提取住房公积金: true, 购房类型: '首套自住住房', 所购住房为商品房: true, 所购住房所在地: '栾川县', 购房日期: '2024-05-20',
    已网上登记并保存三孩生育证: true, 有医院出具的三孩出生证明: true, 计划生育证件: [{ 证件类别: '独生子女父母光荣证', 发证日期: '2010-01-01' }],
  },
  婴幼儿: { 出生日期: '2023-10-01', 户籍: '栾川县' },
  托育机构: {
    举办者类别: '企业', 所在地: '栾川县', 设立日期: '2024-02-01', 已在线填写备案书及承诺书: true, 有营业执照或其他法人登记证书: true, 有场地证明: true,
    有工作人员专业资格证明及健康合格证明: true, 有评价为合格的卫生评价报告: true, 有消防安全检查合格证明: true, 有法律法规规定的其他相关材料: true,
    提供餐饮服务: false, 收到备案材料日期: '2024-03-01', 收到不符合规范的通知: false, 已取得备案回执: true,
  },
  入托幼儿: { 出生日期: '2023-03-01', 同胎序号: 1, 户籍: '栾川县', 父母的其他子女: [kid('2018-01-01'), kid('2020-01-01')], 有缴费凭证及考勤表: true },
  母婴照护服务机构: {
    举办者类别: '个人', 所在地: '栾川县', 开办日期: '2024-02-01', 具有独立法人资质: true, 取得经营许可相关证照: true, 有场地证明: true,
    工作人员有健康合格证明: true, 有消防安全检查合格证明: true, 提供餐饮服务: false, 在卫生行政部门备案合格: true,
  },
  职工: { 性别: '女', 用人单位所在地: '栾川县', 子女: [kid('2018-01-01'), kid('2020-01-01'), kid('2024-05-01')], 生育符合法律法规规定: true, 哺乳假已满: false },
  培训参加人: { 子女: [kid('2020-01-01')], 自愿参加: true, 培训类别: '短期技能培训', 培训由县人社局开展: true },
};

describe('栾政〔2023〕18号: derive, don’t ask', () => {
  it('compiles without errors', () => {
    expect(loaded.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([]);
  });

  it('no input field is one of the legal conclusions the first encoding asked for; each is now a definition', () => {
    const fields = ir.entities.flatMap((e) => e.fields.map((f) => `${e.name}.${f.name}`));
    const defs = new Set(ir.definitions.map((d) => d.name));
    const conclusions: [field: string, definition: string | undefined][] = [
      ['家庭.本次生育在本方案实施后', '子女.在本方案实施后出生'],
      ['家庭.本次生育孩次', '子女.孩次'],
      ['家庭.子女数', '家庭.现有子女数'],
      ['家庭.夫妻至少一方户籍在本县', '家庭.夫妻至少一方户籍在本县'],
      ['家庭.生育子女户籍均在本县', '家庭.子女户籍均在本县'],
      ['家庭.常住本县', '家庭.常住本县'],
      ['家庭.缴存住房公积金', '家庭.缴存公积金的职工家庭'],
      ['家庭.在县域内新购买商品房', '家庭.在县域内新购买商品房'],
      ['家庭.全面两孩政策调整前的独生子女家庭', '家庭.全面两孩政策调整前的独生子女家庭'],
      ['家庭.全面两孩政策调整前的农村计划生育双女家庭', '家庭.全面两孩政策调整前的农村计划生育双女家庭'],
      ['婴幼儿.户籍在本县', '婴幼儿.栾川籍'],
      ['托育机构.本方案实施后新建', '托育机构.本方案实施后新建'],
      ['托育机构.达到标准要求', '托育机构.达到标准要求'],
      ['托育机构.已登记备案', '托育机构.按要求登记备案且手续齐全'],
      ['托育机构.手续齐全', '托育机构.按要求登记备案且手续齐全'],
      ['托育机构.举办性质', '托育机构.社会性'],
      ['托育机构备案.备案内容符合设置标准和管理规范', undefined],
      ['入托幼儿.孩次', '入托幼儿.孩次'],
      ['入托幼儿.机构已提供备案回执', undefined],
      ['母婴照护服务机构.社会性', '母婴照护服务机构.社会性'],
      ['母婴照护服务机构.本方案实施后新开办', '母婴照护服务机构.本方案实施后新开办'],
      ['母婴照护服务机构.达到标准要求', '母婴照护服务机构.达到标准要求'],
      ['职工.本次生育孩次', '职工.生育三孩'],
      ['职工.在本县用人单位就业', '职工.在本县用人单位就业'],
      ['培训参加人.生育家庭成员', '培训参加人.生育家庭成员'],
    ];
    for (const [field, def] of conclusions) {
      expect(fields, field).not.toContain(field);
      if (def) expect(defs.has(def), def).toBe(true);
    }
    // the 备案回执 is a fact about the institution, not the child
    expect(fields).toContain('托育机构.已取得备案回执');
    // every definition the text makes cites its 原文 (the input-integrity helper of 性质.zc aside)
    const uncited = ir.definitions.filter((d) => !d.citation?.quotes.length).map((d) => d.name);
    expect(uncited).toEqual(['子女.出生日期与同胎序号相同的子女数']);
  });

  it('the 施行日 is a date known within 2023', () => {
    expect(evaluate(ir, {}, '2024-06-01').生效).toEqual({ 范围: { 最早: '2023-01-01', 最晚: '2023-12-31' }, 说明: '自文件下发之日起实施' });
  });
});

describe('栾政〔2023〕18号: who receives what, and what can be claimed', () => {
  const d = evaluate(ir, FULL, '2024-06-01', []);

  it('every measure applies to the full case', () => {
    const benefit = ['生育补助', '辅食营养补充品', '托育机构建设补贴', '托育机构水电气价格', '婴幼儿照护个税扣除', '入托补贴', '公积金租房提取上浮', '公积金租购接续',
      '多孩家庭购房优先优惠', '法定生育假期', '三孩延长产假', '母婴照护服务机构补助', '生育家庭免费培训', '计划生育家庭奖励扶助延续'];
    for (const m of benefit) expect(dec(d, m).状态, m).toBe('适用');
  });

  it('names the recipient where it is not the entity evaluated', () => {
    const recipients = Object.fromEntries(d.决定.map((x) => [x.措施, [x.对象, x.发放对象]]));
    expect(recipients['入托补贴']).toEqual(['入托幼儿', '托育机构']);
    expect(recipients['婴幼儿照护个税扣除']).toEqual(['婴幼儿', '婴幼儿的父母（在个人所得税中申报扣除的纳税人）']);
    expect(recipients['公积金租房提取上浮']).toEqual(['家庭', '缴存住房公积金的夫妻一方（提取申请人）']);
    expect(recipients['公积金租购接续']).toEqual(['家庭', '申请住房公积金贷款的缴存职工']);
    expect(recipients['计划生育家庭奖励扶助延续']).toEqual(['家庭', '夫妻本人（独生子女父母、双女父母，按现行奖励扶助制度发放）']);
    // the rest are received by the entity evaluated
    for (const m of ['生育补助', '辅食营养补充品', '托育机构建设补贴', '三孩延长产假', '母婴照护服务机构补助', '生育家庭免费培训']) expect(recipients[m]![1], m).toBeUndefined();
  });

  it('joins the main text with the annex: both statuses, the claimable result, both clauses', () => {
    const pairs: [main: string, label: string, annex: string, annexLabel: string][] = [
      ['生育补助', '四（一）', '生育补助申请条件', '附件2 一'],
      ['托育机构建设补贴', '四（三）', '托育机构备案材料', '附件2 二'],
      ['入托补贴', '四（六）', '入托补贴申请条件', '附件2 三'],
      ['母婴照护服务机构补助', '四（九）', '母婴照护服务机构补贴申请条件', '附件2 四'],
    ];
    for (const [main, label, annex, annexLabel] of pairs) {
      const x = dec(d, main);
      expect([x.条款.标签, x.申请?.措施, x.申请?.条款.标签, x.申请?.状态, x.可领取?.状态], main).toEqual([label, annex, annexLabel, '适用', '适用']);
      expect(x.可领取!.结果).toEqual(x.结果);
    }
  });

  it('reports a violated 前提 (two children with the same birth date and 同胎序号) with the decisions', () => {
    const r = evaluate(ir, { 家庭: { 夫妻: [{ 户籍: '栾川县' }], 子女: [kid('2018-01-01'), kid('2024-01-01'), kid('2024-01-01')] } }, '2024-06-01', []);
    expect(r.前提不满足?.map((p) => p.名称)).toEqual(['子女名单不重复']);
    expect(evaluate(ir, { 家庭: { 夫妻: [{ 户籍: '栾川县' }], 子女: [kid('2024-01-01', 1), kid('2024-01-01', 2)] } }, '2024-06-01', []).前提不满足).toBeUndefined();
  });

  it('traces the uncertain 施行日 through the definition that compares with it', () => {
    const r = evaluate(ir, { 家庭: { 夫妻: [{ 户籍: '栾川县' }], 子女: [kid('2018-01-01'), kid('2020-01-01'), kid('2023-07-01')] } }, '2024-06-01', []);
    const x = dec(r, '生育补助');
    expect(x.状态).toBe('存疑');
    expect(x.缺少).toEqual(['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）']);
    const t = x.定义!.find((y) => y.定义 === '子女.在本方案实施后出生' && y.实例 === '家庭.子女[2]')!;
    expect(t.值).toBe('（未知）');
    expect(t.条款).toBe('四（一）');
  });
});

describe('policies/events.yaml: every event carries 地区; the sunset tests level and region', () => {
  const events = parse(readFileSync('policies/events.yaml', 'utf8')) as Record<string, unknown>[];

  it('every entry has a 地区 that fits its 级别', () => {
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      const where = `${String(e['日期'])} ${String(e['标题'])}`;
      expect(typeof e['地区'], where).toBe('string');
      const region = e['地区'] as string;
      if (e['级别'] === '国家') expect(region, where).toBe('全国');
      if (e['级别'] === '省') expect(region, where).toMatch(/(省|自治区|市)$/);
      if (e['级别'] === '市') expect(region, where).toMatch(/(市|州|盟|地区)$/);
      if (e['级别'] === '县') expect(region, where).toMatch(/(县|区|市|旗)$/);
    }
  });

  it('with the registry, the file is void from the first national birth-support event (2024-10-28)', () => {
    const fam = { 婴幼儿: { 出生日期: '2023-10-01', 户籍: '栾川县' } };
    expect(dec(evaluate(ir, fam, '2024-10-27', events), '辅食营养补充品').状态).toBe('适用');
    const v = evaluate(ir, fam, '2024-10-28', events);
    expect(v.废止?.日期).toBe('2024-10-28');
    expect(dec(v, '辅食营养补充品').状态).toBe('已废止');
  });

  it('a 省 event counts only for 河南省, a 市 event only for 洛阳市', () => {
    const fam = { 婴幼儿: { 出生日期: '2023-10-01', 户籍: '栾川县' } };
    const at = (级别: string, 地区: string) => dec(evaluate(ir, fam, '2024-06-01', [{ 日期: '2024-05-01', 级别, 地区, 类别: '生育支持政策' }]), '辅食营养补充品').状态;
    expect(at('省', '河南省')).toBe('已废止');
    expect(at('省', '山东省')).toBe('适用');
    expect(at('市', '洛阳市')).toBe('已废止');
    expect(at('市', '三门峡市')).toBe('适用');
    expect(at('市', '河南省')).toBe('适用');
    expect(at('县', '栾川县')).toBe('适用');
    expect(at('国家', '全国')).toBe('已废止');
  });

  it('an event the sunset cannot decide (issued in 2023, the 施行日 range; a 省 event without 地区) is 可能废止, never silently in force', () => {
    const fam = { 婴幼儿: { 出生日期: '2023-10-01', 户籍: '栾川县' } };
    const in2023 = evaluate(ir, fam, '2024-06-01', [{ 日期: '2023-09-01', 级别: '国家', 地区: '全国', 类别: '生育支持政策' }]);
    expect(in2023.废止).toBeUndefined();
    expect(in2023.可能废止?.日期).toBe('2023-09-01');
    expect(in2023.可能废止?.取决于).toEqual(['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）']);
    expect(dec(in2023, '辅食营养补充品').状态).toBe('存疑');
    const noRegion = evaluate(ir, fam, '2025-01-01', [{ 日期: '2024-12-31', 级别: '省', 类别: '生育支持政策' }]);
    expect(noRegion.可能废止?.日期).toBe('2024-12-31');
    expect(dec(noRegion, '辅食营养补充品').状态).toBe('存疑');
  });
});
