/**
 * Which attributes each declaration takes (grammar/README.md §8): input nothing, output one table,
 * read by the AST builder (cst-to-ast.ts, ZC0312 / ZC0306 / ZC0311) and by the completion service
 * (the keys offered inside a block). The grammar itself allows any attribute key in any block;
 * INVARIANT: this table is the only place that says which key is allowed where.
 */

/** How often an attribute may be written: once (one value) or many times (values merged). */
export type AttrMode = 'one' | 'many';

/** The attributes a block accepts, keyed by the word that opens the block (失效 is 政策's nested block). */
export const ATTRIBUTES = {
  政策: { 文号: 'one', 发文机关: 'one', 标题: 'one', 依据: 'many', 来源: 'one', 生效: 'one', 失效: 'one', 解释机关: 'one', 成文日期: 'one', 说明: 'one' },
  失效: { 条件: 'one', 起算: 'one' },
  机构: { 全称: 'one', 别名: 'many' },
  条款: { 原文: 'many' },
  措施: { 原文: 'many', 牵头单位: 'many', 责任单位: 'many', 对象: 'one', 说明: 'one', 类别: 'one', 理由: 'one', 发放对象: 'one', 申请条件: 'one' },
  规则: { 条件: 'one', 有效期: 'one', 原文: 'many', 说明: 'one' },
  定性: { 原文: 'many', 类别: 'one', 理由: 'one', 牵头单位: 'many', 责任单位: 'many' },
  存疑: { 原文: 'many', 采用: 'one', 理由: 'one' },
  指标: { 说明: 'one', 日期: 'one', 原文: 'many' },
  定义: { 原文: 'many', 说明: 'one', 存疑: 'many' },
  前提: { 条件: 'one', 原文: 'many', 说明: 'one' },
  性质: { 断言: 'many', 条件: 'one', 说明: 'one', 类别: 'one', 接受: 'one' },
} as const satisfies Record<string, Record<string, AttrMode>>;

/** A block that takes attributes. */
export type AttributeBlock = keyof typeof ATTRIBUTES;

/** The values of a 性质's 类别 and what each checks (grammar/README.md §8.15): read by the AST builder, hover and completion. */
export const PROPERTY_CATEGORY_DOCS: Readonly<Record<string, string>> = {
  一般: '断言在所有输入上成立（不成立时核查报 ZC0908）',
  边界: '同一界限的两种表述在所有输入上结论相同（不一致时报 ZC0910）',
  条款一致: '两处条款（如附件与正文）的条件一致（不一致时报 ZC0911）',
  概念一致: '同一概念在不同措施中的检验方式一致（不一致时报 ZC0912）',
};

/** The values of a 性质's 类别 (grammar/README.md §8.15), in the order of PROPERTY_CATEGORY_DOCS. */
export const PROPERTY_CATEGORIES: readonly string[] = Object.keys(PROPERTY_CATEGORY_DOCS);
