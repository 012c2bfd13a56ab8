/**
 * The shapes evaluateFast's raw path (compiler/emit/ts-raw.ts) emits for issue 11's allocation and call
 * work, on a small policy whose every measure and 前提 has raw code:
 *   - `_rav`: every 前提 in one function — the violated names in declaration order (none, one, both), as the
 *     converted path (`_rawSwitch(false)`) and evaluate give them;
 *   - the 结果 object made by a literal with its key at the first value kept (`res = { "首项": … }`), later
 *     values stored into it: its keys in outcome order whichever outcomes have a value, as on the converted
 *     path (toStrictEqual does not look at key order: the keys are compared as lists);
 *   - 决定 made as an array literal of the selection's length (one to four measures), else new Array(m): every
 *     length 1–5 gives a dense array (no holes: toStrictEqual tells a hole from undefined) equal to the converted path's.
 * Input: the policy text below; output: the generated module's text and its answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitTypeScript } from '../../compiler/emit/typescript.js';
import { irOf } from '../interpret/helpers.js';
import { cleanupGenerated, importGenerated, type GeneratedModule } from './helpers.js';
import { fastOf, type FullDecisions } from './differential-lib.js';

afterAll(() => cleanupGenerated());

const SRC = `政策 「测试」 { 生效：2020年1月1日 }
实体 甲 { 数：整数  标志：是否 }
前提 「数不超过十」 { 条件：甲.数 ≤ 10  说明："编码只考虑十以内" }
前提 「标志为真」 { 条件：甲.标志 = 是  说明："标志总为真" }
条款 一、 "多值" {
  措施 多值 {
    对象：甲
    结果 首项：是否
    结果 次项：整数
    结果 末项：整数
    规则 「全」 { 条件：甲.数 ≥ 1  首项 = 是  末项 = 甲.数 }
    规则 「二」 { 条件：甲.数 ≥ 2  次项 = 甲.数 × 2 }
  }
  措施 单值 {
    对象：甲
    结果 值：整数
    规则 「有」 { 条件：甲.标志 = 是  值 = 甲.数 }
  }
  措施 大数 { 对象：甲  结果 大：是否  规则 「大」 { 条件：甲.数 ≥ 5  大 = 是 } }
  措施 小数 { 对象：甲  结果 小：是否  规则 「小」 { 条件：甲.数 < 5  小 = 是 } }
  措施 无标志 { 对象：甲  结果 无：是否  规则 「无」 { 条件：甲.标志 = 否  无 = 是 } }
}`;

type Gen = GeneratedModule & { __rawSwitch(on: boolean): void };
type Fast = { 前提不满足?: string[]; 决定: { 措施: string; 状态: string; 结果: Record<string, unknown> }[] };

describe('evaluateFast 的直接路径：全部前提在一个函数里，结果对象以字面量建立', () => {
  let text = '';
  let gen: Gen;
  beforeAll(async () => {
    text = emitTypeScript(irOf(SRC)).get('index.ts')!;
    gen = (await importGenerated(`${text}\nexport { _rawSwitch as __rawSwitch };\n`)) as Gen;
  });

  /** evaluateFast on the raw path and on the converted path, and evaluate's decisions in the fast shape. */
  const both = (facts: unknown): { raw: Fast; conv: Fast; full: Fast } => {
    const raw = gen.evaluateFast(facts, '2024-07-15') as Fast;
    gen.__rawSwitch(false);
    try {
      const conv = gen.evaluateFast(facts, '2024-07-15') as Fast;
      const full = fastOf(gen.evaluate(facts, '2024-07-15') as unknown as FullDecisions) as Fast;
      return { raw, conv, full };
    } finally {
      gen.__rawSwitch(true);
    }
  };
  const keys = (d: Fast): string[][] => d.决定.map((x) => Object.keys(x.结果));

  it('the module has the raw path with one _rav and literal 结果 objects', () => {
    expect(text).toMatch(/^function _rav\(F: _RR, _D: string\): string\[\] \| undefined \{$/m);
    expect(text).toContain('const violated = _rav(F, D);');
    expect(text).not.toMatch(/^function _ra\d/m);
    // one stored outcome: a literal; more: a literal at the first value kept, stores after it
    expect(text).toContain('res = { "值": v as number | boolean | string };');
    expect(text).toContain('if (res === undefined) res = { "次项": v as number | boolean | string }; else res["次项"] = v as number | boolean | string;');
  });

  it('前提不满足: none, either, both — in declaration order, as on the converted path and in evaluate', () => {
    const cases: [unknown, string[] | undefined][] = [
      [{ 甲: { 数: 3, 标志: true } }, undefined],
      [{ 甲: { 数: 11, 标志: true } }, ['数不超过十']],
      [{ 甲: { 数: 3, 标志: false } }, ['标志为真']],
      [{ 甲: { 数: 11, 标志: false } }, ['数不超过十', '标志为真']],
      // unknown is not violated
      [{ 甲: {} }, undefined],
      [{ 甲: { 数: 12 } }, ['数不超过十']],
    ];
    for (const [facts, violated] of cases) {
      const { raw, conv, full } = both(facts);
      expect(raw.前提不满足).toStrictEqual(violated);
      expect(raw).toStrictEqual(conv);
      expect(raw).toStrictEqual(full);
    }
  });

  it('结果 keys in outcome order whichever outcomes have values (首项 末项; 首项 次项 末项), as on the converted path', () => {
    for (const [facts, order] of [
      [{ 甲: { 数: 1, 标志: true } }, ['首项', '末项']],
      [{ 甲: { 数: 5, 标志: true } }, ['首项', '次项', '末项']],
    ] as const) {
      const { raw, conv, full } = both(facts);
      expect(Object.keys(raw.决定[0]!.结果)).toStrictEqual(order);
      expect(keys(raw)).toStrictEqual(keys(conv));
      expect(keys(raw)).toStrictEqual(keys(full));
      expect(raw).toStrictEqual(conv);
      // each row its own 结果 object (only 不适用 decisions without values are shared)
      expect((gen.evaluateFast(facts, '2024-07-15') as Fast).决定[0]!.结果).not.toBe(raw.决定[0]!.结果);
    }
  });

  it('决定 of a selection of 1–5 measures: that many decisions, no holes, in the selection\'s order, as on the converted path', () => {
    const names = ['无标志', '多值', '小数', '单值', '大数'];
    for (let k = 1; k <= names.length; k++) {
      const sel = { 措施: names.slice(0, k) };
      for (const facts of [{ 甲: { 数: 3, 标志: true } }, { 甲: { 数: 7, 标志: false } }]) {
        const raw = gen.evaluateFast(facts, '2024-07-15', undefined, sel) as Fast;
        gen.__rawSwitch(false);
        const conv = gen.evaluateFast(facts, '2024-07-15', undefined, sel) as Fast;
        gen.__rawSwitch(true);
        expect(raw.决定.length).toBe(k);
        expect(Object.keys(raw.决定)).toHaveLength(k);
        expect(raw.决定.map((d) => d.措施)).toStrictEqual(sel.措施);
        expect(raw).toStrictEqual(conv);
      }
    }
  });
});

/**
 * A fact's date against the uncertain 施行日 on the raw path (FnGen.cmp in raw mode, two exclusive string tests):
 * the same three-valued answers as the converted path and evaluate for dates before, on both ends of, inside and
 * after the range — each order, the range on either side.
 */
describe('直接路径上事实日期与施行日（区间）的比较：与转换后的路径、evaluate 一致', () => {
  const OPS: [string, string][] = [
    ['右甲', '甲.日 ≥ 施行日'], ['右乙', '甲.日 > 施行日'], ['右丙', '甲.日 ≤ 施行日'], ['右丁', '甲.日 < 施行日'],
    ['左甲', '施行日 ≥ 甲.日'], ['左乙', '施行日 > 甲.日'], ['左丙', '施行日 ≤ 甲.日'], ['左丁', '施行日 < 甲.日'],
  ];
  const SRC2 = `政策 「区间」 { 生效：某日（2023年1月1日，2023年12月31日） }
实体 甲 { 日：日期 }
条款 一、 "比较" {
${OPS.map(([n, c]) => `  措施 ${n} { 对象：甲  结果 成立：是否  规则 「${n}」 { 条件：${c}  成立 = 是 } }`).join('\n')}
}`;
  let text = '';
  let gen: Gen;
  beforeAll(async () => {
    text = emitTypeScript(irOf(SRC2)).get('index.ts')!;
    gen = (await importGenerated(`${text}\nexport { _rawSwitch as __rawSwitch };\n`)) as Gen;
  });

  it('each order, each side: the same status as the converted path and evaluate, before, on, inside and after the range', () => {
    // the comparisons are on the raw path (string tests against the range's two ends)
    expect(text).toContain('"2023-12-31"');
    expect(text).toMatch(/^function _rm7\(/m);
    for (const 日 of ['2022-12-31', '2023-01-01', '2023-06-15', '2023-12-31', '2024-01-01', undefined]) {
      const facts = { 甲: 日 === undefined ? {} : { 日 } };
      const raw = gen.evaluateFast(facts, '2024-07-15') as Fast;
      gen.__rawSwitch(false);
      try {
        const conv = gen.evaluateFast(facts, '2024-07-15') as Fast;
        const full = fastOf(gen.evaluate(facts, '2024-07-15') as unknown as FullDecisions) as Fast;
        expect(raw).toStrictEqual(conv);
        expect(raw).toStrictEqual(full);
      } finally {
        gen.__rawSwitch(true);
      }
      const st = Object.fromEntries(raw.决定.map((d) => [d.措施, d.状态]));
      if (日 === '2022-12-31') expect(st).toMatchObject({ 右甲: '不适用', 右丁: '适用', 左乙: '适用', 左丙: '不适用' });
      if (日 === '2024-01-01') expect(st).toMatchObject({ 右甲: '适用', 右丁: '不适用', 左乙: '不适用', 左丙: '适用' });
      if (日 === '2023-06-15') expect(Object.values(st).every((s) => s === '存疑')).toBe(true);
    }
  });
});
