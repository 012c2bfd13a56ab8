/**
 * Documentation emitter: IR → generated/docs/ in Markdown and HTML.
 * Input: the IR of each policy (+ optionally its checked program, for what the IR does
 * not carry: 定性 sentences, measures without rules, 性质, organisations' full names,
 * the 成文日期 and the written order of items in a clause).
 * Output: file name (relative to generated/docs/) → content:
 *   index.md, index.html            list of policies
 *   <policy id>.md, <policy id>.html one page per policy
 *
 * A policy page: header (文号, 发文机关, 依据, 生效, 失效 in plain Chinese, 解释机关);
 * table of contents (the clause tree); per clause its 原文 and, for each measure, the
 * 原文 beside the rules rendered in plain Chinese, a decision table per outcome, the
 * parameters used (values by effective date, source, 未确认 badge) and the 存疑 notes;
 * a measure's meta names the entity evaluated, the recipient (发放对象) and the
 * application conditions (申请条件, linked both ways); then definitions (定义: 原文 beside
 * the plain-Chinese formula, clause, where each is used), assumptions (前提),
 * indicators, parameters, entities (with 可为负, list and record fields and the
 * definitions on each entity) and the 存疑 index. An effective date known only within a
 * range (生效：某日（…）) is shown as that range. Everything is cross-linked (rule →
 * clause, clause → measure, doubt → clause, parameter → rules, definition ↔ users).
 *
 * INVARIANT: output is a pure function of the input (no clock, no environment, sorted
 * where the input order is not meaningful); every policy string is escaped by the
 * renderer of its format (docs-html.ts, docs-md.ts).
 */
import type { IrDefinition, IrDoubtRef, IrExpr, IrMeasure, IrOutcome, IrParam, IrProgram, IrProperty, IrRule } from '../ir/ir.js';
import type { CheckedProgram } from '../semantics/model.js';
import { display } from '../interpret/interpreter.js';
import { badge, bold, code, joinRich, link, type Block, type Inline, type ListItem, type Rich } from './docs-blocks.js';
import { docsExtras, type ClauseItemRef, type DocsExtras } from './docs-extras.js';
import { renderHtml } from './docs-html.js';
import { renderMd } from './docs-md.js';
import { condText, definitionsIn, literals, paramsIn, ruleText, sunsetText, typeText, validityText, valueText } from './docs-text.js';

export interface DocsInput {
  readonly ir: IrProgram;
  /** The checked program the IR was lowered from, for what the IR does not carry. */
  readonly checked?: CheckedProgram;
  /** Or the same information as plain data (tests). */
  readonly extras?: DocsExtras;
  /**
   * The policy has a synthetic-population profile (policies/<policy>/人口画像.yaml), so `zhengce
   * batch --synthesize … --docs generated/docs/budget` writes its budget estimate page
   * (`budget/<policy>-budget.md`): the index links it.
   */
  readonly budget?: boolean;
}

type Ext = 'md' | 'html';

/** An id usable as HTML id, URL fragment and Markdown anchor without encoding. */
export function safeId(s: string): string {
  const r = s.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}`);
  return r === '' ? '_' : r;
}

/** File stem of each policy page: the policy id, made path-safe and unique (ids in sorted order). */
function fileStems(irs: readonly IrProgram[]): string[] {
  const used = new Set<string>(['index']);
  return irs.map((ir) => {
    const base = ir.policy.id.replace(/[^A-Za-z0-9_-]/g, '_') || 'policy';
    let stem = base;
    for (let n = 2; used.has(stem); n++) stem = `${base}_${n}`;
    used.add(stem);
    return stem;
  });
}

/** Policy id → file stem of its documentation page (as emitDocs names them). */
export function docPageStems(ids: readonly string[]): Map<string, string> {
  const sorted = [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const stems = fileStems(sorted.map((id) => ({ policy: { id } }) as IrProgram));
  return new Map(sorted.map((id, i) => [id, stems[i]!]));
}

/**
 * The published verification report (zhengce start writes it beside the docs, in
 * generated/docs/verify/) and the ids of its sections: the docs link into it and it
 * links back (report-html.ts).
 */
export const REPORT_PAGE = 'verify/report.html';
export const reportPolicyId = (policy: string) => `p-${safeId(policy)}`;
export const reportClauseId = (policy: string, anchor: string | undefined) => `${reportPolicyId(policy)}--${anchor ? safeId(anchor) : 'whole'}`;

/** Generate all documentation files. */
export function emitDocs(items: readonly DocsInput[]): Map<string, string> {
  const sorted = [...items].sort((a, b) => (a.ir.policy.id < b.ir.policy.id ? -1 : a.ir.policy.id > b.ir.policy.id ? 1 : 0));
  const stems = fileStems(sorted.map((x) => x.ir));
  const files = new Map<string, string>();
  const indexTitle = '政策文档索引';
  const budgets = sorted.filter((x) => x.budget).map((x) => x.ir);
  files.set('index.md', renderMd(indexBlocks(sorted.map((x) => x.ir), stems, 'md', budgets)));
  files.set('index.html', renderHtml(indexTitle, indexBlocks(sorted.map((x) => x.ir), stems, 'html', budgets)));
  sorted.forEach((item, i) => {
    const extras = item.extras ?? (item.checked ? docsExtras(item.checked) : undefined);
    const md = new PolicyPage(item.ir, extras, 'md');
    const html = new PolicyPage(item.ir, extras, 'html');
    files.set(`${stems[i]}.md`, renderMd(md.blocks()));
    files.set(`${stems[i]}.html`, renderHtml(html.title(), html.blocks()));
  });
  return files;
}

function stats(ir: IrProgram): { measures: number; rules: number; doubts: number; unconfirmed: number } {
  return {
    measures: ir.measures.length,
    rules: ir.measures.reduce((n, m) => n + m.rules.length, 0),
    doubts: ir.doubts.length,
    unconfirmed: ir.params.reduce((n, p) => n + p.values.filter((v) => !v.confirmed).length, 0),
  };
}

const FOOTER = '本文档由 ZhengCe 文档生成器依据政策源文件自动生成，请勿手工编辑。“原文”均逐字引自政策来源文件（编译器已核对）；规则为原文的形式化表述，以原文为准。';

/** The budget estimate page of a policy, relative to the docs directory (written by `zhengce batch --synthesize --docs`). */
export const budgetPage = (policy: string) => `budget/${policy}-budget.md`;

/**
 * The committed change-impact examples (`zhengce diff` of a policy and a revision of it, relative to
 * the docs directory, without extension: a .md and an .html each): written and checked by
 * test/diff/county.test.ts, kept by build (docs/diff/). The index links each whose policy it lists.
 */
export const DIFF_EXAMPLES: readonly { readonly policy: string; readonly page: string; readonly title: string }[] = [
  { policy: 'luanchuan', page: 'diff/luanchuan-revision-example', title: '栾川县实施方案的一个修订（四（一）生育补助提高并扩大到二孩）' },
];

function indexBlocks(irs: readonly IrProgram[], stems: readonly string[], ext: Ext, budgets: readonly IrProgram[] = []): Block[] {
  const diffs = DIFF_EXAMPLES.filter((x) => irs.some((ir) => ir.policy.id === x.policy));
  const rows = irs.map((ir, i): Rich[] => {
    const s = stats(ir);
    return [
      [link(`${stems[i]}.${ext}`, ir.policy.title ?? ir.policy.name)],
      [ir.policy.docNumber ?? '—'],
      [ir.policy.issuer ?? '—'],
      [ir.policy.effectiveIso ?? (ir.policy.effectiveRange ? `${ir.policy.effectiveRange.loIso} 至 ${ir.policy.effectiveRange.hiIso} 之间` : '未知')],
      [String(s.measures)], [String(s.rules)], [String(s.doubts)],
      s.unconfirmed > 0 ? [String(s.unconfirmed), badge('未确认')] : ['0'],
      [link(`${REPORT_PAGE}#${reportPolicyId(ir.policy.id)}`, '核查发现')],
    ];
  });
  return [
    { t: 'h', level: 1, text: ['政策文档索引'] },
    { t: 'p', cls: 'subtitle', text: [`共 ${irs.length} 件政策`] },
    { t: 'table', cls: 'index', head: [['政策'], ['文号'], ['发文机关'], ['生效'], ['措施'], ['规则'], ['存疑'], ['未确认参数值'], ['核查']], rows },
    { t: 'p', text: ['核查报告（矛盾、缺口、有效性、性质等发现，附反例与条款；由 zhengce start 发布）：', link(REPORT_PAGE, '核查报告')] },
    ...(budgets.length ? [{ t: 'p', text: ['预算估算（合成县域人口上每项措施的户数与年化费用；是按所述假设的估算，不是统计数据；由 zhengce batch --synthesize … --docs generated/docs/budget 写出）：', ...budgets.flatMap((ir, i) => [...(i ? ['、'] : []), link(budgetPage(ir.policy.id), ir.policy.name)])] } as Block] : []),
    ...(diffs.length ? [{ t: 'p', text: ['变更影响报告示例（两个版本逐项措施的等价证明、得到/失去/改变及反例；由 zhengce diff 写出）：', ...diffs.flatMap((x, i) => [...(i ? ['、'] : []), link(`${x.page}.${ext}`, x.title)])] } as Block] : []),
    { t: 'p', cls: 'footer', text: [FOOTER] },
  ];
}

type Clause = IrProgram['clauses'][number];

const ANCHOR_PART = /^(annex|sec|subsec|item|subitem)_(\d+)$/;

/**
 * Clauses in document order: the IR lists them in file order, and a policy split over
 * several files (第一至三章.zc, 第四章.zc …) need not import them in numbering order.
 * The anchors (sec_4__subsec_1, annex_2__sec_1) carry the numbering: main text first,
 * then the annexes; a parent before its children. If an anchor is not of that form the
 * IR order is kept as is.
 */
export function documentOrder<T extends { anchor: string }>(clauses: readonly T[]): T[] {
  const keys = clauses.map((c) => {
    const parts = c.anchor.split('__').map((p) => ANCHOR_PART.exec(p));
    if (parts.some((m) => !m)) return undefined;
    const annex = parts[0]![1] === 'annex' ? Number(parts[0]![2]) : 0;
    return [annex, ...parts.filter((m) => m![1] !== 'annex').map((m) => Number(m![2]))];
  });
  if (keys.some((k) => !k)) return [...clauses];
  const idx = clauses.map((_, i) => i);
  idx.sort((a, b) => {
    const x = keys[a]!;
    const y = keys[b]!;
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return x.length - y.length || a - b;
  });
  return idx.map((i) => clauses[i]!);
}

class PolicyPage {
  private readonly clauseBy = new Map<string, Clause>();
  private readonly clauses: Clause[];
  private readonly doubtIds = new Map<IrDoubtRef, string>();
  private readonly doubtByName = new Map<string, IrDoubtRef>();
  private readonly paramIds = new Map<string, string>();
  private readonly placedDoubts = new Set<string>();
  private readonly placedProperties = new Set<string>();
  private readonly paramUses = new Map<string, { m: number; r: number }[]>();
  /** Definition name → its expression (parameters and uses are followed through definitions). */
  private readonly defExprs = new Map<string, IrExpr>();
  private readonly defIds = new Map<string, string>();
  /** Definition name → who uses it directly: rules, other definitions, assumptions, properties. */
  private readonly defUses = new Map<string, Rich[]>();

  constructor(readonly ir: IrProgram, readonly extras: DocsExtras | undefined, readonly ext: Ext) {
    this.definitions().forEach((d, i) => {
      this.defExprs.set(d.name, d.expr);
      this.defIds.set(d.name, `definition-${i + 1}`);
    });
    this.clauses = documentOrder(ir.clauses);
    for (const c of this.clauses) if (!this.clauseBy.has(c.anchor)) this.clauseBy.set(c.anchor, c);
    ir.doubts.forEach((d, i) => {
      this.doubtIds.set(d, `doubt-${i + 1}`);
      if (!this.doubtByName.has(d.name)) this.doubtByName.set(d.name, d);
    });
    ir.measures.forEach((m, i) => m.doubts.forEach((d, k) => {
      const same = this.doubtByName.get(d.name);
      this.doubtIds.set(d, same ? this.doubtIds.get(same)! : `doubt-m${i + 1}-${k + 1}`);
    }));
    ir.params.forEach((p, i) => { if (!this.paramIds.has(p.name)) this.paramIds.set(p.name, `param-${i + 1}`); });
    const useBy = (e: IrExpr, who: Rich) => {
      for (const n of [...definitionsIn(e)].sort()) {
        const l = this.defUses.get(n) ?? [];
        if (!l.some((x) => JSON.stringify(x) === JSON.stringify(who))) l.push(who);
        this.defUses.set(n, l);
      }
    };
    ir.measures.forEach((m, i) => m.rules.forEach((r, j) => {
      const who: Rich = [link(`#${this.measureId(i)}`, `措施「${m.name}」`), ' ', link(`#${this.ruleId(i, j)}`, `规则「${r.name}」`)];
      useBy(r.condition, who);
      for (const a of r.assignments) useBy(a.value, who);
    }));
    for (const d of this.definitions()) useBy(d.expr, [this.defLink(d.name)]);
    this.assumptions().forEach((a, i) => useBy(a.condition, [link(`#assumption-${i + 1}`, `前提「${a.name}」`)]));
    this.properties().forEach((p) => {
      for (const e of [...(p.condition ? [p.condition] : []), ...p.asserts]) useBy(e, [link(`#${this.propertyId(p)}`, `性质「${p.name}」`)]);
    });
    ir.measures.forEach((m, i) => m.rules.forEach((r, j) => {
      const used = paramsIn(r.condition, new Set(), this.defExprs);
      for (const a of r.assignments) paramsIn(a.value, used, this.defExprs);
      for (const name of [...used].sort()) {
        const list = this.paramUses.get(name) ?? [];
        list.push({ m: i, r: j });
        this.paramUses.set(name, list);
      }
    }));
  }

  title(): string {
    const p = this.ir.policy;
    return `${p.title ?? p.name}${p.docNumber ? `（${p.docNumber}）` : ''}`;
  }

  // ── ids and links ──────────────────────────────────────────────────
  measureId(i: number): string { return `measure-${i + 1}`; }
  ruleId(i: number, j: number): string { return `measure-${i + 1}-rule-${j + 1}`; }

  clauseTitle(c: Clause): string {
    return c.title ? `${c.label} ${c.title}` : c.label;
  }

  clauseLink(anchor: string | undefined, fallback = '（不属于任何条款）'): Inline {
    const c = anchor !== undefined ? this.clauseBy.get(anchor) : undefined;
    if (!c) return anchor ? anchor : fallback;
    return link(`#${safeId(c.anchor)}`, this.clauseTitle(c));
  }

  ruleLink(i: number, name: string): Inline {
    const j = this.ir.measures[i]!.rules.findIndex((r) => r.name === name);
    return j < 0 ? `规则「${name}」` : link(`#${this.ruleId(i, j)}`, `规则「${name}」`);
  }

  defLink(name: string): Inline {
    const id = this.defIds.get(name);
    return id ? link(`#${id}`, `定义「${name}」`) : `定义「${name}」`;
  }

  definitions(): readonly IrDefinition[] {
    return (this.ir as { definitions?: readonly IrDefinition[] }).definitions ?? [];
  }

  assumptions(): IrProgram['assumptions'] {
    return (this.ir as { assumptions?: IrProgram['assumptions'] }).assumptions ?? [];
  }

  /** 「家庭」的「孩次」 for a definition on an entity, 「名」 for a global one. */
  defSubject(d: IrDefinition): string {
    const short = d.entity ? d.name.slice(d.entity.length + 1) : d.name;
    return d.entity ? `「${d.entity}」的「${short}」` : `「${d.name}」`;
  }

  /** The definition as a sentence: “「名」：当且仅当 …” (是否) or “「名」＝ …”; without the subject: “当且仅当 …” / “＝ …”. */
  defFormula(d: IrDefinition, subject = true): string {
    const s = subject ? this.defSubject(d) : '';
    return d.type.k === 'bool' ? `${s}${subject ? '：' : ''}当且仅当${condText(d.expr)}` : `${s}＝${valueText(d.expr)}`;
  }

  /** A recipient: an entity name is shown as 「名」, a description as written. */
  recipientText(r: string): string {
    return this.ir.entities.some((e) => e.name === r) ? `「${r}」` : r;
  }

  paramLink(name: string): Inline {
    const id = this.paramIds.get(name);
    return id ? link(`#${id}`, `参数「${name}」`) : `参数「${name}」`;
  }

  org(name: string): string {
    const full = this.extras?.orgs.get(name);
    return full && full !== name ? `${name}（${full}）` : name;
  }

  orgs(names: readonly string[]): Rich {
    return names.length ? [names.map((n) => this.org(n)).join('、')] : ['—'];
  }

  // ── page ───────────────────────────────────────────────────────────
  blocks(): Block[] {
    const out: Block[] = [...this.header(), this.toc()];
    out.push(...this.clauseSections());
    const orphans = this.ir.measures.map((m, i) => ({ m, i })).filter(({ m }) => !this.clauseBy.has(m.citation.anchor));
    if (orphans.length) {
      out.push({
        t: 'section', cls: 'top', id: 'other-measures',
        children: [{ t: 'h', level: 2, text: ['其他措施'] }, ...orphans.flatMap(({ m, i }) => this.measureBlocks(m, i, 3))],
      });
    }
    if (this.definitions().length) out.push(this.definitionSection());
    if (this.assumptions().length) out.push(this.assumptionSection());
    if (this.properties().length) out.push(this.propertySection());
    if (this.ir.indicators.length) out.push(this.indicatorSection());
    if (this.ir.params.length) out.push(this.paramSection());
    if (this.ir.entities.length) out.push(this.entitySection());
    if (this.allDoubts().length) out.push(this.doubtSection());
    out.push({ t: 'p', cls: 'footer', text: [FOOTER] });
    return out;
  }

  header(): Block[] {
    const p = this.ir.policy;
    const s = stats(this.ir);
    const effective: Rich = p.effectiveIso
      ? [p.effectiveIso]
      : p.effectiveRange
        ? [`${p.effectiveRange.loIso} 至 ${p.effectiveRange.hiIso} 之间的某日（确切日期未知）`, badge('施行日不确定'), ...(p.effectiveNote ? [`（${p.effectiveNote}）`] : [])]
      : this.extras && !this.extras.effectiveStated
        ? ['未声明', badge('未声明生效日期')]
        : ['未知', badge('生效日期未知'), ...(p.effectiveNote ? [`（${p.effectiveNote}）`] : [])];
    const meta: [string, Rich][] = [['政策名称', [p.name]]];
    if (p.title && p.title !== p.name) meta.push(['标题', [p.title]]);
    meta.push(['文号', [p.docNumber ?? '（未注明）']]);
    meta.push(['发文机关', [p.issuer ?? '（未注明）']]);
    if (this.extras?.issuedIso) meta.push(['成文日期', [this.extras.issuedIso]]);
    meta.push(['依据', p.basis.length ? [p.basis.join('；')] : ['（未注明）']]);
    meta.push(['生效', effective]);
    meta.push(['失效', p.sunset ? [sunsetText(p.sunset)] : ['（未规定失效条件）']]);
    if (p.sunset) meta.push(['失效条件原式', [code(p.sunset.condition.origin?.text ?? '')]]);
    meta.push(['解释机关', [p.interpreter ? this.org(p.interpreter) : '（未注明）']]);
    meta.push(['核查', [link(`${REPORT_PAGE}#${reportPolicyId(p.id)}`, '核查报告中本政策的发现')]]);
    const more = [
      ...(this.definitions().length ? [`，定义 ${this.definitions().length} 项`] : []),
      ...(this.assumptions().length ? [`，前提 ${this.assumptions().length} 项`] : []),
    ].join('');
    meta.push(['概况', [
      `措施 ${s.measures} 项，规则 ${s.rules} 条，存疑 ${s.doubts} 项，参数 ${this.ir.params.length} 个${more}`,
      ...(s.unconfirmed > 0 ? [badge(`${s.unconfirmed} 个参数取值未确认`)] : []),
    ]]);
    return [
      { t: 'p', cls: 'back', text: [link(`index.${this.ext}`, '← 政策文档索引')] },
      { t: 'h', level: 1, text: [p.title ?? p.name] },
      ...(p.docNumber ? [{ t: 'p', cls: 'subtitle', text: [p.docNumber] } as Block] : []),
      { t: 'dl', items: meta },
      {
        t: 'p', cls: 'legend', text: [
          '阅读说明：每一条款先列“原文”（逐字引自来源文件），旁列据此形式化的规则（白话）。“决策表”逐条列出各规则的条件：',
          '“是”表示须满足，“否”表示须不满足，“—”表示与该条件无关；多条规则同时适用时，例外规则优先，无优先关系而取值不同时结论为存疑；没有规则适用时，不产生该结果。',
          '法定用语“以上、以下、以内、届满”含本数，“不满、超过、以外”不含本数（《民法典》第一千二百五十九条）。',
          ...(this.definitions().length || this.ir.entities.some((e) => e.fields.some((f) => f.type.k === 'list'))
            ? ['“其”指列表中当前的一个元素；“均满足”在列表没有元素时视为满足；「定义」是由事实推出的结论，见“定义”一节。']
            : []),
          badge('未确认'), '标记的参数取值尚待核实。',
        ],
      },
    ];
  }

  toc(): Block {
    const children = new Map<string, Clause[]>();
    const roots: Clause[] = [];
    for (const c of this.clauses) {
      if (this.clauseBy.get(c.anchor) !== c) continue;
      if (c.parent !== undefined && this.clauseBy.has(c.parent) && c.parent !== c.anchor) {
        const l = children.get(c.parent) ?? [];
        l.push(c);
        children.set(c.parent, l);
      } else roots.push(c);
    }
    const seen = new Set<string>();
    const item = (c: Clause): ListItem => {
      seen.add(c.anchor);
      const kids = (children.get(c.anchor) ?? []).filter((k) => !seen.has(k.anchor));
      return { text: [link(`#${safeId(c.anchor)}`, this.clauseTitle(c))], ...(kids.length ? { children: kids.map(item) } : {}) };
    };
    const items: ListItem[] = roots.map(item);
    if (this.definitions().length) items.push({ text: [link('#definitions', '定义')] });
    if (this.assumptions().length) items.push({ text: [link('#assumptions', '前提')] });
    if (this.properties().length) items.push({ text: [link('#properties', '性质（验证断言）')] });
    if (this.ir.indicators.length) items.push({ text: [link('#indicators', '指标')] });
    if (this.ir.params.length) items.push({ text: [link('#params', '参数')] });
    if (this.ir.entities.length) items.push({ text: [link('#entities', '对象与字段')] });
    if (this.allDoubts().length) items.push({ text: [link('#doubts', '存疑索引')] });
    return { t: 'section', id: 'toc', cls: 'toc', children: [{ t: 'h', level: 2, text: ['目录'] }, { t: 'list', cls: 'toc', items }] };
  }

  clauseSections(): Block[] {
    const sections: Block[][] = [];
    let current: Block[] | undefined;
    for (const c of this.clauses) {
      if (this.clauseBy.get(c.anchor) !== c) continue; // duplicate anchor: shown once
      if (!current || c.depth === 0 || c.parent === undefined || !this.clauseBy.has(c.parent)) {
        current = [];
        sections.push(current);
      }
      current.push(...this.clauseBlocks(c));
    }
    return sections.map((children) => ({ t: 'section', cls: 'top clause', children }));
  }

  /** Items of a clause in written order (from the checked program), or IR order. */
  clauseItems(c: Clause): ClauseItemRef[] {
    const measures = this.ir.measures.filter((m) => m.citation.anchor === c.anchor);
    const given = this.extras?.clauseItems.get(c.anchor);
    if (given) {
      const listed = new Set(given.filter((x) => x.kind === 'measure').map((x) => x.name));
      return [...given, ...measures.filter((m) => !listed.has(m.name)).map((m) => ({ kind: 'measure' as const, name: m.name }))];
    }
    const inMeasures = new Set(measures.flatMap((m) => m.doubts.map((d) => d.name)));
    return [
      ...measures.map((m) => ({ kind: 'measure' as const, name: m.name })),
      ...this.ir.doubts.filter((d) => d.clause === c.anchor && !inMeasures.has(d.name)).map((d) => ({ kind: 'doubt' as const, name: d.name })),
      ...this.ir.indicators.filter((x) => x.clause === c.anchor).map((x) => ({ kind: 'indicator' as const, name: x.name })),
      ...this.properties().filter((x) => x.clause === c.anchor).map((x) => ({ kind: 'property' as const, name: x.name, asserts: [] })),
      ...this.definitions().filter((x) => x.citation?.anchor === c.anchor).map((x) => ({ kind: 'definition' as const, name: x.name })),
      ...this.assumptions().filter((x) => x.clause === c.anchor).map((x) => ({ kind: 'assumption' as const, name: x.name })),
    ];
  }

  clauseBlocks(c: Clause): Block[] {
    const level = Math.min(2 + c.depth, 6) as 2 | 3 | 4 | 5 | 6;
    const sub = Math.min(level + 1, 6) as 3 | 4 | 5 | 6;
    const out: Block[] = [{ t: 'h', level, id: safeId(c.anchor), text: [this.clauseTitle(c)] }];
    if (c.quotes.length) out.push({ t: 'quote', paras: c.quotes.map((q) => this.marked(q, this.doubtsOfClause(c.anchor))) });
    const items = this.clauseItems(c);
    const measureIdx = items.filter((x) => x.kind === 'measure')
      .map((x) => this.ir.measures.findIndex((m) => m.name === x.name && m.citation.anchor === c.anchor))
      .filter((i) => i >= 0);
    if (measureIdx.length) {
      out.push({ t: 'p', cls: 'muted', text: ['本条措施：', ...joinRich(measureIdx.map((i) => [link(`#${this.measureId(i)}`, `措施「${this.ir.measures[i]!.name}」`)]), '、')] });
    }
    let qn = 0;
    for (const it of items) {
      switch (it.kind) {
        case 'measure': {
          const i = this.ir.measures.findIndex((m) => m.name === it.name && m.citation.anchor === c.anchor);
          if (i >= 0) out.push(...this.measureBlocks(this.ir.measures[i]!, i, sub));
          break;
        }
        case 'doubt': {
          const d = this.doubtByName.get(it.name);
          if (d && !this.placedDoubts.has(d.name)) out.push(this.doubtNote(d));
          break;
        }
        case 'indicator': {
          const x = this.ir.indicators.find((y) => y.name === it.name);
          if (x) out.push({ t: 'p', text: [bold(`指标「${x.name}」`), '＝', code(x.expr), '＝', this.indicatorValue(x), '（', link('#indicators', '见指标表'), '）'] });
          break;
        }
        case 'definition': {
          const d = this.definitions().find((x) => x.name === it.name);
          if (d) out.push({ t: 'p', text: [bold(`定义「${d.name}」`), d.type.k === 'bool' ? '：' : '', this.defFormula(d, false), '（', link(`#${this.defIds.get(d.name)!}`, '见定义'), '）'] });
          break;
        }
        case 'assumption': {
          const i = this.assumptions().findIndex((x) => x.name === it.name);
          if (i >= 0) out.push({ t: 'p', text: [bold(`前提「${it.name}」`), '：', condText(this.assumptions()[i]!.condition), '（', link(`#assumption-${i + 1}`, '见前提'), '）'] });
          break;
        }
        case 'qualitative': {
          qn++;
          const right: Block[] = [{ t: 'dl', cls: 'meta qual', items: [
            ['性质', ['不可计算', ...(it.category ? [`（${it.category}）`] : [])]],
            ...(it.reason ? [['理由', [it.reason]] as [string, Rich]] : []),
            ...(it.lead.length ? [['牵头单位', this.orgs(it.lead)] as [string, Rich]] : []),
            ...(it.responsible.length ? [['责任单位', this.orgs(it.responsible)] as [string, Rich]] : []),
            ...(it.note ? [['说明', [it.note]] as [string, Rich]] : []),
          ] }];
          out.push({ t: 'h', level: sub, id: `${safeId(c.anchor)}-q${qn}`, text: [it.name ? `定性「${it.name}」` : '定性条文'] });
          out.push({
            t: 'pair', leftTitle: '原文', rightTitle: '定性',
            left: [it.quotes.length ? { t: 'quote', paras: it.quotes.map((q) => this.marked(q, this.doubtsOfClause(c.anchor))) } : { t: 'p', cls: 'muted', text: ['（无原文）'] }],
            right,
          });
          break;
        }
        case 'property': {
          const ip = this.properties().find((x) => x.name === it.name);
          if (ip) {
            if (!this.placedProperties.has(ip.name)) out.push(this.propertyNote(ip));
            break;
          }
          out.push({
            t: 'note', kind: 'info', title: [`性质「${it.name}」（供验证的断言）`], children: [
              ...(it.condition ? [{ t: 'p', text: ['条件：', code(it.condition)] } as Block] : []),
              { t: 'p', text: ['断言：', ...joinRich(it.asserts.map((a) => [code(a)]), '；')] },
              ...(it.note ? [{ t: 'p', text: ['说明：', it.note] } as Block] : []),
            ],
          });
          break;
        }
      }
    }
    return out;
  }

  doubtsOfClause(anchor: string): IrDoubtRef[] {
    return this.ir.doubts.filter((d) => d.clause === anchor);
  }

  /** A 原文 paragraph with the passages that a 存疑 note discusses highlighted. */
  marked(q: string, doubts: readonly IrDoubtRef[]): Rich {
    const needles = [...new Set(doubts.flatMap((d) => d.quotes).filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
    if (!needles.length) return [q];
    const out: Inline[] = [];
    let i = 0;
    let plainStart = 0;
    while (i < q.length) {
      const hit = needles.find((n) => q.startsWith(n, i));
      if (hit) {
        if (i > plainStart) out.push(q.slice(plainStart, i));
        out.push({ t: 'mark', text: hit });
        i += hit.length;
        plainStart = i;
      } else i++;
    }
    if (plainStart < q.length) out.push(q.slice(plainStart));
    return out;
  }

  /** The measure's own 原文: its citation without the clause's own quotes. */
  measureQuotes(m: IrMeasure): string[] {
    const own = this.clauseBy.get(m.citation.anchor)?.quotes ?? [];
    const q = m.citation.quotes;
    if (own.length && own.every((x, i) => q[i] === x)) return q.slice(own.length);
    return q.filter((x) => !own.includes(x));
  }

  outcomeText(o: IrOutcome): string {
    return `${o.name}：${typeText(o.type)}${o.period ? `，${o.period}` : ''}${o.required ? '，必须给出' : ''}`;
  }

  measureBlocks(m: IrMeasure, i: number, level: 3 | 4 | 5 | 6): Block[] {
    const quotes = this.measureQuotes(m);
    const doubts = m.doubts;
    const meta: [string, Rich][] = [
      ['条款', [this.clauseLink(m.citation.anchor)]],
      ['牵头单位', this.orgs(m.lead)],
      ['责任单位', this.orgs(m.responsible)],
      ['对象', [m.subject ? `「${m.subject}」` : '—']],
    ];
    if (m.recipient) meta.push(['发放对象', [this.recipientText(m.recipient)]]);
    if (m.application) {
      const j = this.ir.measures.findIndex((x) => x.name === m.application);
      meta.push(['申请条件', j < 0 ? [`措施「${m.application}」`] : [
        link(`#${this.measureId(j)}`, `措施「${m.application}」`), '（', this.clauseLink(this.ir.measures[j]!.citation.anchor), '）；正文资格与申请条件都满足时方可领取',
      ]]);
    }
    const appliesTo = this.ir.measures.map((x, j) => ({ x, j })).filter(({ x }) => x.application === m.name);
    if (appliesTo.length) meta.push(['作为申请条件', joinRich(appliesTo.map(({ x, j }) => [link(`#${this.measureId(j)}`, `措施「${x.name}」`)]), '、')]);
    meta.push(['结果', m.outcomes.length ? joinRich(m.outcomes.map((o) => [this.outcomeText(o)]), { t: 'br' }) : ['—']]);
    if (m.note) meta.push(['说明', [m.note]]);
    const rules: ListItem[] = m.rules.map((r, j) => this.ruleItem(m, i, r, j));
    const out: Block[] = [
      { t: 'h', level, id: this.measureId(i), text: [`措施「${m.name}」`] },
      { t: 'dl', cls: 'meta measure-meta', items: meta },
      {
        t: 'pair', leftTitle: '原文', rightTitle: '规则（白话）',
        left: quotes.length ? [{ t: 'quote', paras: quotes.map((q) => this.marked(q, doubts)) }] : [{ t: 'p', cls: 'muted', text: ['（原文见本条款）'] }],
        right: rules.length ? [{ t: 'list', cls: 'rules', items: rules }] : [{ t: 'p', cls: 'muted', text: ['（无规则）'] }],
      },
    ];
    for (const o of m.outcomes) {
      const t = this.decisionTable(m, i, o);
      if (t) out.push(t);
    }
    const used = [...new Set(m.rules.flatMap((r) => [...paramsIn(r.condition, new Set(), this.defExprs), ...r.assignments.flatMap((a) => [...paramsIn(a.value, new Set(), this.defExprs)])]))].sort();
    if (used.length) out.push(this.paramTable(used, `措施「${m.name}」所用参数`));
    for (const d of doubts) out.push(this.doubtNote(d));
    return out;
  }

  ruleItem(m: IrMeasure, i: number, r: IrRule, j: number): ListItem {
    const children: ListItem[] = [];
    if (r.overrides.length) children.push({ text: ['例外：优先于 ', ...joinRich(r.overrides.map((n) => [this.ruleLink(i, n)]), '、')] });
    const overriddenBy = m.rules.filter((x) => x.overrides.includes(r.name)).map((x) => x.name);
    if (overriddenBy.length) children.push({ text: ['让位于：', ...joinRich(overriddenBy.map((n) => [this.ruleLink(i, n)]), '、')] });
    const v = validityText(r);
    if (v) children.push({ text: [`有效期：${v}`] });
    if (r.note) children.push({ text: [`说明：${r.note}`] });
    const defs = [...new Set([...definitionsIn(r.condition), ...r.assignments.flatMap((a) => [...definitionsIn(a.value)])])].sort();
    if (defs.length) children.push({ text: ['所用定义：', ...joinRich(defs.map((n) => [this.defLink(n)]), '、')] });
    const ps = [...paramsIn(r.condition, new Set(), this.defExprs), ...r.assignments.flatMap((a) => [...paramsIn(a.value, new Set(), this.defExprs)])];
    const uniq = [...new Set(ps)].sort();
    if (uniq.length) {
      children.push({
        text: ['所用参数：', ...joinRich(uniq.map((n) => {
          const p = this.ir.params.find((x) => x.name === n);
          return [this.paramLink(n), ...(p && p.values.some((x) => !x.confirmed) ? [badge('未确认')] : [])];
        }), '、')],
      });
    }
    children.push({ text: ['出处：', this.clauseLink(m.citation.anchor)] });
    children.push({ text: ['原式：', code(r.origin.text)] });
    return { id: this.ruleId(i, j), text: [bold(`规则「${r.name}」`), ' ', ruleText(r, m.outcomes)], children };
  }

  decisionTable(m: IrMeasure, i: number, o: IrOutcome): Block | undefined {
    const rules = m.rules.map((r, j) => ({ r, j })).filter(({ r }) => r.assignments.some((a) => a.outcome === o.name));
    if (!rules.length) return undefined;
    const keys: string[] = [];
    const lits = rules.map(({ r }) => {
      const ls = literals(r.condition);
      for (const l of ls) if (!keys.includes(l.key)) keys.push(l.key);
      return ls;
    });
    const hasValidity = rules.some(({ r }) => validityText(r) !== '');
    const unit = [o.unit, o.period].filter((x) => x).join('，');
    const head: Rich[] = [['规则'], ...keys.map((k) => [k]), ...(hasValidity ? [['有效期']] : []), [`${o.name}${unit ? `（${unit}）` : ''}`], ['优先于']];
    const rows = rules.map(({ r, j }, n): Rich[] => {
      const cells = keys.map((k): Rich => {
        const hits = lits[n]!.filter((l) => l.key === k);
        if (!hits.length) return ['—'];
        const pos = hits.some((l) => l.positive);
        const neg = hits.some((l) => !l.positive);
        return [pos && neg ? '是且否' : pos ? '是' : '否'];
      });
      const a = r.assignments.find((x) => x.outcome === o.name)!;
      return [
        [link(`#${this.ruleId(i, j)}`, r.name)],
        ...cells,
        ...(hasValidity ? [[validityText(r) || '—']] : []),
        [valueText(a.value)],
        r.overrides.length ? joinRich(r.overrides.map((x) => [this.ruleLink(i, x)]), '、') : ['—'],
      ];
    });
    return { t: 'table', cls: 'decision', caption: [`决策表：${o.name}`], head, rows };
  }

  paramValueRows(p: IrParam, withName: boolean): Rich[][] {
    if (!p.values.length) return [[...(withName ? [[this.paramLink(p.name)]] : []), ['—'], ['（无取值）'], ['—'], [badge('未确认')]]];
    return p.values.map((v) => [
      ...(withName ? [[this.paramLink(p.name)] as Rich] : []),
      [`自 ${v.fromIso}`],
      [display(p.type, v.value)],
      [v.source || '（未注明）'],
      v.confirmed ? ['已确认'] : [badge('未确认')],
    ]);
  }

  paramTable(names: readonly string[], caption: string): Block {
    const rows: Rich[][] = [];
    for (const n of names) {
      const p = this.ir.params.find((x) => x.name === n);
      if (p) rows.push(...this.paramValueRows(p, true));
      else rows.push([[`参数「${n}」`], ['—'], ['（未定义）'], ['—'], [badge('未确认')]]);
    }
    return { t: 'table', cls: 'params', caption: [caption], head: [['参数'], ['起始日期'], ['取值'], ['来源'], ['状态']], rows };
  }

  doubtNote(d: IrDoubtRef): Block {
    this.placedDoubts.add(d.name);
    const children: Block[] = [];
    if (d.quotes.length) {
      children.push({ t: 'p', text: ['所涉原文：'] });
      children.push({ t: 'quote', cls: 'inline', paras: d.quotes.map((q) => [q]) });
    }
    children.push({
      t: 'list', items: d.readings.map((r): ListItem => ({
        text: [bold(`解读「${r.name}」`), '：', r.text, ...(d.adopted === r.name ? [badge('采用', 'ok')] : [])],
      })),
    });
    children.push({ t: 'p', text: ['采用：', d.adopted ? `「${d.adopted}」` : '（未决）'] });
    if (d.reason) children.push({ t: 'p', text: ['理由：', d.reason] });
    children.push({ t: 'p', text: ['所在条款：', this.clauseLink(d.clause)] });
    return {
      t: 'note', kind: 'doubt', id: this.doubtIds.get(d) ?? `doubt-${safeId(d.name)}`,
      title: [`存疑「${d.name}」`, d.adopted ? badge(`已采用「${d.adopted}」`, 'info') : badge('未决')], children,
    };
  }

  allDoubts(): IrDoubtRef[] {
    const out = [...this.ir.doubts];
    for (const m of this.ir.measures) for (const d of m.doubts) if (!out.some((x) => x.name === d.name)) out.push(d);
    return out;
  }

  indicatorValue(x: IrProgram['indicators'][number]): string {
    if (x.value === '') return '（无法计算）';
    if (x.exact) return `${x.value}${x.unit}`;
    const frac = (x as { fraction?: string }).fraction;
    return `${x.value}${x.unit}（循环小数${frac ? `，即 ${frac}` : ''}）`;
  }

  properties(): readonly IrProperty[] {
    return (this.ir as { properties?: readonly IrProperty[] }).properties ?? [];
  }

  propertyId(p: IrProperty): string {
    return `property-${this.properties().indexOf(p) + 1}`;
  }

  propertyNote(p: IrProperty): Block {
    this.placedProperties.add(p.name);
    const children: Block[] = [];
    if (p.condition) children.push({ t: 'p', text: ['前提：', condText(p.condition)] });
    if (p.asserts.length === 1) children.push({ t: 'p', text: ['断言：', condText(p.asserts[0]!)] });
    else children.push({ t: 'p', text: ['断言（均须成立）：'] }, { t: 'list', items: p.asserts.map((a) => ({ text: [condText(a)] })) });
    if (p.accepted) children.push({ t: 'p', text: [badge('已知不成立'), '原文缺陷：', p.accepted] });
    if (p.note) children.push({ t: 'p', text: ['说明：', p.note] });
    if (p.clause) children.push({ t: 'p', text: ['所在条款：', this.clauseLink(p.clause)] });
    children.push({ t: 'p', cls: 'muted', text: ['原式：', code(p.origin.text)] });
    return {
      t: 'note', kind: p.accepted ? 'warn' : 'info', id: this.propertyId(p),
      title: [`性质「${p.name}」`, ...(p.kind && p.kind !== '一般' ? [badge(p.kind, 'info')] : []), ...(p.usesEvent ? [badge('涉及上级事件', 'info')] : [])],
      children,
    };
  }

  propertySection(): Block {
    const all = this.properties();
    const children: Block[] = [
      { t: 'h', level: 2, text: ['性质（验证断言）'] },
      { t: 'p', cls: 'legend', text: ['核查工具对每条性质证明其成立或给出反例。“已知不成立”的性质记录原文本身的缺陷，由编写者说明原因。'] },
      {
        t: 'table', cls: 'properties', head: [['性质'], ['类别'], ['条款'], ['状态']],
        rows: all.map((p) => [
          [link(`#${this.propertyId(p)}`, `「${p.name}」`)], [p.kind ?? '一般'], [this.clauseLink(p.clause, '—')],
          p.accepted ? [badge('已知不成立')] : ['应成立'],
        ]),
      },
    ];
    for (const p of all) if (!this.placedProperties.has(p.name)) children.push(this.propertyNote(p));
    return { t: 'section', cls: 'top', id: 'properties', children };
  }

  definitionSection(): Block {
    const all = this.definitions();
    const children: Block[] = [
      { t: 'h', level: 2, text: ['定义（由事实推出的结论）'] },
      {
        t: 'p', cls: 'legend', text: [
          '原文规定的结论（如“夫妻至少一方户籍在本县”“本方案实施后出生”）由输入的事实推出，而不是由经办人判断。',
          '每项定义列出其原文、白话公式与原式；求值结果列出用到的每项定义及其取值。',
        ],
      },
      {
        t: 'table', cls: 'definitions', head: [['定义'], ['类型'], ['条款'], ['使用于']],
        rows: all.map((d) => [
          [this.defLink(d.name)], [typeText(d.type)], [this.clauseLink(d.citation?.anchor || undefined, '—')],
          (this.defUses.get(d.name) ?? []).length ? joinRich(this.defUses.get(d.name)!, '；') : ['（未被使用）'],
        ]),
      },
    ];
    for (const d of all) {
      const right: ListItem[] = [{ text: [this.defFormula(d)] }];
      right.push({ text: [`类型：${typeText(d.type)}`, ...(d.entity ? [`；实体「${d.entity}」的每一个实例都有此项（如列表中的每个元素）`] : [])] });
      if (d.note) right.push({ text: [`说明：${d.note}`] });
      if (d.doubts.length) {
        right.push({ text: ['依据存疑：', ...joinRich(d.doubts.map((n) => [this.doubtLink(n)]), '、')] });
      }
      const ps = [...paramsIn(d.expr, new Set(), this.defExprs)].sort();
      if (ps.length) right.push({ text: ['所用参数：', ...joinRich(ps.map((n) => [this.paramLink(n)]), '、')] });
      const uses = this.defUses.get(d.name) ?? [];
      right.push({ text: ['使用于：', ...(uses.length ? joinRich(uses, '；') : ['（未被使用）'])] });
      if (d.citation?.anchor) right.push({ text: ['出处：', this.clauseLink(d.citation.anchor)] });
      right.push({ text: ['原式：', code(d.origin.text)] });
      const quotes = d.citation?.quotes ?? [];
      children.push({ t: 'h', level: 3, id: this.defIds.get(d.name)!, text: [`定义「${d.name}」`] });
      children.push({
        t: 'pair', leftTitle: '原文', rightTitle: '定义（白话）',
        left: quotes.length ? [{ t: 'quote', paras: quotes.map((q) => [q]) }] : [{ t: 'p', cls: 'muted', text: ['（未引原文）'] }],
        right: [{ t: 'list', cls: 'rules', items: right }],
      });
    }
    return { t: 'section', cls: 'top', id: 'definitions', children };
  }

  doubtLink(name: string): Inline {
    const d = this.allDoubts().find((x) => x.name === name);
    const id = d ? this.doubtIds.get(d) : undefined;
    return id ? link(`#${id}`, `存疑「${name}」`) : `存疑「${name}」`;
  }

  assumptionSection(): Block {
    const all = this.assumptions();
    return {
      t: 'section', cls: 'top', id: 'assumptions', children: [
        { t: 'h', level: 2, text: ['前提'] },
        {
          t: 'p', cls: 'legend', text: [
            '编码只对满足全部前提的输入负责：求值时，输入违反的前提列在结果的“前提不满足”中；核查时只考虑满足前提的输入。',
          ],
        },
        {
          t: 'table', cls: 'assumptions', head: [['前提'], ['条件'], ['说明'], ['条款']],
          rows: all.map((a, i) => [
            [link(`#assumption-${i + 1}`, `「${a.name}」`)], [condText(a.condition)], [a.note ?? '—'], [this.clauseLink(a.clause, '—')],
          ]),
        },
        ...all.map((a, i): Block => ({
          t: 'note', kind: 'info', id: `assumption-${i + 1}`, title: [`前提「${a.name}」`], children: [
            { t: 'p', text: ['条件：', condText(a.condition)] },
            ...(a.note ? [{ t: 'p', text: ['说明：', a.note] } as Block] : []),
            ...(a.clause ? [{ t: 'p', text: ['所在条款：', this.clauseLink(a.clause)] } as Block] : []),
            { t: 'p', cls: 'muted', text: ['原式：', code(a.origin.text)] },
          ],
        })),
      ],
    };
  }

  indicatorSection(): Block {
    const rows = this.ir.indicators.map((x): Rich[] => [
      [x.name], [code(x.expr)], [this.indicatorValue(x)], [x.note ?? '—'], [this.clauseLink(x.clause, '—')],
    ]);
    return {
      t: 'section', cls: 'top', id: 'indicators', children: [
        { t: 'h', level: 2, text: ['指标'] },
        { t: 'p', cls: 'legend', text: ['指标在编译时以十进制精确计算，不经二进制浮点。'] },
        { t: 'table', cls: 'indicators', head: [['名称'], ['表达式'], ['精确值'], ['说明'], ['条款']], rows },
      ],
    };
  }

  paramSection(): Block {
    const children: Block[] = [{ t: 'h', level: 2, text: ['参数'] }, {
      t: 'p', cls: 'legend', text: ['参数取值随日期变化：评估日期适用其当日或之前最近一次生效的取值。', badge('未确认'), '表示该取值的来源尚待核实。'],
    }];
    this.ir.params.forEach((p, n) => {
      if (this.paramIds.get(p.name) !== `param-${n + 1}`) return;
      const uses = this.paramUses.get(p.name) ?? [];
      children.push({ t: 'h', level: 3, id: `param-${n + 1}`, text: [`参数「${p.name}」`, ...(p.values.some((v) => !v.confirmed) ? [badge('未确认')] : [])] });
      children.push({ t: 'p', text: [`类型：${typeText(p.type)}${p.unit ? `；单位：${p.unit}` : ''}`] });
      children.push({ t: 'table', cls: 'params', head: [['起始日期'], ['取值'], ['来源'], ['状态']], rows: this.paramValueRows(p, false) });
      children.push({
        t: 'p', text: ['使用于：', ...(uses.length ? joinRich(uses.map(({ m, r }) => {
          const mm = this.ir.measures[m]!;
          return [link(`#${this.measureId(m)}`, `措施「${mm.name}」`), ' ', link(`#${this.ruleId(m, r)}`, `规则「${mm.rules[r]!.name}」`)];
        }), '；') : ['（未被规则使用）'])],
      });
    });
    return { t: 'section', cls: 'top', id: 'params', children };
  }

  entitySection(): Block {
    const children: Block[] = [{ t: 'h', level: 2, text: ['对象与字段'] }, {
      t: 'p', cls: 'legend', text: ['规则中的「对象」的「字段」即下列输入事实；缺少的事实按“未知”处理，可能使结论为存疑。类型为「实体」的字段是一个嵌套的记录，“列表”是一组记录；没有注明“可为负”的数、金额、时长不能为负。'],
    }];
    this.ir.entities.forEach((e, n) => {
      const defs = this.definitions().filter((d) => d.entity === e.name);
      children.push({
        t: 'table', id: `entity-${n + 1}`, cls: 'entity', caption: [`「${e.name}」`], head: [['字段'], ['类型'], ['说明']],
        rows: [
          ...e.fields.map((f): Rich[] => [[f.name], [`${typeText(f.type)}${f.signed ? '，可为负' : ''}`], [f.doc ?? '—']]),
          ...defs.map((d): Rich[] => [[link(`#${this.defIds.get(d.name)!}`, d.name.slice(e.name.length + 1))], [typeText(d.type)], ['定义：由其他事实推出，不需输入']]),
        ],
      });
    });
    return { t: 'section', cls: 'top', id: 'entities', children };
  }

  doubtSection(): Block {
    const all = this.allDoubts();
    const measureOf = (d: IrDoubtRef): Inline => {
      const i = this.ir.measures.findIndex((m) => m.doubts.some((x) => x.name === d.name));
      return i < 0 ? '—' : link(`#${this.measureId(i)}`, `措施「${this.ir.measures[i]!.name}」`);
    };
    const children: Block[] = [
      { t: 'h', level: 2, text: ['存疑索引'] },
      { t: 'p', cls: 'legend', text: ['原文可有多种解读之处。规则按“采用”的解读形式化；各项的解读与理由见所链接的注记；未决的存疑须由解释机关确认。'] },
      {
        t: 'table', cls: 'doubts', head: [['存疑'], ['条款'], ['措施'], ['采用的解读']],
        rows: all.map((d) => [
          [link(`#${this.doubtIds.get(d) ?? ''}`, `「${d.name}」`)], [this.clauseLink(d.clause, '—')], [measureOf(d)],
          d.adopted ? [`「${d.adopted}」`] : [badge('未决')],
        ]),
      },
    ];
    // notes not shown beside any clause are shown here in full
    for (const d of all) if (!this.placedDoubts.has(d.name)) children.push(this.doubtNote(d));
    return { t: 'section', cls: 'top', id: 'doubts', children };
  }
}

export { docsExtras, type DocsExtras } from './docs-extras.js';
