/**
 * What each keyword means, in one sentence, with its section of the language reference
 * (grammar/README.md). Input: a keyword as written. Output: its documentation — for hover on a
 * keyword and for keyword completion items. Attribute keys are documented per block from
 * attributes.ts (how often they may be written) plus the sentence here.
 * INVARIANT: every sentence states what grammar/README.md states (its section is cited), nothing more.
 */
import { ATTRIBUTES, type AttributeBlock } from '../syntax/attributes.js';
import { unitInfo } from '../syntax/cst-to-ast.js';
import type { Dimension } from '../syntax/ast.js';
import { decToString } from '../common/decimal.js';

interface KeywordDoc {
  /** One or two sentences, in Chinese. */
  readonly text: string;
  /** The section of grammar/README.md. */
  readonly section: string;
}

const LEGAL = '民法典第一千二百五十九条：“以上”“以下”“以内”“届满”包括本数，“不满”“超过”“以外”不包括本数';

const doc = (section: string, text: string): KeywordDoc => ({ section, text });
const same = (words: string[], d: KeywordDoc): [string, KeywordDoc][] => words.map((w) => [w, d]);

const DOCS = new Map<string, KeywordDoc>([
  // declarations (§8)
  ['导入', doc('§8.2', '导入另一个 .zc 文件（路径相对于本文件）；导入是传递的。')],
  ['政策', doc('§8.3', '政策本身：文号、发文机关、生效日期、失效条件等（每个程序一个）。')],
  ['机构', doc('§8.4', '一个机构（牵头单位、责任单位、解释机关），可带全称与别名。')],
  ['枚举', doc('§8.5', '一组取值，如 `枚举 户籍地 { 本县、外县 }`。')],
  ['实体', doc('§8.6', '被评估的人或物及其字段：`实体 名称 { 字段：类型 … }`。')],
  ['参数', doc('§8.7', '取值来自参数文件（YAML）的量，如法定假期天数：`参数 名称：类型 来自 "文件.yaml"`。')],
  ['来自', doc('§8.7', '参数的取值所在的文件。')],
  ['条款', doc('§8.8', '原文中的一条（一、（一）、1.、附件N），内含原文和这一条的声明；可以嵌套。')],
  ['附件', doc('§10.1', '附件的编号：`条款 附件2 { … }`，只在顶层。')],
  ['措施', doc('§8.9', '一项可计算的措施：对象、结果与规则，只能写在条款里。')],
  ['结果', doc('§8.10', '措施给出的一个结果：`结果 名称：类型 [周期] [必须]`，只能写在措施里。')],
  ['必须', doc('§8.10', '这个结果对每一个适用的个案都必须有值；没有规则给出它就是“缺口”（§11.5）。')],
  ['规则', doc('§8.11', '措施的一条规则：条件成立时给出结果的值，只能写在措施里。')],
  ['例外于', doc('§11.4', '本规则优先于所列的规则（同一措施中；不能指向自己，不能成环）。')],
  ['定性', doc('§8.12', '不可计算的条目：记下原文、类别和理由，不求值。')],
  ['存疑', doc('§8.13', '原文有多种读法时的注记：列出各个解读、采用其中一个并说明理由。')],
  ['解读', doc('§8.13', '存疑注记中的一种读法：`解读 名称："…"`，至少两个。')],
  ['指标', doc('§8.14', '原文中的一个数量指标（如“到2025年底”的托位数）：`指标 名称 = 表达式`。')],
  ['性质', doc('§8.15', '应当对一切输入成立的断言，由核查（verify）证明或给出反例。')],
  ['定义', doc('§15.1', '原文所下的判断，由事实推出而不向用户询问：`定义 [实体.]名称 [：类型] = 表达式`。')],
  ...same(['前提', '假定'], doc('§15.10', '对输入的假定：违反时求值结果列出“前提不满足”。')),
  ['可为负', doc('§15.8', '字段的输入可以为负（差额、增减）；不写时整数、金额等输入必须不小于 0，负数是输入错误。')],
  // logic (§5.6)
  ...same(['且', '并且'], doc('§5.6', '两者都成立。三值逻辑：否 且 未知 = 否，其余含未知为未知。')),
  ...same(['或', '或者'], doc('§5.6', '至少一个成立。三值逻辑：是 或 未知 = 是，其余含未知为未知。')),
  ['非', doc('§5.6', '不成立；非 未知 = 未知。结合次序：比较 → 非 → 且 → 或。')],
  // comparison (§5.2)
  ...same(['以上', '及以上'], doc('§5.2', `包括本数：X N以上 即 X ≥ N。${LEGAL}。`)),
  ...same(['以下', '及以下'], doc('§5.2', `包括本数：X N以下 即 X ≤ N。${LEGAL}。`)),
  ['以内', doc('§5.2', `包括本数：X N以内 即 X ≤ N。${LEGAL}。`)],
  ['以外', doc('§5.2', `不包括本数：X 在 N 以外 即 X > N。${LEGAL}。`)],
  ['届满', doc('§5.2', `包括本数：X 届满 N 即 X ≥ N。${LEGAL}。`)],
  ['不满', doc('§5.2', `不包括本数：X 不满 N 即 X < N。${LEGAL}。`)],
  ['超过', doc('§5.2', `不包括本数：X 超过 N 即 X > N。${LEGAL}。`)],
  ['在', doc('§5.3', '比较的前置词：`X 在 3 以上`、`X 在 A 至 B 之间`；须与前面的名称分开写。')],
  ['至', doc('§5.4', '区间，两端都包括：`X 6至36月龄` 即 6 ≤ X ≤ 36。')],
  ['之间', doc('§5.4', '区间 `X 在 A 至 B 之间`，两端都包括。')],
  ...same(['为', '等于'], doc('§5.2', '相等：`家庭.户籍 为 本县`。')),
  ...same(['不为', '不等于'], doc('§5.2', '不相等。')),
  ['属于', doc('§5.2', '等于其中之一：`X 属于 {A、B}`。')],
  ['不属于', doc('§5.2', '不等于其中任何一个：`X 不属于 {A、B}`。')],
  // literals
  ['是', doc('§4.2', '“是否”类型的真值。')],
  ['否', doc('§4.2', '“是否”类型的假值。')],
  ['未知', doc('§8.3', '未知：`生效：未知`（原文没有写明日期时）；在条件中使结论存疑。')],
  ['当日', doc('§8.3', '失效的起算：自事件当日起失效。')],
  ['次日', doc('§8.3', '失效的起算：自事件的次日起失效。')],
  // lists (§15.3–15.6)
  ...same(['至少一个满足', '至少一方满足', '至少一人满足', '任一满足'], doc('§15.3', '存在：列表中至少一个元素满足括号里的条件（空列表为否）。')),
  ...same(['均满足', '全部满足', '都满足'], doc('§15.3', '全部：列表中每个元素都满足括号里的条件（空列表为是）。')),
  ...same(['均不满足', '都不满足'], doc('§15.3', '没有：列表中没有元素满足括号里的条件（空列表为是）。')),
  ['其', doc('§15.6', '量词或汇总的括号里的当前元素：`家庭.子女 均满足（其.户籍 为 本县）`。')],
  ['按', doc('§15.5', '`列表 按（键）第N个`：按键从小到大排列后的第 N 个元素。')],
  ['第', doc('§15.5', '`列表 按（键）第N个` 中的序数。')],
  // types (§4.2)
  ['是否', doc('§4.2', '类型：是或否；任何条件都是这个类型。')],
  ...same(['整数', '数量'], doc('§4.2', '类型：计数；求值输入必须是非负整数，除非字段声明了“可为负”。')),
  ['金额', doc('§4.2', '类型：金额，单位元，精确到分（`300元`、`1.5万元`）。')],
  ['日期', doc('§4.2', '类型：日期（`2024年3月1日`、`2024-03-01`）。')],
  ['文本', doc('§4.2', '类型：文字（`"按月发放"`）。')],
  ['比例', doc('§4.2', '类型：比例，精确的分数（`50%`、`4.8‰`）；可写 `比例（%）`、`比例（‰）`。')],
  ['时长', doc('§4.2', '类型：时长，括号里写单位：天、日、工作日、个工作日、周、个月、月、年、小时。')],
  ['年龄', doc('§4.2', '类型：年龄，括号里写单位：周岁、岁、月龄。')],
  ['列表', doc('§15.3', '类型：一组同类的实体，`列表（实体）`；用量词、汇总、`按（键）第N个` 使用。')],
  // periods (§8.10)
  ['一次性', doc('§8.10', '结果的周期：一次性发放。')],
  ...same(['按月', '每月'], doc('§8.10', '结果的周期：每月。')),
  ...same(['按年', '每年'], doc('§8.10', '结果的周期：每年。')),
  ...same(['每天', '每日'], doc('§8.10', '结果的周期：每天。')),
  ['每周', doc('§8.10', '结果的周期：每周。')],
  ['每学期', doc('§8.10', '结果的周期：每学期。')],
]);

/** What attribute keys mean, whatever block they are in. */
const ATTRIBUTE_DOCS: Record<string, string> = {
  文号: '发文字号', 发文机关: '发文机关', 标题: '政策标题', 依据: '上位依据文件', 来源: '正式文本文件的路径；所有“原文”都在其中核对',
  生效: '生效日期：日期、未知或 某日（最早，最晚）', 失效: '因外部事件而失效：`失效 { 条件：… 起算：当日 }`', 解释机关: '解释机关（机构）',
  成文日期: '成文日期', 说明: '说明文字', 全称: '机构全称', 别名: '机构的别名，可代替正式名称使用', 原文: '正式文本中的原话，逐字核对',
  牵头单位: '牵头单位（机构）', 责任单位: '责任单位（机构）', 对象: '被评估的实体（规则对谁求值）',
  发放对象: '谁收到待遇，当它不是“对象”时（实体或一段文字）', 申请条件: '申请时须满足的条件所在的措施（通常在附件中）',
  类别: '类别：不可计算的定性、措施写一个名称（如 组织职责）；性质写 一般、边界、条款一致、概念一致 之一', 理由: '理由：为什么不可计算，或为什么采用这个解读', 条件: '条件（是否）：在什么情况下成立', 有效期: '规则适用的日期区间，两端都包括：起 至 止（日期，或 施行日 ± 时长）；只写时长（有效期：三年）即自施行日起算', 起算: '失效的起算：当日或次日',
  采用: '采用的解读', 日期: '指标所指的时点', 存疑: '这个定义按哪条存疑注记所采用的解读写成', 断言: '应当对一切输入成立的断言',
  接受: '已知这个性质不成立、且是正式文本本身的缺陷时的理由；核查报告仍列出它，标为已接受',
};

/**
 * Markdown for a keyword (hover / completion), or undefined when it is not one. `block` is the
 * block the keyword is in (an attribute key's meaning and count depend on it).
 */
export function keywordDoc(word: string, block?: string): string | undefined {
  const allowed = block !== undefined ? (ATTRIBUTES as Record<string, Record<string, string> | undefined>)[block as AttributeBlock]?.[word] : undefined;
  if (allowed && ATTRIBUTE_DOCS[word]) {
    return `**属性** \`${word}\`（${block}的属性，${allowed === 'one' ? '写一次' : '可写多个值'}）：${ATTRIBUTE_DOCS[word]}。`;
  }
  const d = DOCS.get(word);
  if (d) return `**关键字** \`${word}\`：${d.text}（语言说明 ${d.section}）`;
  if (ATTRIBUTE_DOCS[word]) return `**属性** \`${word}\`：${ATTRIBUTE_DOCS[word]}。`;
  return undefined;
}

const DIMENSION_NAMES: Record<Dimension, string> = {
  money: '金额', count: '计数', days: '时长（天）', workdays: '时长（工作日，按工作日历计）', weeks: '时长（周）', months: '时长（月）',
  years: '时长（年）', hours: '时长（小时）', ageMonths: '年龄（月龄：已满的月数）', ageYears: '年龄（周岁：已满的年数，民法典第二百零一、二百零二条）', ratio: '比例',
};

/** Markdown for a unit word after a number (`2000元`, `3周岁`): its dimension and canonical unit (grammar/README.md §4.1). */
export function unitDoc(word: string): string | undefined {
  const u = unitInfo(word);
  if (!u) return undefined;
  const factor = decToString(u.factor);
  // (a ratio's factor is to the plain number: 1% = 0.01)
  const same = u.dimension === 'ratio' ? `，1${word} = ${factor}` : word === u.canonical ? '' : factor === '1' ? `，同“${u.canonical}”` : `，1${word} = ${factor}${u.canonical}`;
  return `**单位** \`${word}\`：${DIMENSION_NAMES[u.dimension]}${same}（语言说明 §4.1）`;
}
