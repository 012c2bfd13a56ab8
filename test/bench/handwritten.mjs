/**
 * Hand-written evaluation of three measures of policies/luanchuan (栾政〔2023〕18号) —
 * the "physical limit" baseline of the eval benchmark (test/bench/eval.mjs), and the
 * json-rules-engine encoding of the same three measures (what a JS developer would pick
 * instead). Plain JavaScript (what a hand-written TypeScript function compiles to: the
 * types are erased), no dependencies besides json-rules-engine for `jreRules`.
 *
 * The input is the second encoding's facts (issue 10): 家庭.夫妻 and 家庭.子女 are lists of
 * records; birth order, the residency conditions and "after the plan took effect" are
 * derived, as the policy's 定义 do:
 *
 *   子女的孩次 = 1 + 比他早出生的子女数（同一天出生的按同胎序号）
 *   四（一）生育补助:           夫妻至少一方户籍在栾川县 且 子女户籍均在栾川县 且 可获补助的子女数 ≥ 1
 *                               → 生育补助金额 = 1000 元 × 可获补助的子女数（孩次 ≥ 3 且 出生日期 ≥ 施行日）
 *   四（七）公积金租房提取上浮: 健在子女数 ≥ 2 且 夫妻至少一方缴存公积金 且 申请租房提取住房公积金
 *                               → 租房提取限额上浮比例 50%
 *   四（七）多孩家庭购房优先优惠: 健在子女数 ≥ 2 且 夫妻至少一方户籍在栾川县 且 子女户籍均在栾川县
 *                               且 居住地在栾川县 且 所购为栾川县的商品房 且 购房日期 ≥ 施行日 → 是
 *
 * The 施行日 is known only to lie in 2023; the households never carry a date in 2023 (such a
 * date makes the comparison unknown and the measure 存疑), so "≥ 施行日" is exactly "after
 * 2023-12-31" here. handwritten and handwrittenChecked return the same canonical numbers, so
 * the engines can be compared:
 *   { 生育补助分: 100000 × k | 0, 上浮比例ppm: 500000 | 0, 购房优先: true | false }
 * handwrittenShaped returns instead exactly what evaluateFast(facts, date, [], { 措施: the
 * three }) returns (the decision set), for a like-for-like row.
 * (money in 分, ratio in parts per million). The households always carry every field the
 * three measures read (no missing facts, so no 存疑 paths): two-valued logic is then exactly
 * the policy's three-valued logic.
 */

const LAST_DAY_OF_EFFECTIVE_RANGE = '2023-12-31';

/** The derived facts of one 家庭 record (the policy's definitions, by hand). */
export function derive(h) {
  const kids = h.子女;
  const n = kids.length;
  let allLocal = true;
  let living = 0;
  let eligible = 0;
  for (let i = 0; i < n; i++) {
    const k = kids[i];
    if (k.户籍 !== '栾川县') allLocal = false;
    if (k.健在) living++;
    if (k.出生日期 <= LAST_DAY_OF_EFFECTIVE_RANGE) continue; // born before the plan took effect
    let before = 0;
    for (let j = 0; j < n; j++) {
      const o = kids[j];
      if (o.出生日期 < k.出生日期 || (o.出生日期 === k.出生日期 && o.同胎序号 < k.同胎序号)) before++;
    }
    if (before >= 2) eligible++;
  }
  let spouseLocal = false;
  let fund = false;
  for (const p of h.夫妻) {
    if (p.户籍 === '栾川县') spouseLocal = true;
    if (p.缴存住房公积金 === true) fund = true;
  }
  const newPurchase = h.所购住房为商品房 === true && h.所购住房所在地 === '栾川县' && h.购房日期 > LAST_DAY_OF_EFFECTIVE_RANGE;
  return { spouseLocal, allLocal, living, eligible, fund, resident: h.居住地 === '栾川县', newPurchase };
}

/** The three measures — the physical limit. */
export function handwritten(facts) {
  const h = facts.家庭;
  const d = derive(h);
  return {
    生育补助分: d.spouseLocal && d.allLocal && d.eligible >= 1 ? 100000 * d.eligible : 0,
    上浮比例ppm: d.living >= 2 && d.fund && h.申请租房提取住房公积金 === true ? 500000 : 0,
    购房优先: d.living >= 2 && d.spouseLocal && d.allLocal && d.resident && d.newPurchase,
  };
}

// ── the same three measures, with the input checks the generated evaluator makes ──
// The generated module's validation, for facts = { 家庭: {...} }: facts must be a plain
// object whose keys are declared entities; each record a plain object whose keys are
// declared fields; 是否 fields booleans, 整数 fields safe non-negative integers, enum fields
// one of the members, dates real calendar dates not after the evaluation date, list fields
// arrays of records checked the same way. It throws one error listing every problem.

const EVAL_DATE = '2024-07-15';
const HUKOU = ['栾川县', '县外'];
const SEX = ['男', '女'];
const HOUSING = ['首套自住住房', '改善型住房', '其他住房'];
const CERT = ['独生子女父母光荣证', '农村计划生育双女家庭证明', '其他证件'];
const ENTITIES = new Set(['人', '子女', '计划生育证件', '家庭', '婴幼儿', '托育机构', '入托幼儿', '母婴照护服务机构', '职工', '培训参加人']);
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const isRecord = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isBool = (v) => typeof v === 'boolean';
const isCount = (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isOneOf = (list) => (v) => typeof v === 'string' && list.indexOf(v) >= 0;
function isDate(v) {
  if (typeof v !== 'string') return false;
  const m = ISO.exec(v);
  if (!m) return false;
  const y = +m[1];
  const mo = +m[2];
  const d = +m[3];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (mo === 2 && leap ? 29 : DAYS[mo - 1]) && v <= EVAL_DATE;
}

const SPOUSE = { 户籍: isOneOf(HUKOU), 缴存住房公积金: isBool };
const CHILD = { 出生日期: isDate, 同胎序号: isCount, 户籍: isOneOf(HUKOU), 性别: isOneOf(SEX), 健在: isBool };
const CERTIFICATE = { 证件类别: isOneOf(CERT), 发证日期: isDate };
const FAMILY = {
  居住地: isOneOf(HUKOU), 申请租房提取住房公积金: isBool, 购房类型: isOneOf(HOUSING), 所购住房为商品房: isBool, 所购住房所在地: isOneOf(HUKOU),
  购房日期: isDate, 已网上登记并保存三孩生育证: isBool, 有医院出具的三孩出生证明: isBool, 有户口簿: isBool,
};
const LISTS = { 夫妻: SPOUSE, 子女: CHILD, 计划生育证件: CERTIFICATE };

function checkRecord(rec, fields, path, problems) {
  for (const k in rec) {
    const ok = fields[k];
    if (ok === undefined) problems.push(path + '.' + k);
    else if (!ok(rec[k])) problems.push(path + '.' + k);
  }
}

/** Hand-written input check of a household's facts (same checks as the generated validation for 家庭). */
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
          const elem = LISTS[k];
          if (elem !== undefined) {
            if (!Array.isArray(v)) problems.push('事实.家庭.' + k);
            else for (let i = 0; i < v.length; i++) {
              if (!isRecord(v[i])) problems.push(`事实.家庭.${k}[${i}]`);
              else checkRecord(v[i], elem, `事实.家庭.${k}[${i}]`, problems);
            }
          } else {
            const ok = FAMILY[k];
            if (ok === undefined || !ok(v)) problems.push('事实.家庭.' + k);
          }
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

// ── the same checks AND the same output as evaluateFast(facts, date, [], { 措施: the three }) ──
// handwritten/handwrittenChecked return three numbers; evaluateFast returns a decision set:
// per measure 状态 and 结果 as display values ("1000.00" 元, "50%"), 可领取 for 生育补助 (joined
// with its application condition, 附件2 一), and the assumptions' violations (前提不满足). This
// function does exactly that work by hand, so the like-for-like ratio can be shown beside the
// goal rows (which keep the plain functions above).

/** 附件2 一 生育补助申请条件 (by hand): 已网上登记并保存三孩生育证, the residency conditions, 出生证明 or 户口簿. */
function applicationOk(h, d) {
  return h.已网上登记并保存三孩生育证 === true && d.spouseLocal && d.allLocal && (h.有医院出具的三孩出生证明 === true || h.有户口簿 === true);
}

/** 前提 of the policy (by hand): 子女名单不重复, 同胎序号从1起 (家庭.子女), 夫妻至多两人. */
function violatedAssumptions(h) {
  const kids = h.子女;
  let dup = false;
  let order = true;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i];
    if (k.同胎序号 < 1) order = false;
    for (let j = 0; j < i && !dup; j++) if (kids[j].出生日期 === k.出生日期 && kids[j].同胎序号 === k.同胎序号) dup = true;
  }
  if (!dup && order && h.夫妻.length <= 2) return undefined;
  const out = [];
  if (dup) out.push('子女名单不重复');
  if (!order) out.push('同胎序号从1起');
  if (h.夫妻.length > 2) out.push('夫妻至多两人');
  return out;
}

/** 分 → "元.角分" (as evaluateFast shows money). */
function yuan(fen) {
  const c = fen % 100;
  return String(Math.floor(fen / 100)) + '.' + (c < 10 ? '0' : '') + String(c);
}

/** Hand-written: the input checks, the three measures, and evaluateFast's output for them. */
export function handwrittenShaped(facts) {
  checkHousehold(facts);
  const h = facts.家庭;
  const d = derive(h);
  const grant = d.spouseLocal && d.allLocal && d.eligible >= 1;
  const rent = d.living >= 2 && d.fund && h.申请租房提取住房公积金 === true;
  const house = d.living >= 2 && d.spouseLocal && d.allLocal && d.resident && d.newPurchase;
  const 决定 = [
    { 措施: '生育补助', 状态: grant ? '适用' : '不适用', 结果: grant ? { 生育补助金额: yuan(100000 * d.eligible) } : {}, 可领取: grant && applicationOk(h, d) ? '适用' : '不适用' },
    { 措施: '公积金租房提取上浮', 状态: rent ? '适用' : '不适用', 结果: rent ? { 租房提取限额上浮比例: '50%' } : {} },
    { 措施: '多孩家庭购房优先优惠', 状态: house ? '适用' : '不适用', 结果: house ? { 优先享受购房优惠政策: true } : {} },
  ];
  const violated = violatedAssumptions(h);
  return violated === undefined ? { 评估日期: EVAL_DATE, 决定 } : { 评估日期: EVAL_DATE, 前提不满足: violated, 决定 };
}

// ── json-rules-engine encoding ──
// json-rules-engine has no lists-with-quantifiers in its condition language: the derived
// facts are dynamic facts computed from the 家庭 record (`derive`, memoised per run by the
// almanac), and the rules test them — what a JS developer using it would write.

/** Dynamic facts to register on the engine: [id, fn(params, almanac)]. */
export function jreFacts() {
  const d = (almanac) => almanac.factValue('家庭记录').then(derive);
  return [
    ['可获生育补助的子女数', (_p, a) => d(a).then((x) => x.eligible)],
    ['夫妻至少一方户籍在本县', (_p, a) => d(a).then((x) => x.spouseLocal)],
    ['子女户籍均在本县', (_p, a) => d(a).then((x) => x.allLocal)],
    ['现有子女数', (_p, a) => d(a).then((x) => x.living)],
    ['缴存公积金的职工家庭', (_p, a) => d(a).then((x) => x.fund)],
    ['常住本县', (_p, a) => d(a).then((x) => x.resident)],
    ['在县域内新购买商品房', (_p, a) => d(a).then((x) => x.newPurchase)],
  ];
}

/** The three rules for json-rules-engine (run facts: { 家庭记录: the 家庭 record, 申请租房提取住房公积金 }). */
export function jreRules() {
  const t = (fact) => ({ fact, operator: 'equal', value: true });
  return [
    {
      name: '三孩及以上生育补助',
      conditions: { all: [
        t('夫妻至少一方户籍在本县'), t('子女户籍均在本县'),
        { fact: '可获生育补助的子女数', operator: 'greaterThanInclusive', value: 1 },
      ] },
      event: { type: '生育补助', params: { 每名子女金额: 1000 } },
    },
    {
      name: '二孩及以上租房提取上浮',
      conditions: { all: [
        { fact: '现有子女数', operator: 'greaterThanInclusive', value: 2 },
        t('缴存公积金的职工家庭'), t('申请租房提取住房公积金'),
      ] },
      event: { type: '公积金租房提取上浮', params: { 租房提取限额上浮比例: 50 } },
    },
    {
      name: '二孩及以上栾川户籍常住家庭购房',
      conditions: { all: [
        { fact: '现有子女数', operator: 'greaterThanInclusive', value: 2 },
        t('夫妻至少一方户籍在本县'), t('子女户籍均在本县'), t('常住本县'), t('在县域内新购买商品房'),
      ] },
      event: { type: '多孩家庭购房优先优惠', params: { 优先享受购房优惠政策: true } },
    },
  ];
}

/** The facts object handed to `engine.run` for one household. */
export function jreInput(facts) {
  return { 家庭记录: facts.家庭, 申请租房提取住房公积金: facts.家庭.申请租房提取住房公积金 };
}

/** json-rules-engine's run() result → the canonical numbers (the amount is per eligible child). */
export async function jreCanonical(result) {
  const out = { 生育补助分: 0, 上浮比例ppm: 0, 购房优先: false };
  for (const e of result.events) {
    if (e.type === '生育补助') out.生育补助分 = Math.round(e.params.每名子女金额 * 100) * (await result.almanac.factValue('可获生育补助的子女数'));
    else if (e.type === '公积金租房提取上浮') out.上浮比例ppm = e.params.租房提取限额上浮比例 * 10000;
    else if (e.type === '多孩家庭购房优先优惠') out.购房优先 = e.params.优先享受购房优惠政策 === true;
  }
  return out;
}
