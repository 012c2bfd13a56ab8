/**
 * The one catalog of diagnostic codes, grouped by the pass that emits them.
 * INVARIANT: a code, once published, keeps its meaning forever; retired codes stay
 * here marked `retired: true` and are never reused.
 *
 *   ZC00xx project / files     ZC01xx lexer         ZC02xx parser
 *   ZC03xx literals & AST      ZC04xx binder        ZC05xx type & unit checker
 *   ZC06xx source quotes       ZC07xx parameters & events (YAML)
 *   ZC08xx IR / evaluation     ZC09xx verification  ZC10xx formatter
 *   ZC11xx scenario tests    ZC12xx SQL emission & batch evaluation    ZC13xx diff / explain
 *   ZC14xx command line (what every command reports alike)
 */
import type { Severity } from './diagnostic.js';

export interface CatalogEntry {
  readonly severity: Severity;
  /** Short Chinese title, used in docs and SARIF rule descriptions. */
  readonly title: string;
  readonly retired?: boolean;
  /** Reserved for a check not implemented yet: never emitted today. */
  readonly reserved?: boolean;
}

const entries = {
  // ── project / files ────────────────────────────────────────────────
  ZC0001: { severity: 'error', title: '无法读取文件' },
  ZC0002: { severity: 'error', title: '文件不是有效的 UTF-8 文本' },
  ZC0003: { severity: 'error', title: '导入的文件不存在' },
  ZC0005: { severity: 'error', title: '文件过大，未解析' },
  ZC0006: { severity: 'error', title: '路径中没有政策文件', reserved: true },
  ZC0007: { severity: 'error', title: '错误过多，其余错误未逐个列出' },
  // ── lexer ──────────────────────────────────────────────────────────
  ZC0101: { severity: 'error', title: '无法识别的字符' },
  ZC0102: { severity: 'error', title: '字符串未闭合' },
  ZC0103: { severity: 'error', title: '名称中含有关键字' },
  ZC0104: { severity: 'error', title: '名称引号未闭合' },
  ZC0105: { severity: 'error', title: '字符串中的转义序列无效' },
  ZC0106: { severity: 'warning', title: '全角与半角标点混用', reserved: true },
  ZC0107: { severity: 'error', title: '空名称' },
  ZC0108: { severity: 'error', title: '名称中含有数字' },
  // ── parser ─────────────────────────────────────────────────────────
  ZC0201: { severity: 'error', title: '语法错误：此处不应出现该内容' },
  ZC0202: { severity: 'error', title: '语法错误：缺少内容' },
  ZC0203: { severity: 'error', title: '语法错误：括号不匹配' },
  ZC0204: { severity: 'error', title: '嵌套过深，无法处理' },
  ZC0205: { severity: 'error', title: '语法错误过多，其后未解析' },
  ZC0206: { severity: 'error', title: '结果的写法顺序不对' },
  ZC0207: { severity: 'error', title: '“是”不能用作赋值或比较' },
  ZC0208: { severity: 'error', title: '量词应写在列表之后' },
  ZC0209: { severity: 'error', title: '声明写在了不能写它的地方' },
  ZC0210: { severity: 'error', title: '定性没有值：由事实推出的结论应写作定义' },
  // ── literals & AST ─────────────────────────────────────────────────
  ZC0301: { severity: 'error', title: '数字写法有歧义或无效' },
  ZC0302: { severity: 'error', title: '日期无效' },
  ZC0303: { severity: 'error', title: '未知单位' },
  ZC0304: { severity: 'error', title: '条款编号无效' },
  ZC0305: { severity: 'error', title: '条款编号层级不符' },
  ZC0306: { severity: 'error', title: '重复的属性' },
  ZC0307: { severity: 'error', title: '缺少必需的属性' },
  ZC0308: { severity: 'error', title: '区间无效' },
  ZC0309: { severity: 'error', title: '此处不能使用该比较词', reserved: true },
  ZC0310: { severity: 'warning', title: '金额精度超过分' },
  ZC0311: { severity: 'error', title: '属性值无效' },
  ZC0312: { severity: 'error', title: '此处不能使用该属性' },
  // ── binder ─────────────────────────────────────────────────────────
  ZC0401: { severity: 'error', title: '未定义的名称' },
  ZC0402: { severity: 'error', title: '重复定义' },
  ZC0403: { severity: 'error', title: '实体没有该字段' },
  ZC0404: { severity: 'error', title: '例外关系有环' },
  ZC0405: { severity: 'error', title: '例外指向其他措施的规则' },
  ZC0406: { severity: 'error', title: '重复的条款锚点' },
  ZC0407: { severity: 'error', title: '名称种类不符' },
  ZC0408: { severity: 'warning', title: '未使用的定义', reserved: true },
  ZC0409: { severity: 'error', title: '存疑注记采用的解读不存在' },
  ZC0410: { severity: 'error', title: '定义或措施循环引用' },
  // ── type & unit checker ────────────────────────────────────────────
  ZC0501: { severity: 'error', title: '类型不匹配' },
  ZC0502: { severity: 'error', title: '单位不兼容' },
  ZC0503: { severity: 'error', title: '月龄与周岁不能直接比较' },
  ZC0504: { severity: 'error', title: '条件必须是是否类型' },
  ZC0505: { severity: 'error', title: '结果类型与声明不符' },
  ZC0506: { severity: 'error', title: '枚举没有该值' },
  ZC0507: { severity: 'error', title: '除数可能为零' },
  ZC0508: { severity: 'warning', title: '比较总是成立或总是不成立', reserved: true },
  ZC0509: { severity: 'error', title: '周期与结果不符' },
  ZC0510: { severity: 'warning', title: '措施没有规则也没有不可计算说明' },
  ZC0511: { severity: 'warning', title: '生效日期未知' },
  ZC0512: { severity: 'error', title: '算术运算的单位无意义' },
  ZC0513: { severity: 'error', title: '量词或汇总只能用于列表' },
  ZC0514: { severity: 'error', title: '列表的元素必须是实体' },
  ZC0515: { severity: 'error', title: '指标必须是数值' },
  // ── source quotes ──────────────────────────────────────────────────
  ZC0601: { severity: 'error', title: '原文与来源文件不一致' },
  ZC0602: { severity: 'error', title: '找不到来源文件' },
  ZC0603: { severity: 'warning', title: '原文在来源文件中出现多次' },
  ZC0604: { severity: 'warning', title: '政策没有写明来源，无法核对原文' },
  // ── parameters & events ────────────────────────────────────────────
  ZC0701: { severity: 'error', title: '参数文件无效' },
  ZC0702: { severity: 'error', title: '参数不存在' },
  ZC0703: { severity: 'warning', title: '参数值未确认' },
  ZC0704: { severity: 'error', title: '参数单位与声明不符' },
  ZC0705: { severity: 'error', title: '事件登记文件无效' },
  // ── IR / evaluation ────────────────────────────────────────────────
  ZC0801: { severity: 'error', title: '运行时的量必须是整数' },
  ZC0802: { severity: 'error', title: '无法降级的表达式' },
  ZC0803: { severity: 'error', title: '指标无法在编译期求值' },
  ZC0804: { severity: 'error', title: '输入数据无效' },
  ZC0805: { severity: 'error', title: '工作日期限需要工作日历未覆盖的年份' },
  ZC0806: { severity: 'error', title: '个案文件无效' },
  // ── verification (rule ids of findings; SARIF ruleId = code) ─────────
  ZC0901: { severity: 'error', title: '矛盾：两条规则同时适用且结果不同' },
  ZC0902: { severity: 'error', title: '缺口：必须定义的结果没有适用的规则' },
  ZC0903: { severity: 'warning', title: '规则永不适用（条件不可能成立）' },
  ZC0904: { severity: 'warning', title: '规则永不生效（总被例外覆盖）' },
  ZC0905: { severity: 'info', title: '冗余规则（被另一条规则包含）' },
  ZC0906: { severity: 'warning', title: '有效性：生效日期未知' },
  ZC0907: { severity: 'info', title: '有效性：失效事件当日的处理' },
  ZC0908: { severity: 'error', title: '性质不成立' },
  ZC0909: { severity: 'info', title: '性质已证明' },
  ZC0910: { severity: 'warning', title: '边界不一致：同一界限的两种表述在某些输入上结论不同' },
  ZC0911: { severity: 'warning', title: '条款间不一致：附件申请条件与正文资格不符' },
  ZC0912: { severity: 'info', title: '概念在不同措施中检验方式不同' },
  ZC0913: { severity: 'info', title: '原文措辞问题' },
  ZC0914: { severity: 'info', title: '指标推算' },
  ZC0915: { severity: 'warning', title: '求解器未能判定（超时或未知），不算通过' },
  ZC0916: { severity: 'error', title: '两种引擎或两种求值器结论不一致' },
  ZC0917: { severity: 'warning', title: '有效性：规则有效期超出政策存续' },
  ZC0918: { severity: 'error', title: '前提不可能同时成立：没有任何输入满足' },
  ZC0919: { severity: 'warning', title: '有界证明：只对不超过列表上限的输入成立，不算通过' },
  ZC0920: { severity: 'info', title: '结果取决于不确定的日期' },
  ZC0921: { severity: 'error', title: '没有可核查的政策' },
  ZC0922: { severity: 'warning', title: '没有“政策”声明的文件未核查' },
  // ── scenario tests ─────────────────────────────────────────────────
  ZC1101: { severity: 'error', title: '场景文件无效' },
  ZC1102: { severity: 'error', title: '场景中有未知的键' },
  ZC1103: { severity: 'error', title: '场景引用了不存在的政策、措施或结果', reserved: true },
  ZC1104: { severity: 'error', title: '场景未通过' },
  // ── SQL emission & batch evaluation (compiler/sql, zhengce batch) ──
  ZC1201: { severity: 'error', title: '该构造无法编译为 SQL' },
  ZC1202: { severity: 'error', title: '批量输入的列或值无效' },
  ZC1203: { severity: 'error', title: '批量输入或输出无法读写' },
  ZC1204: { severity: 'error', title: '无法连接数据库' },
  ZC1205: { severity: 'error', title: '人口画像文件无效' },
  ZC1206: { severity: 'error', title: '输入格式不能表示嵌套的列表' },
  ZC1207: { severity: 'error', title: '案件的场景没有评估日期' },
  ZC1208: { severity: 'warning', title: '列表子表没有按父键的主键或索引（批量求值为平方级）' },

  // ── diff / explain ─────────────────────────────────────────────────
  ZC1301: { severity: 'error', title: '找不到指定的措施' },
  ZC1302: { severity: 'error', title: '比较的两个版本不是同一政策' },
  ZC1303: { severity: 'error', title: '比较的一方有编译错误' },
  ZC1304: { severity: 'error', title: 'git 版本不存在或无法取出' },
  ZC1305: { severity: 'warning', title: '求解器未能判定两个版本是否等价，不算等价' },
  ZC1306: { severity: 'error', title: '反例在两个版本的解释器中未能复现差异' },
  ZC1307: { severity: 'error', title: '人群文件无法读取或格式不对' },
  ZC1308: { severity: 'error', title: '人群文件中的个案不合要求（行与字段）' },
  // ── command line (every command alike) ─────────────────────────────
  ZC1401: { severity: 'error', title: '找不到政策' },
  // ── formatter ──────────────────────────────────────────────────────
  ZC1001: { severity: 'error', title: '文件有语法错误，未格式化' },
  ZC1002: { severity: 'error', title: '格式化会改变含义（内部错误），未格式化' },
} as const satisfies Record<string, CatalogEntry>;

export type DiagnosticCode = keyof typeof entries;
export const CATALOG: Readonly<Record<DiagnosticCode, CatalogEntry>> = entries;
