/**
 * The TypeScript evaluator emitter: IrProgram → generated/<policy id>/{index.ts, schema.json}.
 *
 * Input: a lowered IrProgram (compiler/ir/ir.ts). Output: a map from file name (relative to
 * the policy's output directory) to file text:
 *   - `index.ts`: a standalone, typed module (no imports) exporting typed input interfaces
 *     (DSL names verbatim; nested entities and lists of entities), the output types of the
 *     evaluation contract (compiler/interpret/decision.ts), `InputError`,
 *     `CalendarCoverageError`, `evaluate` (full decisions with citations, explanation traces,
 *     definitions, per-outcome problems, application conditions) and `evaluateFast`
 *     (statuses and values only);
 *   - `schema.json`: the JSON Schema (draft 2020-12) of the input facts.
 *
 * The module carries its own runtime (ts-runtime.ts), an implementation independent of the
 * interpreter and of compiler/common/calendar.ts; test/emit/differential*.test.ts check that
 * both give byte-identical JSON for every input, including InputError problem lists.
 *
 * INVARIANT: output is deterministic (byte-identical for equal IR: no dates, no hashes,
 * declaration order only). Policy text is embedded only through `lit` (string literals)
 * and `commentText`/`commentLines` (comments), so no content can break out of a literal
 * or comment (ts-strings.ts).
 */
import {
  IndentationText, NewLineKind, Project, QuoteKind, StructureKind,
  type FunctionDeclarationStructure, type InterfaceDeclarationStructure, type SourceFile, type StatementStructures,
} from 'ts-morph';
import holidayTableJson from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { fromDayNumber, formatIso } from '../common/calendar.js';
import type { IrDefinition, IrEntity, IrExpr, IrField, IrMeasure, IrProgram, IrRule, IrType } from '../ir/ir.js';
import { conditionFn, definitionFn, displayKind, ModuleGen, traceFn, unmetFn, valueFn, walk } from './ts-expr.js';
import { closeFeatures, runtimeSource, RUNTIME_TEXT_ALL } from './ts-runtime.js';
import { defSlots, fastDefAccessors, fastJudge, fastValidation, measureIndexFn } from './ts-fast.js';
import { rawAssumptions, rawDefinitions, rawEnabled, rawMeasureIndexes, rawMeasures, rawOne, rawValidation } from './ts-raw.js';
import { inputSchema, kindLabel, typeDescription } from './ts-schema.js';
import { commentLines, commentText, lit, propertyKey, RESERVED_TYPE_NAMES, typeName } from './ts-strings.js';

/** Names the module exports (never used for entity or enum types). */
const EXPORTED_NAMES = [
  '状态', '上级政策事件', '事件登记', '求值选项', '结果值', '条件追踪', '规则追踪', '定义追踪', '结果问题', '决定', '决定集', '快速决定', '快速决定集', '输入问题', '输入事实',
  '措施名', '快速求值选项', 'InputError', 'CalendarCoverageError', 'evaluate', 'evaluateFast', 'evaluateMany',
  'MeasureName', 'FastEvaluateOptions', 'Status', 'PolicyEvent', 'EventsRegistry', 'EvaluateOptions', 'OutcomeValue', 'ConditionTrace', 'RuleTrace', 'DefinitionTrace', 'OutcomeProblem', 'Decision', 'Decisions',
  'FastDecision', 'FastDecisions', 'InputProblem', 'Facts',
];

/** Top-level names declared by the runtime and the data section. */
function internalNames(ir: IrProgram): string[] {
  const out = new Set<string>([
    '_ENTITIES', '_ENTITY_INDEX', '_ENTITY_NAMES', '_MEASURES', '_DEFS', '_ASSUMPTIONS', '_sunsetCondition', '_SUNSET_OFFSET',
    '_WORKDAY_DATA', '_WORKDAY_FIRST_YEAR', '_WORKDAY_LAST_YEAR', '_fastFacts', '_measureIndex', '_MEASURE_NAMES', '_NO_NONE', '_fastOne', '_DEF_SLOT',
    '_manySync', '_manyAsync',
    '_RR', '_rdate', '_NO_VALUES', '_rawCheck', '_dayNum', '_rawBatch', '_rawDN', '_rawReady', '_RAW_MEASURES', '_rawSel', '_rawSelLast', '_rawSelOk', '_rawOn', '_rawSwitch', '_rawOne',
  ]);
  for (const m of RUNTIME_TEXT_ALL.matchAll(/^(?:function|const|type|interface|class|let)\s+([\p{ID_Start}$_][\p{ID_Continue}$]*)/gmu)) out.add(m[1]!);
  // per-index helpers: the measures' (_m), the fast path's (_fr/_fl, _dq) and the raw path's (_rv/_rl, _rd, _rm/_rs/_rn, _ra)
  const perIndex = (xs: readonly unknown[], prefixes: readonly string[]) => xs.forEach((_, i) => prefixes.forEach((p) => out.add(`${p}${i}`)));
  perIndex(ir.entities, ['_fr', '_fl', '_rv', '_rl']);
  perIndex(ir.params, ['_p']);
  perIndex(ir.definitions, ['_dq', '_rd']);
  perIndex(ir.measures, ['_m', '_rm', '_rs', '_rn']);
  perIndex(ir.assumptions, ['_ra']);
  return [...out];
}

function iso(day: number): string {
  try {
    return formatIso(fromDayNumber(day));
  } catch {
    return String(day);
  }
}

/**
 * The official working-day calendar (chinese-days' data) for the generated module: the
 * covered years — the contiguous run, ending at the newest, of years whose data has both
 * 春节 and 国庆节 holidays — one line per year: "2024 休 01-01 … 班 02-04 …".
 */
function workdayData(): { first: number; last: number; lines: string[] } {
  const raw = holidayTableJson as unknown as { holidays: Record<string, string>; workdays: Record<string, string> };
  const spring = new Set<number>();
  const national = new Set<number>();
  for (const [k, v] of Object.entries(raw.holidays)) {
    const name = v.split(',')[1];
    if (name === '春节') spring.add(Number(k.slice(0, 4)));
    if (name === '国庆节') national.add(Number(k.slice(0, 4)));
  }
  const covered = (y: number): boolean => spring.has(y) && national.has(y);
  const last = Math.max(...[...spring].filter(covered));
  let first = last;
  while (covered(first - 1)) first--;
  const lines: string[] = [];
  for (let y = first; y <= last; y++) {
    const pick = (rec: Record<string, string>): string[] => Object.keys(rec).filter((k) => Number(k.slice(0, 4)) === y).map((k) => k.slice(5)).sort();
    lines.push(`${y} 休 ${pick(raw.holidays).join(' ')} 班 ${pick(raw.workdays).join(' ')}`.trim());
  }
  return { first, last, lines };
}

function indent(text: string, by: string): string {
  return text.split('\n').map((l) => (l === '' ? l : by + l)).join('\n');
}

/** JSDoc block from description lines (each already comment-safe, or raw to be escaped). */
function jsdoc(lines: readonly string[]): string {
  if (lines.length === 1) return `/** ${lines[0]} */`;
  return ['/**', ...lines.map((l) => (l === '' ? ' *' : ` * ${l}`)), ' */'].join('\n');
}

let sharedProject: Project | undefined;

type Statement = string | StatementStructures;

/** Build the module in one step from its statement structures (one parse, no manipulations). */
function buildSourceFile(statements: Statement[]): SourceFile {
  sharedProject ??= new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, newLineKind: NewLineKind.LineFeed, quoteKind: QuoteKind.Single },
  });
  return sharedProject.createSourceFile('/index.ts', { statements }, { overwrite: true });
}

/** Runtime field-type descriptor (see `_FieldType`). */
function fieldTypeCode(f: IrField, mod: ModuleGen): string {
  const t = f.type;
  const signed = f.signed === true;
  switch (t.k) {
    case 'bool': return "{ k: 'b' }";
    case 'money': return `{ k: 'm', signed: ${signed} }`;
    case 'date': return "{ k: 'd' }";
    case 'text': return "{ k: 't' }";
    case 'enum': return `{ k: 'e', members: [${t.members.map(lit).join(', ')}] }`;
    case 'quantity': return t.dim === 'ratio' ? `{ k: 'r', signed: ${signed} }` : `{ k: 'i', signed: ${signed} }`;
    case 'int': return `{ k: 'i', signed: ${signed} }`;
    case 'entity': return `{ k: 'o', entity: ${mod.entity(t.name)}, name: ${lit(t.name)} }`;
    case 'list': return `{ k: 'l', entity: ${mod.entity(t.elem)}, name: ${lit(t.elem)} }`;
  }
}

/**
 * Which measures read each entity field ("entity\u0000field" → measure names), directly or
 * through the definitions their rules use.
 */
function fieldUse(ir: IrProgram): Map<string, string[]> {
  const defFields = new Map<string, Set<string>>();
  const fieldsOf = (e: IrExpr, seen: Set<string>, out: Set<string>): void => {
    walk(e, (x) => {
      if (x.k === 'field') out.add(`${x.entity}\u0000${x.field}`);
      else if (x.k === 'get' && x.of.type.k === 'entity') out.add(`${x.of.type.name}\u0000${x.field}`);
      else if (x.k === 'def' && !seen.has(x.name)) {
        seen.add(x.name);
        let fs = defFields.get(x.name);
        if (!fs) {
          fs = new Set();
          defFields.set(x.name, fs);
          const d = ir.definitions.find((y) => y.name === x.name);
          if (d) fieldsOf(d.expr, new Set([x.name]), fs);
        }
        for (const f of fs) out.add(f);
      }
    });
  };
  const use = new Map<string, string[]>();
  for (const m of ir.measures) {
    const fields = new Set<string>();
    for (const r of m.rules) {
      fieldsOf(r.condition, new Set(), fields);
      for (const a of r.assignments) fieldsOf(a.value, new Set(), fields);
    }
    for (const key of fields) {
      const list = use.get(key) ?? [];
      if (!list.includes(m.name)) list.push(m.name);
      use.set(key, list);
    }
  }
  return use;
}

const OUTPUT_TYPES = String.raw`
/** 措施的判定状态。 */
export type 状态 = '适用' | '不适用' | '未生效' | '已废止' | '存疑';

/** 上级政策事件（如 policies/events.yaml 的一项），用于判断本政策是否已废止。 */
export interface 上级政策事件 {
  /** 事件日期 "YYYY-MM-DD"。 */
  readonly 日期: string;
  readonly 级别: '国家' | '省' | '市' | '县';
  /** 事件类别，如 "生育支持政策"。 */
  readonly 类别: string;
  readonly 标题?: string;
  readonly 文号?: string;
  readonly 地区?: string;
  readonly 来源?: string;
  readonly 已确认?: boolean;
  readonly 说明?: string;
}

/**
 * 本次求值依据的上级政策事件登记：登记文件（路径——尽量相对于政策目录——与文件字节的 SHA-256），
 * 或 'none'（明确不考虑上级政策事件）。由调用方在选项中说明，原样记入决定集，
 * 使保存下来的决定能说明它依据的是哪一份登记。
 */
export type 事件登记 = { readonly 路径: string; readonly sha256: string } | 'none';

/** evaluate / evaluateFast 的选项。 */
export interface 求值选项 {
  /** 事件来自哪一份登记（记入决定集的“事件登记”）；为 'none' 时不能传事件。 */
  readonly 事件登记?: 事件登记;
}

/** 一个结果的取值。 */
export interface 结果值 {
  /** 金额为以元计的十进制文本（"1000.00"），比例为精确的百分数（"50%"，循环小数写作 "33.(3)%"），日期为 "YYYY-MM-DD"，其他为数、是否或文本。 */
  readonly 值: number | boolean | string;
  /** 单位：元、天、个月、%、日期 …（整数、是否、文本为空串）。 */
  readonly 单位: string;
  /** 仅金额：整数「分」。 */
  readonly 分?: number;
  /** 周期：一次性、按月、按年 … */
  readonly 周期?: string;
  /** 给出该值的规则。 */
  readonly 规则: readonly string[];
  /** 用到的、取值尚未确认的外部参数。 */
  readonly 未确认参数?: readonly string[];
}

/** 一个原子条件的判定。 */
export interface 条件追踪 {
  /** 条件的原文写法。 */
  readonly 条件: string;
  /** true / false / null（未知：缺少事实）。 */
  readonly 成立: boolean | null;
  /** 各操作数的取值（给人看的形式）；量词给出满足、不满足、未知的元素。 */
  readonly 取值: Readonly<Record<string, string>>;
}

/** 一条规则的判定。 */
export interface 规则追踪 {
  readonly 规则: string;
  /** true / false / null（未知）。 */
  readonly 适用: boolean | null;
  readonly 条件: readonly 条件追踪[];
  /** 不在有效期内、缺少哪些事实等说明。 */
  readonly 说明?: string;
  /** 规则不适用时，不成立的条件（条件的原文；“且”逐项拆开，“或”组、“非”、量词、一次写出的区间各算一项）。 */
  readonly 未满足?: readonly string[];
  /** 规则不适用或适用与否未知时，取值未知的条件（缺少事实）。 */
  readonly 未知?: readonly string[];
}

/** 判定一项措施时用到的定义及其取值。 */
export interface 定义追踪 {
  /** 定义名（实体上的定义写作 "实体.名称"）。 */
  readonly 定义: string;
  /** 给人看的取值。 */
  readonly 值: string;
  /** 实体上的定义：实例在输入中的位置，如 "家庭.子女[1]"。 */
  readonly 实例?: string;
  readonly 条款?: string;
  readonly 原文?: readonly string[];
}

/** 某个结果为何没有确定的值：矛盾（规则给出不同的值）、缺口（必须的结果没有适用的规则）、未知（缺少事实）。 */
export interface 结果问题 {
  readonly 类别: '矛盾' | '缺口' | '未知';
  readonly 结果: string;
  readonly 规则: readonly string[];
}

/** 一项措施的决定。 */
export interface 决定 {
  readonly 措施: string;
  readonly 状态: 状态;
  /** 结果名 → 取值（仅确定的结果）。 */
  readonly 结果: Readonly<Record<string, 结果值>>;
  /** 条款引用：锚点、标签、标题、原文。 */
  readonly 条款: { readonly 锚点: string; readonly 标签: string; readonly 标题?: string; readonly 原文: readonly string[] };
  /** 措施的对象（被判定的实体）。 */
  readonly 对象?: string;
  /** 发放对象：领取待遇者不是被判定的实体时。 */
  readonly 发放对象?: string;
  readonly 牵头单位: readonly string[];
  readonly 责任单位: readonly string[];
  /** 给人看的理由（适用的规则、矛盾、缺口、缺少的事实）。 */
  readonly 理由: readonly string[];
  /** 每条规则的解释。 */
  readonly 规则: readonly 规则追踪[];
  /** 起草者记录的存疑及所采用的解读。 */
  readonly 存疑?: readonly { readonly 名称: string; readonly 采用: string; readonly 理由?: string }[];
  /** 每个没有确定值的结果及其原因（各结果分别判断）。 */
  readonly 问题?: readonly 结果问题[];
  /** 状态为“存疑”时：其取值可以决定结果的事实（或不确定的日期），按字典序。 */
  readonly 缺少?: readonly string[];
  /** 用到的定义及其取值。 */
  readonly 定义?: readonly 定义追踪[];
  /** 本措施的申请条件（附件）及其是否成立。 */
  readonly 申请?: {
    readonly 措施: string; readonly 状态: 状态; readonly 条款: { readonly 锚点: string; readonly 标签: string };
    readonly 理由?: readonly string[];
  };
  /** 实际可以领取的：正文的待遇与申请条件合并（两者均适用才适用）。 */
  readonly 可领取?: { readonly 状态: 状态; readonly 结果: Readonly<Record<string, 结果值>> };
}

/** evaluate 的返回值。 */
export interface 决定集 {
  readonly 政策: { readonly 名称: string; readonly 文号?: string };
  /** 评估日期 "YYYY-MM-DD"。 */
  readonly 评估日期: string;
  /** 调用方在选项中说明的事件登记（说明了才有）。 */
  readonly 事件登记?: 事件登记;
  /** 政策在评估日期已废止时：废止日期与触发的事件。 */
  readonly 废止?: { readonly 日期: string; readonly 事件: 上级政策事件 };
  /**
   * 某事件可能已使政策废止（其失效条件未知，例如与只知道范围的施行日比较）且评估日期不早于可能的废止日期时：
   * 可能的废止日期、事件及取决于什么；会给予待遇的措施为“存疑”。
   */
  readonly 可能废止?: { readonly 日期: string; readonly 事件: 上级政策事件; readonly 取决于: readonly string[] };
  /** 施行日：确定的日期，或只知道在某个范围内（最早、最晚），及说明。 */
  readonly 生效?: { readonly 日期?: string; readonly 范围?: { readonly 最早: string; readonly 最晚: string }; readonly 说明?: string };
  /** 输入违反的前提（编码只在前提成立时经过验证）。 */
  readonly 前提不满足?: readonly { readonly 名称: string; readonly 说明?: string }[];
  /** 每项可计算措施一个决定，按政策中的顺序。 */
  readonly 决定: readonly 决定[];
}

/** evaluateFast / evaluateMany 的选项：求值选项，加上只求哪些措施。 */
export interface 快速求值选项 extends 求值选项 {
  /**
   * 只求这些措施（本政策可计算的措施名，不重复），决定集中的决定按这里的顺序；省略时为全部措施，按政策中的顺序。
   * 所选措施引用的其他措施（适用（措施）、措施.结果、申请条件）照常求出，但不列入决定集。
   */
  readonly 措施?: readonly 措施名[];
}

/** evaluateFast 的一项：只有状态与结果的值（与 evaluate 的 状态、结果[名].值、可领取.状态 相同）。 */
export interface 快速决定 {
  readonly 措施: string;
  readonly 状态: 状态;
  readonly 结果: Readonly<Record<string, number | boolean | string>>;
  /** 有申请条件的措施：实际可以领取的状态。 */
  readonly 可领取?: 状态;
}

/** evaluateFast 的返回值。 */
export interface 快速决定集 {
  readonly 评估日期: string;
  readonly 事件登记?: 事件登记;
  /** 输入违反的前提（名称）。 */
  readonly 前提不满足?: readonly string[];
  readonly 决定: readonly 快速决定[];
}

/** 输入中的一处问题。 */
export interface 输入问题 {
  /** 如 "事实.家庭.子女数"、"事实.家庭.子女[1].出生日期"、"评估日期"、"事件[0].级别"。 */
  readonly 路径: string;
  readonly 期望: string;
  readonly 实际: string;
}

/** 输入有误时由 evaluate / evaluateFast / evaluateMany 抛出：一次列出全部问题。 */
export class InputError extends Error {
  /** 全部问题（路径、期望、实际），按发现的顺序。 */
  readonly problems: readonly 输入问题[];
  /** evaluateMany：出错的行（自 0 起）；其他情况为 undefined。 */
  readonly 行: number | undefined;

  constructor(problems: readonly 输入问题[], 行?: number) {
    super((行 !== undefined ? '第 ' + String(行) + ' 行（自 0 起）的' : '') + '输入数据有 ' + String(problems.length) + ' 处问题：\n' + problems.map((p) => '  ' + p.路径 + ': 期望' + p.期望 + '，实际为 ' + p.实际).join('\n'));
    this.name = 'InputError';
    this.problems = problems;
    this.行 = 行;
  }
}

/**
 * 工作日期限需要法定节假日安排未覆盖的年份时由 evaluate / evaluateFast 抛出（代码 ZC0805）：
 * 整个求值失败，绝不按“周一至周五上班”推测。
 */
export class CalendarCoverageError extends Error {
  readonly code = 'ZC0805';
  /** 缺少安排的年份。 */
  readonly year: number;
  /** 内置工作日历覆盖的年份（含两端）。 */
  readonly coverage: { readonly firstYear: number; readonly lastYear: number };

  constructor(year: number, coverage: { readonly firstYear: number; readonly lastYear: number }, message: string) {
    super(message);
    this.name = 'CalendarCoverageError';
    this.year = year;
    this.coverage = coverage;
  }
}

export type Status = 状态;
export type PolicyEvent = 上级政策事件;
export type EventsRegistry = 事件登记;
export type EvaluateOptions = 求值选项;
export type OutcomeValue = 结果值;
export type ConditionTrace = 条件追踪;
export type RuleTrace = 规则追踪;
export type DefinitionTrace = 定义追踪;
export type OutcomeProblem = 结果问题;
export type Decision = 决定;
export type Decisions = 决定集;
export type FastDecision = 快速决定;
export type FastDecisions = 快速决定集;
export type FastEvaluateOptions = 快速求值选项;
export type MeasureName = 措施名;
export type InputProblem = 输入问题;
export type Facts = 输入事实;
`;

class Emitter {
  private readonly taken = new Set<string>([...RESERVED_TYPE_NAMES, ...EXPORTED_NAMES]);
  private readonly enumNames = new Map<string, string>();
  private readonly entityNames = new Map<string, string>();
  readonly mod: ModuleGen;
  private readonly use: Map<string, string[]>;
  /** evaluateFast has a raw path (ts-raw.ts rawEnabled; set by dataSection, read by fastSetup). */
  private raw = false;

  /** Measures whose outcomes some expression reads (措施.结果). */
  private readonly outcomeRead = new Set<string>();

  constructor(private readonly ir: IrProgram) {
    const exprs = [...ir.measures.flatMap((m) => m.rules.flatMap((r) => [r.condition, ...r.assignments.map((a) => a.value)])), ...ir.definitions.map((d) => d.expr), ...ir.assumptions.map((a) => a.condition), ...(ir.policy.sunset ? [ir.policy.sunset.condition] : [])];
    for (const e of exprs) walk(e, (x) => { if (x.k === 'outcome') this.outcomeRead.add(x.measure); });
    for (const n of internalNames(ir)) this.taken.add(n);
    this.mod = new ModuleGen(ir, new Map(ir.params.map((p, i) => [p.name, `_p${i}`])));
    this.use = fieldUse(ir);
    for (const e of ir.entities) {
      for (const f of e.fields) {
        if (f.type.k === 'enum' && !this.enumNames.has(f.type.name)) this.enumNames.set(f.type.name, typeName(f.type.name, '枚举', this.taken));
      }
    }
    for (const e of ir.entities) this.entityNames.set(e.name, typeName(e.name, '实体', this.taken));
  }

  header(): string {
    const p = this.ir.policy;
    const lines: string[] = [
      `政策「${commentText(p.name)}」${p.docNumber ? `（${commentText(p.docNumber)}）` : ''}的求值模块。`,
    ];
    if (p.title) lines.push(`标题：${commentText(p.title)}`);
    if (p.issuer) lines.push(`发文机关：${commentText(p.issuer)}`);
    if (p.basis.length) lines.push(`依据：${p.basis.map(commentText).join('；')}`);
    const range = p.effectiveRange ? `某日（${p.effectiveRange.loIso} 至 ${p.effectiveRange.hiIso} 之间，确切日期未知）` : undefined;
    lines.push(`生效：${p.effectiveIso ?? range ?? '未知'}${p.effectiveNote ? `（${commentText(p.effectiveNote)}）` : ''}`);
    if (p.sunset) lines.push(`失效：${commentText(p.sunset.condition.origin?.text ?? '')}（起算：${p.sunset.start === 'sameDay' ? '当日' : '次日'}）`);
    if (p.interpreter) lines.push(`解释机关：${commentText(p.interpreter)}`);
    const example = this.exampleFacts();
    lines.push(
      '',
      '用法：',
      `  import { evaluate, InputError } from './generated/${commentText(p.id)}/index.js';`,
      `  const d = evaluate(${commentText(example)}, '2024-07-15', []);`,
      '  for (const x of d.决定) console.log(x.措施, x.状态, x.结果, x.条款.标签);',
      '',
      '名称映射（确定性）：',
      '  - 实体、字段、措施、规则、结果、定义的名称一律原样使用 DSL 中的中文名（不含「」【】）。',
      '  - 属性名（实体、字段）：是合法的 TypeScript 标识符则原样书写（子女数），否则写成带引号的',
      '    属性名（"0-3岁婴幼儿"）；运行时的键始终是原名。',
      '  - 类型名（实体接口、枚举类型）：是合法标识符、不是保留字且不与本模块的其他名称冲突时原样',
      '    使用（家庭、性别）；否则为「实体_」/「枚举_」加原名，原名中不能出现在标识符里的字符写成',
      '    _u<十六进制码位>_（「0-3岁婴幼儿」→ 实体_0_u2d_3岁婴幼儿）；仍冲突时追加 _2、_3…（按声明顺序）。',
      `  - 本模块导出的名称：${EXPORTED_NAMES.join('、')}；以 _ 开头的名称为内部名称。`,
      '',
      '取值约定：金额输入为元（"1000.50" 或 1000.5，最多两位小数），输出为 "1000.00" 并附整数「分」；',
      '日期为 "YYYY-MM-DD"；比例输入为 "50%"、"4.8‰"（精确），运算为精确分数，输出为精确的百分数（"33.(3)%"）；',
      '周岁、月龄按《民法典》第二百零一、二百零二条计算（出生当日为 0；到期月的对应日、无对应日时的月末届满，',
      '次日起算满）。实体的字段可以是另一个实体（嵌套对象）或实体的列表（数组）；标明“可为负”的字段接受负数。',
      '缺少的事实使依赖它的条件为未知，相关措施为“存疑”并指出缺少哪些事实；只知道在某个范围内的日期',
      '（某日、施行日）使比较只在整个范围都一致时才确定，否则为“存疑”并指出该日期及其范围。',
      '输入中没有某个实体时，它是否存在也是未知（以它为对象、本会适用的措施为“存疑”）；要说明某个实体',
      '不存在，写 实体名: \'不存在\'（以它为对象的措施为“不适用”）。输入必须是普通对象（JSON 那样的数据）：',
      'Map、Date、类的实例、读取时抛出异常的 getter 或 Proxy 都是 InputError（指出路径）。',
      '事件登记：evaluate(事实, 日期, 事件, { 事件登记: { 路径, sha256 } | \'none\' }) 把所依据的登记记入决定集。',
      '运行环境：ES2020 及以上（使用 BigInt）；本模块不依赖任何其他模块。',
    );
    return `// 此文件由 ZhengCe 生成，请勿手工修改。Generated by ZhengCe from ${commentText(p.name)} — do not edit.\n${jsdoc(lines)}\n`;
  }

  /** A small example facts object (as TS source) for the documentation. */
  private exampleFacts(): string {
    const e = this.ir.entities.find((x) => x.fields.some((f) => f.type.k !== 'entity' && f.type.k !== 'list'));
    if (!e) return '{}';
    const f = e.fields.find((x) => x.type.k !== 'entity' && x.type.k !== 'list')!;
    const sample = ((): string => {
      switch (f.type.k) {
        case 'bool': return 'true';
        case 'money': return "'1000.00'";
        case 'date': return "'2024-01-15'";
        case 'enum': return f.type.members[0] !== undefined ? lit(f.type.members[0]) : "''";
        case 'text': return "'…'";
        case 'quantity': return f.type.dim === 'ratio' ? "'50%'" : '1';
        default: return '1';
      }
    })();
    return `{ ${propertyKey(e.name)}: { ${propertyKey(f.name)}: ${sample} } }`;
  }

  /** Field type as written in the input interface. */
  private inputType(t: IrType): string {
    switch (t.k) {
      case 'bool': return 'boolean';
      case 'money': return 'string | number';
      case 'date':
      case 'text': return 'string';
      case 'enum': return this.enumNames.get(t.name) ?? (t.members.length ? t.members.map(lit).join(' | ') : 'never');
      case 'quantity': return t.dim === 'ratio' ? 'string' : 'number';
      case 'int': return 'number';
      case 'entity': return this.entityNames.get(t.name) ?? 'never';
      case 'list': return `readonly ${this.entityNames.get(t.elem) ?? 'never'}[]`;
    }
  }

  inputTypes(): Statement[] {
    const out: Statement[] = [];
    for (const [name, id] of this.enumNames) {
      const t = this.ir.entities.flatMap((e) => e.fields).find((f) => f.type.k === 'enum' && f.type.name === name)!.type as Extract<IrType, { k: 'enum' }>;
      out.push({
        kind: StructureKind.TypeAlias, name: id, isExported: true,
        docs: [{ description: `枚举「${commentText(name)}」：${t.members.map(commentText).join('、') || '（无成员）'}` }],
        type: t.members.length ? t.members.map(lit).join(' | ') : 'never',
      });
    }
    for (const e of this.ir.entities) out.push(this.entity(e));
    const names = [...new Set(this.ir.measures.map((m) => m.name))];
    out.push({
      kind: StructureKind.TypeAlias, name: '措施名', isExported: true,
      docs: [{ description: '本政策可计算的措施（evaluateFast / evaluateMany 的选项“措施”），按政策中的顺序。' }],
      type: names.length ? names.map(lit).join(' | ') : 'never',
    });
    out.push({
      kind: StructureKind.Interface, name: '输入事实', isExported: true,
      docs: [{ description: ['输入事实：实体名 → 字段 → 值。实体与字段均可省略（缺少的事实使依赖它的条件为未知）；', '实体写作 \'不存在\' 表示没有该实体；未声明的实体或字段、类型不符的值、非普通对象会被拒绝（InputError）。'].join('\n') }],
      properties: this.ir.entities.map((e) => ({
        name: propertyKey(e.name), type: `${this.entityNames.get(e.name)!} | '不存在'`, hasQuestionToken: true, isReadonly: true,
        docs: [{ description: [`实体「${commentText(e.name)}」。`, ...this.subjectOf(e.name)].join('\n') }],
      })),
    });
    return out;
  }

  private subjectOf(entity: string): string[] {
    const ms = this.ir.measures.filter((m) => m.subject === entity).map((m) => commentText(m.name));
    return ms.length ? [`以其为对象的措施（写作 '不存在' 时为“不适用”；省略时它是否存在未知，本会适用的为“存疑”）：${ms.join('、')}`] : [];
  }

  /** Definitions on an entity, for its documentation: they are derived, never input. */
  private definitionsOn(entity: string): string[] {
    const ds = this.ir.definitions.filter((d) => d.entity === entity);
    if (!ds.length) return [];
    return [
      '由事实推出的定义（不是输入字段，由求值模块计算，见决定的“定义”）：',
      ...ds.map((d) => `  - ${commentText(d.name.slice(entity.length + 1) || d.name)}（${commentText(kindLabel(d.type))}）${d.note ? `：${commentText(d.note)}` : ''}`),
    ];
  }

  private entity(e: IrEntity): InterfaceDeclarationStructure {
    return {
      kind: StructureKind.Interface, name: this.entityNames.get(e.name)!, isExported: true,
      docs: [{ description: [`实体「${commentText(e.name)}」的事实（字段均可省略）。`, ...this.subjectOf(e.name), ...this.definitionsOn(e.name)].join('\n') }],
      properties: e.fields.map((f) => {
        const used = this.use.get(`${e.name}\u0000${f.name}`);
        const doc = [
          ...(f.doc ? commentLines(f.doc) : []),
          `类型：${commentText(typeDescription(f.type, f.signed === true))}`,
          ...(used ? [`用于：${used.map(commentText).join('、')}`] : []),
        ];
        return { name: propertyKey(f.name), type: this.inputType(f.type), hasQuestionToken: true, isReadonly: true, docs: [{ description: doc.join('\n') }] };
      }),
    };
  }

  dataSection(): string {
    const out: string[] = ['// ───────────────────────────── 政策数据 ─────────────────────────────', ''];
    out.push('/** 已声明的实体及其字段类型（输入校验用），按声明顺序。 */');
    out.push('const _ENTITIES: readonly _Entity[] = [');
    for (const e of this.ir.entities) {
      const first = e.fields.filter((f, i) => e.fields.findIndex((g) => g.name === f.name) === i);
      out.push('  {');
      out.push(`    name: ${lit(e.name)},`);
      out.push(`    index: new Map<string, number>([${first.map((f) => `[${lit(f.name)}, ${e.fields.indexOf(f)}]`).join(', ')}]),`);
      out.push('    types: [');
      for (const f of e.fields) out.push(`      ${fieldTypeCode(f, this.mod)},`);
      out.push('    ],');
      out.push(`    names: ${lit(e.fields.map((f) => f.name).join('、'))},`);
      out.push('  },');
    }
    out.push('];');
    out.push('');
    const firstEntities = this.ir.entities.filter((e, i) => this.ir.entities.findIndex((x) => x.name === e.name) === i);
    out.push(`const _ENTITY_INDEX: ReadonlyMap<string, number> = new Map<string, number>([${firstEntities.map((e) => `[${lit(e.name)}, ${this.ir.entities.indexOf(e)}]`).join(', ')}]);`);
    out.push('');
    out.push(`const _ENTITY_NAMES = ${lit(this.ir.entities.map((e) => e.name).join('、'))};`);
    this.ir.params.forEach((p, i) => {
      out.push('');
      const doc = [`参数「${commentText(p.name)}」${p.unit ? `（${commentText(p.unit)}）` : ''}：`];
      for (const v of p.values) doc.push(`  ${v.fromIso} 起：${commentText(String(v.value))}${v.confirmed ? '' : '（未确认）'}${v.source ? `；来源：${commentText(v.source)}` : ''}`);
      if (p.values.length === 0) doc.push('  （没有取值）');
      out.push(jsdoc(doc));
      out.push(`const _p${i}: _Param = { name: ${lit(p.name)}, values: [${p.values.map((v) => `[${v.from}, ${typeof v.value === 'string' ? lit(v.value) : v.value}, ${v.confirmed}]`).join(', ')}] };`);
    });
    const measures = this.ir.measures.map((m, i) => this.measure(m, i));
    const assumptions = this.ir.assumptions.map((a) => this.assumption(a));
    // definitions are emitted when an expression uses one (their bodies may use more runtime parts)
    const definitions = this.mod.features.has('def') ? this.ir.definitions.map((d) => this.definition(d)) : [];
    const sunset = this.ir.policy.sunset;
    let sunsetText = '';
    if (sunset) {
      this.mod.features.add('sunset');
      sunsetText = [
        `/** 失效条件：${commentText(sunset.condition.origin?.text ?? '')}（起算：${sunset.start === 'sameDay' ? '当日' : '次日'}） */`,
        `const _sunsetCondition = ${conditionFn(this.mod, sunset.condition)};`,
        '',
        `const _SUNSET_OFFSET = ${sunset.start === 'nextDay' ? 1 : 0};`,
      ].join('\n');
    }
    const unusedParams = this.ir.params.map((_, i) => `_p${i}`).filter((x) => !this.mod.usedParams.has(x));
    if (this.ir.params.length) {
      // declared but unused parameters: keep the tables (documentation)
      this.mod.features.add('paramTable');
      if (unusedParams.length) out.push('', `void [${unusedParams.join(', ')}];`);
    }
    out.push('', ...measures.flatMap((t) => [t, '']));
    out.push('/** 全部可计算的措施，按政策中的顺序。 */');
    out.push(`const _MEASURES: readonly _Measure[] = [${this.ir.measures.map((_, i) => `_m${i}`).join(', ')}];`);
    out.push('', measureIndexFn(this.ir));
    out.push('', '/** 没有实体声明为不存在。 */', `const _NO_NONE: readonly boolean[] = [${this.ir.entities.map(() => 'false').join(', ')}];`);
    out.push('', fastValidation(this.ir, this.mod));
    // evaluateFast's raw path (ts-raw.ts), when every 前提 has raw code: its definitions after the code that reads them
    this.raw = rawEnabled(this.ir, this.mod);
    if (this.raw) {
      out.push('', rawValidation(this.ir, this.mod), '', rawMeasures(this.ir, this.mod));
      if (this.ir.assumptions.length) out.push('', rawAssumptions(this.ir, this.mod));
      const rawDefs = rawDefinitions(this.ir, this.mod);
      if (rawDefs) out.push('', rawDefs);
      out.push('', rawOne(this.ir, rawMeasureIndexes(this.ir, this.mod), this.inForceSurely()));
    }
    if (definitions.length) {
      out.push('', '/** 定义（由事实推出的结论），按声明顺序；求值时按实例缓存。 */');
      out.push('const _DEFS: readonly _Def[] = [');
      out.push(...definitions.map((d) => `${indent(d, '  ')},`));
      out.push('];');
      out.push('', defSlots(this.ir));
      const acc = fastDefAccessors(this.ir, this.mod.defAccessors);
      if (acc) out.push('', acc);
    }
    if (assumptions.length) {
      this.mod.features.add('assume');
      out.push('', '/** 前提（假定）：输入违反时在决定集中报告。 */');
      out.push('const _ASSUMPTIONS: readonly _Assumption[] = [');
      out.push(...assumptions.map((a) => `${indent(a, '  ')},`));
      out.push('];');
    }
    if (sunsetText) out.push('', sunsetText);
    if (this.mod.ivConsts.size > 0) {
      out.push('', '/** 只知道范围的日期（施行日、某日）：区间常量，每次求值共用（_Iv 不可变）。 */');
      for (const [code, name] of this.mod.ivConsts) out.push(`const ${name} = ${code};`);
    }
    if (closeFeatures(this.mod.features).has('workdays')) {
      const w = workdayData();
      out.push(
        '',
        '/** 法定节假日与调休安排（来自 chinese-days 的数据）：每行 "年 休 放假日… 班 调休上班日…"。只覆盖以下年份，其他年份无法计算工作日。 */',
        'const _WORKDAY_DATA: readonly string[] = [',
        ...w.lines.map((l) => `  ${lit(l)},`),
        '];',
        '',
        `const _WORKDAY_FIRST_YEAR = ${w.first};`,
        '',
        `const _WORKDAY_LAST_YEAR = ${w.last};`,
      );
    }
    return out.join('\n');
  }

  private definition(d: IrDefinition): string {
    const doc: string[] = [`定义「${commentText(d.name)}」（${commentText(kindLabel(d.type))}）${d.entity ? `，在实体「${commentText(d.entity)}」的每个实例上` : ''}`];
    if (d.citation) {
      doc.push(`条款：${commentText(d.citation.label)}${d.citation.anchor ? `（锚点 ${commentText(d.citation.anchor)}）` : ''}`);
      if (d.citation.quotes.length) {
        doc.push('原文：');
        for (const q of d.citation.quotes) doc.push(...commentLines(q).map((l) => `  ${l}`));
      }
    }
    if (d.note) doc.push(...commentLines(`说明：${d.note}`));
    if (d.doubts.length) doc.push(`所采用的存疑解读：${d.doubts.map(commentText).join('、')}`);
    doc.push(`表达式：${commentText(d.expr.origin?.text ?? '')}`);
    const k = displayKind(d.type);
    const c = d.citation;
    return [
      jsdoc(doc),
      '{',
      `  name: ${lit(d.name)},`,
      `  kind: ${lit(k.kind)},`,
      `  unit: ${lit(k.unit)},`,
      `  label: ${c?.label ? lit(c.label) : 'undefined'},`,
      `  quotes: ${c?.quotes.length ? `[${c.quotes.map(lit).join(', ')}]` : 'undefined'},`,
      `  f: ${indent(definitionFn(this.mod, d.expr), '  ').trimStart()},`,
      '}',
    ].join('\n');
  }

  private assumption(a: IrProgram['assumptions'][number]): string {
    const doc = [`前提「${commentText(a.name)}」：${commentText(a.condition.origin?.text ?? '')}`, ...(a.note ? commentLines(`说明：${a.note}`) : [])];
    return [
      jsdoc(doc),
      '{',
      `  name: ${lit(a.name)},`,
      `  note: ${a.note !== undefined ? lit(a.note) : 'undefined'},`,
      `  cond: ${indent(conditionFn(this.mod, a.condition), '  ').trimStart()},`,
      '}',
    ].join('\n');
  }

  private measure(m: IrMeasure, index: number): string {
    const c = m.citation;
    const doc: string[] = [`措施「${commentText(m.name)}」`];
    doc.push(`条款：${commentText(c.label)}${c.title ? ` ${commentText(c.title)}` : ''}（锚点 ${commentText(c.anchor)}）`);
    if (c.quotes.length) {
      doc.push('原文：');
      for (const q of c.quotes) doc.push(...commentLines(q).map((l) => `  ${l}`));
    }
    if (m.lead.length) doc.push(`牵头单位：${m.lead.map(commentText).join('、')}`);
    if (m.responsible.length) doc.push(`责任单位：${m.responsible.map(commentText).join('、')}`);
    if (m.subject) doc.push(`对象：${commentText(m.subject)}`);
    if (m.recipient) doc.push(`发放对象：${commentText(m.recipient)}`);
    if (m.application) doc.push(`申请条件：${commentText(m.application)}`);
    for (const o of m.outcomes) {
      const unit = displayKind(o.type).unit;
      doc.push(`结果：${commentText(o.name)}（${commentText(kindLabel(o.type))}${unit ? `，${commentText(unit)}` : ''}${o.period ? `，${commentText(o.period)}` : ''}${o.required ? '，必须' : ''}）`);
    }
    if (m.note) doc.push(...commentLines(`说明：${m.note}`));
    for (const d of m.doubts) {
      doc.push(`存疑「${commentText(d.name)}」：采用 ${commentText(d.adopted ?? '（未定）')}${d.reason ? `——${commentText(d.reason)}` : ''}`);
    }
    const outcomes = m.outcomes.map((o) => {
      const d = displayKind(o.type);
      const rules = m.rules.flatMap((r, i) => (r.assignments.some((a) => a.outcome === o.name) ? [i] : []));
      return `    { name: ${lit(o.name)}, kind: ${lit(d.kind)}, unit: ${lit(d.unit)}, period: ${o.period ? lit(o.period) : 'undefined'}, required: ${o.required}, rules: [${rules.join(', ')}] },`;
    });
    const lines = [
      jsdoc(doc),
      `const _m${index}: _Measure = {`,
      `  name: ${lit(m.name)},`,
      '  clause: {',
      `    锚点: ${lit(c.anchor)},`,
      `    标签: ${lit(c.label)},`,
      ...(c.title ? [`    标题: ${lit(c.title)},`] : []),
      `    原文: [${c.quotes.length ? '' : ']'}`,
      ...c.quotes.map((q) => `      ${lit(q)},`),
      ...(c.quotes.length ? ['    ],'] : []),
      '  },',
      `  lead: [${m.lead.map(lit).join(', ')}],`,
      `  responsible: [${m.responsible.map(lit).join(', ')}],`,
      m.doubts.length
        ? `  doubts: [${m.doubts.map((d) => `{ 名称: ${lit(d.name)}, 采用: ${lit(d.adopted ?? '')}${d.reason ? `, 理由: ${lit(d.reason)}` : ''} }`).join(', ')}],`
        : '  doubts: undefined,',
      `  subject: ${m.subject ? lit(m.subject) : 'undefined'},`,
      `  subjectIndex: ${m.subject ? this.mod.entity(m.subject) : -1},`,
      `  recipient: ${m.recipient !== undefined ? lit(m.recipient) : 'undefined'},`,
      `  application: ${m.application !== undefined ? `{ name: ${lit(m.application)}, index: ${this.mod.measure(m.application)} }` : 'undefined'},`,
      '  outcomes: [',
      ...outcomes,
      '  ],',
      '  rules: [',
      ...m.rules.map((r) => this.rule(m, r)),
      '  ],',
      `  read: ${this.outcomeRead.has(m.name)},`,
      `  fast: ${indent(fastJudge(m, index, this.mod), '  ').trimStart()},`,
      '};',
    ];
    return lines.join('\n');
  }

  private rule(m: IrMeasure, r: IrRule): string {
    const condText = r.condition.origin?.text;
    const overrides = m.rules.flatMap((x, i) => (r.overrides.includes(x.name) ? [i] : []));
    const head = [
      `// 规则「${commentText(r.name)}」${condText ? `条件：${commentText(condText)}` : '（无条件）'}`,
      ...(r.overrides.length ? [`// 例外于：${r.overrides.map(commentText).join('、')}`] : []),
      ...(r.note ? commentLines(r.note).map((l) => `// ${l}`) : []),
    ];
    const values = m.outcomes.map((o) => {
      const a = r.assignments.find((x) => x.outcome === o.name);
      return a ? valueFn(this.mod, a.value) : 'undefined';
    });
    const body = [
      ...head,
      '{',
      `  name: ${lit(r.name)},`,
      `  from: ${r.validFrom !== undefined ? `${r.validFrom} /* ${iso(r.validFrom)} */` : 'undefined'},`,
      `  to: ${r.validTo !== undefined ? `${r.validTo} /* ${iso(r.validTo)} */` : 'undefined'},`,
      // (an end counted from an uncertain 施行日: its range and the 施行日 it depends on; the written 有效期)
      ...(r.validFromRange ? [`  fr: [${r.validFromRange.lo}, ${r.validFromRange.hi}, ${lit(r.validFromRange.why)}],`] : []),
      ...(r.validToRange ? [`  tr: [${r.validToRange.lo}, ${r.validToRange.hi}, ${lit(r.validToRange.why)}],`] : []),
      ...(r.validText !== undefined ? [`  vt: ${lit(r.validText)},`] : []),
      `  overrides: [${overrides.join(', ')}],`,
      `  cond: ${indent(conditionFn(this.mod, r.condition), '  ').trimStart()},`,
      `  trace: ${indent(traceFn(this.mod, r.condition), '  ').trimStart()},`,
      `  unmet: ${indent(unmetFn(this.mod, r.condition), '  ').trimStart()},`,
      `  risky: ${this.mod.risky(r.condition)},`,
      '  values: [',
      ...values.map((v) => `${indent(v, '    ')},`),
      '  ],',
      '},',
    ];
    return indent(body.join('\n'), '    ');
  }

  /** Statements computing the policy's status on the evaluation date and the scope `s`. */
  private setup(full: boolean): string[] {
    const p = this.ir.policy;
    const hasSunset = p.sunset !== undefined;
    const range = p.effective === undefined ? p.effectiveRange : undefined;
    const notYet = p.effective !== undefined ? `inp.day < ${p.effective} /* ${iso(p.effective)} */` : range ? `inp.day < ${range.lo} /* ${range.loIso} */` : '';
    const lines = [
      'const inp = _validate(facts, 评估日期, 事件, 选项);',
      ...(hasSunset ? [
        'const vs = _voidStatus(inp);',
        'const voided = vs.void;',
        'const isVoid = voided !== undefined && inp.day >= voided.day;',
      ] : []),
      ...(notYet ? [`const notYet = ${notYet};`] : []),
    ];
    const status0 = `${hasSunset ? "isVoid ? '已废止' : " : ''}${notYet ? "notYet ? '未生效' : " : ''}undefined`;
    // doubts on whether the policy is in force on the evaluation date, in the interpreter's order:
    // an evaluation date inside the uncertain effective-date range, then an event that may void it
    const doubts: string[] = [];
    const inForce = [hasSunset ? '!isVoid' : '', notYet ? '!notYet' : ''].filter((x) => x);
    if (range && range.lo !== range.hi) {
      const date = `施行日（${range.loIso} 至 ${range.hiIso} 之间，确切日期未知）`;
      const cond = [...inForce, `inp.day < ${range.hi} /* ${range.hiIso} */`].join(' && ');
      doubts.push(`...(${cond} ? [{ text: ${lit(`评估日期可能早于${date}`)}, ifSo: '若尚未施行则不适用', miss: [${lit(date)}] }] : [])`);
    }
    if (hasSunset) {
      lines.push(`const maybeVoid = ${[...inForce, 'vs.maybe !== undefined', 'inp.day >= vs.maybe.day'].join(' && ')} ? vs.maybe : undefined;`);
      doubts.push('...(maybeVoid !== undefined ? [_voidDoubt(maybeVoid)] : [])');
    }
    lines.push(`const s = _scope(inp.f, inp.n, inp.day, ${full}, ${status0}, [${doubts.join(', ')}]);`);
    return lines;
  }

  /** The raw path's test that the policy is surely in force on the batch's evaluation date (ts-raw.ts _rawReady). */
  private inForceSurely(): string[] {
    const p = this.ir.policy;
    const range = p.effective === undefined ? p.effectiveRange : undefined;
    return p.effective !== undefined ? [`b.day >= ${p.effective} /* ${iso(p.effective)} */`] : range ? [`b.day >= ${range.hi} /* ${range.hiIso} */`] : [];
  }

  /** The body of `_fastOne`: as `setup(false)` + evaluateFast, on a validated batch and fast-validated facts. */
  private fastSetup(): string[] {
    const p = this.ir.policy;
    const hasSunset = p.sunset !== undefined;
    const assume = this.ir.assumptions.length > 0;
    const range = p.effective === undefined ? p.effectiveRange : undefined;
    const notYet = p.effective !== undefined ? `day < ${p.effective} /* ${iso(p.effective)} */` : range ? `day < ${range.lo} /* ${range.loIso} */` : '';
    const lines = [
      ...(this.raw ? ['if (_rawOn && _rawReady(b) && _rawCheck(facts, _rawDN)) return _rawOne(facts as _RR, b);'] : []),
      `const f: (_Rec | undefined)[] = [${this.ir.entities.map(() => 'undefined').join(', ')}];`,
      'const n = _rows(facts, b, f, row);',
      'const day = b.day;',
      ...(hasSunset ? [
        'const vs = b.evs.length === 0 ? _NO_VOID : _voidStatus({ f, n, day, evs: b.evs, reg: b.reg, sel: b.sel });',
        'const voided = vs.void;',
        'const isVoid = voided !== undefined && day >= voided.day;',
      ] : []),
      ...(notYet ? [`const notYet = ${notYet};`] : []),
    ];
    const status0 = `${hasSunset ? "isVoid ? '已废止' : " : ''}${notYet ? "notYet ? '未生效' : " : ''}undefined`;
    const inForce = [hasSunset ? '!isVoid' : '', notYet ? '!notYet' : ''].filter((x) => x);
    lines.push('let doubts: _Doubt[] | undefined;');
    if (range && range.lo !== range.hi) {
      const date = `施行日（${range.loIso} 至 ${range.hiIso} 之间，确切日期未知）`;
      const cond = [...inForce, `day < ${range.hi} /* ${range.hiIso} */`].join(' && ');
      lines.push(`if (${cond}) (doubts ??= []).push({ text: ${lit(`评估日期可能早于${date}`)}, ifSo: '若尚未施行则不适用', miss: [${lit(date)}] });`);
    }
    if (hasSunset) {
      lines.push(`const maybeVoid = ${[...inForce, 'vs.maybe !== undefined', 'day >= vs.maybe.day'].join(' && ')} ? vs.maybe : undefined;`);
      lines.push('if (maybeVoid !== undefined) (doubts ??= []).push(_voidDoubt(maybeVoid));');
    }
    lines.push(
      `const s = _scope(f, n, day, false, ${status0}, doubts ?? _NO_DOUBTS, true);`,
      'const sel = b.sel;',
      'const 决定 = new Array<快速决定>(sel === undefined ? _MEASURES.length : sel.length);',
      'if (sel === undefined) for (let i = 0; i < _MEASURES.length; i++) 决定[i] = (_measure(s, i) as _Done).fast as 快速决定;',
      'else for (let i = 0; i < sel.length; i++) 决定[i] = (_measure(s, sel[i] as number) as _Done).fast as 快速决定;',
      '// 评估日期已校验为严格的 "YYYY-MM-DD"：即 _iso(day)',
      'const date = b.date as string;',
    );
    if (assume) {
      lines.push(
        'const violated = _violated(s);',
        'if (b.reg === undefined && violated.length === 0) return { 评估日期: date, 决定 };',
        'return { 评估日期: date, ...(b.reg !== undefined ? { 事件登记: b.reg } : {}), ...(violated.length > 0 ? { 前提不满足: violated.map((a) => a.name) } : {}), 决定 };',
      );
    } else {
      lines.push(
        'if (b.reg === undefined) return { 评估日期: date, 决定 };',
        'return { 评估日期: date, 事件登记: b.reg, 决定 };',
      );
    }
    return lines;
  }

  functions(): FunctionDeclarationStructure[] {
    const p = this.ir.policy;
    const hasSunset = p.sunset !== undefined;
    const assume = this.ir.assumptions.length > 0;
    const params = [
      { name: 'facts', type: '输入事实' },
      { name: '评估日期', type: 'string' },
      { name: '事件', type: 'readonly 上级政策事件[]', hasQuestionToken: true },
      { name: '选项', type: '求值选项', hasQuestionToken: true },
    ];
    const paramDocs = [
      { tagName: 'param', text: 'facts 事实：实体名 → 字段 → 值（见 输入事实）。实体与字段均可省略：缺少的事实使依赖它的条件为未知，相关措施为“存疑”。' },
      { tagName: 'param', text: '评估日期 "YYYY-MM-DD"：按哪一天的情况判定（年龄、有效期、参数取值、是否废止）。' },
      { tagName: 'param', text: '事件 上级政策事件（用于判断本政策是否已废止）；省略时视为没有事件。' },
      { tagName: 'param', text: '选项 事件登记：事件来自哪一份登记（{ 路径, sha256 }，或 \'none\' 表示明确不考虑事件），原样记入返回值的“事件登记”。zhengce eval 总是说明它；从登记文件读事件的调用方也应说明。' },
    ];
    const range = p.effective === undefined ? p.effectiveRange : undefined;
    const generatedEffective = [
      '生效: {',
      ...(p.effectiveIso ? [`  日期: ${lit(p.effectiveIso)},`] : []),
      ...(range ? [`  范围: { 最早: ${lit(range.loIso)}, 最晚: ${lit(range.hiIso)} },`] : []),
      ...(p.effectiveNote ? [`  说明: ${lit(p.effectiveNote)},`] : []),
      '},',
    ];
    const throwsDocs = [
      { tagName: 'throws', text: '{InputError} 输入有误时，一次列出全部问题（路径、期望、实际）；读取时抛出异常的 getter、Proxy 与非普通对象也是 InputError。' },
      { tagName: 'throws', text: '{CalendarCoverageError} 工作日期限需要内置节假日安排未覆盖的年份时（代码 ZC0805）。' },
    ];
    const evaluate: FunctionDeclarationStructure = {
      kind: StructureKind.Function, name: 'evaluate', isExported: true,
      docs: [{
        description: [
          `按「${commentText(p.name)}」求值：给定事实、评估日期与上级政策事件，返回每项可计算措施的状态`,
          '（适用 / 不适用 / 未生效 / 已废止 / 存疑）、结果（金额精确到分，附单位与周期）、条款引用（锚点、标签、原文）、',
          '对象与发放对象、牵头与责任单位、解释（每条规则的每个条件是否成立、各操作数的取值）、用到的定义、',
          '每个结果的问题（矛盾、缺口、未知）、缺少哪些事实，以及申请条件与可领取的待遇。',
          '与 ZhengCe 的参考解释器对同一输入给出相同的结果。除 InputError（输入中读取时抛出异常的 getter、Proxy',
          '也是 InputError，并指出路径）、CalendarCoverageError 外不抛出异常',
          '（日期运算超出公元 1—9999 年时抛出 RangeError）。',
        ].join('\n'),
        tags: [
          ...paramDocs,
          { tagName: 'returns', text: '决定集：政策、评估日期、废止（若已废止）、生效、违反的前提、每项措施的决定。' },
          ...throwsDocs,
          { tagName: 'example', text: `\nconst d = evaluate(${commentText(this.exampleFacts())}, '2024-07-15', []);\nd.决定[0]?.状态; // '适用' | '不适用' | …` },
        ],
      }],
      parameters: params,
      returnType: '决定集',
      statements: [
        ...this.setup(true),
        'const 决定 = _MEASURES.map((_, i) => (_measure(s, i) as _Done).full as 决定);',
        ...(assume ? ['const violated = _violated(s);'] : []),
        'return {',
        `  政策: { 名称: ${lit(p.name)}${p.docNumber ? `, 文号: ${lit(p.docNumber)}` : ''} },`,
        '  评估日期: _iso(inp.day),',
        '  ...(inp.reg !== undefined ? { 事件登记: inp.reg } : {}),',
        ...(hasSunset ? [
          '  ...(isVoid ? { 废止: { 日期: _iso(voided.day), 事件: voided.ev } } : {}),',
          '  ...(maybeVoid !== undefined ? { 可能废止: { 日期: _iso(maybeVoid.day), 事件: maybeVoid.ev, 取决于: maybeVoid.miss.slice() } } : {}),',
        ] : []),
        ...generatedEffective.map((l) => `  ${l}`),
        ...(assume ? ['  ...(violated.length > 0 ? { 前提不满足: violated.map((a) => ({ 名称: a.name, ...(a.note !== undefined ? { 说明: a.note } : {}) })) } : {}),'] : []),
        '  决定,',
        '};',
      ],
    };
    const fastParams = [...params.slice(0, 3), { name: '选项', type: '快速求值选项', hasQuestionToken: true }];
    const fastOptionDoc = { tagName: 'param', text: '选项 事件登记（同 evaluate），以及 措施：只求这些措施（措施名的列表；决定按列表的顺序），省略时为全部措施。' };
    const fast: FunctionDeclarationStructure = {
      kind: StructureKind.Function, name: 'evaluateFast', isExported: true,
      docs: [{
        description: [
          '与 evaluate 语义相同的快速求值（批量使用）：不生成解释与引用，每项措施只返回状态与结果的值',
          '（金额为 "1000.00"，比例为 "50%"）及可领取的状态。状态与值总与 evaluate 一致；输入校验与异常相同。',
          '选项“措施”只求所选的措施。校验与判定是为本政策生成的专用代码（按字段名直接校验，措施的规则与优先关系展开）；',
          '不寻常但合格的输入（原型为 null 的对象等）与有误的输入改用完整校验，结果与异常同 evaluate。',
        ].join('\n'),
        tags: [
          ...paramDocs.slice(0, 3),
          fastOptionDoc,
          { tagName: 'returns', text: '快速决定集：评估日期、违反的前提（名称）与每项（所选）措施的 { 措施, 状态, 结果, 可领取 }。' },
          ...throwsDocs,
          { tagName: 'example', text: `\nconst d = evaluateFast(${commentText(this.exampleFacts())}, '2024-07-15', [], { 措施: [${this.ir.measures[0] ? commentText(lit(this.ir.measures[0].name)) : ''}] });\nd.决定[0]?.状态;` },
        ],
      }],
      parameters: fastParams,
      returnType: '快速决定集',
      statements: ['return _fastOne(facts, _batch(评估日期, 事件, 选项), undefined);'],
    };
    const manyDoc = [
      '对多行事实（例如一个县的全部家庭）逐行求值，流式给出每行的快速决定集（与 evaluateFast 相同），按行的顺序：',
      '行是数组、生成器等可迭代对象时返回生成器，是异步可迭代对象（文件流、数据库游标）时返回异步生成器（for await）。',
      '评估日期、事件与选项对所有行相同，只校验一次（有误时立即抛出 InputError）；某行有误时在读到该行时抛出 InputError，',
      '其“行”为该行的序号（自 0 起），已给出的决定不受影响。不把行读入内存。',
    ].join('\n');
    const manyTags = [
      { tagName: 'param', text: 'rows 每行一个事实对象（见 输入事实）。' },
      ...paramDocs.slice(1, 3),
      fastOptionDoc,
      ...throwsDocs,
    ];
    const manyRest = fastParams.slice(1);
    const many: FunctionDeclarationStructure = {
      kind: StructureKind.Function, name: 'evaluateMany', isExported: true,
      overloads: [
        { docs: [{ description: manyDoc, tags: [...manyTags, { tagName: 'example', text: '\nfor (const d of evaluateMany(families, \'2024-07-15\', [], { 措施: [...] })) console.log(d.决定[0]?.状态);' }] }], parameters: [{ name: 'rows', type: 'Iterable<输入事实>' }, ...manyRest], returnType: 'Generator<快速决定集, void, undefined>' },
        { docs: [{ description: manyDoc, tags: [...manyTags, { tagName: 'example', text: '\nfor await (const d of evaluateMany(stream, \'2024-07-15\')) console.log(d.决定[0]?.状态);' }] }], parameters: [{ name: 'rows', type: 'AsyncIterable<输入事实>' }, ...manyRest], returnType: 'AsyncGenerator<快速决定集, void, undefined>' },
      ],
      parameters: [{ name: 'rows', type: 'Iterable<输入事实> | AsyncIterable<输入事实>' }, ...manyRest],
      returnType: 'Generator<快速决定集, void, undefined> | AsyncGenerator<快速决定集, void, undefined>',
      statements: [
        'const b = _batch(评估日期, 事件, 选项);',
        'if (!b.ok) throw new InputError(b.problems);',
        'const kind = _rowsKind(rows);',
        "if (kind === 'async') return _manyAsync(rows as AsyncIterable<unknown>, b);",
        "if (kind === 'sync') return _manySync(rows as Iterable<unknown>, b);",
        "throw new InputError([{ 路径: '行', 期望: '可迭代的行（数组、生成器）或异步可迭代的行（流、游标）', 实际: _got(rows) }]);",
      ],
    };
    const one: FunctionDeclarationStructure = {
      kind: StructureKind.Function, name: '_fastOne',
      docs: [{ description: 'evaluateFast / evaluateMany 的一行：校验（_rows），政策在评估日期的状态，所选措施的专用判定（_Measure.fast）。' }],
      parameters: [{ name: 'facts', type: 'unknown' }, { name: 'b', type: '_Batch' }, { name: 'row', type: 'number | undefined' }],
      returnType: '快速决定集',
      statements: this.fastSetup(),
    };
    return [evaluate, fast, many, one];
  }
}

/**
 * Emit the TypeScript evaluator of one policy.
 * Returns files relative to generated/<ir.policy.id>/: `index.ts` and `schema.json`.
 */
export function emitTypeScript(ir: IrProgram): Map<string, string> {
  const em = new Emitter(ir);
  // the data section decides which runtime parts are needed
  const data = em.dataSection();
  // ts-morph prints the structured declarations; the runtime and data chunks are plain text
  // spliced in between (printing them through ts-morph would only re-parse them)
  const types = buildSourceFile(em.inputTypes()).getFullText();
  const fns = buildSourceFile(em.functions()).getFullText();
  const body = [OUTPUT_TYPES.trim(), types.trim(), runtimeSource(em.mod.features), data, fns.trim()].join('\n\n');
  // the header is prepended as text: ts-morph would attach a leading comment to the first statement
  const text = (em.header() + '\n' + body).replace(/\n{3,}/g, '\n\n').replace(/\s*$/, '\n');
  const files = new Map<string, string>();
  files.set('index.ts', text);
  files.set('schema.json', JSON.stringify(inputSchema(ir), null, 2) + '\n');
  return files;
}
