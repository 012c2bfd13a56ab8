/**
 * Symbol ids the binder and checker look up without building them again (binder.ts `outcomeIds`, `ruleIds`,
 * `scopedId`; checker.ts `fieldOf`, `enumMember`) give what a lookup by the id string gave — also where
 * a quoted name holds a "." and two different (container, name) pairs make one id: 「甲.乙」's outcome 丙 and
 * 甲's outcome 「乙.丙」 are both `outcome:甲.乙.丙` (the second is a duplicate; 甲's assignments and 例外于
 * then resolve to the first), the first of two fields of one name is the one a member expression means
 * (子女数 is 整数, not 文本: no ZC0501 for ≥), and a member of two enums is ambiguous only where no type
 * tells which.
 */
import { expect, test } from 'vitest';
import { compile, memoryHost } from '../../compiler/index.js';

const SOURCE = "实体 家庭 { 子女数：整数  子女数：文本  户籍在本县：是否 }\n枚举 等级 { 甲等、乙等 }\n枚举 档次 { 乙等、丙等 }\n实体 人 { 等级：等级 }\n条款 一、 {\n措施 「甲.乙」 {\n  对象：家庭\n  结果 丙：金额\n  规则 丁 { 条件：家庭.子女数 ≥ 2  丙 = 100元 }\n}\n措施 甲 {\n  对象：家庭\n  结果 「乙.丙」：金额\n  规则 「乙.丁」 { 条件：家庭.户籍在本县  「乙.丙」 = 100元 }\n  规则 戊 例外于 「乙.丁」 { 条件：家庭.子女数 ≥ 1  「乙.丙」 = 50元 }\n}\n措施 己 {\n  对象：人\n  结果 庚：金额\n  规则 辛 { 条件：人.等级 = 甲等 且 人.等级 = 乙等  庚 = 1元 }\n  规则 壬 { 条件：丙等 = 丙等 且 乙等 = 乙等  庚 = 2元 }\n}\n\n}\n";

test('ids made once and looked up by parts resolve as the id strings did', () => {
  const r = compile(['/i/a.zc'], memoryHost({ '/i/a.zc': SOURCE }));
  expect(r.diagnostics.map((d) => `${d.code} ${d.span.start} ${d.message}`)).toEqual([
    'ZC0402 16 “家庭”中“子女数”重复定义',
    'ZC0402 176 “甲”中“乙.丙”重复定义',
    'ZC0402 190 “甲”中“乙.丁”重复定义',
    'ZC0506 366 “乙等”是多个枚举的值（等级、档次），此处无法确定',
    'ZC0506 371 “乙等”是多个枚举的值（等级、档次），此处无法确定',
  ]);
  const refs = r.programs[0]!.checked.references.map((x) => `${x.target} ${x.span.start}`);
  expect(refs).toEqual(expect.arrayContaining([
    // 甲's assignments (in 「乙.丁」 and 戊) and its 例外于 「乙.丁」: the ids 「甲.乙」's declarations made
    'outcome:甲.乙.丙 211', 'outcome:甲.乙.丙 260', 'rule:甲.乙.丁 237',
    'field:家庭.子女数 134', 'field:家庭.户籍在本县 204', 'field:家庭.子女数 251',
    // (typed by the field: 等级's members; untyped: the one enum that has 丙等)
    'enumMember:等级.甲等 319', 'enumMember:等级.乙等 331', 'enumMember:档次.丙等 356', 'enumMember:档次.丙等 361',
  ]));
});
