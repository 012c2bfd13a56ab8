/**
 * Synthetic corpora for the benchmarks (plain ESM, no build step, importable by any
 * benchmark section).
 *
 *   generatePolicyCorpus(dir, lines, { seed }) — a deterministic, VALID ZhengCe policy
 *     (zero diagnostics from `zhengce check`) of exactly `lines` lines of .zc text:
 *       政策.zc    the 政策 header (来源 → source.txt, 失效, 解释机关), 机构, 参数, and an
 *                  导入 of every chapter file;
 *       类型.zc    枚举 and 实体 declarations (every field type: 是否 整数 数量 金额 日期
 *                  文本 比例 时长（…） 年龄（…） 列表（…）, enums, entity-typed fields);
 *       参数.yaml  the parameters (confirmed, so no ZC0703 warning);
 *       章NNN.zc   chapters: nested and flat 条款 numbering, 措施 with 结果/规则/例外于/
 *                  有效期/存疑, 定性, 指标, 性质 — conditions use every comparison form
 *                  (≥ ≤ > < = ≠ >= <= != ==, 为/不为/等于/不等于, 在…以上, …及以上, 以下,
 *                  及以下, 以内, 以外, 届满, 不满, 超过, ranges a—b / a至b / …之间,
 *                  属于 / 不属于 {…}), logic 且/并且/或/或者/非, arithmetic + - × ÷ * /,
 *                  the built-ins 周岁/月龄/天数/评估日期 and every unit word;
 *       source.txt the official text: every 原文 string occurs in it exactly once.
 *     Returns a summary ({ dir, files, zcFiles, lines, sourceLines, measures, rules, quotes }).
 *
 *   generateSingleFilePolicy(dir, lines, { seed }) — the same kind of policy as ONE .zc file of
 *     exactly `lines` lines (header, types and chapters joined, 导入 lines dropped), with its
 *     source.txt and 参数.yaml. Returns { dir, path, lines, fromFiles }.
 *
 *   generateTsFile(path, lines, { seed }) — a TypeScript file of exactly `lines` lines and
 *     comparable shape (interfaces, union types, functions with conditionals, constants)
 *     that type-checks cleanly under `strict`. Returns { path, lines }.
 *
 * Names are built from a syllable table that contains no numeral character and no
 * first character of an operator word, so every unquoted name is a single Name token;
 * names with digits are written 「…」.
 * INVARIANT: same (lines, seed) → byte-identical output.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { formatChineseNumeral } from '../../dist/compiler/common/numerals.js';

// ── deterministic PRNG ───────────────────────────────────────────────
/** mulberry32: small, fast, good enough for synthetic data. */
export function makeRng(seed = 20240301) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (a, b) => a + Math.floor(next() * (b - a + 1));
  const pick = (arr) => arr[Math.floor(next() * arr.length)];
  const chance = (p) => next() < p;
  const shuffle = (arr) => {
    const a = [...arr];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };
  return { next, int, pick, chance, shuffle };
}

// ── Chinese numerals: the compiler's own canonical form (run `npx tsc -p .` first) ──
/** Canonical Chinese numeral for 1..9999 (十二, 一百一十, 一千零五十). */
export function cnNum(n) {
  if (!Number.isInteger(n) || n < 1 || n > 9999) throw new RangeError(`cnNum: ${n}`);
  return formatChineseNumeral(BigInt(n));
}

// ── names ────────────────────────────────────────────────────────────
/** Safe name syllables: no numeral characters, no first character of an operator word. */
const SYL = [...'安康惠民福乐善育幼助学业兴农商工医养老护青春华新宁和泰丰源瑞祥昌盛嘉信德仁礼智文明清润泽林山川河湖海云霞星辰光晖晨阳禾苗稻麦桑梅兰竹菊松柏'];
// Characters that may not appear in an unquoted name (numerals, and the first characters
// of operator words 并且 且 或者 或 非 以上 及以上 以下 以内 以外 届满 不满 超过 之间 属于
// 不属于 等于 为 不等于 不为 至). Used as a self-check on every generated name.
const FORBIDDEN = /[零〇一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟点0-9０-９并且或非以及届不超之属等为至]/u;
const K = SYL.length;
const K3 = K * K * K;
// P is coprime to K³ (K = 70 = 2·5·7), so i → i·P mod K³ is a bijection: unique, scrambled.
const P = 104729 % K3 === 0 ? 1 : 104729;

/** Unique three-syllable prefix for index i (i < K³). */
function enc(i) {
  const v = (i * P + 12345) % K3;
  return SYL[v % K] + SYL[Math.floor(v / K) % K] + SYL[Math.floor(v / (K * K)) % K];
}

function checkName(n) {
  if (FORBIDDEN.test(n)) throw new Error(`corpus generator bug: unquoted name “${n}” contains a numeral or operator character`);
  return n;
}

// ── the type file ────────────────────────────────────────────────────
const ENUMS = {
  性别: ['男', '女'],
  户籍类型: ['城镇', '农村'],
  残疾等级: ['重度', '中度', '轻度'],
  就业状态: ['在岗', '失业', '退休', '灵活就业'],
  学段: ['学前', '小学', '初中', '高中', '中职'],
  企业类型: ['小微企业', '中型企业', '大型企业'],
  护理等级: ['「一级护理」', '「二级护理」', '「三级护理」'],
};

const ENTITIES = {
  居民: [
    ['性别', '性别', '法定性别'],
    ['出生日期', '日期', '居民身份证记载的出生日期'],
    ['当前年龄', '年龄（周岁）'],
    ['户籍在本县', '是否'],
    ['户籍类型', '户籍类型'],
    ['残疾等级', '残疾等级'],
    ['就业状态', '就业状态'],
    ['缴费月数', '时长（个月）', '城乡居民养老保险累计缴费月数'],
    ['工龄', '时长（年）'],
    ['月工资', '金额', '上年度月平均工资'],
    ['残疾比例', '比例'],
    ['子女', '列表（婴幼儿）'],
    ['居住地', '文本'],
  ],
  家庭: [
    ['子女数', '整数', '家庭现有子女人数（含本次生育）'],
    ['「夫妻至少一方户籍在本县」', '是否'],
    ['户籍类型', '户籍类型'],
    ['月收入', '金额', '家庭月总收入'],
    ['家庭人口', '数量'],
    ['低保户', '是否'],
    ['户主', '居民'],
    ['登记日期', '日期'],
    ['居住年限', '时长（年）'],
    ['所在镇', '文本'],
    ['成员', '列表（居民）'],
  ],
  婴幼儿: [
    ['出生日期', '日期'],
    ['户籍在本县', '是否'],
    ['入托机构已备案', '是否'],
    ['月龄', '年龄（月龄）'],
    ['入托天数', '时长（天）'],
    ['监护人', '居民'],
  ],
  女职工: [
    ['性别', '性别'],
    ['生育孩次', '整数'],
    ['产假已休天数', '时长（天）'],
    ['出生日期', '日期'],
    ['所在企业', '企业'],
  ],
  企业: [
    ['员工人数', '数量'],
    ['新增就业人数', '整数'],
    ['年营业收入', '金额'],
    ['成立日期', '日期'],
    ['企业类型', '企业类型'],
    ['吸纳比例', '比例'],
    ['周工时', '时长（小时）'],
    ['培训周数', '时长（周）'],
    ['审批用时', '时长（工作日）'],
    ['所在层级', '层级'],
  ],
  学生: [
    ['学段', '学段'],
    ['在校', '是否'],
    ['出生日期', '日期'],
    ['家庭', '家庭'],
    ['缺勤天数', '时长（日）'],
  ],
  老人: [
    ['出生日期', '日期'],
    ['独居', '是否'],
    ['护理等级', '护理等级'],
    ['当前年龄', '年龄（周岁）'],
    ['户籍在本县', '是否'],
  ],
};

function typeFile() {
  const L = ['# 合成基准语料：枚举与实体（自动生成，勿手工编辑）', ''];
  for (const [name, members] of Object.entries(ENUMS)) L.push(`枚举 ${name} { ${members.join('、')} }`);
  L.push('');
  for (const [name, fields] of Object.entries(ENTITIES)) {
    L.push(`实体 ${name} {`);
    for (const [f, t, doc] of fields) L.push(`  ${f}：${t}${doc ? ` "${doc}"` : ''}`);
    L.push('}', '');
  }
  return L;
}

// ── conditions: atoms per subject entity ─────────────────────────────
// Each atom is (path, rng, lit) → condition text. `path` is how the subject is reached
// (the entity name). Atoms are taken round-robin so that every form is used.
const money = (rng, lo, hi, step = 100) => rng.int(lo / step, hi / step) * step;

/** Money literal in one of the written forms: 3000元, 1.5万元, 三千元, 一千零五十元. */
function moneyLit(rng, n) {
  const form = rng.int(0, 3);
  if (form === 1 && n % 1000 === 0 && n >= 10000) return `${n / 10000}万元`;
  if (form === 2 && n <= 9999) return `${cnNum(n)}元`;
  return `${n}元`;
}

const ATOMS = {
  居民: [
    (p) => `${p}.户籍在本县`,
    (p) => `${p}.户籍在本县 为 是`,
    (p) => `${p}.性别 为 女`,
    (p) => `${p}.性别 不为 男`,
    (p) => `${p}.户籍类型 属于 {城镇、农村}`,
    (p) => `${p}.残疾等级 不属于 {轻度}`,
    (p) => `${p}.就业状态 = 失业`,
    (p) => `${p}.就业状态 ≠ 退休`,
    (p, r) => `周岁（${p}.出生日期） 届满 ${r.int(16, 60)}周岁`,
    (p, r) => `周岁（${p}.出生日期） 不满 ${r.int(60, 70)}周岁`,
    (p, r) => `${p}.当前年龄 ${r.int(16, 30)}—${r.int(45, 65)}周岁`,
    (p, r) => `${p}.当前年龄 在 ${r.int(18, 60)}岁以上`,
    (p, r) => `${p}.缴费月数 ≥ ${r.int(6, 180)}个月`,
    (p) => `${p}.缴费月数 十二个月及以上`,
    (p, r) => `${p}.工龄 超过 ${r.int(1, 30)}年`,
    (p, r) => `${p}.工龄 ${r.int(1, 10)}年以内`,
    (p, r) => `${p}.月工资 < ${moneyLit(r, money(r, 1500, 9000))}`,
    (p, r) => `${p}.月工资 ≤ ${r.int(10, 30) / 10}万元`,
    (p) => `${p}.月工资 不满 三千元`,
    (p, r) => `${p}.残疾比例 ≥ ${r.int(10, 80)}%`,
    (p, r) => `${p}.残疾比例 > ${r.int(10, 80)}％`,
    (p, r) => `${p}.居住地 为 "${r.pick(['城关镇', '新安镇', '河西乡', '东湖街道'])}"`,
    (p, r) => `${p}.出生日期 < ${r.int(1990, 2010)}年1月1日`,
    (p, r) => `${p}.出生日期 ${r.int(1950, 1960)}-01-01—${r.int(1970, 1980)}-12-31`,
    (p, r) => `${p}.出生日期 ≥ ${r.int(1940, 1960)}年10月1日`,
  ],
  家庭: [
    (p) => `${p}.子女数 二孩及以上`,
    (p) => `${p}.子女数 ≥ 3孩`,
    (p) => `${p}.子女数 在 2 以上`,
    (p) => `${p}.子女数 3以上`,
    (p) => `${p}.子女数 不满 3`,
    (p) => `${p}.子女数 = 1`,
    (p) => `${p}.子女数 == 2`,
    (p) => `${p}.子女数 != 0`,
    (p) => `${p}.子女数 等于 2`,
    (p) => `${p}.子女数 不等于 1`,
    (p) => `${p}.「夫妻至少一方户籍在本县」`,
    (p) => `${p}.户籍类型 为 农村`,
    (p, r) => `${p}.月收入 ÷ ${p}.家庭人口 < ${moneyLit(r, money(r, 800, 3000))}`,
    (p) => `${p}.月收入 <= 1.5万元`,
    (p, r) => `${p}.月收入 >= ${money(r, 1000, 5000)}元`,
    (p, r) => `${p}.家庭人口 ${r.int(3, 5)}人以上`,
    (p, r) => `${p}.家庭人口 ${r.int(2, 3)}—${r.int(5, 8)}人`,
    (p) => `（${p}.低保户 或者 ${p}.户主.残疾等级 为 重度）`,
    (p) => `${p}.户主.户籍在本县`,
    (p) => `周岁（${p}.户主.出生日期） 超过 60周岁`,
    (p) => `${p}.登记日期 ≤ 评估日期`,
    (p, r) => `天数（${p}.登记日期, 评估日期） 超过 ${r.int(30, 720)}天`,
    (p, r) => `${p}.居住年限 届满 ${r.int(1, 10)}年`,
    (p) => `${p}.所在镇 ≠ "城关镇"`,
    (p) => `${p}.子女数 + 1 > 2`,
    (p) => `${p}.子女数 五及以下`,
  ],
  婴幼儿: [
    (p) => `月龄（${p}.出生日期） 6—36月龄`,
    (p, r) => `月龄（${p}.出生日期） 在 ${r.int(12, 36)}月龄以下`,
    (p, r) => `月龄（${p}.出生日期） ≥ ${r.int(1, 3)}周岁`,
    (p) => `${p}.月龄 < 36月龄`,
    (p) => `${p}.月龄 6至24月龄之间`,
    (p) => `${p}.户籍在本县`,
    (p) => `${p}.入托机构已备案`,
    (p, r) => `${p}.入托天数 ≥ ${r.int(20, 120)}天`,
    (p, r) => `${p}.入托天数 超过 ${r.int(10, 60)}日`,
    (p) => `${p}.监护人.就业状态 属于 {在岗、灵活就业}`,
    (p, r) => `${p}.出生日期 ≥ ${r.int(2021, 2024)}年1月1日`,
    (p) => `非 ${p}.监护人.户籍类型 为 城镇`,
  ],
  女职工: [
    (p) => `${p}.生育孩次 为 3`,
    (p) => `${p}.生育孩次 ≥ 2`,
    (p) => `${p}.生育孩次 三孩及以上`,
    (p) => `${p}.性别 = 女`,
    (p, r) => `${p}.产假已休天数 < ${r.int(30, 158)}天`,
    (p, r) => `${p}.产假已休天数 ${r.int(60, 180)}天以下`,
    (p) => `${p}.所在企业.企业类型 为 小微企业`,
    (p, r) => `周岁（${p}.出生日期） 不满 ${r.int(35, 50)}周岁`,
  ],
  企业: [
    (p, r) => `${p}.员工人数 ≥ ${r.int(5, 100)}人`,
    (p, r) => `${p}.员工人数 ${r.int(20, 300)}名以下`,
    (p, r) => `${p}.新增就业人数 超过 ${r.int(1, 50)}`,
    (p) => `${p}.新增就业人数 × 2 > ${p}.员工人数`,
    (p, r) => `${p}.年营业收入 < ${r.int(100, 3000)}万元`,
    (p, r) => `${p}.年营业收入 ${r.int(50, 200)}—${r.int(500, 2000)}万元`,
    (p, r) => `${p}.成立日期 ≥ ${r.int(2015, 2023)}-01-01`,
    (p, r) => `天数（${p}.成立日期, 评估日期） 不满 ${r.int(365, 1825)}天`,
    (p) => `${p}.企业类型 属于 {小微企业、中型企业}`,
    (p, r) => `${p}.吸纳比例 ≥ ${r.int(5, 50)}%`,
    (p, r) => `${p}.吸纳比例 < ${r.int(100, 900)}‰`,
    (p, r) => `${p}.周工时 ${r.int(40, 48)}小时以内`,
    (p, r) => `${p}.周工时 ≤ ${r.int(36, 44)}小时`,
    (p, r) => `${p}.培训周数 届满 ${r.int(2, 12)}周`,
    (p, r) => `${p}.审批用时 ≤ ${r.int(5, 20)}个工作日`,
    (p, r) => `${p}.审批用时 超过 ${r.int(3, 10)}工作日`,
    (p) => `${p}.所在层级 为 县`,
    (p, r) => `${p}.员工人数 ${r.int(5, 20)}人以外`,
    (p, r) => `${p}.员工人数 * 3 / 2 >= ${r.int(10, 60)}`,
    (p, r) => `${p}.新增就业人数 - 1 <= ${r.int(10, 60)}`,
  ],
  学生: [
    (p) => `${p}.学段 属于 {小学、初中}`,
    (p) => `${p}.学段 为 高中`,
    (p) => `${p}.在校`,
    (p) => `${p}.家庭.低保户`,
    (p) => `${p}.家庭.户籍类型 为 农村`,
    (p) => `周岁（${p}.出生日期） 6—18周岁`,
    (p, r) => `${p}.缺勤天数 不满 ${r.int(10, 60)}日`,
    (p) => `${p}.家庭.子女数 三及以上`,
    (p) => `${p}.学段 不等于 学前`,
  ],
  老人: [
    (p, r) => `${p}.当前年龄 ≥ ${r.int(60, 90)}周岁`,
    (p, r) => `周岁（${p}.出生日期） 届满 ${cnNum(r.int(60, 90))}周岁`,
    (p) => `${p}.独居`,
    (p) => `${p}.护理等级 为 「一级护理」`,
    (p) => `${p}.护理等级 属于 {「一级护理」、「二级护理」}`,
    (p) => `${p}.户籍在本县 且 非 ${p}.独居`,
    (p) => `${p}.当前年龄 八十周岁以上`,
  ],
};

// ── measure shapes ───────────────────────────────────────────────────
/** Subject entity → plausible topics, name suffixes, outcome kinds. */
const SUBJECTS = {
  家庭: { topics: ['育儿', '生育', '住房', '助困', '养育'], label: '家庭', outcomes: ['money', 'money', 'bool', 'months'] },
  婴幼儿: { topics: ['托育', '入托', '保育', '早教'], label: '婴幼儿', outcomes: ['money', 'money', 'days'] },
  女职工: { topics: ['产假', '护理假', '哺乳', '育儿假'], label: '女职工', outcomes: ['days', 'days', 'money'] },
  企业: { topics: ['吸纳就业', '稳岗', '创业', '培训'], label: '企业', outcomes: ['money', 'count', 'hours', 'ratio'] },
  居民: { topics: ['就业', '养老', '医疗', '康复'], label: '居民', outcomes: ['money', 'ratio', 'money', 'bool'] },
  学生: { topics: ['助学', '营养餐', '交通', '寄宿'], label: '学生', outcomes: ['money', 'money', 'bool'] },
  老人: { topics: ['高龄', '护理', '助餐', '居家养老'], label: '老年人', outcomes: ['money', 'money', 'hours'] },
};
/** Measure-name suffix by outcome kind. */
const SUFFIX = {
  money: ['补贴', '补助', '奖励', '津贴', '奖补', '资助'],
  days: ['假期', '休假'],
  bool: ['资格', '认定'],
  months: ['保障', '期限补贴'],
  count: ['名额', '岗位'],
  hours: ['服务', '培训'],
  ratio: ['报销', '报销比例'],
};
const SUBJECT_NAMES = Object.keys(SUBJECTS);

const ORGS = [
  ['县卫健委', '示例县卫生健康委员会', ['卫健委']],
  ['县财政局', '示例县财政局', []],
  ['县人社局', '示例县人力资源和社会保障局', ['人社局']],
  ['县教育局', '示例县教育局', []],
  ['县民政局', '示例县民政局', []],
  ['县医保局', '示例县医疗保障局', ['医保局']],
  ['县住建局', '示例县住房和城乡建设局', []],
  ['县农业农村局', '示例县农业农村局', []],
  ['县市场监管局', '示例县市场监督管理局', []],
  ['县残联', '示例县残疾人联合会', []],
  ['县总工会', '示例县总工会', []],
  ['县妇联', '示例县妇女联合会', []],
];
const ORG_NAMES = ORGS.map((o) => o[0]);

const PARAMS = [
  ['法定产假天数', '时长（天）', '天', '158', '2021-12-01'],
  ['最低工资标准', '金额', '元', '1900', '2022-01-01'],
  ['托育补贴基数', '金额', '元', '300', '2023-01-01'],
  ['护理假天数', '时长（天）', '天', '30', '2021-12-01'],
];

/** Outcome declarations and value generators by kind. */
const OUTCOMES = {
  money: {
    names: ['补贴金额', '补助金额', '奖励金额', '发放金额'],
    type: () => '金额',
    periods: ['一次性', '按月', '按年', '每学期', '每月', '每年'],
    value: (r, subj, ind) => {
      const f = r.int(0, 7);
      if (f === 0 && subj === '家庭') return `家庭.子女数 × ${money(r, 100, 1000)}元`;
      if (f === 1 && subj === '居民') return `居民.月工资 × ${r.int(5, 30)}%`;
      if (f === 2 && ind) return `${ind} ÷ ${r.int(2, 5)}`;
      if (f === 3) return `托育补贴基数 + ${money(r, 100, 900)}元`;
      if (f === 4 && ind) return `${ind} - ${money(r, 100, 500)}元`;
      return moneyLit(r, money(r, 200, 20000));
    },
  },
  days: {
    names: ['假期天数', '延长天数', '补贴天数'],
    type: () => '时长（天）',
    periods: [''],
    value: (r) => r.pick([`法定产假天数 + ${r.int(10, 90)}天`, `${r.int(5, 60)}天`, `护理假天数`, `${r.int(5, 30)}日`, `${cnNum(r.int(11, 99))}天`]),
  },
  bool: { names: ['享受资格', '纳入保障'], type: () => '是否', periods: [''], value: () => '是' },
  months: { names: ['补贴期限', '保障期限'], type: () => '时长（个月）', periods: [''], value: (r) => r.pick([`${r.int(3, 36)}个月`, `${r.int(3, 12)}月`]) },
  count: { names: ['名额', '奖励人数'], type: () => '整数', periods: ['', '按年'], value: (r, subj) => (subj === '企业' && r.chance(0.5) ? '企业.新增就业人数 × 2' : `${r.int(1, 50)}${r.pick(['', '人', '名', '个'])}`) },
  hours: { names: ['服务时长', '培训时长'], type: () => '时长（小时）', periods: ['每周', '按月', '每天'], value: (r) => `${r.int(2, 40)}小时` },
  ratio: { names: ['报销比例', '补贴比例'], type: () => '比例', periods: [''], value: (r) => r.pick([`${r.int(30, 90)}%`, `${r.int(30, 90)}％`, `${r.int(300, 900)}‰`]) },
};

const RULE_NAMES = ['基础标准', '提高标准', '特殊困难', '「三孩加发」', '兜底保障', '叠加奖励', '「2024年过渡」', '困难家庭', '重度残疾', '偏远地区', '首次申领', '续期申领'];

// ── generator ────────────────────────────────────────────────────────
/**
 * Write a synthetic valid policy corpus of exactly `lines` .zc lines into `dir`.
 * @param {string} dir
 * @param {number} lines  total lines of .zc text (≥ 1000)
 * @param {{ seed?: number }} [opts]
 */
export function generatePolicyCorpus(dir, lines, opts = {}) {
  if (!(lines >= 1000)) throw new RangeError('generatePolicyCorpus: lines must be ≥ 1000');
  const rng = makeRng(opts.seed ?? 20240301);
  mkdirSync(dir, { recursive: true });

  const source = [];
  const quote = (s) => {
    source.push(s);
    return s;
  };
  let quoteCount = 0;
  const q = (s) => {
    quoteCount++;
    return `"${s}"`;
  };

  const title = '示例县生育养育与就业支持办法（合成基准语料）';
  quote(title);
  quote('示政〔2024〕7号');
  quote('各乡镇人民政府，县直各单位：现将本办法印发给你们，请认真贯彻执行。');

  const types = typeFile();
  const header0 = [
    '# 合成基准语料：政策头部（自动生成，勿手工编辑）',
    '导入 "类型.zc"',
  ];
  const headerBody = [
    '',
    `政策 「${title}」 {`,
    '  文号："示政〔2024〕7号"',
    '  发文机关："示例县人民政府"',
    `  标题："${title}"`,
    '  依据："中发〔2021〕30号"、"豫政〔2022〕15号"',
    '  来源："source.txt"',
    '  生效：2024年3月1日',
    '  成文日期：2024-02-01',
    '  说明："自印发之日起施行"',
    '  失效 {',
    '    条件：事件.级别 属于 {国家、省、市} 并且 事件.类别 为 "生育支持政策" 或者 事件.日期 ≥ 2028年12月31日',
    '    起算：次日',
    '  }',
    '  解释机关：县卫健委',
    '}',
    '',
  ];
  for (const [name, full, aliases] of ORGS) {
    if (aliases.length) headerBody.push(`机构 ${name} { 全称："${full}" 别名：${aliases.join('、')} }`);
    else if (rng.chance(0.5)) headerBody.push(`机构 ${name} { 全称："${full}" }`);
    else headerBody.push(`机构 ${name}`);
  }
  headerBody.push('');
  for (const [name, type] of PARAMS) headerBody.push(`参数 ${name}：${type} 来自 "参数.yaml"`);
  headerBody.push('');
  const yaml = [];
  for (const [name, , unit, value, from] of PARAMS) {
    yaml.push(`${name}:`, `  单位: ${unit}`, '  值:', `    - 起: ${from}`, `      值: ${value}`, '      来源: "合成基准语料"', '      已确认: true');
  }

  // Budget: header (imports are added per chapter) + types + chapters = lines.
  const fixed = header0.length + headerBody.length + types.length;
  const chapters = [];
  let used = fixed;
  const CHAPTER_TARGET = 480; // lines per chapter file, roughly
  const firstOutcome = new Map(); // measure name → its first outcome (for 性质)
  let measureIx = 0;
  let indicatorIx = 0;
  let ruleCount = 0;
  let measureCount = 0;
  const rr = new Map(SUBJECT_NAMES.map((s) => [s, 0])); // round-robin atom pointer per subject
  const atom = (subj, path) => {
    const list = ATOMS[subj];
    const i = rr.get(subj);
    rr.set(subj, i + 1);
    return list[i % list.length](path, rng);
  };
  const condition = (subj) => {
    const n = rng.int(1, 3);
    const parts = [];
    for (let i = 0; i < n; i++) parts.push(atom(subj, subj));
    const f = rng.int(0, 9);
    if (n >= 2 && f === 0) return `（${parts[0]} 或 ${parts[1]}）${n > 2 ? ` 且 ${parts[2]}` : ''}`;
    if (n >= 2 && f === 1) return `${parts[0]} 或者 ${parts[1]}${n > 2 ? ` 并且 ${parts[2]}` : ''}`;
    if (n >= 2 && f === 2) return `非 （${parts[0]}） 且 ${parts.slice(1).join(' 且 ')}`;
    const sep = f < 6 ? ' 且 ' : ' 并且 ';
    return parts.join(sep);
  };

  for (let k = 1; k <= 999; k++) {
    const remaining = lines - used - 1; // one 导入 line in the header per chapter
    if (remaining < 60) break;
    const target = Math.min(remaining, remaining < CHAPTER_TARGET * 1.5 ? remaining : CHAPTER_TARGET + rng.int(-80, 80));
    const sec = cnNum(k);
    const chTopic = rng.pick(['生育支持', '托育服务', '就业促进', '养老服务', '教育资助', '医疗保障', '住房保障', '社会救助']);
    const chTitle = `${enc(100000 + k)}${chTopic}`;
    checkName(enc(100000 + k));
    const flat = k % 2 === 0;
    const L = [`# 第${k}章：${chTitle}（自动生成，勿手工编辑）`, '导入 "类型.zc"', ''];
    L.push(`条款 ${sec}、 "${chTitle}" {`);
    L.push(`  原文：${q(quote(`${sec}、${chTitle}`))}`);
    const intro = `为做好${chTitle}工作，结合本县实际，制定本章措施。`;
    quote(intro);
    L.push('  定性 {', `    原文：${q(intro)}`, '    类别：背景', '    理由："说明本章目的，不产生可计算的权益"', '  }');
    const ind = `${enc(200000 + k)}补贴上限`;
    const indDays = `${enc(200000 + k)}假期上限`;
    checkName(ind);
    const indText = `${chTitle}各项补贴合计不超过${cnNum(rng.int(2, 9))}万元。`;
    quote(indText);
    const a = money(rng, 2000, 9000);
    L.push(`  指标 ${ind}：金额 = ${a}元 + ${money(rng, 100, 900)}元 × ${rng.int(6, 36)} {`, `    说明："本章单户可得补贴的上限"`, `    日期：2024年3月1日`, `    原文：${q(indText)}`, '  }');
    L.push(`  指标 ${indDays}：时长（天） = ${rng.int(90, 180)}天 + ${rng.int(10, 90)}天`);
    if (flat) L.push('}', '');
    const indent = flat ? '' : '  ';
    let sub = 0;
    const measureNames = [];
    // leave room for the closing property / brace lines
    for (;;) {
      sub++;
      const before = { quoteCount, measureCount, ruleCount };
      const subj = SUBJECT_NAMES[(measureIx + k) % SUBJECT_NAMES.length];
      const S = SUBJECTS[subj];
      const kind = rng.chance(0.05) ? 'none' : rng.pick(S.outcomes);
      const M = checkName(`${enc(measureIx++)}${rng.pick(S.topics)}${kind === 'none' ? '服务' : rng.pick(SUFFIX[kind])}`);
      const subCn = cnNum(sub);
      const num = flat ? `${sec}（${subCn}）` : `（${subCn}）`;
      const block = [];
      const nested = !flat && sub % 5 === 0; // sometimes one more level: 1. / （1）
      block.push(`条款 ${num} "${M}" {`);
      let inner = '  ';
      if (nested) {
        block.push(`  条款 1. "${M}申领条件" {`);
        inner = '    ';
      }
      const m = measure(M, kind, subj, S, subCn, ind);
      for (const l of m) block.push(inner + l);
      if (nested) block.push('  }');
      if (sub % 7 === 0) {
        // a doubt at clause level about the chapter wording
        const dq = `${M}的具体申领程序另行制定。`;
        quote(dq);
        block.push(`  存疑 ${M}程序 {`, `    原文：${q(dq)}`, '    解读 另行制定："本章不规定申领程序"', '    解读 参照执行："参照上级现行程序执行"', '    采用：参照执行', '    理由："上级已有统一程序"', '  }');
      }
      block.push('}');
      if (L.length + block.length + 6 > target) {
        // does not fit: drop it (its sentences stay in source.txt as unquoted text)
        ({ quoteCount, measureCount, ruleCount } = before);
        firstOutcome.delete(M);
        break;
      }
      measureNames.push(M);
      for (const l of block) L.push(indent + l);
    }
    // a 性质 over this chapter's first measure
    const M0 = measureNames[0];
    const oc = firstOutcome.get(M0);
    if (oc) {
      L.push(`${indent}性质 「${M0}非负」 {`);
      if (oc.kind === 'money') L.push(`${indent}  断言：${M0}.${oc.name} ≥ 0元`);
      else if (oc.kind === 'days') L.push(`${indent}  断言：${M0}.${oc.name} ≥ 0天`);
      else if (oc.kind === 'bool') L.push(`${indent}  断言：${M0}.${oc.name} 或 非 ${M0}.${oc.name}`);
      else if (oc.kind === 'months') L.push(`${indent}  断言：${M0}.${oc.name} ≥ 0个月`);
      else if (oc.kind === 'hours') L.push(`${indent}  断言：${M0}.${oc.name} ≥ 0小时`);
      else if (oc.kind === 'ratio') L.push(`${indent}  断言：${M0}.${oc.name} ≤ 100%`);
      else L.push(`${indent}  断言：${M0}.${oc.name} ≥ 0`);
      L.push(`${indent}  说明："结果不为负"`, `${indent}}`);
    }
    if (!flat) L.push('}');
    const chapterLines = L.length;
    chapters.push({ name: `章${String(k).padStart(3, '0')}.zc`, lines: L });
    used += chapterLines + 1;
  }

  // The measure generator (closure over rng/quote).
  function measure(M, kind, subj, S, subCn, ind) {
    measureCount++;
    const out = [];
    const lead = rng.pick(ORG_NAMES);
    const resp = rng.shuffle(ORG_NAMES.filter((o) => o !== lead)).slice(0, rng.int(0, 2));
    if (kind === 'none') {
      const s1 = `（${subCn}）${M}。由${lead}牵头，做好${S.label}${rng.pick(S.topics)}服务保障工作。`;
      quote(s1);
      out.push(`措施 ${M} {`, `  原文：${q(s1)}`, `  牵头单位：${lead}`);
      if (resp.length) out.push(`  责任单位：${resp.join('、')}`);
      out.push('  类别：服务', '  理由："原文只规定工作职责，没有可计算的权益"', '}');
      return out;
    }
    const O = OUTCOMES[kind];
    const oname = rng.pick(O.names);
    const period = rng.pick(O.periods);
    firstOutcome.set(M, { name: oname, kind });
    const base = O.value(rng, subj, ind);
    const s1 = `（${subCn}）${M}。对符合条件的${S.label}，${period || '依规'}给予${base.replace(/[ ]/g, '')}${M}。`;
    quote(s1);
    const nRules = rng.int(1, 4);
    const ruleSentences = [];
    const ruleNames = rng.shuffle(RULE_NAMES).slice(0, nRules);
    for (let i = 1; i < nRules; i++) {
      const s = `${M}${ruleNames[i].replace(/[「」]/g, '')}情形按第${i + 1}档标准执行。`;
      ruleSentences.push(s);
      quote(s);
    }
    out.push(`措施 ${M} {`);
    out.push(`  原文：${[s1, ...ruleSentences.slice(0, 1)].map(q).join(', ')}`);
    out.push(`  牵头单位：${lead}`);
    if (resp.length) out.push(`  责任单位：${resp.join('、')}`);
    out.push(`  对象：${subj}`);
    if (rng.chance(0.3)) out.push(`  说明："${S.label}${rng.pick(S.topics)}政策"`);
    out.push(`  结果 ${oname}：${O.type()}${period ? ' ' + period : ''}${rng.chance(0.2) ? ' 必须' : ''}`);
    let second;
    if (kind === 'money' && subj === '女职工') second = { name: '假期天数', O: OUTCOMES.days };
    else if (kind === 'money' && rng.chance(0.25)) second = { name: '补贴期限', O: OUTCOMES.months };
    if (second) out.push(`  结果 ${second.name}：${second.O.type()}`);
    for (let i = 0; i < nRules; i++) {
      ruleCount++;
      const rn = ruleNames[i];
      let head = `  规则 ${rn}`;
      if (i === 1) head += ` 例外于 ${ruleNames[0]}`;
      else if (i >= 2) head += rng.chance(0.5) ? ` 例外于 ${ruleNames[i - 1]}` : ` 例外于 ${ruleNames[0]}、${ruleNames[i - 1]}`;
      out.push(`${head} {`);
      const c = condition(subj);
      if (rng.chance(0.15) && c.includes(' 且 ')) {
        const [first, ...rest] = c.split(' 且 ');
        out.push(`    条件：${first}`);
        out.push(`      且 ${rest.join(' 且 ')}`);
      } else out.push(`    条件：${c}`);
      const v = i === 0 ? base : O.value(rng, subj, ind);
      out.push(`    ${oname} ${rng.chance(0.1) ? '为' : '='} ${v}`);
      if (second) out.push(`    ${second.name} = ${second.O.value(rng, subj, ind)}`);
      if (rng.chance(0.2)) {
        const y = rng.int(2024, 2025);
        out.push(rng.chance(0.5) ? `    有效期：${y}年3月1日 至 ${y + 2}年12月31日` : `    有效期：${y}-03-01 至 ${y + 1}-12-31`);
      }
      if (i > 0) out.push(`    原文：${q(ruleSentences[i - 1])}`);
      if (rng.chance(0.2)) out.push(`    说明："按${ruleNames[i].replace(/[「」]/g, '')}执行"`);
      out.push('  }');
    }
    if (rng.chance(0.15)) {
      // a doubt about part of the measure sentence (the part that ends with the name)
      const dq = `给予${base.replace(/[ ]/g, '')}${M}`;
      out.push(`  存疑 ${M}口径 {`, `    原文：${q(dq)}`, '    解读 仅本人："只计本人"', '    解读 含家庭成员："家庭成员也计入"', '    采用：仅本人', '    理由："原文以个人为对象"', '  }');
    }
    out.push('}');
    return out;
  }

  // Assemble files; pad to the exact line count with comment lines in the last chapter.
  const header = [...header0];
  for (const ch of chapters) header.push(`导入 "${ch.name}"`);
  header.push(...headerBody);
  let total = header.length + types.length + chapters.reduce((s, c) => s + c.lines.length, 0);
  const last = chapters[chapters.length - 1];
  while (total < lines) {
    last.lines.push(`# 补足行数 ${total + 1}`);
    total++;
  }
  if (total !== lines) throw new Error(`corpus generator bug: ${total} lines instead of ${lines}`);

  const files = [];
  const write = (name, L) => {
    const p = join(dir, name);
    writeFileSync(p, L.join('\n') + '\n');
    files.push(p);
  };
  write('政策.zc', header);
  write('类型.zc', types);
  for (const ch of chapters) write(ch.name, ch.lines);
  write('参数.yaml', yaml);
  write('source.txt', source);
  return {
    dir,
    files,
    zcFiles: chapters.length + 2,
    lines: total,
    sourceLines: source.length,
    measures: measureCount,
    rules: ruleCount,
    quotes: quoteCount,
  };
}

// ── the same policy in one file ──────────────────────────────────────
/**
 * `generatePolicyCorpus`'s policy as ONE .zc file of exactly `lines` lines (政策.zc: the header,
 * the types and every chapter, their 导入 lines dropped) beside its source.txt and 参数.yaml — the
 * issue-13 row "a single 10,000-line file no slower per line than the corpus". Generated in a
 * scratch directory under `dir` with a few lines more than asked (the 导入 lines it drops), then
 * padded with comment lines to the exact count. Returns { dir, path, lines, fromFiles }.
 */
export function generateSingleFilePolicy(dir, lines, opts = {}) {
  mkdirSync(dir, { recursive: true });
  const scratch = join(dir, '.parts');
  let extra = 0;
  let merged;
  let parts;
  for (let attempt = 0; attempt < 3; attempt++) {
    rmSync(scratch, { recursive: true, force: true });
    const c = generatePolicyCorpus(scratch, lines + extra, opts);
    const zc = c.files.filter((f) => f.endsWith('.zc')); // 政策.zc first, then 类型.zc and the chapters
    merged = [];
    for (const f of zc) for (const l of readFileSync(f, 'utf8').replace(/\n$/, '').split('\n')) if (!l.startsWith('导入 ')) merged.push(l);
    parts = zc.length;
    if (merged.length >= lines) break;
    extra += lines - merged.length;
  }
  if (merged.length > lines) throw new Error(`generateSingleFilePolicy: ${merged.length} lines, more than ${lines}`);
  while (merged.length < lines) merged.push('# （补足行数）');
  const path = join(dir, '政策.zc');
  writeFileSync(path, merged.join('\n') + '\n');
  for (const f of ['参数.yaml', 'source.txt']) copyFileSync(join(scratch, f), join(dir, f));
  rmSync(scratch, { recursive: true, force: true });
  return { dir, path, lines: merged.length, fromFiles: parts };
}

// ── TypeScript counterpart ───────────────────────────────────────────
/**
 * Write a TypeScript file of exactly `lines` lines, comparable in shape to the policy
 * corpus: enum-like unions, interfaces per entity, one function per measure with
 * if/else rules over the subject's fields, and constants.
 */
export function generateTsFile(path, lines, opts = {}) {
  const rng = makeRng((opts.seed ?? 20240301) ^ 0x5bd1e995);
  mkdirSync(dirname(path), { recursive: true });
  const L = [
    '// Synthetic TypeScript counterpart of the policy benchmark corpus (generated, do not edit).',
    "export type Gender = 'male' | 'female';",
    "export type Hukou = 'urban' | 'rural';",
    "export type Level = 'national' | 'province' | 'city' | 'county';",
    "export type Period = 'once' | 'monthly' | 'yearly' | 'perTerm';",
    'export interface Money { readonly fen: bigint }',
    'export interface CalendarDate { readonly y: number; readonly m: number; readonly d: number }',
    'export interface Resident {',
    '  gender: Gender;',
    '  birthDate: CalendarDate;',
    '  ageYears: number;',
    '  localHukou: boolean;',
    '  hukou: Hukou;',
    '  contributionMonths: number;',
    '  monthlyWage: Money;',
    '  disabilityRatio: number;',
    '  certificates: string[];',
    '}',
    'export interface Household {',
    '  children: number;',
    '  localHukou: boolean;',
    '  hukou: Hukou;',
    '  monthlyIncome: Money;',
    '  members: number;',
    '  lowIncome: boolean;',
    '  head: Resident;',
    '  registered: CalendarDate;',
    '  town: string;',
    '}',
    'export interface Enterprise {',
    '  employees: number;',
    '  newJobs: number;',
    '  revenue: Money;',
    '  founded: CalendarDate;',
    '  weeklyHours: number;',
    '  level: Level;',
    '}',
    'export interface Outcome<T> { readonly value: T; readonly period: Period; readonly rule: string }',
    'export function yuan(n: number): Money { return { fen: BigInt(Math.round(n * 100)) }; }',
    'export function ge(a: Money, b: Money): boolean { return a.fen >= b.fen; }',
    'export function lt(a: Money, b: Money): boolean { return a.fen < b.fen; }',
    'export function before(a: CalendarDate, b: CalendarDate): boolean {',
    '  return a.y !== b.y ? a.y < b.y : a.m !== b.m ? a.m < b.m : a.d < b.d;',
    '}',
    'export function ageYears(birth: CalendarDate, on: CalendarDate): number {',
    '  const had = on.m > birth.m || (on.m === birth.m && on.d > birth.d);',
    '  return on.y - birth.y - (had ? 0 : 1);',
    '}',
  ];
  const subjects = [
    ['Household', 'h', [
      (v) => `${v}.children >= ${rng.int(1, 3)}`,
      (v) => `${v}.localHukou`,
      (v) => `${v}.hukou === 'rural'`,
      (v) => `lt(${v}.monthlyIncome, yuan(${rng.int(8, 30) * 100}))`,
      (v) => `${v}.members > ${rng.int(2, 5)}`,
      (v) => `(${v}.lowIncome || ${v}.head.ageYears >= 60)`,
      (v, d) => `before(${v}.registered, ${d})`,
      (v) => `${v}.town !== 'Chengguan'`,
    ]],
    ['Resident', 'r', [
      (v) => `${v}.localHukou`,
      (v) => `${v}.gender === 'female'`,
      (v, d) => `ageYears(${v}.birthDate, ${d}) >= ${rng.int(16, 60)}`,
      (v) => `${v}.contributionMonths >= ${rng.int(6, 180)}`,
      (v) => `lt(${v}.monthlyWage, yuan(${rng.int(15, 90) * 100}))`,
      (v) => `${v}.disabilityRatio > ${rng.int(10, 80) / 100}`,
      (v) => `${v}.certificates.length > 0`,
    ]],
    ['Enterprise', 'e', [
      (v) => `${v}.employees >= ${rng.int(5, 100)}`,
      (v) => `${v}.newJobs > ${rng.int(1, 50)}`,
      (v) => `ge(${v}.revenue, yuan(${rng.int(100, 3000) * 10000}))`,
      (v, d) => `!before(${v}.founded, ${d})`,
      (v) => `${v}.weeklyHours <= ${rng.int(36, 48)}`,
      (v) => `${v}.level === 'county'`,
    ]],
  ];
  let i = 0;
  const fnLinesMax = 30;
  while (L.length + fnLinesMax < lines) {
    const [type, v, atoms] = subjects[i % subjects.length];
    const nRules = rng.int(1, 4);
    L.push(`/** Measure ${i}: ${type} support. */`);
    L.push(`export function measure${i}(${v}: ${type}, on: CalendarDate): Outcome<Money> | undefined {`);
    L.push(`  let result: Outcome<Money> | undefined;`);
    for (let r = 0; r < nRules; r++) {
      const n = rng.int(1, 3);
      const conds = [];
      for (let c = 0; c < n; c++) conds.push(atoms[rng.int(0, atoms.length - 1)](v, 'on'));
      // independent ifs: a later rule overrides an earlier one (as 例外于 does)
      L.push(`  if (${conds.join(' && ')}) {`);
      L.push(`    result = { value: yuan(${rng.int(2, 200) * 100}), period: '${rng.pick(['once', 'monthly', 'yearly', 'perTerm'])}', rule: 'rule${r}' };`);
      L.push('  }');
    }
    L.push('  return result;');
    L.push('}');
    L.push(`export const LIMIT_${i}: Money = yuan(${rng.int(20, 90) * 100});`);
    i++;
  }
  let c = 0;
  while (L.length < lines) L.push(`export const C${c++}: number = ${rng.int(0, 1000)};`);
  writeFileSync(path, L.join('\n') + '\n');
  return { path, lines: L.length };
}
