/**
 * Shortcuts of the binder and checker that must give what the general code gave (issue 13, cold CPU):
 *  - binder.ts `clauseHead` builds a 条款's anchor and label in one loop, `partLabel` each part's label
 *    (its Chinese numerals kept by `formatChineseNumeral` below 1,024): the anchors and labels of nested and
 *    annex clauses, numbers at and past that range, the same number at different levels;
 *  - binder.ts `exceptions` skips the search for a measure with no 例外于: every rule (also a repeated
 *    name) has an empty closure, and a measure with 例外于 still gets its transitive closure;
 *  - (a check of the checker's field lookup, `fieldOf`, kept from a tried and dropped shortcut — a field's
 *    type kept with the field: red when all fields shared one type) fields of one entity with different
 *    types, met by member expressions and as an element's bare names, keep their own types.
 */
import { expect, test } from 'vitest';
import { compile, memoryHost } from '../../compiler/index.js';
import { partLabel } from '../../compiler/semantics/binder.js';
import { formatChineseNumeral } from '../../compiler/common/numerals.js';

const one = (src: string) => {
  const r = compile(['/b/a.zc'], memoryHost({ '/b/a.zc': src }));
  return { r, p: r.programs[0]! };
};

test('clause anchors and labels: nested, annex, large numbers, one number at several levels', () => {
  const src = [
    '政策 测试 { 来源："s.txt" 生效：2024年3月1日 }',
    '条款 三、 { 条款 （三） { 条款 3. { 条款 （3） { } } } 条款 （二百五十六） { 条款 300. { } } }',
    '条款 附件2 { 条款 一、 { 条款 （一） { } } 条款 二、 { } }',
    '条款 附件3 { }',
    '条款 二百五十五、 { 条款 （二百五十五） { } }',
  ].join('\n');
  const { p } = one(src);
  expect(p.checked.clauses.map((c) => `${c.anchor} ${c.label}`)).toEqual([
    'sec_3 三、'.replace('三、', formatChineseNumeral(3n)),
    `sec_3__subsec_3 ${formatChineseNumeral(3n)}（${formatChineseNumeral(3n)}）`,
    `sec_3__subsec_3__item_3 ${formatChineseNumeral(3n)}（${formatChineseNumeral(3n)}）3.`,
    `sec_3__subsec_3__item_3__subitem_3 ${formatChineseNumeral(3n)}（${formatChineseNumeral(3n)}）3.（3）`,
    `sec_3__subsec_256 ${formatChineseNumeral(3n)}（${formatChineseNumeral(256n)}）`,
    `sec_3__subsec_256__item_300 ${formatChineseNumeral(3n)}（${formatChineseNumeral(256n)}）300.`,
    'annex_2 附件2',
    `annex_2__sec_1 附件2 ${formatChineseNumeral(1n)}`,
    `annex_2__sec_1__subsec_1 附件2 ${formatChineseNumeral(1n)}（${formatChineseNumeral(1n)}）`,
    `annex_2__sec_2 附件2 ${formatChineseNumeral(2n)}`,
    'annex_3 附件3',
    `sec_255 ${formatChineseNumeral(255n)}`,
    `sec_255__subsec_255 ${formatChineseNumeral(255n)}（${formatChineseNumeral(255n)}）`,
  ]);
  // (labels are per level, the numerals kept by number: the same number asked for at every level, twice, in both orders)
  const span = { file: '', start: 0, end: 0 };
  for (const n of [0, 1, 9, 10, 255, 256, 1000, 1023, 1024, 5000]) {
    const want = { annex: `附件${n}`, sec: formatChineseNumeral(BigInt(n)), subsec: `（${formatChineseNumeral(BigInt(n))}）`, item: `${n}.`, subitem: `（${n}）` } as const;
    for (const round of [0, 1]) {
      const levels = (round === 0 ? ['annex', 'sec', 'subsec', 'item', 'subitem'] : ['subitem', 'item', 'subsec', 'sec', 'annex']) as (keyof typeof want)[];
      for (const level of levels) expect(partLabel({ level, n, span, raw: '' })).toBe(want[level]);
    }
  }
});

test('exception closures: a measure without 例外于 (repeated rule names too) and one with a chain', () => {
  const src = [
    '实体 家庭 { 人数：整数 }',
    '条款 一、 {',
    '措施 甲 { 对象：家庭 结果 额：金额 规则 子 { 条件：家庭.人数 ≥ 1 额 = 1元 } 规则 丑 { 条件：家庭.人数 ≥ 2 额 = 2元 } 规则 子 { 条件：家庭.人数 ≥ 3 额 = 3元 } }',
    '措施 乙 { 对象：家庭 结果 额：金额 规则 子 { 条件：家庭.人数 ≥ 1 额 = 1元 } 规则 丑 例外于 子 { 条件：家庭.人数 ≥ 2 额 = 2元 } 规则 寅 例外于 丑 { 条件：家庭.人数 ≥ 3 额 = 3元 } }',
    '措施 丙 { 对象：家庭 结果 额：金额 }',
    '}',
  ].join('\n');
  const { p } = one(src);
  const closures = (name: string) => [...p.checked.measures.get(name)!.overrides].map(([r, s]) => `${r}>${[...s].join('+')}`);
  expect(closures('甲')).toEqual(['子>', '丑>']);
  expect(closures('乙')).toEqual(['子>', '丑>子', '寅>丑+子']);
  expect(closures('丙')).toEqual([]);
});

test('field types kept with the field: member expressions and an element\'s bare field names', () => {
  const src = [
    '实体 子女 { 出生日期：日期  在读：是否  岁数：年龄（周岁） }',
    '实体 家庭 { 子女：列表（子女）  人数：整数  收入：金额  户籍：文本 }',
    '条款 一、 {',
    '措施 甲 { 对象：家庭 结果 额：金额',
    '  规则 子 { 条件：家庭.人数 ≥ 2 且 家庭.收入 < 1000元 且 家庭.户籍 = "本县" 且 数量（家庭.子女，在读 且 岁数 < 18周岁） ≥ 1 额 = 1元 }',
    '  规则 丑 { 条件：家庭.人数 ≥ 1000元 且 家庭.收入 ≥ 2 额 = 2元 }',
    '  规则 寅 { 条件：家庭.子女 均满足（岁数 = 3 且 在读 = 1） 额 = 3元 }',
    '}',
    '}',
  ].join('\n');
  const { r } = one(src);
  // (人数 is 整数 and 收入 金额: each comparison with the other's kind is wrong; 岁数 周岁 against a plain 3 and 在读 against 1)
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([
    'ZC0502 单位或类型不兼容：整数 与 金额（元）',
    'ZC0502 单位或类型不兼容：金额（元） 与 数（无单位）',
    'ZC0502 单位或类型不兼容：周岁 与 数（无单位）',
    'ZC0502 单位或类型不兼容：是否 与 数（无单位）',
  ]);
});
