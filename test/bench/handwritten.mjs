/**
 * Hand-written evaluation of three measures of policies/luanchuan (栾政〔2023〕18号) —
 * the "physical limit" baseline of the eval benchmark (test/bench/eval.mjs), and the
 * json-rules-engine encoding of the same three measures (what a JS developer would pick
 * instead). Plain JavaScript (what a hand-written TypeScript function compiles to: the
 * types are erased), no dependencies besides json-rules-engine for `jreRules`.
 *
 *   四（一）生育补助:           本次生育孩次 ≥ 3 且 夫妻至少一方户籍在本县 且 生育子女户籍均在本县
 *                               且 本次生育在本方案实施后 → 生育补助金额 1000 元（一次性）
 *   四（七）公积金租房提取上浮: 子女数 ≥ 2 且 缴存住房公积金 且 申请租房提取住房公积金
 *                               → 租房提取限额上浮比例 50%
 *   四（七）多孩家庭购房优先优惠: 子女数 ≥ 2 且 夫妻至少一方户籍在本县 且 生育子女户籍均在本县
 *                               且 常住本县 且 在县域内新购买商品房 → 优先享受购房优惠政策 = 是
 *
 * Every function returns the same canonical numbers, so the engines can be compared:
 *   { 生育补助分: 100000 | 0, 上浮比例ppm: 500000 | 0, 购房优先: true | false }
 * (money in 分, ratio in parts per million — the generated evaluator's internal units).
 * The households always carry every 家庭 field (no missing facts, so no 存疑 paths):
 * two-valued logic is then exactly the policy's three-valued logic.
 */

/** The three measures, plain field reads — the physical limit. */
export function handwritten(facts) {
  const h = facts.家庭;
  const kids = h.子女数;
  const hukou = h.夫妻至少一方户籍在本县 && h.生育子女户籍均在本县;
  return {
    生育补助分: h.本次生育孩次 >= 3 && hukou && h.本次生育在本方案实施后 ? 100000 : 0,
    上浮比例ppm: kids >= 2 && h.缴存住房公积金 && h.申请租房提取住房公积金 ? 500000 : 0,
    购房优先: kids >= 2 && hukou && h.常住本县 && h.在县域内新购买商品房,
  };
}

// ── the same three measures, with the input checks the generated evaluator makes ──
// The generated module's _validate, for facts = { 家庭: {...} }: facts must be a plain
// object whose keys are declared entities; each entity a plain object whose keys are
// declared fields; 是否 fields booleans, 整数 fields safe non-negative integers, enum
// fields one of the members. It throws one error listing every problem.

const INT_FIELDS = new Set(['本次生育孩次', '子女数']);
const BOOL_FIELDS = new Set([
  '本次生育在本方案实施后', '夫妻至少一方户籍在本县', '生育子女户籍均在本县', '常住本县', '缴存住房公积金',
  '申请租房提取住房公积金', '在县域内新购买商品房', '已网上登记并保存三孩生育证', '有医院出具的三孩出生证明',
  '有户口簿', '全面两孩政策调整前的独生子女家庭', '全面两孩政策调整前的农村计划生育双女家庭',
]);
const HOUSING = ['首套自住住房', '改善型住房', '其他住房'];
const ENTITIES = new Set(['家庭', '婴幼儿', '托育机构', '托育机构备案', '入托幼儿', '母婴照护服务机构', '职工', '培训参加人']);

const isRecord = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Hand-written input check of a household's facts (same checks as the generated _validate for 家庭). */
export function checkHousehold(facts) {
  const problems = [];
  if (!isRecord(facts)) problems.push('事实');
  else {
    for (const en in facts) if (!ENTITIES.has(en)) problems.push('事实.' + en);
    const h = facts.家庭;
    if (h !== undefined) {
      if (!isRecord(h)) problems.push('事实.家庭');
      else {
        for (const k in h) {
          const v = h[k];
          if (BOOL_FIELDS.has(k)) {
            if (typeof v !== 'boolean') problems.push('事实.家庭.' + k);
          } else if (INT_FIELDS.has(k)) {
            if (!(typeof v === 'number' && Number.isSafeInteger(v) && v >= 0)) problems.push('事实.家庭.' + k);
          } else if (k === '购房类型') {
            if (!(typeof v === 'string' && HOUSING.indexOf(v) >= 0)) problems.push('事实.家庭.' + k);
          } else problems.push('事实.家庭.' + k);
        }
      }
    }
  }
  if (problems.length > 0) throw new Error('输入数据有 ' + problems.length + ' 处问题：' + problems.join('、'));
}

/** Hand-written: the input checks, then the three measures. */
export function handwrittenChecked(facts) {
  checkHousehold(facts);
  return handwritten(facts);
}

// ── json-rules-engine encoding ──

/** The three rules for json-rules-engine (facts = the 家庭 record's fields). */
export function jreRules() {
  const t = (fact) => ({ fact, operator: 'equal', value: true });
  return [
    {
      name: '三孩及以上生育补助',
      conditions: { all: [
        { fact: '本次生育孩次', operator: 'greaterThanInclusive', value: 3 },
        t('夫妻至少一方户籍在本县'), t('生育子女户籍均在本县'), t('本次生育在本方案实施后'),
      ] },
      event: { type: '生育补助', params: { 生育补助金额: 1000 } },
    },
    {
      name: '二孩及以上租房提取上浮',
      conditions: { all: [
        { fact: '子女数', operator: 'greaterThanInclusive', value: 2 },
        t('缴存住房公积金'), t('申请租房提取住房公积金'),
      ] },
      event: { type: '公积金租房提取上浮', params: { 租房提取限额上浮比例: 50 } },
    },
    {
      name: '二孩及以上栾川户籍常住家庭购房',
      conditions: { all: [
        { fact: '子女数', operator: 'greaterThanInclusive', value: 2 },
        t('夫妻至少一方户籍在本县'), t('生育子女户籍均在本县'), t('常住本县'), t('在县域内新购买商品房'),
      ] },
      event: { type: '多孩家庭购房优先优惠', params: { 优先享受购房优惠政策: true } },
    },
  ];
}

/** json-rules-engine's run() result → the canonical numbers. */
export function jreCanonical(result) {
  const out = { 生育补助分: 0, 上浮比例ppm: 0, 购房优先: false };
  for (const e of result.events) {
    if (e.type === '生育补助') out.生育补助分 = Math.round(e.params.生育补助金额 * 100);
    else if (e.type === '公积金租房提取上浮') out.上浮比例ppm = e.params.租房提取限额上浮比例 * 10000;
    else if (e.type === '多孩家庭购房优先优惠') out.购房优先 = e.params.优先享受购房优惠政策 === true;
  }
  return out;
}
